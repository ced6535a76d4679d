#include "article.h"
#include "corpuscube.h"
#include "editlog.h"
#include "extractor.h"
#include "rowjson.h"
#include "schema.h"
#include "sqlitestatement.h"
#include "store.h"
#include "textoffsets.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <sys/stat.h>
#include <unistd.h>

using namespace entente;

namespace {

QByteArray fileDigest(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1);
}

ArticleRecord article(const QString &title, const QString &text)
{
    ArticleRecord r;
    r.title = title;
    r.text = text;
    r.source = QStringLiteral("Test Wire");
    r.file = QStringLiteral("/tmp/x.txt");
    r.language = QStringLiteral("en");
    r.published = { PartialDate { 2023, 5, 11, Precision::Day }, DateSource::Dateline, {} };
    return r;
}

Annotation annotationFor(const QString &text)
{
    Annotation a;
    a.sentences = { { 0, text.indexOf(u'.') + 1 } };
    const qsizetype china = text.indexOf(u"China");
    EntityMention m;
    m.span = { china, china + 5 };
    m.text = QStringLiteral("China");
    m.kind = EntityKind::Country;
    m.id = QStringLiteral("CHN");
    m.name = QStringLiteral("China");
    m.country = QStringLiteral("CHN");
    m.method = QStringLiteral("name");
    m.confidence = 0.9;
    a.entities << m;
    Relation r;
    r.sentence = 0;
    r.span = a.sentences[0];
    r.a = QStringLiteral("CHN");
    r.b = QStringLiteral("KAZ");
    r.directed = true;
    r.tone = QStringLiteral("cooperation");
    r.quad = 1;
    r.cameo = QStringLiteral("042");
    r.goldstein = 1.9;
    r.cues = { QStringLiteral("visited") };
    a.relations << r;
    a.countries = { CountrySalience { QStringLiteral("CHN"), 0.85, true },
        CountrySalience { QStringLiteral("KAZ"), 0.2, false } };
    return a;
}

// Runs `f` with the effective uid of `nobody` when we are root, so that file permissions bite.
template<typename F> void asUnprivileged(F f)
{
    const bool root = geteuid() == 0;
    if (root)
        QVERIFY(seteuid(65534) == 0);
    f();
    if (root)
        QVERIFY(seteuid(0) == 0);
}

// Stores `n` articles at `path` and closes the store, which folds its -wal into it and takes it away.
bool makeStore(const QString &path, int n)
{
    Store store;
    if (!store.open(path) || !store.beginBatch())
        return false;
    for (int i = 0; i < n; ++i) {
        const QString text = QStringLiteral("China signed article %1.").arg(i);
        if (store.insertArticle(article(QString::number(i), text), annotationFor(text))
            != Store::InsertResult::Inserted)
            return false;
    }
    return store.commitBatch();
}

bool setMode(const QString &path, mode_t mode)
{
    return ::chmod(QFile::encodeName(path).constData(), mode) == 0;
}

// Takes away what schemas 4 and 5 added (the edit tables, the note of deferred indexes), for a store made to look
// older.
bool dropEditTables(QSqlDatabase db)
{
    QSqlQuery q(db);
    return q.exec(QStringLiteral("DROP TABLE edit_undo")) && q.exec(QStringLiteral("DROP TABLE edits"))
        && q.exec(QStringLiteral("DROP TABLE edit_generation"))
        && q.exec(QStringLiteral("DROP TABLE deferred_indexes"));
}

// Turns a store's sentence_spans back into the sentences table of schemas 1 and 2 (its statement from
// migration 1, a row per sentence), drops the edit tables, and marks the store as of `version`.
bool unpackSentences(QSqlDatabase db, int version)
{
    QSqlQuery q(db);
    QString create;
    for (const QString &statement : migrationSteps(1))
        if (statement.startsWith(QLatin1String("CREATE TABLE sentences")))
            create = statement;
    return !create.isEmpty() && q.exec(create)
        && q.exec(QStringLiteral("INSERT INTO sentences(article_id, idx, start, end) SELECT s.article_id, j.key,"
                                 " json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]')"
                                 " FROM sentence_spans s, json_each(s.spans) j"))
        && q.exec(QStringLiteral("DROP TABLE sentence_spans")) && dropEditTables(db)
        && q.exec(QStringLiteral("DELETE FROM schema_version WHERE version > %1").arg(version))
        && q.exec(QStringLiteral("PRAGMA user_version=%1").arg(version));
}

// The sentences of `a` as the store keeps them: code point offsets.
QList<QPair<qsizetype, qsizetype>> codePointSentences(const QString &text, const Annotation &a)
{
    const CodePointMap cp(text);
    QList<QPair<qsizetype, qsizetype>> out;
    for (const Span &s : a.sentences)
        out.append({ cp.toCodePoint(s.start), cp.toCodePoint(s.end) });
    return out;
}

QList<QPair<qsizetype, qsizetype>> pairs(const QList<Span> &spans)
{
    QList<QPair<qsizetype, qsizetype>> out;
    for (const Span &s : spans)
        out.append({ s.start, s.end });
    return out;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private slots:
    void rowJsonIsWhatQJsonDocumentWrites();
    void createsSchema();
    void roundTrip();
    void duplicateContentStoredOnce();
    void fullTextIndexTakesCommittedBatches();
    void codePointOffsets();
    void textPreparedInUtf8();
    void refusesNonSqliteFile();
    void refusesForeignSqliteDatabase();
    void refusesNewerSchemaUntouched();
    void readOnlyFolder();
    void readOnlyStoreIsReadAsItIs_data();
    void readOnlyStoreIsReadAsItIs();
    void readOnlyStoreWithLeftoverLogIsRefusedClearly_data();
    void readOnlyStoreWithLeftoverLogIsRefusedClearly();
    void diskFullKeepsCommittedArticles();
    void readOnlyOpenDoesNotCreate();
    void upgradesSchemaOneStore();
    void packsSentencesOfSchemaTwoStore();
    void closeWithAStatementLeftEndsTheConnection();
    void upgradesSchemaThreeStoreForEdits();
};

void TestStore::createsSchema()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.entente"));
    Store store;
    QString error;
    QVERIFY2(store.open(path, Store::OpenMode::CreateIfMissing, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table') ORDER BY name")));
    QStringList tables;
    while (q.next())
        tables << q.value(0).toString();
    for (const char *t :
        { "article_countries", "articles", "articles_fts", "dates", "entities", "mentions", "relations",
            "schema_version", "sentence_spans", "edits", "edit_undo", "edit_generation", "deferred_indexes" })
        QVERIFY2(tables.contains(QLatin1String(t)), t);
    QVERIFY(!tables.contains(QLatin1String("sentences"))); // packed into sentence_spans by schema 3
    QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_keys")) && q.next());
    QCOMPARE(q.value(0).toInt(), 1);
    QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version ORDER BY version")));
    QList<int> versions;
    while (q.next())
        versions << q.value(0).toInt();
    QCOMPARE(versions, (QList<int> { 1, 2, 3, 4, 5 }));
    store.close();
    QVERIFY(Store::checkFile(path).isEmpty());
    // Reopening runs no migration twice.
    QVERIFY(store.open(path, Store::OpenMode::ExistingOnly, &error));
    QSqlQuery again(store.database());
    QVERIFY(again.exec(QStringLiteral("SELECT count(*) FROM schema_version")) && again.next());
    QCOMPARE(again.value(0).toInt(), Store::SchemaVersion);
}

void TestStore::roundTrip()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.entente"));
    const QString text = QStringLiteral("Xi visited Kazakhstan and China signed deals. More text follows here.");
    {
        Store store;
        QVERIFY(store.open(path));
        QVERIFY(store.beginBatch());
        qint64 id = 0;
        QCOMPARE(store.insertArticle(article(QStringLiteral("Title"), text), annotationFor(text), &id),
            Store::InsertResult::Inserted);
        QVERIFY(id > 0);
        QVERIFY(store.commitBatch());
    }
    Store store;
    QVERIFY(store.open(path, Store::OpenMode::ReadOnly));
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT title, text, published, published_precision, published_source,"
                                  " published_year, source FROM articles")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("Title"));
    QCOMPARE(q.value(1).toString(), text);
    QCOMPARE(q.value(2).toString(), QStringLiteral("2023-05-11"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("day"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("dateline"));
    QCOMPARE(q.value(5).toInt(), 2023);
    QCOMPARE(q.value(6).toString(), QStringLiteral("Test Wire"));
    QVERIFY(q.exec(QStringLiteral("SELECT e.key, e.kind, m.start, m.end, m.method FROM mentions m JOIN entities e ON "
                                  "e.id = m.entity_id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("CHN"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("country"));
    QCOMPARE(q.value(2).toInt(), text.indexOf(u"China"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("name"));
    QVERIFY(q.exec(QStringLiteral("SELECT a, b, directed, tone, cameo, cues, year FROM relations")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("CHN"));
    QCOMPARE(q.value(1).toString(), QStringLiteral("KAZ"));
    QCOMPARE(q.value(2).toInt(), 1);
    QCOMPARE(q.value(3).toString(), QStringLiteral("cooperation"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("042"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("[\"visited\"]"));
    QCOMPARE(q.value(6).toInt(), 2023);
    // The full-text index finds the article by a word of its text and by prefix.
    QVERIFY(q.exec(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'kazakh*'")));
    QVERIFY(q.next());
    const StoreStats s = store.stats();
    QCOMPARE(s.articles, 1);
    QCOMPARE(s.mentions, 1);
    QCOMPARE(s.relations, 1);
    QCOMPARE(s.sentences, 1);
    QCOMPARE(s.firstDate, QStringLiteral("2023-05-11"));
    // The countries, in their order, with salience and about.
    const QList<CountrySalience> countries = store.loadCountries(1);
    QCOMPARE(countries.size(), 2);
    QCOMPARE(countries.at(0).id, QStringLiteral("CHN"));
    QCOMPARE(countries.at(0).salience, 0.85);
    QVERIFY(countries.at(0).about);
    QCOMPARE(countries.at(1).id, QStringLiteral("KAZ"));
    QCOMPARE(countries.at(1).salience, 0.2);
    QVERIFY(!countries.at(1).about);
    QVERIFY(store.loadCountries(2).isEmpty());
}

void TestStore::duplicateContentStoredOnce()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("s.entente"))));
    QVERIFY(store.beginBatch());
    const QString text = QStringLiteral("China and Russia met.");
    QCOMPARE(
        store.insertArticle(article(QStringLiteral("A"), text), annotationFor(text)), Store::InsertResult::Inserted);
    QCOMPARE(
        store.insertArticle(article(QStringLiteral("A"), text), annotationFor(text)), Store::InsertResult::Duplicate);
    QCOMPARE(
        store.insertArticle(article(QStringLiteral("B"), text), annotationFor(text)), Store::InsertResult::Inserted);
    QVERIFY(store.commitBatch());
    const StoreStats s = store.stats();
    QCOMPARE(s.articles, 2);
    // The duplicate left none of its annotations behind.
    QCOMPARE(s.mentions, 2);
    QCOMPARE(s.relations, 2);
}

void TestStore::fullTextIndexTakesCommittedBatches()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("s.entente"))));
    const auto insert = [&store](const QString &title, const QString &text) {
        return store.insertArticle(article(title, text), annotationFor(text));
    };
    const auto matches = [&store](const QString &query) {
        QSqlQuery q(store.database());
        q.prepare(QStringLiteral("SELECT group_concat(a.title, ',') FROM (SELECT a.title FROM articles a"
                                 " WHERE a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
                                 " ORDER BY a.id) a"));
        q.addBindValue(query);
        return q.exec() && q.next() ? q.value(0).toString() : QStringLiteral("error");
    };

    QVERIFY(store.beginBatch());
    QCOMPARE(
        insert(QStringLiteral("A"), QStringLiteral("China met the aardvark envoy.")), Store::InsertResult::Inserted);
    QCOMPARE(insert(QStringLiteral("B"), QStringLiteral("China met the badger envoy.")), Store::InsertResult::Inserted);
    QVERIFY(store.commitBatch());
    QCOMPARE(matches(QStringLiteral("envoy")), QStringLiteral("A,B"));

    // A duplicate in the middle of a batch, and a title that is searched too.
    QVERIFY(store.beginBatch());
    QCOMPARE(insert(QStringLiteral("Cormorant"), QStringLiteral("China met the crane envoy.")),
        Store::InsertResult::Inserted);
    QCOMPARE(
        insert(QStringLiteral("A"), QStringLiteral("China met the aardvark envoy.")), Store::InsertResult::Duplicate);
    QCOMPARE(insert(QStringLiteral("D"), QStringLiteral("China met the dodo envoy.")), Store::InsertResult::Inserted);
    QVERIFY(store.commitBatch());
    QCOMPARE(matches(QStringLiteral("envoy")), QStringLiteral("A,B,Cormorant,D"));
    QCOMPARE(matches(QStringLiteral("aardvark")), QStringLiteral("A"));
    QCOMPARE(matches(QStringLiteral("cormorant OR dodo")), QStringLiteral("Cormorant,D"));
    QCOMPARE(matches(QStringLiteral("\"the dodo envoy\"")), QStringLiteral("D"));

    // A batch rolled back leaves nothing in the index.
    QVERIFY(store.beginBatch());
    QCOMPARE(insert(QStringLiteral("E"), QStringLiteral("China met the eagle envoy.")), Store::InsertResult::Inserted);
    store.rollbackBatch();
    QCOMPARE(matches(QStringLiteral("eagle")), QString());
    QCOMPARE(matches(QStringLiteral("envoy")), QStringLiteral("A,B,Cormorant,D"));

    // Every article is indexed exactly once. A row indexed twice would not show in a search (the newer
    // entry hides the older); FTS5's averages record (the first varint of data row 1, its on-disk format)
    // counts the rows it took in.
    QSqlQuery check(store.database());
    QVERIFY2(check.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")),
        qPrintable(check.lastError().text()));
    QVERIFY(check.exec(QStringLiteral("SELECT hex(substr(block, 1, 1)) FROM articles_fts_data WHERE id = 1")));
    QVERIFY(check.next());
    QCOMPARE(check.value(0).toString(), QStringLiteral("04"));
}

void TestStore::codePointOffsets()
{
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("s.entente"))));
    const QString text = QStringLiteral("🌍 🌐 China grows.");
    QVERIFY(store.beginBatch());
    QCOMPARE(
        store.insertArticle(article(QStringLiteral("E"), text), annotationFor(text)), Store::InsertResult::Inserted);
    QVERIFY(store.commitBatch());
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT m.start, substr(a.text, m.start + 1, m.end - m.start) FROM mentions m JOIN "
                                  "articles a ON a.id = m.article_id")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toInt(), 4); // two emoji = 2 code points, 4 UTF-16 units
    QCOMPARE(q.value(1).toString(), QStringLiteral("China"));
}

void TestStore::textPreparedInUtf8()
{
    // The import's workers hand the writer the text in UTF-8 as well: it is stored as text, the same
    // characters, with the same hash, and the full-text index reads it.
    QTemporaryDir dir;
    Store store;
    QVERIFY(store.open(dir.filePath(QStringLiteral("s.entente"))));
    const QString text = QStringLiteral("🌍 China met Zürich's envoy in Ōsaka.");
    ArticleRecord plain = article(QStringLiteral("U"), text);
    ArticleRecord prepared = plain;
    prepared.textUtf8 = text.toUtf8();
    QCOMPARE(prepared.contentHash(), plain.contentHash());
    QVERIFY(store.beginBatch());
    qint64 id = 0;
    QCOMPARE(store.insertArticle(prepared, annotationFor(text), &id), Store::InsertResult::Inserted);
    QCOMPARE(store.insertArticle(plain, annotationFor(text)), Store::InsertResult::Duplicate);
    QVERIFY(store.commitBatch());
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT typeof(text), length(text), chars FROM articles")) && q.next());
    QCOMPARE(q.value(0).toString(), QStringLiteral("text"));
    QCOMPARE(q.value(1).toInt(), q.value(2).toInt());
    ArticleRecord back;
    QVERIFY(store.loadArticle(id, &back));
    QCOMPARE(back.text, text);
    QVERIFY(q.exec(QStringLiteral("SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'zurich AND osaka'")));
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), id);
}

void TestStore::refusesNonSqliteFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("notes.entente"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();
    const QByteArray before = fileDigest(path);
    Store store;
    QString error;
    QVERIFY(!store.open(path, Store::OpenMode::CreateIfMissing, &error));
    QVERIFY2(error.contains(path) && error.contains(QLatin1String("not an Entente store")), qPrintable(error));
    QVERIFY(!error.contains(u'\n'));
    QCOMPARE(fileDigest(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
}

void TestStore::refusesForeignSqliteDatabase()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("other.db"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec(QStringLiteral("CREATE TABLE t(x)")));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    const QByteArray before = fileDigest(path);
    Store store;
    QString error;
    QVERIFY(!store.open(path, Store::OpenMode::CreateIfMissing, &error));
    QVERIFY2(error.contains(QLatin1String("not an Entente store")), qPrintable(error));
    QCOMPARE(fileDigest(path), before);
}

void TestStore::refusesNewerSchemaUntouched()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("future.entente"));
    {
        Store store;
        QVERIFY(store.open(path));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA user_version=%1").arg(Store::SchemaVersion + 1)));
    }
    const QByteArray before = fileDigest(path);
    Store store;
    QString error;
    QVERIFY(!store.open(path, Store::OpenMode::CreateIfMissing, &error));
    QVERIFY2(error.contains(QLatin1String("newer version")), qPrintable(error));
    QCOMPARE(fileDigest(path), before);
}

void TestStore::readOnlyFolder()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("locked"));
    QVERIFY(QDir().mkdir(folder));
    QVERIFY(::chmod(QFile::encodeName(dir.path()).constData(), 0755) == 0);
    QVERIFY(::chmod(QFile::encodeName(folder).constData(), 0555) == 0);
    const QString path = folder + QStringLiteral("/s.entente");
    asUnprivileged([&] {
        Store store;
        QString error;
        QVERIFY(!store.open(path, Store::OpenMode::CreateIfMissing, &error));
        QVERIFY2(error.contains(path) && error.contains(QLatin1String("cannot create store")), qPrintable(error));
    });
    QVERIFY(!QFile::exists(path));
}

void TestStore::readOnlyStoreIsReadAsItIs_data()
{
    QTest::addColumn<int>("folderMode");
    QTest::addColumn<int>("fileMode");
    // A share or a colleague's folder that this user may only read: SQLite could not make its -wal and -shm there.
    QTest::newRow("store in a folder of 0555") << 0555 << 0644;
    // A file marked read-only in a folder anyone may write: SQLite would make its side files beside it.
    QTest::newRow("store file of 0444") << 0777 << 0444;
}

void TestStore::readOnlyStoreIsReadAsItIs()
{
    QFETCH(int, folderMode);
    QFETCH(int, fileMode);
    QTemporaryDir dir;
    QVERIFY(setMode(dir.path(), 0755));
    const QString folder = dir.filePath(QStringLiteral("archive"));
    QVERIFY(QDir().mkdir(folder));
    const QString path = folder + QStringLiteral("/s.entente");
    QVERIFY(makeStore(path, 3));
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(setMode(path, mode_t(fileMode)));
    QVERIFY(setMode(folder, mode_t(folderMode)));
    const QByteArray before = fileDigest(path);
    asUnprivileged([&] {
        QVERIFY(!Store::whyReadOnly(path).isEmpty());
        QCOMPARE(Store::checkFile(path), QString());
        Store store;
        QString error;
        QVERIFY2(store.open(path, Store::OpenMode::ReadOnly, &error), qPrintable(error));
        QVERIFY(!store.canWrite());
        const StoreStats stats = store.stats();
        QCOMPARE(stats.articles, 3);
        QCOMPARE(stats.relations, 3);
        QSqlQuery search(store.database());
        QVERIFY(search.exec(QStringLiteral("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'signed'")));
        QVERIFY(search.next());
        QCOMPARE(search.value(0).toInt(), 3);
        // Full: the full-text index's own check is an INSERT, which a store that may not be written cannot take.
        QCOMPARE(store.checkIntegrity(Store::Check::Full), QStringList());
        // A second reader on the same file, as each of the window's threads opens one.
        const std::unique_ptr<Store> other = Store::openReader(path, &error);
        QVERIFY2(other, qPrintable(error));
        QCOMPARE(other->stats().articles, 3);
        // Writing is refused before SQLite is asked, with the file named and the reason.
        Store writer;
        for (const Store::OpenMode mode : { Store::OpenMode::CreateIfMissing, Store::OpenMode::ExistingOnly }) {
            QVERIFY(!writer.open(path, mode, &error));
            QVERIFY2(error.contains(path) && error.contains(QLatin1String("read-only")), qPrintable(error));
        }
        QVERIFY(!writer.openForEdits(path, &error));
    });
    QCOMPARE(fileDigest(path), before);
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(!QFile::exists(path + QStringLiteral("-shm")));
}

void TestStore::readOnlyStoreWithLeftoverLogIsRefusedClearly_data()
{
    QTest::addColumn<bool>("withShm");
    QTest::newRow("-wal alone: refused with the reason") << false;
    // With its -shm beside it, SQLite reads the -wal under its locks without writing (its index rebuilt in memory).
    QTest::newRow("-wal and -shm: read whole, under locks") << true;
}

void TestStore::readOnlyStoreWithLeftoverLogIsRefusedClearly()
{
    QFETCH(bool, withShm);
    // A store copied while an import wrote to it (or left by a program that was killed): part of what it holds is
    // only in its -wal, which SQLite reads through a -shm it cannot make in a read-only folder.
    QTemporaryDir dir;
    QVERIFY(setMode(dir.path(), 0755));
    const QString live = dir.filePath(QStringLiteral("live.entente"));
    const QString folder = dir.filePath(QStringLiteral("archive"));
    QVERIFY(QDir().mkdir(folder));
    const QString path = folder + QStringLiteral("/s.entente");
    {
        Store store;
        QVERIFY(store.open(live));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("PRAGMA wal_autocheckpoint=0")));
        QVERIFY(store.beginBatch());
        const QString text = QStringLiteral("China signed it.");
        QCOMPARE(store.insertArticle(article(QStringLiteral("1"), text), annotationFor(text)),
            Store::InsertResult::Inserted);
        QVERIFY(store.commitBatch());
        QVERIFY(QFileInfo(live + QStringLiteral("-wal")).size() > 0);
        QVERIFY(QFile::copy(live, path));
        QVERIFY(QFile::copy(live + QStringLiteral("-wal"), path + QStringLiteral("-wal")));
        if (withShm)
            QVERIFY(QFile::copy(live + QStringLiteral("-shm"), path + QStringLiteral("-shm")));
    }
    QVERIFY(setMode(folder, 0555));
    const QByteArray before = fileDigest(path);
    const QByteArray walBefore = fileDigest(path + QStringLiteral("-wal"));
    asUnprivileged([&] {
        Store store;
        QString error;
        if (withShm) {
            QVERIFY2(store.open(path, Store::OpenMode::ReadOnly, &error), qPrintable(error));
            QCOMPARE(store.stats().articles, 1); // the article is in the -wal only
            QVERIFY(!store.canWrite());
            return;
        }
        QVERIFY(!store.open(path, Store::OpenMode::ReadOnly, &error));
        QVERIFY2(error.contains(path) && error.contains(QLatin1String("not closed cleanly"))
                && error.contains(QLatin1String("where it can be written")),
            qPrintable(error));
        QVERIFY(!error.contains(QLatin1String("unable to open")));
    });
    QCOMPARE(fileDigest(path), before);
    QCOMPARE(fileDigest(path + QStringLiteral("-wal")), walBefore);
    QCOMPARE(QFile::exists(path + QStringLiteral("-shm")), withShm);
}

void TestStore::diskFullKeepsCommittedArticles()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("full.entente"));
    Store store;
    QVERIFY(store.open(path));
    QVERIFY(store.beginBatch());
    const QString first = QStringLiteral("China first article.");
    QCOMPARE(
        store.insertArticle(article(QStringLiteral("1"), first), annotationFor(first)), Store::InsertResult::Inserted);
    QVERIFY(store.commitBatch());
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
    QVERIFY(store.setMaxPageCount(q.value(0).toLongLong() + 2));
    // Big articles overflow the few pages left.
    bool sawFailure = false;
    QString error;
    QVERIFY(store.beginBatch());
    for (int i = 0; i < 50 && !sawFailure; ++i) {
        const QString text = QStringLiteral("China big article %1. ").arg(i) + QString(20000, u'x');
        if (store.insertArticle(article(QString::number(i + 2), text), annotationFor(text), nullptr, &error)
            == Store::InsertResult::Failed)
            sawFailure = true;
    }
    if (!sawFailure)
        sawFailure = !store.commitBatch(&error);
    else
        store.rollbackBatch();
    QVERIFY(sawFailure);
    QVERIFY2(error.contains(QLatin1String("disk is full")), qPrintable(error));
    store.close();
    Store again;
    QVERIFY(again.open(path, Store::OpenMode::ReadOnly));
    QCOMPARE(again.stats().articles, 1);
    QSqlQuery check(again.database());
    QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
    QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
}

void TestStore::readOnlyOpenDoesNotCreate()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("missing.entente"));
    Store store;
    QString error;
    QVERIFY(!store.open(path, Store::OpenMode::ReadOnly, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!QFile::exists(path));
}

void TestStore::upgradesSchemaOneStore()
{
    // A store of schema 1 has no article_countries: it opens read-only as it is (without the ranking), and
    // opened writable it is upgraded, its articles ranked from their stored annotations as an import
    // ranks them now. Astral characters make the stored code points differ from UTF-16 indices.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("old.entente"));
    const QString text = QStringLiteral("🌍 Kenya and China sign a rail deal\n"
                                        "🚆 Kenya signed a loan agreement with China on Monday to extend the railway "
                                        "to Uganda. Kenya's president said trade would grow. Officials from France "
                                        "attended the ceremony in Nairobi.\n");
    ArticleRecord record = article(QStringLiteral("Kenya and China sign a rail deal"), text);
    DocumentContext ctx;
    ctx.title = record.title;
    ctx.published = record.published;
    const Annotation annotated = Extractor::shared().annotate(text, ctx);
    QVERIFY(annotated.countries.size() >= 3);
    qint64 id = 0;
    {
        Store store;
        QVERIFY(store.open(path));
        QVERIFY(store.beginBatch());
        QCOMPARE(store.insertArticle(record, annotated, &id), Store::InsertResult::Inserted);
        QVERIFY(store.commitBatch());
        // Back to what schema 1 wrote: version 2 added the table (and its index) only, version 3 packed the
        // sentences.
        QVERIFY(unpackSentences(store.database(), 1));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("DROP TABLE article_countries")));
    }
    {
        Store reader;
        QString error;
        QVERIFY2(reader.open(path, Store::OpenMode::ReadOnly, &error), qPrintable(error));
        QCOMPARE(reader.schemaVersion(), 1);
        QVERIFY(reader.loadCountries(id).isEmpty());
        QCOMPARE(reader.stats().articles, 1);
        QCOMPARE(pairs(reader.loadSentences(id)), codePointSentences(text, annotated));
    }
    Store store;
    QString error;
    QVERIFY2(store.open(path, Store::OpenMode::ExistingOnly, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    QCOMPARE(pairs(store.loadSentences(id)), codePointSentences(text, annotated));
    const QList<CountrySalience> ranked = store.loadCountries(id);
    QCOMPARE(ranked.size(), annotated.countries.size());
    for (qsizetype i = 0; i < ranked.size(); ++i) {
        QCOMPARE(ranked.at(i).id, annotated.countries.at(i).id);
        QCOMPARE(ranked.at(i).salience, annotated.countries.at(i).salience);
        QCOMPARE(ranked.at(i).about, annotated.countries.at(i).about);
    }
    QVERIFY(ranked.first().about);
}

void TestStore::packsSentencesOfSchemaTwoStore()
{
    // A store of schema 2 keeps a row per sentence: read-only it is read as it is; opened writable its rows
    // are packed into sentence_spans (code points, in order, astral characters before them) and the table
    // goes. An article without sentences gets no row.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("two.entente"));
    const QString first = QStringLiteral("🌍 Kenya met China. 🚆 China met Kenya again. Then France came.");
    const QString second = QStringLiteral("China spoke. Kenya answered.");
    const Annotation a1 = Extractor::shared().annotate(first, {});
    const Annotation a2 = Extractor::shared().annotate(second, {});
    QCOMPARE(a1.sentences.size(), 3);
    QCOMPARE(a2.sentences.size(), 2);
    Annotation none = a2;
    none.sentences.clear();
    qint64 id1 = 0, id2 = 0, id3 = 0;
    {
        Store store;
        QVERIFY(store.open(path));
        QVERIFY(store.beginBatch());
        QCOMPARE(store.insertArticle(article(QStringLiteral("1"), first), a1, &id1), Store::InsertResult::Inserted);
        QCOMPARE(store.insertArticle(article(QStringLiteral("2"), second), a2, &id2), Store::InsertResult::Inserted);
        QCOMPARE(store.insertArticle(article(QStringLiteral("3"), second), none, &id3), Store::InsertResult::Inserted);
        QVERIFY(store.commitBatch());
        QCOMPARE(store.stats().sentences, 5);
        QVERIFY(unpackSentences(store.database(), 2));
        QSqlQuery q(store.database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sentences")) && q.next());
        QCOMPARE(q.value(0).toInt(), 5);
    }
    {
        Store reader;
        QVERIFY(reader.open(path, Store::OpenMode::ReadOnly));
        QCOMPARE(reader.schemaVersion(), 2);
        QCOMPARE(pairs(reader.loadSentences(id1)), codePointSentences(first, a1));
        QCOMPARE(reader.stats().sentences, 5);
    }
    Store store;
    QString error;
    QVERIFY2(store.open(path, Store::OpenMode::ExistingOnly, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    QCOMPARE(pairs(store.loadSentences(id1)), codePointSentences(first, a1));
    QCOMPARE(pairs(store.loadSentences(id2)), codePointSentences(second, a2));
    QVERIFY(store.loadSentences(id3).isEmpty());
    QCOMPARE(store.stats().sentences, 5);
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master WHERE name = 'sentences'")) && q.next());
    QCOMPARE(q.value(0).toInt(), 0);
    QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM sentence_spans")) && q.next());
    QCOMPARE(q.value(0).toInt(), 2);
    QVERIFY(q.exec(QStringLiteral("PRAGMA foreign_key_check")));
    QVERIFY(!q.next());
}

void TestStore::rowJsonIsWhatQJsonDocumentWrites()
{
    // The writer's own JSON of cues and spans: the same bytes as QJsonDocument's compact form, whatever the words.
    const QStringList words { QString(), QStringLiteral("signed"), QStringLiteral("\"quoted\""),
        QStringLiteral("back\\slash"), QStringLiteral("tab\tand\nline\r"), QStringLiteral("bell\x07\x01\x1f"),
        QStringLiteral("a/b"), QStringLiteral("\x7f"), QStringLiteral("Côte d\u2019Ivoire"),
        QStringLiteral("\u65e5\u672c"), QStringLiteral("\U0001F600 face") };
    QCOMPARE(stringsJson(words), QJsonDocument(QJsonArray::fromStringList(words)).toJson(QJsonDocument::Compact));
    QCOMPARE(stringsJson({}), QJsonDocument(QJsonArray()).toJson(QJsonDocument::Compact));
    const QList<QPair<qint64, qint64>> spans { { 0, 5 }, { 17, 1234567 } };
    QJsonArray array;
    for (const auto &[a, b] : spans)
        array.append(QJsonArray { a, b });
    QCOMPARE(spansJson(spans), QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QTEST_GUILESS_MAIN(TestStore)
// Qt's driver forgets a connection that sqlite3_close() refuses; the store must still end it (else it lives on,
// unreachable, holding the file) and say which statement was left.
void TestStore::closeWithAStatementLeftEndsTheConnection()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.entente"));
    Store store;
    QVERIFY(store.open(path, Store::OpenMode::CreateIfMissing));
    auto left = std::make_unique<SqliteStatement>();
    QVERIFY(left->prepare(sqliteHandle(store.database()), "SELECT count(*) FROM articles"));
    QVERIFY(left->exec());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("still prepared: SELECT count")));
    store.close();
    QVERIFY(!store.isOpen());
    QVERIFY(QFile::exists(path + QStringLiteral("-wal"))); // the statement keeps the connection
    left.reset();
    // The last connection of a WAL database removes its log as it closes.
    QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    QVERIFY(store.open(path, Store::OpenMode::ReadOnly));
}

void TestStore::upgradesSchemaThreeStoreForEdits()
{
    // A store of schema 3 has no edits: read-only it is read as it is (its stamp without an edit generation);
    // opened writable it gets the edit tables, empty, its articles as they were, and takes edits.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("three.entente"));
    const QString text = QStringLiteral("Kenya signed a loan agreement with China. France attended.");
    const Annotation annotated = Extractor::shared().annotate(text, {});
    QVERIFY(!annotated.relations.isEmpty());
    {
        Store store;
        QVERIFY(store.open(path));
        QVERIFY(store.beginBatch());
        QCOMPARE(store.insertArticle(article(QStringLiteral("Loan"), text), annotated), Store::InsertResult::Inserted);
        QVERIFY(store.commitBatch());
        // Back to what schema 3 wrote.
        QSqlQuery q(store.database());
        QVERIFY(dropEditTables(store.database()));
        for (const char *sql : { "DELETE FROM schema_version WHERE version >= 4", "PRAGMA user_version=3" })
            QVERIFY2(q.exec(QLatin1String(sql)), sql);
    }
    qint64 relations = 0;
    {
        Store reader;
        QVERIFY(reader.open(path, Store::OpenMode::ReadOnly));
        QCOMPARE(reader.schemaVersion(), 3);
        const CorpusCube::Stamp stamp = CorpusCube::readStamp(&reader);
        QCOMPARE(stamp.articles, 1);
        QCOMPARE(stamp.edits, 0);
        relations = reader.stats().relations;
        QVERIFY(relations > 0);
    }
    Store store;
    QString error;
    QVERIFY2(store.open(path, Store::OpenMode::ExistingOnly, &error), qPrintable(error));
    QCOMPARE(store.schemaVersion(), Store::SchemaVersion);
    QCOMPARE(store.stats().relations, relations);
    EditLog log(&store);
    QVERIFY(log.edits().isEmpty());
    QSqlQuery q(store.database());
    QVERIFY(q.exec(QStringLiteral("SELECT article_id, start, end, a, b FROM relations LIMIT 1")) && q.next());
    Edit reject = Edit::rejectRelation(q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
        q.value(3).toString(), q.value(4).toString());
    q.finish();
    const CorpusCube::Stamp before = CorpusCube::readStamp(&store);
    QVERIFY2(log.add(&reject, &error), qPrintable(error));
    QVERIFY(store.stats().relations < relations);
    QCOMPARE(CorpusCube::readStamp(&store).edits, before.edits + 1);
}

#include "tst_store.moc"
