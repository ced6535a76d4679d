#include "exportdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSpinBox>

namespace entente {

ExportDialog::ExportDialog(QWidget *parent)
    : QDialog(parent)
    , m_width(new QSpinBox(this))
    , m_height(new QSpinBox(this))
    , m_dpi(new QSpinBox(this))
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

} // namespace entente
