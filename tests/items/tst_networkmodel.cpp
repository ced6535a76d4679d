// The Network pane's model under its filters, on a store of the sample corpus: each filter checked against the
// store (through the export, which tst_graphexport checks against SQL), the cube and SQL paths agreeing, the
// communities and the hub, and a layout that keeps its nodes in place as the years and filters change.
#include "asyncquery.h"
#include "corpuscube.h"
#include "graphexport.h"
#include "networkmodel.h"
#include "samplestore.h"

#include <QAbstractItemModelTester>
#include <QBuffer>
#include <QSet>
#include <QSignalSpy>
#include <QXmlStreamReader>

#include <cmath>

using namespace entente;

namespace {
// Lets the models' workers answer: true once no AsyncQuery has a request on its way (a condition, not a sleep).
bool settled()
{
    QCoreApplication::processEvents();
    return QTest::qWaitFor([] { return AsyncQuery::busyCount() == 0; });
}
} // namespace

class TestNetworkModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void filtersShowWhatTheExportWrites_data();
    void filtersShowWhatTheExportWrites();
    void cubeAndSqlAgree();
    void communitiesAndHub();
    void placesStayAsYearsAndFiltersChange();

private:
    // The export's nodes and edges ("a|b" by code order) under `filter`.
    [[nodiscard]] std::pair<QSet<QString>, QSet<QString>> exported(const NetworkFilter &filter) const;
    // The model's nodes and edges, the same way.
    [[nodiscard]] static std::pair<QSet<QString>, QSet<QString>> shown(const NetworkModel &model);

    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
};

void TestNetworkModel::initTestCase()
{
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
}

void TestNetworkModel::cleanup()
{
    CorpusCube::setEnabled(true);
}

std::pair<QSet<QString>, QSet<QString>> TestNetworkModel::exported(const NetworkFilter &filter) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QString error;
    if (GraphExport::write(m_store, GraphExport::Format::Gexf, &buffer, &error, filter).nodes < 0)
        return {};
    QSet<QString> nodes, edges;
    QXmlStreamReader x(bytes);
    while (!x.atEnd()) {
        x.readNext();
        if (!x.isStartElement())
            continue;
        if (x.name() == u"node")
            nodes << x.attributes().value(QLatin1String("id")).toString();
        else if (x.name() == u"edge")
            edges << x.attributes().value(QLatin1String("source")).toString() + u'|'
                    + x.attributes().value(QLatin1String("target")).toString();
    }
    return { nodes, edges };
}

std::pair<QSet<QString>, QSet<QString>> TestNetworkModel::shown(const NetworkModel &model)
{
    QSet<QString> nodes, edges;
    for (int r = 0; r < model.rowCount(); ++r)
        nodes << model.code(r);
    for (const NetworkModel::Edge &e : model.edges()) {
        const QString a = model.code(e.from), b = model.code(e.to);
        edges << (a < b ? a + u'|' + b : b + u'|' + a);
    }
    return { nodes, edges };
}

void TestNetworkModel::filtersShowWhatTheExportWrites_data()
{
    QTest::addColumn<QString>("tone");
    QTest::addColumn<int>("minWeight");
    QTest::addColumn<int>("minDegree");
    QTest::addColumn<bool>("organisations");
    QTest::addColumn<bool>("years");
    QTest::newRow("countries, every relation") << "all" << 1 << 0 << false << false;
    QTest::newRow("organisations too") << "all" << 1 << 0 << true << false;
    QTest::newRow("cooperation only") << "cooperation" << 1 << 0 << false << false;
    QTest::newRow("conflict only") << "conflict" << 1 << 0 << true << false;
    QTest::newRow("net tone") << "net" << 1 << 0 << true << false;
    QTest::newRow("edges of two relations or more") << "all" << 2 << 0 << true << false;
    QTest::newRow("nodes of two partners or more") << "all" << 1 << 2 << true << false;
    QTest::newRow("the later years") << "all" << 1 << 0 << true << true;
}

void TestNetworkModel::filtersShowWhatTheExportWrites()
{
    QFETCH(QString, tone);
    QFETCH(int, minWeight);
    QFETCH(int, minDegree);
    QFETCH(bool, organisations);
    QFETCH(bool, years);
    NetworkModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QVERIFY(resets.isValid());
    model.setLimit(25);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    NetworkFilter filter;
    QVERIFY(NetworkFilter::parseTone(tone, &filter.tone));
    filter.minWeight = minWeight;
    filter.minDegree = minDegree;
    filter.organisations = organisations;
    model.setFilter(filter);
    if (years) {
        const qint64 first = test::scalar(m_store, QStringLiteral("SELECT min(published_year) FROM articles"));
        const qint64 last = test::scalar(m_store, QStringLiteral("SELECT max(published_year) FROM articles"));
        model.setYearRange(int((first + last) / 2), int(last));
    }
    QVERIFY(settled());
    QVERIFY(resets.size() >= 1); // the answers to the requests before the last may have been dropped
    QVERIFY(model.rowCount() > 1);
    QVERIFY(!model.edges().isEmpty());

    // The same nodes and edges as the export under the model's whole filter, which tst_graphexport checks against
    // the store.
    const NetworkFilter whole = model.filter();
    QCOMPARE(whole.limit, 25);
    QCOMPARE(whole.tone, filter.tone);
    const auto [nodes, edges] = shown(model);
    const auto [wantNodes, wantEdges] = exported(whole);
    QCOMPARE(nodes, wantNodes);
    QCOMPARE(edges, wantEdges);

    bool sawOrganisation = false;
    for (int r = 0; r < model.rowCount(); ++r) {
        sawOrganisation |= model.isOrganisation(r);
        QVERIFY(model.degree(r) >= minDegree);
        QCOMPARE(model.index(r, 0).data(NetworkModel::DegreeRole).toInt(), model.degree(r));
    }
    QCOMPARE(sawOrganisation, organisations);
    for (const NetworkModel::Edge &e : model.edges()) {
        QVERIFY(e.weight >= minWeight);
        QVERIFY(e.tone >= -1 && e.tone <= 1);
        if (tone == u"cooperation")
            QVERIFY(e.conflict == 0 && e.weight == e.cooperation && e.tone == 1.0);
        if (tone == u"conflict")
            QVERIFY(e.cooperation == 0 && e.weight == e.conflict && e.tone == -1.0);
        if (tone == u"net") {
            QCOMPARE(e.weight, std::abs(e.cooperation - e.conflict));
            QVERIFY((e.tone > 0) == (e.cooperation > e.conflict));
        }
        if (tone == u"all")
            QCOMPARE(e.weight, e.count);
    }
}

void TestNetworkModel::cubeAndSqlAgree()
{
    // The cube's loops and the SQL give one network under a filter.
    NetworkFilter filter;
    filter.tone = NetworkFilter::Tone::Net;
    filter.organisations = true;
    filter.minDegree = 1;
    NetworkModel cube;
    QAbstractItemModelTester cubeTester(&cube, QAbstractItemModelTester::FailureReportingMode::QtTest);
    cube.setFilter(filter);
    QVERIFY(cube.setSession(StoreSession::open(m_path)));
    CorpusCube::setEnabled(false);
    NetworkModel sql;
    QAbstractItemModelTester sqlTester(&sql, QAbstractItemModelTester::FailureReportingMode::QtTest);
    sql.setFilter(filter);
    QVERIFY(sql.setSession(StoreSession::open(m_path)));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(sql.rowCount() > 2);
    QCOMPARE(sql.rowCount(), cube.rowCount());
    for (int r = 0; r < sql.rowCount(); ++r) {
        QCOMPARE(sql.code(r), cube.code(r));
        QCOMPARE(sql.community(r), cube.community(r));
        QCOMPARE(sql.position(r), cube.position(r));
    }
    QCOMPARE(sql.edges().size(), cube.edges().size());
    for (qsizetype i = 0; i < sql.edges().size(); ++i) {
        QCOMPARE(sql.edges().at(i).weight, cube.edges().at(i).weight);
        QCOMPARE(sql.edges().at(i).from, cube.edges().at(i).from);
        QCOMPARE(sql.edges().at(i).to, cube.edges().at(i).to);
    }
}

void TestNetworkModel::communitiesAndHub()
{
    NetworkModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLimit(30);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(settled()); // the models answer from a worker
    QVERIFY(model.communityCount() >= 1);
    int members = 0;
    for (int c = 0; c < model.communityCount(); ++c) {
        members += model.communitySize(c);
        QVERIFY(model.communitySize(c) <= model.communitySize(0));
        // Named by its most-mentioned member.
        const int lead = model.communityLead(c);
        QCOMPARE(model.community(lead), c);
        for (int r = 0; r < model.rowCount(); ++r)
            if (model.community(r) == c)
                QVERIFY(model.mentions(r) <= model.mentions(lead));
    }
    QCOMPARE(members, model.rowCount());
    QCOMPARE(model.index(0, 0).data(NetworkModel::CommunityRole).toInt(), model.community(0));
    const int hub = model.hubRow();
    QVERIFY(hub >= 0);
    for (int r = 0; r < model.rowCount(); ++r)
        QVERIFY(model.degree(r) <= model.degree(hub));
    QVERIFY(model.index(hub, 0).data(Qt::ToolTipRole).toString().contains(QLatin1String("Partners:")));
}

void TestNetworkModel::placesStayAsYearsAndFiltersChange()
{
    NetworkModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLimit(20);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QVERIFY(settled()); // the models answer from a worker
    QHash<QString, QPointF> before;
    for (int r = 0; r < model.rowCount(); ++r)
        before.insert(model.code(r), model.position(r));
    int kept = 0, added = 0;
    const auto checkKept = [&](const char *step) {
        kept = 0;
        added = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const auto it = before.constFind(model.code(r));
            if (it != before.constEnd()) {
                QVERIFY2(model.position(r) == *it, step);
                ++kept;
                continue;
            }
            ++added;
            // A new node is clear of every other one.
            for (int o = 0; o < model.rowCount(); ++o) {
                const QPointF d = model.position(o) - model.position(r);
                QVERIFY2(o == r || std::hypot(d.x(), d.y()) >= 0.19, step);
            }
        }
        for (int r = 0; r < model.rowCount(); ++r)
            before.insert(model.code(r), model.position(r));
    };
    // Organisations join: the countries stay where they were, the organisations are placed among them.
    NetworkFilter filter;
    filter.organisations = true;
    model.setFilter(filter);
    QVERIFY(settled());
    checkKept("organisations");
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(kept > 2);
    QVERIFY(added > 0);
    // Years: some nodes go, none that stays moves.
    const qint64 first = test::scalar(m_store, QStringLiteral("SELECT min(published_year) FROM articles"));
    const qint64 last = test::scalar(m_store, QStringLiteral("SELECT max(published_year) FROM articles"));
    model.setYearRange(int(first), int((first + last) / 2));
    QVERIFY(settled());
    checkKept("years");
    QVERIFY(!QTest::currentTestFailed());
    QVERIFY(kept > 2);
    model.setYearRange(0, 0);
    filter.tone = NetworkFilter::Tone::Conflict;
    model.setFilter(filter);
    QVERIFY(settled());
    checkKept("conflict only");
    QVERIFY(!QTest::currentTestFailed());
    // Laid out afresh on request: the same store gives the picture of a fresh model.
    model.resetLayout();
    NetworkModel fresh;
    fresh.setLimit(20);
    fresh.setFilter(filter);
    QVERIFY(fresh.setSession(StoreSession::open(m_path)));
    QVERIFY(settled());
    QCOMPARE(fresh.rowCount(), model.rowCount());
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.position(r), fresh.position(r));
}

QTEST_GUILESS_MAIN(TestNetworkModel)
#include "tst_networkmodel.moc"
