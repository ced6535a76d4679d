#pragma once

#include <QMutex>
#include <QString>
#include <QtGlobal>

#include <atomic>
#include <memory>
#include <unordered_map>

class QThread;

namespace entente {

class Store;

// One open store as the window reads it: its read-only connections, one for each thread that asks (an SQLite or
// QPSQL connection belongs to the thread that opened it), on a store file or on a PostgreSQL server (its URL), opened
// on first use and closed when that thread finishes or the session goes. Item models and panes share the window's
// session; none of them opens a store of its own. An import writes through its own Store on the same file (WAL lets the
// readers go on meanwhile), or its own PgStore on the server (each batch one transaction).
//
//     std::shared_ptr<StoreSession> session = StoreSession::open(path, &error);
//     model->setSession(session);
//     QSqlQuery q(session->reader()->database());   // this thread's connection
class StoreSession : public std::enable_shared_from_this<StoreSession>
{
public:
    // A session on the store at `path`, with this thread's connection open; nullptr with `error` set when the
    // store cannot be opened for reading, and nullptr without an error for an empty path.
    [[nodiscard]] static std::shared_ptr<StoreSession> open(const QString &path, QString *error = nullptr);
    ~StoreSession();
    StoreSession(const StoreSession &) = delete;
    StoreSession &operator=(const StoreSession &) = delete;

    [[nodiscard]] QString path() const { return m_path; }
    // A store on a PostgreSQL server (path() is its URL), not a file.
    [[nodiscard]] bool isServer() const { return m_server; }
    // Whether the role the session connected as may import into the store: for a store file, unless this user may
    // not write it (readOnlyReason()); only for a role with the right to (entente_writer) on a server. Asked once, as
    // the session opens.
    [[nodiscard]] bool canWrite() const { return m_canWrite; }
    // Why this user may not write the store file (Store::whyReadOnly(): "the file is read-only for this user"); empty
    // for one it may write, and for a server store.
    [[nodiscard]] QString readOnlyReason() const { return m_readOnlyReason; }
    // The calling thread's read-only connection, opened on first use; nullptr when it cannot be opened (the
    // file went away, say). On a server, a connection opened before a lost connection came back (checkServer()) is
    // opened again first.
    [[nodiscard]] const Store *reader() const;

    // What checkServer() found.
    struct ServerCheck
    {
        bool reachable = false;
        // The server answers again after a check that found it unreachable: every thread's connection is opened
        // anew (reader()), and what the window shows should be read again.
        bool reconnected = false;
        // The newest article and relation, for the window to see that another program imported into the store.
        qint64 maxArticle = 0;
        qint64 maxRelation = 0;
        // ... and EditLog's generation, for the edits another window made (CorpusCube::Stamp::edits).
        qint64 editGeneration = 0;
    };
    // Whether the server still answers, asked on the calling thread's connection (a worker's: a server that does not
    // answer must not hold the window), with two index look-ups. A connection that fails is opened again once; when
    // that fails too, the server is unreachable until a later check finds it back. For a store file: reachable.
    [[nodiscard]] ServerCheck checkServer() const;

private:
    using Readers = std::unordered_map<QThread *, std::unique_ptr<Store>>;

    explicit StoreSession(const QString &path);
    void dropReader(QThread *thread) const;
    // The Store of the reader `it` (made if it has none), noted as opened under `generation`: for the caller to open
    // it again, outside the lock it holds now.
    Store *toReopen(Readers::iterator it, int generation) const;

    QString m_path;
    bool m_server = false;
    bool m_canWrite = true;
    QString m_readOnlyReason;
    mutable QMutex m_mutex;
    mutable Readers m_readers;
    // On a server: bumped when the connection comes back; a thread's connection opened under an older one is opened
    // again (m_readerGenerations, under m_mutex).
    mutable std::atomic<int> m_generation = 0;
    mutable std::atomic<bool> m_lost = false;
    mutable std::unordered_map<QThread *, int> m_readerGenerations;
};

} // namespace entente
