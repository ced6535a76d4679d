#pragma once

#include "annotation.h"

#include <QDateTime>
#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <array>
#include <memory>

namespace entente {

struct ArticleRecord;

// Counts for `entente stats` and the status bar.
struct StoreStats
{
    qint64 articles = 0;
    qint64 undated = 0;
    QString firstDate; // ISO, earliest published date
    QString lastDate;
    qint64 entities = 0;
    qint64 mentions = 0;
    qint64 dates = 0;
    qint64 relations = 0;
    qint64 sentences = 0;
};

// One Entente document store: a single SQLite file opened through Qt Sql (QSQLITE) on a
// connection of its own. A Store belongs to the thread that opened it: each thread that
// reads or writes opens its own Store on the same file (WAL lets readers run beside the
// one writer).
//
//     entente::Store store;
//     QString error;
//     if (!store.open(path, entente::Store::OpenMode::CreateIfMissing, &error))
//         qWarning("%s", qPrintable(error));
//
// Opening refuses, without writing a byte, a file that is not SQLite, an SQLite file that
// is not an Entente store, and a store written by a newer schema than this program knows.
class Store
{
public:
    // Version 1: articles, FTS5 index, sentences, entities, mentions, dates, relations.
    // Version 2: article_countries, each article's countries ranked by salience (about or mentioned).
    // Version 3: sentence_spans, each article's sentences in one row, in place of the sentences table.
    // Version 4: edits, edit_undo and edit_generation, the user's corrections on top of extraction (EditLog).
    // Version 5: deferred_indexes, the secondary indexes a bulk load set aside until its end.
    static constexpr int SchemaVersion = 5;
    // PRAGMA application_id: "Entt". Marks the file as an Entente store for `file(1)` and us.
    static constexpr quint32 ApplicationId = 0x456E7474;

    enum class OpenMode { CreateIfMissing, ExistingOnly, ReadOnly };

    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    bool open(const QString &path, OpenMode mode = OpenMode::CreateIfMissing, QString *error = nullptr);
    // Opens the store on a PostgreSQL server at `url` ("postgresql://user@host:port/db") for reading, on a QPSQL
    // connection whose transactions are read-only, as the window reads it; false with `error` set when the server
    // cannot be reached, refuses the role, or holds no store (or a newer one). open() refuses a URL.
    // With another `mode` than ReadOnly, the connection may write, for corrections (EditLog) only, which both roles
    // may make: a store of an older schema is upgraded first (PgStore::connect(), as the writer).
    bool openServer(const QString &url, QString *error = nullptr, OpenMode mode = OpenMode::ReadOnly);
    // Opens the store at `location` for corrections (EditLog): a store file writable (and existing), a server's
    // store on a connection that may write (openServer()).
    bool openForEdits(const QString &location, QString *error = nullptr);

    // A read-only Store on `path` for an item model; nullptr (with `error` set) when it cannot be
    // opened, and nullptr without an error for an empty path.
    [[nodiscard]] static std::unique_ptr<Store> openReader(const QString &path, QString *error = nullptr);
    void close();

    [[nodiscard]] bool isOpen() const;
    // A store on a PostgreSQL server (opened from its URL, read-only, on a QPSQL connection), not a file. Its
    // database() takes the same queries but where sql::Dialect says otherwise.
    [[nodiscard]] bool isServer() const { return m_server; }
    // Whether the connected role may add articles to a server store (entente_writer); a store file may unless this
    // user may not write it (whyReadOnly()), whichever mode it was opened in.
    [[nodiscard]] bool canWrite() const;
    [[nodiscard]] QString path() const { return m_path; }
    [[nodiscard]] QSqlDatabase database() const;
    [[nodiscard]] int schemaVersion() const;

    // Looks at a file's SQLite header only: empty when `path` can be opened as an Entente
    // store (or does not exist), otherwise the reason it cannot. Never writes.
    [[nodiscard]] static QString checkFile(const QString &path);
    // Why this process's user may not write the store file at `path` ("the file is read-only for this user", "its
    // folder is read-only for this user": SQLite makes its -wal and -shm there); empty when it may, or when there is no
    // such file. Such a store opens only read-only (open() refuses the other modes with this reason), and with no
    // -wal beside it, it is read as immutable: no lock, no side file made (an archive on a read-only share, a disc,
    // a colleague's folder). A -wal with changes in it that SQLite cannot read there is refused with a message
    // saying the store was not closed cleanly.
    [[nodiscard]] static QString whyReadOnly(const QString &path);

    // Writing. Articles go in through batches: each batch is one transaction, so an article
    // is stored with all of its annotations or not at all. The full-text index takes in a
    // batch's articles when it is committed: a search sees them once commitBatch() returns.
    bool beginBatch(QString *error = nullptr);
    bool commitBatch(QString *error = nullptr);
    void rollbackBatch();

    enum class InsertResult { Inserted, Duplicate, Failed };
    // Stores an article and what the extraction found in it. Offsets in `annotation` are UTF-16
    // indices into record.text; the store keeps code points (the annotate contract).
    InsertResult insertArticle(
        const ArticleRecord &record, const Annotation &annotation, qint64 *id = nullptr, QString *error = nullptr);
    [[nodiscard]] bool containsHash(const QByteArray &hash) const;

    // Bulk loads. deferIndexes() drops the secondary indexes of the articles and their extracted rows (mentions,
    // dates, relations, ranked countries) and notes in the store how to make each again; restoreIndexes() makes
    // them again and clears the note. In between, every query still gives the same answers, only slower: an
    // import that adds as many articles as the store holds spends less time building the indexes once, by
    // sorting, than keeping them up to date row by row. Neither runs inside a batch; each is one transaction.
    bool deferIndexes(QString *error = nullptr);
    bool restoreIndexes(QString *error = nullptr);
    // How many indexes wait to be made again (a bulk load running, or one stopped before its end).
    [[nodiscard]] int deferredIndexCount() const;
    // How many corrections the store holds (EditLog), taken back or not.
    [[nodiscard]] qint64 editCount() const;

    [[nodiscard]] StoreStats stats() const;

    // How thorough checkIntegrity() is: Quick is SQLite's quick_check (every page read, the structure of each
    // table and index checked, linear in the file's size); Full adds integrity_check (each index against its
    // table) and the full-text index's own check against the articles (not on a store file this user may not write:
    // that check is an INSERT, which SQLite refuses there).
    enum class Check { Quick, Full };
    // What is wrong with the store's file, in words, one problem a line ("page 2: ..."); empty when nothing is.
    // Reads only. At most `maxProblems` problems are listed.
    [[nodiscard]] QStringList checkIntegrity(Check how = Check::Quick, int maxProblems = 10) const;

    // One stored article (text and metadata, no annotations); false when there is none with `id`.
    bool loadArticle(qint64 id, ArticleRecord *out) const;
    // The countries of article `id` by salience, as Annotation::countries was stored (without mentions and
    // reasons, which are not kept); empty for none or a store before schema 2.
    [[nodiscard]] QList<CountrySalience> loadCountries(qint64 id) const;
    // The sentences of article `id` in order, as code point offsets into its text (as stored); empty for none.
    // Reads stores of every schema (a store opened read-only is not upgraded).
    [[nodiscard]] QList<Span> loadSentences(qint64 id) const;
    [[nodiscard]] QString lastError() const { return m_lastError; }

    // For tests that simulate a full disk: SQLite then fails writes with SQLITE_FULL.
    bool setMaxPageCount(qint64 pages);

private:
    [[nodiscard]] static QString checkFileOnce(const QString &path);

    bool configure(bool readOnly, QString *error);
    // PgStore's schema version of a server store: 0 for none, -1 when it cannot be read.
    [[nodiscard]] int serverSchemaVersion() const;
    bool migrate(QString *error);
    // Ranks the countries of every stored article from its stored annotations, for a store upgraded to
    // schema 2: the same ranking an import now stores. Inside the upgrade's transaction.
    bool rankStoredArticles(QString *why);
    // Packs the rows of the sentences table into sentence_spans and drops it, for a store upgraded to schema 3.
    // Inside the upgrade's transaction.
    bool packStoredSentences(QString *why);
    bool prepareWriters(QString *error);
    qint64 entityId(const EntityMention &m, QString *error);
    bool fail(QString *error, const QString &message);

    struct Writers;
    QString m_path;
    QString m_connection;
    std::unique_ptr<Writers> m_writers;
    // id (or text) -> entities.id, a table for each EntityKind: the writer looks one up for every mention.
    std::array<QHash<QString, qint64>, 7> m_entityIds;
    QString m_importedAt;
    QString m_lastError;
    bool m_inBatch = false;
    bool m_server = false;
    // A store file this user may not write (whyReadOnly() as it was opened).
    bool m_readOnlyFile = false;
    // The first and last article ids this batch inserted (ids only grow): what commitBatch() indexes.
    qint64 m_batchFirstId = 0;
    qint64 m_batchLastId = 0;
};

} // namespace entente
