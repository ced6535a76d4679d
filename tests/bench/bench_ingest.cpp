// Benchmark: `entente ingest` of the whole UN General Debate corpus into a fresh store.
// Prints, for each run and as the median of the runs: seconds, MB/s, articles/s and the
// child's peak resident memory.
//
//   bench_ingest [--runs 3] [--extract] [--corpus DIR] [--threads N] [--server URL] [--keep-indexes]
//
// Without --corpus the tarball in ../shared/corpus/ungdc is unpacked to a temporary folder
// first (not timed). Without --extract the import and storage alone are measured (full-text
// index included), with it the whole ingest with extraction. With --server the store is a PostgreSQL database
// (postgresql://entente_writer@HOST:PORT/DB, one the benchmark may empty: every Entente table in it is dropped before
// each run); the peak memory is then the client's only.
#include "benchstats.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <libpq-fe.h>

#include <algorithm>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>

using entente::bench::median;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addHelpOption();
    p.addOption(
        { QStringLiteral("runs"), QStringLiteral("Number of runs."), QStringLiteral("N"), QStringLiteral("3") });
    p.addOption({ QStringLiteral("extract"), QStringLiteral("Measure ingest with extraction.") });
    p.addOption({ QStringLiteral("corpus"), QStringLiteral("An unpacked corpus folder."), QStringLiteral("DIR") });
    p.addOption({ QStringLiteral("threads"), QStringLiteral("Reader threads."), QStringLiteral("N") });
    p.addOption({ QStringLiteral("server"),
        QStringLiteral("Ingest into this PostgreSQL database, emptied before each run."), QStringLiteral("URL") });
    p.addOption({ QStringLiteral("keep-indexes"), QStringLiteral("Pass --keep-indexes (no bulk load).") });
    p.process(app);
    const QString server = p.value(QStringLiteral("server"));

    QTemporaryDir work;
    QString corpus = p.value(QStringLiteral("corpus"));
    if (corpus.isEmpty()) {
        const QString tarball = QStringLiteral(ENTENTE_SHARED_DIR "/corpus/ungdc/ungdc-1946-2023.tar.xz");
        std::printf("unpacking %s ...\n", qPrintable(tarball));
        std::fflush(stdout);
        if (QProcess::execute(
                QStringLiteral("tar"), { QStringLiteral("-xJf"), tarball, QStringLiteral("-C"), work.path() })
            != 0) {
            std::fprintf(stderr, "cannot unpack %s\n", qPrintable(tarball));
            return 1;
        }
        corpus = work.path();
    }
    qint64 bytes = 0;
    int files = 0;
    for (QDirIterator it(corpus, QDir::Files, QDirIterator::Subdirectories); it.hasNext();) {
        it.next();
        if (it.fileName().endsWith(QLatin1String(".txt"))) {
            bytes += it.fileInfo().size();
            ++files;
        }
    }
    const double mb = double(bytes) / (1024.0 * 1024.0);
    std::printf("corpus: %d text files, %.1f MB; mode: %s\n", files, mb,
        p.isSet(QStringLiteral("extract")) ? "ingest with extraction" : "import and storage (--no-extract)");

    QList<double> seconds, rates, articleRates, peaks;
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    for (int run = 0; run < runs; ++run) {
        const QString store = server.isEmpty() ? work.filePath(QStringLiteral("bench-%1.entente").arg(run)) : server;
        if (!server.isEmpty()) {
            // Empty the database: the schema is made again by the ingest, as in a first import.
            PGconn *c = PQconnectdb(server.toUtf8().constData());
            PGresult *r = PQexec(c,
                "DROP TABLE IF EXISTS schema_version, deferred_indexes, edits, article_countries, relations, dates,"
                " mentions, entities, sentence_spans, articles CASCADE");
            const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
            if (!ok)
                std::fprintf(stderr, "cannot empty %s: %s", qPrintable(server), PQerrorMessage(c));
            PQclear(r);
            PQfinish(c);
            if (!ok)
                return 1;
        }
        QStringList args { QStringLiteral("ingest"), QStringLiteral("--quiet"), QStringLiteral("--store"), store };
        if (!p.isSet(QStringLiteral("extract")))
            args << QStringLiteral("--no-extract");
        if (p.isSet(QStringLiteral("threads")))
            args << QStringLiteral("--threads") << p.value(QStringLiteral("threads"));
        if (p.isSet(QStringLiteral("keep-indexes")))
            args << QStringLiteral("--keep-indexes");
        args << corpus;

        // fork/exec by hand so that wait4 gives this child's own peak memory.
        std::fflush(stdout);
        QElapsedTimer clock;
        clock.start();
        const pid_t pid = fork();
        if (pid == 0) {
            std::freopen("/dev/null", "w", stdout);
            QList<QByteArray> storage;
            std::vector<char *> argvChild;
            storage << QByteArray(ENTENTE_BINARY);
            for (const QString &a : args)
                storage << a.toLocal8Bit();
            for (QByteArray &s : storage)
                argvChild.push_back(s.data());
            argvChild.push_back(nullptr);
            execv(argvChild[0], argvChild.data());
            _exit(127);
        }
        int status = 0;
        struct rusage usage
        {
        };
        wait4(pid, &status, 0, &usage);
        const double secs = clock.elapsed() / 1000.0;
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "run %d: entente ingest failed (status %d)\n", run + 1, status);
            return 1;
        }
        const double peakMb = double(usage.ru_maxrss) / 1024.0;
        seconds << secs;
        rates << mb / secs;
        articleRates << files / secs;
        peaks << peakMb;
        std::printf("run %d: %.2f s, %.1f MB/s, %.0f articles/s, peak %.0f MB, store %.0f MB\n", run + 1, secs,
            mb / secs, files / secs, peakMb, server.isEmpty() ? double(QFile(store).size()) / (1024.0 * 1024.0) : 0.0);
        std::fflush(stdout);
        if (server.isEmpty())
            QFile::remove(store);
    }
    std::printf("median of %d: %.2f s, %.1f MB/s, %.0f articles/s, peak %.0f MB\n", runs, median(seconds),
        median(rates), median(articleRates), median(peaks));
    return 0;
}
