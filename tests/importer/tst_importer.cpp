#include "filereader.h"
#include "importer.h"
#include "importreportmodel.h"
#include "store.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>

using namespace entente;

namespace {

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

QStringList messagesOf(const ImportSummary &s)
{
    QStringList out;
    for (const ImportMessage &m : s.messages)
        out << m.toString();
    return out;
}

bool anyContains(const QStringList &lines, const QString &a, const QString &b)
{
    for (const QString &l : lines)
        if (l.contains(a) && l.contains(b))
            return true;
    return false;
}

} // namespace

class TestImporter : public QObject
{
    Q_OBJECT

private slots:
    void importsSampleFolderWithExtraction();
    void mixedFolderWithBadInput();
    void secondImportAddsOnlyWhatIsNew();
    void missingPathAndStoreInReadOnlyPlace();
    void diskFullKeepsWhatWasCommitted();
    void cancelKeepsCommitted();
    void readAheadBoundInBytesKeepsFileOrder_data();
    void readAheadBoundInBytesKeepsFileOrder();
    void bulkLoadBuildsIndexesAtTheEnd();
    void indexesLeftAsideAreBuiltByTheNextImport();
};

void TestImporter::importsSampleFolderWithExtraction()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    Importer importer(store);
    QList<ImportProgress> seen;
    const ImportSummary s
        = importer.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }, [&](const ImportProgress &p) { seen << p; });
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QCOMPARE(s.totals.imported, 5);
    QCOMPARE(s.totals.filesDone, 5);
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.last().filesDone, 5);
    QVERIFY(seen.last().bytesDone > 20000);

    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    QSqlQuery q(st.database());
    // Every article is complete: text, index row and its sentences.
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM articles a WHERE a.sentence_count = (SELECT "
                                  "json_array_length(s.spans) FROM sentence_spans s WHERE s.article_id = a.id) AND "
                                  "a.sentence_count > 0")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 5);
    QVERIFY(q.exec(QStringLiteral("SELECT published, published_source FROM articles WHERE file LIKE '%002_%'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("2023-05-11"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("dateline"));
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '\"Central Asia\"'")));
    QVERIFY(q.next());
    QVERIFY(q.value(0).toInt() >= 2);
}

void TestImporter::mixedFolderWithBadInput()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    write(in + QStringLiteral("/good.txt"), "Moscow talks\n\nRussia and China held talks in Moscow on trade.\n");
    write(in + QStringLiteral("/empty.txt"), "");
    write(in + QStringLiteral("/photo.txt"), QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16) + QByteArray(200, '\0'));
    write(in + QStringLiteral("/latin.txt"), "Caf\xe9 diplomacy\n\nFrance and Spain signed an accord.\n");
    write(in + QStringLiteral("/feed.jsonl"),
        "{\"title\": \"One\", \"text\": \"Japan and India agreed.\", \"date\": \"2021-03-04\"}\n"
        "{\"title\": \"Two\", \"text\": \"broken\n"
        "{\"title\": \"Three\", \"text\": \"Brazil hosted Argentina.\"}\n");
    write(in + QStringLiteral("/table.csv"),
        "title,text,date\n\"A\",\"Line one\nline two about Kenya\",2020-01-01\n\"B\",\"Short\"\n");
    write(in + QStringLiteral("/.hidden.txt"), "secret");
    write(in + QStringLiteral("/sub/deeper.html"),
        "<html><head><title>Deep</title></head><body><article><p>Germany and Poland met.</p></article></body></html>");

    const QString store = dir.filePath(QStringLiteral("s.entente"));
    Importer importer(store);
    const ImportSummary s = importer.run({ in });
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    const QStringList lines = messagesOf(s);
    for (const QString &l : lines)
        QVERIFY2(!l.contains(u'\n'), qPrintable(l)); // one line each
    QVERIFY2(anyContains(lines, QStringLiteral("empty.txt"), QStringLiteral("empty")), qPrintable(lines.join(u'|')));
    QVERIFY2(anyContains(lines, QStringLiteral("photo.txt"), QStringLiteral("PNG")), qPrintable(lines.join(u'|')));
    QVERIFY2(anyContains(lines, QStringLiteral("latin.txt"), QStringLiteral("1252")), qPrintable(lines.join(u'|')));
    QVERIFY2(anyContains(lines, QStringLiteral("feed.jsonl:2"), QStringLiteral("JSON")), qPrintable(lines.join(u'|')));
    QVERIFY2(anyContains(lines, QStringLiteral(".hidden.txt"), QStringLiteral("hidden")), qPrintable(lines.join(u'|')));
    // good, latin, two JSON lines, two CSV rows (the short one still has text), the HTML page.
    QCOMPARE(s.totals.imported, 7);
    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    QCOMPARE(st.stats().articles, 7);

    // The window's report of it: a model checked from its first call, skipped files before warnings, one row a
    // message; a second import's report replaces the first.
    ImportReportModel report;
    QAbstractItemModelTester tester(&report, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(report.rowCount(), 0);
    report.setSummary(s);
    QCOMPARE(report.rowCount(), s.messages.size());
    bool warnings = false;
    for (int r = 0; r < report.rowCount(); ++r) {
        const bool skipped = report.index(r, 0).data(ImportReportModel::SkippedRole).toBool();
        QVERIFY2(!(skipped && warnings), "a skipped file after a warning");
        warnings = warnings || !skipped;
    }
    QVERIFY(warnings);
    QVERIFY(report.headline().contains(QLatin1String("7")));
    report.setSummary({});
    QCOMPARE(report.rowCount(), 0);
}

void TestImporter::secondImportAddsOnlyWhatIsNew()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    {
        Importer importer(store);
        QCOMPARE(importer.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).totals.imported, 5);
    }
    const QString extra = dir.filePath(QStringLiteral("extra"));
    QDir().mkpath(extra);
    for (const QString &name : QDir(QStringLiteral(ENTENTE_SAMPLES_DIR)).entryList(QDir::Files))
        QVERIFY(QFile::copy(QStringLiteral(ENTENTE_SAMPLES_DIR "/") + name, extra + u'/' + name));
    write(extra + QStringLiteral("/new.txt"), "New one\n\nChina and India discussed the border.\n");
    Importer again(store);
    const ImportSummary s = again.run({ extra });
    QCOMPARE(s.totals.imported, 1);
    QCOMPARE(s.totals.duplicates, 5);
    QCOMPARE(s.storedBefore, 5);
    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    QCOMPARE(st.stats().articles, 6);
}

void TestImporter::missingPathAndStoreInReadOnlyPlace()
{
    QTemporaryDir dir;
    Importer importer(dir.filePath(QStringLiteral("s.entente")));
    const QString missing = dir.filePath(QStringLiteral("no/such/folder"));
    const ImportSummary s = importer.run({ missing, QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(s.ok());
    QCOMPARE(s.totals.imported, 5);
    QVERIFY(anyContains(messagesOf(s), missing, QStringLiteral("no such")));

    // /proc refuses new files even to root.
    Importer nowhere(QStringLiteral("/proc/entente-test.entente"));
    const ImportSummary bad = nowhere.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY(!bad.ok());
    QVERIFY2(bad.fatalError.contains(QLatin1String("/proc/entente-test.entente")), qPrintable(bad.fatalError));
}

void TestImporter::diskFullKeepsWhatWasCommitted()
{
    QTemporaryDir dir;
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    {
        Importer importer(store);
        QCOMPARE(importer.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) }).totals.imported, 5);
    }
    qint64 pages = 0;
    {
        Store st;
        QVERIFY(st.open(store));
        QSqlQuery q(st.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        pages = q.value(0).toLongLong();
    }
    const QString big = dir.filePath(QStringLiteral("big"));
    for (int i = 0; i < 40; ++i)
        write(big + QStringLiteral("/a%1.txt").arg(i),
            QStringLiteral("Report %1\n\nChina and Russia met again. ").arg(i).toUtf8() + QByteArray(30000, 'w'));
    ImportOptions options;
    options.maxPageCount = pages + 8;
    options.batchBytes = 1; // commit after every file, so some land before the disk fills
    Importer importer(store, options);
    const ImportSummary s = importer.run({ big });
    QVERIFY(!s.ok());
    QVERIFY2(s.fatalError.contains(QLatin1String("disk is full")), qPrintable(s.fatalError));
    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    const qint64 stored = st.stats().articles;
    QVERIFY(stored >= 5);
    QCOMPARE(stored, 5 + s.totals.imported);
    QSqlQuery q(st.database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA integrity_check")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("ok"));
}

void TestImporter::cancelKeepsCommitted()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("many"));
    for (int i = 0; i < 400; ++i)
        write(in + QStringLiteral("/f%1.txt").arg(i, 4, 10, QLatin1Char('0')),
            QStringLiteral("Item %1\n\nJapan and Korea talked about item %1.\n").arg(i).toUtf8());
    const QString store = dir.filePath(QStringLiteral("s.entente"));
    ImportOptions options;
    options.batchBytes = 1;
    options.progressMillis = 0;
    Importer importer(store, options);
    const ImportSummary s = importer.run({ in }, [&](const ImportProgress &p) {
        if (p.filesDone >= 50)
            importer.cancel();
    });
    QVERIFY(s.cancelled);
    QVERIFY(s.totals.imported >= 50);
    QVERIFY(s.totals.imported < 400);
    Store st;
    QVERIFY(st.open(store, Store::OpenMode::ReadOnly));
    QCOMPARE(st.stats().articles, s.totals.imported);
}

void TestImporter::readAheadBoundInBytesKeepsFileOrder_data()
{
    QTest::addColumn<qint64>("aheadBytes");
    QTest::newRow("one file at a time, each larger than the bound") << qint64(1);
    QTest::newRow("a few files ahead") << qint64(4000);
    QTest::newRow("the default bound") << ImportOptions().aheadBytes;
}

// Workers may run ahead of the writer only so many bytes: whatever the bound, even one smaller than every file,
// the import finishes, takes every article, and stores them in file order.
void TestImporter::readAheadBoundInBytesKeepsFileOrder()
{
    QFETCH(qint64, aheadBytes);
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    const QStringList countries { QStringLiteral("France"), QStringLiteral("Japan"), QStringLiteral("Kenya"),
        QStringLiteral("Chile"), QStringLiteral("Norway"), QStringLiteral("India") };
    int articles = 0;
    for (int file = 0; file < 12; ++file) {
        QByteArray lines;
        for (int record = 0; record <= file % 4 * 5; ++record, ++articles)
            lines += QStringLiteral("{\"title\": \"%1-%2\", \"text\": \"%3 and %4 signed a trade accord in %5, "
                                    "record %2 of file %1.\"}\n")
                         .arg(file)
                         .arg(record)
                         .arg(countries.at(file % 6), countries.at((file + record + 1) % 6))
                         .arg(2000 + record)
                         .toUtf8();
        write(in + QStringLiteral("/feed-%1.jsonl").arg(file, 2, 10, QChar(u'0')), lines);
    }
    ImportOptions options;
    options.threads = 2;
    options.aheadBytes = aheadBytes;
    const QString path = dir.filePath(QStringLiteral("s.entente"));
    Importer importer(path, options);
    const ImportSummary s = importer.run({ in });
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QCOMPARE(s.totals.imported, articles);

    Store store;
    QVERIFY(store.open(path, Store::OpenMode::ReadOnly));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT title FROM articles ORDER BY id")));
    QStringList titles;
    while (q.next())
        titles << q.value(0).toString();
    QCOMPARE(titles.size(), articles);
    QStringList expected;
    for (int file = 0; file < 12; ++file)
        for (int record = 0; record <= file % 4 * 5; ++record)
            expected << QStringLiteral("%1-%2").arg(file).arg(record);
    QCOMPARE(titles, expected);
}

namespace {

// Every row an import stores, table by table, in a form two stores can be compared by.
QStringList storedRows(const QString &path)
{
    Store st;
    if (!st.open(path, Store::OpenMode::ReadOnly))
        return { QStringLiteral("cannot open %1").arg(path) };
    QStringList out;
    QSqlQuery q(st.database());
    const QStringList queries {
        QStringLiteral("SELECT id, title, hash, published FROM articles ORDER BY id"),
        QStringLiteral("SELECT article_id, start, \"end\", text FROM mentions ORDER BY article_id, start, \"end\", id"),
        QStringLiteral("SELECT article_id, a, b, tone, directed FROM relations ORDER BY article_id, start, a, b, id"),
        QStringLiteral("SELECT article_id, rank, country, about FROM article_countries ORDER BY article_id, rank"),
        QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'talks' ORDER BY rowid"),
    };
    for (const QString &sql : queries) {
        if (!q.exec(sql))
            return { q.lastError().text() };
        while (q.next()) {
            QStringList row;
            for (int c = 0; c < q.record().count(); ++c)
                row << q.value(c).toString();
            out << row.join(u'|');
        }
    }
    return out;
}

QStringList indexNames(const QString &path)
{
    Store st;
    if (!st.open(path, Store::OpenMode::ReadOnly))
        return {};
    QSqlQuery q(st.database());
    QStringList out;
    if (q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")))
        while (q.next())
            out << q.value(0).toString();
    return out;
}

int countOf(const QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0).toInt() : -1;
}

int countOf(const QString &path, const QString &sql)
{
    Store st;
    if (!st.open(path, Store::OpenMode::ReadOnly))
        return -1;
    return countOf(st.database(), sql);
}

} // namespace

void TestImporter::bulkLoadBuildsIndexesAtTheEnd()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    write(in + QStringLiteral("/a.txt"), "Talks in Moscow\n\nRussia and China held talks in Moscow on trade.\n");
    write(in + QStringLiteral("/b.txt"), "Accord\n\nFrance and Spain signed an accord after talks in Madrid.\n");
    write(in + QStringLiteral("/c.txt"), "Sanctions\n\nThe United States imposed sanctions on Iran.\n");

    // The same files imported keeping the indexes up to date, and as a bulk load.
    const QString kept = dir.filePath(QStringLiteral("kept.entente"));
    const QString bulk = dir.filePath(QStringLiteral("bulk.entente"));
    const ImportSummary k = Importer(kept).run({ in, QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(k.ok(), qPrintable(k.fatalError));
    QVERIFY(!k.indexesDeferred);
    ImportOptions options;
    options.deferIndexes = true;
    options.batchBytes = 1; // a batch an article: rows go in through several transactions without the indexes
    const ImportSummary b = Importer(bulk, options).run({ in, QStringLiteral(ENTENTE_SAMPLES_DIR) });
    QVERIFY2(b.ok(), qPrintable(b.fatalError));
    QVERIFY(b.indexesDeferred);
    QCOMPARE(b.totals.imported, k.totals.imported);

    // The same rows, and every index back with none waiting.
    const QStringList rows = storedRows(kept);
    QVERIFY(rows.size() > 50);
    QCOMPARE(storedRows(bulk), rows);
    QCOMPARE(indexNames(bulk), indexNames(kept));
    QVERIFY(indexNames(bulk).contains(QStringLiteral("mentions_entity")));
    QCOMPARE(countOf(bulk, QStringLiteral("SELECT count(*) FROM deferred_indexes")), 0);

    // A second import into the now larger store is no bulk load: it keeps the indexes as it writes.
    write(in + QStringLiteral("/d.txt"), "Visit\n\nJapan and India agreed on a visit.\n");
    const ImportSummary again = Importer(bulk, options).run({ in + QStringLiteral("/d.txt") });
    QVERIFY2(again.ok(), qPrintable(again.fatalError));
    QCOMPARE(again.totals.imported, 1);
    QVERIFY(!again.indexesDeferred);
}

void TestImporter::indexesLeftAsideAreBuiltByTheNextImport()
{
    QTemporaryDir dir;
    const QString in = dir.filePath(QStringLiteral("in"));
    write(in + QStringLiteral("/a.txt"), "Talks in Moscow\n\nRussia and China held talks in Moscow on trade.\n");
    const QString path = dir.filePath(QStringLiteral("s.entente"));
    QVERIFY2(Importer(path).run({ in }).ok(), "first import");
    const QStringList indexes = indexNames(path);
    QVERIFY(indexes.contains(QStringLiteral("relations_a")));

    // A bulk load stopped before its end: the indexes are gone and the store says how to make them.
    {
        Store st;
        QVERIFY(st.open(path, Store::OpenMode::ExistingOnly));
        QString error;
        QVERIFY2(st.deferIndexes(&error), qPrintable(error));
        QVERIFY(st.deferredIndexCount() >= 9);
        // The bulk writer's connection checks no foreign keys, and the full-text index merges less often.
        QCOMPARE(countOf(st.database(), QStringLiteral("PRAGMA foreign_keys")), 0);
        QCOMPARE(countOf(st.database(), QStringLiteral("SELECT v FROM articles_fts_config WHERE k = 'automerge'")), 16);
    }
    QVERIFY(!indexNames(path).contains(QStringLiteral("relations_a")));
    // The unique hash stays: content is still stored once.
    QVERIFY(indexNames(path).contains(QStringLiteral("sqlite_autoindex_articles_1")));

    // The next import, even of nothing new and with the indexes kept, builds them.
    const ImportSummary s = Importer(path).run({ in });
    QVERIFY2(s.ok(), qPrintable(s.fatalError));
    QCOMPARE(s.totals.duplicates, 1);
    QVERIFY(s.indexesDeferred);
    QCOMPARE(indexNames(path), indexes);
    QCOMPARE(countOf(path, QStringLiteral("SELECT count(*) FROM deferred_indexes")), 0);
    QCOMPARE(countOf(path, QStringLiteral("SELECT v FROM articles_fts_config WHERE k = 'automerge'")), 4);
    // The connection that builds them again checks foreign keys again.
    {
        Store st;
        QVERIFY(st.open(path, Store::OpenMode::ExistingOnly));
        QString error;
        QVERIFY2(st.deferIndexes(&error), qPrintable(error));
        QVERIFY2(st.restoreIndexes(&error), qPrintable(error));
        QCOMPARE(countOf(st.database(), QStringLiteral("PRAGMA foreign_keys")), 1);
        QSqlQuery orphan(st.database());
        QVERIFY(!orphan.exec(QStringLiteral("INSERT INTO mentions(article_id, entity_id, start, end, text)"
                                            " VALUES (999999, 999999, 0, 1, 'x')")));
    }

    // A store with corrections is never bulk loaded: the corrections are applied to each batch through the
    // indexes.
    {
        Store st;
        QVERIFY(st.open(path, Store::OpenMode::ExistingOnly));
        QSqlQuery q(st.database());
        QVERIFY(q.exec(
            QStringLiteral("INSERT INTO edits(kind, args, made_at) VALUES ('rename-entity',"
                           " '{\"kind\": \"country\", \"key\": \"RUS\", \"name\": \"Rossiya\"}', '2026-01-01')")));
        QCOMPARE(st.editCount(), 1);
    }
    write(in + QStringLiteral("/b.txt"), "Accord\n\nFrance and Spain signed an accord.\n");
    write(in + QStringLiteral("/c.txt"), "Visit\n\nJapan and India agreed on a visit.\n");
    ImportOptions options;
    options.deferIndexes = true;
    const ImportSummary e = Importer(path, options).run({ in });
    QVERIFY2(e.ok(), qPrintable(e.fatalError));
    QCOMPARE(e.totals.imported, 2);
    QVERIFY(!e.indexesDeferred);
}

QTEST_GUILESS_MAIN(TestImporter)
#include "tst_importer.moc"
