#pragma once

#include <QDialog>

class QSpinBox;

namespace entente {

// Asks for the pixel size and resolution of a PNG export. Only the interactive export path
// shows it; ChartExport::write takes the same values directly.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ExportDialog(QWidget *parent = nullptr);

    void setImageSize(const QSize &size);
    void setDpi(int dpi);
    [[nodiscard]] QSize imageSize() const;
    [[nodiscard]] int dpi() const;

private:
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QSpinBox *m_dpi = nullptr;
};

} // namespace entente
