// Benchmark: `entente ingest` of the whole UN General Debate corpus into a fresh store.
// Prints, for each run and as the median of the runs: seconds, MB/s, articles/s and the
// child's peak resident memory.
//
//   bench_ingest [--runs 3] [--extract] [--corpus DIR] [--threads N]
//
// Without --corpus the tarball in ../shared/corpus/ungdc is unpacked to a temporary folder
// first (not timed). Without --extract the import and storage alone are measured (full-text
// index included), with it the whole ingest with extraction.
#include "benchstats.h"
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

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
    p.process(app);

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
        const QString store = work.filePath(QStringLiteral("bench-%1.entente").arg(run));
        QStringList args { QStringLiteral("ingest"), QStringLiteral("--quiet"), QStringLiteral("--store"), store };
        if (!p.isSet(QStringLiteral("extract")))
            args << QStringLiteral("--no-extract");
        if (p.isSet(QStringLiteral("threads")))
            args << QStringLiteral("--threads") << p.value(QStringLiteral("threads"));
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
            mb / secs, files / secs, peakMb, double(QFile(store).size()) / (1024.0 * 1024.0));
        std::fflush(stdout);
        QFile::remove(store);
    }
    std::printf("median of %d: %.2f s, %.1f MB/s, %.0f articles/s, peak %.0f MB\n", runs, median(seconds),
        median(rates), median(articleRates), median(peaks));
    return 0;
}
