#include "asyncquery.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <QMutex>
#include <QPointer>
#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <deque>

namespace entente {

namespace {
std::atomic<bool> g_synchronous = false;
// The answers waiting for their turn, in this thread, and whether a turn is asked for.
struct Deliveries
{
    std::deque<std::pair<QPointer<AsyncQuery>, std::function<void()>>> waiting;
    bool scheduled = false;
};
thread_local Deliveries t_deliveries;

void deliverNext()
{
    Deliveries &d = t_deliveries;
    d.scheduled = false;
    while (!d.waiting.empty()) {
        auto [query, delivery] = std::move(d.waiting.front());
        d.waiting.pop_front();
        if (!query)
            continue; // its model went away meanwhile
        if (!d.waiting.empty()) {
            // Posted while the event loop hands out its posted events: Qt leaves it for the next turn.
            d.scheduled = true;
            QMetaObject::invokeMethod(QCoreApplication::instance(), &deliverNext, Qt::QueuedConnection);
        }
        delivery();
        return;
    }
}
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

void AsyncQuery::deliverInTurn(std::function<void()> delivery)
{
    // The turns are the main event loop's (every model lives there); elsewhere the answer goes at once.
    if (!QCoreApplication::instance() || QThread::currentThread() != QCoreApplication::instance()->thread()) {
        delivery();
        return;
    }
    Deliveries &d = t_deliveries;
    d.waiting.emplace_back(this, std::move(delivery));
    if (d.scheduled)
        return;
    d.scheduled = true;
    QMetaObject::invokeMethod(QCoreApplication::instance(), &deliverNext, Qt::QueuedConnection);
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
