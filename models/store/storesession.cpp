#include "storesession.h"

#include "store.h"

#include <QCoreApplication>
#include <QThread>

namespace entente {

StoreSession::StoreSession(const QString &path)
    : m_path(path)
{ }

StoreSession::~StoreSession() = default;

std::shared_ptr<StoreSession> StoreSession::open(const QString &path, QString *error)
{
    if (path.isEmpty())
        return nullptr;
    std::shared_ptr<StoreSession> session(new StoreSession(path));
    auto store = std::make_unique<Store>();
    if (!store->open(path, Store::OpenMode::ReadOnly, error))
        return nullptr;
    session->m_readers.emplace(QThread::currentThread(), std::move(store));
    return session;
}

const Store *StoreSession::reader() const
{
    QThread *thread = QThread::currentThread();
    QMutexLocker lock(&m_mutex);
    if (const auto it = m_readers.find(thread); it != m_readers.end())
        return it->second.get();
    auto store = std::make_unique<Store>();
    if (!store->open(m_path, Store::OpenMode::ReadOnly))
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
