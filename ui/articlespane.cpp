#include "articlespane.h"

#include "annotationlegend.h"
#include "articlelistmodel.h"
#include "asyncquery.h"
#include "busyoverlay.h"
#include "gazetteer.h"
#include "hits.h"
#include "kwicpane.h"
#include "selection.h"
#include "storesession.h"

#include <QCheckBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollBar>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace entente {

namespace {
// Long enough to not query on every key of a word being typed, short enough to feel live.
constexpr int SearchDelayMs = 350;

QString includeMentionsKey()
{
    return QStringLiteral("articles/includeMentions");
}

QString entityLabel(const EntityRef &e)
{
    if (e.kind == u"country") {
        const QString name = Gazetteer::shared().countryName(e.key);
        return name.isEmpty() ? e.key : name;
    }
    return e.key;
}
} // namespace

ArticlesPane::ArticlesPane(Selection *selection, ArticleListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_selection(selection)
    , m_model(model)
{
    m_model->setAnswersOnWorker(true); // a big country's or a pair's articles are counted on a worker
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("articleSearch"));
    m_search->setClearButtonEnabled(true);
    describeSearch(false);
    m_search->setStatusTip(tr("Search the text and titles of the articles"));

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("articleSearchMessage"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("articleSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_summary->setToolTip(tr("What the list is filtered by; click “clear” to drop a filter"));
    connect(m_summary, &QLabel::linkActivated, this, &ArticlesPane::onSummaryLink);

    m_mentions = new QCheckBox(tr("Include articles that only mention it"), this);
    m_mentions->setObjectName(QStringLiteral("includeMentions"));
    m_mentions->setChecked(QSettings().value(includeMentionsKey(), false).toBool());
    m_mentions->setToolTip(tr("A focused country lists the articles about it (where the story happens, whose "
                              "government acts). Check to list also those that name it only in passing."));
    m_mentions->setStatusTip(
        tr("List the articles that only mention the focused country too, not just those about it"));
    connect(m_mentions, &QCheckBox::toggled, this, [this](bool on) {
        QSettings().setValue(includeMentionsKey(), on);
        refilter();
    });

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("emptyStore"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::RichText);
    m_empty->setTextInteractionFlags(Qt::LinksAccessibleByMouse | Qt::LinksAccessibleByKeyboard);
    m_empty->setMargin(16);
    m_empty->setText(tr("<p><b>This store has no articles yet.</b></p><p>Drop files or folders of articles on the "
                        "window, or <a href='files'>import files</a> or <a href='folder'>a folder</a> (File &gt; "
                        "Import).</p><p>Text, web pages, JSON Lines and CSV are read.</p>"));
    m_empty->hide();
    connect(m_empty, &QLabel::linkActivated, this, [this](const QString &link) {
        if (link == u"folder")
            emit importFolderRequested();
        else
            emit importFilesRequested();
    });

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("articleView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ArticleListModel::DateColumn, Qt::DescendingOrder);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(ArticleListModel::TitleColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(ArticleListModel::DateColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ArticleListModel::RelationsColumn, QHeaderView::ResizeToContents);
    m_view->setColumnHidden(ArticleListModel::HitsColumn, true); // until there is a search
    // Source and countries are short codes or names cut short; the title takes the rest of the width.
    const int em = m_view->fontMetrics().horizontalAdvance(u'M');
    // The hits are counted as rows are shown (a query each screenful): a width to their contents would count
    // them for every row loaded. Room for the header or five digits.
    m_view->horizontalHeader()->setSectionResizeMode(ArticleListModel::HitsColumn, QHeaderView::Fixed);
    m_view->horizontalHeader()->resizeSection(ArticleListModel::HitsColumn,
        std::max(m_view->horizontalHeader()->sectionSizeHint(ArticleListModel::HitsColumn),
            m_view->fontMetrics().horizontalAdvance(QStringLiteral("00000")) + em));
    m_view->horizontalHeader()->resizeSection(ArticleListModel::SourceColumn, 7 * em);
    m_view->horizontalHeader()->resizeSection(ArticleListModel::CountriesColumn, 7 * em);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->setWordWrap(false);
    m_view->setTabKeyNavigation(false); // Tab leaves the table for the next pane
    m_view->setStatusTip(tr("Select an article to read it; click a column header to sort"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_message);
    layout->addWidget(m_summary);
    layout->addWidget(m_mentions);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("articleTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_view, tr("List"));
    m_tabs->setTabToolTip(0, tr("The articles, one a line"));
    m_tabs->setTabBarAutoHide(true); // one tab until addHitsTab()
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_empty, 1);
    setFocusProxy(m_view);
    setMinimumWidth(240);

    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_searchDelay, &QTimer::timeout, this, &ArticlesPane::commitSearch);
    connect(m_search, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.trimmed().isEmpty())
            commitSearch(); // clearing is never worth a wait
        else
            m_searchDelay->start();
    });
    connect(m_search, &QLineEdit::returnPressed, this, &ArticlesPane::commitSearch);
    // The clear button does not emit textEdited.
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty() && !m_selection->textQuery().isEmpty())
            commitSearch();
    });

    connect(
        m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex &current) {
            if (m_syncing || !current.isValid())
                return;
            m_selection->setArticle(m_model->articleId(current.row()));
        });
    connect(m_selection, &Selection::focusChanged, this, &ArticlesPane::refilter);
    connect(m_selection, &Selection::yearRangeChanged, this, &ArticlesPane::refilter);
    connect(m_selection, &Selection::pairChanged, this, &ArticlesPane::refilter);
    connect(m_selection, &Selection::textQueryChanged, this, [this](const QString &query) {
        if (m_search->text().trimmed() != query)
            m_search->setText(query);
        refilter();
    });
    connect(m_selection, &Selection::articleChanged, this, [this] {
        if (!m_syncing)
            syncCurrentArticle();
    });
    // Sorting re-queries (a reset); keep the article read selected when it is loaded.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] { syncCurrentArticle(false); });
    // A search's rows come from a worker: the list, dimmed, keeps the rows before until then.
    (new BusyOverlay(m_view))->watch(m_model->query());
    connect(m_model->query(), &AsyncQuery::answered, this, [this] {
        m_view->setColumnHidden(ArticleListModel::HitsColumn, m_model->filter().textQuery.isEmpty());
        updateSummary();
        syncCurrentArticle();
    });
    updateSummary();
}

ArticleFilter ArticlesPane::currentFilter() const
{
    ArticleFilter f = ArticleFilter::fromSelection(*m_selection);
    f.includeMentions = m_mentions->isChecked();
    return f;
}

void ArticlesPane::addHitsTab(KwicPane *hits)
{
    m_hits = hits;
    m_tabs->addTab(hits, tr("In Context"));
    m_tabs->setTabToolTip(1, tr("Each hit of the search in its context, one a line (keyword in context)"));
    // Go to Pane (Ctrl+1) lands in the tab shown.
    connect(m_tabs, &QTabWidget::currentChanged, this,
        [this] { setFocusProxy(m_tabs->currentWidget() == m_hits ? m_hits->view() : m_view); });
    connect(hits, &KwicPane::countChanged, this, [this](int lines) {
        const QString query = m_model->filter().textQuery;
        m_tabs->setTabText(
            1, query.isEmpty() ? tr("In Context") : tr("In Context (%1)").arg(QLocale().toString(lines)));
    });
    hits->setFilter(currentFilter());
}

void ArticlesPane::showList()
{
    m_tabs->setCurrentWidget(m_view);
}

void ArticlesPane::showHits()
{
    if (m_hits)
        m_tabs->setCurrentWidget(m_hits);
}

// What the search box takes: FTS5's syntax in a store file, websearch_to_tsquery's on a server, which reads no
// prefix* (sql::Dialect).
void ArticlesPane::describeSearch(bool server)
{
    if (server) {
        m_search->setPlaceholderText(tr("Search: words, \"a phrase\", -word"));
        m_search->setToolTip(tr("Full-text search on the server (Ctrl+L): words (all must occur), \"exact phrases\", "
                                "OR, -word to leave out (no prefix*)"));
    } else {
        m_search->setPlaceholderText(tr("Search: words, \"a phrase\", prefix*"));
        m_search->setToolTip(
            tr("Full-text search (Ctrl+L): words (all must occur), \"exact phrases\", prefix* and OR, NOT"));
    }
}

void ArticlesPane::setSession(std::shared_ptr<StoreSession> session)
{
    describeSearch(session && session->isServer());
    if (m_hits)
        m_hits->setSession(session);
    m_model->setSession(std::move(session));
    m_model->setFilter(currentFilter());
    if (m_hits)
        m_hits->setFilter(currentFilter());
    m_view->setColumnHidden(ArticleListModel::HitsColumn, m_model->filter().textQuery.isEmpty());
    updateSummary();
    syncCurrentArticle();
}

void ArticlesPane::refresh()
{
    // Rows inserted above the first one shown would push it down the view, whose scroll bar counts rows (or
    // pixels) from the top: the article at the top stays there, at the same height.
    const int top = m_view->rowAt(0);
    const qint64 topArticle = m_model->articleId(top);
    const int topY = top >= 0 ? m_view->rowViewportPosition(top) : 0;
    m_model->refresh();
    if (m_hits)
        m_hits->refresh();
    updateSummary();
    const int row = m_model->rowOfArticle(topArticle);
    if (top < 0 || row < 0 || row == top)
        return;
    m_view->doItemsLayout(); // the scroll bar's range takes the new rows now, not at the next paint
    QScrollBar *bar = m_view->verticalScrollBar();
    bar->setValue(bar->value()
        + (m_view->verticalScrollMode() == QAbstractItemView::ScrollPerItem ? row - top
                                                                            : m_view->rowViewportPosition(row) - topY));
}

void ArticlesPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // A narrow pane (a laptop's layout) gives the titles the source column's room, then the countries'.
    m_view->setColumnHidden(ArticleListModel::SourceColumn, width() < 400);
    m_view->setColumnHidden(ArticleListModel::CountriesColumn, width() < 320);
}

void ArticlesPane::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void ArticlesPane::commitSearch()
{
    m_searchDelay->stop();
    m_selection->setTextQuery(m_search->text().trimmed());
}

void ArticlesPane::refilter()
{
    // The model counts on a worker: the rows, the summary and the article read follow its answer (answered()).
    m_model->setFilter(currentFilter(), m_selection->article());
    if (m_hits)
        m_hits->setFilter(currentFilter());
    if (m_model->isBusy())
        return;
    m_view->setColumnHidden(ArticleListModel::HitsColumn, m_model->filter().textQuery.isEmpty());
    updateSummary();
    syncCurrentArticle();
}

void ArticlesPane::syncCurrentArticle(bool mayChange)
{
    const qint64 id = m_selection->article();
    int row = m_model->rowOfArticle(id);
    const bool keep = !mayChange || row >= 0 || (id >= 0 && m_model->matches(id));
    if (!keep && m_model->rowCount() > 0)
        row = 0; // the article read no longer fits: read the first that does
    m_syncing = keep; // a new article must reach the Selection
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, ArticleListModel::TitleColumn);
        m_view->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        // Down to the row, never sideways: the date column stays in sight.
        m_view->scrollTo(index.siblingAtColumn(ArticleListModel::DateColumn));
    } else {
        m_view->selectionModel()->clearSelection();
    }
    m_syncing = false;
}

void ArticlesPane::updateSummary()
{
    // An open store without articles: what to do instead of an empty list.
    const bool empty = m_model->hasStore() && m_model->storeCount() == 0;
    m_empty->setVisible(empty);
    for (QWidget *w : std::initializer_list<QWidget *> { m_tabs, m_search, m_summary, m_mentions })
        w->setVisible(!empty);
    if (empty)
        return;
    const QString error = m_model->queryError();
    m_message->setVisible(!error.isEmpty());
    if (!error.isEmpty()) {
        const bool dark = AnnotationLegend::isDark(palette());
        m_message->setStyleSheet(
            QStringLiteral("color: %1").arg(dark ? QStringLiteral("#ff9d8a") : QStringLiteral("#b3261e")));
        m_message->setText(error);
    }
    const QLocale locale;
    QStringList parts;
    parts << (m_model->filter().isEmpty()
            ? tr("%1 articles").arg(locale.toString(m_model->storeCount()))
            : tr("%1 of %2 articles")
                  .arg(locale.toString(m_model->totalCount()), locale.toString(m_model->storeCount())));
    const QString clear = QStringLiteral(" <a href='%1'>") + tr("clear") + QStringLiteral("</a>");
    const ArticleFilter f = m_model->filter();
    const bool country = f.focus.kind == u"country";
    if (!f.focus.isNull())
        parts << (country && !f.includeMentions ? tr("about <b>%1</b>") : tr("mentioning <b>%1</b>"))
                     .arg(entityLabel(f.focus).toHtmlEscaped())
                + clear.arg(u"focus");
    // Why an article that names the country is not listed, and one click to list it.
    if (const qint64 more = m_model->mentionOnlyCount(); more > 0)
        parts << QStringLiteral("<a href='mentions'>%1</a>").arg(tr("%n more only mention it", nullptr, int(more)));
    // The toggle means something only for a focused country.
    m_mentions->setEnabled(country);
    if (f.yearFrom != 0)
        parts << (f.yearTo == 0                   ? tr("from %1").arg(f.yearFrom)
                         : f.yearTo == f.yearFrom ? tr("in %1").arg(f.yearFrom)
                                                  : tr("%1–%2").arg(f.yearFrom).arg(f.yearTo))
                + clear.arg(u"years");
    if (!f.pairA.isEmpty())
        parts << tr("relations %1–%2")
                     .arg(entityLabel({ QStringLiteral("country"), f.pairA }).toHtmlEscaped(),
                         entityLabel({ QStringLiteral("country"), f.pairB }).toHtmlEscaped())
                + clear.arg(u"pair");
    if (!f.textQuery.isEmpty())
        parts << tr("matching “%1”").arg(Hits::shownQuery(f.textQuery).toHtmlEscaped()) + clear.arg(u"query");
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void ArticlesPane::onSummaryLink(const QString &link)
{
    if (link == u"focus")
        m_selection->clearFocus();
    else if (link == u"years")
        m_selection->clearYearRange();
    else if (link == u"pair")
        m_selection->clearPair();
    else if (link == u"query")
        m_selection->setTextQuery({});
    else if (link == u"mentions")
        m_mentions->setChecked(true);
}

} // namespace entente
