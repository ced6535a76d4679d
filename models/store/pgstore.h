#pragma once

#include "articlesink.h"
#include "store.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <memory>

struct pg_conn;

namespace entente {

// Is `location` a PostgreSQL server store ("postgresql://user@host:port/db", or "postgres://...") rather than a
// store file?
[[nodiscard]] bool isServerStore(const QString &location);

// A Qt Sql connection (QPSQL) named `connection` to the server store at `url`, open, or not open with `error` set.
// A password not in the URL comes from ~/.pgpass or the service file, as libpq reads them; a server that asks for one
// it was not given is answered with where to put it.
QSqlDatabase openServerDatabase(const QString &url, const QString &connection, QString *error = nullptr);

// A store on a PostgreSQL server, for a team's archive: the same tables as a store file (Store), made and
// upgraded by versioned migrations of its own, with the full-text index as a tsvector column under a GIN index
// (searched with websearch_to_tsquery, the syntax users know from the window). Articles go in through batches,
// each one transaction, so that a reader sees whole articles only; a batch's rows travel by COPY, not row by row.
//
// Connection: one, Qt's QPSQL (openServerDatabase()), whose libpq handle the batches' COPY uses; a password comes from
// ~/.pgpass or the service file (PGPASSFILE, PGSERVICEFILE), never from the program. Roles: entente_writer makes the
// schema and ingests; entente_reader reads and corrects (EditLog: it may rewrite the extracted rows an edit concerns,
// never add an article; the migrations grant it that). A role that may not write is told so when a batch is refused. A
// batch applies the stored edits to its articles before it commits, as on a store file.
//
//     QString error;
//     auto store = PgStore::connect(QStringLiteral("postgresql://entente_writer@db.example/entente"), &error);
//     store->beginBatch(&error);
//     store->insertArticle(record, annotation, nullptr, &error);
//     store->commitBatch(&error);
class PgStore : public ArticleSink
{
public:
    // The schema version this program writes (its own numbering, apart from Store's).
    static constexpr int SchemaVersion = 3;

    ~PgStore() override;
    PgStore(const PgStore &) = delete;
    PgStore &operator=(const PgStore &) = delete;

    // Connects, and (unless `readOnly`) makes or upgrades the schema. nullptr with `error` set when the server
    // cannot be reached, refuses the role, or holds a schema newer than this program's.
    [[nodiscard]] static std::unique_ptr<PgStore> connect(
        const QString &url, QString *error = nullptr, bool readOnly = false);

    // The URL without a password, for messages.
    [[nodiscard]] QString location() const override { return m_location; }
    [[nodiscard]] int schemaVersion() const;
    // Whether the connected role may add articles (entente_writer, or the schema's owner).
    [[nodiscard]] bool canWrite() const;

    [[nodiscard]] StoreStats stats() const;
    // The Qt Sql connection (QPSQL) the store writes through, for the queries Store's readers share (Exporter) and the
    // edits (EditLog): the same session as the batches', closed with the store.
    [[nodiscard]] QSqlDatabase database(QString *error = nullptr) const;
    // The content hashes of every stored article (what an import skips).
    bool loadHashes(QSet<QByteArray> *out, QString *error = nullptr) const;
    // The ids of the articles that a full-text search finds, in increasing order (websearch_to_tsquery syntax:
    // words, "a phrase", OR, -word).
    // What the rows say of each other, one problem a line: articles whose stored counts do not match their
    // mentions, relations or sentences; rows whose article or entity is missing (a bulk load's foreign keys are off
    // until its end). Empty when all is well; `error` set when the server could not be asked.
    [[nodiscard]] QStringList checkConsistency(QString *error = nullptr) const;
    [[nodiscard]] QList<qint64> search(const QString &query, QString *error = nullptr) const;

    bool beginBatch(QString *error = nullptr) override;
    Store::InsertResult insertArticle(const ArticleRecord &record, const Annotation &annotation, qint64 *id = nullptr,
        QString *error = nullptr) override;
    bool commitBatch(QString *error = nullptr) override;
    void rollbackBatch() override;
    // A bulk load on a server sets aside the foreign keys of the extracted rows as well as the secondary indexes
    // (the full-text index included): PostgreSQL checks a foreign key row by row, and adding it again checks the
    // whole table in one join.
    bool deferIndexes(QString *error = nullptr) override;
    bool restoreIndexes(QString *error = nullptr) override;
    [[nodiscard]] int deferredIndexCount() const override;
    // The planner's statistics of the tables an import filled, taken again: after a bulk load they still describe the
    // tables as they were, and the window's queries get plans for a few rows (a year range over the UN corpus took
    // 370 ms instead of 190).
    bool analyze(QString *error = nullptr);
    [[nodiscard]] qint64 editCount() const override;

private:
    PgStore() = default;
    bool migrate(QString *error);
    // The stored edits applied to the open batch's articles, in its transaction (EditLog::applyAll).
    bool applyEdits(QString *error);
    bool exec(const QByteArray &sql, QString *error, const QString &what);
    bool copy(const char *table, const QByteArray &columns, const QByteArray &rows, QString *error);
    qint64 entityId(const EntityMention &m, QString *error);
    qint64 nextArticleId(QString *error);
    // A server's refusal in words: a role that may not write is named as such.
    [[nodiscard]] QString refusal(const QString &what) const;
    // Why a store of schema `version`, newer than SchemaVersion, is refused.
    [[nodiscard]] QString newerSchema(int version) const;

    pg_conn *m_conn = nullptr;
    QString m_location;
    bool m_inBatch = false;
    // Rows of the open batch, in COPY's text format, a buffer for each table.
    QByteArray m_articles, m_sentences, m_mentions, m_dates, m_relations, m_countries;
    QHash<QString, qint64> m_entityIds; // kind + '\x1f' + key -> entities.id (forgotten when a batch rolls back)
    qint64 m_editGeneration = -1; // edit_generation as the last batch began: m_entityIds hold under it
    QSet<QByteArray> m_batchHashes; // the contents in the open batch: a second copy is a duplicate
    QSet<QByteArray> m_storedHashes; // ... and those this connection committed
    QList<qint64> m_reservedIds; // article ids taken from the sequence and not used yet
    qint64 m_batchFirstId = 0; // the smallest and largest article id of the open batch (none: 0, -1)
    qint64 m_batchLastId = -1;
    QString m_importedAt;
    QString m_connectionName; // the QPSQL connection, whose libpq handle m_conn is
};

} // namespace entente
