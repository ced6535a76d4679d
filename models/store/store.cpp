#include "store.h"

#include "article.h"
#include "editlog.h"
#include "extractor.h"
#include "pgstore.h"
#include "rowjson.h"
#include "salience.h"
#include "schema.h"
#include "sqlitestatement.h"
#include "textoffsets.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUrl>
#include <QVariant>

#include <fcntl.h>
#include <unistd.h>

namespace entente {

namespace {

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return QStringLiteral("entente-store-%1").arg(counter.fetchAndAddRelaxed(1));
}

QString sqlError(const QSqlError &e)
{
    QString s = e.driverText();
    if (!e.databaseText().isEmpty())
        s = e.databaseText();
    return s;
}

// SQLite's extended result code for a full disk or a max_page_count reached is 13.
bool isDiskFull(const QSqlError &e)
{
    return e.nativeErrorCode() == QLatin1String("13") || e.databaseText().contains(QLatin1String("full"));
}

} // namespace

struct Store::Writers
{
    SqliteStatement article, fts, sentence, entity, mention, date, relation, country, savepoint, release, rollbackTo;
};

Store::Store() = default;

Store::~Store()
{
    close();
}

bool Store::fail(QString *error, const QString &message)
{
    m_lastError = message;
    if (error)
        *error = message;
    return false;
}

namespace {

// The tables of a database and their columns, "table(column, column, ...)" sorted by table; empty with `error`
// set when they cannot be read.
QMap<QString, QStringList> tablesOf(const QSqlDatabase &db, QString *error)
{
    QMap<QString, QStringList> out;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p"
                               " WHERE m.type = 'table' ORDER BY m.name, p.cid"))) {
        if (error)
            *error = sqlError(q.lastError());
        return {};
    }
    while (q.next())
        out[q.value(0).toString()].append(q.value(1).toString());
    return out;
}

// The tables and columns that the migrations give a store of schema `version`, made in memory once a process.
QMap<QString, QStringList> expectedTables(int version)
{
    static QMutex mutex;
    static QHash<int, QMap<QString, QStringList>> cache;
    const QMutexLocker lock(&mutex);
    if (const auto it = cache.constFind(version); it != cache.cend())
        return *it;
    QMap<QString, QStringList> tables;
    const QString name = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(QStringLiteral(":memory:"));
        if (db.open()) {
            QSqlQuery q(db);
            bool ok = true;
            for (int v = 1; v <= version && ok; ++v) {
                for (const QString &statement : migrationSteps(v) + migrationCleanup(v))
                    ok = ok && q.exec(statement);
            }
            if (ok)
                tables = tablesOf(db, nullptr);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    cache.insert(version, tables);
    return tables;
}

// What a store file of schema `version` lacks of the tables and columns its migrations made ("no table mentions",
// "table articles has no column title"); empty when it has them all (it may have more).
QString missingSchema(const QMap<QString, QStringList> &found, int version)
{
    const QMap<QString, QStringList> expected = expectedTables(version);
    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        const auto there = found.constFind(it.key());
        if (there == found.cend())
            return QObject::tr("no table %1").arg(it.key());
        for (const QString &column : it.value()) {
            if (!there->contains(column))
                return QObject::tr("table %1 has no column %2").arg(it.key(), column);
        }
    }
    return {};
}

quint32 bigEndian32(const QByteArray &bytes, qsizetype at)
{
    return quint32(quint8(bytes[at])) << 24 | quint32(quint8(bytes[at + 1])) << 16 | quint32(quint8(bytes[at + 2])) << 8
        | quint32(quint8(bytes[at + 3]));
}

} // namespace

namespace {

// What tells whether another process wrote to a store file (or its logs) while it was looked at.
struct FileState
{
    qint64 size = -1;
    QDateTime modified;
    qint64 walSize = -1;
    bool journal = false;
    bool operator==(const FileState &) const = default;
};

FileState fileState(const QString &path)
{
    const QFileInfo file(path);
    const QFileInfo wal(path + QStringLiteral("-wal"));
    return { file.exists() ? file.size() : -1, file.lastModified(), wal.exists() ? wal.size() : -1,
        QFileInfo::exists(path + QStringLiteral("-journal")) };
}

// Whether this process's effective user may write `path` (tests lower their effective user only, as may a program
// that starts as root: access() would ask about the real one).
bool writable(const QString &path)
{
    return ::faccessat(AT_FDCWD, QFile::encodeName(path).constData(), W_OK, AT_EACCESS) == 0;
}

// A -wal or -journal with content beside the file: changes that are not in the file itself (a writer at work, or
// one that stopped without closing the store).
bool hasLog(const QString &path)
{
    return QFileInfo(path + QStringLiteral("-wal")).size() > 0
        || QFileInfo(path + QStringLiteral("-journal")).size() > 0;
}

// The name SQLite reads `path` by as immutable: no lock taken, no -wal or -shm looked for or made beside it. Only for
// a file nobody changes: one the probe may not be a store, or one this user may not write with no log beside it.
QString immutableName(const QString &path)
{
    return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded)
        + QStringLiteral("?immutable=1");
}

} // namespace

QString Store::whyReadOnly(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    if (!writable(path))
        return QObject::tr("the file is read-only for this user");
    // SQLite makes a -wal and a -shm beside a store in WAL mode as it opens it; in a folder that refuses new files,
    // only those already there (and writable) will do.
    if (!writable(info.absolutePath())
        && !(writable(path + QStringLiteral("-wal")) && writable(path + QStringLiteral("-shm"))))
        return QObject::tr("its folder is read-only for this user");
    return {};
}

QString Store::checkFile(const QString &path)
{
    // A file another process is creating or writing at this moment may be read between two of its writes (a store
    // whose schema is half made): what the look finds holds only if the file did not change meanwhile. Look again
    // when it did; a few times at most, then say what the last look found.
    QString verdict;
    for (int look = 0; look < 5; ++look) {
        const FileState before = fileState(path);
        verdict = checkFileOnce(path);
        if (verdict.isEmpty() || fileState(path) == before)
            break;
    }
    return verdict;
}

QString Store::checkFileOnce(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists())
        return {};
    if (info.isDir())
        return QObject::tr("%1 is a folder, not a store file").arg(path);
    if (!info.isFile())
        return QObject::tr("%1 is not a regular file, so not a store; it was left untouched").arg(path);
    if (info.size() == 0)
        return {}; // an empty file becomes a new store
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QObject::tr("cannot read %1: %2").arg(path, f.errorString());
    const QByteArray header = f.read(100);
    if (header.size() < 100 || !header.startsWith(QByteArrayView("SQLite format 3\0", 16)))
        return QObject::tr("%1 is not an Entente store (not an SQLite database); it was left untouched").arg(path);
    f.close();
    const quint32 headerAppId = bigEndian32(header, 68);

    // The header alone is not enough: in WAL mode the newest page 1 (application id, schema version) may still
    // sit in the -wal file. Ask SQLite, read-only. A file that is no store of ours as far as its header tells, with
    // no -wal and no -journal beside it, is all there is: SQLite reads it as immutable, taking no lock and making no
    // -wal or -shm file next to a file that may not be a store at all. A file another process is writing (a log
    // beside it) and a store of ours are read under SQLite's locks, which give a whole transaction's state: an
    // immutable read may see half of one.
    //
    // A store this user may not write (a read-only file, or a folder that refuses the -wal and -shm SQLite makes to
    // read under its locks) is read as immutable too when no log with content is beside it: nobody is writing to it
    // then, and the file holds every committed change.
    const bool hasWal = QFileInfo(path + QStringLiteral("-wal")).size() > 0;
    const bool readOnly = !whyReadOnly(path).isEmpty();
    const bool locked = (hasWal || headerAppId == ApplicationId || QFileInfo::exists(path + QStringLiteral("-journal")))
        && !(readOnly && !hasLog(path));
    quint32 appId = 0;
    int userVersion = 0;
    int objects = 0;
    QMap<QString, QStringList> tables;
    QString failure;
    const QString probe = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), probe);
        if (locked) {
            db.setDatabaseName(path);
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=10000"));
        } else {
            db.setDatabaseName(immutableName(path));
            db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        }
        if (!db.open()) {
            failure = sqlError(db.lastError());
        } else {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("PRAGMA application_id")) && q.next())
                appId = quint32(q.value(0).toLongLong());
            else
                failure = sqlError(q.lastError());
            if (q.exec(QStringLiteral("PRAGMA user_version")) && q.next())
                userVersion = q.value(0).toInt();
            if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next())
                objects = q.value(0).toInt();
            else if (failure.isEmpty())
                failure = sqlError(q.lastError());
            if (failure.isEmpty())
                tables = tablesOf(db, &failure);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(probe);
    // SQLite reads a -wal only through a -shm, which it must make or find beside the file: a store left with a log
    // where this user may write neither cannot be read whole.
    if (!failure.isEmpty() && locked && readOnly && hasLog(path))
        return QObject::tr(
            "%1 was not closed cleanly: its log (%1-wal) holds changes that are not in the file yet, "
            "and SQLite reads them only where it may write (%2). Open it once where it can be written "
            "(or copy it with its -wal to a folder of your own and open the copy); it was left untouched")
            .arg(path, whyReadOnly(path));
    if (!failure.isEmpty())
        return QObject::tr("cannot read store %1: %2; it was left untouched").arg(path, failure);
    if (appId == 0 && objects == 0)
        return {}; // an empty SQLite file (a store whose creation was interrupted) is set up anew
    if (appId != ApplicationId) {
        if (hasWal && headerAppId == ApplicationId)
            return QObject::tr("%1 is an Entente store, but the write-ahead log beside it (%1-wal) does not belong "
                               "to it; both were left untouched")
                .arg(path);
        return QObject::tr("%1 is an SQLite database but not an Entente store; it was left untouched").arg(path);
    }
    if (userVersion > SchemaVersion)
        return QObject::tr("%1 was written by a newer version of Entente (store schema %2; this version reads up to "
                           "%3); it was left untouched")
            .arg(path)
            .arg(userVersion)
            .arg(SchemaVersion);
    // Entente's mark is a promise about the tables: hold the file to it before anything is written to it.
    const QString missing = userVersion < 1 ? QObject::tr("no schema version") : missingSchema(tables, userVersion);
    if (!missing.isEmpty())
        return QObject::tr("%1 carries Entente's mark but is not a store of schema %2 (%3); it was left untouched")
            .arg(path)
            .arg(userVersion)
            .arg(missing);
    return {};
}

QStringList Store::checkIntegrity(Check how, int maxProblems) const
{
    QStringList problems;
    QSqlQuery q(database());
    const QString pragma = how == Check::Quick ? QStringLiteral("quick_check") : QStringLiteral("integrity_check");
    if (!q.exec(QStringLiteral("PRAGMA %1(%2)").arg(pragma).arg(std::max(1, maxProblems)))) {
        problems << sqlError(q.lastError());
        return problems;
    }
    while (q.next()) {
        // A result may hold several lines, under a heading of the database's name ("*** in database main ***").
        for (const QString &line : q.value(0).toString().split(u'\n', Qt::SkipEmptyParts)) {
            if (line != u"ok" && !line.startsWith(u"***"))
                problems << line.trimmed();
        }
    }
    // A store this user may not write cannot run it: checkIntegrity() says nothing of that index then.
    if (how == Check::Full && problems.isEmpty() && !m_readOnlyFile) {
        // FTS5's own check compares its index with the articles it indexes, and reports by failing. It is an
        // INSERT that changes nothing, which SQLite allows only on a connection that may write: a connection of its
        // own (no pragmas set), inside a transaction that is rolled back.
        const QString name = nextConnectionName();
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(m_path);
            db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
            if (!db.open()) {
                problems << QObject::tr("full-text index: %1").arg(sqlError(db.lastError()));
            } else {
                QSqlQuery fts(db);
                if (!fts.exec(QStringLiteral("BEGIN"))
                    || !fts.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts) VALUES('integrity-check')")))
                    problems << QObject::tr("full-text index: %1").arg(sqlError(fts.lastError()));
                fts.exec(QStringLiteral("ROLLBACK"));
            }
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    return problems;
}

bool Store::open(const QString &path, OpenMode mode, QString *error)
{
    close();
    // A server's URL is never taken for a file name, nor made into one. The window reads a server store through
    // openServer(); what writes to it is PgStore; the commands that read store files only say so.
    if (isServerStore(path))
        return fail(error,
            QObject::tr("%1 is a PostgreSQL server's store: only the window, 'entente ingest', 'stats', 'check', "
                        "'chart', 'export' and 'edits' read it so far")
                .arg(QUrl(path).toString(QUrl::RemovePassword)));
    const QString problem = checkFile(path);
    if (!problem.isEmpty())
        return fail(error, problem);

    const QFileInfo info(path);
    // A store this user may not write is never opened to write (SQLite would open it read-only and fail at the first
    // write with "attempt to write a readonly database"); to read, it is read as immutable when no log is beside it.
    const QString readOnly = whyReadOnly(path);
    if (mode != OpenMode::ReadOnly && !readOnly.isEmpty())
        return fail(error,
            QObject::tr("cannot write to store %1: %2; it was left untouched (it can still be read: the window, "
                        "'entente stats', 'export', 'chart', 'check')")
                .arg(path, readOnly));
    const bool immutable = !readOnly.isEmpty() && !hasLog(path);
    if (!info.exists()) {
        if (mode != OpenMode::CreateIfMissing)
            return fail(error, QObject::tr("%1: no such store").arg(path));
        // Create the file ourselves first: QFile says plainly why a folder refuses it, where
        // SQLite would only say "unable to open database file".
        // Another process may create it at the same moment: then it is that process's new store, and the
        // migration below (inside BEGIN IMMEDIATE) sets it up once.
        QFile probe(path);
        if (!probe.open(QIODevice::WriteOnly | QIODevice::NewOnly) && !QFileInfo::exists(path))
            return fail(error, QObject::tr("cannot create store %1: %2").arg(path, probe.errorString()));
        probe.close();
    }

    m_connection = nextConnectionName();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
        db.setDatabaseName(immutable ? immutableName(path) : path);
        QString options = QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000");
        if (mode == OpenMode::ReadOnly)
            options += QStringLiteral(";QSQLITE_OPEN_READONLY");
        if (immutable)
            options += QStringLiteral(";QSQLITE_OPEN_URI");
        db.setConnectOptions(options);
        if (!db.open()) {
            const QString msg = QObject::tr("cannot open store %1: %2").arg(path, sqlError(db.lastError()));
            close();
            return fail(error, msg);
        }
    }
    m_path = path;
    m_readOnlyFile = !readOnly.isEmpty();
    if (!configure(mode == OpenMode::ReadOnly, error)) {
        close();
        return false;
    }
    if (mode != OpenMode::ReadOnly && !migrate(error)) {
        close();
        return false;
    }
    if (schemaVersion() < 1) {
        close();
        return fail(error, QObject::tr("%1 is an empty store; open it writable to create it").arg(path));
    }
    return true;
}

std::unique_ptr<Store> Store::openReader(const QString &path, QString *error)
{
    if (path.isEmpty())
        return nullptr;
    auto store = std::make_unique<Store>();
    if (!store->open(path, OpenMode::ReadOnly, error))
        return nullptr;
    return store;
}

bool Store::openForEdits(const QString &location, QString *error)
{
    return isServerStore(location) ? openServer(location, error, OpenMode::ExistingOnly)
                                   : open(location, OpenMode::ExistingOnly, error);
}

bool Store::openServer(const QString &url, QString *error, OpenMode mode)
{
    close();
    const QString shown = QUrl(url).toString(QUrl::RemovePassword);
    m_connection = nextConnectionName();
    QString why;
    {
        QSqlDatabase db = openServerDatabase(url, m_connection, &why);
        // The window's connections only read: the server refuses them a write whatever the role.
        QSqlQuery q(db);
        if (db.isOpen() && mode == OpenMode::ReadOnly
            && !q.exec(QStringLiteral("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")))
            why = QObject::tr("cannot read store %1: %2").arg(shown, sqlError(q.lastError()));
    }
    if (!why.isEmpty()) {
        close(); // once the connection's handles above are gone, so that Qt lets it go quietly
        return fail(error, why);
    }
    m_path = url;
    m_server = true;
    const int version = serverSchemaVersion();
    if (version < 1) {
        close();
        return fail(
            error, QObject::tr("%1 holds no Entente store yet ('entente ingest --store URL' makes it)").arg(shown));
    }
    if (version > PgStore::SchemaVersion) {
        close();
        return fail(error,
            QObject::tr("%1 was written by a newer Entente (schema %2; this one reads up to %3)")
                .arg(shown)
                .arg(version)
                .arg(PgStore::SchemaVersion));
    }
    // A store made before corrections came to servers has no edit_undo: PgStore upgrades it, as the writer does
    // when it next ingests. A reader's role may not, and is told so.
    if (mode != OpenMode::ReadOnly && version < PgStore::SchemaVersion) {
        QString refused;
        if (!PgStore::connect(url, &refused)) {
            close();
            return fail(error,
                QObject::tr(
                    "%1 keeps no corrections yet (schema %2): open it once as entente_writer to upgrade it (%3)")
                    .arg(shown)
                    .arg(version)
                    .arg(refused));
        }
    }
    return true;
}

int Store::serverSchemaVersion() const
{
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0"
                               " ELSE (SELECT coalesce(max(version), 0) FROM schema_version) END"))
        || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Store::canWrite() const
{
    if (!m_server)
        return isOpen() && !m_readOnlyFile;
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT has_table_privilege('articles', 'INSERT')")) && q.next()
        && q.value(0).toBool();
}

void Store::close()
{
    if (m_connection.isEmpty())
        return;
    if (m_inBatch)
        rollbackBatch();
    m_writers.reset();
    for (QHash<QString, qint64> &ids : m_entityIds)
        ids.clear();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen() && !m_server) {
            sqlite3 *handle = sqliteHandle(db);
            const QSqlError before = db.lastError();
            db.close();
            const QSqlError after = db.lastError();
            if (handle && after.type() == QSqlError::ConnectionError && after != before)
                releaseRefusedConnection(handle, m_path);
        }
    }
    QSqlDatabase::removeDatabase(m_connection);
    m_connection.clear();
    m_path.clear();
    m_server = false;
    m_readOnlyFile = false;
}

bool Store::isOpen() const
{
    return !m_connection.isEmpty() && database().isOpen();
}

QSqlDatabase Store::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

int Store::schemaVersion() const
{
    // A server store's tables are a store file's of the newest schema (PgStore numbers its migrations apart).
    if (m_server) {
        const int version = serverSchemaVersion();
        return version >= 1 ? SchemaVersion : version;
    }
    QSqlQuery q(database());
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

bool Store::configure(bool readOnly, QString *error)
{
    QSqlQuery q(database());
    QStringList pragmas { QStringLiteral("PRAGMA foreign_keys=ON"), QStringLiteral("PRAGMA cache_size=-65536"),
        QStringLiteral("PRAGMA temp_store=MEMORY") };
    if (!readOnly) {
        // WAL: readers (the window) go on while an import writes. NORMAL is safe with WAL: a
        // crash can lose the last commits, never corrupt the file.
        pragmas << QStringLiteral("PRAGMA journal_mode=WAL") << QStringLiteral("PRAGMA synchronous=NORMAL");
    }
    for (const QString &p : pragmas) {
        // Switching to WAL takes the file's lock whole, and SQLite answers "database is locked" at once, without
        // waiting out the busy timeout, while another process holds it (two imports that create one store at
        // once): ask again a little later, for as long as the busy timeout would have waited.
        QElapsedTimer waited;
        waited.start();
        bool ok = q.exec(p);
        while (!ok && q.lastError().nativeErrorCode() == QLatin1String("5") && waited.elapsed() < 10000) {
            QThread::msleep(20);
            ok = q.exec(p);
        }
        if (!ok)
            return fail(error, QObject::tr("cannot configure store %1: %2").arg(m_path, sqlError(q.lastError())));
    }
    return true;
}

bool Store::migrate(QString *error)
{
    QSqlDatabase db = database();
    int version = schemaVersion();
    if (version < 0)
        return fail(error, QObject::tr("cannot read store %1: %2").arg(m_path, sqlError(db.lastError())));
    while (version < SchemaVersion) {
        // Each step holds the write lock from its start (BEGIN IMMEDIATE) and reads the version again under it:
        // two processes that open the same new store at once would otherwise both read version 0 and both
        // create the tables, and one would fail ("table schema_version already exists").
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return fail(error, QObject::tr("cannot upgrade store %1: %2").arg(m_path, sqlError(q.lastError())));
        version = schemaVersion();
        if (version < 0 || version >= SchemaVersion) {
            const QString why = sqlError(db.lastError());
            q.exec(QStringLiteral("ROLLBACK"));
            if (version < 0)
                return fail(error, QObject::tr("cannot read store %1: %2").arg(m_path, why));
            break;
        }
        const int next = version + 1;
        bool ok = true;
        QString why;
        const QStringList steps = migrationSteps(next);
        for (const QString &statement : steps) {
            if (!q.exec(statement)) {
                ok = false;
                why = sqlError(q.lastError());
                break;
            }
        }
        if (ok && next == 2)
            ok = rankStoredArticles(&why);
        if (ok && next == 3)
            ok = packStoredSentences(&why);
        for (const QString &statement : migrationCleanup(next)) {
            if (ok && !q.exec(statement)) {
                ok = false;
                why = sqlError(q.lastError());
            }
        }
        if (ok) {
            QSqlQuery v(db);
            v.prepare(QStringLiteral("INSERT INTO schema_version(version, applied_at) VALUES (?, ?)"));
            v.addBindValue(next);
            v.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
            ok = v.exec() && q.exec(QStringLiteral("PRAGMA application_id=%1").arg(ApplicationId))
                && q.exec(QStringLiteral("PRAGMA user_version=%1").arg(next));
            if (!ok)
                why = sqlError(v.lastError().isValid() ? v.lastError() : q.lastError());
        }
        if (!ok) {
            q.exec(QStringLiteral("ROLLBACK"));
            return fail(error, QObject::tr("cannot upgrade store %1 to schema %2: %3").arg(m_path).arg(next).arg(why));
        }
        if (!q.exec(QStringLiteral("COMMIT"))) {
            const QString why = sqlError(q.lastError());
            q.exec(QStringLiteral("ROLLBACK"));
            return fail(error, QObject::tr("cannot upgrade store %1: %2").arg(m_path, why));
        }
        version = next;
    }
    return true;
}

bool Store::rankStoredArticles(QString *why)
{
    // The annotation as the extraction left it, read back: what rankCountries() looks at (sentences,
    // mentions with their kind, country and method, relations) and the text and title, offsets turned from
    // the stored code points back into UTF-16 indices.
    QSqlDatabase db = database();
    QSqlQuery articles(db);
    articles.setForwardOnly(true);
    QSqlQuery sentences(db);
    QSqlQuery mentions(db);
    QSqlQuery relations(db);
    QSqlQuery insert(db);
    const bool prepared = articles.exec(QStringLiteral("SELECT id, title, text, source_country, published,"
                                                       " published_precision FROM articles ORDER BY id"))
        && sentences.prepare(QStringLiteral("SELECT start, end FROM sentences WHERE article_id = ? ORDER BY idx"))
        && mentions.prepare(QStringLiteral(
            "SELECT m.start, m.end, e.kind, e.key, e.country, m.method FROM mentions m"
            " JOIN entities e ON e.id = m.entity_id WHERE m.article_id = ? ORDER BY m.start, m.end DESC, m.id"))
        && relations.prepare(QStringLiteral("SELECT sentence, start, end, a, b, directed, implicit FROM relations"
                                            " WHERE article_id = ? ORDER BY id"))
        && insert.prepare(QStringLiteral(
            "INSERT INTO article_countries(article_id, rank, country, salience, about) VALUES (?,?,?,?,?)"));
    if (!prepared) {
        *why = sqlError(articles.lastError().isValid() ? articles.lastError() : db.lastError());
        return false;
    }
    auto failed = [why](const QSqlQuery &q) {
        *why = sqlError(q.lastError());
        return false;
    };
    while (articles.next()) {
        const qint64 id = articles.value(0).toLongLong();
        const QString text = articles.value(2).toString();
        const CodePointMap cp(text);
        const auto span = [&cp](const QSqlQuery &q, int column) {
            return Span { cp.toUtf16(q.value(column).toLongLong()), cp.toUtf16(q.value(column + 1).toLongLong()) };
        };
        DocumentContext ctx;
        ctx.title = articles.value(1).toString();
        ctx.sourceCountry = articles.value(3).toString();
        Annotation a;
        PartialDate published = PartialDate::fromIso(articles.value(4).toString());
        if (published.isValid()) {
            published.precision = precisionFromName(articles.value(5).toString());
            a.published = PublishedDate { published, DateSource::Metadata, {} };
        }
        sentences.addBindValue(id);
        if (!sentences.exec())
            return failed(sentences);
        while (sentences.next())
            a.sentences << span(sentences, 0);
        mentions.addBindValue(id);
        if (!mentions.exec())
            return failed(mentions);
        while (mentions.next()) {
            EntityMention m;
            m.span = span(mentions, 0);
            m.kind = entityKindFromName(mentions.value(2).toString()).value_or(EntityKind::Place);
            m.id = mentions.value(3).toString();
            m.country = mentions.value(4).toString();
            m.method = mentions.value(5).toString();
            a.entities << m;
        }
        relations.addBindValue(id);
        if (!relations.exec())
            return failed(relations);
        while (relations.next()) {
            Relation r;
            r.sentence = relations.value(0).toInt();
            r.span = span(relations, 1);
            r.a = relations.value(3).toString();
            r.b = relations.value(4).toString();
            r.directed = relations.value(5).toBool();
            r.implicit = relations.value(6).toBool();
            a.relations << r;
        }
        const QList<CountrySalience> countries = rankCountries(text, a, ctx);
        for (qsizetype i = 0; i < countries.size(); ++i) {
            insert.addBindValue(id);
            insert.addBindValue(qint64(i));
            insert.addBindValue(countries[i].id);
            insert.addBindValue(countries[i].salience);
            insert.addBindValue(countries[i].about ? 1 : 0);
            if (!insert.exec())
                return failed(insert);
        }
    }
    return true;
}

namespace {

// [[start,end],...]: the JSON of sentence_spans.spans.

} // namespace

bool Store::packStoredSentences(QString *why)
{
    QSqlDatabase db = database();
    QSqlQuery rows(db);
    rows.setForwardOnly(true);
    QSqlQuery insert(db);
    if (!rows.exec(QStringLiteral("SELECT article_id, start, end FROM sentences ORDER BY article_id, idx"))
        || !insert.prepare(QStringLiteral("INSERT INTO sentence_spans(article_id, spans) VALUES (?, ?)"))) {
        *why = sqlError(rows.lastError().isValid() ? rows.lastError() : insert.lastError());
        return false;
    }
    qint64 article = -1;
    QList<QPair<qint64, qint64>> spans;
    auto flush = [&] {
        if (spans.isEmpty())
            return true;
        insert.addBindValue(article);
        insert.addBindValue(QString::fromLatin1(spansJson(spans)));
        spans.clear();
        if (insert.exec())
            return true;
        *why = sqlError(insert.lastError());
        return false;
    };
    while (rows.next()) {
        const qint64 id = rows.value(0).toLongLong();
        if (id != article && !flush())
            return false;
        article = id;
        spans.append({ rows.value(1).toLongLong(), rows.value(2).toLongLong() });
    }
    return flush();
}

QList<Span> Store::loadSentences(qint64 id) const
{
    QList<Span> out;
    QSqlQuery q(database());
    if (schemaVersion() < 3) {
        q.prepare(QStringLiteral("SELECT start, end FROM sentences WHERE article_id = ? ORDER BY idx"));
        q.addBindValue(id);
        if (q.exec())
            while (q.next())
                out.append({ qsizetype(q.value(0).toLongLong()), qsizetype(q.value(1).toLongLong()) });
        return out;
    }
    q.prepare(QStringLiteral("SELECT spans FROM sentence_spans WHERE article_id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return out;
    const QJsonArray spans = QJsonDocument::fromJson(q.value(0).toString().toUtf8()).array();
    out.reserve(spans.size());
    for (const QJsonValue &v : spans) {
        const QJsonArray pair = v.toArray();
        if (pair.size() == 2)
            out.append({ qsizetype(pair.at(0).toInteger()), qsizetype(pair.at(1).toInteger()) });
    }
    return out;
}

QList<CountrySalience> Store::loadCountries(qint64 id) const
{
    QList<CountrySalience> out;
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT country, salience, about FROM article_countries WHERE article_id = ? ORDER BY rank"));
    q.addBindValue(id);
    if (!q.exec())
        return out;
    while (q.next()) {
        CountrySalience c;
        c.id = q.value(0).toString();
        c.salience = q.value(1).toDouble();
        c.about = q.value(2).toBool();
        out << c;
    }
    return out;
}

bool Store::setMaxPageCount(qint64 pages)
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("PRAGMA max_page_count=%1").arg(pages));
}

bool Store::prepareWriters(QString *error)
{
    if (m_writers)
        return true;
    sqlite3 *db = sqliteHandle(database());
    if (!db)
        return fail(error, QObject::tr("cannot write store %1: not an SQLite connection").arg(m_path));
    auto w = std::make_unique<Writers>();
    const bool ok = w->article.prepare(db,
                        "INSERT INTO articles(title, source, author, url, language, text, hash, file, file_line,"
                        " imported_at, published, published_year, published_precision, published_source,"
                        " published_reason, section, dateline_place, source_country, chars, sentence_count,"
                        " mention_count, relation_count)"
                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(hash) DO NOTHING"
                        " RETURNING id")
        && w->fts.prepare(db,
            "INSERT INTO articles_fts(rowid, title, text) SELECT id, title, text FROM articles"
            " WHERE id BETWEEN ? AND ?")
        && w->sentence.prepare(db, "INSERT INTO sentence_spans(article_id, spans) VALUES (?,?)")
        && w->entity.prepare(db,
            "INSERT INTO entities(kind, key, name, country) VALUES (?,?,?,?)"
            " ON CONFLICT(kind, key) DO UPDATE SET name=name RETURNING id")
        && w->mention.prepare(db,
            "INSERT INTO mentions(article_id, entity_id, start, end, text, method, confidence,"
            " role, currency, amount, date) VALUES (?,?,?,?,?,?,?,?,?,?,?)")
        && w->date.prepare(db,
            "INSERT INTO dates(article_id, start, end, text, value, precision, relative)"
            " VALUES (?,?,?,?,?,?,?)")
        && w->relation.prepare(db,
            "INSERT INTO relations(article_id, sentence, start, end, a, b, directed, tone, quad,"
            " cameo, goldstein, cues, cue_spans, implicit, year)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
        && w->country.prepare(
            db, "INSERT INTO article_countries(article_id, rank, country, salience, about) VALUES (?,?,?,?,?)")
        && w->savepoint.prepare(db, "SAVEPOINT article") && w->release.prepare(db, "RELEASE article")
        && w->rollbackTo.prepare(db, "ROLLBACK TO article");
    if (!ok)
        return fail(error, QObject::tr("cannot prepare store %1: %2").arg(m_path, w->article.errorText()));
    m_writers = std::move(w);
    return true;
}

bool Store::beginBatch(QString *error)
{
    if (!prepareWriters(error))
        return false;
    if (!database().transaction())
        return fail(error, QObject::tr("cannot write to store %1: %2").arg(m_path, sqlError(database().lastError())));
    m_inBatch = true;
    m_batchFirstId = 0;
    m_batchLastId = 0;
    m_importedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    return true;
}

bool Store::commitBatch(QString *error)
{
    if (!m_inBatch)
        return true;
    if (m_batchFirstId > 0) {
        // The batch's articles go into the full-text index in one statement, at the end of the
        // batch: FTS5 writes its pending terms out as a new segment at every savepoint (each
        // statement that may abort opens one), so indexing article by article between the other
        // rows wrote a segment per article and spent most of the import merging them.
        SqliteStatement &fts = m_writers->fts;
        fts.bind(1, m_batchFirstId);
        fts.bind(2, m_batchLastId);
        if (!fts.exec()) {
            const QString message = fts.diskFull()
                ? QObject::tr("the disk is full: cannot write to store %1").arg(m_path)
                : QObject::tr("cannot write to store %1 (full-text index): %2").arg(m_path, fts.errorText());
            rollbackBatch();
            return fail(error, message);
        }
    }
    // The user's edits hold for what the batch added, before any reader sees it (EditLog).
    if (m_batchFirstId > 0) {
        QString why;
        if (!EditLog::applyAll(database(), &why, m_batchFirstId, m_batchLastId)) {
            rollbackBatch();
            return fail(error, QObject::tr("cannot apply the edits to store %1: %2").arg(m_path, why));
        }
    }
    QSqlDatabase db = database();
    if (!db.commit()) {
        const QSqlError e = db.lastError();
        rollbackBatch();
        return fail(error,
            isDiskFull(e) ? QObject::tr("the disk is full: cannot write to store %1").arg(m_path)
                          : QObject::tr("cannot write to store %1: %2").arg(m_path, sqlError(e)));
    }
    m_inBatch = false;
    return true;
}

void Store::rollbackBatch()
{
    if (!m_inBatch)
        return;
    database().rollback();
    m_inBatch = false;
    // Entities created in the rolled-back transaction are gone: forget their ids.
    for (QHash<QString, qint64> &ids : m_entityIds)
        ids.clear();
}

namespace {

// The tables whose secondary indexes a bulk load sets aside: the articles and the rows extracted from them. The
// corrections' tables keep theirs (EditLog reads them while a batch is applied).
constexpr const char *kBulkTables = "'articles','mentions','dates','relations','article_countries'";

// How many segments of a level the full-text index gathers before it merges them (FTS5's `automerge`): 4, its
// default, outside bulk loads; 16 during one, where the index would otherwise merge what each batch wrote again
// and again. Indexing the UN speeches batch by batch as an import does: 6.1 s of CPU at 4, 5.1 s at 16, with
// searches as fast after it (sqlite3 shell, 190 batches).
constexpr int kFtsAutomerge = 4;
constexpr int kFtsBulkAutomerge = 16;

} // namespace

bool Store::deferIndexes(QString *error)
{
    if (m_inBatch)
        return fail(error, QStringLiteral("deferIndexes inside a batch"));
    QSqlDatabase db = database();
    QSqlQuery q(db);
    const auto failed = [&](const QSqlQuery &which) {
        const QString why = sqlError(which.lastError());
        q.exec(QStringLiteral("ROLLBACK"));
        return fail(error, QObject::tr("cannot set the indexes of store %1 aside: %2").arg(m_path, why));
    };
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failed(q);
    // Indexes SQLite made for a UNIQUE or PRIMARY KEY constraint have no statement: they stay, and with them the
    // check that an article's content is stored once.
    QSqlQuery list(db);
    if (!list.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                                  " AND tbl_name IN (%1) ORDER BY name")
                       .arg(QLatin1String(kBulkTables))))
        return failed(list);
    QList<QPair<QString, QString>> indexes;
    while (list.next())
        indexes.append({ list.value(0).toString(), list.value(1).toString() });
    list.finish();
    QSqlQuery note(db);
    note.prepare(QStringLiteral("INSERT OR REPLACE INTO deferred_indexes(name, sql) VALUES (?, ?)"));
    for (const auto &[name, sql] : std::as_const(indexes)) {
        note.addBindValue(name);
        note.addBindValue(sql);
        if (!note.exec())
            return failed(note);
        if (!q.exec(QStringLiteral("DROP INDEX \"%1\"").arg(name)))
            return failed(q);
    }
    if (!q.exec(QStringLiteral("INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', %1)")
                    .arg(kFtsBulkAutomerge)))
        return failed(q);
    if (!q.exec(QStringLiteral("COMMIT")))
        return failed(q);
    // The bulk writer makes each article before its rows, and each entity before its mentions: checking every
    // row's keys against their tables (two B-tree searches a mention, a million mentions for the UN speeches) cost
    // it 0.6 s in 15 and found nothing. For this connection only, and until restoreIndexes(); a store with
    // corrections, whose edits may delete, is never bulk loaded.
    q.exec(QStringLiteral("PRAGMA foreign_keys=OFF"));
    return true;
}

bool Store::restoreIndexes(QString *error)
{
    if (m_inBatch)
        return fail(error, QStringLiteral("restoreIndexes inside a batch"));
    QSqlDatabase db = database();
    QSqlQuery q(db);
    const auto failed = [&](const QSqlQuery &which) {
        const QString why = sqlError(which.lastError());
        q.exec(QStringLiteral("ROLLBACK"));
        return fail(error, QObject::tr("cannot build the indexes of store %1: %2").arg(m_path, why));
    };
    q.exec(QStringLiteral("PRAGMA foreign_keys=ON")); // outside a transaction, where SQLite hears it
    if (!q.exec(QStringLiteral("BEGIN IMMEDIATE")))
        return failed(q);
    if (!q.exec(
            QStringLiteral("INSERT INTO articles_fts(articles_fts, rank) VALUES('automerge', %1)").arg(kFtsAutomerge)))
        return failed(q);
    // Only those that are missing: one that exists already was made by another writer since.
    QSqlQuery list(db);
    if (!list.exec(QStringLiteral("SELECT d.sql FROM deferred_indexes d WHERE NOT EXISTS (SELECT 1 FROM sqlite_master m"
                                  " WHERE m.type = 'index' AND m.name = d.name) ORDER BY d.name")))
        return failed(list);
    QStringList statements;
    while (list.next())
        statements.append(list.value(0).toString());
    list.finish();
    for (const QString &statement : std::as_const(statements)) {
        if (!q.exec(statement))
            return failed(q);
    }
    if (!q.exec(QStringLiteral("DELETE FROM deferred_indexes")) || !q.exec(QStringLiteral("COMMIT")))
        return failed(q);
    return true;
}

int Store::deferredIndexCount() const
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT count(*) FROM deferred_indexes")) && q.next() ? q.value(0).toInt() : 0;
}

qint64 Store::editCount() const
{
    QSqlQuery q(database());
    return q.exec(QStringLiteral("SELECT count(*) FROM edits")) && q.next() ? q.value(0).toLongLong() : 0;
}

bool Store::containsHash(const QByteArray &hash) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT 1 FROM articles WHERE hash = ?"));
    q.addBindValue(hash);
    return q.exec() && q.next();
}

qint64 Store::entityId(const EntityMention &m, QString *error)
{
    const QString &key = m.id.isEmpty() ? m.text : m.id;
    QHash<QString, qint64> &ids = m_entityIds[size_t(m.kind)];
    const auto it = ids.constFind(key);
    if (it != ids.constEnd())
        return *it;
    const QString kind = entityKindName(m.kind);
    SqliteStatement &q = m_writers->entity;
    const QString name = m.name.isEmpty() ? key : m.name;
    q.bind(1, kind);
    q.bind(2, key);
    q.bind(3, name);
    q.bind(4, m.country);
    if (!q.exec()) {
        fail(error,
            q.diskFull() ? QObject::tr("the disk is full: cannot write to store %1").arg(m_path)
                         : QObject::tr("cannot store entity %1: %2").arg(key, q.errorText()));
        return -1;
    }
    const qint64 id = q.resultInt64();
    ids.insert(key, id);
    return id;
}

static_assert(size_t(EntityKind::Money) + 1 == 7, "Store::m_entityIds has a table for each EntityKind");

Store::InsertResult Store::insertArticle(const ArticleRecord &r, const Annotation &a, qint64 *idOut, QString *error)
{
    if (!m_inBatch) {
        fail(error, QStringLiteral("insertArticle outside a batch"));
        return InsertResult::Failed;
    }
    Writers &w = *m_writers;
    auto failed = [&](const SqliteStatement &q, const QString &what) {
        fail(error,
            q.diskFull() ? QObject::tr("the disk is full: cannot write to store %1").arg(m_path)
                         : QObject::tr("cannot store %1 (%2): %3").arg(r.file, what, q.errorText()));
        return InsertResult::Failed;
    };
    // A savepoint keeps a failed article from leaving part of itself in the batch.
    if (!w.savepoint.exec())
        return failed(w.savepoint, QStringLiteral("savepoint"));
    auto abandon = [&](InsertResult result) {
        w.rollbackTo.exec();
        w.release.exec();
        return result;
    };

    const CodePointMap cp(r.text);
    const PartialDate &pub = r.published.date;
    const QString iso = pub.toIso();
    const QString precision = precisionName(pub.isValid() ? pub.precision : Precision::Unknown);
    const QString dateSource = dateSourceName(pub.isValid() ? r.published.source : DateSource::None);
    const QByteArray hash = r.contentHash();

    SqliteStatement &ins = w.article;
    ins.bind(1, r.title);
    ins.bind(2, r.source);
    ins.bind(3, r.author);
    ins.bind(4, r.url);
    ins.bind(5, r.language);
    if (!r.textUtf8.isEmpty())
        ins.bindText(6, r.textUtf8);
    else
        ins.bind(6, r.text);
    ins.bind(7, hash);
    ins.bind(8, r.file);
    ins.bind(9, r.fileLine);
    ins.bind(10, m_importedAt);
    if (pub.isValid()) {
        ins.bind(11, iso);
        ins.bind(12, pub.year);
    } else {
        ins.bindNull(11);
        ins.bindNull(12);
    }
    ins.bind(13, precision);
    ins.bind(14, dateSource);
    ins.bind(15, r.published.reason);
    ins.bind(16, r.section);
    ins.bind(17, r.datelinePlace);
    ins.bind(18, r.sourceCountry);
    ins.bind(19, qint64(cp.toCodePoint(r.text.size())));
    ins.bind(20, qint64(a.sentences.size()));
    ins.bind(21, qint64(a.entities.size()));
    ins.bind(22, qint64(a.relations.size()));
    if (!ins.exec())
        return abandon(failed(ins, QStringLiteral("article")));
    const qint64 id = ins.resultInt64();
    if (!ins.hasRow()) {
        // No row came back: the hash is already stored.
        abandon(InsertResult::Duplicate);
        return InsertResult::Duplicate;
    }

    if (!a.sentences.isEmpty()) {
        QList<QPair<qint64, qint64>> spans;
        spans.reserve(a.sentences.size());
        for (const Span &sentence : a.sentences)
            spans.append({ qint64(cp.toCodePoint(sentence.start)), qint64(cp.toCodePoint(sentence.end)) });
        const QByteArray json = spansJson(spans);
        w.sentence.bind(1, id);
        w.sentence.bindText(2, json);
        if (!w.sentence.exec())
            return abandon(failed(w.sentence, QStringLiteral("sentences")));
    }

    for (const EntityMention &m : a.entities) {
        const qint64 entity = entityId(m, error);
        if (entity < 0)
            return abandon(InsertResult::Failed);
        SqliteStatement &q = w.mention;
        q.bind(1, id);
        q.bind(2, entity);
        q.bind(3, qint64(cp.toCodePoint(m.span.start)));
        q.bind(4, qint64(cp.toCodePoint(m.span.end)));
        q.bind(5, m.text);
        q.bind(6, m.method);
        q.bind(7, m.confidence);
        if (!m.role.isEmpty())
            q.bind(8, m.role);
        if (!m.currency.isEmpty())
            q.bind(9, m.currency);
        if (m.kind == EntityKind::Money)
            q.bind(10, m.amount);
        const QString date = m.date.toIso();
        if (!date.isEmpty())
            q.bind(11, date);
        if (!q.exec())
            return abandon(failed(q, QStringLiteral("mentions")));
    }

    for (const DateMention &d : a.dates) {
        SqliteStatement &q = w.date;
        const QString value = d.value.toIso();
        const QString datePrecision = precisionName(d.value.precision);
        q.bind(1, id);
        q.bind(2, qint64(cp.toCodePoint(d.span.start)));
        q.bind(3, qint64(cp.toCodePoint(d.span.end)));
        q.bind(4, d.text);
        if (!value.isEmpty())
            q.bind(5, value);
        q.bind(6, datePrecision);
        q.bind(7, d.relative ? 1 : 0);
        if (!q.exec())
            return abandon(failed(q, QStringLiteral("dates")));
    }

    for (const Relation &rel : a.relations) {
        QList<QPair<qint64, qint64>> spans;
        spans.reserve(rel.cueSpans.size());
        for (const Span &s : rel.cueSpans)
            spans.append({ qint64(cp.toCodePoint(s.start)), qint64(cp.toCodePoint(s.end)) });
        const QByteArray cues = stringsJson(rel.cues);
        const QByteArray cueSpans = spansJson(spans);
        const QString tone = rel.tone.isEmpty() ? QStringLiteral("neutral") : rel.tone;
        SqliteStatement &q = w.relation;
        q.bind(1, id);
        q.bind(2, rel.sentence);
        q.bind(3, qint64(cp.toCodePoint(rel.span.start)));
        q.bind(4, qint64(cp.toCodePoint(rel.span.end)));
        q.bind(5, rel.a);
        q.bind(6, rel.b);
        q.bind(7, rel.directed ? 1 : 0);
        q.bind(8, tone);
        if (rel.quad != 0)
            q.bind(9, rel.quad);
        if (!rel.cameo.isEmpty())
            q.bind(10, rel.cameo);
        q.bind(11, rel.goldstein);
        q.bindText(12, cues);
        q.bindText(13, cueSpans);
        q.bind(14, rel.implicit ? 1 : 0);
        if (pub.isValid())
            q.bind(15, pub.year);
        if (!q.exec())
            return abandon(failed(q, QStringLiteral("relations")));
    }

    for (qsizetype i = 0; i < a.countries.size(); ++i) {
        const CountrySalience &c = a.countries[i];
        SqliteStatement &q = w.country;
        q.bind(1, id);
        q.bind(2, qint64(i));
        q.bind(3, c.id);
        q.bind(4, c.salience);
        q.bind(5, c.about ? 1 : 0);
        if (!q.exec())
            return abandon(failed(q, QStringLiteral("countries")));
    }

    if (!w.release.exec())
        return abandon(failed(w.release, QStringLiteral("savepoint")));
    if (m_batchFirstId == 0)
        m_batchFirstId = id;
    m_batchLastId = id;
    if (idOut)
        *idOut = id;
    return InsertResult::Inserted;
}

bool Store::loadArticle(qint64 id, ArticleRecord *out) const
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT title, source, author, url, language, text, file, file_line, section,"
                             " dateline_place, source_country, published, published_precision, published_source,"
                             " published_reason, hash FROM articles WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return false;
    ArticleRecord &r = *out;
    r.title = q.value(0).toString();
    r.source = q.value(1).toString();
    r.author = q.value(2).toString();
    r.url = q.value(3).toString();
    r.language = q.value(4).toString();
    r.text = q.value(5).toString();
    r.file = q.value(6).toString();
    r.fileLine = q.value(7).toInt();
    r.section = q.value(8).toString();
    r.datelinePlace = q.value(9).toString();
    r.sourceCountry = q.value(10).toString();
    r.published.date = PartialDate::fromIso(q.value(11).toString());
    r.published.date.precision
        = r.published.date.isValid() ? precisionFromName(q.value(12).toString()) : Precision::Unknown;
    r.published.source = dateSourceFromName(q.value(13).toString());
    r.published.reason = q.value(14).toString();
    r.hash = q.value(15).toByteArray();
    return true;
}

StoreStats Store::stats() const
{
    StoreStats s;
    QSqlQuery q(database());
    if (q.exec(m_server ? QStringLiteral("SELECT count(*), count(*) - count(published), min(published), max(published)"
                                         " FROM articles")
                        : QStringLiteral("SELECT count(*), sum(published IS NULL), min(published), max(published)"
                                         " FROM articles"))
        && q.next()) {
        s.articles = q.value(0).toLongLong();
        s.undated = q.value(1).toLongLong();
        s.firstDate = q.value(2).toString();
        s.lastDate = q.value(3).toString();
    }
    auto count = [&](const char *table) -> qint64 {
        QSqlQuery c(database());
        if (c.exec(QStringLiteral("SELECT count(*) FROM %1").arg(QLatin1String(table))) && c.next())
            return c.value(0).toLongLong();
        return 0;
    };
    s.entities = count("entities");
    s.mentions = count("mentions");
    s.dates = count("dates");
    s.relations = count("relations");
    if (schemaVersion() < 3) {
        s.sentences = count("sentences");
    } else {
        QSqlQuery c(database());
        if (c.exec(m_server ? QStringLiteral(
                       "SELECT coalesce(sum(json_array_length(CAST(spans AS json))), 0) FROM sentence_spans")
                            : QStringLiteral("SELECT total(json_array_length(spans)) FROM sentence_spans"))
            && c.next())
            s.sentences = c.value(0).toLongLong();
    }
    return s;
}

} // namespace entente
