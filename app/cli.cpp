#include "cli.h"

#include "annotatedarticle.h"
#include "annotationjson.h"
#include "chartcommand.h"
#include "editlog.h"
#include "exporter.h"
#include "extractor.h"
#include "filenames.h"
#include "filereader.h"
#include "graphexport.h"
#include "hits.h"
#include "importer.h"
#include "importreportmodel.h"
#include "networkfilter.h"
#include "networkoptions.h"
#include "pgstore.h"
#include "published.h"
#include "recordfields.h"
#include "store.h"
#include "textdecoder.h"
#include "traincommand.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <functional>
#include <optional>
#include <unistd.h>

namespace entente {

namespace {

const QStringList &commands()
{
    static const QStringList list { QStringLiteral("ingest"), QStringLiteral("stats"), QStringLiteral("check"),
        QStringLiteral("export"), QStringLiteral("annotate"), QStringLiteral("chart"), QStringLiteral("train"),
        QStringLiteral("edits") };
    return list;
}

void err(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stderr);
}

void out(const QString &line)
{
    std::fputs((line + u'\n').toUtf8().constData(), stdout);
}

// The lines of a file descriptor, each at most `limit` bytes. It reads with ::read, which returns
// what a pipe holds: a line of a live feed is handled as soon as it is written (QFile::read waits for
// a full buffer), and a NUL byte is a byte (fgets, under QFile::readLine on standard input, stops at
// one and makes a line of zeros endless).
class LineReader
{
public:
    enum Result { Line, End, TooLong, Error };

    explicit LineReader(int fd)
        : m_fd(fd)
    { }

    // The next line, with its '\n' if it has one.
    Result next(QByteArray *line, qint64 limit)
    {
        for (;;) {
            const qsizetype newline = m_buffer.indexOf('\n', std::max(m_pos, m_scanned));
            if (newline >= 0) {
                *line = m_buffer.mid(m_pos, newline + 1 - m_pos);
                m_pos = newline + 1;
                return Line;
            }
            m_scanned = m_buffer.size();
            if (m_buffer.size() - m_pos > limit)
                return TooLong;
            if (m_end) {
                if (m_pos == m_buffer.size())
                    return End;
                *line = m_buffer.mid(m_pos);
                m_pos = m_buffer.size();
                return Line;
            }
            m_buffer.remove(0, m_pos);
            m_scanned -= m_pos;
            m_pos = 0;
            char chunk[64 * 1024];
            ssize_t got;
            do
                got = ::read(m_fd, chunk, sizeof chunk);
            while (got < 0 && errno == EINTR);
            if (got < 0)
                return Error;
            if (got == 0)
                m_end = true;
            else
                m_buffer.append(chunk, got);
        }
    }

private:
    int m_fd;
    QByteArray m_buffer;
    qsizetype m_pos = 0; // where the next line starts in m_buffer
    qsizetype m_scanned = 0; // m_buffer holds no '\n' before this
    bool m_end = false;
};

QString megabytes(qint64 bytes)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0), 'f', 1) + QStringLiteral(" MB");
}

// Parses `args` with `parser`; prints help or errors. Returns -1 to go on, else an exit status.
int parse(QCommandLineParser &parser, const QStringList &args)
{
    parser.addHelpOption();
    if (!parser.parse(args)) {
        err(QStringLiteral("entente: %1").arg(parser.errorText()));
        err(QStringLiteral("Try 'entente %1 --help'.").arg(args.value(0)));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(Cli::helpText(parser, args.value(0))), stdout);
        return 0;
    }
    return -1;
}

// The end of `entente export`: `write` given the store (read-only) and standard output (no `path`) or the file at
// `path`, written atomically, kept only when `write` succeeds. `write` returns what it wrote ("12 rows"), or nothing
// with its error set. The exit status.
// Writes what `write` makes to the file `path` (atomically) or to stdout, and says how much; the exit status.
int writeOut(const QString &path, const std::function<std::optional<QString>(QIODevice *, QString *)> &write)
{
    QString error;
    if (path.isEmpty()) {
        QFile f;
        if (!f.open(stdout, QIODevice::WriteOnly)) {
            err(QStringLiteral("entente export: cannot write to stdout"));
            return 2;
        }
        if (!write(&f, &error)) {
            err(QStringLiteral("entente export: %1").arg(error));
            return 2;
        }
        return 0;
    }
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly)) {
        err(QStringLiteral("entente export: cannot write %1: %2").arg(path, f.errorString()));
        return 2;
    }
    const std::optional<QString> written = write(&f, &error);
    if (!written) {
        err(QStringLiteral("entente export: %1").arg(error));
        return 2;
    }
    if (!f.commit()) {
        err(QStringLiteral("entente export: cannot write %1: %2").arg(path, f.errorString()));
        return 2;
    }
    err(QStringLiteral("%1 written to %2").arg(*written, path));
    return 0;
}

int writeExport(const QString &storePath, const QString &path,
    const std::function<std::optional<QString>(const Store &, QIODevice *, QString *)> &write)
{
    Store store;
    QString error;
    if (isServerStore(storePath) ? !store.openServer(storePath, &error)
                                 : !store.open(storePath, Store::OpenMode::ReadOnly, &error)) {
        err(QStringLiteral("entente export: %1").arg(error));
        return 2;
    }
    return writeOut(path, [&](QIODevice *device, QString *why) { return write(store, device, why); });
}

} // namespace

QString Cli::helpText(const QCommandLineParser &parser, const QString &command)
{
    QString text = parser.helpText();
    // Qt names the program by the path it was started with.
    const QString usage = QStringLiteral("Usage: ");
    if (text.startsWith(usage)) {
        const qsizetype options = text.indexOf(QStringLiteral(" [options]"));
        const qsizetype lineEnd = text.indexOf(u'\n');
        const qsizetype programEnd = options > 0 && (lineEnd < 0 || options < lineEnd) ? options : lineEnd;
        if (programEnd > usage.size())
            text.replace(0, programEnd, usage + QStringLiteral("entente ") + command);
    }
    return text;
}

bool Cli::wantsCommandLine(const QStringList &args)
{
    if (args.size() < 2)
        return false;
    const QString &first = args.at(1);
    return commands().contains(first) || first == u"--help" || first == u"-h" || first == u"help"
        || first == u"--version" || first == u"-v" || looksLikeCommand(first);
}

bool Cli::looksLikeCommand(const QString &word)
{
    // "entente bogus": a bare word that names no file is a mistyped subcommand, not a store to open. A path has a
    // separator or an extension ("news.entente", "./corpus"), or exists.
    if (word.isEmpty() || word.startsWith(u'-') || word.contains(u'/') || word.contains(u'.')
        || QFileInfo::exists(word))
        return false;
    return std::all_of(
        word.cbegin(), word.cend(), [](QChar c) { return c.isLetterOrNumber() || c == u'-' || c == u'_'; });
}

bool Cli::requireStore(const QString &command, const QString &store)
{
    if (!store.isEmpty())
        return true;
    err(QStringLiteral("entente %1: --store is required (see 'entente %1 --help')").arg(command));
    return false;
}

int Cli::usage()
{
    out(QStringLiteral(
        "Usage: entente [SUBCOMMAND] [OPTIONS]\n"
        "\n"
        "Explore international relations in a collection of news articles.\n"
        "With no subcommand, the desktop app starts (on the sample corpus when no store is given:\n"
        "'entente STORE' opens a store: a file, or a PostgreSQL server's, postgresql://USER@HOST[:PORT]/DB).\n"
        "\n"
        "Subcommands:\n"
        "  ingest    --store FILE PATH...   import files and folders (text, HTML, JSON Lines, CSV)\n"
        "            --annotations FILE...  store the lines of 'entente annotate' without extracting again\n"
        "  stats     --store FILE           articles, date range, entities, mentions, relations\n"
        "  check     --store FILE           read the whole store and say what is damaged, if anything\n"
        "  export    --store FILE --what articles|entities|mentions|relations|dates|graph|hits\n"
        "            --format csv|jsonl|gexf|graphml [--query Q] [--out FILE]\n"
        "            a graph: [--tone all|cooperation|conflict|net] [--min-weight N] [--min-degree N]\n"
        "            [--countries-only] [--from YEAR] [--to YEAR] [--top N]\n"
        "  edits     --store FILE [--export FILE | --import FILE]\n"
        "            list the corrections made to a store, or carry them to another store as a file\n"
        "  chart     --store FILE --kind relations|network|timeline --out FILE.png|.svg|.pdf [--data FILE.csv]\n"
        "  annotate  [--date YYYY-MM-DD] [--jsonl | --articles] [FILE...|-]\n"
        "            extract without a store: one JSON line per document\n"
        "  train     clusters|pos|parser|ner|all [--data DIR] [--out DIR]\n"
        "            train the statistical models from ../shared/data/training\n"
        "\n"
        "'entente SUBCOMMAND --help' explains each one."));
    return 0;
}

int Cli::run(const QStringList &args)
{
    const QString command = args.value(1);
    const QStringList rest = args.mid(1);
    if (command == u"ingest")
        return ingest(rest);
    if (command == u"stats")
        return stats(rest);
    if (command == u"check")
        return check(rest);
    if (command == u"export")
        return exportTable(rest);
    if (command == u"annotate")
        return annotate(rest);
    if (command == u"chart")
        return chartCommand(rest);
    if (command == u"edits")
        return edits(rest);
    if (command == u"train")
        return trainCommand(rest);
    if (command == u"--version" || command == u"-v") {
        out(QStringLiteral("entente %1").arg(QCoreApplication::applicationVersion()));
        return 0;
    }
    if (looksLikeCommand(command)) {
        err(QStringLiteral("entente: unknown command '%1'; the commands are %2 ('entente --help' explains them)")
                .arg(command, commands().join(QStringLiteral(", "))));
        return 2;
    }
    return usage();
}

int Cli::ingest(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Import article files and folders (recursively) into a store, extracting entities, dates and relations.\n"
        "Formats: .txt/.md plain text, .html/.htm, .jsonl/.ndjson/.json, .csv/.tsv, UN General Debate files.\n"
        "Content already in the store is counted as a duplicate and not stored twice.\n"
        "Exit status: 0 on success, 1 when nothing could be imported, 2 when the store is unusable."));
    p.addOption({ QStringLiteral("store"),
        QStringLiteral("The store file (created if missing), or a PostgreSQL server's store, "
                       "postgresql://USER@HOST[:PORT]/DATABASE (its schema made if missing; the password from "
                       "~/.pgpass or the service file)."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("no-extract"), QStringLiteral("Import and index only; skip the extraction.") });
    p.addOption({ QStringLiteral("annotations"),
        QStringLiteral("The PATHs are JSON Lines written by 'entente annotate' (on this machine or others): each "
                       "line's article is stored with its annotations, without extracting again. Lines of another "
                       "model or lexicon version are refused.") });
    p.addOption(
        { QStringLiteral("threads"), QStringLiteral("Reader threads (default: one per core)."), QStringLiteral("N") });
    p.addOption({ QStringLiteral("keep-indexes"),
        QStringLiteral("Keep the store's indexes up to date article by article, for a window that reads the store "
                       "meanwhile. Without it, an import that at least doubles the store builds them once at its end, "
                       "which is faster.") });
    p.addOption({ { QStringLiteral("q"), QStringLiteral("quiet") }, QStringLiteral("No progress line.") });
    p.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files or folders to import."), QStringLiteral("PATH..."));
    if (int status = parse(p, args); status >= 0)
        return status;
    const QString storePath = p.value(QStringLiteral("store"));
    if (storePath.isEmpty() || p.positionalArguments().isEmpty()) {
        err(QStringLiteral("entente ingest: needs --store FILE and at least one PATH (see --help)"));
        return 2;
    }

    ImportOptions options;
    options.extract = !p.isSet(QStringLiteral("no-extract"));
    options.precomputed = p.isSet(QStringLiteral("annotations"));
    options.threads = p.value(QStringLiteral("threads")).toInt();
    options.deferIndexes = !p.isSet(QStringLiteral("keep-indexes"));
    Importer importer(storePath, options);

    const bool live = !p.isSet(QStringLiteral("quiet")) && isatty(fileno(stderr));
    bool lineShown = false;
    auto clearLine = [&] {
        if (lineShown) {
            std::fputs("\r\033[K", stderr);
            lineShown = false;
        }
    };
    auto progress = [&](const ImportProgress &pr) {
        if (!live)
            return;
        const double eta = pr.etaSeconds();
        const QString line = QStringLiteral("\r\033[K%1/%2 files · %3 of %4 · %5 MB/s · %6")
                                 .arg(pr.filesDone)
                                 .arg(pr.filesTotal)
                                 .arg(megabytes(pr.bytesDone), megabytes(pr.bytesTotal))
                                 .arg(pr.mbPerSecond(), 0, 'f', 1)
                                 .arg(eta < 0 ? QStringLiteral("ETA …") : QStringLiteral("ETA %1 s").arg(qRound(eta)));
        std::fputs(qPrintable(line), stderr);
        std::fflush(stderr);
        lineShown = true;
    };
    auto message = [&](const ImportMessage &m) {
        clearLine();
        err(m.toString());
    };

    const ImportSummary s = importer.run(p.positionalArguments(), progress, message);
    clearLine();
    if (!s.fatalError.isEmpty())
        err(QStringLiteral("entente ingest: %1").arg(s.fatalError));

    const ImportProgress &t = s.totals;
    out(QStringLiteral("imported    %1 articles from %2 files (%3) in %4 s, %5 MB/s")
            .arg(t.imported)
            .arg(t.filesDone)
            .arg(megabytes(t.bytesDone))
            .arg(t.seconds, 0, 'f', 2)
            .arg(t.mbPerSecond(), 0, 'f', 1));
    out(QStringLiteral("duplicates  %1").arg(t.duplicates));
    const ImportTally tally = ImportTally::of(s.messages);
    out(t.skippedFiles == 1 ? QStringLiteral("skipped     1 file")
                            : QStringLiteral("skipped     %1 files").arg(t.skippedFiles));
    for (auto it = tally.skippedByReason.cbegin(); it != tally.skippedByReason.cend(); ++it)
        out(QStringLiteral("            %1 × %2").arg(it.value()).arg(it.key()));
    if (tally.warnings > 0)
        out(QStringLiteral("warnings    %1 (listed above)").arg(tally.warnings));
    if (s.cancelled)
        out(QStringLiteral("cancelled; what was imported is kept"));

    if (!s.fatalError.isEmpty() && t.imported == 0 && s.storedBefore == 0)
        return 2;
    if (!s.fatalError.isEmpty())
        return 2;
    if (t.imported == 0 && t.duplicates == 0)
        return 1;
    return 0;
}

int Cli::stats(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Counts of what a store holds; the whole file is read to check it is undamaged.\n"
                       "The store is a file, or a PostgreSQL server's: postgresql://USER@HOST[:PORT]/DATABASE.\n"
                       "Exit status: 0, 1 when the store is damaged, 2 when it cannot be opened."));
    p.addOption({ QStringLiteral("store"), QStringLiteral("The store file."), QStringLiteral("FILE") });
    if (int status = parse(p, args); status >= 0)
        return status;
    if (!requireStore(QStringLiteral("stats"), p.value(QStringLiteral("store"))))
        return 2;
    const auto print = [](const QString &name, const StoreStats &s) {
        out(QStringLiteral("store       %1").arg(name));
        out(QStringLiteral("articles    %1").arg(s.articles));
        out(QStringLiteral("dated       %1").arg(s.articles - s.undated));
        out(QStringLiteral("undated     %1").arg(s.undated));
        out(QStringLiteral("date range  %1")
                .arg(s.firstDate.isEmpty() ? QStringLiteral("-") : s.firstDate + QStringLiteral(" to ") + s.lastDate));
        out(QStringLiteral("sentences   %1").arg(s.sentences));
        out(QStringLiteral("entities    %1").arg(s.entities));
        out(QStringLiteral("mentions    %1").arg(s.mentions));
        out(QStringLiteral("dates       %1").arg(s.dates));
        out(QStringLiteral("relations   %1").arg(s.relations));
    };
    QString error;
    if (isServerStore(p.value(QStringLiteral("store")))) {
        // A server checks its own pages.
        const std::unique_ptr<PgStore> server = PgStore::connect(p.value(QStringLiteral("store")), &error, true);
        if (!server) {
            err(QStringLiteral("entente stats: %1").arg(error));
            return 2;
        }
        print(server->location(), server->stats());
        return 0;
    }
    Store store;
    if (!store.open(p.value(QStringLiteral("store")), Store::OpenMode::ReadOnly, &error)) {
        err(QStringLiteral("entente stats: %1").arg(error));
        return 2;
    }
    print(QFileInfo(store.path()).absoluteFilePath(), store.stats());
    // The counts come from a few tables and indexes: damage elsewhere in the file would not show in them.
    const QStringList problems = store.checkIntegrity(Store::Check::Quick, 3);
    if (!problems.isEmpty()) {
        err(QStringLiteral("entente stats: %1 is damaged (%2); the figures above may be wrong. 'entente check "
                           "--store %1' tells more")
                .arg(store.path(), problems.join(QStringLiteral("; "))));
        return 1;
    }
    return 0;
}

int Cli::edits(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "The corrections made to a store (in the window: merged, renamed or moved entities, aliases, mentions\n"
        "marked wrong, rejected, re-toned, turned or added relations): listed, written to a file, or taken from\n"
        "such a file and applied to this store, whose\n"
        "panes, exports and charts then count with them. Edits the store holds already are not added twice.\n"
        "Exit status: 0, 1 when the file cannot be read or applied, 2 when the store cannot be opened."));
    p.addOption({ QStringLiteral("store"),
        QStringLiteral("The store file, or a PostgreSQL server's store (postgresql://USER@HOST[:PORT]/DATABASE: "
                       "entente_reader and entente_writer may both add edits)."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("export"),
        QStringLiteral("Write the edits that hold to FILE (- for standard output)."), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("import"), QStringLiteral("Apply the edits of FILE (written by --export)."),
        QStringLiteral("FILE") });
    if (int status = parse(p, args); status >= 0)
        return status;
    const QString path = p.value(QStringLiteral("store"));
    if (!requireStore(QStringLiteral("edits"), path))
        return 2;
    const QString importPath = p.value(QStringLiteral("import"));
    Store store;
    QString error;
    // Only an import writes: the store is opened writable for it alone (and an older one upgraded then).
    const bool opened = importPath.isEmpty()
        ? (isServerStore(path) ? store.openServer(path, &error) : store.open(path, Store::OpenMode::ReadOnly, &error))
        : store.openForEdits(path, &error);
    if (!opened) {
        err(QStringLiteral("entente edits: %1").arg(error));
        return 2;
    }
    if (!store.isServer() && store.schemaVersion() < 4) {
        out(QStringLiteral("%1: no edits (a store of schema %2)").arg(path).arg(store.schemaVersion()));
        return 0;
    }
    EditLog log(&store);
    if (!importPath.isEmpty()) {
        QFile file(importPath);
        if (!file.open(QIODevice::ReadOnly)) {
            err(QStringLiteral("entente edits: cannot read %1: %2").arg(importPath, file.errorString()));
            return 1;
        }
        const int added = log.importEdits(file.readAll(), importPath, &error);
        if (added < 0) {
            err(QStringLiteral("entente edits: %1").arg(error));
            return 1;
        }
        out(QStringLiteral("%1: %2 edit(s) added from %3").arg(path).arg(added).arg(importPath));
        return 0;
    }
    if (p.isSet(QStringLiteral("export"))) {
        const QString outPath = p.value(QStringLiteral("export"));
        const QByteArray json = log.exportEdits();
        if (outPath == u"-") {
            std::fwrite(json.constData(), 1, size_t(json.size()), stdout);
            return 0;
        }
        QSaveFile file(outPath);
        if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
            err(QStringLiteral("entente edits: cannot write %1: %2").arg(outPath, file.errorString()));
            return 1;
        }
        return 0;
    }
    for (const Edit &e : log.edits())
        out(QStringLiteral("%1\t%2\t%3\t%4%5")
                .arg(e.id)
                .arg(e.madeAt.toString(Qt::ISODate), Edit::kindName(e.kind), e.description(),
                    e.undone ? QStringLiteral("\t(undone)") : QString()));
    return 0;
}

int Cli::check(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Read every page of a store and check it: SQLite's integrity check (each table and index, and each index\n"
        "against its table) and the full-text index against the articles. Writes nothing.\n"
        "Exit status: 0 when nothing is wrong, 1 when the store is damaged, 2 when it cannot be opened."));
    p.addOption({ QStringLiteral("store"),
        QStringLiteral("The store file, or a PostgreSQL server's store (postgresql://USER@HOST[:PORT]/DATABASE: the "
                       "rows are checked against each other, the server looks after its pages)."),
        QStringLiteral("FILE") });
    if (int status = parse(p, args); status >= 0)
        return status;
    const QString path = p.value(QStringLiteral("store"));
    if (!requireStore(QStringLiteral("check"), path))
        return 2;
    QString error;
    if (isServerStore(path)) {
        // A server looks after its own pages: what is checked is what the rows say of each other.
        const std::unique_ptr<PgStore> server = PgStore::connect(path, &error, true);
        if (!server) {
            err(QStringLiteral("entente check: %1").arg(error));
            return 2;
        }
        if (const int deferred = server->deferredIndexCount(); deferred > 0)
            out(QStringLiteral("%1: %2 set aside by an import that did not finish; the next 'entente ingest' into it "
                               "makes them again")
                    .arg(server->location(),
                        deferred == 1 ? QStringLiteral("1 index or key was")
                                      : QStringLiteral("%1 indexes and keys were").arg(deferred)));
        const QStringList problems = server->checkConsistency(&error);
        if (!error.isEmpty()) {
            err(QStringLiteral("entente check: %1").arg(error));
            return 2;
        }
        if (problems.isEmpty()) {
            out(QStringLiteral("%1: no damage found (every article with all its rows, every row with its article and "
                               "entity)")
                    .arg(server->location()));
            return 0;
        }
        err(QStringLiteral("entente check: %1 is damaged:").arg(server->location()));
        for (const QString &line : problems)
            err(QStringLiteral("  %1").arg(line));
        return 1;
    }
    Store store;
    if (!store.open(path, Store::OpenMode::ReadOnly, &error)) {
        err(QStringLiteral("entente check: %1").arg(error));
        return 2;
    }
    const QStringList problems = store.checkIntegrity(Store::Check::Full);
    if (const int deferred = store.deferredIndexCount(); deferred > 0) {
        // Not damage: the answers are the same, only slower.
        out(QStringLiteral("%1: %2 set aside by an import that did not finish; the next 'entente ingest --store %1' "
                           "builds them again (importing the same files again is enough)")
                .arg(QFileInfo(path).absoluteFilePath(),
                    deferred == 1 ? QStringLiteral("1 index was") : QStringLiteral("%1 indexes were").arg(deferred)));
    }
    if (problems.isEmpty()) {
        // The full-text index checks itself only on a connection that may write (Store::checkIntegrity()).
        out(store.canWrite()
                ? QStringLiteral("%1: no damage found (every page read; tables, indexes and the full-text index agree)")
                      .arg(QFileInfo(path).absoluteFilePath())
                : QStringLiteral("%1: no damage found (every page read; tables and indexes agree; the full-text index "
                                 "was not checked against the articles: %2)")
                      .arg(QFileInfo(path).absoluteFilePath(), Store::whyReadOnly(path)));
        return 0;
    }
    err(QStringLiteral("entente check: %1 is damaged:").arg(path));
    for (const QString &line : problems)
        err(QStringLiteral("  %1").arg(line));
    err(QStringLiteral("Importing into it is refused. What can still be read can be exported (entente export), and "
                       "the source files imported again into a new store."));
    return 1;
}

int Cli::exportTable(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Write a store's articles, entities, mentions, relations or dates as CSV or JSON Lines, to a file\n"
        "(written atomically) or stdout. Or its network of relations as a graph: GEXF for Gephi (the years as\n"
        "spells) or GraphML, the whole network or filtered as the Network pane filters it."));
    p.addOption({ QStringLiteral("store"), QStringLiteral("The store file."), QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("what"),
        QStringLiteral("articles, entities, mentions, relations, dates, graph or hits (with --query)."),
        QStringLiteral("TABLE") });
    p.addOption({ QStringLiteral("format"),
        QStringLiteral("csv, jsonl, gexf or graphml (default: from --out's extension, else csv; gexf for a graph)."),
        QStringLiteral("FORMAT") });
    p.addOption({ QStringLiteral("query"),
        QStringLiteral("With --what hits: a full-text search as the window's takes it (words, \"a phrase\", prefix*, "
                       "OR, NOT); each hit is a row with its context, article, date and code-point offsets."),
        QStringLiteral("Q") });
    p.addOption({ QStringLiteral("out"), QStringLiteral("Output file (default: stdout)."), QStringLiteral("FILE") });
    networkoptions::add(p);
    if (int status = parse(p, args); status >= 0)
        return status;
    const QString outPath = p.value(QStringLiteral("out"));
    if (p.value(QStringLiteral("what")) == u"graph") {
        NetworkFilter filter;
        QString error;
        if (!networkoptions::parse(p, &filter, &error)) {
            err(QStringLiteral("entente export: %1").arg(error));
            return 2;
        }
        return exportGraph(p.value(QStringLiteral("store")), p.value(QStringLiteral("format")), outPath, filter);
    }
    for (const char *graphOnly : { "tone", "min-weight", "min-degree", "countries-only", "from", "to", "top" }) {
        if (p.isSet(QLatin1String(graphOnly))) {
            err(QStringLiteral("entente export: --%1 is for --what graph").arg(QLatin1String(graphOnly)));
            return 2;
        }
    }
    if (p.value(QStringLiteral("what")) == u"hits")
        return exportHits(p.value(QStringLiteral("store")), p.value(QStringLiteral("query")),
            p.value(QStringLiteral("format")), outPath);
    Exporter::What what;
    if (!Exporter::parseWhat(p.value(QStringLiteral("what")), &what)) {
        err(QStringLiteral(
            "entente export: --what must be articles, entities, mentions, relations, dates, graph or hits"));
        return 2;
    }
    QString formatName = p.value(QStringLiteral("format"));
    if (formatName.isEmpty()) {
        // From the file's name: a name that says another format is refused rather than given CSV under it.
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (outPath.isEmpty() || suffix.isEmpty() || suffix == u"csv")
            formatName = QStringLiteral("csv");
        else if (suffix == u"jsonl" || suffix == u"ndjson")
            formatName = QStringLiteral("jsonl");
        else {
            err(QStringLiteral(
                "entente export: %1: cannot write .%2; name it .csv or .jsonl, or give --format csv|jsonl")
                    .arg(outPath, suffix));
            return 2;
        }
    }
    Exporter::Format format;
    if (!Exporter::parseFormat(formatName, &format)) {
        err(QStringLiteral("entente export: --format must be csv or jsonl (gexf and graphml are for --what graph)"));
        return 2;
    }
    if (!requireStore(QStringLiteral("export"), p.value(QStringLiteral("store"))))
        return 2;
    if (isServerStore(p.value(QStringLiteral("store")))) {
        QString error;
        const std::unique_ptr<PgStore> server = PgStore::connect(p.value(QStringLiteral("store")), &error, true);
        if (!server) {
            err(QStringLiteral("entente export: %1").arg(error));
            return 2;
        }
        return writeOut(outPath, [&](QIODevice *device, QString *why) -> std::optional<QString> {
            const qint64 rows = Exporter::write(*server, what, format, device, why);
            return rows < 0 ? std::nullopt : std::optional(QStringLiteral("%1 rows").arg(rows));
        });
    }
    return writeExport(p.value(QStringLiteral("store")), outPath,
        [what, format](const Store &store, QIODevice *device, QString *error) -> std::optional<QString> {
            const qint64 rows = Exporter::write(store, what, format, device, error);
            return rows < 0 ? std::nullopt : std::optional(QStringLiteral("%1 rows").arg(rows));
        });
}

int Cli::exportGraph(const QString &storePath, QString formatName, const QString &outPath, const NetworkFilter &filter)
{
    if (formatName.isEmpty()) {
        const QString suffix = QFileInfo(outPath).suffix().toLower();
        if (outPath.isEmpty() || suffix.isEmpty() || suffix == u"gexf")
            formatName = QStringLiteral("gexf");
        else if (suffix == u"graphml")
            formatName = QStringLiteral("graphml");
        else {
            err(QStringLiteral("entente export: %1: cannot write a graph as .%2; name it .gexf or .graphml, or give "
                               "--format gexf|graphml")
                    .arg(outPath, suffix));
            return 2;
        }
    }
    GraphExport::Format format;
    if (!GraphExport::parseFormat(formatName, &format)) {
        err(QStringLiteral("entente export: a graph's --format must be gexf or graphml"));
        return 2;
    }
    if (!requireStore(QStringLiteral("export"), storePath))
        return 2;
    return writeExport(storePath, outPath,
        [format, filter](const Store &store, QIODevice *device, QString *error) -> std::optional<QString> {
            const GraphExport::Counts counts = GraphExport::write(store, format, device, error, filter);
            if (counts.nodes < 0)
                return std::nullopt;
            return QStringLiteral("%1 nodes and %2 edges").arg(counts.nodes).arg(counts.edges);
        });
}

int Cli::exportHits(const QString &storePath, const QString &query, const QString &formatName, const QString &outPath)
{
    const QString suffix = QFileInfo(outPath).suffix().toLower();
    if (!formatName.isEmpty() && formatName != u"csv") {
        err(QStringLiteral("entente export: hits are written as CSV (--format csv)"));
        return 2;
    }
    if (formatName.isEmpty() && !outPath.isEmpty() && !suffix.isEmpty() && suffix != u"csv") {
        err(QStringLiteral("entente export: %1: hits are written as CSV; name it .csv").arg(outPath));
        return 2;
    }
    if (query.trimmed().isEmpty()) {
        err(QStringLiteral("entente export: --what hits needs --query (what to search for)"));
        return 2;
    }
    if (!requireStore(QStringLiteral("export"), storePath))
        return 2;
    return writeExport(
        storePath, outPath, [query](const Store &store, QIODevice *device, QString *error) -> std::optional<QString> {
            Hits::Options options;
            options.query = query;
            QString why;
            const qint64 rows = Hits::writeCsv(store, options, device, &why);
            if (rows < 0) {
                *error = QStringLiteral("cannot search for “%1”: %2").arg(query, why);
                return std::nullopt;
            }
            return QStringLiteral("%1 hits").arg(rows);
        });
}

int Cli::annotate(const QStringList &args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Extract from documents without a store and print one JSON object per document and line:\n"
        "{\"id\", \"published\", \"entities\", \"dates\", \"relations\", \"countries\"}; offsets are Unicode code "
        "points;\n"
        "\"countries\" ranks the countries named by salience, each marked \"about\" or only mentioned.\n"
        "Documents: each FILE (id = its path), or standard input ('-' or no FILE) as one document.\n"
        "With --jsonl, each input line is {\"id\", \"text\", \"date\"} and each output line carries its id.\n"
        "With --articles, files and folders are read as 'entente ingest' reads them (text, HTML, JSON Lines, CSV),\n"
        "one line per article (id = file or file:line), and standard input as JSON Lines of article records.\n"
        "Each line also carries \"article\" (the record as ingest stores it, with its text), \"sentences\" and\n"
        "\"entente\" {\"format\", \"models\", \"lexicon\"} (digests of the compiled-in models and lexicon):\n"
        "'entente ingest --annotations' stores such lines without extracting again. The output is deterministic:\n"
        "the same input gives the same bytes, on any machine with the same models and lexicon."));
    p.addOption({ QStringLiteral("date"),
        QStringLiteral("The documents' date, for relative dates (YYYY-MM-DD, YYYY-MM "
                       "or YYYY)."),
        QStringLiteral("DATE") });
    p.addOption({ QStringLiteral("jsonl"), QStringLiteral("Input is JSON Lines of {\"id\", \"text\", \"date\"}.") });
    p.addOption({ QStringLiteral("articles"),
        QStringLiteral("Input is article files and folders, read as 'entente ingest' reads them; standard input is "
                       "JSON Lines of article records.") });
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Documents to read; '-' for standard input."),
        QStringLiteral("[FILE...|-]"));
    if (int status = parse(p, args); status >= 0)
        return status;
    if (p.isSet(QStringLiteral("jsonl")) && p.isSet(QStringLiteral("articles"))) {
        err(QStringLiteral("entente annotate: --jsonl and --articles are two input formats; give one"));
        return 2;
    }

    std::optional<PublishedDate> given;
    if (p.isSet(QStringLiteral("date"))) {
        const QString value = p.value(QStringLiteral("date"));
        const PartialDate d = PartialDate::fromIso(value);
        if (!d.isValid()) {
            err(QStringLiteral("entente annotate: --date '%1' is not a date of the calendar (YYYY-MM-DD, YYYY-MM or "
                               "YYYY)")
                    .arg(value));
            return 2;
        }
        given = PublishedDate { d, DateSource::Metadata, {} };
    }
    const Extractor &extractor = Extractor::shared();
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
        return 2;
    // Each line carries its document as the article record `entente ingest --annotations` stores.
    auto emitDocument = [&](const QJsonValue &id, const QString &text, std::optional<PublishedDate> published,
                            const QString &fileNameHint, const QString &file, int fileLine) {
        DocumentContext ctx;
        ctx.fileName = fileNameHint;
        ctx.published = published;
        const Annotation a = extractor.annotate(text, ctx);
        ArticleRecord r;
        r.text = text;
        r.file = file;
        r.fileLine = fileLine;
        if (published)
            r.published = *published;
        else if (a.published && a.published->date.isValid())
            r.published = *a.published;
        stdoutFile.write(annotatedArticleLine(id, r, a));
    };

    QStringList inputs = p.positionalArguments();
    if (inputs.isEmpty())
        inputs << QStringLiteral("-");
    if (p.isSet(QStringLiteral("articles"))) {
        const int status = annotateArticles(inputs, given ? &*given : nullptr, &stdoutFile);
        stdoutFile.flush();
        return status;
    }
    int unreadable = 0; // inputs that could not be read to their end; a bad line is only reported
    for (const QString &input : inputs) {
        const QString shown = displayFileName(input); // opened by its bytes, named with U+FFFD for those not UTF-8
        QFile f;
        const bool isStdin = input == u"-";
        QString why;
        if (isStdin ? !f.open(stdin, QIODevice::ReadOnly) : !openRegularFile(input, &f, &why)) {
            err(QStringLiteral("%1: %2").arg(shown, isStdin ? QStringLiteral("cannot read standard input") : why));
            ++unreadable;
            continue;
        }
        if (!p.isSet(QStringLiteral("jsonl"))) {
            QByteArray bytes;
            if (!readCapped(f, &bytes)) {
                err(QStringLiteral("%1: more than %2 MB; not read").arg(shown).arg(MaxFileBytes >> 20));
                ++unreadable;
                continue;
            }
            const DecodedText decoded = decodeText(bytes);
            bytes.clear();
            if (!decoded.warning.isEmpty())
                err(QStringLiteral("%1: %2").arg(shown, decoded.warning));
            emitDocument(shown, decoded.text, given, isStdin ? QString() : QFileInfo(shown).fileName(),
                isStdin ? QString() : absoluteFileName(input), 0);
            continue;
        }
        int lineNo = 0;
        QByteArray line;
        LineReader lines(isStdin ? STDIN_FILENO : f.handle());
        for (;;) {
            const LineReader::Result read = lines.next(&line, MaxFileBytes);
            if (read == LineReader::End)
                break;
            ++lineNo;
            if (read == LineReader::TooLong) {
                err(QStringLiteral("%1:%2: a line of more than %3 MB; the rest of %1 is not read")
                        .arg(shown)
                        .arg(lineNo)
                        .arg(MaxFileBytes >> 20));
                ++unreadable;
                break;
            }
            if (read == LineReader::Error) {
                err(QStringLiteral("%1:%2: cannot read (%3)").arg(shown).arg(lineNo).arg(qt_error_string(errno)));
                ++unreadable;
                break;
            }
            if (line.trimmed().isEmpty())
                continue;
            const auto lineError
                = [&](const QString &what) { err(QStringLiteral("%1:%2: %3").arg(shown).arg(lineNo).arg(what)); };
            QJsonParseError perr;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &perr);
            if (!doc.isObject()) {
                lineError(QStringLiteral("invalid JSON (%1)")
                              .arg(perr.error == QJsonParseError::NoError ? QStringLiteral("not an object")
                                                                          : perr.errorString()));
                continue;
            }
            const QJsonObject o = doc.object();
            QString text;
            QString problem;
            if (!jsonTextField(QStringLiteral("text"), o.value(QStringLiteral("text")), &text, &problem)) {
                lineError(QStringLiteral("%1; record skipped").arg(problem));
                continue;
            }
            std::optional<PublishedDate> published = given;
            const QJsonValue date = o.value(QStringLiteral("date"));
            if (!date.isNull() && !date.isUndefined()) {
                // Read as ingest reads a record's date; Unix seconds come as a number.
                const QString value = date.isDouble() ? QString::number(date.toDouble(), 'f', 0) : date.toString();
                if (const auto d = parseDateValue(value))
                    published = PublishedDate { *d, DateSource::Metadata, {} };
                else if (!date.isString() && !date.isDouble())
                    lineError(QStringLiteral("date is not a string or a number; ignored"));
                else if (!value.trimmed().isEmpty())
                    lineError(QStringLiteral("date \"%1\" is not a valid date; ignored").arg(value.left(60)));
            }
            // No file name hint: a record's date and speaker are its own, not its file's.
            emitDocument(o.value(QStringLiteral("id")), text, published, QString(),
                isStdin ? QString() : absoluteFileName(input), lineNo);
        }
    }
    stdoutFile.flush();
    return unreadable == inputs.size() ? 1 : 0;
}

int Cli::annotateArticles(const QStringList &inputs, const PublishedDate *given, QIODevice *out)
{
    // One article as an import reads and extracts it; `given` (--date) stands in for a date the record lacks.
    auto emitRecord = [&](ArticleRecord &r) {
        if (given && !r.published.date.isValid())
            r.published = *given;
        const Annotation a = Importer::extractArticle(&r);
        const QJsonValue id
            = r.fileLine > 0 ? QJsonValue(QStringLiteral("%1:%2").arg(r.file).arg(r.fileLine)) : QJsonValue(r.file);
        out->write(annotatedArticleLine(id, r, a));
    };
    (void)Extractor::shared();
    int unreadable = 0; // inputs of which nothing was read
    QStringList paths;
    bool readStdin = false;
    for (const QString &input : inputs) {
        if (input == u"-")
            readStdin = true;
        else
            paths << input;
    }
    QList<ImportMessage> walkMessages;
    const QStringList files = Importer::collectFiles(paths, &walkMessages, nullptr);
    for (const ImportMessage &m : walkMessages)
        err(m.toString());
    unreadable += int(std::count_if(walkMessages.cbegin(), walkMessages.cend(),
        [&paths](const ImportMessage &m) { return paths.contains(m.file); }));
    for (const QString &file : files) {
        FileReadResult read = readArticleFile(file);
        for (const ImportMessage &m : read.messages)
            err(m.toString());
        if (read.articles.isEmpty())
            ++unreadable;
        for (ArticleRecord &r : read.articles)
            emitRecord(r);
    }
    if (readStdin) {
        // Line by line, as it comes: `RDD.pipe` and `parallel --pipe` feed records this way.
        const QString name = QStringLiteral("-");
        LineReader lines(STDIN_FILENO);
        QByteArray line;
        int lineNo = 0;
        int articles = 0;
        for (;;) {
            const LineReader::Result read = lines.next(&line, MaxFileBytes);
            if (read == LineReader::End)
                break;
            ++lineNo;
            if (read != LineReader::Line) {
                err(QStringLiteral("%1:%2: %3")
                        .arg(name)
                        .arg(lineNo)
                        .arg(read == LineReader::TooLong
                                ? QStringLiteral("a line of more than %1 MB; the rest is not read")
                                      .arg(MaxFileBytes >> 20)
                                : QStringLiteral("cannot read (%1)").arg(qt_error_string(errno))));
                break;
            }
            if (line.trimmed().isEmpty())
                continue;
            FileReadResult one = readArticleData(QStringLiteral("-.jsonl"), line);
            for (ImportMessage m : one.messages) {
                m.file = name;
                m.line = lineNo;
                err(m.toString());
            }
            for (ArticleRecord &r : one.articles) {
                r.file = name;
                r.fileLine = lineNo;
                emitRecord(r);
                ++articles;
            }
        }
        if (articles == 0 && lineNo == 0)
            ++unreadable;
    }
    const int total = int(files.size()) + (readStdin ? 1 : 0);
    return total > 0 && unreadable >= total ? 1 : 0;
}

} // namespace entente
