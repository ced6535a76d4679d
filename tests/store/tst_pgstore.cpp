// The store on a PostgreSQL server (PgStore), against a real server: the throwaway cluster that ctest starts
// before this test (tests/postgres/cluster.sh, the `postgres` fixture). A server that cannot be reached fails the
// test; it is never skipped.
#include "exporter.h"
#include "importer.h"
#include "pgstore.h"
#include "pgtestdatabase.h"
#include "store.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <libpq-fe.h>

#include <atomic>
#include <thread>

using namespace entente;
using namespace entente::pgtest;

namespace {

// Each relation as a comparable line: article (by order), offsets, pair, direction, tone.
QStringList fileRelations(const QString &path)
{
    Store s;
    if (!s.open(path, Store::OpenMode::ReadOnly))
        return { QStringLiteral("cannot open") };
    QSqlQuery q(s.database());
    q.exec(QStringLiteral("SELECT article_id, start, end, a, b, directed, tone, cameo FROM relations"
                          " ORDER BY article_id, start, a, b"));
    QStringList out;
    while (q.next())
        out << QStringLiteral("%1 %2-%3 %4 %5 %6 %7 %8")
                   .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                       q.value(4).toString(), q.value(5).toString(), q.value(6).toString(), q.value(7).toString());
    return out;
}

QStringList serverRows(const QString &url, const QByteArray &sql)
{
    PGconn *c = PQconnectdb(url.toUtf8().constData());
    QStringList out;
    if (PQstatus(c) == CONNECTION_OK) {
        PGresult *r = PQexec(c, sql.constData());
        if (PQresultStatus(r) == PGRES_TUPLES_OK) {
            for (int i = 0; i < PQntuples(r); ++i) {
                QStringList row;
                for (int k = 0; k < PQnfields(r); ++k)
                    row << QString::fromUtf8(PQgetvalue(r, i, k));
                out << row.join(u' ');
            }
        } else {
            out << QStringLiteral("error: ") + QString::fromUtf8(PQresultErrorMessage(r));
        }
        PQclear(r);
    } else {
        out << QStringLiteral("error: ") + QString::fromUtf8(PQerrorMessage(c));
    }
    PQfinish(c);
    return out;
}

QList<qint64> fileSearch(const QString &path, const QString &match)
{
    Store s;
    QList<qint64> ids;
    if (!s.open(path, Store::OpenMode::ReadOnly))
        return ids;
    QSqlQuery q(s.database());
    q.prepare(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid"));
    q.addBindValue(match);
    q.exec();
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

} // namespace

class TestPgStore : public QObject
{
    Q_OBJECT

private slots:
    void serverIsThere();
    void sameArticlesAndRelationsAsAStoreFile();
    void readerMayReadButNotIngest();
    void unreachableServerIsNamed();
    void serverKilledDuringAnIngestLosesAndDoublesNothing();
    void readersSeeWholeArticlesWhileAnImportRuns();
    void annotationsMadeElsewhereLoadIntoTheServer();
};

void TestPgStore::serverIsThere()
{
    const QString error = admin("SELECT 1");
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

void TestPgStore::sameArticlesAndRelationsAsAStoreFile()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.entente"));
    const ImportSummary f = Importer(file).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(f.ok(), qPrintable(f.fatalError));
    ImportOptions small;
    small.batchBytes = 1; // a transaction an article: several COPY batches ...
    small.deferIndexes = true; // ... of a bulk load, with the indexes and foreign keys made at the end
    const ImportSummary s = Importer(db.url("writer"), small).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QCOMPARE(s.totals.imported, f.totals.imported);
    QVERIFY(s.totals.imported >= 5);

    // The same counts ...
    QString error;
    const std::unique_ptr<PgStore> server = PgStore::connect(db.url("writer"), &error);
    QVERIFY2(server, qPrintable(error));
    QCOMPARE(server->schemaVersion(), PgStore::SchemaVersion);
    Store st;
    QVERIFY(st.open(file, Store::OpenMode::ReadOnly));
    const StoreStats a = st.stats(), b = server->stats();
    QCOMPARE(b.articles, a.articles);
    QCOMPARE(b.undated, a.undated);
    QCOMPARE(b.firstDate, a.firstDate);
    QCOMPARE(b.lastDate, a.lastDate);
    QCOMPARE(b.sentences, a.sentences);
    QCOMPARE(b.entities, a.entities);
    QCOMPARE(b.mentions, a.mentions);
    QCOMPARE(b.dates, a.dates);
    QCOMPARE(b.relations, a.relations);
    QVERIFY(b.relations > 10);

    // ... the same relations, offsets in code points, article by article (ids in file order in both) ...
    const QStringList relations = serverRows(db.url("writer"),
        "SELECT article_id, start || '-' || \"end\", a, b, directed, tone, coalesce(cameo, '') FROM relations"
        " ORDER BY article_id, start, a, b");
    QCOMPARE(relations, fileRelations(file));

    // ... and the same hits for a search in the syntax users type.
    QCOMPARE(server->search(QStringLiteral("\"Central Asia\""), &error),
        fileSearch(file, QStringLiteral("\"Central Asia\"")));
    QVERIFY(server->search(QStringLiteral("\"Central Asia\"")).size() >= 2);
    QCOMPARE(server->search(QStringLiteral("summit -Xi")), fileSearch(file, QStringLiteral("summit NOT Xi")));

    // ... and the same exports, byte for byte, of every table in both formats.
    for (const Exporter::What what : { Exporter::What::Articles, Exporter::What::Entities, Exporter::What::Mentions,
             Exporter::What::Relations, Exporter::What::Dates }) {
        for (const Exporter::Format format : { Exporter::Format::Csv, Exporter::Format::JsonLines }) {
            QBuffer fromFile, fromServer;
            QVERIFY(fromFile.open(QIODevice::WriteOnly) && fromServer.open(QIODevice::WriteOnly));
            const qint64 rows = Exporter::write(st, what, format, &fromFile, &error);
            QVERIFY2(rows > 0, qPrintable(error));
            QCOMPARE(Exporter::write(*server, what, format, &fromServer, &error), rows);
            QCOMPARE(fromServer.data(), fromFile.data());
        }
    }

    // Importing the same files again adds nothing.
    const ImportSummary again = Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(again.ok(), qPrintable(again.fatalError));
    QCOMPARE(again.totals.imported, 0);
    QCOMPARE(again.totals.duplicates, s.totals.imported);
    QCOMPARE(server->stats().articles, a.articles);

    // A check finds nothing wrong, and finds rows taken away behind the store's back.
    QCOMPARE(server->checkConsistency(&error), QStringList());
    QCOMPARE(serverRows(db.url("writer"),
                 "WITH gone AS (DELETE FROM mentions WHERE article_id = (SELECT min(article_id) FROM mentions)"
                 " RETURNING 1) SELECT count(*) > 0 FROM gone"),
        QStringList { QStringLiteral("t") });
    const QStringList problems = server->checkConsistency(&error);
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().startsWith(QLatin1String("1 articles whose mentions")), qPrintable(problems.first()));
}

void TestPgStore::readerMayReadButNotIngest()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    const QString one = dir.filePath(QStringLiteral("one.txt"));
    {
        QFile f(one);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Talks\n\nRussia and China held talks in Moscow on trade.\n");
    }
    // Before the writer made the schema, a reader finds no store.
    QString error;
    QVERIFY(!PgStore::connect(db.url("reader"), &error, true));
    QVERIFY2(error.contains(QLatin1String("no Entente store")), qPrintable(error));

    const ImportSummary w = Importer(db.url("writer")).run({ one });
    QVERIFY2(w.ok(), qPrintable(w.fatalError));
    QCOMPARE(w.totals.imported, 1);

    // The reader reads ...
    const std::unique_ptr<PgStore> reader = PgStore::connect(db.url("reader"), &error, true);
    QVERIFY2(reader, qPrintable(error));
    QCOMPARE(reader->stats().articles, 1);
    QVERIFY(!reader->canWrite());
    // ... is refused an import, with the reason, before anything is written ...
    const QString two = dir.filePath(QStringLiteral("two.txt"));
    {
        QFile f(two);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("Visit\n\nJapan and India agreed on a visit.\n");
    }
    const ImportSummary r = Importer(db.url("reader")).run({ two });
    QVERIFY(!r.ok());
    QVERIFY2(r.fatalError.contains(QLatin1String("entente_writer")), qPrintable(r.fatalError));
    // ... and the server itself refuses its writes, whatever a program asks.
    const QStringList denied = serverRows(db.url("reader"),
        "INSERT INTO articles(id, text, hash, imported_at, chars) VALUES (99, 'x', '\\x01', 'now', 1) RETURNING id");
    QCOMPARE(denied.size(), 1);
    QVERIFY2(denied.first().contains(QLatin1String("permission denied")), qPrintable(denied.first()));
    QCOMPARE(reader->stats().articles, 1);
}

void TestPgStore::unreachableServerIsNamed()
{
    // A port nothing listens on.
    QString error;
    const QString url = QStringLiteral("postgresql://entente_writer@127.0.0.1:1/entente?connect_timeout=5");
    QVERIFY(!PgStore::connect(url, &error));
    QVERIFY2(error.contains(QLatin1String("127.0.0.1:1")) && error.contains(QLatin1String("cannot connect")),
        qPrintable(error));
    const ImportSummary s = Importer(url).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(!s.ok());
    // A command that reads store files only is told what the URL is, and makes no file of it.
    QTemporaryDir dir;
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    Store file;
    const bool opened = file.open(
        QStringLiteral("postgresql://someone:secret@127.0.0.1:1/db"), Store::OpenMode::CreateIfMissing, &error);
    QVERIFY(QDir::setCurrent(before));
    QVERIFY(!opened);
    QVERIFY2(error.contains(QLatin1String("PostgreSQL server")) && !error.contains(QLatin1String("secret")),
        qPrintable(error));
    QVERIFY(QDir(dir.path()).isEmpty());
    QCOMPARE(s.totals.imported, 0);
    QVERIFY2(!s.fatalError.contains(u'\n'), qPrintable(s.fatalError));
}

void TestPgStore::serverKilledDuringAnIngestLosesAndDoublesNothing()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    QVERIFY(QDir().mkpath(in));
    const QStringList countries { QStringLiteral("France"), QStringLiteral("Germany"), QStringLiteral("Japan"),
        QStringLiteral("India"), QStringLiteral("Brazil"), QStringLiteral("Kenya") };
    constexpr int files = 40;
    for (int i = 0; i < files; ++i) {
        QFile f(in + QStringLiteral("/%1.txt").arg(i, 3, 10, QLatin1Char('0')));
        QVERIFY(f.open(QIODevice::WriteOnly));
        const QString a = countries[i % countries.size()], b = countries[(i + 1 + i / 6) % countries.size()];
        f.write(QStringLiteral("Talks number %1\n\n%2 and %3 signed a trade agreement in talks number %1. %2 "
                               "later criticised %3 over tariffs.\n")
                    .arg(i)
                    .arg(a, b)
                    .toUtf8());
    }
    // What an uninterrupted import stores.
    Database clean;
    QVERIFY2(clean.error().isEmpty(), qPrintable(clean.error()));
    const ImportSummary whole = Importer(clean.url("writer")).run({ in });
    QVERIFY2(whole.ok(), qPrintable(whole.fatalError));
    QCOMPARE(whole.totals.imported, files);

    // The same import, a transaction an article, with the server stopped as by a power cut after the tenth.
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    const QString cluster = QStringLiteral(ENTENTE_SOURCE_DIR "/tests/postgres/cluster.sh");
    ImportOptions options;
    options.batchBytes = 1;
    options.deferIndexes = true; // a bulk load: its indexes and foreign keys are set aside when the cut comes
    options.progressMillis = 0;
    options.threads = 1;
    bool crashed = false;
    const ImportSummary cut = Importer(db.url("writer"), options).run({ in }, [&](const ImportProgress &p) {
        if (!crashed && p.imported >= 10) {
            crashed = true;
            QProcess::execute(
                QStringLiteral("bash"), { cluster, QStringLiteral("crash"), QStringLiteral(ENTENTE_PG_STATE) });
        }
    });
    QVERIFY(crashed);
    QVERIFY(!cut.ok());
    QVERIFY2(!cut.fatalError.contains(u'\n'), qPrintable(cut.fatalError));
    QVERIFY(cut.totals.imported >= 10);
    QVERIFY(cut.totals.imported < files);

    // Back up; what was committed is there, and the rerun does what is left.
    QCOMPARE(QProcess::execute(QStringLiteral("bash"),
                 { cluster, QStringLiteral("start"), QStringLiteral(ENTENTE_PG_STATE), stateFile("port") }),
        0);
    QString error;
    {
        const std::unique_ptr<PgStore> after = PgStore::connect(db.url("writer"), &error);
        QVERIFY2(after, qPrintable(error));
        QCOMPARE(after->stats().articles, cut.totals.imported);
    }
    {
        const std::unique_ptr<PgStore> after = PgStore::connect(db.url("writer"), &error);
        QVERIFY2(after, qPrintable(error));
        QVERIFY(after->deferredIndexCount() >= 6);
        // Every committed article whole, even with the bulk load's foreign keys off.
        QCOMPARE(after->checkConsistency(&error), QStringList());
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    const ImportSummary rest = Importer(db.url("writer")).run({ in });
    QVERIFY2(rest.ok(), qPrintable(rest.fatalError));
    QCOMPARE(rest.totals.imported + cut.totals.imported, files);
    QCOMPARE(rest.totals.duplicates, cut.totals.imported);

    // Nothing lost, nothing doubled: the counts of the uninterrupted import, every content once.
    const std::unique_ptr<PgStore> a = PgStore::connect(db.url("writer"), &error);
    const std::unique_ptr<PgStore> b = PgStore::connect(clean.url("writer"), &error);
    QVERIFY2(a && b, qPrintable(error));
    const StoreStats x = a->stats(), y = b->stats();
    QCOMPARE(x.articles, y.articles);
    QCOMPARE(x.mentions, y.mentions);
    QCOMPARE(x.relations, y.relations);
    QCOMPARE(x.dates, y.dates);
    QCOMPARE(x.entities, y.entities);
    QVERIFY(y.relations >= files);
    // The bulk load's indexes and foreign keys, set aside before the cut, are all back.
    QCOMPARE(a->deferredIndexCount(), 0);
    const QByteArray schema = "SELECT (SELECT count(*) FROM pg_indexes WHERE schemaname = 'public'),"
                              " (SELECT count(*) FROM pg_constraint WHERE contype = 'f')";
    QCOMPARE(serverRows(db.url("writer"), schema), serverRows(clean.url("writer"), schema));
    QVERIFY(serverRows(db.url("writer"), schema).first().split(u' ').last().toInt() >= 6);
    QCOMPARE(serverRows(db.url("writer"), "SELECT count(DISTINCT hash) FROM articles"),
        QStringList { QString::number(files) });
    QCOMPARE(serverRows(db.url("writer"),
                 "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id"
                 " WHERE a.id IS NULL"),
        QStringList { QStringLiteral("0") });
}

void TestPgStore::readersSeeWholeArticlesWhileAnImportRuns()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    QVERIFY(QDir().mkpath(in));
    const QStringList countries { QStringLiteral("Chile"), QStringLiteral("Peru"), QStringLiteral("Ghana"),
        QStringLiteral("Norway"), QStringLiteral("Egypt") };
    constexpr int files = 60;
    for (int i = 0; i < files; ++i) {
        QFile f(in + QStringLiteral("/%1.txt").arg(i, 3, 10, QLatin1Char('0')));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QStringLiteral("Visit %1\n\n%2 hosted %3 for talks on day %1. %3 thanked %2 and signed an accord.\n")
                    .arg(i)
                    .arg(countries[i % 5], countries[(i + 2) % 5])
                    .toUtf8());
    }
    // A reader on its own connection asks again and again, while the writer copies its batches in, for articles
    // whose stored counts do not match their rows: an article seen without all its mentions or relations.
    const QString reader = db.url("writer");
    const QByteArray torn = "SELECT count(*) FROM articles a WHERE a.mention_count <>"
                            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id) OR a.relation_count <>"
                            " (SELECT count(*) FROM relations r WHERE r.article_id = a.id)";
    std::atomic<bool> stop = false;
    std::atomic<int> looks = 0;
    QStringList seen;
    std::thread poller([&] {
        PGconn *c = PQconnectdb(reader.toUtf8().constData());
        while (!stop.load()) {
            PGresult *r = PQexec(c, torn.constData());
            if (PQresultStatus(r) == PGRES_TUPLES_OK) {
                ++looks;
                if (QByteArray(PQgetvalue(r, 0, 0)) != "0")
                    seen << QString::fromUtf8(PQgetvalue(r, 0, 0));
            }
            PQclear(r);
        }
        PQfinish(c);
    });
    ImportOptions options;
    options.batchBytes = 1500; // a few articles a batch, many batches
    options.threads = 1;
    const ImportSummary s = Importer(db.url("writer"), options).run({ in });
    stop = true;
    poller.join();
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QCOMPARE(s.totals.imported, files);
    QVERIFY(looks.load() > 0);
    QVERIFY2(seen.isEmpty(), qPrintable(seen.join(u'|')));
    QCOMPARE(serverRows(reader, torn), QStringList { QStringLiteral("0") });
}

void TestPgStore::annotationsMadeElsewhereLoadIntoTheServer()
{
    // The distributed path: `entente annotate --articles` in another process, its lines loaded into the server
    // without extracting again, give what a direct import into a store file gives.
    QTemporaryDir dir;
    const QString lines = dir.filePath(QStringLiteral("parts.jsonl"));
    QProcess annotate;
    annotate.setStandardOutputFile(lines);
    annotate.start(QStringLiteral(ENTENTE_BINARY),
        { QStringLiteral("annotate"), QStringLiteral("--articles"), QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(annotate.waitForFinished(120000));
    QCOMPARE(annotate.exitCode(), 0);

    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    ImportOptions precomputed;
    precomputed.precomputed = true;
    const ImportSummary loaded = Importer(db.url("writer"), precomputed).run({ lines });
    QVERIFY2(loaded.ok(), qPrintable(loaded.fatalError));
    const QString file = dir.filePath(QStringLiteral("direct.entente"));
    const ImportSummary direct = Importer(file).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(direct.ok(), qPrintable(direct.fatalError));
    QCOMPARE(loaded.totals.imported, direct.totals.imported);

    QString error;
    const std::unique_ptr<PgStore> server = PgStore::connect(db.url("reader"), &error, true);
    QVERIFY2(server, qPrintable(error));
    Store st;
    QVERIFY(st.open(file, Store::OpenMode::ReadOnly));
    for (const Exporter::What what : { Exporter::What::Articles, Exporter::What::Entities, Exporter::What::Mentions,
             Exporter::What::Relations, Exporter::What::Dates }) {
        QBuffer fromFile, fromServer;
        QVERIFY(fromFile.open(QIODevice::WriteOnly) && fromServer.open(QIODevice::WriteOnly));
        QVERIFY(Exporter::write(st, what, Exporter::Format::JsonLines, &fromFile, &error) > 0);
        QVERIFY2(
            Exporter::write(*server, what, Exporter::Format::JsonLines, &fromServer, &error) > 0, qPrintable(error));
        QCOMPARE(fromServer.data(), fromFile.data());
    }
}

QTEST_GUILESS_MAIN(TestPgStore)
#include "tst_pgstore.moc"
