// The network of relations written for Gephi (GEXF) and other graph tools (GraphML), from a store of the sample
// corpus: both files are read back as XML and every node, edge and count is checked against the store itself, the
// whole network and under each filter (tone, years, countries only, minimum weight and degree, top N).
// No XSD of GEXF or GraphML is packaged by Debian (apt-cache search gexf / graphml finds none): the files are
// checked as XML and for the structure the formats' primers give.
#include "graphexport.h"
#include "samplestore.h"

#include <QBuffer>
#include <QHash>
#include <QSet>
#include <QSqlQuery>
#include <QXmlStreamReader>

#include <map>

using namespace entente;

class TestGraphExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gexfHoldsTheStoresNetwork();
    void graphMlHoldsTheSame();
    void refusesAnUnknownFormat();
    void filtersMatchTheStore_data();
    void filtersMatchTheStore();
    void communitiesAreWritten();

private:
    struct Read
    {
        QHash<QString, QHash<QString, QString>> nodes; // id -> attribute -> value (label as "label")
        QHash<QString, QHash<QString, QString>> edges; // "a|b" -> attribute -> value; "spells" as "y1-y2 ..."
        QString error;
    };
    [[nodiscard]] Read readBack(GraphExport::Format format, const NetworkFilter &filter = {}) const;

    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
};

void TestGraphExport::initTestCase()
{
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
}

TestGraphExport::Read TestGraphExport::readBack(GraphExport::Format format, const NetworkFilter &filter) const
{
    Read out;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    const GraphExport::Counts counts = GraphExport::write(m_store, format, &buffer, &error, filter);
    if (counts.nodes < 0) {
        out.error = error;
        return out;
    }
    // GraphML keys name their attribute; GEXF attvalues name theirs by id, which are the names here.
    QXmlStreamReader x(bytes);
    QHash<QString, QString> *current = nullptr;
    QString dataKey;
    bool rootSeen = false;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement()) {
            const auto a = x.attributes();
            if (!rootSeen) {
                // The root and its namespace, as the formats' schemas declare them.
                rootSeen = true;
                const bool gexf = format == GraphExport::Format::Gexf;
                if (x.name() != (gexf ? u"gexf" : u"graphml")
                    || x.namespaceUri() != (gexf ? u"http://gexf.net/1.3" : u"http://graphml.graphdrawing.org/xmlns"))
                    out.error = QStringLiteral("unexpected root %1 in %2").arg(x.name(), x.namespaceUri());
            }
            if (x.name() == u"node") {
                current = &out.nodes[a.value(QLatin1String("id")).toString()];
                if (a.hasAttribute(QLatin1String("label")))
                    current->insert(QStringLiteral("label"), a.value(QLatin1String("label")).toString());
            } else if (x.name() == u"edge") {
                current = &out.edges[a.value(QLatin1String("source")).toString() + u'|'
                    + a.value(QLatin1String("target")).toString()];
                if (a.hasAttribute(QLatin1String("weight")))
                    current->insert(QStringLiteral("weight"), a.value(QLatin1String("weight")).toString());
            } else if (x.name() == u"attvalue" && current) {
                current->insert(a.value(QLatin1String("for")).toString(), a.value(QLatin1String("value")).toString());
            } else if (x.name() == u"spell" && current) {
                QString &spells = (*current)[QStringLiteral("spells")];
                spells += (spells.isEmpty() ? QString() : QStringLiteral(" "))
                    + a.value(QLatin1String("start")).toString() + u'-' + a.value(QLatin1String("end")).toString();
            } else if (x.name() == u"data" && current) {
                dataKey = a.value(QLatin1String("key")).toString();
                current->insert(dataKey, x.readElementText());
            }
        }
    }
    if (x.hasError())
        out.error = x.errorString();
    if (out.nodes.size() != counts.nodes || out.edges.size() != counts.edges)
        out.error = QStringLiteral("the counts returned are not what was written");
    return out;
}

void TestGraphExport::gexfHoldsTheStoresNetwork()
{
    const Read g = readBack(GraphExport::Format::Gexf);
    QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
    // One edge for each pair of parties with a relation, whichever way it goes.
    QCOMPARE(qint64(g.edges.size()),
        test::scalar(m_store,
            QStringLiteral("SELECT count(DISTINCT min(a, b) || '|' || max(a, b)) FROM relations"
                           " WHERE a <> b")));
    QVERIFY(g.edges.size() > 5);
    QSet<QString> parties;
    for (auto it = g.edges.cbegin(); it != g.edges.cend(); ++it) {
        const QStringList ends = it.key().split(u'|');
        QVERIFY(ends.first() < ends.last());
        parties << ends.first() << ends.last();
        const QHash<QString, QString> &e = *it;
        const qint64 relations = test::scalar(m_store,
            QStringLiteral("SELECT count(*) FROM relations WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)"),
            { ends.first(), ends.last(), ends.last(), ends.first() });
        QCOMPARE(e.value(QStringLiteral("relations")).toLongLong(), relations);
        QCOMPARE(e.value(QStringLiteral("weight")).toLongLong(), relations);
        QCOMPARE(e.value(QStringLiteral("cooperation")).toLongLong() + e.value(QStringLiteral("conflict")).toLongLong()
                + e.value(QStringLiteral("neutral")).toLongLong() + e.value(QStringLiteral("mixed")).toLongLong(),
            relations);
        // Its spells cover exactly the years of its relations.
        QSet<int> years;
        for (const QString &spell : e.value(QStringLiteral("spells")).split(u' ', Qt::SkipEmptyParts)) {
            const QStringList range = spell.split(u'-');
            for (int y = range.first().toInt(); y <= range.last().toInt(); ++y)
                years << y;
        }
        const qint64 distinctYears = test::scalar(m_store,
            QStringLiteral("SELECT count(DISTINCT year) FROM relations WHERE year IS NOT NULL AND"
                           " ((a = ? AND b = ?) OR (a = ? AND b = ?))"),
            { ends.first(), ends.last(), ends.last(), ends.first() });
        QCOMPARE(qint64(years.size()), distinctYears);
    }
    // The nodes are the parties of those edges, each with its kind, name, mentions and degree.
    QCOMPARE(QSet<QString>(g.nodes.keyBegin(), g.nodes.keyEnd()), parties);
    bool sawOrganisation = false;
    for (auto it = g.nodes.cbegin(); it != g.nodes.cend(); ++it) {
        const QString kind = it->value(QStringLiteral("kind"));
        QVERIFY2(kind == u"country" || kind == u"organization", qPrintable(it.key() + QStringLiteral(": ") + kind));
        sawOrganisation |= kind == u"organization";
        QVERIFY(!it->value(QStringLiteral("label")).isEmpty());
        int degree = 0;
        for (auto e = g.edges.cbegin(); e != g.edges.cend(); ++e)
            degree += e.key().split(u'|').contains(it.key()) ? 1 : 0;
        QCOMPARE(it->value(QStringLiteral("degree")).toInt(), degree);
        QCOMPARE(it->value(QStringLiteral("mentions")).toLongLong(),
            test::scalar(m_store,
                QStringLiteral("SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id"
                               " WHERE e.key = ? AND e.kind = ?"),
                { it.key(), kind }));
    }
    QVERIFY2(sawOrganisation, "the samples relate countries to organisations");
    QCOMPARE(g.nodes.value(QStringLiteral("CHN")).value(QStringLiteral("label")), QStringLiteral("China"));
}

void TestGraphExport::graphMlHoldsTheSame()
{
    const Read gexf = readBack(GraphExport::Format::Gexf);
    const Read graphml = readBack(GraphExport::Format::GraphMl);
    QVERIFY2(graphml.error.isEmpty(), qPrintable(graphml.error));
    QCOMPARE(QSet<QString>(graphml.nodes.keyBegin(), graphml.nodes.keyEnd()),
        QSet<QString>(gexf.nodes.keyBegin(), gexf.nodes.keyEnd()));
    QCOMPARE(QSet<QString>(graphml.edges.keyBegin(), graphml.edges.keyEnd()),
        QSet<QString>(gexf.edges.keyBegin(), gexf.edges.keyEnd()));
    for (auto it = gexf.edges.cbegin(); it != gexf.edges.cend(); ++it) {
        for (const char *key : { "relations", "cooperation", "conflict", "goldstein" })
            QCOMPARE(graphml.edges.value(it.key()).value(QLatin1String(key)), it->value(QLatin1String(key)));
    }
    for (auto it = gexf.nodes.cbegin(); it != gexf.nodes.cend(); ++it) {
        for (const char *key : { "label", "kind", "mentions", "degree" })
            QCOMPARE(graphml.nodes.value(it.key()).value(QLatin1String(key)), it->value(QLatin1String(key)));
    }
}

void TestGraphExport::refusesAnUnknownFormat()
{
    GraphExport::Format format;
    QVERIFY(GraphExport::parseFormat(QStringLiteral("gexf"), &format) && format == GraphExport::Format::Gexf);
    QVERIFY(GraphExport::parseFormat(QStringLiteral("graphml"), &format) && format == GraphExport::Format::GraphMl);
    QVERIFY(!GraphExport::parseFormat(QStringLiteral("gml"), &format));
}

void TestGraphExport::filtersMatchTheStore_data()
{
    QTest::addColumn<QString>("tone");
    QTest::addColumn<int>("minWeight");
    QTest::addColumn<int>("minDegree");
    QTest::addColumn<bool>("countriesOnly");
    QTest::addColumn<bool>("years");
    QTest::addColumn<int>("top");
    QTest::newRow("whole network") << "all" << 1 << 0 << false << false << 0;
    QTest::newRow("cooperation only") << "cooperation" << 1 << 0 << false << false << 0;
    QTest::newRow("conflict only") << "conflict" << 1 << 0 << false << false << 0;
    QTest::newRow("net tone: cooperation minus conflict") << "net" << 1 << 0 << false << false << 0;
    QTest::newRow("edges of two relations or more") << "all" << 2 << 0 << false << false << 0;
    QTest::newRow("nodes of two partners or more, a k-core") << "all" << 1 << 2 << false << false << 0;
    QTest::newRow("countries only") << "all" << 1 << 0 << true << false << 0;
    QTest::newRow("the later half of the years") << "all" << 1 << 0 << false << true << 0;
    QTest::newRow("the ten most mentioned") << "all" << 1 << 0 << false << false << 10;
    QTest::newRow("everything at once") << "cooperation" << 2 << 1 << true << true << 0;
}

void TestGraphExport::filtersMatchTheStore()
{
    QFETCH(QString, tone);
    QFETCH(int, minWeight);
    QFETCH(int, minDegree);
    QFETCH(bool, countriesOnly);
    QFETCH(bool, years);
    QFETCH(int, top);
    NetworkFilter filter;
    QVERIFY(NetworkFilter::parseTone(tone, &filter.tone));
    filter.minWeight = minWeight;
    filter.minDegree = minDegree;
    filter.organisations = !countriesOnly;
    filter.limit = top;
    if (years) {
        const qint64 first = test::scalar(m_store, QStringLiteral("SELECT min(year) FROM relations"));
        const qint64 last = test::scalar(m_store, QStringLiteral("SELECT max(year) FROM relations"));
        QVERIFY(first > 0 && last > first);
        filter.yearFrom = int((first + last) / 2);
        filter.yearTo = int(last);
    }

    // What the store says, counted here in SQL and plain loops: each pair's relations by tone within the years.
    QSqlQuery q(m_store.database());
    QVERIFY(q.prepare(QStringLiteral("SELECT min(a, b), max(a, b), count(*), total(tone = 'cooperation'),"
                                     " total(tone = 'conflict') FROM relations"
                                     " WHERE a <> b AND (? = 0 OR year BETWEEN ? AND ?) GROUP BY 1, 2")));
    q.addBindValue(filter.yearFrom);
    q.addBindValue(filter.yearFrom);
    q.addBindValue(filter.yearTo);
    QVERIFY(q.exec());
    QHash<QString, QString> kind; // a country before an organisation of the same key, as the export reads them
    QSqlQuery k(m_store.database());
    QVERIFY(k.exec(QStringLiteral("SELECT key, kind FROM entities WHERE kind IN ('country', 'organization')"
                                  " ORDER BY kind = 'country'")));
    while (k.next())
        kind.insert(k.value(0).toString(), k.value(1).toString());
    QSet<QString> candidates;
    if (top > 0) {
        QSqlQuery m(m_store.database());
        QVERIFY(m.prepare(QStringLiteral(
            "SELECT e.key, (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS n FROM entities e"
            " WHERE e.kind IN ('country', ?) AND n > 0 ORDER BY n DESC, e.key LIMIT ?")));
        m.addBindValue(countriesOnly ? QStringLiteral("country") : QStringLiteral("organization"));
        m.addBindValue(top);
        QVERIFY(m.exec());
        while (m.next())
            candidates << m.value(0).toString();
        QCOMPARE(candidates.size(), top);
    }
    std::map<QString, qint64> expected; // "a|b" -> weight
    while (q.next()) {
        const QString a = q.value(0).toString(), b = q.value(1).toString();
        if (countriesOnly && (kind.value(a) != u"country" || kind.value(b) != u"country"))
            continue;
        if (top > 0 && (!candidates.contains(a) || !candidates.contains(b)))
            continue;
        const qint64 all = q.value(2).toLongLong(), co = q.value(3).toLongLong(), cf = q.value(4).toLongLong();
        const qint64 w = tone == u"cooperation" ? co
            : tone == u"conflict"               ? cf
            : tone == u"net"                    ? std::abs(co - cf)
                                                : all;
        if (w >= std::max(1, minWeight))
            expected[a + u'|' + b] = w;
    }
    // The k-core: drop the nodes of fewer edges, again until none is left to drop.
    for (bool dropped = minDegree > 0; dropped;) {
        dropped = false;
        QHash<QString, int> degree;
        for (const auto &[key, w] : expected)
            for (const QString &end : key.split(u'|'))
                ++degree[end];
        for (auto it = expected.begin(); it != expected.end();) {
            const QStringList ends = it->first.split(u'|');
            if (degree.value(ends.first()) < minDegree || degree.value(ends.last()) < minDegree) {
                it = expected.erase(it);
                dropped = true;
            } else {
                ++it;
            }
        }
    }
    QSet<QString> expectedNodes;
    for (const auto &[key, w] : expected)
        for (const QString &end : key.split(u'|'))
            expectedNodes << end;
    if (minDegree == 0) // the N most mentioned stay, related or not; the whole network is made of its edges
        for (const QString &c : std::as_const(candidates))
            expectedNodes << c;

    for (const GraphExport::Format format : { GraphExport::Format::Gexf, GraphExport::Format::GraphMl }) {
        const Read g = readBack(format, filter);
        QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
        QSet<QString> edges(g.edges.keyBegin(), g.edges.keyEnd());
        QSet<QString> wanted;
        for (const auto &[key, w] : expected) {
            wanted << key;
            QCOMPARE(g.edges.value(key).value(QStringLiteral("weight")).toLongLong(), w);
        }
        QCOMPARE(edges, wanted);
        QVERIFY(!edges.isEmpty());
        QCOMPARE(QSet<QString>(g.nodes.keyBegin(), g.nodes.keyEnd()), expectedNodes);
        for (auto it = g.nodes.cbegin(); it != g.nodes.cend(); ++it) {
            int degree = 0;
            for (const QString &e : std::as_const(edges))
                degree += e.split(u'|').contains(it.key()) ? 1 : 0;
            QCOMPARE(it->value(QStringLiteral("degree")).toInt(), degree);
            QVERIFY(degree >= minDegree);
            if (countriesOnly)
                QCOMPARE(it->value(QStringLiteral("kind")), QStringLiteral("country"));
            bool ok = false;
            QVERIFY(it->value(QStringLiteral("community")).toInt(&ok) >= 0 && ok);
        }
        for (auto it = g.edges.cbegin(); it != g.edges.cend(); ++it) {
            const qint64 co = it->value(QStringLiteral("cooperation")).toLongLong();
            const qint64 cf = it->value(QStringLiteral("conflict")).toLongLong();
            QCOMPARE(it->value(QStringLiteral("net")).toLongLong(), co - cf);
            if (tone == u"cooperation")
                QCOMPARE(it->value(QStringLiteral("relations")).toLongLong(), co);
            if (tone == u"conflict")
                QCOMPARE(it->value(QStringLiteral("relations")).toLongLong(), cf);
            if (years && format == GraphExport::Format::Gexf) {
                for (const QString &spell : it->value(QStringLiteral("spells")).split(u' ', Qt::SkipEmptyParts)) {
                    const QStringList range = spell.split(u'-');
                    QVERIFY(range.first().toInt() >= filter.yearFrom && range.last().toInt() <= filter.yearTo);
                }
            }
        }
    }
}

void TestGraphExport::communitiesAreWritten()
{
    // Communities number from 0, the largest; the two ends of an edge of the heaviest weight share one more often
    // than not is no law, but every number up to the largest is used and 0 has the most members.
    const Read g = readBack(GraphExport::Format::Gexf);
    QVERIFY2(g.error.isEmpty(), qPrintable(g.error));
    QHash<int, int> members;
    for (const auto &node : g.nodes)
        ++members[node.value(QStringLiteral("community")).toInt()];
    QVERIFY(members.size() > 1);
    for (int c = 0; c < members.size(); ++c) {
        QVERIFY2(members.contains(c), qPrintable(QString::number(c)));
        QVERIFY(members.value(0) >= members.value(c));
    }
    // The same store, the same communities.
    const Read again = readBack(GraphExport::Format::Gexf);
    for (auto it = g.nodes.cbegin(); it != g.nodes.cend(); ++it)
        QCOMPARE(
            again.nodes.value(it.key()).value(QStringLiteral("community")), it->value(QStringLiteral("community")));
}

QTEST_GUILESS_MAIN(TestGraphExport)
#include "tst_graphexport.moc"
