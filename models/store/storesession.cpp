#include "storesession.h"

#include "pgstore.h"
#include "store.h"

#include <QCoreApplication>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <unordered_map>
#include <vector>

namespace entente {

namespace {

// Connections whose session went away in another thread than theirs, each waiting for its own thread to close it
// (a QSqlDatabase can only be closed in the thread that opened it): a worker's, when its thread next asks for a
// connection or finishes.
QMutex g_orphanMutex;
using Orphans = std::unordered_map<QThread *, std::vector<std::unique_ptr<Store>>>;
// Never destroyed: the orphans of threads that end only as the process does (the pools' threads) would be closed by
// the exit handlers, after Qt Sql's own globals are gone (a crash on the way out). The process's end closes them.
Orphans &orphans()
{
    static auto *map = new Orphans;
    return *map;
}

void reapOrphans(QThread *thread)
{
    std::vector<std::unique_ptr<Store>> stores;
    {
        QMutexLocker lock(&g_orphanMutex);
        const auto it = orphans().find(thread);
        if (it == orphans().end())
            return;
        stores = std::move(it->second);
        orphans().erase(it);
    }
}

// Hands `store` back to `thread` to be closed there.
void orphan(QThread *thread, std::unique_ptr<Store> store)
{
    QCoreApplication *app = QCoreApplication::instance();
    if (app && thread == app->thread()) {
        // The GUI thread's event loop closes it.
        std::shared_ptr<Store> shared(store.release());
        QMetaObject::invokeMethod(
            app, [shared]() mutable { shared.reset(); }, Qt::QueuedConnection);
        return;
    }
    QMutexLocker lock(&g_orphanMutex);
    orphans()[thread].push_back(std::move(store));
}

} // namespace

StoreSession::StoreSession(const QString &path)
    : m_path(path)
{ }

StoreSession::~StoreSession()
{
    // The last holder of a session may be a worker whose request ended after its model let go, or the GUI thread
    // while workers keep connections: each connection goes back to its own thread.
    QThread *here = QThread::currentThread();
    for (auto &[thread, store] : m_readers)
        if (thread != here && store)
            orphan(thread, std::move(store));
}

std::shared_ptr<StoreSession> StoreSession::open(const QString &path, QString *error)
{
    if (path.isEmpty())
        return nullptr;
    std::shared_ptr<StoreSession> session(new StoreSession(path));
    auto store = std::make_unique<Store>();
    if (isServerStore(path) ? !store->openServer(path, error) : !store->open(path, Store::OpenMode::ReadOnly, error))
        return nullptr;
    session->m_server = store->isServer();
    session->m_canWrite = store->canWrite();
    if (!store->isServer())
        session->m_readOnlyReason = Store::whyReadOnly(path);
    session->m_readers.emplace(QThread::currentThread(), std::move(store));
    return session;
}

const Store *StoreSession::reader() const
{
    QThread *thread = QThread::currentThread();
    reapOrphans(thread);
    QMutexLocker lock(&m_mutex);
    const int generation = m_generation.load();
    if (const auto it = m_readers.find(thread); it != m_readers.end()) {
        if (!m_server || m_readerGenerations[thread] == generation)
            return it->second.get();
        // Opened before the server was lost: that connection is dead. Opened again in place, so that the Store stays
        // where its users hold it, and outside the lock (only this thread touches its own Store).
        Store *store = toReopen(it, generation);
        lock.unlock();
        store->openServer(m_path);
        return store;
    }
    auto store = std::make_unique<Store>();
    if (m_server ? !store->openServer(m_path) : !store->open(m_path, Store::OpenMode::ReadOnly))
        store.reset();
    const Store *reader = store.get();
    m_readers.emplace(thread, std::move(store));
    m_readerGenerations[thread] = generation;
    // A worker's connection closes in that thread as it finishes, not in whichever thread drops the session.
    if (QCoreApplication::instance() && thread != QCoreApplication::instance()->thread()) {
        std::weak_ptr<const StoreSession> self = weak_from_this();
        QObject::connect(
            thread, &QThread::finished, thread,
            [self, thread] {
                if (const auto session = self.lock())
                    session->dropReader(thread);
                reapOrphans(thread);
            },
            Qt::DirectConnection);
    }
    return reader;
}

StoreSession::ServerCheck StoreSession::checkServer() const
{
    ServerCheck check;
    if (!m_server) {
        check.reachable = true;
        return check;
    }
    const auto ask = [&check](const Store *store) {
        if (!store || !store->isOpen())
            return false;
        QSqlQuery q(store->database());
        const QString maxima = QStringLiteral("SELECT (SELECT coalesce(max(id), 0) FROM articles),"
                                              " (SELECT coalesce(max(id), 0) FROM relations)");
        // A store of schema 2 has no edit_generation (no corrections on servers then).
        const bool withEdits
            = q.exec(maxima + QStringLiteral(", (SELECT coalesce(max(generation), 0) FROM edit_generation)"));
        if (!(withEdits || q.exec(maxima)) || !q.next())
            return false;
        check.maxArticle = q.value(0).toLongLong();
        check.maxRelation = q.value(1).toLongLong();
        check.editGeneration = withEdits ? q.value(2).toLongLong() : 0;
        return true;
    };
    const Store *store = reader();
    bool answered = ask(store);
    if (!answered) {
        // This thread's connection is dead, or the server is gone: one new connection tells which (outside the lock:
        // a server that does not answer may take a while to say so).
        QThread *thread = QThread::currentThread();
        Store *own = nullptr;
        {
            QMutexLocker lock(&m_mutex);
            if (const auto it = m_readers.find(thread); it != m_readers.end())
                own = toReopen(it, m_generation.load());
        }
        answered = own && own->openServer(m_path) && ask(own);
    }
    if (!answered) {
        m_lost = true;
        return check;
    }
    check.reachable = true;
    if (m_lost.exchange(false)) {
        // Every other thread's connection was opened before: each opens a new one as it next reads.
        QMutexLocker lock(&m_mutex);
        m_readerGenerations[QThread::currentThread()] = ++m_generation;
        check.reconnected = true;
    }
    return check;
}

Store *StoreSession::toReopen(Readers::iterator it, int generation) const
{
    if (!it->second)
        it->second = std::make_unique<Store>();
    m_readerGenerations[it->first] = generation;
    return it->second.get();
}

void StoreSession::dropReader(QThread *thread) const
{
    std::unique_ptr<Store> store;
    {
        QMutexLocker lock(&m_mutex);
        const auto it = m_readers.find(thread);
        if (it == m_readers.end())
            return;
        store = std::move(it->second);
        m_readers.erase(it);
        m_readerGenerations.erase(thread);
    }
}

} // namespace entente
