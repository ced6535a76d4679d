// EntityListModel: entities grouped by kind with their counts under the year range and the
// text query.
#include "articledocument.h"
#include "entitylistmodel.h"
#include "samplestore.h"
#include "storesession.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace entente;

class TestEntityListModel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void groupsByKindInFixedOrder();
    void countsUnderFilter_data();
    void countsUnderFilter();
    void unparsableQueryCountsAsNone();
    void indexOfAndEntityAtAgree();
    void refreshCountsWhatAnImportAdded();
    void comparisonCountsArticlesWithEachSide_data();
    void comparisonCountsArticlesWithEachSide();

private:
    struct Counts
    {
        int mentions = 0;
        int articles = 0;
    };
    // Counts per "kind/key", from the documents themselves, for articles in the year range.
    QHash<QString, Counts> expectedCounts(int yearFrom, int yearTo);

    QTemporaryDir m_dir;
    QString m_path;
    Store m_store;
};

void TestEntityListModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
    QVERIFY(m_store.open(m_path, Store::OpenMode::ReadOnly));
}

void TestEntityListModel::groupsByKindInFixedOrder()
{
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    const QStringList kinds = EntityListModel::kinds();
    QCOMPARE(model.rowCount(), int(kinds.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex group = model.index(row, 0);
        QCOMPARE(group.data(EntityListModel::KindRole).toString(), kinds.at(row));
        QVERIFY(group.data(EntityListModel::IsKindRole).toBool());
        QVERIFY(group.data().toString().startsWith(EntityListModel::kindTitle(kinds.at(row))));
        qint64 sum = 0;
        for (int child = 0; child < model.rowCount(group); ++child) {
            const QModelIndex e = model.index(child, EntityListModel::MentionsColumn, group);
            QCOMPARE(e.parent(), group);
            QCOMPARE(e.data(EntityListModel::KindRole).toString(), kinds.at(row));
            QVERIFY(!model.index(child, 0, group).data().toString().isEmpty());
            QCOMPARE(model.rowCount(model.index(child, 0, group)), 0);
            sum += e.data().toInt();
        }
        QCOMPARE(model.index(row, EntityListModel::MentionsColumn).data().toLongLong(), sum);
    }
    QVERIFY(model.rowCount(model.index(0, 0)) > 0); // the samples name countries
}

QHash<QString, TestEntityListModel::Counts> TestEntityListModel::expectedCounts(int yearFrom, int yearTo)
{
    QHash<QString, Counts> counts;
    for (qint64 id : test::articleIds(m_store)) {
        ArticleDocument doc;
        if (!doc.load(m_store, id))
            return {};
        const PartialDate &date = doc.record.published.date;
        if (yearFrom != 0 && (!date.isValid() || date.year < yearFrom || date.year > yearTo))
            continue;
        QSet<QString> seen;
        for (const auto &m : doc.mentions) {
            const QString key = m.kind + u'/' + m.key;
            ++counts[key].mentions;
            if (!seen.contains(key)) {
                seen.insert(key);
                ++counts[key].articles;
            }
        }
    }
    return counts;
}

void TestEntityListModel::comparisonCountsArticlesWithEachSide_data()
{
    QTest::addColumn<int>("yearFrom");
    QTest::addColumn<int>("yearTo");
    QTest::newRow("every year") << 0 << 0;
    QTest::newRow("2022 to 2023") << 2022 << 2023;
}

void TestEntityListModel::comparisonCountsArticlesWithEachSide()
{
    QFETCH(int, yearFrom);
    QFETCH(int, yearTo);
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    model.setFilter(yearFrom, yearTo, {});
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    const EntityRef a { QStringLiteral("country"), QStringLiteral("CHN") };
    const EntityRef b { QStringLiteral("country"), QStringLiteral("USA") };
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(changed.isValid() && reset.isValid());
    model.setComparison(a, b);
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    QVERIFY(model.hasComparison());
    QVERIFY(changed.count() > 0);
    QCOMPARE(reset.count(), 0); // roles only: a view keeps its rows

    // From the documents: in how many articles (of the years) each entity is mentioned with A, and with B.
    QHash<QString, std::pair<int, int>> with;
    for (qint64 id : test::articleIds(m_store)) {
        ArticleDocument doc;
        QVERIFY(doc.load(m_store, id));
        const PartialDate &date = doc.record.published.date;
        if (yearFrom != 0 && (!date.isValid() || date.year < yearFrom || date.year > yearTo))
            continue;
        QSet<QString> keys;
        for (const auto &m : doc.mentions)
            keys.insert(m.kind + u'/' + m.key);
        const bool hasA = keys.contains(QStringLiteral("country/CHN"));
        const bool hasB = keys.contains(QStringLiteral("country/USA"));
        for (const QString &key : std::as_const(keys)) {
            with[key].first += hasA ? 1 : 0;
            with[key].second += hasB ? 1 : 0;
        }
    }
    int sides[4] = {};
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r) {
            const QModelIndex e = model.index(r, 0, group);
            const QString key
                = e.data(EntityListModel::KindRole).toString() + u'/' + e.data(EntityListModel::KeyRole).toString();
            const auto expected = with.value(key);
            QCOMPARE(e.data(EntityListModel::WithARole).toInt(), expected.first);
            QCOMPARE(e.data(EntityListModel::WithBRole).toInt(), expected.second);
            const int side = (expected.first > 0 ? 1 : 0) | (expected.second > 0 ? 2 : 0);
            QCOMPARE(e.data(EntityListModel::SideRole).toInt(), side);
            if (key != u"country/CHN" && key != u"country/USA")
                ++sides[side];
        }
    }
    QVERIFY(sides[EntityListModel::BothSides] > 0);
    QCOMPARE(model.sideCount(EntityListModel::OnlyA), sides[EntityListModel::OnlyA]);
    QCOMPARE(model.sideCount(EntityListModel::OnlyB), sides[EntityListModel::OnlyB]);
    QCOMPARE(model.sideCount(EntityListModel::BothSides), sides[EntityListModel::BothSides]);

    // No comparison: nothing counted.
    model.setComparison({}, {});
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    QVERIFY(!model.hasComparison());
    QCOMPARE(model.index(0, 0, model.index(0, 0)).data(EntityListModel::WithARole).toInt(), 0);
}

void TestEntityListModel::countsUnderFilter_data()
{
    QTest::addColumn<int>("yearFrom");
    QTest::addColumn<int>("yearTo");
    QTest::addRow("every year, undated articles included") << 0 << 0;
    QTest::addRow("one year") << 2023 << 2023;
    QTest::addRow("a range before every article: nothing counted") << 1900 << 1910;
}

void TestEntityListModel::countsUnderFilter()
{
    QFETCH(int, yearFrom);
    QFETCH(int, yearTo);
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    model.setFilter(yearFrom, yearTo, {});
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    const QHash<QString, Counts> expected = expectedCounts(yearFrom, yearTo);
    int listed = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex group = model.index(row, 0);
        for (int child = 0; child < model.rowCount(group); ++child) {
            const EntityRef e = model.entityAt(model.index(child, 0, group));
            const Counts c = expected.value(e.kind + u'/' + e.key);
            QCOMPARE(model.index(child, EntityListModel::MentionsColumn, group).data().toInt(), c.mentions);
            QCOMPARE(model.index(child, EntityListModel::ArticlesColumn, group).data().toInt(), c.articles);
            ++listed;
        }
    }
    // Every entity mentioned under the filter is listed (the kinds of the tree cover them all).
    QCOMPARE(listed, int(expected.size()));
}

void TestEntityListModel::unparsableQueryCountsAsNone()
{
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    const int countries = model.rowCount(model.index(0, 0));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(reset.isValid());
    model.setFilter(0, 0, QStringLiteral("\"unclosed"));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(model.index(0, 0)), countries);
    // A query that parses narrows the counts to the articles it finds.
    model.setFilter(0, 0, QStringLiteral("nonexistentwordxyz"));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    QCOMPARE(model.rowCount(model.index(0, 0)), 0);
}

void TestEntityListModel::indexOfAndEntityAtAgree()
{
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(StoreSession::open(m_path)));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex group = model.index(row, 0);
        QVERIFY(model.entityAt(group).isNull());
        for (int child = 0; child < model.rowCount(group); ++child) {
            const QModelIndex index = model.index(child, 0, group);
            const EntityRef e = model.entityAt(index);
            QVERIFY(!e.isNull());
            QCOMPARE(model.indexOf(e), index);
            QCOMPARE(index.data(EntityListModel::KeyRole).toString(), e.key);
        }
    }
    QVERIFY(!model.indexOf({ QStringLiteral("country"), QStringLiteral("XXX") }).isValid());
    QVERIFY(!model.indexOf({}).isValid());
}

void TestEntityListModel::refreshCountsWhatAnImportAdded()
{
    QTemporaryDir dir;
    const std::shared_ptr<StoreSession> session = test::firstSamplesSession(dir, 2);
    QVERIFY(session);
    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(session));
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker
    const QModelIndex countries = model.index(0, 0);
    QVERIFY(model.rowCount(countries) > 0);
    const int countriesBefore = model.rowCount(countries);
    // A country of the first articles, held by a persistent index as a view's selection is.
    const EntityRef country = model.entityAt(model.index(0, 0, countries));
    const QPersistentModelIndex kept(model.index(0, EntityListModel::MentionsColumn, countries));
    const int mentionsBefore = kept.data().toInt();

    QVERIFY(test::importRest(session->path(), 2));
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QVERIFY(reset.isValid());
    QVERIFY(inserted.isValid());
    QVERIFY(changed.isValid());
    model.refresh();
    QTRY_VERIFY(!model.isBusy()); // the answer may come from a worker

    QVERIFY(reset.isEmpty());
    QVERIFY(!inserted.isEmpty());
    QVERIFY(!changed.isEmpty());
    QVERIFY(model.rowCount(countries) > countriesBefore);
    QVERIFY(kept.isValid());
    QCOMPARE(model.entityAt(kept.sibling(kept.row(), 0)), country);
    QVERIFY(kept.data().toInt() >= mentionsBefore);
    // The counts of a model that read the grown store from scratch, row by row.
    EntityListModel fresh;
    QVERIFY(fresh.setSession(session));
    QTRY_VERIFY(!fresh.isBusy()); // the answer may come from a worker
    for (int g = 0; g < fresh.rowCount(); ++g) {
        const QModelIndex group = fresh.index(g, 0);
        QCOMPARE(model.rowCount(model.index(g, 0)), fresh.rowCount(group));
        QCOMPARE(model.index(g, 1).data(), group.siblingAtColumn(1).data());
        for (int r = 0; r < fresh.rowCount(group); ++r)
            for (int c = 0; c < EntityListModel::ColumnCount; ++c)
                QCOMPARE(model.index(r, c, model.index(g, 0)).data(), fresh.index(r, c, group).data());
    }
}

QTEST_GUILESS_MAIN(TestEntityListModel)
#include "tst_entitylistmodel.moc"
