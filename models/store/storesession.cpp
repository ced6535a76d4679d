#include "storesession.h"

#include "pgstore.h"
#include "store.h"

#include <QCoreApplication>
#include <QThread>

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
    session->m_canWrite = !store->isServer() || store->canWrite();
    session->m_readers.emplace(QThread::currentThread(), std::move(store));
    return session;
}

const Store *StoreSession::reader() const
{
    QThread *thread = QThread::currentThread();
    reapOrphans(thread);
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_readers.find(thread); it != m_readers.end())
        return it->second.get();
    auto store = std::make_unique<Store>();
    if (m_server ? !store->openServer(m_path) : !store->open(m_path, Store::OpenMode::ReadOnly))
        store.reset();
    const Store *reader = store.get();
    m_readers.emplace(thread, std::move(store));
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
    }
}

} // namespace entente
