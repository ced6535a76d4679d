#pragma once

#include <QStringList>

class QCommandLineParser;
class QIODevice;

namespace entente {

struct NetworkFilter;
struct PublishedDate;

// The headless side of the `entente` binary: `entente SUBCOMMAND ...`. Each command
// returns the process exit status; messages go to stderr, results to stdout.
class Cli
{
public:
    // True when `args` (argv without the program) starts with a subcommand, or asks for
    // --help / --version, i.e. when no window is wanted.
    [[nodiscard]] static bool wantsCommandLine(const QStringList &args);
    // A bare word that names no file ("bogus"): taken for a subcommand, so that a mistyped one is reported.
    [[nodiscard]] static bool looksLikeCommand(const QString &word);

    // Runs the command named by args[1] (args[0] is the program).
    static int run(const QStringList &args);
    // A subcommand's --help text, its first line naming it as typed: "Usage: entente ingest [options] PATH...",
    // not the binary's path.
    [[nodiscard]] static QString helpText(const QCommandLineParser &parser, const QString &command);

private:
    static int ingest(const QStringList &args);
    static int stats(const QStringList &args);
    static int check(const QStringList &args);
    // entente edits: list a store's edits, --export them to a file, --import a file of them.
    static int edits(const QStringList &args);
    static int exportTable(const QStringList &args);
    // export --what graph: the network of relations under `filter` as GEXF or GraphML.
    static int exportGraph(
        const QString &storePath, QString formatName, const QString &outPath, const NetworkFilter &filter);
    // entente export --what hits --query Q: every hit of a full-text search with its context, as CSV.
    static int exportHits(
        const QString &storePath, const QString &query, const QString &formatName, const QString &outPath);
    static int annotate(const QStringList &args);
    // annotate --articles: files and folders read as ingest reads them (standard input: JSON Lines of records),
    // one line per article to `out`; `given` (--date, or null) for articles without a date.
    static int annotateArticles(const QStringList &inputs, const PublishedDate *given, QIODevice *out);
    static int usage();
    // False, with a line saying --store is required, when `store` is empty.
    static bool requireStore(const QString &command, const QString &store);
};

} // namespace entente
