#include "pgstore.h"

#include "article.h"
#include "editlog.h"
#include "rowjson.h"
#include "sqldialect.h"
#include "textoffsets.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QObject>
#include <QSqlDriver>
#include <QSqlError>
#include <QUrl>
#include <QVariant>

#include <libpq-fe.h>

namespace entente {

namespace {

// The statements of each schema version; a later version appends a step and never edits an earlier one. The
// tables are those of a store file (schema.cpp) in PostgreSQL's types; the full-text index is a generated
// tsvector column under a GIN index ('simple' configuration: words as they stand, no stemming, as the store
// file's unicode61 tokenizer reads them).
QList<QByteArray> migrationSteps(int version)
{
    switch (version) {
    case 1:
        return {
            "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
            "CREATE TABLE articles ("
            " id BIGINT PRIMARY KEY,"
            " title TEXT NOT NULL DEFAULT '',"
            " source TEXT NOT NULL DEFAULT '',"
            " author TEXT NOT NULL DEFAULT '',"
            " url TEXT NOT NULL DEFAULT '',"
            " language TEXT NOT NULL DEFAULT '',"
            " text TEXT NOT NULL,"
            " hash BYTEA NOT NULL UNIQUE,"
            " file TEXT NOT NULL DEFAULT '',"
            " file_line INTEGER NOT NULL DEFAULT 0,"
            " imported_at TEXT NOT NULL,"
            " published TEXT,"
            " published_year INTEGER,"
            " published_precision TEXT NOT NULL DEFAULT 'unknown',"
            " published_source TEXT NOT NULL DEFAULT 'none',"
            " published_reason TEXT NOT NULL DEFAULT '',"
            " section TEXT NOT NULL DEFAULT '',"
            " dateline_place TEXT NOT NULL DEFAULT '',"
            " source_country TEXT NOT NULL DEFAULT '',"
            " chars INTEGER NOT NULL,"
            " sentence_count INTEGER NOT NULL DEFAULT 0,"
            " mention_count INTEGER NOT NULL DEFAULT 0,"
            " relation_count INTEGER NOT NULL DEFAULT 0,"
            " tsv tsvector GENERATED ALWAYS AS"
            " (setweight(to_tsvector('simple', title), 'A') || to_tsvector('simple', text)) STORED)",
            // Ids come from the sequence a batch at a time (nextArticleId()), so that a batch's rows can go by COPY.
            "CREATE SEQUENCE articles_id_seq OWNED BY articles.id",
            "CREATE INDEX articles_year ON articles(published_year)",
            "CREATE INDEX articles_list ON articles(published, id)",
            "CREATE INDEX articles_tsv ON articles USING GIN (tsv)",
            "CREATE TABLE sentence_spans ("
            " article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
            " spans TEXT NOT NULL)",
            "CREATE TABLE entities ("
            " id BIGSERIAL PRIMARY KEY,"
            " kind TEXT NOT NULL,"
            " key TEXT NOT NULL,"
            " name TEXT NOT NULL,"
            " country TEXT NOT NULL DEFAULT '',"
            " UNIQUE (kind, key))",
            "CREATE TABLE mentions ("
            " id BIGSERIAL PRIMARY KEY,"
            " article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
            " entity_id BIGINT NOT NULL REFERENCES entities(id),"
            " start INTEGER NOT NULL,"
            " \"end\" INTEGER NOT NULL,"
            " text TEXT NOT NULL,"
            " method TEXT NOT NULL DEFAULT '',"
            " confidence DOUBLE PRECISION NOT NULL DEFAULT 1.0,"
            " role TEXT,"
            " currency TEXT,"
            " amount DOUBLE PRECISION,"
            " \"date\" TEXT)",
            "CREATE INDEX mentions_article ON mentions(article_id)",
            "CREATE INDEX mentions_entity ON mentions(entity_id, article_id)",
            "CREATE TABLE dates ("
            " id BIGSERIAL PRIMARY KEY,"
            " article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
            " start INTEGER NOT NULL,"
            " \"end\" INTEGER NOT NULL,"
            " text TEXT NOT NULL,"
            " value TEXT,"
            " \"precision\" TEXT NOT NULL DEFAULT 'unknown',"
            " relative INTEGER NOT NULL DEFAULT 0)",
            "CREATE INDEX dates_article ON dates(article_id)",
            "CREATE TABLE relations ("
            " id BIGSERIAL PRIMARY KEY,"
            " article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
            " sentence INTEGER NOT NULL,"
            " start INTEGER NOT NULL,"
            " \"end\" INTEGER NOT NULL,"
            " a TEXT NOT NULL,"
            " b TEXT NOT NULL,"
            " directed INTEGER NOT NULL DEFAULT 0,"
            " tone TEXT NOT NULL DEFAULT 'neutral',"
            " quad INTEGER,"
            " cameo TEXT,"
            " goldstein DOUBLE PRECISION NOT NULL DEFAULT 0,"
            " cues TEXT NOT NULL DEFAULT '[]',"
            " cue_spans TEXT NOT NULL DEFAULT '[]',"
            " implicit INTEGER NOT NULL DEFAULT 0,"
            " year INTEGER)",
            "CREATE INDEX relations_article ON relations(article_id)",
            "CREATE INDEX relations_a ON relations(a, b, tone, directed, year, goldstein)",
            "CREATE INDEX relations_b ON relations(b, a, tone, directed, year, goldstein)",
            "CREATE TABLE article_countries ("
            " article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,"
            " rank INTEGER NOT NULL,"
            " country TEXT NOT NULL,"
            " salience DOUBLE PRECISION NOT NULL,"
            " about INTEGER NOT NULL DEFAULT 0,"
            " PRIMARY KEY (article_id, rank))",
            "CREATE INDEX article_countries_country ON article_countries(country, about, article_id)",
            "CREATE TABLE edits ("
            " id BIGSERIAL PRIMARY KEY,"
            " kind TEXT NOT NULL,"
            " args TEXT NOT NULL,"
            " made_at TEXT NOT NULL,"
            " undone INTEGER NOT NULL DEFAULT 0)",
            // What a reader may do: read everything, and add corrections. Ingesting stays the writer's.
            "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'entente_reader') THEN"
            " GRANT USAGE ON SCHEMA public TO entente_reader;"
            " GRANT SELECT ON ALL TABLES IN SCHEMA public TO entente_reader;"
            " GRANT INSERT, UPDATE ON edits TO entente_reader;"
            " GRANT USAGE ON SEQUENCE edits_id_seq TO entente_reader;"
            " END IF; END $$",
        };
    case 2:
        // What a bulk load set aside (PgStore::deferIndexes), with the statement that makes each again, in order.
        return {
            "CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL, ord INTEGER NOT NULL)",
        };
    case 3:
        // Corrections on the server, as on a store file (schema.cpp's version 4, EditLog): edit_undo keeps what
        // applying an edit overwrote (`old` as text, the value as PostgreSQL writes it and reads it back; `ids` a JSON
        // array), edit_generation counts the changes edits made to the rows (CorpusCube::Stamp).
        //
        // A reader corrects too: EditLog rewrites the derived rows an edit concerns, and puts them back on undo. It may
        // thus update, insert and delete mentions, relations and entities (a merge, a new kind, an added relation or
        // alias, what undo puts back), update the ranked countries of articles and the two counts of articles that
        // follow the mentions and relations, and keep the edits' own tables. It may never add or delete an article,
        // nor touch the text, sentences or dates: an import stays the writer's (has_table_privilege('articles',
        // 'INSERT') is how the window and `entente ingest` tell the roles apart).
        return {
            "CREATE TABLE edit_undo ("
            " seq BIGSERIAL PRIMARY KEY,"
            " edit_id BIGINT NOT NULL REFERENCES edits(id) ON DELETE CASCADE,"
            " action TEXT NOT NULL,"
            " tbl TEXT NOT NULL,"
            " col TEXT NOT NULL DEFAULT '',"
            " old TEXT,"
            " ids TEXT NOT NULL DEFAULT '[]')",
            "CREATE INDEX edit_undo_edit ON edit_undo(edit_id, seq)",
            "CREATE TABLE edit_generation (generation BIGINT NOT NULL)",
            "INSERT INTO edit_generation(generation) VALUES (0)",
            "DO $$ BEGIN IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'entente_reader') THEN"
            " GRANT SELECT ON ALL TABLES IN SCHEMA public TO entente_reader;"
            " GRANT SELECT, INSERT, UPDATE ON edits TO entente_reader;"
            " GRANT SELECT, INSERT, DELETE ON edit_undo TO entente_reader;"
            " GRANT SELECT, UPDATE ON edit_generation TO entente_reader;"
            " GRANT SELECT, INSERT, UPDATE, DELETE ON mentions, relations, entities TO entente_reader;"
            " GRANT UPDATE (country) ON article_countries TO entente_reader;"
            " GRANT UPDATE (mention_count, relation_count) ON articles TO entente_reader;"
            " GRANT USAGE ON SEQUENCE edits_id_seq, edit_undo_seq_seq, mentions_id_seq, relations_id_seq,"
            " entities_id_seq TO entente_reader;"
            " END IF; END $$",
        };
    default:
        return {};
    }
}

// The tables whose secondary indexes and foreign keys a bulk load sets aside: the articles and what was extracted
// from them.
constexpr const char *kBulkTables
    = "('articles', 'sentence_spans', 'mentions', 'dates', 'relations', 'article_countries')";

// A value for COPY's text format: backslash, tab and line breaks escaped. PostgreSQL's text holds no NUL
// character: it becomes U+FFFD, one code point for one, so that every offset still holds.
void appendField(QByteArray &row, QStringView value)
{
    const QByteArray utf8 = value.toUtf8();
    row.reserve(row.size() + utf8.size() + 1);
    for (const char c : utf8) {
        switch (c) {
        case '\\':
            row += "\\\\";
            break;
        case '\t':
            row += "\\t";
            break;
        case '\n':
            row += "\\n";
            break;
        case '\r':
            row += "\\r";
            break;
        case '\0':
            row += "\xEF\xBF\xBD";
            break;
        default:
            row += c;
        }
    }
}

void appendField(QByteArray &row, qint64 value)
{
    row += QByteArray::number(value);
}

void appendField(QByteArray &row, double value)
{
    row += QByteArray::number(value, 'g', 17);
}

// Separators: a tab before each field but the first, a line break after the last.
struct Row
{
    QByteArray &out;
    bool first = true;
    Row &next()
    {
        if (!first)
            out += '\t';
        first = false;
        return *this;
    }
    Row &text(QStringView v)
    {
        appendField(next().out, v);
        return *this;
    }
    Row &textOrNull(QStringView v)
    {
        if (v.isEmpty())
            next().out += "\\N";
        else
            appendField(next().out, v);
        return *this;
    }
    Row &number(qint64 v)
    {
        appendField(next().out, v);
        return *this;
    }
    Row &real(double v)
    {
        appendField(next().out, v);
        return *this;
    }
    Row &null()
    {
        next().out += "\\N";
        return *this;
    }
    void end() { out += '\n'; }
};

// A server's message on one line: libpq's run over several ("... failed: Connection refused\n\tIs the server
// running ...?").
// libpq's words when the server asks for a password that neither the URL nor ~/.pgpass gave, or refused the one
// they gave.
bool passwordWanted(const char *message)
{
    const QByteArrayView m(message);
    return m.contains("no password supplied") || m.contains("password authentication failed");
}

QString oneLine(const char *message)
{
    return QString::fromUtf8(message).simplified();
}

QString resultError(PGresult *r, pg_conn *conn)
{
    return oneLine(r ? PQresultErrorMessage(r) : PQerrorMessage(conn));
}

// One statement's result, freed when it goes.
struct Result
{
    PGresult *r = nullptr;
    explicit Result(PGresult *result)
        : r(result)
    { }
    ~Result() { PQclear(r); }
    Result(const Result &) = delete;
    Result &operator=(const Result &) = delete;
    [[nodiscard]] bool ok() const
    {
        const ExecStatusType s = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    }
    [[nodiscard]] int rows() const { return r ? PQntuples(r) : 0; }
    [[nodiscard]] QString text(int row, int column) const { return QString::fromUtf8(PQgetvalue(r, row, column)); }
    [[nodiscard]] qint64 number(int row, int column) const
    {
        return QByteArray(PQgetvalue(r, row, column)).toLongLong();
    }
};

} // namespace

bool isServerStore(const QString &location)
{
    return location.startsWith(QLatin1String("postgresql://")) || location.startsWith(QLatin1String("postgres://"));
}

PgStore::~PgStore()
{
    // m_conn is the QPSQL connection's: closing that finishes it.
    m_conn = nullptr;
    if (!m_connectionName.isEmpty()) {
        QSqlDatabase::database(m_connectionName, false).close();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QSqlDatabase PgStore::database(QString *error) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
    if (!db.isOpen() && error)
        *error = QObject::tr("cannot read %1: the connection is closed").arg(m_location);
    return db;
}

QSqlDatabase openServerDatabase(const QString &location, const QString &connection, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
    // The parts of the URL; a password not in it comes from ~/.pgpass or the service file, as libpq reads them.
    const QUrl url(location);
    db.setHostName(url.host());
    if (url.port() > 0)
        db.setPort(url.port());
    db.setUserName(url.userName());
    if (!url.password().isEmpty())
        db.setPassword(url.password());
    db.setDatabaseName(url.path().mid(1));
    QString options = url.query(QUrl::FullyDecoded).replace(u'&', u';');
    // A server that cannot be reached is said so within seconds (libpq waits as long as the network does by
    // default): the window asks again on a worker while its connection is lost, and a user waits for the dialog.
    if (!options.contains(QLatin1String("connect_timeout")))
        options += (options.isEmpty() ? QString() : QStringLiteral(";")) + QStringLiteral("connect_timeout=10");
    db.setConnectOptions(options);
    if (!db.open() && error) {
        const QString shown = url.toString(QUrl::RemovePassword);
        if (!db.isValid()) {
            *error = QObject::tr("cannot read %1: Qt's PostgreSQL driver (QPSQL, package libqt6sql6-psql) is not "
                                 "installed")
                         .arg(shown);
        } else {
            const QString why = db.lastError().text().simplified();
            // libpq's words when the server asks for a password that neither the URL nor ~/.pgpass gave.
            *error = passwordWanted(why.toUtf8().constData())
                ? QObject::tr("cannot connect to %1: the server wants a password for %2; put it in ~/.pgpass "
                              "(host:port:database:user:password, mode 0600) or the PostgreSQL service file (%3)")
                      .arg(shown, url.userName(), why)
                : QObject::tr("cannot connect to %1: %2").arg(shown, why);
        }
    }
    return db;
}

std::unique_ptr<PgStore> PgStore::connect(const QString &url, QString *error, bool readOnly)
{
    std::unique_ptr<PgStore> store(new PgStore);
    QUrl shown(url);
    shown.setPassword(QString());
    store->m_location = shown.toString();
    // One connection, Qt's (QPSQL), whose libpq handle the batches' COPY and the migrations use as well: the edits
    // that an import applies to its new rows (EditLog::applyAll, Qt Sql queries) then run in the batch's own
    // transaction, which alone sees those rows before it commits.
    static QAtomicInteger<quint64> counter;
    store->m_connectionName = QStringLiteral("entente-pg-%1").arg(counter.fetchAndAddRelaxed(1));
    QString why;
    const QSqlDatabase db = openServerDatabase(url, store->m_connectionName, &why);
    if (!db.isOpen()) {
        if (error)
            *error = why.isEmpty() ? QObject::tr("cannot connect to %1").arg(store->m_location) : why;
        return nullptr;
    }
    const QVariant handle = db.driver()->handle();
    // Qt 6 names the type by the struct behind libpq's typedef.
    if (handle.isValid() && (qstrcmp(handle.typeName(), "PGconn*") == 0 || qstrcmp(handle.typeName(), "pg_conn*") == 0))
        store->m_conn = *static_cast<pg_conn *const *>(handle.constData());
    if (!store->m_conn || PQstatus(store->m_conn) != CONNECTION_OK) {
        if (error)
            *error
                = QObject::tr("cannot connect to %1: Qt's PostgreSQL driver gave no connection").arg(store->m_location);
        return nullptr;
    }
    // Quiet notices ("relation already exists, skipping") and a fixed text format for the values read back.
    PQsetNoticeProcessor(
        store->m_conn, [](void *, const char *) {}, nullptr);
    if (!store->exec("SET client_encoding = 'UTF8'", error, QObject::tr("the connection")))
        return nullptr;
    if (readOnly) {
        const int version = store->schemaVersion();
        if (version <= 0) {
            if (error)
                *error = QObject::tr("%1 holds no Entente store yet").arg(store->m_location);
            return nullptr;
        }
        if (version > SchemaVersion) {
            if (error)
                *error = store->newerSchema(version);
            return nullptr;
        }
        return store;
    }
    if (!store->migrate(error))
        return nullptr;
    return store;
}

int PgStore::schemaVersion() const
{
    Result exists(PQexec(m_conn, "SELECT to_regclass('schema_version') IS NOT NULL"));
    if (!exists.ok() || exists.rows() != 1 || exists.text(0, 0) != u"t")
        return 0;
    Result v(PQexec(m_conn, "SELECT coalesce(max(version), 0) FROM schema_version"));
    return v.ok() && v.rows() == 1 ? int(v.number(0, 0)) : -1;
}

bool PgStore::canWrite() const
{
    Result r(PQexec(m_conn, "SELECT has_table_privilege('articles', 'INSERT')"));
    return r.ok() && r.rows() == 1 && r.text(0, 0) == u"t";
}

bool PgStore::exec(const QByteArray &sql, QString *error, const QString &what)
{
    Result r(PQexec(m_conn, sql.constData()));
    if (r.ok())
        return true;
    if (error)
        *error = QObject::tr("%1: %2").arg(what, refusal(resultError(r.r, m_conn)));
    return false;
}

QString PgStore::newerSchema(int version) const
{
    return QObject::tr("%1 was written by a newer Entente (schema %2; this one reads up to %3)")
        .arg(m_location)
        .arg(version)
        .arg(SchemaVersion);
}

QString PgStore::refusal(const QString &what) const
{
    if (what.contains(QLatin1String("permission denied")))
        return QObject::tr("the role %1 may not write to this store (%2); ingest as entente_writer")
            .arg(QString::fromUtf8(PQuser(m_conn)), what);
    return what;
}

bool PgStore::migrate(QString *error)
{
    const QString where = QObject::tr("cannot upgrade store %1").arg(m_location);
    for (;;) {
        // Each step in a transaction of its own that holds a lock all migrations take, so that two programs that
        // open a new server store at once make its schema once.
        if (!exec("BEGIN", error, where) || !exec("SELECT pg_advisory_xact_lock(4561747474)", error, where))
            return false;
        const int version = schemaVersion();
        if (version < 0 || version >= SchemaVersion) {
            exec("ROLLBACK", nullptr, where);
            if (version > SchemaVersion) {
                if (error)
                    *error = newerSchema(version);
                return false;
            }
            if (version < 0) {
                if (error)
                    *error = QObject::tr("cannot read store %1: %2").arg(m_location, resultError(nullptr, m_conn));
                return false;
            }
            return true;
        }
        const int next = version + 1;
        for (const QByteArray &statement : migrationSteps(next)) {
            if (!exec(statement, error, QObject::tr("cannot make store %1 (schema %2)").arg(m_location).arg(next))) {
                exec("ROLLBACK", nullptr, where);
                return false;
            }
        }
        const QByteArray mark = "INSERT INTO schema_version(version, applied_at) VALUES (" + QByteArray::number(next)
            + ", '" + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toLatin1() + "')";
        if (!exec(mark, error, where) || !exec("COMMIT", error, where)) {
            exec("ROLLBACK", nullptr, where);
            return false;
        }
    }
}

StoreStats PgStore::stats() const
{
    StoreStats s;
    Result r(PQexec(m_conn,
        "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM articles WHERE published IS NULL),"
        " (SELECT coalesce(min(published), '') FROM articles), (SELECT coalesce(max(published), '') FROM articles),"
        " (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions), (SELECT count(*) FROM dates),"
        " (SELECT count(*) FROM relations), (SELECT coalesce(sum(sentence_count), 0) FROM articles)"));
    if (!r.ok() || r.rows() != 1)
        return s;
    s.articles = r.number(0, 0);
    s.undated = r.number(0, 1);
    s.firstDate = r.text(0, 2);
    s.lastDate = r.text(0, 3);
    s.entities = r.number(0, 4);
    s.mentions = r.number(0, 5);
    s.dates = r.number(0, 6);
    s.relations = r.number(0, 7);
    s.sentences = r.number(0, 8);
    return s;
}

bool PgStore::loadHashes(QSet<QByteArray> *out, QString *error) const
{
    // Binary results: the hashes as their bytes.
    PGresult *raw = PQexecParams(m_conn, "SELECT hash FROM articles", 0, nullptr, nullptr, nullptr, nullptr, 1);
    Result r(raw);
    if (!r.ok()) {
        if (error)
            *error = QObject::tr("cannot read the articles of %1: %2").arg(m_location, resultError(r.r, m_conn));
        return false;
    }
    for (int i = 0; i < r.rows(); ++i)
        out->insert(QByteArray(PQgetvalue(r.r, i, 0), PQgetlength(r.r, i, 0)));
    return true;
}

QStringList PgStore::checkConsistency(QString *error) const
{
    static const struct
    {
        const char *what;
        const char *sql;
    } checks[] = {
        { "articles whose mentions are not all there",
            "SELECT count(*) FROM articles a WHERE a.mention_count <>"
            " (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)" },
        { "articles whose relations are not all there",
            "SELECT count(*) FROM articles a WHERE a.relation_count <>"
            " (SELECT count(*) FROM relations r WHERE r.article_id = a.id)" },
        { "articles without their sentences",
            "SELECT count(*) FROM articles a WHERE a.sentence_count > 0"
            " AND NOT EXISTS (SELECT 1 FROM sentence_spans s WHERE s.article_id = a.id)" },
        { "mentions of no stored article",
            "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)" },
        { "mentions of no stored entity",
            "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.id = m.entity_id)" },
        { "relations of no stored article",
            "SELECT count(*) FROM relations r WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = r.article_id)" },
        { "dates of no stored article",
            "SELECT count(*) FROM dates d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = d.article_id)" },
    };
    QStringList problems;
    for (const auto &check : checks) {
        Result r(PQexec(m_conn, check.sql));
        if (!r.ok() || r.rows() != 1) {
            if (error)
                *error = QObject::tr("cannot check %1: %2").arg(m_location, resultError(r.r, m_conn));
            return {};
        }
        if (const qint64 n = r.number(0, 0); n > 0)
            problems << QStringLiteral("%1 %2").arg(n).arg(QLatin1String(check.what));
    }
    return problems;
}

QList<qint64> PgStore::search(const QString &query, QString *error) const
{
    const QByteArray q = query.toUtf8();
    const char *values[] = { q.constData() };
    Result r(PQexecParams(m_conn, "SELECT id FROM articles WHERE tsv @@ websearch_to_tsquery('simple', $1) ORDER BY id",
        1, nullptr, values, nullptr, nullptr, 0));
    QList<qint64> ids;
    if (!r.ok()) {
        if (error)
            *error = QObject::tr("cannot search %1: %2").arg(m_location, resultError(r.r, m_conn));
        return ids;
    }
    for (int i = 0; i < r.rows(); ++i)
        ids.append(r.number(i, 0));
    return ids;
}

bool PgStore::deferIndexes(QString *error)
{
    if (m_inBatch)
        return false;
    const QString where = QObject::tr("cannot set the indexes of store %1 aside").arg(m_location);
    if (!exec("BEGIN", error, where))
        return false;
    // Foreign keys first (dropped before the indexes they might lean on, made again after them), then the indexes
    // that back no constraint: a primary key or a UNIQUE stays, and with it the check that content is stored once.
    const QByteArray list = QByteArray("SELECT c.conname, 'ALTER TABLE ' || c.conrelid::regclass || ' ADD CONSTRAINT '"
                                       " || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid),"
                                       " 'ALTER TABLE ' || c.conrelid::regclass || ' DROP CONSTRAINT '"
                                       " || quote_ident(c.conname), 1"
                                       " FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid::regclass::text IN ")
        + kBulkTables
        + " UNION ALL SELECT i.indexname, i.indexdef, 'DROP INDEX ' || quote_ident(i.indexname), 0 FROM pg_indexes i"
          " WHERE i.schemaname = 'public' AND i.tablename IN "
        + kBulkTables
        + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = quote_ident(i.indexname)::regclass)"
          " ORDER BY 4 DESC, 1";
    Result r(PQexec(m_conn, list.constData()));
    if (!r.ok()) {
        if (error)
            *error = QObject::tr("%1: %2").arg(where, refusal(resultError(r.r, m_conn)));
        exec("ROLLBACK", nullptr, where);
        return false;
    }
    for (int i = 0; i < r.rows(); ++i) {
        const QByteArray name = r.text(i, 0).toUtf8(), make = r.text(i, 1).toUtf8();
        const QByteArray ord = QByteArray::number(r.number(i, 3));
        const char *values[] = { name.constData(), make.constData(), ord.constData() };
        Result note(PQexecParams(m_conn,
            "INSERT INTO deferred_indexes(name, sql, ord) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING", 3,
            nullptr, values, nullptr, nullptr, 0));
        if (!note.ok() || !exec(r.text(i, 2).toUtf8(), error, where)) {
            if (!note.ok() && error)
                *error = QObject::tr("%1: %2").arg(where, refusal(resultError(note.r, m_conn)));
            exec("ROLLBACK", nullptr, where);
            return false;
        }
    }
    return exec("COMMIT", error, where);
}

bool PgStore::restoreIndexes(QString *error)
{
    if (m_inBatch)
        return false;
    const QString where = QObject::tr("cannot build the indexes of store %1").arg(m_location);
    if (!exec("BEGIN", error, where))
        return false;
    // Indexes (ord 0) before the foreign keys (ord 1); only those that are missing: one that exists already was made
    // by another writer since.
    Result r(PQexec(m_conn,
        "SELECT d.sql FROM deferred_indexes d WHERE to_regclass(quote_ident(d.name)) IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = d.name) ORDER BY d.ord, d.name"));
    if (!r.ok()) {
        if (error)
            *error = QObject::tr("%1: %2").arg(where, refusal(resultError(r.r, m_conn)));
        exec("ROLLBACK", nullptr, where);
        return false;
    }
    exec("SET LOCAL maintenance_work_mem = '256MB'", nullptr, where);
    for (int i = 0; i < r.rows(); ++i) {
        if (!exec(r.text(i, 0).toUtf8(), error, where)) {
            exec("ROLLBACK", nullptr, where);
            return false;
        }
    }
    return exec("DELETE FROM deferred_indexes", error, where) && exec("COMMIT", error, where);
}

bool PgStore::analyze(QString *error)
{
    return exec("ANALYZE articles, sentence_spans, entities, mentions, dates, relations, article_countries", error,
        QObject::tr("cannot update the statistics of store %1").arg(m_location));
}

int PgStore::deferredIndexCount() const
{
    Result r(PQexec(m_conn, "SELECT count(*) FROM deferred_indexes"));
    return r.ok() && r.rows() == 1 ? int(r.number(0, 0)) : 0;
}

qint64 PgStore::editCount() const
{
    Result r(PQexec(m_conn, "SELECT count(*) FROM edits"));
    return r.ok() && r.rows() == 1 ? r.number(0, 0) : 0;
}

bool PgStore::beginBatch(QString *error)
{
    if (m_inBatch)
        return true;
    const QString what = QObject::tr("cannot write to store %1").arg(m_location);
    if (!exec("BEGIN", error, what))
        return false;
    // Edits wait for the open batches, and a batch for an edit under way (sql::lockEdits()).
    if (!exec(sql::lockEdits(sql::Dialect::PostgreSQL, false).toUtf8(), error, what)) {
        exec("ROLLBACK", nullptr, what);
        return false;
    }
    // An edit since the last batch may have taken back an entity this connection knows the id of (the undo of a
    // change of kind deletes the entity it made): the ids are asked for again.
    Result generation(PQexec(m_conn, "SELECT coalesce(max(generation), 0) FROM edit_generation"));
    const qint64 now = generation.ok() && generation.rows() == 1 ? generation.number(0, 0) : -1;
    if (now != m_editGeneration)
        m_entityIds.clear();
    m_editGeneration = now;
    m_inBatch = true;
    m_importedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    return true;
}

qint64 PgStore::nextArticleId(QString *error)
{
    if (m_reservedIds.isEmpty()) {
        // A block of ids at a time: one round trip for many articles. Ids a rolled-back batch took are not
        // used again (as with any sequence).
        Result r(PQexec(m_conn, "SELECT nextval('articles_id_seq') FROM generate_series(1, 256)"));
        if (!r.ok()) {
            if (error)
                *error = QObject::tr("cannot write to store %1: %2").arg(m_location, refusal(resultError(r.r, m_conn)));
            return -1;
        }
        for (int i = 0; i < r.rows(); ++i)
            m_reservedIds.append(r.number(i, 0));
    }
    return m_reservedIds.takeFirst();
}

qint64 PgStore::entityId(const EntityMention &m, QString *error)
{
    const QString kind = entityKindName(m.kind);
    const QString key = m.id.isEmpty() ? m.text : m.id;
    const QString cacheKey = kind + QChar(0x1f) + key;
    if (const auto it = m_entityIds.constFind(cacheKey); it != m_entityIds.constEnd())
        return *it;
    const QByteArray k = kind.toUtf8(), y = key.toUtf8(), n = (m.name.isEmpty() ? key : m.name).toUtf8(),
                     c = m.country.toUtf8();
    const char *values[] = { k.constData(), y.constData(), n.constData(), c.constData() };
    Result r(PQexecParams(m_conn,
        "INSERT INTO entities(kind, key, name, country) VALUES ($1, $2, $3, $4)"
        " ON CONFLICT (kind, key) DO UPDATE SET name = entities.name RETURNING id",
        4, nullptr, values, nullptr, nullptr, 0));
    if (!r.ok() || r.rows() != 1) {
        if (error)
            *error = QObject::tr("cannot store entity %1 in %2: %3")
                         .arg(key, m_location, refusal(resultError(r.r, m_conn)));
        return -1;
    }
    const qint64 id = r.number(0, 0);
    m_entityIds.insert(cacheKey, id);
    return id;
}

Store::InsertResult PgStore::insertArticle(const ArticleRecord &r, const Annotation &a, qint64 *idOut, QString *error)
{
    if (!m_inBatch) {
        if (error)
            *error = QStringLiteral("insertArticle outside a batch");
        return Store::InsertResult::Failed;
    }
    const QByteArray hash = r.contentHash();
    if (m_batchHashes.contains(hash) || m_storedHashes.contains(hash))
        return Store::InsertResult::Duplicate;
    const qint64 id = nextArticleId(error);
    if (id < 0)
        return Store::InsertResult::Failed;
    // Entities first: a failure leaves no row of the article in the batch's buffers.
    QList<qint64> entityIds;
    entityIds.reserve(a.entities.size());
    for (const EntityMention &m : a.entities) {
        const qint64 entity = entityId(m, error);
        if (entity < 0)
            return Store::InsertResult::Failed;
        entityIds.append(entity);
    }
    m_batchHashes.insert(hash);
    m_batchFirstId = m_batchFirstId > 0 ? std::min(m_batchFirstId, id) : id;
    m_batchLastId = std::max(m_batchLastId, id);

    const CodePointMap cp(r.text);
    const PartialDate &pub = r.published.date;
    {
        Row row { m_articles };
        row.number(id).text(r.title).text(r.source).text(r.author).text(r.url).text(r.language).text(r.text);
        row.next().out += "\\\\x" + hash.toHex();
        row.text(r.file).number(r.fileLine).text(m_importedAt);
        if (pub.isValid())
            row.text(pub.toIso()).number(pub.year);
        else
            row.null().null();
        row.text(precisionName(pub.isValid() ? pub.precision : Precision::Unknown))
            .text(dateSourceName(pub.isValid() ? r.published.source : DateSource::None))
            .text(r.published.reason)
            .text(r.section)
            .text(r.datelinePlace)
            .text(r.sourceCountry)
            .number(cp.toCodePoint(r.text.size()))
            .number(a.sentences.size())
            .number(a.entities.size())
            .number(a.relations.size())
            .end();
    }
    if (!a.sentences.isEmpty()) {
        QList<QPair<qint64, qint64>> spans;
        spans.reserve(a.sentences.size());
        for (const Span &s : a.sentences)
            spans.append({ cp.toCodePoint(s.start), cp.toCodePoint(s.end) });
        Row row { m_sentences };
        row.number(id).text(QString::fromLatin1(spansJson(spans))).end();
    }
    for (qsizetype i = 0; i < a.entities.size(); ++i) {
        const EntityMention &m = a.entities[i];
        Row row { m_mentions };
        row.number(id).number(entityIds[i]).number(cp.toCodePoint(m.span.start)).number(cp.toCodePoint(m.span.end));
        row.text(m.text).text(m.method).real(m.confidence).textOrNull(m.role).textOrNull(m.currency);
        if (m.kind == EntityKind::Money)
            row.real(m.amount);
        else
            row.null();
        row.textOrNull(m.date.toIso()).end();
    }
    for (const DateMention &d : a.dates) {
        Row row { m_dates };
        row.number(id).number(cp.toCodePoint(d.span.start)).number(cp.toCodePoint(d.span.end)).text(d.text);
        row.textOrNull(d.value.toIso()).text(precisionName(d.value.precision)).number(d.relative ? 1 : 0).end();
    }
    for (const Relation &rel : a.relations) {
        QList<QPair<qint64, qint64>> spans;
        for (const Span &s : rel.cueSpans)
            spans.append({ cp.toCodePoint(s.start), cp.toCodePoint(s.end) });
        Row row { m_relations };
        row.number(id).number(rel.sentence).number(cp.toCodePoint(rel.span.start)).number(cp.toCodePoint(rel.span.end));
        row.text(rel.a).text(rel.b).number(rel.directed ? 1 : 0);
        row.text(rel.tone.isEmpty() ? QStringLiteral("neutral") : rel.tone);
        if (rel.quad != 0)
            row.number(rel.quad);
        else
            row.null();
        row.textOrNull(rel.cameo).real(rel.goldstein);
        row.text(QString::fromUtf8(stringsJson(rel.cues)));
        row.text(QString::fromLatin1(spansJson(spans)));
        row.number(rel.implicit ? 1 : 0);
        if (pub.isValid())
            row.number(pub.year);
        else
            row.null();
        row.end();
    }
    for (qsizetype i = 0; i < a.countries.size(); ++i) {
        const CountrySalience &c = a.countries[i];
        Row row { m_countries };
        row.number(id).number(i).text(c.id).real(c.salience).number(c.about ? 1 : 0).end();
    }
    if (idOut)
        *idOut = id;
    return Store::InsertResult::Inserted;
}

bool PgStore::copy(const char *table, const QByteArray &columns, const QByteArray &rows, QString *error)
{
    if (rows.isEmpty())
        return true;
    const QString what = QObject::tr("cannot write to store %1 (%2)").arg(m_location, QLatin1String(table));
    const QByteArray sql = "COPY " + QByteArray(table) + " (" + columns + ") FROM STDIN";
    {
        Result start(PQexec(m_conn, sql.constData()));
        if (PQresultStatus(start.r) != PGRES_COPY_IN) {
            if (error)
                *error = QObject::tr("%1: %2").arg(what, refusal(resultError(start.r, m_conn)));
            return false;
        }
    }
    bool sent = PQputCopyData(m_conn, rows.constData(), int(rows.size())) == 1;
    sent = PQputCopyEnd(m_conn, sent ? nullptr : "the client could not send the rows") == 1 && sent;
    bool ok = sent;
    QString why;
    while (PGresult *r = PQgetResult(m_conn)) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            ok = false;
            why = resultError(r, m_conn);
        }
        PQclear(r);
    }
    if (!ok && error)
        *error = QObject::tr("%1: %2").arg(what, refusal(why.isEmpty() ? resultError(nullptr, m_conn) : why));
    return ok;
}

bool PgStore::commitBatch(QString *error)
{
    if (!m_inBatch)
        return true;
    const bool ok = copy("articles",
                        "id, title, source, author, url, language, text, hash, file, file_line, imported_at,"
                        " published, published_year, published_precision, published_source, published_reason,"
                        " section, dateline_place, source_country, chars, sentence_count, mention_count,"
                        " relation_count",
                        m_articles, error)
        && copy("sentence_spans", "article_id, spans", m_sentences, error)
        && copy("mentions",
            "article_id, entity_id, start, \"end\", text, method, confidence, role, currency, amount, \"date\"",
            m_mentions, error)
        && copy("dates", "article_id, start, \"end\", text, value, \"precision\", relative", m_dates, error)
        && copy("relations",
            "article_id, sentence, start, \"end\", a, b, directed, tone, quad, cameo, goldstein, cues, cue_spans,"
            " implicit, year",
            m_relations, error)
        && copy("article_countries", "article_id, rank, country, salience, about", m_countries, error)
        && applyEdits(error) && exec("COMMIT", error, QObject::tr("cannot write to store %1").arg(m_location));
    if (!ok) {
        rollbackBatch();
        return false;
    }
    m_inBatch = false;
    for (QByteArray *b : { &m_articles, &m_sentences, &m_mentions, &m_dates, &m_relations, &m_countries })
        b->clear();
    m_storedHashes.unite(m_batchHashes);
    m_batchHashes.clear();
    m_batchFirstId = 0;
    m_batchLastId = -1;
    return true;
}

bool PgStore::applyEdits(QString *error)
{
    if (m_batchFirstId <= 0)
        return true;
    // As on a store file (Store::commitBatch): the edits hold for what the batch added before any reader sees it.
    QString why;
    if (EditLog::applyAll(database(), &why, m_batchFirstId, m_batchLastId)) {
        // The generation this batch's own edits moved to: they took no entity back.
        Result generation(PQexec(m_conn, "SELECT coalesce(max(generation), 0) FROM edit_generation"));
        if (generation.ok() && generation.rows() == 1)
            m_editGeneration = generation.number(0, 0);
        return true;
    }
    if (error)
        *error = QObject::tr("cannot apply the edits to store %1: %2").arg(m_location, why);
    return false;
}

void PgStore::rollbackBatch()
{
    if (!m_inBatch)
        return;
    exec("ROLLBACK", nullptr, QString());
    m_inBatch = false;
    for (QByteArray *b : { &m_articles, &m_sentences, &m_mentions, &m_dates, &m_relations, &m_countries })
        b->clear();
    m_batchHashes.clear();
    m_batchFirstId = 0;
    m_batchLastId = -1;
    // Entities made in the rolled-back transaction are gone: forget their ids.
    m_entityIds.clear();
}

} // namespace entente
