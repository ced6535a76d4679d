#include "articlelistmodel.h"

#include "gazetteer.h"
#include "hits.h"
#include "rowinsertions.h"
#include "sqlclauses.h"
#include "store.h"
#include "storesession.h"

#include <QFileInfo>
#include <QFont>
#include <QHash>
#include <QLocale>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace entente {

namespace {
constexpr int PageSize = 256;

void bindAll(QSqlQuery &q, const QVariantList &values)
{
    for (const QVariant &v : values)
        q.addBindValue(v);
}
} // namespace

ArticleFilter ArticleFilter::fromSelection(const Selection &selection)
{
    ArticleFilter f;
    f.focus = selection.focus();
    f.yearFrom = selection.yearFrom();
    f.yearTo = selection.yearTo();
    if (selection.hasPair()) {
        f.pairA = selection.pairA();
        f.pairB = selection.pairB();
    }
    f.textQuery = selection.textQuery().trimmed();
    return f;
}

bool ArticleFilter::isEmpty() const
{
    ArticleFilter f = *this;
    f.includeMentions = false;
    return f == ArticleFilter {};
}

ArticleListModel::ArticleListModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(new AsyncQuery(this))
{ }

ArticleListModel::~ArticleListModel() = default;

bool ArticleListModel::setSession(std::shared_ptr<StoreSession> session)
{
    m_query->cancel();
    beginResetModel();
    m_rows.clear();
    m_kept = {};
    m_total = 0;
    m_storeTotal = 0;
    m_queryError.clear();
    m_session = std::move(session);
    m_store = m_session ? m_session->reader() : nullptr;
    m_ranked = false;
    bool ok = !m_session || m_store;
    bool onWorker = false;
    if (m_store) {
        {
            QSqlQuery q(m_store->database());
            if (q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next())
                m_storeTotal = q.value(0).toLongLong();
            m_dialect = sql::dialectOf(m_store->database());
            // Stores made before the index was added to the schema do without it; a server store's planner
            // chooses its indexes itself.
            m_listIndex = m_dialect == sql::Dialect::SQLite
                && sql::hasTable(m_store->database(), QStringLiteral("articles_list"));
            // Stores of schema 1 opened read-only have no ranking: the focus and the column then count
            // mentions, as before it.
            m_ranked = sql::hasTable(m_store->database(), QStringLiteral("article_countries"));
            // The count and the first page under the filter: 40 ms at 400,000 articles.
            onWorker = m_answersOnWorker;
            if (!onWorker)
                requery();
        }
    }
    endResetModel();
    if (onWorker)
        search(m_filter);
    return ok;
}

void ArticleListModel::reload()
{
    if (!m_session)
        return;
    setSession(m_session);
}

bool ArticleListModel::setFilter(const ArticleFilter &filter, qint64 keep)
{
    if (m_query->isBusy() && filter == m_searching)
        return true; // on its way
    if (filter == m_filter && m_queryError.isEmpty() && !m_query->isBusy())
        return true;
    // A full-text search reads every article the query finds, to count them and to order them (seconds on a big
    // store the first time, its index cold): a worker's job. The other filters read indexes, in milliseconds, but
    // a country's or a pair's tens of milliseconds on a large store.
    if (m_store && (m_answersOnWorker || !filter.textQuery.trimmed().isEmpty())) {
        search(filter, keep);
        return true;
    }
    m_query->cancel(); // a search on its way is of a filter no longer wanted
    beginResetModel();
    m_filter = filter;
    m_kept = {};
    requery();
    endResetModel();
    return m_queryError.isEmpty();
}

void ArticleListModel::search(const ArticleFilter &filter, qint64 keep)
{
    m_searching = filter;
    struct Answer
    {
        QList<Row> rows;
        qint64 total = 0;
        qint64 mentionOnly = 0;
        QString error;
        Kept kept;
    };
    m_query->run(
        [session = m_session, filter, sortColumn = m_sortColumn, sortOrder = m_sortOrder, listIndex = m_listIndex,
            ranked = m_ranked, dialect = m_dialect, keep] {
            // The model's own queries, asked by a model of the worker's that no view sees, on its connection.
            ArticleListModel worker;
            worker.m_session = session;
            worker.m_store = session->reader();
            worker.m_filter = filter;
            worker.m_sortColumn = sortColumn;
            worker.m_sortOrder = sortOrder;
            worker.m_listIndex = listIndex;
            worker.m_ranked = ranked;
            worker.m_dialect = dialect;
            Answer answer;
            if (worker.countRows()) {
                // The first screenful's countries and hits too, which the view asks for as soon as it shows them.
                worker.m_rows = worker.queryPage(0, PageSize);
                worker.loadCountries(0);
                if (!filter.textQuery.trimmed().isEmpty())
                    worker.loadHits(0);
                if (keep >= 0) {
                    answer.kept = { keep, worker.matches(keep) };
                    // The view scrolls to the article kept: its screenful too.
                    if (const int row = worker.rowOfArticle(keep); row >= 0) {
                        worker.loadCountries(row);
                        if (!filter.textQuery.trimmed().isEmpty())
                            worker.loadHits(row);
                    }
                }
                answer.rows = std::move(worker.m_rows);
            }
            answer.total = worker.m_total;
            answer.mentionOnly = worker.m_mentionOnly;
            answer.error = worker.m_queryError;
            return answer;
        },
        [this, filter](Answer answer) {
            beginResetModel();
            m_filter = filter;
            m_rows = std::move(answer.rows);
            m_total = answer.total;
            m_mentionOnly = answer.mentionOnly;
            m_queryError = answer.error;
            m_kept = answer.kept;
            endResetModel();
        });
}

QString ArticleListModel::whereClause(const ArticleFilter &f, QVariantList *values, bool onListIndex) const
{
    const QString condition = f.sqlCondition(m_ranked, values, onListIndex, m_dialect);
    return condition.isEmpty() ? QString() : QStringLiteral(" WHERE ") + condition;
}

bool ArticleFilter::hasRanking(const Store &store)
{
    return sql::hasTable(store.database(), QStringLiteral("article_countries"));
}

QList<ArticleFilter::IdSet> ArticleFilter::idSets(bool ranked, sql::Dialect dialect) const
{
    // The one to count first: a pair's relations, then the focus, then the search's hits. A search's hits go last even
    // when they are fewer: FTS5 tries an "id IN (...)" against each of its rows slowly (700 ms for "climate" and
    // a country among 400,000 articles, where the country's articles tried against the hits take 14).
    QList<IdSet> sets;
    if (!pairA.isEmpty() && !pairB.isEmpty()) {
        const sql::Clause pair = sql::relationPair(pairA, pairB);
        sets.append({ QStringLiteral("SELECT article_id AS id FROM relations WHERE ") + pair.text, pair.values });
    }
    if (!focus.isNull()) {
        if (focus.kind == u"country" && ranked) {
            sets.append({ includeMentions
                    ? QStringLiteral("SELECT article_id AS id FROM article_countries WHERE country = ?")
                    : QStringLiteral("SELECT article_id AS id FROM article_countries WHERE country = ? AND about = 1"),
                { focus.key } });
        } else if (focus.kind == u"country") {
            // A country is also mentioned through its people ("Xi Jinping" counts for China).
            sets.append(
                { QStringLiteral("SELECT m.article_id AS id FROM mentions m WHERE m.entity_id IN (SELECT id"
                                 " FROM entities WHERE (kind = ? AND key = ?) OR (kind = 'person' AND country = ?))"),
                    { focus.kind, focus.key, focus.key } });
        } else {
            sets.append({ QStringLiteral("SELECT m.article_id AS id FROM mentions m WHERE m.entity_id IN (SELECT id"
                                         " FROM entities WHERE kind = ? AND key = ?)"),
                { focus.kind, focus.key } });
        }
    }
    if (!textQuery.isEmpty())
        sets.append({ sql::searchIds(dialect), { textQuery } });
    return sets;
}

QString ArticleFilter::sqlCondition(bool ranked, QVariantList *values, bool onListIndex, sql::Dialect dialect) const
{
    QStringList parts;
    for (const IdSet &set : idSets(ranked, dialect)) {
        parts << QStringLiteral("a.id IN (%1)").arg(set.sql);
        *values << set.values;
    }
    if (const sql::Clause years = sql::yearRange(QStringLiteral("a.published_year"), yearFrom, yearTo);
        !years.isEmpty()) {
        parts << years.text;
        *values << years.values;
        // On the list's index, which leads with the published date (ISO text, its year first), the same range on
        // the date lets it start at the range instead of walking every later article first (70 -> 20 ms for the
        // 1990s of 400,000 articles). Elsewhere it would make SQLite read each article's date from its row.
        const auto year = [](int y) { return QStringLiteral("%1").arg(y, 4, 10, QLatin1Char('0')); };
        if (onListIndex) {
            parts << QStringLiteral("a.published >= ?");
            *values << year(yearFrom);
        }
        if (onListIndex && yearTo != 0 && yearTo < 9999) {
            parts << QStringLiteral("a.published < ?");
            *values << year(yearTo + 1);
        }
    }
    return parts.join(QStringLiteral(" AND "));
}

void ArticleListModel::requery()
{
    m_rows.clear();
    if (countRows())
        m_rows = queryPage(0, PageSize);
}

bool ArticleListModel::countRows()
{
    m_total = 0;
    m_mentionOnly = 0;
    m_queryError.clear();
    if (!m_store)
        return false;
    QSqlQuery q(m_store->database());
    const auto count = [this, &q](const ArticleFilter &f) {
        QList<ArticleFilter::IdSet> sets = f.idSets(m_ranked, m_dialect);
        if (f.yearFrom == 0 && !sets.isEmpty()) {
            // Without a year range the articles themselves need not be read: the most selective set's ids,
            // kept where they are in the others, counted on their own indexes. Through the articles SQLite
            // would look each one up by its id (150-200 ms for a big country or a pair among 400,000).
            const ArticleFilter::IdSet driver = sets.takeFirst();
            QString sql = QStringLiteral("SELECT count(DISTINCT d.id) FROM (%1) d").arg(driver.sql);
            QStringList others;
            for (const ArticleFilter::IdSet &set : std::as_const(sets))
                others << QStringLiteral("d.id IN (%1)").arg(set.sql);
            if (!others.isEmpty())
                sql += QStringLiteral(" WHERE ") + others.join(QStringLiteral(" AND "));
            q.prepare(sql);
            bindAll(q, driver.values);
            for (const ArticleFilter::IdSet &set : std::as_const(sets))
                bindAll(q, set.values);
            return q.exec() && q.next();
        }
        QVariantList values;
        const QString where = whereClause(f, &values);
        // With a year range the years come from their index: otherwise SQLite looks each article up
        // and reads its year from the row, after the text (85 ms instead of 6 on the UN corpus).
        q.prepare(QStringLiteral("SELECT count(*) FROM articles a")
            + (f.yearFrom != 0 ? sql::indexedBy(m_dialect, "articles_year") : QString()) + where);
        bindAll(q, values);
        return q.exec() && q.next();
    };
    if (!count(m_filter)) {
        // The one query users write themselves is the FTS5 one; SQLite says what it did not
        // understand ("fts5: syntax error near ...").
        const QString reason = q.lastError().databaseText();
        m_queryError = m_filter.textQuery.isEmpty()
            ? tr("The store could not be read: %1").arg(reason)
            : tr("Cannot search for “%1”: %2. Put words with symbols in \"double quotes\".")
                  .arg(m_filter.textQuery, reason);
        return false;
    }
    m_total = q.value(0).toLongLong();
    if (m_ranked && m_filter.focus.kind == u"country" && !m_filter.includeMentions) {
        ArticleFilter wide = m_filter;
        wide.includeMentions = true;
        if (count(wide))
            m_mentionOnly = q.value(0).toLongLong() - m_total;
    }
    return true;
}

void ArticleListModel::refresh()
{
    if (!m_store)
        return;
    m_kept = {}; // a correction may have changed what the article mentions
    {
        QSqlQuery q(m_store->database());
        if (q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next())
            m_storeTotal = q.value(0).toLongLong();
    }
    const qint64 before = m_total;
    const bool hadError = !m_queryError.isEmpty();
    const bool ok = countRows();
    const qint64 added = m_total - before;
    QList<qint64> old;
    old.reserve(m_rows.size());
    for (const Row &r : std::as_const(m_rows))
        old << r.id;
    // An import only adds, so the rows loaded are the first of the new order too, with at most `added` new ones
    // among them: the ids of that many rows tell where each new one goes.
    const QList<qint64> fresh = ok ? queryIds(old.size() + std::max<qint64>(added, 0)) : QList<qint64>();
    const auto runs = ok && !hadError && added >= 0 ? insertionRuns(old, fresh) : std::nullopt;
    if (!runs) {
        beginResetModel();
        requery();
        endResetModel();
        return;
    }
    // New rows past the last one loaded stay for fetchMore() (the list stays as lazy as it was), beyond the first page.
    const int end = std::max(
        old.isEmpty() ? 0 : int(fresh.indexOf(old.last())) + 1, int(std::min<qsizetype>(fresh.size(), PageSize)));
    for (const RowRun &run : *runs) {
        if (run.row >= end)
            break;
        // The rows loaded are a prefix of the new order, so a run's rows are at its offset in the query.
        const int count = std::min(run.count, end - run.row);
        QList<Row> rows = queryPage(run.row, count);
        const bool same = rows.size() == count
            && std::equal(rows.cbegin(), rows.cend(), fresh.cbegin() + run.row,
                [](const Row &r, qint64 id) { return r.id == id; });
        if (!same) { // the store changed again meanwhile
            m_inserting = false;
            beginResetModel();
            requery();
            endResetModel();
            return;
        }
        m_inserting = true;
        beginInsertRows({}, run.row, run.row + count - 1);
        m_rows.insert(run.row, count, Row {});
        std::move(rows.begin(), rows.end(), m_rows.begin() + run.row);
        endInsertRows();
    }
    m_inserting = false;
}

bool ArticleListModel::byRelevance() const
{
    return m_sortColumn == HitsColumn && !m_filter.textQuery.isEmpty();
}

QString ArticleListModel::fromClause(QVariantList *values) const
{
    if (byRelevance()) {
        // bm25() needs the MATCH in its own query; the filter's IN (... MATCH ...) stays in the WHERE clause.
        *values << m_filter.textQuery;
        if (m_dialect == sql::Dialect::PostgreSQL) {
            // ts_rank is higher for the more relevant: negated, it orders as bm25 does.
            *values << m_filter.textQuery;
            return QStringLiteral(
                " FROM articles a JOIN (SELECT id AS rid, -ts_rank(tsv, websearch_to_tsquery('simple',"
                " ?)) AS score FROM articles WHERE tsv @@ websearch_to_tsquery('simple', ?)) r"
                " ON r.rid = a.id");
        }
        return QStringLiteral(" FROM articles a JOIN (SELECT rowid AS rid, bm25(articles_fts) AS score FROM"
                              " articles_fts WHERE articles_fts MATCH ?) r ON r.rid = a.id");
    }
    return m_listIndex ? QStringLiteral(" FROM articles a INDEXED BY articles_list")
                       : QStringLiteral(" FROM articles a");
}

QString ArticleListModel::orderClause() const
{
    // bm25 is lower for the more relevant: descending relevance is ascending score.
    if (byRelevance())
        return m_sortOrder == Qt::DescendingOrder ? QStringLiteral(" ORDER BY r.score ASC, a.id DESC")
                                                  : QStringLiteral(" ORDER BY r.score DESC, a.id ASC");
    // Without a search the hits column sorts as the date does.
    static const char *orderBy[] = { "published", "title", "source", "source_country", "relation_count", "published" };
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    return QStringLiteral(" ORDER BY a.%1 %2%3, a.id %2")
        .arg(QLatin1String(orderBy[m_sortColumn]), ascending ? QStringLiteral("ASC") : QStringLiteral("DESC"),
            sql::nullsAsSQLite(m_dialect, ascending));
}

QList<qint64> ArticleListModel::queryIds(qint64 limit) const
{
    QList<qint64> ids;
    if (!m_store || limit <= 0)
        return ids;
    QVariantList values;
    const QString from = fromClause(&values);
    const QString where = whereClause(m_filter, &values, m_listIndex && !byRelevance());
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT a.id%1%2%3 LIMIT ?").arg(from, where, orderClause()));
    bindAll(q, values);
    q.addBindValue(limit);
    if (q.exec())
        while (q.next())
            ids << q.value(0).toLongLong();
    return ids;
}

QList<ArticleListModel::Row> ArticleListModel::queryPage(qint64 offset, int limit) const
{
    QList<Row> rows;
    if (!m_store)
        return rows;
    QVariantList values;
    const QString from = fromClause(&values);
    const QString where = whereClause(m_filter, &values, m_listIndex && !byRelevance());
    // Every column read here is in the articles_list index: the rows (and their text) stay
    // unread. SQLite prefers to look each filtered article up by its id, reading its row; a scan
    // of the index in the order asked, stopping at the page's end, is 7x faster on the UN corpus.
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT a.id, a.published, a.published_precision, a.published_source, a.title, a.source,"
                             " a.relation_count, a.file%1%2%3 LIMIT ? OFFSET ?")
                  .arg(from, where, orderClause()));
    bindAll(q, values);
    q.addBindValue(limit);
    q.addBindValue(offset);
    if (!q.exec())
        return rows;
    while (q.next()) {
        Row r;
        r.id = q.value(0).toLongLong();
        r.date = q.value(1).toString();
        r.precision = q.value(2).toString();
        r.dateSource = q.value(3).toString();
        r.title = q.value(4).toString();
        r.source = q.value(5).toString();
        r.relations = q.value(6).toInt();
        r.file = q.value(7).toString();
        r.headless = r.title.isEmpty();
        rows.append(r);
    }
    fillHeadlessTitles(rows);
    return rows;
}

void ArticleListModel::fillHeadlessTitles(QList<Row> &rows) const
{
    // Only the few rows without a headline read their text's beginning (the list reads no text).
    QHash<qint64, qsizetype> rowOf;
    QStringList marks;
    for (qsizetype i = 0; i < rows.size(); ++i)
        if (rows.at(i).headless) {
            rowOf.insert(rows.at(i).id, i);
            marks << QStringLiteral("?");
        }
    if (rowOf.isEmpty())
        return;
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id, substr(text, 1, 400) FROM articles WHERE id IN (%1)").arg(marks.join(u',')));
    for (auto it = rowOf.cbegin(); it != rowOf.cend(); ++it)
        q.addBindValue(it.key());
    if (q.exec())
        while (q.next())
            rows[rowOf.value(q.value(0).toLongLong())].title = openingWords(q.value(1).toString());
    for (Row &r : rows)
        if (r.headless && r.title.isEmpty())
            r.title = QFileInfo(r.file).fileName();
}

QString openingWords(QStringView text, int maxChars)
{
    text = text.trimmed();
    // A wire dateline: a short lead-in, with a capitalised place or a date, ended by a dash.
    for (const QStringView dash : { u" — ", u" – ", u" -- ", u" - " }) {
        const qsizetype at = text.left(90).indexOf(dash);
        if (at <= 0)
            continue;
        const QStringView lead = text.left(at);
        const bool upperWord
            = lead.size() >= 3 && lead.first().isUpper() && lead.at(1).isUpper() && lead.at(2).isUpper();
        const bool digit = std::any_of(lead.begin(), lead.end(), [](QChar c) { return c.isDigit(); });
        if (upperWord || digit) {
            text = text.mid(at + dash.size()).trimmed();
            break;
        }
    }
    const qsizetype line = text.indexOf(u'\n');
    if (line >= 0)
        text = text.left(line).trimmed();
    if (text.size() <= maxChars)
        return text.toString();
    qsizetype cut = text.left(maxChars).lastIndexOf(u' ');
    if (cut < maxChars / 2)
        cut = maxChars;
    QString out = text.left(cut).toString();
    while (!out.isEmpty() && (out.back().isPunct() || out.back().isSpace()))
        out.chop(1);
    return out + QChar(0x2026);
}

void ArticleListModel::loadCountries(int row) const
{
    constexpr int Block = 48; // about a screenful
    const int from = std::max(0, row - Block / 4);
    const int to = std::min(int(m_rows.size()), from + Block);
    QHash<qint64, int> rowOf;
    QStringList marks;
    for (int i = from; i < to; ++i) {
        if (m_rows.at(i).countriesLoaded)
            continue;
        m_rows[i].countriesLoaded = true;
        rowOf.insert(m_rows.at(i).id, i);
        marks << QStringLiteral("?");
    }
    if (rowOf.isEmpty() || !m_store)
        return;
    if (!m_ranked) {
        loadMentionedCountries(rowOf, marks);
        return;
    }
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT article_id, country, salience, about FROM article_countries"
                             " WHERE article_id IN (%1) ORDER BY article_id, rank")
                  .arg(marks.join(u',')));
    for (auto it = rowOf.cbegin(); it != rowOf.cend(); ++it)
        q.addBindValue(it.key());
    if (!q.exec())
        return;
    struct Lists
    {
        QStringList about;
        QStringList aboutNames;
        QStringList mentioned;
    };
    QHash<int, Lists> lists;
    const Gazetteer &g = Gazetteer::shared();
    const QLocale locale;
    while (q.next()) {
        Lists &l = lists[rowOf.value(q.value(0).toLongLong())];
        const QString code = q.value(1).toString();
        QString name = g.countryName(code);
        if (name.isEmpty())
            name = code;
        if (q.value(3).toBool()) {
            l.about << code;
            l.aboutNames << tr("%1 (%2)").arg(name, locale.toString(q.value(2).toDouble(), 'f', 2));
        } else {
            l.mentioned << name;
        }
    }
    for (auto it = lists.cbegin(); it != lists.cend(); ++it) {
        Row &r = m_rows[it.key()];
        // Six fit the column; the tooltip has them all.
        r.countries = it->about.mid(0, 6).join(QStringLiteral(", "));
        QStringList tip;
        tip << (it->about.isEmpty() ? tr("About no country in particular")
                                    : tr("About: %1").arg(it->aboutNames.join(QStringLiteral(", "))));
        if (!it->mentioned.isEmpty())
            tip << tr("Also mentioned: %1").arg(it->mentioned.join(QStringLiteral(", ")));
        r.countriesTip = tip.join(u'\n');
    }
}

void ArticleListModel::loadHits(int row) const
{
    constexpr int Block = 48; // about a screenful, as for the countries
    const int from = std::max(0, row - Block / 4);
    const int to = std::min(int(m_rows.size()), from + Block);
    QList<qint64> ids;
    for (int i = from; i < to; ++i)
        if (m_rows.at(i).hits < 0)
            ids << m_rows.at(i).id;
    if (ids.isEmpty() || !m_store)
        return;
    const QHash<qint64, int> counts = Hits::counts(*m_store, ids, m_filter.textQuery);
    for (int i = from; i < to; ++i)
        if (m_rows.at(i).hits < 0)
            m_rows[i].hits = counts.value(m_rows.at(i).id, 0);
}

void ArticleListModel::loadMentionedCountries(const QHash<qint64, int> &rowOf, const QStringList &marks) const
{
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(
        QStringLiteral("SELECT m.article_id, e.key, count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                       " WHERE m.article_id IN (%1) AND e.kind = 'country' GROUP BY m.article_id, e.key")
            .arg(marks.join(u',')));
    for (auto it = rowOf.cbegin(); it != rowOf.cend(); ++it)
        q.addBindValue(it.key());
    if (!q.exec())
        return;
    QHash<int, QList<std::pair<int, QString>>> counts;
    while (q.next())
        counts[rowOf.value(q.value(0).toLongLong())].append({ q.value(2).toInt(), q.value(1).toString() });
    for (auto it = counts.begin(); it != counts.end(); ++it) {
        // The six mentioned most, ties by code so that the same store always reads the same.
        std::sort(it->begin(), it->end(),
            [](const auto &x, const auto &y) { return x.first != y.first ? x.first > y.first : x.second < y.second; });
        QStringList keys;
        for (qsizetype i = 0; i < it->size() && i < 6; ++i)
            keys << it->at(i).second;
        m_rows[it.key()].countries = keys.join(QStringLiteral(", "));
        m_rows[it.key()].countriesTip = tr("The countries mentioned most");
    }
}

int ArticleListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ArticleListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ArticleListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case DateColumn:
            return r.date.isEmpty() ? tr("undated") : r.date;
        case TitleColumn:
            return r.title;
        case SourceColumn:
            return r.source;
        case CountriesColumn:
            if (!r.countriesLoaded)
                loadCountries(index.row());
            return m_rows.at(index.row()).countries;
        case RelationsColumn:
            return r.relations;
        case HitsColumn:
            if (m_filter.textQuery.isEmpty())
                return {};
            if (r.hits < 0)
                loadHits(index.row());
            return m_rows.at(index.row()).hits;
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case DateColumn:
            return r.date.isEmpty() ? tr("The article states no date")
                                    : tr("Precision: %1; from the %2").arg(r.precision, r.dateSource);
        case TitleColumn:
            return r.headless ? tr("No headline: the article's opening words\n%1").arg(r.file) : r.file;
        case CountriesColumn:
            if (!r.countriesLoaded)
                loadCountries(index.row());
            return m_rows.at(index.row()).countriesTip;
        case RelationsColumn:
            return tr("Relations found between countries");
        case HitsColumn:
            return m_filter.textQuery.isEmpty()
                ? QVariant()
                : tr("Hits of “%1” in the title and text").arg(Hits::shownQuery(m_filter.textQuery));
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == RelationsColumn || index.column() == HitsColumn
            ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
            : QVariant();
    case ArticleIdRole:
        return r.id;
    case PrecisionRole:
        return r.precision;
    case FileRole:
        return r.file;
    case HeadlessRole:
        return r.headless;
    case Qt::FontRole:
        if (index.column() == TitleColumn && r.headless) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case DateSourceRole:
        return r.dateSource;
    }
    return {};
}

QVariant ArticleListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || (role != Qt::DisplayRole && role != Qt::ToolTipRole))
        return QAbstractTableModel::headerData(section, orientation, role);
    const bool tip = role == Qt::ToolTipRole;
    switch (section) {
    case DateColumn:
        return tip ? tr("Published date, as precise as the article says (year, month or day)") : tr("Date");
    case TitleColumn:
        return tip ? tr("Headline, or the file name when there is none") : tr("Title");
    case SourceColumn:
        return tip ? tr("Outlet, wire or speaker") : tr("Source");
    case CountriesColumn:
        return tip ? tr("The countries the article is about, the most salient first; a row's tooltip adds those it"
                        " only mentions")
                   : tr("Countries");
    case RelationsColumn:
        return tip ? tr("Relations found between countries") : tr("Relations");
    case HitsColumn:
        return tip ? tr("Hits of the search in the article; sort to list the most relevant first (BM25: hits weighted "
                        "by how rare the words are and how short the article is)")
                   : tr("Hits");
    }
    return {};
}

bool ArticleListModel::canFetchMore(const QModelIndex &parent) const
{
    // A view (or QAbstractItemModelTester) asks on every rowsInserted: while refresh() inserts, the rows missing are
    // the ones it is about to insert, not the next page.
    return !parent.isValid() && !m_inserting && m_rows.size() < m_total;
}

void ArticleListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    QList<Row> more = queryPage(m_rows.size(), PageSize);
    if (more.isEmpty()) {
        m_total = m_rows.size(); // the store shrank under us; stop asking
        return;
    }
    // While an import runs, the articles it commits that sort among the rows loaded push the later ones down: the
    // page begins with rows loaded already. They are left out; refresh() inserts the new ones when the import ends.
    QSet<qint64> loaded;
    loaded.reserve(m_rows.size());
    for (const Row &r : std::as_const(m_rows))
        loaded.insert(r.id);
    more.removeIf([&loaded](const Row &r) { return loaded.contains(r.id); });
    if (more.isEmpty())
        return;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + more.size() - 1));
    m_rows += more;
    endInsertRows();
}

void ArticleListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    if (m_query->isBusy()) {
        search(m_searching); // again, in the new order
        return;
    }
    if (m_answersOnWorker && m_store) {
        search(m_filter); // the first page in the new order: 40 ms at 400,000 articles
        return;
    }
    beginResetModel();
    requery();
    endResetModel();
}

qint64 ArticleListModel::articleId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : -1;
}

int ArticleListModel::rowOfArticle(qint64 id) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == id)
            return i;
    return -1;
}

bool ArticleListModel::matches(qint64 id) const
{
    if (!m_store || id < 0 || !m_queryError.isEmpty())
        return false;
    if (rowOfArticle(id) >= 0)
        return true;
    if (id == m_kept.id)
        return m_kept.matches;
    // Each set asked for the one article (SQLite pushes "s.id = ?" down into the set's own index), where
    // "a.id IN (set)" would gather the whole set first: 7 ms instead of 300 for a pair of the UN store, cold.
    QStringList where { QStringLiteral("a.id = ?") };
    QVariantList values { id };
    for (const ArticleFilter::IdSet &set : m_filter.idSets(m_ranked, m_dialect)) {
        where << QStringLiteral("EXISTS (SELECT 1 FROM (%1) s WHERE s.id = ?)").arg(set.sql);
        values << set.values << id;
    }
    if (const sql::Clause years
        = sql::yearRange(QStringLiteral("a.published_year"), m_filter.yearFrom, m_filter.yearTo);
        !years.isEmpty()) {
        where << years.text;
        values << years.values;
    }
    QSqlQuery q(m_store->database());
    q.prepare(QStringLiteral("SELECT 1 FROM articles a WHERE ") + where.join(QStringLiteral(" AND ")));
    bindAll(q, values);
    return q.exec() && q.next();
}

} // namespace entente
