// The network of relations written for Gephi (GEXF) and other graph tools (GraphML), from a store of the sample
// corpus: both files are read back as XML and every node, edge and count is checked against the store itself.
#include "graphexport.h"
#include "samplestore.h"

#include <QBuffer>
#include <QHash>
#include <QSet>
#include <QXmlStreamReader>

using namespace entente;

class TestGraphExport : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gexfHoldsTheStoresNetwork();
    void graphMlHoldsTheSame();
    void refusesAnUnknownFormat();

private:
    struct Read
    {
        QHash<QString, QHash<QString, QString>> nodes; // id -> attribute -> value (label as "label")
        QHash<QString, QHash<QString, QString>> edges; // "a|b" -> attribute -> value; "spells" as "y1-y2 ..."
        QString error;
    };
    [[nodiscard]] Read readBack(GraphExport::Format format) const;

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

TestGraphExport::Read TestGraphExport::readBack(GraphExport::Format format) const
{
    Read out;
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    const GraphExport::Counts counts = GraphExport::write(m_store, format, &buffer, &error);
    if (counts.nodes < 0) {
        out.error = error;
        return out;
    }
    // GraphML keys name their attribute; GEXF attvalues name theirs by id, which are the names here.
    QXmlStreamReader x(bytes);
    QHash<QString, QString> *current = nullptr;
    QString dataKey;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement()) {
            const auto a = x.attributes();
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

QTEST_GUILESS_MAIN(TestGraphExport)
#include "tst_graphexport.moc"
