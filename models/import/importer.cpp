#include "importer.h"

#include "annotatedarticle.h"
#include "article.h"
#include "extractionversion.h"
#include "extractor.h"
#include "filenames.h"
#include "filereader.h"
#include "pgstore.h"
#include "store.h"

#include <QDir>
#include <QFileInfo>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <thread>

#include <dirent.h>
#include <sys/stat.h>

namespace entente {

namespace {

// A store file as an import's sink.
class FileSink : public ArticleSink
{
public:
    explicit FileSink(Store &store)
        : m_store(store)
    { }
    [[nodiscard]] QString location() const override { return m_store.path(); }
    bool beginBatch(QString *error) override { return m_store.beginBatch(error); }
    Store::InsertResult insertArticle(
        const ArticleRecord &record, const Annotation &annotation, qint64 *id, QString *error) override
    {
        return m_store.insertArticle(record, annotation, id, error);
    }
    bool commitBatch(QString *error) override { return m_store.commitBatch(error); }
    void rollbackBatch() override { m_store.rollbackBatch(); }
    bool deferIndexes(QString *error) override { return m_store.deferIndexes(error); }
    bool restoreIndexes(QString *error) override { return m_store.restoreIndexes(error); }
    [[nodiscard]] int deferredIndexCount() const override { return m_store.deferredIndexCount(); }
    [[nodiscard]] qint64 editCount() const override { return m_store.editCount(); }

private:
    Store &m_store;
};

} // namespace

double ImportProgress::mbPerSecond() const
{
    return seconds > 0 ? double(bytesDone) / (1024.0 * 1024.0) / seconds : 0.0;
}

double ImportProgress::etaSeconds() const
{
    if (bytesDone <= 0 || seconds <= 0.2 || bytesTotal <= 0)
        return -1;
    return seconds * double(bytesTotal - bytesDone) / double(bytesDone);
}

Importer::Importer(QString storePath, ImportOptions options)
    : m_storePath(std::move(storePath))
    , m_options(options)
{ }

QStringList Importer::collectFiles(const QStringList &paths, QList<ImportMessage> *messages, qint64 *bytes)
{
    QStringList files;
    qint64 total = 0;
    auto note = [&](const QString &file, const QString &text) {
        if (messages)
            messages->append(ImportMessage { file, 0, text, true });
    };
    // The walk reads folders through the system's calls, name by name as bytes: a name that is no UTF-8
    // ("caf\xe9.txt" from a Latin-1 system) is kept whole (decodeFileName()), where QDirIterator leaves it out.
    for (const QString &given : paths) {
        const QString path = absoluteFileName(given);
        struct stat st;
        if (::stat(encodeFileName(path).constData(), &st) != 0) {
            note(given, QObject::tr("skipped: no such file or folder"));
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            files << path;
            total += S_ISREG(st.st_mode) ? qint64(st.st_size) : 0;
            continue;
        }
        // Hidden files and folders (.git, .Rhistory, .DS_Store) are not articles; say so once
        // for each, without walking into hidden folders.
        QList<QString> pending { path };
        while (!pending.isEmpty()) {
            const QString dir = pending.takeLast();
            DIR *d = ::opendir(encodeFileName(dir).constData());
            if (!d) {
                note(dir, QObject::tr("skipped: cannot read the folder (%1)").arg(qt_error_string(errno)));
                continue;
            }
            while (const dirent *e = ::readdir(d)) {
                const QByteArray name(e->d_name);
                if (name == "." || name == "..")
                    continue;
                const QString child = dir + u'/' + decodeFileName(name);
                const QByteArray native = encodeFileName(child);
                struct stat link;
                if (::lstat(native.constData(), &link) != 0)
                    continue; // gone since the folder was read
                const bool isLink = S_ISLNK(link.st_mode);
                struct stat target = link;
                const bool resolves = !isLink || ::stat(native.constData(), &target) == 0;
                const bool isDir = resolves && S_ISDIR(target.st_mode);
                if (name.startsWith('.')) {
                    note(child, isDir ? QObject::tr("skipped: hidden folder") : QObject::tr("skipped: hidden file"));
                    continue;
                }
                if (isDir) {
                    if (!isLink) // a link back up the tree would never end
                        pending << child;
                    continue;
                }
                files << child;
                total += resolves && S_ISREG(target.st_mode) ? qint64(target.st_size) : 0;
            }
            ::closedir(d);
        }
    }
    files.sort();
    files.removeDuplicates();
    if (bytes)
        *bytes = total;
    return files;
}

Annotation Importer::extractArticle(ArticleRecord *a)
{
    DocumentContext ctx;
    ctx.title = a->title;
    ctx.fileName = QFileInfo(a->file).fileName();
    if (a->published.date.isValid())
        ctx.published = a->published;
    ctx.sourceCountry = a->sourceCountry;
    ctx.language = a->language;
    Annotation ann = Extractor::shared().annotate(a->text, ctx);
    if (!a->published.date.isValid() && ann.published && ann.published->date.isValid())
        a->published = *ann.published;
    return ann;
}

namespace {

// What a worker hands the writer for one file.
struct FileResult
{
    FileReadResult read;
    QList<Annotation> annotations; // parallel to read.articles; empty when not extracting
    QList<bool> known; // parallel: content already in the store, not extracted
};

} // namespace

ImportSummary Importer::run(const QStringList &paths, const ProgressFn &progress, const MessageFn &message)
{
    m_cancel.store(false);
    ImportSummary summary;
    QElapsedTimer clock;
    clock.start();
    auto say = [&](const ImportMessage &m) {
        summary.messages.append(m);
        if (message)
            message(m);
    };

    QList<ImportMessage> walkMessages;
    const QStringList files = collectFiles(paths, &walkMessages, &summary.totals.bytesTotal);
    for (const ImportMessage &m : walkMessages) {
        ++summary.totals.skippedFiles;
        say(m);
    }
    summary.totals.filesTotal = files.size();

    // A store file, or a store on a PostgreSQL server: the articles go to either through the same batches.
    const bool server = isServerStore(m_storePath);
    Store store;
    std::unique_ptr<PgStore> serverStore;
    std::unique_ptr<ArticleSink> fileSink;
    ArticleSink *sink = nullptr;
    QString error;
    if (server) {
        serverStore = PgStore::connect(m_storePath, &error);
        if (!serverStore) {
            summary.fatalError = error;
            return summary;
        }
        // The server enforces its roles; asking first gives a clear message before any file is read.
        if (!serverStore->canWrite()) {
            summary.fatalError = QObject::tr("the role of %1 may not add articles to it (a reader's role); ingest as "
                                             "entente_writer")
                                     .arg(serverStore->location());
            return summary;
        }
        summary.storedBefore = serverStore->stats().articles;
        sink = serverStore.get();
    } else {
        if (!store.open(m_storePath, Store::OpenMode::CreateIfMissing, &error)) {
            summary.fatalError = error;
            return summary;
        }
        summary.storedBefore = store.stats().articles;
        if (m_options.maxPageCount > 0)
            store.setMaxPageCount(m_options.maxPageCount);
        fileSink = std::make_unique<FileSink>(store);
        sink = fileSink.get();
    }

    // Damage anywhere in the file stops an import before it writes: SQLite would otherwise add articles to a store
    // whose pages it cannot all read. The check reads the whole file (about a second for the UN corpus's store), on
    // a read-only connection of its own while the workers read and extract; the writer waits for it before its
    // first write. A server looks after its own pages.
    std::future<QStringList> damage = server
        ? std::async(std::launch::deferred, [] { return QStringList(); })
        : std::async(std::launch::async, [path = store.path()] {
              QString why;
              const std::unique_ptr<Store> reader = Store::openReader(path, &why);
              return reader ? reader->checkIntegrity(Store::Check::Quick, 3) : QStringList { why };
          });
    bool checked = false;
    bool damaged = false;
    const auto refuseIfDamaged = [&]() -> bool {
        if (checked)
            return false;
        checked = true;
        const QStringList problems = damage.get();
        if (problems.isEmpty())
            return false;
        damaged = true;
        summary.fatalError = QObject::tr("%1 is damaged (%2); nothing was written to it. 'entente check --store %1' "
                                         "tells more")
                                 .arg(store.path(), problems.join(QStringLiteral("; ")));
        return true;
    };

    // Content already stored is neither extracted nor written again: a rerun of an import
    // that was interrupted only does what is left. Workers only read this set; duplicates
    // within this import are caught by the store's unique hash.
    QSet<QByteArray> knownHashes;
    if (server) {
        if (!serverStore->loadHashes(&knownHashes, &error)) {
            summary.fatalError = error;
            return summary;
        }
    } else {
        QSqlQuery q(store.database());
        if (!q.exec(QStringLiteral("SELECT hash FROM articles"))) {
            refuseIfDamaged();
            if (summary.fatalError.isEmpty())
                summary.fatalError
                    = QObject::tr("cannot read the articles of %1: %2").arg(store.path(), q.lastError().text());
            return summary;
        }
        while (q.next())
            knownHashes.insert(q.value(0).toByteArray());
        if (q.lastError().isValid()) {
            refuseIfDamaged();
            if (summary.fatalError.isEmpty())
                summary.fatalError
                    = QObject::tr("cannot read the articles of %1: %2").arg(store.path(), q.lastError().text());
            return summary;
        }
    }

    const bool precomputed = m_options.precomputed;
    const bool extract = m_options.extract && !precomputed;
    if (extract)
        (void)Extractor::shared(); // load the gazetteer once, before the workers start
    if (precomputed)
        (void)ExtractionVersion::current(); // what each line's version is compared with, computed once

    // Workers read and extract files in any order; the writer stores them in file order, so that
    // the same folder always gives the same article ids. The writer is the slower side, so what
    // workers run ahead of it must be bounded, in bytes as well as in files: a folder of JSON Lines
    // files of thousands of articles each would otherwise be held whole, extracted, in memory, and
    // the import's memory would grow with the corpus. A file larger than the bound still goes
    // alone when it is the writer's next.
    std::vector<qint64> sizes(size_t(files.size()));
    for (qsizetype i = 0; i < files.size(); ++i)
        sizes[size_t(i)] = std::max<qint64>(QFileInfo(files[i]).size(), 1);
    const qint64 aheadBytes = m_options.aheadBytes;
    qint64 inFlight = 0; // bytes of the files taken and not yet written
    std::mutex mutex;
    std::condition_variable ready; // writer waits for the next file's result
    std::condition_variable room; // workers wait for the window to move
    std::map<qsizetype, FileResult> results;
    qsizetype nextToTake = 0;
    qsizetype nextToWrite = 0;
    bool stop = false;
    const qsizetype window = 256;

    auto worker = [&] {
        for (;;) {
            qsizetype index;
            {
                std::unique_lock lock(mutex);
                room.wait(lock, [&] {
                    return stop || nextToTake >= files.size()
                        || (nextToTake < nextToWrite + window
                            && (nextToTake == nextToWrite || inFlight + sizes[size_t(nextToTake)] <= aheadBytes));
                });
                if (stop || nextToTake >= files.size())
                    return;
                index = nextToTake++;
                inFlight += sizes[size_t(index)];
            }
            FileResult r;
            if (precomputed) {
                AnnotatedFile annotated = readAnnotatedFile(files[index]);
                r.read = std::move(annotated.read);
                r.annotations = std::move(annotated.annotations);
                for (const ArticleRecord &a : r.read.articles)
                    r.known.append(knownHashes.contains(a.hash));
            } else {
                r.read = readArticleFile(files[index]);
                for (ArticleRecord &a : r.read.articles) {
                    a.textUtf8 = a.text.toUtf8(); // for the hash, and for the writer to bind as it is
                    a.hash = a.contentHash();
                    const bool known = knownHashes.contains(a.hash);
                    r.known.append(known);
                    r.annotations.append(extract && !known ? extractArticle(&a) : Annotation {});
                }
            }
            {
                std::lock_guard lock(mutex);
                results.emplace(index, std::move(r));
            }
            ready.notify_one();
        }
    };

    int threads = m_options.threads > 0 ? m_options.threads : QThread::idealThreadCount();
    threads = std::max(1, std::min(threads, int(files.size())));
    std::vector<std::thread> pool;
    for (int i = 0; i < threads && !files.isEmpty(); ++i)
        pool.emplace_back(worker);

    auto finishWorkers = [&] {
        {
            std::lock_guard lock(mutex);
            stop = true;
        }
        room.notify_all();
        for (std::thread &t : pool)
            t.join();
        pool.clear();
    };

    // Checked before the first write, once the store is known to be sound.
    bool deferNow = m_options.deferIndexes && files.size() >= summary.storedBefore && sink->editCount() == 0;

    QElapsedTimer sinceCommit, sinceProgress;
    sinceCommit.start();
    sinceProgress.start();
    qint64 batchBytes = 0;
    qint64 batchArticles = 0;
    bool inBatch = false;
    auto report = [&](bool force) {
        if (progress && (force || sinceProgress.elapsed() >= m_options.progressMillis)) {
            summary.totals.seconds = clock.elapsed() / 1000.0;
            progress(summary.totals);
            sinceProgress.restart();
        }
    };
    auto commit = [&]() -> bool {
        if (!inBatch)
            return true;
        inBatch = false;
        if (!sink->commitBatch(&error)) {
            summary.fatalError = error;
            summary.totals.imported -= batchArticles; // rolled back
            return false;
        }
        batchBytes = 0;
        batchArticles = 0;
        sinceCommit.restart();
        return true;
    };

    while (nextToWrite < files.size()) {
        if (m_cancel.load()) {
            summary.cancelled = true;
            break;
        }
        FileResult r;
        {
            std::unique_lock lock(mutex);
            ready.wait(lock, [&] { return results.count(nextToWrite) > 0; });
            auto node = results.extract(nextToWrite);
            r = std::move(node.mapped());
            ++nextToWrite;
        }

        for (const ImportMessage &m : r.read.messages) {
            if (m.skipped)
                ++summary.totals.skippedFiles;
            say(m);
        }
        for (qsizetype i = 0; i < r.read.articles.size(); ++i) {
            const ArticleRecord &a = r.read.articles[i];
            if (r.known[i]) {
                ++summary.totals.duplicates;
                continue;
            }
            if (!inBatch) {
                if (refuseIfDamaged())
                    break;
                if (deferNow) {
                    deferNow = false;
                    if (!sink->deferIndexes(&error)) {
                        summary.fatalError = error;
                        break;
                    }
                    summary.indexesDeferred = true;
                }
                if (!sink->beginBatch(&error)) {
                    summary.fatalError = error;
                    break;
                }
                inBatch = true;
            }
            const auto result = sink->insertArticle(a, r.annotations[i], nullptr, &error);
            if (result == Store::InsertResult::Failed) {
                // The store refused a write (disk full, I/O error): keep what was committed,
                // drop the open batch, and stop.
                sink->rollbackBatch();
                inBatch = false;
                summary.totals.imported -= batchArticles;
                summary.fatalError = error;
                break;
            }
            if (result == Store::InsertResult::Duplicate) {
                ++summary.totals.duplicates;
            } else {
                ++summary.totals.imported;
                ++batchArticles;
                batchBytes += a.text.size();
            }
        }
        {
            // Only now is the file's memory free (its articles and annotations go with `r` below).
            std::lock_guard lock(mutex);
            inFlight -= sizes[size_t(nextToWrite - 1)];
        }
        room.notify_all();
        if (!summary.fatalError.isEmpty())
            break;
        summary.totals.filesDone = nextToWrite;
        summary.totals.bytesDone += r.read.bytes;
        if (batchBytes >= m_options.batchBytes || sinceCommit.elapsed() >= m_options.batchMillis) {
            if (!commit())
                break;
        }
        report(false);
    }
    finishWorkers();
    if (summary.fatalError.isEmpty())
        commit();
    else
        sink->rollbackBatch();
    // An import that wrote nothing (all duplicates, or nothing to read) still says whether the store is damaged.
    if (summary.fatalError.isEmpty())
        refuseIfDamaged();
    // The indexes this import set aside, or an earlier one stopped before its end did, are built now, also after a
    // failed write or a cancel: whatever was committed is read through them. Never in a store refused as damaged.
    if (checked && !damaged && sink->deferredIndexCount() > 0) {
        QString why;
        if (!sink->restoreIndexes(&why))
            summary.fatalError = summary.fatalError.isEmpty() ? why : summary.fatalError + QStringLiteral("; ") + why;
        else
            summary.indexesDeferred = true;
    }
    // A server plans the window's queries from statistics that an import leaves behind the rows.
    if (server && summary.fatalError.isEmpty() && summary.totals.imported > 0)
        serverStore->analyze(&summary.fatalError);
    if (!server && summary.fatalError.isEmpty()) {
        // Fold the WAL back into the main file so that the store is one file again. SQLite may find damage here
        // too: that ends the import with an error, not in silence.
        QSqlQuery q(store.database());
        if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")))
            summary.fatalError
                = QObject::tr("cannot fold the write-ahead log into %1: %2").arg(store.path(), q.lastError().text());
    }
    summary.totals.seconds = clock.elapsed() / 1000.0;
    report(true);
    return summary;
}

} // namespace entente
