#include "timelinemodel.h"

#include "chartdata.h"
#include "hits.h"
#include "sqldialect.h"
#include "store.h"
#include "storesession.h"

#include <QSqlQuery>

namespace entente {

TimelineModel::TimelineModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(new AsyncQuery(this))
{ }

TimelineModel::~TimelineModel() = default;

bool TimelineModel::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = std::move(session);
    m_store = m_session ? m_session->reader() : nullptr;
    m_corpusFirst = m_corpusLast = 0;
    const bool ok = !m_session || m_store;
    if (m_store) {
        {
            QSqlQuery q(m_store->database());
            // Apart, each is one step down the year index; together SQLite walks the whole index (85 ms at
            // 400,000 articles).
            if (q.exec(QStringLiteral("SELECT (SELECT min(published_year) FROM articles WHERE published_year IS NOT"
                                      " NULL), (SELECT max(published_year) FROM articles)"))
                && q.next()) {
                m_corpusFirst = q.value(0).toInt();
                m_corpusLast = q.value(1).toInt();
            }
        }
    }
    m_cube.open(m_store);
    reload();
    return ok;
}

void TimelineModel::setFocus(const QString &kind, const QString &key)
{
    if (kind == m_kind && key == m_key)
        return;
    m_kind = kind;
    m_key = key;
    reload();
}

void TimelineModel::setPartner(const QString &code)
{
    if (code == m_partner)
        return;
    m_partner = code;
    reload();
}

void TimelineModel::setSearch(const QString &query)
{
    if (query.trimmed() == m_search)
        return;
    m_search = query.trimmed();
    reload();
}

void TimelineModel::reload()
{
    if (!m_store || m_corpusFirst == 0) {
        m_query->cancel();
        beginResetModel();
        m_rows.clear();
        m_undated = 0;
        endResetModel();
        return;
    }
    // A focus reads its own relations and articles in SQL, fast enough not to wait for the cube; the whole corpus
    // reads every relation (200 ms on the UN store). Either way on a worker.
    std::function<std::shared_ptr<const CorpusCube>()> cube;
    if (m_key.isEmpty() || m_cube.ifReady())
        cube = m_cube.waiter();
    struct Answer
    {
        QList<Row> rows;
        int undated = 0;
        std::shared_ptr<const CorpusCube> cube;
    };
    m_query->run(
        [session = m_session, kind = m_kind, key = m_key, search = m_search, partner = m_partner, first = m_corpusFirst,
            last = m_corpusLast, cube] {
            // The model's own queries, on a model of the worker's that no view sees, on its connection.
            TimelineModel worker;
            worker.m_store = session->reader();
            worker.m_kind = kind;
            worker.m_key = key;
            worker.m_search = search;
            worker.m_partner = partner;
            worker.m_corpusFirst = first;
            worker.m_corpusLast = last;
            Answer answer;
            answer.cube = cube ? cube() : nullptr;
            if (worker.m_store)
                worker.compute(answer.cube.get());
            answer.rows = std::move(worker.m_rows);
            answer.undated = worker.m_undated;
            return answer;
        },
        [this](Answer answer) {
            m_cube.adopt(answer.cube);
            beginResetModel();
            m_rows = std::move(answer.rows);
            m_undated = answer.undated;
            endResetModel();
        });
}

TimelineModel::Row *TimelineModel::rowOf(int year)
{
    return year >= m_corpusFirst && year <= m_corpusLast ? &m_rows[year - m_corpusFirst] : nullptr;
}

void TimelineModel::compute(const CorpusCube *cube)
{
    m_rows.clear();
    m_undated = 0;
    if (!m_store || m_corpusFirst == 0)
        return;
    for (int y = m_corpusFirst; y <= m_corpusLast; ++y)
        m_rows.append(Row { y, 0, 0, 0, 0, 0, 0, 0, 0 });
    if (cube)
        queryCube(*cube);
    else
        querySql();
    if (!m_search.isEmpty())
        querySearch();
    if (!m_partner.isEmpty() && !m_key.isEmpty())
        queryPair();
}

void TimelineModel::queryPair()
{
    // The focus's articles stay; its relations give way to those with the partner, each way.
    for (Row &r : m_rows)
        r.cooperation = r.conflict = r.neutral = 0;
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT year, tone, a = ?, count(*) FROM relations"
                             " WHERE ((a = ? AND b = ?) OR (a = ? AND b = ?)) AND year IS NOT NULL GROUP BY 1, 2, 3"));
    for (const QString &v : { m_key, m_key, m_partner, m_partner, m_key })
        q.addBindValue(v);
    if (!q.exec())
        return;
    while (q.next()) {
        Row *row = rowOf(q.value(0).toInt());
        if (!row)
            continue;
        const QString tone = q.value(1).toString();
        const bool forward = q.value(2).toBool();
        const int n = q.value(3).toInt();
        int &cooperation = forward ? row->cooperation : row->backCooperation;
        int &conflict = forward ? row->conflict : row->backConflict;
        int &neutral = forward ? row->neutral : row->backNeutral;
        if (tone == u"cooperation")
            cooperation += n;
        else if (tone == u"conflict")
            conflict += n;
        else
            neutral += n;
    }
}

void TimelineModel::querySearch()
{
    QSqlQuery q(m_store->database());
    q.setForwardOnly(true);
    // The year from the (published_year, id) index, as for the focus's articles.
    const sql::Dialect dialect = sql::dialectOf(m_store->database());
    q.prepare(QStringLiteral("SELECT a.published_year, count(*) FROM articles a%1 WHERE a.id IN (%2)"
                             " GROUP BY a.published_year")
                  .arg(sql::indexedBy(dialect, "articles_year"), sql::searchIds(dialect)));
    q.addBindValue(m_search);
    if (!q.exec())
        return; // the Articles pane says what is wrong with the query
    while (q.next())
        if (!q.value(0).isNull())
            if (Row *r = rowOf(q.value(0).toInt()))
                r->search += q.value(1).toInt();
}

void TimelineModel::queryCube(const CorpusCube &cube)
{
    // Articles per year: all of them, or the focused entity's distinct articles, which its
    // mention cells count per year.
    if (m_key.isEmpty()) {
        for (const auto &[year, n] : cube.articlesPerYear()) {
            if (year == 0)
                m_undated += n;
            else if (Row *r = rowOf(year))
                r->articles += n;
        }
    } else {
        for (const CorpusCube::MentionCell &c : cube.mentionsOf(cube.entityIndex(m_kind, m_key))) {
            if (c.year == 0)
                m_undated += c.articles;
            else if (Row *r = rowOf(c.year))
                r->articles += c.articles;
        }
    }

    // Relations per year and tone: every cell, or those where the focus is a, and those where it
    // is b and a is another party (a relation of the focus with itself counts once).
    const auto add = [this](const CorpusCube::RelationCell &c) {
        Row *row = c.year != 0 ? rowOf(c.year) : nullptr;
        if (!row)
            return;
        if (c.tone == CorpusCube::Cooperation)
            row->cooperation += c.count;
        else if (c.tone == CorpusCube::Conflict)
            row->conflict += c.count;
        else
            row->neutral += c.count;
    };
    if (m_key.isEmpty()) {
        for (const CorpusCube::RelationCell &c : cube.relationCells())
            add(c);
    } else {
        const int x = cube.codeId(m_key);
        for (const CorpusCube::RelationCell &c : cube.cellsOfA(x))
            add(c);
        for (const qint32 i : cube.cellsOfB(x))
            if (const CorpusCube::RelationCell &c = cube.relationCells()[size_t(i)]; c.a != x)
                add(c);
    }
}

void TimelineModel::querySql()
{
    auto rowOf = [this](const QVariant &year) -> Row * { return year.isNull() ? nullptr : this->rowOf(year.toInt()); };

    const QSqlDatabase db = m_store->database();
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Articles per year; NULL is the undated count.
    if (m_key.isEmpty()) {
        q.prepare(QStringLiteral("SELECT published_year, count(*) FROM articles GROUP BY published_year"));
    } else {
        // INDEXED BY: the year from the (published_year, id) index, not from the row, whose
        // year lies after the text and so behind its overflow pages (7x faster on the UN corpus).
        q.prepare(QStringLiteral("SELECT a.published_year, count(*) FROM articles a%1 WHERE a.id IN"
                                 " (SELECT m.article_id FROM mentions m JOIN entities e ON e.id = m.entity_id"
                                 "  WHERE e.kind = ? AND e.key = ?) GROUP BY a.published_year")
                      .arg(sql::indexedBy(sql::dialectOf(db), "articles_year")));
        q.addBindValue(m_kind);
        q.addBindValue(m_key);
    }
    if (q.exec()) {
        while (q.next()) {
            if (Row *r = rowOf(q.value(0)))
                r->articles += q.value(1).toInt();
            else if (q.value(0).isNull())
                m_undated += q.value(1).toInt();
        }
    }

    // Relations per year and tone: relations carry their article's year. People have no
    // relations of their own (relations are between countries and organisations).
    QSqlQuery r(db);
    r.setForwardOnly(true);
    if (m_key.isEmpty()) {
        r.prepare(QStringLiteral("SELECT year, tone, count(*) FROM relations WHERE year IS NOT NULL"
                                 " GROUP BY year, tone"));
    } else {
        r.prepare(QStringLiteral("SELECT year, tone, count(*) FROM relations WHERE a = ? AND year IS NOT NULL"
                                 " GROUP BY year, tone"
                                 " UNION ALL SELECT year, tone, count(*) FROM relations WHERE b = ? AND a <> b"
                                 " AND year IS NOT NULL GROUP BY year, tone"));
        r.addBindValue(m_key);
        r.addBindValue(m_key);
    }
    if (r.exec()) {
        while (r.next()) {
            Row *row = rowOf(r.value(0));
            if (!row)
                continue;
            const QString tone = r.value(1).toString();
            const int n = r.value(2).toInt();
            if (tone == u"cooperation")
                row->cooperation += n;
            else if (tone == u"conflict")
                row->conflict += n;
            else
                row->neutral += n;
        }
    }
}

int TimelineModel::year(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).year : 0;
}

int TimelineModel::rowOfYear(int year) const
{
    if (m_rows.isEmpty() || year < m_rows.first().year || year > m_rows.last().year)
        return -1;
    return year - m_rows.first().year;
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        switch (index.column()) {
        case YearColumn:
            return QString::number(r.year);
        case CooperationColumn:
            return r.cooperation;
        case ConflictColumn:
            return r.conflict;
        case NeutralColumn:
            return r.neutral;
        case BackCooperationColumn:
            return -r.backCooperation;
        case BackConflictColumn:
            return -r.backConflict;
        case BackNeutralColumn:
            return -r.backNeutral;
        case ArticlesColumn:
            return r.articles;
        case SearchColumn:
            return r.search;
        }
        return {};
    case Qt::ToolTipRole:
        if (!m_partner.isEmpty())
            return tr("%1: %2 → %3: %4 cooperation, %5 conflict, %6 neutral or mixed; %3 → %2: %7, %8, %9")
                .arg(r.year)
                .arg(m_key, m_partner)
                .arg(r.cooperation)
                .arg(r.conflict)
                .arg(r.neutral)
                .arg(r.backCooperation)
                .arg(r.backConflict)
                .arg(r.backNeutral);
        return tr("%1: %n article(s)", nullptr, r.articles).arg(r.year)
            + tr("; relations: %1 cooperation, %2 conflict, %3 neutral or mixed")
                  .arg(r.cooperation)
                  .arg(r.conflict)
                  .arg(r.neutral)
            + (m_search.isEmpty() ? QString()
                                  : tr("; matching “%1”: %2").arg(Hits::shownQuery(m_search)).arg(r.search));
    case YearRole:
        return r.year;
    }
    return {};
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case YearColumn:
        return tr("Year");
    case CooperationColumn:
        return m_partner.isEmpty() ? tr("Cooperation") : tr("Cooperation, %1 → %2").arg(m_key, m_partner);
    case ConflictColumn:
        return m_partner.isEmpty() ? tr("Conflict") : tr("Conflict, %1 → %2").arg(m_key, m_partner);
    case NeutralColumn:
        return m_partner.isEmpty() ? tr("Neutral or mixed") : tr("Neutral or mixed, %1 → %2").arg(m_key, m_partner);
    case BackCooperationColumn:
        return tr("Cooperation, %1 → %2").arg(m_partner, m_key);
    case BackConflictColumn:
        return tr("Conflict, %1 → %2").arg(m_partner, m_key);
    case BackNeutralColumn:
        return tr("Neutral or mixed, %1 → %2").arg(m_partner, m_key);
    case ArticlesColumn:
        return tr("Articles");
    case SearchColumn:
        return m_search.isEmpty() ? tr("Search") : tr("Matching “%1”").arg(Hits::shownQuery(m_search));
    }
    return {};
}

QString TimelineModel::toCsv() const
{
    // With a search, a column of the articles that match it (the whole corpus').
    const bool search = !m_search.isEmpty();
    QStringList header { QStringLiteral("year"), QStringLiteral("articles"), QStringLiteral("cooperation"),
        QStringLiteral("conflict"), QStringLiteral("neutral") };
    // With a partner, the relations each way, named by the two codes (counts, never negative here).
    const bool pair = !m_partner.isEmpty() && !m_key.isEmpty();
    if (pair) {
        const QString forward = m_key + QStringLiteral("_to_") + m_partner + u'_';
        const QString back = m_partner + QStringLiteral("_to_") + m_key + u'_';
        header = QStringList { QStringLiteral("year"), QStringLiteral("articles"),
            forward + QStringLiteral("cooperation"), forward + QStringLiteral("conflict"),
            forward + QStringLiteral("neutral"), back + QStringLiteral("cooperation"),
            back + QStringLiteral("conflict"), back + QStringLiteral("neutral") };
    }
    if (search)
        header << QStringLiteral("matching");
    QString csv = chartdata::csvLine(header);
    for (const Row &r : m_rows) {
        QStringList line { QString::number(r.year), QString::number(r.articles), QString::number(r.cooperation),
            QString::number(r.conflict), QString::number(r.neutral) };
        if (pair)
            line << QString::number(r.backCooperation) << QString::number(r.backConflict)
                 << QString::number(r.backNeutral);
        if (search)
            line << QString::number(r.search);
        csv += chartdata::csvLine(line);
    }
    QStringList undated { QStringLiteral("undated"), QString::number(m_undated), {}, {}, {} };
    if (pair)
        undated << QString() << QString() << QString();
    if (search)
        undated << QString();
    csv += chartdata::csvLine(undated);
    return csv;
}

} // namespace entente
