#include "graphexport.h"

#include "communities.h"
#include "networkfilter.h"
#include "sqlclauses.h"
#include "sqldialect.h"
#include "store.h"

#include <QHash>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QXmlStreamWriter>

#include <algorithm>
#include <set>

namespace entente {

namespace {

struct Node
{
    QString kind;
    QString name;
    QString country;
    qint64 mentions = 0;
    int degree = 0;
    int community = 0;
};

struct Edge
{
    QString a;
    QString b;
    qint64 cooperation = 0;
    qint64 conflict = 0;
    qint64 neutral = 0;
    qint64 mixed = 0;
    double goldstein = 0;
    std::set<int> years;
    qint64 weight = 0; // under the filter's tone
    [[nodiscard]] qint64 relations() const { return cooperation + conflict + neutral + mixed; }
};

struct Graph
{
    QMap<QString, Node> nodes; // by key: ordered, so that the same store writes the same file
    QList<Edge> edges; // ordered by (a, b)
};

bool fail(QString *error, const QSqlQuery &q)
{
    if (error)
        *error = q.lastError().text();
    return false;
}

bool readGraph(const Store &store, const NetworkFilter &filter, Graph *graph, QString *error)
{
    const sql::Clause years = sql::yearRange(QStringLiteral("year"), filter.yearFrom, filter.yearTo);
    const sql::Clause articles = sql::articlesInYears(filter.yearFrom, filter.yearTo);
    const QString tone = filter.tone == NetworkFilter::Tone::Cooperation ? QStringLiteral("cooperation")
        : filter.tone == NetworkFilter::Tone::Conflict                   ? QStringLiteral("conflict")
                                                                         : QString();
    // Each pair once, whichever way its relations go; only the relations of the tone and the years.
    QSqlQuery q(store.database());
    q.setForwardOnly(true);
    const sql::Dialect d = sql::dialectOf(store.database());
    q.prepare(QStringLiteral("SELECT %3, %4, tone, year, count(*), %5 FROM relations"
                             " WHERE a <> b%1%2 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2")
                  .arg(tone.isEmpty() ? QString() : QStringLiteral(" AND tone = ?"), years.andText(),
                      sql::least(d, QStringLiteral("a"), QStringLiteral("b")),
                      sql::greatest(d, QStringLiteral("a"), QStringLiteral("b")),
                      sql::total(d, QStringLiteral("goldstein"))));
    if (!tone.isEmpty())
        q.addBindValue(tone);
    sql::bind(q, years.values);
    if (!q.exec())
        return fail(error, q);
    QList<Edge> edges;
    while (q.next()) {
        const QString a = q.value(0).toString(), b = q.value(1).toString();
        if (edges.isEmpty() || edges.last().a != a || edges.last().b != b) {
            Edge fresh;
            fresh.a = a;
            fresh.b = b;
            edges.append(fresh);
        }
        Edge &e = edges.last();
        const QString t = q.value(2).toString();
        const qint64 n = q.value(4).toLongLong();
        (t == u"cooperation"       ? e.cooperation
                : t == u"conflict" ? e.conflict
                : t == u"mixed"    ? e.mixed
                                   : e.neutral)
            += n;
        e.goldstein += q.value(5).toDouble();
        if (!q.value(3).isNull())
            e.years.insert(q.value(3).toInt());
    }

    // What the store knows of each party: a country before an organisation of the same key. Mentions within the
    // years, as the Network pane counts them: counted once per entity in one pass over the (entity_id, article_id)
    // index (a count per entity took four seconds a decade on the UN store).
    QHash<qint64, qint64> mentions;
    QSqlQuery m(store.database());
    m.setForwardOnly(true);
    m.prepare(QStringLiteral("SELECT entity_id, count(*) FROM mentions%1 GROUP BY entity_id")
                  .arg(articles.isEmpty() ? QString() : QStringLiteral(" WHERE article_id IN ") + articles.text));
    sql::bind(m, articles.values);
    if (!m.exec())
        return fail(error, m);
    while (m.next())
        mentions.insert(m.value(0).toLongLong(), m.value(1).toLongLong());
    QSqlQuery n(store.database());
    n.setForwardOnly(true);
    if (!n.exec(QStringLiteral("SELECT e.key, e.kind, e.name, e.country, e.id FROM entities e"
                               " WHERE e.kind IN ('country', 'organization') ORDER BY e.kind = 'country'")))
        return fail(error, n);
    QMap<QString, Node> known;
    while (n.next()) {
        Node &node = known[n.value(0).toString()];
        node.kind = n.value(1).toString();
        node.name = n.value(2).toString();
        node.country = n.value(3).toString();
        node.mentions = mentions.value(n.value(4).toLongLong());
    }
    const auto nodeOf = [&known](const QString &key) {
        Node node = known.value(key);
        if (node.name.isEmpty())
            node.name = key;
        if (node.kind.isEmpty())
            node.kind = QStringLiteral("organization");
        return node;
    };

    // The candidates: the N most mentioned parties, as the Network pane ranks them, or every party of a relation.
    QMap<QString, Node> candidates;
    if (filter.limit > 0) {
        QList<QPair<qint64, QString>> ranked;
        for (auto it = known.cbegin(); it != known.cend(); ++it)
            if (it->mentions > 0 && (filter.organisations || it->kind == u"country"))
                ranked.append({ -it->mentions, it.key() });
        std::sort(ranked.begin(), ranked.end());
        for (qsizetype i = 0; i < std::min<qsizetype>(filter.limit, ranked.size()); ++i)
            candidates.insert(ranked.at(i).second, nodeOf(ranked.at(i).second));
    } else {
        for (const Edge &e : std::as_const(edges))
            for (const QString &key : { e.a, e.b })
                if (!candidates.contains(key))
                    candidates.insert(key, nodeOf(key));
        if (!filter.organisations) {
            for (auto it = candidates.begin(); it != candidates.end();)
                it = it->kind == u"country" ? std::next(it) : candidates.erase(it);
        }
    }
    edges.removeIf([&](const Edge &e) { return !candidates.contains(e.a) || !candidates.contains(e.b); });

    // The filter's weights and pruning, then the communities of what is left.
    const QStringList keys = candidates.keys();
    QHash<QString, int> index;
    for (qsizetype i = 0; i < keys.size(); ++i)
        index.insert(keys.at(i), int(i));
    std::vector<NetworkFilter::WeightedEdge> weighted;
    for (Edge &e : edges) {
        e.weight = filter.weight(int(e.relations()), int(e.cooperation), int(e.conflict));
        weighted.push_back({ index.value(e.a), index.value(e.b), int(e.weight) });
    }
    const NetworkFilter::Kept kept = filter.prune(int(keys.size()), weighted);
    for (qsizetype i = 0; i < edges.size(); ++i)
        if (kept.edges[size_t(i)])
            graph->edges.append(edges.at(i));
    // The whole network is made of its edges: a party whose every edge was left out goes too. The N most mentioned
    // stay, as the Network pane shows them, related or not.
    std::vector<char> linked(size_t(keys.size()), filter.limit > 0 ? 1 : 0);
    for (qsizetype i = 0; i < edges.size(); ++i) {
        if (kept.edges[size_t(i)]) {
            linked[size_t(index.value(edges.at(i).a))] = 1;
            linked[size_t(index.value(edges.at(i).b))] = 1;
        }
    }
    for (qsizetype i = 0; i < keys.size(); ++i)
        if (kept.nodes[size_t(i)] && linked[size_t(i)])
            graph->nodes.insert(keys.at(i), candidates.value(keys.at(i)));
    const QStringList written = graph->nodes.keys();
    QHash<QString, int> row;
    for (qsizetype i = 0; i < written.size(); ++i)
        row.insert(written.at(i), int(i));
    std::vector<Communities::Edge> links;
    for (const Edge &e : std::as_const(graph->edges)) {
        ++graph->nodes[e.a].degree;
        ++graph->nodes[e.b].degree;
        links.push_back({ row.value(e.a), row.value(e.b), double(e.weight) });
    }
    const std::vector<int> community = Communities::detect(int(written.size()), links);
    for (qsizetype i = 0; i < written.size(); ++i)
        graph->nodes[written.at(i)].community = community[size_t(i)];
    return true;
}

// Runs of consecutive years, as [first, last] spells.
QList<QPair<int, int>> spells(const std::set<int> &years)
{
    QList<QPair<int, int>> out;
    for (const int y : years) {
        if (!out.isEmpty() && out.last().second + 1 == y)
            out.last().second = y;
        else
            out.append({ y, y });
    }
    return out;
}

QString yearList(const std::set<int> &years)
{
    QStringList out;
    for (const int y : years)
        out << QString::number(y);
    return out.join(u' ');
}

void writeGexf(const Graph &g, QXmlStreamWriter &x)
{
    x.writeStartElement(QStringLiteral("gexf"));
    x.writeDefaultNamespace(QStringLiteral("http://gexf.net/1.3"));
    x.writeAttribute(QStringLiteral("version"), QStringLiteral("1.3"));
    x.writeStartElement(QStringLiteral("meta"));
    x.writeTextElement(QStringLiteral("creator"), QStringLiteral("Entente"));
    x.writeTextElement(QStringLiteral("description"),
        QStringLiteral("Relations between countries and organisations, as the articles state them"));
    x.writeEndElement();
    x.writeStartElement(QStringLiteral("graph"));
    x.writeAttribute(QStringLiteral("defaultedgetype"), QStringLiteral("undirected"));
    x.writeAttribute(QStringLiteral("mode"), QStringLiteral("dynamic"));
    x.writeAttribute(QStringLiteral("timeformat"), QStringLiteral("integer"));
    x.writeAttribute(QStringLiteral("timerepresentation"), QStringLiteral("interval"));
    const auto attributes = [&x](const char *cls, std::initializer_list<std::pair<const char *, const char *>> list) {
        x.writeStartElement(QStringLiteral("attributes"));
        x.writeAttribute(QStringLiteral("class"), QLatin1String(cls));
        x.writeAttribute(QStringLiteral("mode"), QStringLiteral("static"));
        for (const auto &[id, type] : list) {
            x.writeEmptyElement(QStringLiteral("attribute"));
            x.writeAttribute(QStringLiteral("id"), QLatin1String(id));
            x.writeAttribute(QStringLiteral("title"), QLatin1String(id));
            x.writeAttribute(QStringLiteral("type"), QLatin1String(type));
        }
        x.writeEndElement();
    };
    attributes("node",
        { { "kind", "string" }, { "country", "string" }, { "mentions", "long" }, { "degree", "integer" },
            { "community", "integer" } });
    attributes("edge",
        { { "relations", "long" }, { "cooperation", "long" }, { "conflict", "long" }, { "neutral", "long" },
            { "mixed", "long" }, { "net", "long" }, { "goldstein", "double" } });
    const auto values = [&x](std::initializer_list<std::pair<const char *, QString>> list) {
        x.writeStartElement(QStringLiteral("attvalues"));
        for (const auto &[id, value] : list) {
            x.writeEmptyElement(QStringLiteral("attvalue"));
            x.writeAttribute(QStringLiteral("for"), QLatin1String(id));
            x.writeAttribute(QStringLiteral("value"), value);
        }
        x.writeEndElement();
    };
    x.writeStartElement(QStringLiteral("nodes"));
    for (auto it = g.nodes.cbegin(); it != g.nodes.cend(); ++it) {
        x.writeStartElement(QStringLiteral("node"));
        x.writeAttribute(QStringLiteral("id"), it.key());
        x.writeAttribute(QStringLiteral("label"), it->name);
        values({ { "kind", it->kind }, { "country", it->country }, { "mentions", QString::number(it->mentions) },
            { "degree", QString::number(it->degree) }, { "community", QString::number(it->community) } });
        x.writeEndElement();
    }
    x.writeEndElement();
    x.writeStartElement(QStringLiteral("edges"));
    for (qsizetype i = 0; i < g.edges.size(); ++i) {
        const Edge &e = g.edges.at(i);
        x.writeStartElement(QStringLiteral("edge"));
        x.writeAttribute(QStringLiteral("id"), QString::number(i));
        x.writeAttribute(QStringLiteral("source"), e.a);
        x.writeAttribute(QStringLiteral("target"), e.b);
        x.writeAttribute(QStringLiteral("weight"), QString::number(e.weight));
        values({ { "relations", QString::number(e.relations()) }, { "cooperation", QString::number(e.cooperation) },
            { "conflict", QString::number(e.conflict) }, { "neutral", QString::number(e.neutral) },
            { "mixed", QString::number(e.mixed) }, { "net", QString::number(e.cooperation - e.conflict) },
            { "goldstein", QString::number(e.goldstein, 'f', 2) } });
        if (!e.years.empty()) {
            x.writeStartElement(QStringLiteral("spells"));
            for (const auto &[first, last] : spells(e.years)) {
                x.writeEmptyElement(QStringLiteral("spell"));
                x.writeAttribute(QStringLiteral("start"), QString::number(first));
                x.writeAttribute(QStringLiteral("end"), QString::number(last));
            }
            x.writeEndElement();
        }
        x.writeEndElement();
    }
    x.writeEndElement();
    x.writeEndElement(); // graph
    x.writeEndElement(); // gexf
}

void writeGraphMl(const Graph &g, QXmlStreamWriter &x)
{
    x.writeStartElement(QStringLiteral("graphml"));
    x.writeDefaultNamespace(QStringLiteral("http://graphml.graphdrawing.org/xmlns"));
    const auto key = [&x](const char *id, const char *forWhat, const char *type) {
        x.writeEmptyElement(QStringLiteral("key"));
        x.writeAttribute(QStringLiteral("id"), QLatin1String(id));
        x.writeAttribute(QStringLiteral("for"), QLatin1String(forWhat));
        x.writeAttribute(QStringLiteral("attr.name"), QLatin1String(id));
        x.writeAttribute(QStringLiteral("attr.type"), QLatin1String(type));
    };
    for (const char *id : { "label", "kind", "country" })
        key(id, "node", "string");
    key("mentions", "node", "long");
    key("degree", "node", "int");
    key("community", "node", "int");
    key("weight", "edge", "long");
    for (const char *id : { "relations", "cooperation", "conflict", "neutral", "mixed", "net" })
        key(id, "edge", "long");
    key("goldstein", "edge", "double");
    key("years", "edge", "string");
    x.writeStartElement(QStringLiteral("graph"));
    x.writeAttribute(QStringLiteral("id"), QStringLiteral("relations"));
    x.writeAttribute(QStringLiteral("edgedefault"), QStringLiteral("undirected"));
    const auto data = [&x](const char *id, const QString &value) {
        x.writeStartElement(QStringLiteral("data"));
        x.writeAttribute(QStringLiteral("key"), QLatin1String(id));
        x.writeCharacters(value);
        x.writeEndElement();
    };
    for (auto it = g.nodes.cbegin(); it != g.nodes.cend(); ++it) {
        x.writeStartElement(QStringLiteral("node"));
        x.writeAttribute(QStringLiteral("id"), it.key());
        data("label", it->name);
        data("kind", it->kind);
        data("country", it->country);
        data("mentions", QString::number(it->mentions));
        data("degree", QString::number(it->degree));
        data("community", QString::number(it->community));
        x.writeEndElement();
    }
    for (const Edge &e : g.edges) {
        x.writeStartElement(QStringLiteral("edge"));
        x.writeAttribute(QStringLiteral("source"), e.a);
        x.writeAttribute(QStringLiteral("target"), e.b);
        data("weight", QString::number(e.weight));
        data("relations", QString::number(e.relations()));
        data("cooperation", QString::number(e.cooperation));
        data("conflict", QString::number(e.conflict));
        data("neutral", QString::number(e.neutral));
        data("mixed", QString::number(e.mixed));
        data("net", QString::number(e.cooperation - e.conflict));
        data("goldstein", QString::number(e.goldstein, 'f', 2));
        data("years", yearList(e.years));
        x.writeEndElement();
    }
    x.writeEndElement(); // graph
    x.writeEndElement(); // graphml
}

} // namespace

bool GraphExport::parseFormat(const QString &name, Format *format)
{
    if (name == u"gexf")
        *format = Format::Gexf;
    else if (name == u"graphml")
        *format = Format::GraphMl;
    else
        return false;
    return true;
}

GraphExport::Counts GraphExport::write(
    const Store &store, Format format, QIODevice *out, QString *error, const NetworkFilter &filter)
{
    Graph graph;
    if (!readGraph(store, filter, &graph, error))
        return { -1, 0 };
    QXmlStreamWriter x(out);
    x.setAutoFormatting(true);
    x.writeStartDocument();
    if (format == Format::Gexf)
        writeGexf(graph, x);
    else
        writeGraphMl(graph, x);
    x.writeEndDocument();
    if (x.hasError()) {
        if (error)
            *error = QStringLiteral("cannot write the graph");
        return { -1, 0 };
    }
    return { graph.nodes.size(), graph.edges.size() };
}

} // namespace entente
