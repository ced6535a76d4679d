// AsyncQuery and the models that ask their questions through it: answers come back to the model's thread, the
// latest request wins, and an answer that comes after a later one is dropped (issue 11 §2).
#include "asyncquery.h"
#include "corpuscube.h"
#include "entitylistmodel.h"
#include "relationpartnersmodel.h"
#include "samplestore.h"
#include "storesession.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <memory>

using namespace entente;

namespace {

// Every (kind, key) of an EntityListModel with its mentions and articles: what a view shows.
QStringList rowsOf(const EntityListModel &model)
{
    QStringList rows;
    for (int g = 0; g < model.rowCount(); ++g) {
        const QModelIndex group = model.index(g, 0);
        for (int r = 0; r < model.rowCount(group); ++r)
            rows << QStringLiteral("%1/%2 %3 %4")
                        .arg(model.index(r, 0, group).data(EntityListModel::KindRole).toString(),
                            model.index(r, 0, group).data(EntityListModel::KeyRole).toString(),
                            model.index(r, EntityListModel::MentionsColumn, group).data().toString(),
                            model.index(r, EntityListModel::ArticlesColumn, group).data().toString());
    }
    return rows;
}

} // namespace

class TestAsyncQuery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void answerComesBackInTheModelsThread();
    void laterRequestWinsOverSlowerEarlierOne();
    void answersThatComeTogetherAreHandedOverInTurn();
    void synchronousAnswersAtOnce();
    void entityModelShowsTheLatestFilter();
    void relationsModelShowsTheLatestFocus();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestAsyncQuery::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = test::importSamples(m_dir);
    QVERIFY(!m_path.isEmpty());
}

void TestAsyncQuery::cleanup()
{
    AsyncQuery::setWorkerHook({});
    AsyncQuery::setSynchronous(false);
    CorpusCube::setEnabled(true);
}

void TestAsyncQuery::answerComesBackInTheModelsThread()
{
    AsyncQuery query;
    QSignalSpy busy(&query, &AsyncQuery::busyChanged);
    QSignalSpy answered(&query, &AsyncQuery::answered);
    QVERIFY(busy.isValid() && answered.isValid());
    QThread *asked = nullptr;
    QThread *told = nullptr;
    int answer = 0;
    query.run(
        [&asked] {
            asked = QThread::currentThread();
            return 42;
        },
        [&](int value) {
            told = QThread::currentThread();
            answer = value;
        });
    QVERIFY(query.isBusy());
    QCOMPARE(busy.count(), 1);
    QTRY_COMPARE(answered.count(), 1);
    QCOMPARE(answer, 42);
    QVERIFY(asked && asked != QThread::currentThread()); // a worker asked
    QCOMPARE(told, QThread::currentThread()); // the answer came back here
    QVERIFY(!query.isBusy());
    QCOMPARE(busy.count(), 2);
    QCOMPARE(busy.last().first().toBool(), false);
    QCOMPARE(AsyncQuery::busyCount(), 0);
}

void TestAsyncQuery::laterRequestWinsOverSlowerEarlierOne()
{
    AsyncQuery query;
    QSignalSpy answered(&query, &AsyncQuery::answered);
    QSignalSpy dropped(&query, &AsyncQuery::staleDropped);
    QVERIFY(answered.isValid() && dropped.isValid());
    QSemaphore started;
    QSemaphore gate;
    const auto release = qScopeGuard([&gate] { gate.release(); }); // never leave a worker waiting
    QList<int> delivered;
    // The first request is under way (its work has begun) when the second is made, and ends after it.
    query.run(
        [&] {
            started.release();
            gate.acquire();
            return 1;
        },
        [&delivered](int value) { delivered << value; });
    QVERIFY(started.tryAcquire(1, 10000));
    const quint64 first = query.generation();
    query.run([] { return 2; }, [&delivered](int value) { delivered << value; });
    QTRY_COMPARE(answered.count(), 1);
    QCOMPARE(delivered, QList<int> { 2 });
    QVERIFY(!query.isBusy());
    gate.release();
    QTRY_COMPARE(dropped.count(), 1);
    QCOMPARE(dropped.first().first().toULongLong(), first);
    QCOMPARE(delivered, QList<int> { 2 }); // the first one's answer was dropped
    QCOMPARE(answered.count(), 1);
    QVERIFY(!query.isBusy());
}

void TestAsyncQuery::answersThatComeTogetherAreHandedOverInTurn()
{
    // Three models' answers are all in before the event loop runs (a focus change asks every pane at once): they
    // are handed over one per turn of the loop (a pass over its posted events), in the order they came, so that
    // each is a stall of its own.
    AsyncQuery first;
    AsyncQuery second;
    AsyncQuery third;
    QList<int> delivered;
    const auto deliver = [&delivered](int value) { delivered << value; };
    first.run([] { return 1; }, deliver);
    second.run([] { return 2; }, deliver);
    third.run([] { return 3; }, deliver);
    QVERIFY(AsyncQuery::pool()->waitForDone(10000)); // every answer is on its way to this thread
    QCoreApplication::sendPostedEvents(); // the workers' news: the answers wait for their turns
    QCOMPARE(delivered.size(), 0);
    for (int turn = 1; turn <= 3; ++turn) {
        QCoreApplication::sendPostedEvents();
        QCOMPARE(delivered.size(), turn);
    }
    std::sort(delivered.begin(), delivered.end()); // in the order the workers finished
    QCOMPARE(delivered, (QList<int> { 1, 2, 3 }));
    QCOMPARE(AsyncQuery::busyCount(), 0);

    // A model that goes away while its answer waits its turn is skipped; the next answer takes its turn.
    delivered.clear();
    auto gone = std::make_unique<AsyncQuery>();
    bool called = false;
    first.run([] { return 4; }, deliver);
    gone->run([] { return 5; }, [&called](int) { called = true; });
    second.run([] { return 6; }, deliver);
    QVERIFY(AsyncQuery::pool()->waitForDone(10000));
    QCoreApplication::sendPostedEvents();
    gone.reset();
    QCoreApplication::sendPostedEvents();
    QCOMPARE(delivered.size(), 1);
    QCoreApplication::sendPostedEvents();
    QCOMPARE(delivered.size(), 2);
    std::sort(delivered.begin(), delivered.end());
    QCOMPARE(delivered, (QList<int> { 4, 6 }));
    QVERIFY(!called);
    QCOMPARE(AsyncQuery::busyCount(), 0);
}

void TestAsyncQuery::synchronousAnswersAtOnce()
{
    AsyncQuery::setSynchronous(true);
    AsyncQuery query;
    QSignalSpy busy(&query, &AsyncQuery::busyChanged);
    QVERIFY(busy.isValid());
    QThread *asked = nullptr;
    int answer = 0;
    query.run(
        [&asked] {
            asked = QThread::currentThread();
            return 7;
        },
        [&answer](int value) { answer = value; });
    QCOMPARE(answer, 7); // before run() returned, as `entente chart` needs
    QCOMPARE(asked, QThread::currentThread());
    QVERIFY(!query.isBusy());
    QCOMPARE(busy.count(), 0);
}

void TestAsyncQuery::entityModelShowsTheLatestFilter()
{
    // Without the cube every question is SQL on a worker.
    CorpusCube::setEnabled(false);
    const std::shared_ptr<StoreSession> session = StoreSession::open(m_path);
    QVERIFY(session);
    // What the model shows for 2023 when nothing races it.
    EntityListModel expected;
    expected.setFilter(2023, 2023, {});
    QVERIFY(expected.setSession(session));
    QTRY_VERIFY(!expected.isBusy());
    const QStringList rows2023 = rowsOf(expected);
    QVERIFY(!rows2023.isEmpty());

    EntityListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(session));
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(rowsOf(model) != rows2023); // every year

    // The next request (years before any article: no rows) is held on its worker until the one after it is in.
    QSemaphore gate;
    const auto release = qScopeGuard([&gate] { gate.release(); });
    const quint64 held = model.query()->generation() + 1;
    const AsyncQuery *query = model.query();
    AsyncQuery::setWorkerHook([&gate, held, query](const AsyncQuery *q, quint64 generation) {
        if (q == query && generation == held)
            gate.acquire();
    });
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy dropped(model.query(), &AsyncQuery::staleDropped);
    QVERIFY(reset.isValid() && dropped.isValid());
    model.setFilter(1900, 1910, {});
    model.setFilter(2023, 2023, {});
    QVERIFY(model.isBusy());
    QTRY_VERIFY(!model.isBusy()); // the second request's answer
    QCOMPARE(reset.count(), 1);
    QCOMPARE(rowsOf(model), rows2023);
    gate.release();
    QTRY_COMPARE(dropped.count(), 1); // the first request's, come last
    QCOMPARE(dropped.first().first().toULongLong(), held);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(rowsOf(model), rows2023);
}

void TestAsyncQuery::relationsModelShowsTheLatestFocus()
{
    const std::shared_ptr<StoreSession> session = StoreSession::open(m_path);
    QVERIFY(session);
    RelationPartnersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(model.setSession(session));
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.rowCount() > 1);
    const QString first = model.pairA(0);
    const QString second = model.pairB(0);

    QSemaphore gate;
    const auto release = qScopeGuard([&gate] { gate.release(); });
    const quint64 held = model.query()->generation() + 1;
    const AsyncQuery *query = model.query();
    AsyncQuery::setWorkerHook([&gate, held, query](const AsyncQuery *q, quint64 generation) {
        if (q == query && generation == held)
            gate.acquire();
    });
    QSignalSpy dropped(model.query(), &AsyncQuery::staleDropped);
    QVERIFY(dropped.isValid());
    model.setFocusCountry(first);
    model.setFocusCountry(second);
    QTRY_VERIFY(!model.isBusy());
    QVERIFY(model.rowCount() > 0);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.pairA(r), second);
    gate.release();
    QTRY_COMPARE(dropped.count(), 1);
    for (int r = 0; r < model.rowCount(); ++r)
        QCOMPARE(model.pairA(r), second); // not the partners of the first, whose answer came last
}

QTEST_GUILESS_MAIN(TestAsyncQuery)
#include "tst_asyncquery.moc"
