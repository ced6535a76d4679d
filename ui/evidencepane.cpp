#include "evidencepane.h"

#include "asyncquery.h"
#include "busyoverlay.h"

#include "edit.h"
#include "evidencemodel.h"
#include "gazetteer.h"
#include "richtextdelegate.h"
#include "selection.h"
#include "storesession.h"

#include <QAction>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

#include <utility>

namespace entente {

namespace {

QString nameOf(const QString &code)
{
    const QString name = Gazetteer::shared().countryName(code);
    return name.isEmpty() ? code : name;
}

} // namespace

EvidencePane::EvidencePane(Selection *selection, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(new EvidenceModel(this))
    , m_header(new QLabel(this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("evidencePane"));
    m_view->setObjectName(QStringLiteral("evidenceView"));
    m_view->setModel(m_model);
    // The sentence over up to three lines, cue words in bold, its whole text in the tooltip; rows of one
    // height, so that a long list lays out at once.
    m_view->setItemDelegateForColumn(
        EvidenceModel::SentenceColumn, new RichTextDelegate(EvidenceModel::SentenceHtmlRole, m_view, SentenceLines));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(RichTextDelegate::rowHeight(m_view->font(), SentenceLines));
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    (new BusyOverlay(m_view))->watch(m_model->query());

    // Copy (Ctrl+C) the sentence, or copy it as a citation for a report.
    m_copy = new QAction(tr("&Copy Sentence"), this);
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copy->setStatusTip(tr("Copy the selected sentence"));
    connect(m_copy, &QAction::triggered, this, [this] { copy(EvidenceModel::SentenceTextRole); });
    m_copyCitation = new QAction(tr("Copy as C&itation"), this);
    m_copyCitation->setShortcut(QKeySequence(tr("Ctrl+Shift+C")));
    m_copyCitation->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_copyCitation->setStatusTip(tr("Copy the selected sentence with its article's title, source and date"));
    connect(m_copyCitation, &QAction::triggered, this, [this] { copy(EvidenceModel::CitationRole); });
    auto *open = new QAction(tr("&Read in Article"), this);
    connect(open, &QAction::triggered, this, [this] { activate(m_view->currentIndex()); });
    // Corrections of the relation, kept by the store apart from what the extraction found.
    auto *separator = new QAction(this);
    separator->setSeparator(true);
    auto *reject = new QAction(tr("Re&ject Relation"), this);
    reject->setObjectName(QStringLiteral("rejectRelation"));
    reject->setStatusTip(tr("The extraction was wrong: count this relation nowhere"));
    connect(reject, &QAction::triggered, this, [this] { requestRelationEdit({}); });
    auto *toneMenu = new QMenu(tr("&Tone"), this);
    toneMenu->setObjectName(QStringLiteral("relationTone"));
    for (const auto &[tone, title] : { std::pair { QStringLiteral("cooperation"), tr("&Cooperation") },
             std::pair { QStringLiteral("conflict"), tr("C&onflict") },
             std::pair { QStringLiteral("neutral"), tr("&Neutral") } }) {
        QAction *a = toneMenu->addAction(title, this, [this, tone = tone] { requestRelationEdit(tone); });
        a->setObjectName(QStringLiteral("tone_") + tone);
        a->setStatusTip(tr("Count this relation as %1").arg(tone));
    }
    // Who acts on whom: the parties as the pair names them (a, b), either way round, or neither.
    auto *directionMenu = new QMenu(tr("&Direction"), this);
    directionMenu->setObjectName(QStringLiteral("relationDirection"));
    for (const auto &[direction, title] : { std::pair { QStringLiteral("a-b"), tr("&First Acts on Second") },
             std::pair { QStringLiteral("b-a"), tr("&Second Acts on First") },
             std::pair { QStringLiteral("none"), tr("&No Direction") } }) {
        QAction *a
            = directionMenu->addAction(title, this, [this, direction = direction] { requestDirection(direction); });
        a->setObjectName(QStringLiteral("direction_") + direction);
    }
    // The names of the selected relation's parties in the direction actions.
    connect(directionMenu, &QMenu::aboutToShow, this, [this, directionMenu] {
        const QModelIndex index = m_view->currentIndex();
        const QString a = nameOf(index.data(EvidenceModel::PartyARole).toString());
        const QString b = nameOf(index.data(EvidenceModel::PartyBRole).toString());
        const QList<QAction *> actions = directionMenu->actions();
        if (actions.size() == 3 && !a.isEmpty() && !b.isEmpty()) {
            actions[0]->setText(tr("%1 Acts on %2").arg(a, b));
            actions[1]->setText(tr("%1 Acts on %2").arg(b, a));
        }
    });
    m_corrections = { reject, toneMenu->menuAction(), directionMenu->menuAction() };
    m_view->addActions(
        { open, m_copy, m_copyCitation, separator, reject, toneMenu->menuAction(), directionMenu->menuAction() });
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(EvidenceModel::SentenceColumn, QHeaderView::Stretch);
    // The sentence is what the list is for: the other columns keep to their content.
    m_view->horizontalHeader()->setSectionResizeMode(EvidenceModel::DateColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(EvidenceModel::ToneColumn, QHeaderView::ResizeToContents);
    m_view->setColumnWidth(EvidenceModel::ArticleColumn, 84);
    m_view->setToolTip(tr("Double-click or press Enter to read the sentence in its article"));
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_header);
    layout->addWidget(m_view, 1);
    setFocusProxy(m_view); // Go to Pane (Ctrl+1...) lands in the view

    connect(m_view, &QAbstractItemView::activated, this, &EvidencePane::activate);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EvidencePane::updateHeader);
    connect(m_model->query(), &AsyncQuery::answered, this, &EvidencePane::restorePick);
    connect(selection, &Selection::pairChanged, m_model, &EvidenceModel::setPair);
    connect(selection, &Selection::yearRangeChanged, m_model, &EvidenceModel::setYearRange);
    updateHeader();
}

QSize EvidencePane::sizeHint() const
{
    // Room for a readable chart when the window first lays its docks out.
    return { 420, 240 };
}

void EvidencePane::setSession(std::shared_ptr<StoreSession> session)
{
    // The same store grown by an import reads the pair's sentences again: the one the user had picked stays picked,
    // and the list where it was scrolled, once the model's answer is in.
    const QModelIndex current = m_view->currentIndex();
    m_keep.article = current.isValid() ? current.data(EvidenceModel::ArticleIdRole).toLongLong() : -1;
    m_keep.start = current.isValid() ? current.data(EvidenceModel::SentenceStartRole).toLongLong() : -1;
    m_keep.column = current.isValid() ? current.column() : EvidenceModel::SentenceColumn;
    m_keep.scroll = m_view->verticalScrollBar()->value();
    const QString noCorrections = session ? session->readOnlyReason() : QString();
    for (QAction *a : std::as_const(m_corrections)) {
        a->setEnabled(noCorrections.isEmpty());
        a->setToolTip(noCorrections.isEmpty() ? QString() : tr("No corrections: %1").arg(noCorrections));
    }
    m_model->setSession(std::move(session));
    if (!m_model->isBusy())
        restorePick();
}

void EvidencePane::restorePick()
{
    const Pick keep = std::exchange(m_keep, Pick {});
    if (keep.article < 0)
        return;
    for (int r = 0; r < m_model->rowCount(); ++r) {
        const QModelIndex i = m_model->index(r, keep.column);
        if (i.data(EvidenceModel::ArticleIdRole).toLongLong() == keep.article
            && i.data(EvidenceModel::SentenceStartRole).toLongLong() == keep.start) {
            m_view->setCurrentIndex(i);
            m_view->verticalScrollBar()->setValue(keep.scroll);
            break;
        }
    }
}

void EvidencePane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A narrow pane (a laptop's layout) gives the sentence the article's room, then the date's: both are in the
    // sentence's tooltip and in the Reader it opens.
    m_view->setColumnHidden(EvidenceModel::ArticleColumn, width() < 440);
    m_view->setColumnHidden(EvidenceModel::DateColumn, width() < 340);
}

void EvidencePane::activate(const QModelIndex &index)
{
    if (!index.isValid())
        return;
    const qint64 article = index.data(EvidenceModel::ArticleIdRole).toLongLong();
    const qint64 start = index.data(EvidenceModel::SentenceStartRole).toLongLong();
    // Through the Selection: the Reader shows it, and Back returns from it.
    m_selection->showSentence(article, start);
    emit sentenceActivated(article, start);
}

void EvidencePane::copy(int role)
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    QGuiApplication::clipboard()->setText(index.siblingAtColumn(EvidenceModel::SentenceColumn).data(role).toString());
}

void EvidencePane::requestRelationEdit(const QString &tone)
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    const qint64 article = index.data(EvidenceModel::ArticleIdRole).toLongLong();
    const qint64 start = index.data(EvidenceModel::SentenceStartRole).toLongLong();
    const qint64 end = index.data(EvidenceModel::SentenceEndRole).toLongLong();
    const QString a = index.data(EvidenceModel::PartyARole).toString();
    const QString b = index.data(EvidenceModel::PartyBRole).toString();
    if (tone.isEmpty())
        emit editRequested(Edit::rejectRelation(article, start, end, a, b));
    else if (tone != index.data(EvidenceModel::ToneRole).toString())
        emit editRequested(Edit::changeRelationTone(article, start, end, a, b, tone));
}

void EvidencePane::requestDirection(const QString &direction)
{
    const QModelIndex index = m_view->currentIndex();
    if (!index.isValid())
        return;
    emit editRequested(Edit::changeRelationDirection(index.data(EvidenceModel::ArticleIdRole).toLongLong(),
        index.data(EvidenceModel::SentenceStartRole).toLongLong(),
        index.data(EvidenceModel::SentenceEndRole).toLongLong(), index.data(EvidenceModel::PartyARole).toString(),
        index.data(EvidenceModel::PartyBRole).toString(), direction));
}

void EvidencePane::updateHeader()
{
    if (m_model->pairA().isEmpty()) {
        m_header->setText(tr("Click a bar in Relations to see the sentences behind it."));
        return;
    }
    const QString pair = tr("%1 and %2").arg(nameOf(m_model->pairA()), nameOf(m_model->pairB()));
    if (m_model->rowCount() == 0)
        m_header->setText(tr("No relations between %1 in the selected years.").arg(pair));
    else if (m_model->totalCount() > m_model->rowCount())
        m_header->setText(
            tr("%1: the newest %2 of %3 relations").arg(pair).arg(m_model->rowCount()).arg(m_model->totalCount()));
    else
        m_header->setText(tr("%1: %n relation(s)", nullptr, m_model->rowCount()).arg(pair));
}

} // namespace entente
