#pragma once

#include <QDialog>

class QLabel;
class QSpinBox;

namespace entente {

// Asks for the pixel size and resolution of a PNG export, and says how large its text comes out (the type grows with
// the picture and its resolution: ChartFrame::textPixels()). Only the interactive export path shows it;
// ChartExport::write takes the same values directly.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(QWidget *parent = nullptr);

    void setImageSize(const QSize &size);
    void setDpi(int dpi);
    [[nodiscard]] QSize imageSize() const;
    [[nodiscard]] int dpi() const;
    // "Text: 16 px, 12 pt printed at 96 dpi", for the values chosen.
    [[nodiscard]] QString textSizeText() const;

private:
    void updateTextSize();

    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QSpinBox *m_dpi = nullptr;
    QLabel *m_textSize = nullptr;
};

} // namespace entente
