// StoreSession on real store files: one read-only connection per thread, none for a file that is not a store.
#include "store.h"
#include "storesession.h"

#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace entente;

class TestStoreSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void readsThroughOneConnectionPerThread();
    void refusesWhatIsNoStore();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestStoreSession::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("one.entente"));
    Store store;
    QVERIFY(store.open(m_path, Store::OpenMode::CreateIfMissing));
}

void TestStoreSession::readsThroughOneConnectionPerThread()
{
    QString error;
    const std::shared_ptr<StoreSession> session = StoreSession::open(m_path, &error);
    QVERIFY2(session, qPrintable(error));
    QCOMPARE(session->path(), m_path);
    const Store *mine = session->reader();
    QVERIFY(mine);
    QCOMPARE(session->reader(), mine); // the same connection each time in one thread
    QVERIFY(QSqlQuery(mine->database()).exec(QStringLiteral("SELECT count(*) FROM articles")));

    // Another thread gets a connection of its own, which reads, and which closes as the thread finishes.
    const Store *theirs = nullptr;
    bool read = false;
    QString connection;
    QThread *thread = QThread::create([&] {
        theirs = session->reader();
        if (theirs) {
            QSqlQuery q(theirs->database());
            read = q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next();
            connection = theirs->database().connectionName();
        }
    });
    thread->start();
    QVERIFY(thread->wait(10000));
    QVERIFY(theirs);
    QVERIFY(theirs != mine);
    QVERIFY(read);
    QVERIFY(!connection.isEmpty());
    QVERIFY(connection != mine->database().connectionName());
    delete thread;
    QVERIFY(!QSqlDatabase::connectionNames().contains(connection));
    QVERIFY(QSqlDatabase::connectionNames().contains(mine->database().connectionName()));

    // No path, no session and no error.
    error.clear();
    QVERIFY(!StoreSession::open({}, &error));
    QVERIFY(error.isEmpty());
}

void TestStoreSession::refusesWhatIsNoStore()
{
    const QString path = m_dir.filePath(QStringLiteral("notes.entente"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("these are notes, not a store\n");
    }
    const QByteArray before = [&] {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    QString error;
    QVERIFY(!StoreSession::open(path, &error));
    QVERIFY(!error.isEmpty());
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before); // never written
}

QTEST_GUILESS_MAIN(TestStoreSession)
#include "tst_storesession.moc"
