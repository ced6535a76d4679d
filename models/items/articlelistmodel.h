#pragma once

#include "asyncquery.h"
#include "selection.h"
#include "sqldialect.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <memory>

namespace entente {

class Store;
class StoreSession;

// What the Articles list shows: every part that is set narrows the list. Mirrors the parts
// of Selection that filter articles.
struct ArticleFilter
{
    // Articles that mention it. A country: the articles about it (Annotation::countries), or with
    // includeMentions also those that only mention it; in a store without the ranking (schema 1, read
    // only), those that mention it or one of its people.
    EntityRef focus;
    bool includeMentions = false;
    int yearFrom = 0; // 0: no range; yearTo 0 with yearFrom set: from yearFrom on
    int yearTo = 0;
    QString pairA; // both set: articles with a relation between the two, either direction
    QString pairB;
    QString textQuery; // an FTS5 query: words, "phrases", prefix*, AND/OR/NOT

    // Nothing narrows the list (includeMentions alone does not).
    [[nodiscard]] bool isEmpty() const;
    // The filter as SQL conditions on `articles a` joined by AND (empty when nothing narrows), their values appended
    // to `values` in order. `ranked`: the store has article_countries (schema 2); see hasRanking(). `onListIndex`:
    // for a query on the articles_list index, which the date range then narrows too.
    // `dialect`: the store's SQL (a search is FTS5's on a store file, the tsvector's on a server).
    [[nodiscard]] QString sqlCondition(
        bool ranked, QVariantList *values, bool onListIndex = false, sql::Dialect dialect = sql::Dialect::SQLite) const;
    // The filter's conditions on article ids, each a subquery giving them in a column "id", with its bound values, in
    // the order a count takes them (the first drives it). The year range is none of them: it is read from the
    // articles.
    struct IdSet
    {
        QString sql;
        QVariantList values;
    };
    [[nodiscard]] QList<IdSet> idSets(bool ranked, sql::Dialect dialect = sql::Dialect::SQLite) const;
    [[nodiscard]] static bool hasRanking(const Store &store);
    [[nodiscard]] static ArticleFilter fromSelection(const Selection &selection);
    bool operator==(const ArticleFilter &) const = default;
};

// What stands for the title of an article that has none: its opening words, after a wire
// dateline ("BEIJING, May 11, 2023 /PRNewswire/ — "), cut at a word near `maxChars` with an
// ellipsis. Empty when the text has no words.
[[nodiscard]] QString openingWords(QStringView text, int maxChars = 90);

// The articles of a store as a table: date (with precision), title, source, the countries the
// article is about (by salience; the tooltip adds those it only mentions), relations. Rows load lazily in pages
// (canFetchMore/fetchMore), so that a store of 100,000 articles opens at once; sorting and filtering re-query the
// store.
//
//     model->setSession(session);
//     model->setFilter(ArticleFilter::fromSelection(*selection));
//     if (!model->queryError().isEmpty()) label->setText(model->queryError());
class ArticleListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // HitsColumn: the search's hits in the article (empty without a search); sorting it sorts by relevance (FTS5's
    // bm25), the most relevant first in descending order.
    enum Column { DateColumn, TitleColumn, SourceColumn, CountriesColumn, RelationsColumn, HitsColumn, ColumnCount };
    // HeadlessRole: true when the title shown is the article's opening words (it has no headline).
    enum Role { ArticleIdRole = Qt::UserRole + 1, PrecisionRole, FileRole, DateSourceRole, HeadlessRole };

    explicit ArticleListModel(QObject *parent = nullptr);
    ~ArticleListModel() override;

    // Reads the session's store (this thread's connection); none empties the model. The filter is kept.
    // False when the store cannot be read.
    bool setSession(std::shared_ptr<StoreSession> session);
    void reload();
    // Reads the store again after an import added to it: the new articles that sort among the rows loaded are
    // inserted where they sort (beginInsertRows), the rows loaded stay as they are, and later ones are left to
    // fetchMore(). Only when a loaded article went away or moved (not what an import does) is the model reset.
    void refresh();

    // Re-queries with `filter`. Returns false when the store refused the query (an FTS5
    // query it cannot parse): the list is then empty and queryError() says why. A filter with a text query is
    // searched on a worker: the rows (and filter(), queryError()) stay those of the filter before until the answer
    // (query()->answered()), and setFilter() returns true meanwhile.
    //
    // With answersOnWorker() every filter is so, and so are the rows of a new session (setSession()) and of a new
    // order (sort()): the window's panes ask so that counting a big country's or a pair's articles never holds the
    // GUI thread. `keep`: an article the caller would keep showing if it passes the new filter; the worker finds
    // that out too (matches() answers it without the store).
    bool setFilter(const ArticleFilter &filter, qint64 keep = -1);
    void setAnswersOnWorker(bool on) { m_answersOnWorker = on; }
    [[nodiscard]] bool answersOnWorker() const { return m_answersOnWorker; }
    // The filter the rows are of.
    [[nodiscard]] ArticleFilter filter() const { return m_filter; }
    // The worker's searches: busyChanged() while one is on its way, answered() once its rows are in.
    [[nodiscard]] AsyncQuery *query() const { return m_query; }
    [[nodiscard]] bool isBusy() const { return m_query->isBusy(); }
    [[nodiscard]] QString queryError() const { return m_queryError; }

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    void sort(int column, Qt::SortOrder order) override;

    [[nodiscard]] qint64 totalCount() const { return m_total; } // rows under the filter
    [[nodiscard]] qint64 storeCount() const { return m_storeTotal; } // articles in the store
    [[nodiscard]] bool hasStore() const { return m_store != nullptr; }
    // With a focused country and includeMentions off: the articles the filter leaves out because they only
    // mention the country (what includeMentions would add); 0 otherwise.
    [[nodiscard]] qint64 mentionOnlyCount() const { return m_mentionOnly; }
    [[nodiscard]] qint64 articleId(int row) const;
    [[nodiscard]] int rowOfArticle(qint64 id) const; // -1 when not loaded
    // Whether article `id` passes the filter, loaded or not.
    [[nodiscard]] bool matches(qint64 id) const;

private:
    struct Row
    {
        qint64 id = 0;
        QString date;
        QString precision;
        QString dateSource;
        QString title; // the opening words when the article has no headline (headless)
        bool headless = false;
        QString source;
        QString countries; // the about countries, filled when first shown: see loadCountries()
        QString countriesTip; // with their salience, and the countries only mentioned
        bool countriesLoaded = false;
        int relations = 0;
        QString file;
        int hits = -1; // the search's hits, counted when first shown: see loadHits(); -1 not yet
    };
    // " WHERE ..." for the articles as "a", its values appended in order; `onListIndex`: for a query on the
    // articles_list index.
    [[nodiscard]] QString whereClause(
        const ArticleFilter &filter, QVariantList *values, bool onListIndex = false) const;
    void requery();
    // Searches `filter` on a worker; the rows change when the answer comes.
    void search(const ArticleFilter &filter, qint64 keep = -1);
    // m_total and m_mentionOnly under m_filter; false (queryError() set) when the store refused the query.
    bool countRows();
    [[nodiscard]] QString orderClause() const;
    QList<Row> queryPage(qint64 offset, int limit) const;
    // The ids of the first `limit` articles under the filter, in the list's order.
    [[nodiscard]] QList<qint64> queryIds(qint64 limit) const;
    void fillHeadlessTitles(QList<Row> &rows) const;
    // The countries of a block of rows around `row`, in one query: a view asks only for the
    // rows it shows, and counting every loaded article's mentions cost most of a page.
    void loadCountries(int row) const;
    // The hits of the search in a block of rows around `row`.
    void loadHits(int row) const;
    [[nodiscard]] bool byRelevance() const;
    // The FROM clause of the list's queries, with its bound values first in `values`.
    [[nodiscard]] QString fromClause(QVariantList *values) const;
    // The same for a store without article_countries: the countries mentioned most.
    void loadMentionedCountries(const QHash<qint64, int> &rowOf, const QStringList &marks) const;

    std::shared_ptr<StoreSession> m_session;
    const Store *m_store = nullptr; // m_session's connection for this thread
    mutable QList<Row> m_rows; // mutable: countries are filled in as data() asks for them
    qint64 m_total = 0;
    qint64 m_storeTotal = 0;
    qint64 m_mentionOnly = 0;
    ArticleFilter m_filter;
    QString m_queryError;
    int m_sortColumn = DateColumn;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    bool m_inserting = false; // refresh() is inserting runs: m_total counts rows not yet in their place
    bool m_listIndex = false; // the store has the covering articles_list index
    bool m_ranked = false; // the store has article_countries (schema 2)
    sql::Dialect m_dialect = sql::Dialect::SQLite;
    AsyncQuery *m_query = nullptr;
    ArticleFilter m_searching; // the filter a search on its way is of
    bool m_answersOnWorker = false;
    // Whether article `id` passes m_filter, as the worker that answered for it found out (id -1: not asked).
    struct Kept
    {
        qint64 id = -1;
        bool matches = false;
    } m_kept;
};

} // namespace entente
