#include "networkmodel.h"

#include "chartdata.h"
#include "communities.h"
#include "sqlclauses.h"
#include "sqldialect.h"
#include "store.h"
#include "storesession.h"

#include <QHash>
#include <QSqlQuery>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <tuple>
#include <vector>

namespace entente {

namespace {

// Pulls far-off nodes in and pushes close ones apart, after the force layout: a country with
// few relations drifts away and, once everything is scaled to fit, squeezes the rest into the
// middle; and nodes closer than a label's height hide each other's names.
void separate(std::vector<double> &x, std::vector<double> &y)
{
    const size_t n = x.size();
    if (n < 3)
        return;
    double cx = 0, cy = 0;
    for (size_t i = 0; i < n; ++i) {
        cx += x[i] / double(n);
        cy += y[i] / double(n);
    }
    std::vector<double> radii(n);
    for (size_t i = 0; i < n; ++i)
        radii[i] = std::hypot(x[i] - cx, y[i] - cy);
    std::vector<double> sorted = radii;
    std::sort(sorted.begin(), sorted.end());
    const double r85 = std::max(sorted[n * 85 / 100], 1e-6);
    for (size_t i = 0; i < n; ++i) {
        if (radii[i] <= r85)
            continue;
        // Beyond the 85th percentile, distances grow a quarter as fast: outliers stay outside,
        // in their direction, without stretching the picture.
        const double r = r85 + (radii[i] - r85) * 0.25;
        x[i] = cx + (x[i] - cx) * r / radii[i];
        y[i] = cy + (y[i] - cy) * r / radii[i];
    }
    // A minimum distance, as a share of the layout's spread: about a label's height once the
    // network is fitted to a pane of a few hundred pixels. Pairs closer than that move apart,
    // a few rounds, in a fixed order (no randomness: the same store, the same picture).
    const double minimum = 0.28 * r85;
    for (int round = 0; round < 30; ++round) {
        bool moved = false;
        for (size_t i = 0; i < n; ++i) {
            for (size_t j = i + 1; j < n; ++j) {
                double dx = x[i] - x[j], dy = y[i] - y[j];
                double d = std::hypot(dx, dy);
                if (d >= minimum)
                    continue;
                if (d < 1e-9) { // on top of each other: part them along a fixed direction
                    dx = 1e-3 * double(j - i);
                    dy = 1e-3;
                    d = std::hypot(dx, dy);
                }
                const double push = (minimum - d) / 2 / d;
                x[i] += dx * push;
                y[i] += dy * push;
                x[j] -= dx * push;
                y[j] -= dy * push;
                moved = true;
            }
        }
        if (!moved)
            break;
    }
}

} // namespace

NetworkModel::NetworkModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_query(new AsyncQuery(this))
{
    m_filter.organisations = false; // countries, as the pane always showed them
}

NetworkModel::~NetworkModel() = default;

bool NetworkModel::setSession(std::shared_ptr<StoreSession> session)
{
    m_session = std::move(session);
    m_store = m_session ? m_session->reader() : nullptr;
    m_cube.open(m_store);
    const bool ok = !m_session || m_store;
    m_placed.clear(); // another store: another picture
    reload();
    return ok;
}

void NetworkModel::refresh()
{
    m_cube.open(m_store); // the store's new stamp
    reload();
}

QString NetworkModel::mostMentionedCountry(const Store *store)
{
    if (!store || !store->isOpen())
        return {};
    // As query() ranks the nodes: counted on the (entity_id, article_id) index alone.
    QSqlQuery q(store->database());
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral("SELECT e.key, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n"
                              " FROM entities e WHERE e.kind = 'country' ORDER BY n DESC, e.key LIMIT 1"))
        && q.next() && q.value(1).toInt() > 0)
        return q.value(0).toString();
    return {};
}

void NetworkModel::setLimit(int limit)
{
    limit = std::max(2, limit);
    if (limit == m_limit)
        return;
    m_limit = limit;
    reload();
}

void NetworkModel::setYearRange(int from, int to)
{
    if (from == m_yearFrom && to == m_yearTo)
        return;
    m_yearFrom = from;
    m_yearTo = to;
    reload();
}

void NetworkModel::setFilter(const NetworkFilter &filter)
{
    NetworkFilter f = filter;
    f.limit = m_filter.limit;
    f.yearFrom = m_filter.yearFrom;
    f.yearTo = m_filter.yearTo;
    f.minWeight = std::max(1, f.minWeight);
    f.minDegree = std::max(0, f.minDegree);
    if (f == m_filter)
        return;
    m_filter = f;
    reload();
}

NetworkFilter NetworkModel::filter() const
{
    NetworkFilter f = m_filter;
    f.limit = m_limit;
    f.yearFrom = m_yearFrom;
    f.yearTo = m_yearTo;
    return f;
}

void NetworkModel::resetLayout()
{
    m_placed.clear();
    reload();
}

void NetworkModel::reload()
{
    if (!m_store) {
        m_query->cancel();
        beginResetModel();
        m_nodes.clear();
        m_edges.clear();
        m_communityCount = 0;
        endResetModel();
        return;
    }
    // Without a year range SQL counts the mentions on the (entity_id, article_id) index alone, fast enough not to
    // wait for the cube; within years it reads the mentions of every article of the years (130 ms a decade on the UN
    // store). Either way on a worker, with the communities and the layout (a few ms to tens of ms).
    const bool ready = m_cube.ifReady() != nullptr;
    std::function<std::shared_ptr<const CorpusCube>()> cube;
    if (ready || m_yearFrom != 0)
        cube = m_cube.waiter();
    struct Answer
    {
        QList<Node> nodes;
        QList<Edge> edges;
        int communityCount = 0;
        QHash<QString, QPointF> placed;
        std::shared_ptr<const CorpusCube> cube;
    };
    m_query->run(
        [session = m_session, limit = m_limit, from = m_yearFrom, to = m_yearTo, filter = m_filter, placed = m_placed,
            cube] {
            // The model's own steps, on a model of the worker's that no view sees, on its connection.
            NetworkModel worker;
            worker.m_store = session->reader();
            worker.m_limit = limit;
            worker.m_yearFrom = from;
            worker.m_yearTo = to;
            worker.m_filter = filter;
            worker.m_placed = placed;
            Answer answer;
            answer.cube = cube ? cube() : nullptr;
            if (worker.m_store)
                worker.compute(answer.cube.get());
            answer.nodes = std::move(worker.m_nodes);
            answer.edges = std::move(worker.m_edges);
            answer.communityCount = worker.m_communityCount;
            answer.placed = std::move(worker.m_placed);
            return answer;
        },
        [this](Answer answer) {
            m_cube.adopt(answer.cube);
            beginResetModel();
            m_nodes = std::move(answer.nodes);
            m_edges = std::move(answer.edges);
            m_communityCount = answer.communityCount;
            m_placed = std::move(answer.placed);
            endResetModel();
        });
}

void NetworkModel::compute(const CorpusCube *cube)
{
    m_nodes.clear();
    m_edges.clear();
    if (cube)
        queryCube(*cube);
    else
        querySql();
    applyFilter();
    findCommunities();
    markBackbone();
    layout();
}

void NetworkModel::applyFilter()
{
    // Weights and colours under the tone, then the minima; the nodes that go take their edges along, and the rows
    // left keep their order (by mentions).
    std::vector<NetworkFilter::WeightedEdge> weighted;
    for (Edge &e : m_edges) {
        e.weight = m_filter.weight(e.count, e.cooperation, e.conflict);
        switch (m_filter.tone) {
        case NetworkFilter::Tone::Cooperation:
            e.tone = 1.0;
            break;
        case NetworkFilter::Tone::Conflict:
            e.tone = -1.0;
            break;
        case NetworkFilter::Tone::Net: {
            // The share of the net in the pair's cooperation and conflict.
            const int both = e.cooperation + e.conflict;
            e.tone = both ? double(e.cooperation - e.conflict) / both : 0.0;
            break;
        }
        case NetworkFilter::Tone::All:
            e.tone = e.netTone();
            break;
        }
        weighted.push_back({ e.from, e.to, e.weight });
    }
    const NetworkFilter::Kept kept = m_filter.prune(int(m_nodes.size()), weighted);
    std::vector<int> newRow(size_t(m_nodes.size()), -1);
    QList<Node> nodes;
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        if (!kept.nodes[size_t(i)])
            continue;
        newRow[size_t(i)] = int(nodes.size());
        nodes.append(m_nodes.at(i));
    }
    QList<Edge> edges;
    for (qsizetype i = 0; i < m_edges.size(); ++i) {
        if (!kept.edges[size_t(i)])
            continue;
        Edge e = m_edges.at(i);
        e.from = newRow[size_t(e.from)];
        e.to = newRow[size_t(e.to)];
        edges.append(e);
    }
    m_nodes = nodes;
    m_edges = edges;
    for (Node &node : m_nodes)
        node.degree = 0;
    for (const Edge &e : std::as_const(m_edges)) {
        ++m_nodes[e.from].degree;
        ++m_nodes[e.to].degree;
    }
}

void NetworkModel::findCommunities()
{
    std::vector<Communities::Edge> links;
    for (const Edge &e : std::as_const(m_edges))
        links.push_back({ e.from, e.to, double(e.weight) });
    const std::vector<int> community = Communities::detect(int(m_nodes.size()), links);
    m_communityCount = 0;
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        m_nodes[i].community = community[size_t(i)];
        m_communityCount = std::max(m_communityCount, community[size_t(i)] + 1);
    }
}

void NetworkModel::queryCube(const CorpusCube &cube)
{
    // Nodes: countries by their mentions within the years, most first, ties by code in SQL's
    // order; none without a mention.
    const std::vector<CorpusCube::Entity> &entities = cube.entities();
    const qsizetype countryKind = cube.kinds().indexOf(QStringLiteral("country"));
    const qsizetype organisationKind
        = m_filter.organisations ? cube.kinds().indexOf(QStringLiteral("organization")) : qsizetype(-2);
    struct Ranked
    {
        qint64 mentions = 0;
        qsizetype entity = 0;
    };
    QList<Ranked> ranked;
    for (size_t i = 0; i < entities.size(); ++i) {
        if (entities[i].kind != countryKind && entities[i].kind != organisationKind)
            continue;
        qint64 n = 0;
        for (const CorpusCube::MentionCell &c : cube.mentionsOf(int(i)))
            if (CorpusCube::inRange(c.year, m_yearFrom, m_yearTo))
                n += c.mentions;
        if (n > 0)
            ranked.append({ n, qsizetype(i) });
    }
    const auto top = ranked.begin() + std::min<qsizetype>(m_limit, ranked.size());
    std::partial_sort(ranked.begin(), top, ranked.end(), [&](const Ranked &x, const Ranked &y) {
        if (x.mentions != y.mentions)
            return x.mentions > y.mentions;
        return CorpusCube::binaryLess(entities[size_t(x.entity)].key, entities[size_t(y.entity)].key);
    });
    const QSqlDatabase db = m_store->database();
    QHash<QString, QString> names;
    std::vector<qint32> rowOfCode(size_t(cube.codes().size()), -1);
    for (auto it = ranked.begin(); it != top; ++it) {
        Node node;
        node.code = entities[size_t(it->entity)].key;
        node.name = chartdata::partyName(db, node.code, &names);
        node.mentions = int(it->mentions);
        node.organisation = entities[size_t(it->entity)].kind != countryKind;
        if (const int code = cube.codeId(node.code); code >= 0)
            rowOfCode[size_t(code)] = qint32(m_nodes.size());
        m_nodes.append(node);
    }
    if (m_nodes.size() < 2)
        return;

    // Edges: the relations among the nodes, both directions of a pair merged. Each pair is
    // summed under its first row, from the cells where that node is a and those where it is b,
    // and listed by (from, to) as the SQL path sorts them.
    const qsizetype n = m_nodes.size();
    const std::vector<CorpusCube::RelationCell> &cells = cube.relationCells();
    std::vector<Edge> partner(static_cast<size_t>(n));
    const int onlyTone = m_filter.tone == NetworkFilter::Tone::Cooperation ? CorpusCube::Cooperation
        : m_filter.tone == NetworkFilter::Tone::Conflict                   ? CorpusCube::Conflict
                                                                           : -1;
    const auto add = [&](Edge &e, const CorpusCube::RelationCell &c) {
        if (onlyTone >= 0 && c.tone != onlyTone)
            return;
        e.count += c.count;
        if (c.tone == CorpusCube::Cooperation)
            e.cooperation += c.count;
        else if (c.tone == CorpusCube::Conflict)
            e.conflict += c.count;
        e.goldstein += c.goldstein;
    };
    for (qsizetype x = 0; x < n; ++x) {
        const int code = cube.codeId(m_nodes.at(x).code);
        for (const CorpusCube::RelationCell &c : cube.cellsOfA(code))
            if (const qint32 y = rowOfCode[size_t(c.b)]; y > x && CorpusCube::inRange(c.year, m_yearFrom, m_yearTo))
                add(partner[size_t(y)], c);
        for (const qint32 i : cube.cellsOfB(code))
            if (const CorpusCube::RelationCell &c = cells[size_t(i)];
                rowOfCode[size_t(c.a)] > x && CorpusCube::inRange(c.year, m_yearFrom, m_yearTo))
                add(partner[size_t(rowOfCode[size_t(c.a)])], c);
        for (qsizetype y = x + 1; y < n; ++y) {
            Edge &e = partner[size_t(y)];
            if (e.count == 0)
                continue;
            e.from = int(x);
            e.to = int(y);
            m_edges.append(e);
            e = {};
        }
    }
}

void NetworkModel::querySql()
{
    const sql::Clause articles = sql::articlesInYears(m_yearFrom, m_yearTo);
    const sql::Clause years = sql::yearRange(QStringLiteral("year"), m_yearFrom, m_yearTo);
    const QSqlDatabase db = m_store->database();
    // The second kind of node, if any ('country' twice when organisations are not asked for).
    const QString kinds = m_filter.organisations ? QStringLiteral("organization") : QStringLiteral("country");
    QSqlQuery q(db);
    q.setForwardOnly(sql::streamsBesideOtherQueries(sql::dialectOf(db))); // an organisation's name is read meanwhile
    if (!articles.isEmpty()) {
        // The articles in range come from the (published_year) index (a second a decade on the UN store by their
        // rows).
        q.prepare(QStringLiteral("SELECT e.key, count(*) AS n, e.kind FROM entities e"
                                 " JOIN mentions m ON m.entity_id = e.id"
                                 " WHERE e.kind IN ('country', ?) AND m.article_id IN %1"
                                 " GROUP BY e.id ORDER BY n DESC, e.key LIMIT ?")
                      .arg(articles.text));
        q.addBindValue(kinds);
        sql::bind(q, articles.values);
    } else {
        // Counted on the (entity_id, article_id) index alone: no table rows are read.
        q.prepare(QStringLiteral("SELECT e.key, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n,"
                                 " e.kind FROM entities e WHERE e.kind IN ('country', ?) ORDER BY n DESC, e.key"
                                 " LIMIT ?"));
        q.addBindValue(kinds);
    }
    q.addBindValue(m_limit);
    if (!q.exec())
        return;
    QHash<QString, QString> names;
    QHash<QString, int> rowOf;
    while (q.next()) {
        const int n = q.value(1).toInt();
        if (n <= 0)
            break;
        Node node;
        node.code = q.value(0).toString();
        node.name = chartdata::partyName(db, node.code, &names);
        node.mentions = n;
        node.organisation = q.value(2).toString() != u"country";
        rowOf.insert(node.code, int(m_nodes.size()));
        m_nodes.append(node);
    }
    if (m_nodes.size() < 2)
        return;

    // Only the relations among the nodes, in the order of the covering (a, b, tone, ...) index:
    // no table rows and no sort (a scan of every relation took a quarter of a second on the
    // UN corpus). Both directions of a pair are merged below.
    QStringList marks;
    for (qsizetype i = 0; i < m_nodes.size(); ++i)
        marks << QStringLiteral("?");
    const QString list = marks.join(u',');
    QSqlQuery r(db);
    r.setForwardOnly(true);
    const QString onlyTone = m_filter.tone == NetworkFilter::Tone::Cooperation ? QStringLiteral("cooperation")
        : m_filter.tone == NetworkFilter::Tone::Conflict                       ? QStringLiteral("conflict")
                                                                               : QString();
    r.prepare(QStringLiteral("SELECT a, b, tone, count(*), %4 FROM relations"
                             " WHERE a IN (%1) AND b IN (%1) AND a <> b%2%3 GROUP BY a, b, tone")
                  .arg(list, onlyTone.isEmpty() ? QString() : QStringLiteral(" AND tone = ?"), years.andText(),
                      sql::total(sql::dialectOf(db), QStringLiteral("goldstein"))));
    for (int pass = 0; pass < 2; ++pass)
        for (const Node &node : std::as_const(m_nodes))
            r.addBindValue(node.code);
    if (!onlyTone.isEmpty())
        r.addBindValue(onlyTone);
    sql::bind(r, years.values);
    if (!r.exec())
        return;
    QHash<quint64, qsizetype> edgeOf;
    while (r.next()) {
        const auto from = rowOf.constFind(r.value(0).toString());
        const auto toIt = rowOf.constFind(r.value(1).toString());
        if (from == rowOf.constEnd() || toIt == rowOf.constEnd())
            continue;
        const int x = std::min(*from, *toIt), y = std::max(*from, *toIt);
        const quint64 key = (quint64(x) << 32) | quint64(y);
        auto it = edgeOf.constFind(key);
        if (it == edgeOf.constEnd()) {
            it = edgeOf.insert(key, m_edges.size());
            Edge fresh;
            fresh.from = x;
            fresh.to = y;
            m_edges.append(fresh);
        }
        Edge &e = m_edges[*it];
        const int n = r.value(3).toInt();
        const QString tone = r.value(2).toString();
        e.count += n;
        if (tone == u"cooperation")
            e.cooperation += n;
        else if (tone == u"conflict")
            e.conflict += n;
        e.goldstein += r.value(4).toDouble();
    }
    std::sort(m_edges.begin(), m_edges.end(),
        [](const Edge &a, const Edge &b) { return std::tie(a.from, a.to) < std::tie(b.from, b.to); });
}

void NetworkModel::markBackbone()
{
    constexpr int PerNode = 3;
    const qsizetype n = m_nodes.size();
    QList<qsizetype> order(m_edges.size());
    for (qsizetype i = 0; i < order.size(); ++i)
        order[i] = i;
    // Strongest first; ties by position, so that the same store always marks the same edges.
    std::stable_sort(order.begin(), order.end(),
        [this](qsizetype a, qsizetype b) { return m_edges.at(a).weight > m_edges.at(b).weight; });
    QList<int> taken(n, 0);
    for (qsizetype rank = 0; rank < order.size(); ++rank) {
        Edge &e = m_edges[order.at(rank)];
        e.backbone = rank < 2 * n || taken.at(e.from) < PerNode || taken.at(e.to) < PerNode;
        if (e.backbone) {
            ++taken[e.from];
            ++taken[e.to];
        }
    }
}

void NetworkModel::layout()
{
    std::vector<char> known(size_t(m_nodes.size()), 0);
    bool any = false;
    for (qsizetype i = 0; i < m_nodes.size(); ++i) {
        const auto it = m_placed.constFind(m_nodes.at(i).code);
        if (it == m_placed.constEnd())
            continue;
        m_nodes[i].pos = *it;
        known[size_t(i)] = 1;
        any = true;
    }
    if (any)
        placeNew(known);
    else
        fullLayout();
    for (const Node &node : std::as_const(m_nodes))
        m_placed.insert(node.code, node.pos);
}

void NetworkModel::placeNew(const std::vector<char> &known)
{
    // The nodes that were there stay; each new one goes near its placed neighbours (their centre, weighted by the
    // edges), or outside the picture when it has none, at the first spot of a spiral around that point that is
    // clear of every node by about a label's height (the full layout's spacing; see separate()). Most mentioned
    // first, so that the big ones get the near spots.
    constexpr double Clearance = 0.2;
    constexpr double GoldenAngle = 2.39996322972865332;
    const qsizetype n = m_nodes.size();
    std::vector<char> placed = known;
    double reach = 0;
    for (qsizetype i = 0; i < n; ++i)
        if (placed[size_t(i)])
            reach = std::max(reach, std::hypot(m_nodes.at(i).pos.x(), m_nodes.at(i).pos.y()));
    for (qsizetype i = 0; i < n; ++i) {
        if (placed[size_t(i)])
            continue;
        QPointF centre;
        double total = 0;
        for (const Edge &e : std::as_const(m_edges)) {
            const int other = e.from == i ? e.to : e.to == i ? e.from : -1;
            if (other < 0 || !placed[size_t(other)])
                continue;
            const double w = std::log1p(double(e.weight));
            centre += m_nodes.at(other).pos * w;
            total += w;
        }
        double radius = Clearance;
        double angle = GoldenAngle * double(i);
        if (total > 0) {
            centre /= total;
        } else {
            // No neighbour in the picture: just outside it, in a direction of its own.
            centre = QPointF(0, 0);
            radius = reach + Clearance;
        }
        QPointF spot;
        for (int step = 0; step < 400; ++step) {
            spot = centre + QPointF(std::cos(angle), std::sin(angle)) * radius;
            bool clear = true;
            for (qsizetype j = 0; j < n && clear; ++j) {
                const QPointF d = m_nodes.at(j).pos - spot;
                clear = !placed[size_t(j)] || std::hypot(d.x(), d.y()) >= Clearance;
            }
            if (clear)
                break;
            angle += GoldenAngle;
            radius += Clearance / 12;
        }
        m_nodes[i].pos = spot;
        placed[size_t(i)] = 1;
        reach = std::max(reach, std::hypot(spot.x(), spot.y()));
    }
}

void NetworkModel::fullLayout()
{
    // Fruchterman–Reingold with a cooling schedule and a fixed iteration count; the start is a
    // circle in code order, so the result depends on the data only.
    const qsizetype n = m_nodes.size();
    if (n == 0)
        return;
    QList<qsizetype> byCode(n);
    for (qsizetype i = 0; i < n; ++i)
        byCode[i] = i;
    std::sort(byCode.begin(), byCode.end(),
        [this](qsizetype a, qsizetype b) { return m_nodes.at(a).code < m_nodes.at(b).code; });
    std::vector<double> x(static_cast<size_t>(n)), y(static_cast<size_t>(n));
    for (qsizetype k = 0; k < n; ++k) {
        const double angle = 2.0 * std::numbers::pi * double(k) / double(n);
        x[size_t(byCode[k])] = std::cos(angle);
        y[size_t(byCode[k])] = std::sin(angle);
    }
    if (n == 1) {
        m_nodes[0].pos = { 0, 0 };
        return;
    }
    // A larger ideal distance than the classic sqrt(area / n): room for the labels.
    const double area = 4.0;
    const double k = 1.4 * std::sqrt(area / double(n));
    double maxWeight = 1;
    for (const Edge &e : std::as_const(m_edges))
        maxWeight = std::max(maxWeight, double(e.weight));
    constexpr int Iterations = 300;
    constexpr double Gravity = 0.35;
    constexpr double CommunityPull = 0.12;
    double temperature = 0.2;
    std::vector<double> dx(static_cast<size_t>(n)), dy(static_cast<size_t>(n));
    for (int it = 0; it < Iterations; ++it) {
        std::fill(dx.begin(), dx.end(), 0.0);
        std::fill(dy.begin(), dy.end(), 0.0);
        for (qsizetype i = 0; i < n; ++i) {
            for (qsizetype j = i + 1; j < n; ++j) {
                double ddx = x[size_t(i)] - x[size_t(j)], ddy = y[size_t(i)] - y[size_t(j)];
                const double d2 = std::max(ddx * ddx + ddy * ddy, 1e-6);
                const double force = k * k / d2; // repulsion k²/d, times the unit vector (d/d)
                dx[size_t(i)] += ddx * force;
                dy[size_t(i)] += ddy * force;
                dx[size_t(j)] -= ddx * force;
                dy[size_t(j)] -= ddy * force;
            }
        }
        for (const Edge &e : std::as_const(m_edges)) {
            if (!e.backbone)
                continue;
            const size_t i = size_t(e.from), j = size_t(e.to);
            const double ddx = x[i] - x[j], ddy = y[i] - y[j];
            const double d = std::max(std::sqrt(ddx * ddx + ddy * ddy), 1e-3);
            // Heavier edges pull harder, on a log scale so one dominant pair does not collapse the rest.
            const double w = 0.3 + std::log1p(double(e.weight)) / std::log1p(maxWeight);
            const double force = w * d / k; // attraction d²/k, times the unit vector
            dx[i] -= ddx * force;
            dy[i] -= ddy * force;
            dx[j] += ddx * force;
            dy[j] += ddy * force;
        }
        // Members of a community pull each other a little: its colour reads as a region of the picture, not as
        // dots strewn across it.
        for (qsizetype i = 0; i < n; ++i) {
            for (qsizetype j = i + 1; j < n; ++j) {
                if (m_nodes.at(i).community != m_nodes.at(j).community)
                    continue;
                const double ddx = x[size_t(i)] - x[size_t(j)], ddy = y[size_t(i)] - y[size_t(j)];
                const double d = std::max(std::sqrt(ddx * ddx + ddy * ddy), 1e-3);
                const double force = CommunityPull * d / k;
                dx[size_t(i)] -= ddx * force;
                dy[size_t(i)] -= ddy * force;
                dx[size_t(j)] += ddx * force;
                dy[size_t(j)] += ddy * force;
            }
        }
        for (qsizetype i = 0; i < n; ++i) {
            // A pull to the centre, growing with the distance, keeps nodes with few edges from
            // drifting off and squeezing the rest into a corner of the picture.
            dx[size_t(i)] -= Gravity * x[size_t(i)];
            dy[size_t(i)] -= Gravity * y[size_t(i)];
            const double len = std::sqrt(dx[size_t(i)] * dx[size_t(i)] + dy[size_t(i)] * dy[size_t(i)]);
            if (len > 0) {
                const double step = std::min(len, temperature);
                x[size_t(i)] += dx[size_t(i)] / len * step;
                y[size_t(i)] += dy[size_t(i)] / len * step;
            }
        }
        temperature = std::max(0.002, temperature * 0.985);
    }
    separate(x, y);
    // Normalise into [-1, 1], keeping the aspect.
    double minX = x[0], maxX = x[0], minY = y[0], maxY = y[0];
    for (qsizetype i = 1; i < n; ++i) {
        minX = std::min(minX, x[size_t(i)]);
        maxX = std::max(maxX, x[size_t(i)]);
        minY = std::min(minY, y[size_t(i)]);
        maxY = std::max(maxY, y[size_t(i)]);
    }
    const double span = std::max({ maxX - minX, maxY - minY, 1e-9 });
    const double cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
    for (qsizetype i = 0; i < n; ++i)
        m_nodes[i].pos = QPointF(2 * (x[size_t(i)] - cx) / span, 2 * (y[size_t(i)] - cy) / span);
}

QPointF NetworkModel::position(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes.at(row).pos : QPointF();
}

QRectF NetworkModel::layoutBounds() const
{
    QRectF bounds;
    for (const QPointF &p : m_placed)
        bounds |= QRectF(p, QSizeF(1e-9, 1e-9));
    return bounds;
}

QString NetworkModel::code(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes.at(row).code : QString();
}

int NetworkModel::mentions(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes.at(row).mentions : 0;
}

int NetworkModel::rowOfCode(const QString &code) const
{
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes.at(i).code == code)
            return i;
    return -1;
}

int NetworkModel::degree(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes.at(row).degree : 0;
}

bool NetworkModel::isOrganisation(int row) const
{
    return row >= 0 && row < m_nodes.size() && m_nodes.at(row).organisation;
}

int NetworkModel::community(int row) const
{
    return row >= 0 && row < m_nodes.size() ? m_nodes.at(row).community : -1;
}

int NetworkModel::communityLead(int community) const
{
    // Rows are by mentions: the first of the community leads it.
    for (int i = 0; i < m_nodes.size(); ++i)
        if (m_nodes.at(i).community == community)
            return i;
    return -1;
}

int NetworkModel::communitySize(int community) const
{
    return int(std::count_if(
        m_nodes.cbegin(), m_nodes.cend(), [community](const Node &node) { return node.community == community; }));
}

int NetworkModel::hubRow() const
{
    int hub = -1;
    for (int i = 0; i < m_nodes.size(); ++i)
        if (hub < 0 || m_nodes.at(i).degree > m_nodes.at(hub).degree)
            hub = i;
    return hub;
}

int NetworkModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

int NetworkModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant NetworkModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Node &node = m_nodes.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case CodeColumn:
            return node.code;
        case NameColumn:
            return node.name;
        case MentionsColumn:
            return node.mentions;
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = tr("%1: %n mention(s)", nullptr, node.mentions).arg(node.name);
        tip += u'\n' + tr("Partners: %1").arg(node.degree);
        if (const int lead = communityLead(node.community); lead >= 0 && communitySize(node.community) > 1)
            tip += u'\n'
                + tr("Community of %1 (%2 members)").arg(m_nodes.at(lead).name).arg(communitySize(node.community));
        return tip;
    }
    case CodeRole:
        return node.code;
    case PositionRole:
        return node.pos;
    case DegreeRole:
        return node.degree;
    case CommunityRole:
        return node.community;
    case KindRole:
        return node.organisation ? QStringLiteral("organization") : QStringLiteral("country");
    }
    return {};
}

QVariant NetworkModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CodeColumn:
        return tr("Code");
    case NameColumn:
        return tr("Country");
    case MentionsColumn:
        return tr("Mentions");
    }
    return {};
}

QString NetworkModel::toCsv() const
{
    QString csv = chartdata::csvLine(
        { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("name_a"), QStringLiteral("name_b"),
            QStringLiteral("mentions_a"), QStringLiteral("mentions_b"), QStringLiteral("relations"),
            QStringLiteral("cooperation"), QStringLiteral("conflict"), QStringLiteral("goldstein"),
            QStringLiteral("weight"), QStringLiteral("community_a"), QStringLiteral("community_b") });
    for (const Edge &e : m_edges) {
        const Node &a = m_nodes.at(e.from), &b = m_nodes.at(e.to);
        csv += chartdata::csvLine({ a.code, b.code, a.name, b.name, QString::number(a.mentions),
            QString::number(b.mentions), QString::number(e.count), QString::number(e.cooperation),
            QString::number(e.conflict), QString::number(e.goldstein, 'f', 2), QString::number(e.weight),
            QString::number(a.community), QString::number(b.community) });
    }
    return csv;
}

} // namespace entente
