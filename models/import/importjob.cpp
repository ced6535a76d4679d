#include "importjob.h"

#include "filereader.h"

#include <QMetaObject>

namespace entente {

ImportJob::ImportJob(const QString &storePath, const QStringList &paths, QObject *parent, ImportOptions options)
    : QObject(parent)
    , m_importer(std::make_unique<Importer>(storePath, options))
    , m_paths(paths)
{
    qRegisterMetaType<entente::ImportProgress>();
    qRegisterMetaType<entente::ImportSummary>();
}

ImportJob::~ImportJob()
{
    if (m_thread) {
        m_importer->cancel();
        m_thread->wait();
        delete m_thread;
    }
}

void ImportJob::start()
{
    if (m_thread)
        return;
    // The importer's callbacks run on the import thread; they only emit signals, which Qt
    // queues to this object's (the GUI) thread.
    m_thread = QThread::create([this] {
        ImportSummary s = m_importer->run(
            m_paths, [this](const ImportProgress &p) { emit progress(p); },
            [this](const ImportMessage &m) { emit message(m.toString()); });
        QMetaObject::invokeMethod(
            this,
            [this, s] {
                m_summary = s;
                if (m_thread) {
                    m_thread->wait();
                    delete m_thread;
                    m_thread = nullptr;
                }
                emit finished(m_summary);
            },
            Qt::QueuedConnection);
    });
    m_thread->start();
}

void ImportJob::cancel()
{
    m_importer->cancel();
}

bool ImportJob::isRunning() const
{
    return m_thread != nullptr;
}

} // namespace entente
