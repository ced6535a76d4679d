// The store on a PostgreSQL server (PgStore), against a real server: the throwaway cluster that ctest starts
// before this test (tests/postgres/cluster.sh, the `postgres` fixture). A server that cannot be reached fails the
// test; it is never skipped.
#include "editlog.h"
#include "exporter.h"
#include "importer.h"
#include "pgstore.h"
#include "pgtestdatabase.h"
#include "sqldialect.h"
#include "store.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QSqlQuery>
#include <QSqlRecord>
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

// What edits rewrite, on a store file or a server (its URL), as sorted lines that the two can be compared by:
// every relation, every mention with its entity's kind and key, the ranked countries, the entities and the articles'
// counts. Ids of articles are the same in both (file order); those of entities and rows are not compared.
QStringList derivedRows(const QString &location)
{
    Store s;
    if (isServerStore(location) ? !s.openServer(location) : !s.open(location, Store::OpenMode::ReadOnly))
        return { QStringLiteral("cannot open %1").arg(location) };
    const QString end = sql::column(sql::dialectOf(s.database()), "end");
    const QStringList queries {
        QStringLiteral("SELECT 'relation', article_id, sentence, start, %1, a, b, directed, tone, goldstein, implicit,"
                       " year FROM relations")
            .arg(end),
        QStringLiteral("SELECT 'mention', m.article_id, m.start, m.%1, m.text, m.method, e.kind, e.key FROM mentions m"
                       " JOIN entities e ON e.id = m.entity_id")
            .arg(end),
        QStringLiteral("SELECT 'country', article_id, rank, country, about FROM article_countries"),
        QStringLiteral("SELECT 'entity', kind, key, name, country FROM entities"),
        QStringLiteral("SELECT 'article', id, mention_count, relation_count FROM articles"),
    };
    // Articles by their place in id order: a server takes ids a block at a time, so that a second import's articles
    // have other ids there than in a file.
    QHash<QString, QString> articleAt;
    QSqlQuery ids(s.database());
    if (!ids.exec(QStringLiteral("SELECT id FROM articles ORDER BY id")))
        return { QStringLiteral("cannot read the articles") };
    while (ids.next())
        articleAt.insert(ids.value(0).toString(), QString::number(articleAt.size() + 1));
    QStringList out;
    for (const QString &sql : queries) {
        QSqlQuery q(s.database());
        if (!q.exec(sql))
            return { QStringLiteral("cannot read: %1").arg(sql) };
        const bool byArticle = !sql.startsWith(QLatin1String("SELECT 'entity'"));
        while (q.next()) {
            QStringList cells;
            for (int i = 0; i < q.record().count(); ++i) {
                if (i == 1 && byArticle) {
                    cells << articleAt.value(q.value(i).toString(), QStringLiteral("?"));
                    continue;
                }
                const QVariant v = q.value(i);
                // A NULL as such: Qt 6 reads a typed NULL as its type's zero.
                cells << (v.isNull()                      ? QStringLiteral("NULL")
                        : v.typeId() == QMetaType::Double ? QString::number(v.toDouble(), 'g', 12)
                                                          : v.toString());
            }
            out << cells.join(u'|');
        }
    }
    out.sort();
    return out;
}

// A relation of the store file at `path` as an edit names it: article id, start, end, a, b.
struct RelationAt
{
    qint64 article = 0;
    qint64 start = 0;
    qint64 end = 0;
    QString a, b;
    QString tone;
    int sentence = 0;
};

QList<RelationAt> relationsOf(const QString &path)
{
    Store s;
    QList<RelationAt> out;
    if (!s.open(path, Store::OpenMode::ReadOnly))
        return out;
    QSqlQuery q(s.database());
    q.exec(QStringLiteral("SELECT article_id, start, end, a, b, tone, sentence FROM relations ORDER BY id"));
    while (q.next())
        out.append({ q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toString(),
            q.value(4).toString(), q.value(5).toString(), q.value(6).toInt() });
    return out;
}

// Adds `edits` to the store at `location` (a file, or a server as the role of its URL), in order; the error of the
// first that fails.
QString addEdits(const QString &location, QList<Edit> *edits)
{
    Store store;
    QString error;
    if (!store.openForEdits(location, &error))
        return error;
    EditLog log(&store);
    for (Edit &e : *edits)
        if (!log.add(&e, &error))
            return QStringLiteral("%1: %2").arg(e.description(), error);
    return {};
}

// Undoes the edits (newest first) at `location`.
QString undoEdits(const QString &location, const QList<Edit> &edits)
{
    Store store;
    QString error;
    if (!store.openForEdits(location, &error))
        return error;
    EditLog log(&store);
    for (auto it = edits.crbegin(); it != edits.crend(); ++it)
        if (!log.undo(it->id, &error))
            return error;
    return {};
}

// One more article, alone in `dir`: India and Brazil, and Brazil by words no extraction takes for it.
bool writeTradeArticle(const QTemporaryDir &dir)
{
    QFile more(dir.filePath(QStringLiteral("trade.txt")));
    return more.open(QIODevice::WriteOnly)
        && more.write("Trade talks\n\nIndia and Brazil signed a trade agreement on ports in 2021. India later "
                      "criticised Brazil over tariffs. The southern neighbour welcomed the investment.\n")
        > 0;
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
    void editsOnTheServerAsOnAStoreFile();
    void readerMayCorrectButNotIngest();
    void importAfterAnEditKeepsIt();
    void olderServerStoreIsUpgradedForEdits();
    void editWaitsForAnOpenBatch();
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

void TestPgStore::editsOnTheServerAsOnAStoreFile()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.entente"));
    QVERIFY(Importer(file).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
    const ImportSummary s = Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    const QString server = db.url("reader"); // a reader's role corrects
    const QStringList before = derivedRows(file);
    QVERIFY(before.size() > 100);
    QCOMPARE(derivedRows(server), before);

    // Every kind of edit, each on rows the samples have.
    const QList<RelationAt> rel = relationsOf(file);
    QVERIFY(rel.size() > 10);
    const RelationAt &r0 = rel[0];
    const auto notConflict
        = std::find_if(rel.cbegin() + 1, rel.cend(), [](const RelationAt &r) { return r.tone != u"conflict"; });
    QVERIFY(notConflict != rel.cend());
    const RelationAt &r2 = rel[rel.size() / 2];
    const RelationAt &r3 = rel[rel.size() - 1];
    QList<Edit> edits {
        Edit::rejectRelation(r0.article, r0.start, r0.end, r0.a, r0.b),
        Edit::changeRelationTone(notConflict->article, notConflict->start, notConflict->end, notConflict->a,
            notConflict->b, QStringLiteral("conflict")),
        Edit::changeRelationDirection(r2.article, r2.start, r2.end, r2.a, r2.b, QStringLiteral("b-a")),
        Edit::addRelation(r3.article, r3.sentence, r3.start, r3.end, QStringLiteral("NOR"), QStringLiteral("SWE"), true,
            QStringLiteral("cooperation")),
        Edit::mergeEntityInYears(QStringLiteral("country"), QStringLiteral("KAZ"), QStringLiteral("RUS"), 2023, 2023),
        Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("IND"), QStringLiteral("JPN")),
        Edit::renameEntity(QStringLiteral("country"), QStringLiteral("CHN"), QStringLiteral("The Middle Kingdom")),
        Edit::addAlias(QStringLiteral("country"), QStringLiteral("CHN"), QStringLiteral("Beijing")),
        Edit::changeEntityKind(QStringLiteral("country"), QStringLiteral("USA"), QStringLiteral("organization")),
    };
    QList<Edit> onFile = edits, onServer = edits;
    QString error = addEdits(file, &onFile);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = addEdits(server, &onServer);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    // The same rows rewritten in the same way: relations and their counts, mentions, entities, ranked countries.
    const QStringList edited = derivedRows(file);
    QVERIFY(edited != before);
    QCOMPARE(derivedRows(server), edited);
    for (const QString &line : edited)
        QVERIFY2(!(line.startsWith(QLatin1String("relation|")) && line.contains(QLatin1String("|IND|")))
                && !line.endsWith(QLatin1String("|country|IND")),
            qPrintable(line));
    // Beijing, wherever it stands, is China now.
    const QStringList beijing = edited.filter(QRegularExpression(QStringLiteral("^mention\\|.*\\|Beijing\\|")));
    QVERIFY(!beijing.isEmpty());
    for (const QString &line : beijing)
        QVERIFY2(line.endsWith(QLatin1String("|country|CHN")), qPrintable(line));
    // The same list of edits, and the server's generation counts each.
    Store st;
    QVERIFY2(st.openServer(server, &error), qPrintable(error));
    QCOMPARE(EditLog(&st).exportEdits().size(), [&file] {
        Store f;
        f.open(file, Store::OpenMode::ReadOnly);
        return EditLog(&f).exportEdits().size();
    }());
    QSqlQuery generation(st.database());
    QVERIFY(generation.exec(QStringLiteral("SELECT generation FROM edit_generation")) && generation.next());
    QCOMPARE(generation.value(0).toLongLong(), edits.size());

    // Undo puts back exactly what was there, on both.
    error = undoEdits(server, onServer);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(derivedRows(server), before);
    error = undoEdits(file, onFile);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(derivedRows(file), before);
    // ... and redo applies them again.
    {
        Store store;
        QVERIFY2(store.openForEdits(server, &error), qPrintable(error));
        EditLog log(&store);
        for (const Edit &e : std::as_const(onServer))
            QVERIFY2(log.redo(e.id, &error), qPrintable(error));
        QCOMPARE(log.edits().size(), edits.size());
    }
    QCOMPARE(derivedRows(server), edited);
}

void TestPgStore::readerMayCorrectButNotIngest()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QVERIFY(Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
    QString error;
    QList<Edit> merge { Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("IND"), QStringLiteral("JPN")) };
    error = addEdits(db.url("reader"), &merge);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(merge.first().id > 0);
    QCOMPARE(serverRows(db.url("reader"), "SELECT count(*) FROM relations WHERE 'IND' IN (a, b)"),
        QStringList { QStringLiteral("0") });
    // Still no import, and no article written or deleted by hand: the edits' rights reach the derived rows only.
    QTemporaryDir dir;
    QVERIFY(writeTradeArticle(dir));
    const ImportSummary r = Importer(db.url("reader")).run({ dir.path() });
    QVERIFY(!r.ok());
    QVERIFY2(r.fatalError.contains(QLatin1String("entente_writer")), qPrintable(r.fatalError));
    for (const QByteArray &sql : { QByteArray("INSERT INTO articles(id, text, hash, imported_at, chars)"
                                              " VALUES (99, 'x', '\\x01', 'now', 1)"),
             QByteArray("DELETE FROM articles"), QByteArray("UPDATE articles SET text = 'x'"),
             QByteArray("DELETE FROM sentence_spans"), QByteArray("DELETE FROM dates") }) {
        const QString refused = pgtest::exec(db.url("reader"), sql);
        QVERIFY2(refused.contains(QLatin1String("permission denied")), sql.constData());
    }
    Store store;
    QVERIFY(store.openServer(db.url("reader")));
    QVERIFY(!store.canWrite());
    // Undone by the reader too.
    error = undoEdits(db.url("reader"), merge);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(serverRows(db.url("reader"), "SELECT count(*) > 0 FROM relations WHERE 'IND' IN (a, b)")
        == QStringList { QStringLiteral("t") });
}

void TestPgStore::importAfterAnEditKeepsIt()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("s.entente"));
    QVERIFY(Importer(file).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
    QVERIFY(Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
    // A reader's corrections, before a colleague imports an article that they concern.
    const QList<Edit> edits { Edit::mergeEntity(
                                  QStringLiteral("country"), QStringLiteral("IND"), QStringLiteral("JPN")),
        Edit::addAlias(QStringLiteral("country"), QStringLiteral("BRA"), QStringLiteral("southern neighbour")) };
    QList<Edit> onFile = edits, onServer = edits;
    QString error = addEdits(file, &onFile);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = addEdits(db.url("reader"), &onServer);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QTemporaryDir more;
    QVERIFY(writeTradeArticle(more));
    const ImportSummary f = Importer(file).run({ more.path() });
    QVERIFY2(f.ok() && f.totals.imported == 1, qPrintable(f.fatalError));
    const ImportSummary s = Importer(db.url("writer")).run({ more.path() });
    QVERIFY2(s.ok() && s.totals.imported == 1, qPrintable(s.fatalError));

    // The new article's India is Japan, and "southern neighbour" a mention of Brazil, as on the store file.
    const QByteArray newest = "(SELECT max(id) FROM articles)";
    QCOMPARE(serverRows(db.url("reader"),
                 "SELECT count(*) FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = " + newest
                     + " AND e.key = 'IND'"),
        QStringList { QStringLiteral("0") });
    QCOMPARE(serverRows(db.url("reader"),
                 "SELECT count(*) > 0 FROM relations WHERE article_id = " + newest + " AND 'JPN' IN (a, b)"),
        QStringList { QStringLiteral("t") });
    QCOMPARE(serverRows(db.url("reader"),
                 "SELECT e.key, m.method FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.article_id = "
                     + newest + " AND m.text = 'southern neighbour'"),
        QStringList { QStringLiteral("BRA alias") });
    QCOMPARE(derivedRows(db.url("reader")), derivedRows(file));
    // Undo takes the edit back from the new article's rows too.
    error = undoEdits(db.url("reader"), onServer);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = undoEdits(file, onFile);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(derivedRows(db.url("reader")), derivedRows(file));
    QCOMPARE(serverRows(db.url("reader"),
                 "SELECT count(*) > 0 FROM relations WHERE article_id = " + newest + " AND 'IND' IN (a, b)"),
        QStringList { QStringLiteral("t") });
}

void TestPgStore::olderServerStoreIsUpgradedForEdits()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QVERIFY(Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
    // The store as schema 2 left it: no edit tables, and a reader's rights to read and add edits only.
    const QString downgraded = pgtest::exec(db.url("writer"),
        "BEGIN; DROP TABLE edit_undo, edit_generation; DELETE FROM schema_version WHERE version = 3;"
        " REVOKE ALL ON mentions, relations, entities, article_countries, articles FROM entente_reader;"
        " GRANT SELECT ON mentions, relations, entities, article_countries, articles TO entente_reader; COMMIT");
    QVERIFY2(downgraded.isEmpty(), qPrintable(downgraded));

    // A reader still reads it (the window's stamp, with no edit generation) ...
    Store reading;
    QString error;
    QVERIFY2(reading.openServer(db.url("reader"), &error), qPrintable(error));
    QCOMPARE(reading.editCount(), 0);
    reading.close();
    // ... but cannot correct it before a writer upgraded it, and is told so.
    QList<Edit> merge { Edit::mergeEntity(QStringLiteral("country"), QStringLiteral("IND"), QStringLiteral("JPN")) };
    error = addEdits(db.url("reader"), &merge);
    QVERIFY2(error.contains(QLatin1String("entente_writer")) && error.contains(QLatin1String("schema 2")),
        qPrintable(error));
    // The writer's next connection upgrades it; then the reader corrects.
    const std::unique_ptr<PgStore> writer = PgStore::connect(db.url("writer"), &error);
    QVERIFY2(writer, qPrintable(error));
    QCOMPARE(writer->schemaVersion(), 3);
    error = addEdits(db.url("reader"), &merge);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(serverRows(db.url("reader"), "SELECT count(*) FROM relations WHERE 'IND' IN (a, b)"),
        QStringList { QStringLiteral("0") });
}

void TestPgStore::editWaitsForAnOpenBatch()
{
    Database db;
    QVERIFY2(db.error().isEmpty(), qPrintable(db.error()));
    QVERIFY(Importer(db.url("writer")).run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).ok());
    // A batch open on the writer's connection, as PgStore::beginBatch() leaves it: an edit made meanwhile would not
    // see the batch's rows, nor the batch the edit. The edit waits for the batch to end.
    PGconn *batch = PQconnectdb(db.url("writer").toUtf8().constData());
    QCOMPARE(PQstatus(batch), CONNECTION_OK);
    const auto run = [batch](const QByteArray &sql) {
        PGresult *r = PQexec(batch, sql.constData());
        const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
        PQclear(r);
        return ok;
    };
    QVERIFY(run("BEGIN") && run(sql::lockEdits(sql::Dialect::PostgreSQL, false).toUtf8()));
    std::atomic<bool> done = false;
    QString error;
    std::thread editor([&] {
        QList<Edit> merge { Edit::mergeEntity(
            QStringLiteral("country"), QStringLiteral("IND"), QStringLiteral("JPN")) };
        error = addEdits(db.url("reader"), &merge);
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    const bool waited = !done;
    QVERIFY(run("COMMIT"));
    editor.join();
    PQfinish(batch);
    QVERIFY(waited);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(serverRows(db.url("reader"), "SELECT count(*) FROM relations WHERE 'IND' IN (a, b)"),
        QStringList { QStringLiteral("0") });
}

QTEST_GUILESS_MAIN(TestPgStore)
#include "tst_pgstore.moc"
