#include "exportdialog.h"

#include "chartframe.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>

#include <cmath>

namespace entente {

ExportDialog::ExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_dpi(new QSpinBox(this))
    , m_textSize(new QLabel(this))
{
    setWindowTitle(tr("Export PNG"));
    for (QSpinBox *box : { m_width, m_height }) {
        box->setRange(100, 20000);
        box->setSuffix(tr(" px"));
    }
    m_dpi->setRange(48, 1200);
    m_dpi->setSuffix(tr(" dpi"));
    m_dpi->setToolTip(tr("96 draws text at screen size; 192 draws it twice as large, for print"));
    auto *form = new QFormLayout(this);
    form->addRow(tr("&Width:"), m_width);
    form->addRow(tr("&Height:"), m_height);
    form->addRow(tr("&Resolution:"), m_dpi);
    m_textSize->setObjectName(QStringLiteral("exportTextSize"));
    m_textSize->setForegroundRole(QPalette::PlaceholderText);
    form->addRow(QString(), m_textSize);
    for (QSpinBox *box : { m_width, m_height, m_dpi })
        connect(box, &QSpinBox::valueChanged, this, &ExportDialog::updateTextSize);
    updateTextSize();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
}

void ExportDialog::setImageSize(const QSize &size)
{
    m_width->setValue(size.width());
    m_height->setValue(size.height());
}

void ExportDialog::setDpi(int dpi)
{
    m_dpi->setValue(dpi);
}

QSize ExportDialog::imageSize() const
{
    return { m_width->value(), m_height->value() };
}

int ExportDialog::dpi() const
{
    return m_dpi->value();
}

QString ExportDialog::textSizeText() const
{
    // As ChartExport::image() draws: logical pixels of 1/96 inch, the DPI's share of them per pixel.
    const double scale = m_dpi->value() / 96.0;
    const double logical = ChartFrame::textPixels(QSizeF(imageSize()) / scale);
    return tr("Text: %1 px, %2 pt printed at %3 dpi")
        .arg(std::lround(logical * scale))
        .arg(std::lround(logical * 72.0 / 96.0))
        .arg(m_dpi->value());
}

void ExportDialog::updateTextSize()
{
    m_textSize->setText(textSizeText());
}

} // namespace entente
