// What the store promises when it is shared, refused or damaged, through the real binary on real files: two
// imports that create the same store at once both succeed; a file Entente refuses is left byte for byte as it was,
// with no side files; damage is reported, never imported into.
#include "store.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace entente;

namespace {

struct Run
{
    int status = -1;
    QString out;
    QString err;
};

Run finish(QProcess &p)
{
    p.waitForFinished(120000);
    return { p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
        QString::fromUtf8(p.readAllStandardError()) };
}

Run runEntente(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(ENTENTE_BINARY), args);
    if (!p.waitForStarted())
        return {};
    p.closeWriteChannel();
    return finish(p);
}

QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
}

// A folder of `count` short articles.
QString writeArticles(const QTemporaryDir &dir, const QString &name, int count)
{
    const QString folder = dir.filePath(name);
    QDir().mkpath(folder);
    for (int i = 0; i < count; ++i) {
        QFile f(folder + QStringLiteral("/a%1.txt").arg(i));
        if (!f.open(QIODevice::WriteOnly))
            return {};
        f.write(QStringLiteral("Talks %1\n\nFrance and Germany signed agreement %2-%1 in Paris on 3 May 2021.\n")
                    .arg(i)
                    .arg(name)
                    .toUtf8());
    }
    return folder;
}

qint64 articleCount(const QString &path)
{
    Store store;
    if (!store.open(path, Store::OpenMode::ReadOnly))
        return -1;
    QSqlQuery q(store.database());
    return q.exec(QStringLiteral("SELECT count(*) FROM articles")) && q.next() ? q.value(0).toLongLong() : -1;
}

} // namespace

class TestStoreSafety : public QObject
{
    Q_OBJECT

private slots:
    void twoImportsCreateOneStore();
    void refusedStoreIsUntouched();
    void foreignWriteAheadLogIsNamed();
    void damagedStoreIsReportedNotImportedInto_data();
    void damagedStoreIsReportedNotImportedInto();
};

void TestStoreSafety::twoImportsCreateOneStore()
{
    // Both processes find no store and create it: the schema is made once, and both imports land.
    QTemporaryDir dir;
    const QString first = writeArticles(dir, QStringLiteral("first"), 3);
    const QString second = writeArticles(dir, QStringLiteral("second"), 3);
    for (int round = 0; round < 5; ++round) {
        const QString path = dir.filePath(QStringLiteral("shared%1.entente").arg(round));
        QProcess a;
        QProcess b;
        a.start(QStringLiteral(ENTENTE_BINARY), { QStringLiteral("ingest"), QStringLiteral("--store"), path, first });
        b.start(QStringLiteral(ENTENTE_BINARY), { QStringLiteral("ingest"), QStringLiteral("--store"), path, second });
        const Run ra = finish(a);
        const Run rb = finish(b);
        QVERIFY2(ra.status == 0, qPrintable(ra.err));
        QVERIFY2(rb.status == 0, qPrintable(rb.err));
        // The six articles differ: all are stored, none lost or doubled.
        QCOMPARE(articleCount(path), 6);
    }
}

void TestStoreSafety::refusedStoreIsUntouched()
{
    // Entente's application id and schema version 1, but its own `articles` table: not a store. Reading it and
    // importing into it are refused, and the file stays as it was, with no -wal, -shm or -journal beside it.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("impostor.entente"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("impostor"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE articles(x, y)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO articles VALUES (1, 2)")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA application_id=%1").arg(Store::ApplicationId)));
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=1")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("impostor"));
    const QByteArray before = fileDigest(path);
    const QString folder = writeArticles(dir, QStringLiteral("news"), 2);
    const QList<QStringList> commands {
        { QStringLiteral("stats"), QStringLiteral("--store"), path },
        { QStringLiteral("ingest"), QStringLiteral("--store"), path, folder },
    };
    for (const QStringList &args : commands) {
        const Run r = runEntente(args);
        QVERIFY2(r.status == 2, qPrintable(args.first() + u' ' + QString::number(r.status) + u' ' + r.err));
        QVERIFY2(r.err.contains(path) && r.err.contains(QLatin1String("left untouched")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QLatin1String("no column")), qPrintable(r.err));
        QCOMPARE(fileDigest(path), before);
        const QStringList beside = QDir(dir.path()).entryList({ QStringLiteral("impostor.entente*") }, QDir::Files);
        QCOMPARE(beside, QStringList { QStringLiteral("impostor.entente") });
    }
}

void TestStoreSafety::foreignWriteAheadLogIsNamed()
{
    // A store, and beside it the -wal of another database: the message blames the log, and neither file changes.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("news.entente"));
    const Run made = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), path, writeArticles(dir, QStringLiteral("news"), 2) });
    QVERIFY2(made.status == 0, qPrintable(made.err));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFile::remove(path + QStringLiteral("-wal")));
    QFile::remove(path + QStringLiteral("-shm"));
    const QString other = dir.filePath(QStringLiteral("other.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("other"));
        db.setDatabaseName(other);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode=WAL")));
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t(x)")));
        QVERIFY(q.exec(QStringLiteral("INSERT INTO t VALUES (1)")));
        // Its log, copied while the connection still holds it (closing would fold it into the file).
        QVERIFY(QFile::copy(other + QStringLiteral("-wal"), path + QStringLiteral("-wal")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("other"));
    const QByteArray store = fileDigest(path);
    const QByteArray log = fileDigest(path + QStringLiteral("-wal"));
    const Run r = runEntente({ QStringLiteral("stats"), QStringLiteral("--store"), path });
    QCOMPARE(r.status, 2);
    QVERIFY2(r.err.contains(QLatin1String("write-ahead log")) && r.err.contains(path), qPrintable(r.err));
    QCOMPARE(fileDigest(path), store);
    QCOMPARE(fileDigest(path + QStringLiteral("-wal")), log);
}

void TestStoreSafety::damagedStoreIsReportedNotImportedInto_data()
{
    QTest::addColumn<double>("where"); // which page is overwritten, as a fraction of the file
    QTest::newRow("page 2") << -1.0;
    QTest::newRow("a page mid-file") << 0.5;
}

void TestStoreSafety::damagedStoreIsReportedNotImportedInto()
{
    // A page of the store overwritten with garbage: `check` and `stats` say it is damaged, and `ingest` writes
    // nothing to it, with exit status 2.
    QFETCH(double, where);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("damaged.entente"));
    const Run made = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), path, writeArticles(dir, QStringLiteral("old"), 3) });
    QVERIFY2(made.status == 0, qPrintable(made.err));
    const Run sound = runEntente({ QStringLiteral("check"), QStringLiteral("--store"), path });
    QVERIFY2(sound.status == 0 && sound.out.contains(QLatin1String("no damage")), qPrintable(sound.err));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const QByteArray header = f.read(100);
        const qint64 pageSize = (quint8(header[16]) << 8) | quint8(header[17]);
        const qint64 pages = f.size() / pageSize;
        QVERIFY(pages > 4);
        const qint64 page = where < 0 ? 1 : qint64(double(pages) * where); // 0-based
        QVERIFY(f.seek(page * pageSize));
        QByteArray garbage(int(pageSize), '\0');
        for (qsizetype i = 0; i < garbage.size(); ++i)
            garbage[i] = char((i * 7919 + 13) & 0xff);
        QCOMPARE(f.write(garbage), pageSize);
    }
    const QByteArray before = fileDigest(path);

    const Run check = runEntente({ QStringLiteral("check"), QStringLiteral("--store"), path });
    QVERIFY2(check.status == 1 && check.err.contains(QLatin1String("damaged")), qPrintable(check.err));
    const Run stats = runEntente({ QStringLiteral("stats"), QStringLiteral("--store"), path });
    QVERIFY2(stats.status == 1 && stats.err.contains(QLatin1String("damaged")), qPrintable(stats.err));
    const Run ingest = runEntente(
        { QStringLiteral("ingest"), QStringLiteral("--store"), path, writeArticles(dir, QStringLiteral("new"), 3) });
    QVERIFY2(ingest.status == 2, qPrintable(ingest.err));
    QVERIFY2(ingest.err.contains(QLatin1String("damaged")) && ingest.err.contains(path), qPrintable(ingest.err));
    QCOMPARE(fileDigest(path), before);
}

QTEST_GUILESS_MAIN(TestStoreSafety)
#include "tst_storesafety.moc"
