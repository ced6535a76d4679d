#include "correctionsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace entente {

CorrectionsDialog::CorrectionsDialog(QWidget *parent)
    : QDialog(parent)
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("editHistory"));
    setWindowTitle(tr("Correction History"));
    auto *note = new QLabel(tr("Every correction of this store, the oldest first. Each holds for what later "
                               "imports add, until it is taken back."),
        this);
    note->setWordWrap(true);
    m_list->setObjectName(QStringLiteral("editList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAlternatingRowColors(true);
    m_list->setHeaderLabels({ tr("Made"), tr("Correction"), tr("State") });
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_list->header()->setStretchLastSection(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_takeBack = buttons->addButton(tr("&Take Back"), QDialogButtonBox::ActionRole);
    m_takeBack->setObjectName(QStringLiteral("takeBackEdit"));
    m_takeBack->setToolTip(tr("Put back what the selected correction changed"));
    m_applyAgain = buttons->addButton(tr("&Apply Again"), QDialogButtonBox::ActionRole);
    m_applyAgain->setObjectName(QStringLiteral("applyEditAgain"));
    m_applyAgain->setToolTip(tr("Make the selected correction again"));
    m_export = buttons->addButton(tr("&Export…"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("exportEdits"));
    m_export->setToolTip(tr("Save the corrections that hold as a file another store can take"));
    m_import = buttons->addButton(tr("&Import…"), QDialogButtonBox::ActionRole);
    m_import->setObjectName(QStringLiteral("importEdits"));
    m_import->setToolTip(tr("Apply the corrections of a file exported from another store"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addWidget(m_list, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &CorrectionsDialog::updateButtons);
    connect(m_takeBack, &QPushButton::clicked, this, [this] {
        if (const Edit *e = current(); e && !e->undone)
            emit takeBackRequested(*e);
    });
    connect(m_applyAgain, &QPushButton::clicked, this, [this] {
        if (const Edit *e = current(); e && e->undone)
            emit applyAgainRequested(*e);
    });
    connect(m_export, &QPushButton::clicked, this, &CorrectionsDialog::exportRequested);
    connect(m_import, &QPushButton::clicked, this, &CorrectionsDialog::importRequested);
    resize(640, 380);
    updateButtons();
}

void CorrectionsDialog::setEdits(const QList<Edit> &edits)
{
    const Edit *was = current();
    const qint64 selected = was ? was->id : -1;
    m_edits = edits;
    m_list->clear();
    QTreeWidgetItem *keep = nullptr;
    for (qsizetype i = 0; i < m_edits.size(); ++i) {
        const Edit &e = m_edits.at(i);
        auto *item = new QTreeWidgetItem(m_list,
            { QLocale().toString(e.madeAt.toLocalTime(), QLocale::ShortFormat), e.description(),
                e.undone ? tr("taken back") : tr("holds") });
        item->setData(0, Qt::UserRole, qint64(i));
        item->setToolTip(1, e.description());
        if (e.undone) {
            for (int c = 0; c < 3; ++c)
                item->setForeground(c, palette().brush(QPalette::Disabled, QPalette::Text));
        }
        if (e.id == selected)
            keep = item;
    }
    if (keep)
        m_list->setCurrentItem(keep);
    else if (m_list->topLevelItemCount() > 0)
        m_list->scrollToItem(m_list->topLevelItem(m_list->topLevelItemCount() - 1));
    updateButtons();
}

const Edit *CorrectionsDialog::current() const
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item)
        return nullptr;
    const qint64 i = item->data(0, Qt::UserRole).toLongLong();
    return i >= 0 && i < m_edits.size() ? &m_edits.at(i) : nullptr;
}

void CorrectionsDialog::updateButtons()
{
    const Edit *e = current();
    m_takeBack->setEnabled(e && !e->undone);
    m_applyAgain->setEnabled(e && e->undone);
    m_export->setEnabled(std::any_of(m_edits.cbegin(), m_edits.cend(), [](const Edit &e) { return !e.undone; }));
}

} // namespace entente
