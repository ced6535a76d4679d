#include "mergedialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace entente {

MergeDialog::MergeDialog(
    const QString &sourceName, const QList<std::pair<QString, QString>> &candidates, QWidget *parent)
    : QDialog(parent)
    , m_filter(new QLineEdit(this))
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("mergeDialog"));
    setWindowTitle(tr("Merge into"));
    auto *label = new QLabel(tr("Count every mention of %1 as a mention of:").arg(sourceName.toHtmlEscaped()), this);
    label->setWordWrap(true);
    m_filter->setObjectName(QStringLiteral("mergeFilter"));
    m_filter->setPlaceholderText(tr("Search"));
    m_filter->setClearButtonEnabled(true);
    m_list->setObjectName(QStringLiteral("mergeTargets"));
    for (const auto &[key, name] : candidates) {
        auto *item = new QListWidgetItem(name == key ? name : tr("%1 (%2)").arg(name, key), m_list);
        item->setData(Qt::UserRole, key);
        item->setData(Qt::UserRole + 1, QString(name + u' ' + key));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Merge"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(m_filter);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &MergeDialog::applyFilter);
    connect(m_list, &QListWidget::currentItemChanged, this, &MergeDialog::updateOk);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    updateOk();
    m_filter->setFocus();
}

void MergeDialog::askForYears(int from, int to)
{
    if (m_from)
        return;
    setWindowTitle(tr("Merge for Some Years"));
    m_from = new QSpinBox(this);
    m_to = new QSpinBox(this);
    for (QSpinBox *box : { m_from, m_to }) {
        box->setRange(1, 9999);
        box->setGroupSeparatorShown(false);
    }
    m_from->setObjectName(QStringLiteral("mergeFrom"));
    m_to->setObjectName(QStringLiteral("mergeTo"));
    m_from->setValue(from);
    m_to->setValue(std::max(from, to));
    // The range stays a range: the end never before the start.
    connect(m_from, &QSpinBox::valueChanged, m_to, [this](int v) { m_to->setMinimum(v); });
    m_to->setMinimum(from);
    auto *form = new QFormLayout;
    form->addRow(tr("In the articles published from"), m_from);
    form->addRow(tr("to (included)"), m_to);
    auto *layout = static_cast<QVBoxLayout *>(this->layout());
    layout->insertLayout(layout->count() - 1, form);
}

int MergeDialog::fromYear() const
{
    return m_from ? m_from->value() : 0;
}

int MergeDialog::toYear() const
{
    return m_to ? m_to->value() : 0;
}

QString MergeDialog::targetKey() const
{
    const QListWidgetItem *item = m_list->currentItem();
    return item && !item->isHidden() ? item->data(Qt::UserRole).toString() : QString();
}

void MergeDialog::applyFilter(const QString &text)
{
    QListWidgetItem *first = nullptr;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem *item = m_list->item(i);
        const bool shown = item->data(Qt::UserRole + 1).toString().contains(text.trimmed(), Qt::CaseInsensitive);
        item->setHidden(!shown);
        if (shown && !first)
            first = item;
    }
    // The first match is the one Enter takes.
    if (!m_list->currentItem() || m_list->currentItem()->isHidden())
        m_list->setCurrentItem(first);
    updateOk();
}

void MergeDialog::updateOk()
{
    m_ok->setEnabled(!targetKey().isEmpty());
}

} // namespace entente
