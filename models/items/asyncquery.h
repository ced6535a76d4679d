#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

class QThreadPool;

namespace entente {

// Runs an item model's slow question (an aggregate over the store, an FTS search, a wait for the CorpusCube) on a
// worker and hands its answer back to the model's thread, newest request only. Each run() takes a new generation
// number; an answer whose generation is no longer the latest is dropped when it arrives, and a request that is
// already stale when a worker picks it up is not asked at all (DB Browser for SQLite's life counter). The work runs
// on a worker thread: it must read the store through the session's connection for that thread
// (StoreSession::reader() called inside the work), never through the model's, and touch no member of the model.
//
//     m_query.run([session = m_session, params] { return compute(session->reader(), params); },
//         [this](Answer answer) { beginResetModel(); m_rows = std::move(answer.rows); endResetModel(); });
//     connect(model->query(), &AsyncQuery::busyChanged, pane, &Pane::setBusy);
//
// setSynchronous(true) makes every AsyncQuery answer in the calling thread before run() returns: for the command
// line, which renders a chart right after setting up its pane.
class AsyncQuery : public QObject
{
    Q_OBJECT

public:
    explicit AsyncQuery(QObject *parent = nullptr);
    ~AsyncQuery() override;

    // Asks `work()` on a worker; `done(answer)` is called in this object's thread unless run() or cancel() was
    // called again meanwhile. `done` must not outlive what it captures: it is only called while this object lives.
    template<typename Work, typename Done> void run(Work work, Done done);
    // Drops the answer on its way (the model answered itself, or let go of its store).
    void cancel();

    // A request is on its way.
    [[nodiscard]] bool isBusy() const { return m_busy; }
    [[nodiscard]] quint64 generation() const { return *m_latest; }

    // How many AsyncQuery objects have a request on its way: none, and every model shows its latest answer.
    [[nodiscard]] static int busyCount();

    // The workers' pool, a child of the application, so that its threads (and their connections) end before it.
    [[nodiscard]] static QThreadPool *pool();
    static void setSynchronous(bool synchronous);
    [[nodiscard]] static bool isSynchronous();
    // For tests: called in the worker before each request is asked, with its query and generation. A test holds an
    // answer back with it, to make it arrive after a later one.
    using WorkerHook = std::function<void(const AsyncQuery *query, quint64 generation)>;
    static void setWorkerHook(WorkerHook hook);

signals:
    void busyChanged(bool busy);
    // An answer was handed to its model (emitted after `done`).
    void answered();
    // An answer came after a later request, or was not asked: dropped.
    void staleDropped(quint64 generation);

private:
    // Answers that come together (a focus change asks every pane at once) are handed over one per turn of the event
    // loop, in the order they came: each pane's update is a stall of its own, with painting and input in between,
    // not one long stall that adds them all up.
    void deliverInTurn(std::function<void()> delivery);
    quint64 begin();
    void setBusy(bool busy);
    static void callHook(const AsyncQuery *query, quint64 generation);

    // Shared with the workers, which compare their request's generation with it before asking.
    std::shared_ptr<std::atomic<quint64>> m_latest = std::make_shared<std::atomic<quint64>>(0);
    bool m_busy = false;
};

template<typename Work, typename Done> void AsyncQuery::run(Work work, Done done)
{
    using Answer = std::decay_t<std::invoke_result_t<Work &>>;
    if (isSynchronous()) {
        ++*m_latest; // drops an answer on its way, from before the switch
        done(work());
        setBusy(false);
        emit answered();
        return;
    }
    const quint64 generation = begin();
    auto *watcher = new QFutureWatcher<std::shared_ptr<Answer>>(this);
    connect(
        watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, done = std::move(done)]() mutable {
            watcher->deleteLater();
            std::shared_ptr<Answer> answer = watcher->future().result();
            if (!answer || generation != m_latest->load()) {
                emit staleDropped(generation);
                return;
            }
            deliverInTurn([this, generation, answer = std::move(answer), done = std::move(done)]() mutable {
                if (generation != m_latest->load()) {
                    emit staleDropped(generation); // a later request came while this answer waited its turn
                    return;
                }
                done(std::move(*answer));
                setBusy(false); // after `done`: a pane shows what the answer brought as it stops looking busy
                emit answered();
            });
        });
    watcher->setFuture(QtConcurrent::run(pool(),
        [latest = m_latest, self = static_cast<const AsyncQuery *>(this), generation,
            work = std::move(work)]() mutable -> std::shared_ptr<Answer> {
            callHook(self, generation);
            if (latest->load() != generation)
                return nullptr; // a later request came while this one queued
            return std::make_shared<Answer>(work());
        }));
}

} // namespace entente
