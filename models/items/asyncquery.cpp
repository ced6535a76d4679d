#include "asyncquery.h"

#include <QCoreApplication>
#include <QMutex>
#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace entente {

namespace {
std::atomic<bool> g_synchronous = false;
std::atomic<int> g_busy = 0;
QMutex g_hookMutex;
AsyncQuery::WorkerHook g_hook;
} // namespace

AsyncQuery::AsyncQuery(QObject *parent)
    : QObject(parent)
{ }

AsyncQuery::~AsyncQuery()
{
    if (m_busy)
        --g_busy;
    // Requests still on a worker find themselves stale and skip their work; their watchers go with this object.
    ++*m_latest;
}

QThreadPool *AsyncQuery::pool()
{
    // Not the global pool: CorpusCube loads there, for seconds on a big store, and a request waiting for a cube
    // must not keep the next one from a thread. Several threads even on two cores: most requests wait on SQLite's
    // I/O or on a cube load rather than compute.
    static QThreadPool *workers = [] {
        auto *p = new QThreadPool(QCoreApplication::instance());
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        return p;
    }();
    return workers;
}

int AsyncQuery::busyCount()
{
    return g_busy;
}

void AsyncQuery::setSynchronous(bool synchronous)
{
    g_synchronous = synchronous;
}

bool AsyncQuery::isSynchronous()
{
    return g_synchronous;
}

void AsyncQuery::setWorkerHook(WorkerHook hook)
{
    QMutexLocker lock(&g_hookMutex);
    g_hook = std::move(hook);
}

void AsyncQuery::callHook(const AsyncQuery *query, quint64 generation)
{
    WorkerHook hook;
    {
        QMutexLocker lock(&g_hookMutex);
        hook = g_hook;
    }
    if (hook)
        hook(query, generation);
}

quint64 AsyncQuery::begin()
{
    const quint64 generation = ++*m_latest;
    setBusy(true);
    return generation;
}

void AsyncQuery::cancel()
{
    ++*m_latest;
    setBusy(false);
}

void AsyncQuery::setBusy(bool busy)
{
    if (busy == m_busy)
        return;
    m_busy = busy;
    g_busy += busy ? 1 : -1;
    emit busyChanged(busy);
}

} // namespace entente
