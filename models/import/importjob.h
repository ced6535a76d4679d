#pragma once

#include "importer.h"

#include <QObject>
#include <QThread>

#include <memory>

namespace entente {

// Runs an Importer on a thread of its own and reports back through queued signals, so that
// a window stays responsive. One job runs one import; cancel() keeps what was committed.
//
//     auto *job = new entente::ImportJob(storePath, paths, this);
//     connect(job, &ImportJob::progress, bar, ...);
//     connect(job, &ImportJob::finished, this, ...);
//     job->start();
class ImportJob : public QObject
{
    Q_OBJECT

public:
    ImportJob(
        const QString &storePath, const QStringList &paths, QObject *parent = nullptr, ImportOptions options = {});
    ~ImportJob() override;

    void start();
    void cancel();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] const ImportSummary &summary() const { return m_summary; }
    [[nodiscard]] QStringList paths() const { return m_paths; }

signals:
    void progress(const entente::ImportProgress &progress);
    void message(const QString &line);
    void finished(const entente::ImportSummary &summary);

private:
    std::unique_ptr<Importer> m_importer;
    QStringList m_paths;
    QThread *m_thread = nullptr;
    ImportSummary m_summary;
};

} // namespace entente

Q_DECLARE_METATYPE(entente::ImportProgress)
Q_DECLARE_METATYPE(entente::ImportSummary)
