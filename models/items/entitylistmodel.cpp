#include "entitylistmodel.h"

#include "gazetteer.h"
#include "rowinsertions.h"
#include "sqlclauses.h"
#include "sqldialect.h"
#include "store.h"
#include "storesession.h"

#include <QSqlQuery>

#include <algorithm>
#include <utility>

namespace entente {

namespace {
// Children carry their group's row + 1 as internal id; top rows carry 0.
constexpr quintptr TopLevel = 0;
} // namespace

EntityListModel::EntityListModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_groups(emptyGroups())
    , m_query(new AsyncQuery(this))
{ }

EntityListModel::~EntityListModel() = default;

QStringList EntityListModel::kinds()
{
    return { QStringLiteral("country"), QStringLiteral("person"), QStringLiteral("organization"),
        QStringLiteral("place"), QStringLiteral("region"), QStringLiteral("event"), QStringLiteral("money") };
}

QString EntityListModel::kindTitle(const QString &kind)
{
    if (kind == u"country")
        return tr("Countries");
    if (kind == u"person")
        return tr("People");
    if (kind == u"organization")
        return tr("Organisations");
    if (kind == u"place")
        return tr("Places");
    if (kind == u"region")
        return tr("Regions");
    if (kind == u"event")
        return tr("Events");
    if (kind == u"money")
        return tr("Money");
    return kind;
}

QList<EntityListModel::Group> EntityListModel::emptyGroups()
{
    QList<Group> groups;
    for (const QString &kind : kinds())
        groups.append({ kind, {}, 0, 0 });
    return groups;
}

bool EntityListModel::setSession(std::shared_ptr<StoreSession> session)
{
    // The rows of another store are no previous content to show meanwhile: empty kinds until the answer.
    beginResetModel();
    m_query->cancel();
    m_pending = Delivery::Roles;
    m_session = std::move(session);
    m_store = m_session ? m_session->reader() : nullptr;
    m_cube.open(m_store);
    m_groups = emptyGroups();
    m_with.clear();
    endResetModel();
    const bool ok = !m_session || m_store;
    if (m_store)
        requery(Delivery::Reset);
    return ok;
}

void EntityListModel::refresh()
{
    if (!m_store)
        return;
    m_cube.open(m_store); // the store's new stamp: the cube of the grown store, not the one before
    requery(Delivery::Growth);
}

void EntityListModel::applyGrowth(const QList<Group> &fresh)
{
    const auto keys = [](const Group &g) {
        QList<QString> list;
        list.reserve(g.entities.size());
        for (const Entity &e : g.entities)
            list << e.key;
        return list;
    };
    QList<QList<RowRun>> runs;
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        auto groupRuns = insertionRuns(keys(m_groups.at(g)), keys(fresh.at(g)));
        if (!groupRuns) {
            beginResetModel();
            m_groups = fresh;
            endResetModel();
            return;
        }
        runs << *groupRuns;
    }
    for (qsizetype g = 0; g < m_groups.size(); ++g) {
        const QModelIndex parent = index(int(g), 0);
        QList<Entity> &entities = m_groups[g].entities;
        for (const RowRun &run : std::as_const(runs.at(g))) {
            beginInsertRows(parent, run.row, run.row + run.count - 1);
            entities.insert(run.row, run.count, Entity {});
            std::copy_n(fresh.at(g).entities.cbegin() + run.row, run.count, entities.begin() + run.row);
            endInsertRows();
        }
        m_groups[g] = fresh.at(g); // the same keys in the same order now: only the counts differ
        if (!entities.isEmpty())
            emit dataChanged(index(0, 0, parent), index(int(entities.size()) - 1, ColumnCount - 1, parent));
    }
    emit dataChanged(index(0, 0), index(int(m_groups.size()) - 1, ColumnCount - 1));
}

void EntityListModel::setFilter(int yearFrom, int yearTo, const QString &textQuery)
{
    if (yearFrom == m_yearFrom && yearTo == m_yearTo && textQuery == m_textQuery)
        return;
    m_yearFrom = yearFrom;
    m_yearTo = yearTo;
    m_textQuery = textQuery;
    requery(Delivery::Reset);
}

EntityListModel::Question EntityListModel::question() const
{
    return { m_yearFrom, m_yearTo, m_textQuery, m_compareA, m_compareB };
}

void EntityListModel::requery(Delivery delivery)
{
    m_pending = std::max(m_pending, delivery);
    if (!m_store) {
        m_query->cancel();
        deliver({ emptyGroups(), {}, {} }, std::exchange(m_pending, Delivery::Roles));
        return;
    }
    const Question q = question();
    // A text query needs the full-text index: SQL. Without one, the cube has the counts per year: a loop over its
    // cells when it is loaded (10-15 ms on the UN store), else the worker waits for it. SQL would count every mention
    // in one pass over the (entity_id, article_id) index, the same pass the cube's load makes, which the window
    // starts as it opens a store (at 400,000 articles half a second of the start-up), and within years SQL would look
    // up every mention's article too. A comparison is SQL.
    m_query->run(
        [session = m_session, q, waitForCube = m_cube.waiter()] {
            Answer answer { emptyGroups(), {}, {} };
            const Store *store = session->reader();
            if (!store)
                return answer;
            answer.cube = q.textQuery.isEmpty() ? waitForCube() : nullptr;
            if (answer.cube)
                queryCube(*answer.cube, q, answer.groups);
            else
                querySql(*store, q, answer.groups);
            if (!q.compareA.isNull() && !q.compareB.isNull())
                answer.with = queryComparison(*store, q);
            return answer;
        },
        [this](Answer answer) {
            m_cube.adopt(answer.cube);
            deliver(std::move(answer), std::exchange(m_pending, Delivery::Roles));
        });
}

void EntityListModel::deliver(Answer answer, Delivery delivery)
{
    m_with = std::move(answer.with);
    switch (delivery) {
    case Delivery::Reset:
        beginResetModel();
        m_groups = std::move(answer.groups);
        endResetModel();
        return;
    case Delivery::Growth:
        applyGrowth(answer.groups);
        return;
    case Delivery::Roles:
        // Only the comparison changed: the rows, and what a view has expanded and selected, stay.
        for (int g = 0; g < int(m_groups.size()); ++g) {
            const QModelIndex parent = index(g, 0);
            if (!m_groups.at(g).entities.isEmpty())
                emit dataChanged(index(0, 0, parent),
                    index(int(m_groups.at(g).entities.size()) - 1, ColumnCount - 1, parent),
                    { WithARole, WithBRole, SideRole, Qt::ToolTipRole });
        }
        return;
    }
}

void EntityListModel::setComparison(const EntityRef &a, const EntityRef &b)
{
    const EntityRef newA = a.isNull() || b.isNull() ? EntityRef {} : a;
    const EntityRef newB = newA.isNull() ? EntityRef {} : b;
    if (newA == m_compareA && newB == m_compareB)
        return;
    m_compareA = newA;
    m_compareB = newB;
    if (!hasComparison()) {
        // Nothing to ask: the roles go back to nothing at once.
        if (m_pending == Delivery::Roles && !m_query->isBusy()) {
            deliver({ {}, {}, {} }, Delivery::Roles);
            return;
        }
    }
    requery(Delivery::Roles);
}

QHash<QString, EntityListModel::With> EntityListModel::queryComparison(const Store &store, const Question &question)
{
    QHash<QString, With> with;
    // The articles that mention A or B, each with a bit per side (sum of the distinct bits: 1, 2 or 3), then every
    // entity those articles mention, counted once per article and side. On the (entity_id, article_id) index for the
    // two, on the article's for the rest.
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    const bool years = question.yearFrom != 0;
    const sql::Dialect dialect = sql::dialectOf(store.database());
    q.prepare(QStringLiteral(
        "SELECT e.kind, e.key, c.with_a, c.with_b FROM"
        " (SELECT m.entity_id, count(DISTINCT CASE WHEN (s.side & 1) <> 0 THEN m.article_id END) AS with_a,"
        " count(DISTINCT CASE WHEN (s.side & 2) <> 0 THEN m.article_id END) AS with_b"
        " FROM (SELECT article_id, sum(DISTINCT CASE WHEN entity_id = x.a THEN 1 ELSE 2 END) AS side"
        " FROM mentions, (SELECT (SELECT id FROM entities WHERE kind = ? AND key = ?) AS a,"
        " (SELECT id FROM entities WHERE kind = ? AND key = ?) AS b) x"
        " WHERE entity_id IN (x.a, x.b)%1 GROUP BY article_id) s"
        " JOIN mentions m%2 ON m.article_id = s.article_id"
        " GROUP BY m.entity_id) c JOIN entities e ON e.id = c.entity_id")
                  .arg(years ? QStringLiteral(" AND article_id IN (SELECT id FROM articles WHERE published_year"
                                              " BETWEEN ? AND ?)")
                             : QString(),
                      sql::indexedBy(dialect, "mentions_article")));
    q.addBindValue(question.compareA.kind);
    q.addBindValue(question.compareA.key);
    q.addBindValue(question.compareB.kind);
    q.addBindValue(question.compareB.key);
    if (years) {
        q.addBindValue(question.yearFrom);
        q.addBindValue(question.yearTo != 0 ? question.yearTo : 9999);
    }
    if (!q.exec())
        return with;
    while (q.next())
        with.insert(
            withKey(q.value(0).toString(), q.value(1).toString()), With { q.value(2).toInt(), q.value(3).toInt() });
    return with;
}

int EntityListModel::sideCount(Side side) const
{
    int n = 0;
    for (const Group &g : m_groups) {
        for (const Entity &e : g.entities) {
            const EntityRef ref { g.kind, e.key };
            if (ref == m_compareA || ref == m_compareB)
                continue;
            const With w = m_with.value(withKey(g.kind, e.key));
            if (((w.a > 0 ? OnlyA : 0) | (w.b > 0 ? OnlyB : 0)) == side)
                ++n;
        }
    }
    return n;
}

void EntityListModel::append(QList<Group> &groups, qsizetype group, Entity entity)
{
    if (entity.name.isEmpty() && group == 0)
        entity.name = Gazetteer::shared().countryName(entity.key);
    if (entity.name.isEmpty())
        entity.name = entity.key;
    Group &g = groups[group];
    g.mentions += entity.mentions;
    g.articles += entity.articles;
    g.entities.append(std::move(entity));
}

void EntityListModel::queryCube(const CorpusCube &cube, const Question &question, QList<Group> &groups)
{
    // In the order of the entities' ids, as SQL groups them.
    const QStringList kindList = kinds();
    QList<qsizetype> groupOfKind;
    for (const QString &kind : cube.kinds())
        groupOfKind << kindList.indexOf(kind);
    const std::vector<CorpusCube::Entity> &entities = cube.entities();
    for (size_t i = 0; i < entities.size(); ++i) {
        const CorpusCube::Entity &ce = entities[i];
        const qsizetype g = groupOfKind.at(ce.kind);
        if (g < 0)
            continue;
        int mentions = 0, articles = 0;
        for (const CorpusCube::MentionCell &c : cube.mentionsOf(int(i))) {
            if (CorpusCube::inRange(c.year, question.yearFrom, question.yearTo)) {
                mentions += c.mentions;
                articles += c.articles;
            }
        }
        if (mentions > 0)
            append(groups, g, Entity { ce.key, ce.name, ce.country, mentions, articles });
    }
}

void EntityListModel::querySql(const Store &store, const Question &question, QList<Group> &groups)
{
    // Grouped on the (entity_id, article_id) index: one pass over it, no sort.
    const sql::Dialect dialect = sql::dialectOf(store.database());
    const auto run = [&question, dialect](QSqlQuery &q, bool withText) {
        QStringList where;
        QVariantList values;
        if (const sql::Clause years = sql::articlesInYears(question.yearFrom, question.yearTo); !years.isEmpty()) {
            where << QStringLiteral("m.article_id IN ") + years.text;
            values << years.values;
        }
        if (withText) {
            where << QStringLiteral("m.article_id IN (%1)").arg(sql::searchIds(dialect));
            values << question.textQuery;
        }
        q.setForwardOnly(true);
        // A search's hits are few beside the corpus: their mentions are read article by article, where the
        // (entity_id, article_id) index would be walked whole, every mention's article tried against the hits
        // (760 -> 310 ms for "climate" among 400,000 articles).
        q.prepare(QStringLiteral("SELECT e.kind, e.key, e.name, e.country, c.mentions, c.articles FROM"
                                 " (SELECT m.entity_id, count(*) AS mentions, count(DISTINCT m.article_id)"
                                 " AS articles FROM mentions m%1%2 GROUP BY m.entity_id) c"
                                 " JOIN entities e ON e.id = c.entity_id")
                      .arg(withText ? sql::indexedBy(dialect, "mentions_article") : QString(),
                          where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where.join(u" AND ")));
        for (const QVariant &v : std::as_const(values))
            q.addBindValue(v);
        return q.exec();
    };
    QSqlQuery q(store.database());
    // A text query FTS5 cannot parse counts as none: the Articles pane says what is wrong with it.
    if (!run(q, !question.textQuery.isEmpty()) && !question.textQuery.isEmpty())
        run(q, false);
    const QStringList kindList = kinds();
    while (q.next()) {
        const qsizetype g = kindList.indexOf(q.value(0).toString());
        if (g < 0)
            continue;
        append(groups, g,
            Entity { q.value(1).toString(), q.value(2).toString(), q.value(3).toString(), q.value(4).toInt(),
                q.value(5).toInt() });
    }
}

bool EntityListModel::lessThan(const QModelIndex &left, const QModelIndex &right, Qt::CaseSensitivity cs) const
{
    if (left.internalId() == TopLevel || right.internalId() == TopLevel)
        return left.row() < right.row();
    const Entity &l = m_groups.at(qsizetype(left.internalId() - 1)).entities.at(left.row());
    const Entity &r = m_groups.at(qsizetype(right.internalId() - 1)).entities.at(right.row());
    switch (left.column()) {
    case MentionsColumn:
        return l.mentions < r.mentions;
    case ArticlesColumn:
        return l.articles < r.articles;
    default:
        return l.name.compare(r.name, cs) < 0;
    }
}

QModelIndex EntityListModel::indexOf(const EntityRef &entity, int column) const
{
    const qsizetype g = kinds().indexOf(entity.kind);
    if (g < 0 || entity.isNull())
        return {};
    const QList<Entity> &list = m_groups.at(g).entities;
    for (qsizetype i = 0; i < list.size(); ++i)
        if (list.at(i).key == entity.key)
            return createIndex(int(i), column, quintptr(g + 1));
    return {};
}

EntityRef EntityListModel::entityAt(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid) || index.internalId() == TopLevel)
        return {};
    const Group &g = m_groups.at(qsizetype(index.internalId() - 1));
    return { g.kind, g.entities.at(index.row()).key };
}

QModelIndex EntityListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    if (!parent.isValid())
        return createIndex(row, column, TopLevel);
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex EntityListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == TopLevel)
        return {};
    return createIndex(int(child.internalId() - 1), 0, TopLevel);
}

int EntityListModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_groups.size());
    if (parent.column() != 0 || parent.internalId() != TopLevel)
        return 0;
    return int(m_groups.at(parent.row()).entities.size());
}

int EntityListModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant EntityListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == TopLevel) {
        const Group &g = m_groups.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
            case NameColumn:
                return tr("%1 (%2)").arg(kindTitle(g.kind)).arg(g.entities.size());
            case MentionsColumn:
                return g.mentions;
            case ArticlesColumn:
                return {}; // a sum over entities would count articles several times
            }
            return {};
        case Qt::TextAlignmentRole:
            return index.column() == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
        case KindRole:
            return g.kind;
        case FilterTextRole:
            return kindTitle(g.kind);
        case IsKindRole:
            return true;
        }
        return {};
    }
    const Group &g = m_groups.at(qsizetype(index.internalId() - 1));
    const Entity &e = g.entities.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return e.name;
        case MentionsColumn:
            return e.mentions;
        case ArticlesColumn:
            return e.articles;
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = e.name;
        if (e.key != e.name)
            tip += QStringLiteral(" (%1)").arg(e.key);
        if (!e.country.isEmpty() && g.kind != u"country")
            tip += u'\n' + tr("Country: %1").arg(Gazetteer::shared().countryName(e.country));
        tip += u'\n' + tr("%n mention(s)", nullptr, e.mentions) + QStringLiteral(", ")
            + tr("%n article(s)", nullptr, e.articles);
        if (hasComparison()) {
            const With w = m_with.value(withKey(g.kind, e.key));
            tip += u'\n'
                + tr("In %1 article(s) with %2, %3 with %4").arg(w.a).arg(m_compareA.key).arg(w.b).arg(m_compareB.key);
        }
        return tip;
    }
    case Qt::TextAlignmentRole:
        return index.column() == NameColumn ? QVariant() : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case KindRole:
        return g.kind;
    case KeyRole:
        return e.key;
    case CountryRole:
        return e.country;
    case FilterTextRole:
        return e.name + u' ' + e.key;
    case IsKindRole:
        return false;
    case WithARole:
        return m_with.value(withKey(g.kind, e.key)).a;
    case WithBRole:
        return m_with.value(withKey(g.kind, e.key)).b;
    case SideRole: {
        const With w = m_with.value(withKey(g.kind, e.key));
        return (w.a > 0 ? OnlyA : 0) | (w.b > 0 ? OnlyB : 0);
    }
    }
    return {};
}

QVariant EntityListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case NameColumn:
            return tr("Entity");
        case MentionsColumn:
            return tr("Mentions");
        case ArticlesColumn:
            return tr("Articles");
        }
    } else if (role == Qt::ToolTipRole) {
        switch (section) {
        case NameColumn:
            return tr("Canonical name, grouped by kind");
        case MentionsColumn:
            return tr("How often it is mentioned under the current filter");
        case ArticlesColumn:
            return tr("In how many articles, under the current filter");
        }
    }
    return {};
}

} // namespace entente
