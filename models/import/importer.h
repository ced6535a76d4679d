#pragma once

#include "filereader.h"

#include <QElapsedTimer>
#include <QList>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>

namespace entente {

struct ImportOptions
{
    bool extract = true; // run the extraction on every article (off: import and storage only)
    // The files are `entente annotate` output (annotatedarticle.h): each line's article is stored with the
    // annotation it carries, not extracted again; lines of another model or lexicon version are refused.
    bool precomputed = false;
    int threads = 0; // reader/extractor threads; 0: one per core
    qint64 batchBytes = 16 << 20; // commit after this much text ...
    int batchMillis = 1000; // ... or this long, whichever comes first
    int progressMillis = 100; // at most one progress report this often
    qint64 aheadBytes = 48 << 20; // file bytes the workers may read and extract ahead of the writer
    qint64 maxPageCount = 0; // > 0: cap the store's size in pages (tests simulate a full disk)
    // A bulk load: when the import has at least as many files as the store has articles, and the store holds no
    // corrections, the store's secondary indexes are dropped before the first write and built at the end
    // (Store::deferIndexes). Readers meanwhile get the same answers, slower: for the command line, where no
    // window reads. Whatever this is, indexes an earlier import left aside are built at the end.
    bool deferIndexes = false;
};

struct ImportProgress
{
    qint64 filesDone = 0;
    qint64 filesTotal = 0;
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0;
    qint64 imported = 0;
    qint64 duplicates = 0;
    qint64 skippedFiles = 0;
    double seconds = 0;

    [[nodiscard]] double mbPerSecond() const;
    [[nodiscard]] double etaSeconds() const; // < 0 when unknown
};

struct ImportSummary
{
    ImportProgress totals;
    QList<ImportMessage> messages; // one line each: skipped files, warnings, bad records
    QString fatalError; // set when the import stopped early (store unusable, disk full)
    bool cancelled = false;
    qint64 storedBefore = 0; // articles in the store before this import
    bool indexesDeferred = false; // the indexes were built at the end (ImportOptions::deferIndexes)

    [[nodiscard]] bool ok() const { return fatalError.isEmpty(); }
};

// Imports files and folders into a store: walks the paths, reads and extracts on worker
// threads, and writes on the calling thread through a Store connection of its own, in
// batches of whole articles (an article is stored with all its annotations or not at all).
// Runs synchronously; call it from a worker thread in the GUI.
//
//     entente::Importer importer(storePath);
//     auto summary = importer.run({folder}, [](const entente::ImportProgress &p) { ... });
class Importer
{
public:
    using ProgressFn = std::function<void(const ImportProgress &)>;
    using MessageFn = std::function<void(const ImportMessage &)>;

    explicit Importer(QString storePath, ImportOptions options = {});

    ImportSummary run(const QStringList &paths, const ProgressFn &progress = {}, const MessageFn &message = {});

    // Thread-safe: asks a running import to stop after the article it is writing; what was
    // written so far is kept.
    void cancel() { m_cancel.store(true); }

    // The files an import of `paths` would read, sorted, with a message for each path or
    // hidden file passed over.
    static QStringList collectFiles(const QStringList &paths, QList<ImportMessage> *messages, qint64 *bytes);

    // Extracts from one article read by readArticleFile() as an import does: its title, file name, date,
    // speaker and language as context; a record without a date takes the one the extraction found.
    // Thread-safe. `entente annotate --articles` calls it too, so that its lines store as an import would.
    static Annotation extractArticle(ArticleRecord *a);

private:
    QString m_storePath;
    ImportOptions m_options;
    std::atomic_bool m_cancel { false };
};

} // namespace entente
