// Speed of the whole extraction pipeline (Extractor::annotate) on one core, over a folder of .txt
// files: the UN General Debate corpus unpacked from ../shared/corpus/ungdc by default. Prints the
// gazetteer's load time, then for each run and as the median: CPU seconds and MB/s of CPU time.
// CPU time, not wall time: the machine is shared, and wall time counts the others' work.
//
//   bench_annotate [--runs 3] [--megabytes N] [--json] [--out FILE] [CORPUS_DIR]
//
// The files are read and decoded before the clock starts; --json adds the `entente annotate`
// serialisation (annotationToJsonLine) to what is timed. --out writes the JSON lines of the first
// run to FILE (files in sorted order), to check that an optimisation keeps the results.
#include "annotationjson.h"
#include "benchcorpus.h"
#include "benchstats.h"
#include "extractor.h"
#include "gazetteer.h"
#include "syntax.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace entente;
using bench::cpuSeconds; // per thread: the benchmark is single-threaded, and this ignores any Qt helper thread
using bench::median;

namespace {

struct Document
{
    QString text;
    QString fileName;
};

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(
        QStringLiteral("Extractor::annotate over a corpus on one thread; prints MB/s of CPU time."));
    p.addHelpOption();
    p.addOption(
        { QStringLiteral("runs"), QStringLiteral("Number of runs."), QStringLiteral("N"), QStringLiteral("3") });
    p.addOption({ QStringLiteral("megabytes"), QStringLiteral("Read at most this many MB of text (default: all)."),
        QStringLiteral("N") });
    p.addOption({ QStringLiteral("json"), QStringLiteral("Also time the JSON serialisation of each annotation.") });
    p.addOption(
        { QStringLiteral("out"), QStringLiteral("Write the first run's JSON lines to FILE."), QStringLiteral("FILE") });
    p.addPositionalArgument(QStringLiteral("corpus"), QStringLiteral("A folder of .txt files (searched recursively)."));
    p.process(app);

    QTemporaryDir work;
    QString corpus = p.positionalArguments().value(0);
    if (corpus.isEmpty()) {
        std::printf("unpacking %s ...\n", ENTENTE_SHARED_DIR "/corpus/ungdc/ungdc-1946-2023.tar.xz");
        std::fflush(stdout);
        corpus = bench::unpackUnCorpus(work);
        if (corpus.isEmpty()) {
            std::fprintf(stderr, "cannot unpack %s\n", ENTENTE_SHARED_DIR "/corpus/ungdc/ungdc-1946-2023.tar.xz");
            return 1;
        }
    }

    QElapsedTimer load;
    load.start();
    const Extractor &extractor = Extractor::shared();
    std::printf("gazetteer: %lld entries, loaded in %.1f ms; all tables ready in %.1f ms\n",
        qint64(Gazetteer::shared().entryCount()), Gazetteer::shared().loadMilliseconds(),
        double(load.nsecsElapsed()) / 1e6);

    const qint64 limit = p.isSet(QStringLiteral("megabytes"))
        ? p.value(QStringLiteral("megabytes")).toLongLong() * 1024 * 1024
        : std::numeric_limits<qint64>::max();
    QList<Document> docs;
    qint64 bytes = 0;
    for (bench::CorpusFile &f : bench::readCorpus(corpus, limit, &bytes))
        docs.append({ std::move(f.text), QFileInfo(f.path).fileName() });
    if (docs.isEmpty()) {
        std::fprintf(stderr, "no .txt files under %s\n", qPrintable(corpus));
        return 1;
    }
    const double mb = double(bytes) / 1e6;
    QFile out(p.value(QStringLiteral("out")));
    if (!out.fileName().isEmpty() && !out.open(QIODevice::WriteOnly)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(out.fileName()));
        return 1;
    }
    const bool json = p.isSet(QStringLiteral("json")) || out.isOpen();
    std::printf("corpus: %lld files, %.1f MB%s\n", qint64(docs.size()), mb, json ? " (with JSON output)" : "");
    std::fflush(stdout);

    QList<double> seconds, rates;
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    for (int run = 0; run < runs; ++run) {
        qint64 entities = 0, relations = 0, outBytes = 0;
        (void)takeParsedWordCount();
        const double cpu0 = cpuSeconds();
        for (const Document &d : std::as_const(docs)) {
            DocumentContext ctx;
            ctx.fileName = d.fileName;
            const Annotation a = extractor.annotate(d.text, ctx);
            entities += a.entities.size();
            relations += a.relations.size();
            if (json) {
                const QByteArray line = annotationToJsonLine(d.fileName, d.text, a);
                outBytes += line.size();
                if (run == 0 && out.isOpen())
                    out.write(line);
            }
        }
        const double cpu = cpuSeconds() - cpu0;
        seconds << cpu;
        rates << mb / cpu;
        std::printf("run %d: %.2f s CPU = %.2f MB/s (%lld entities, %lld relations, %lld words parsed%s)\n", run + 1,
            cpu, mb / cpu, entities, relations, takeParsedWordCount(),
            json ? qPrintable(QStringLiteral(", %1 MB of JSON").arg(double(outBytes) / 1e6, 0, 'f', 1)) : "");
        std::fflush(stdout);
    }
    std::printf("median: %.2f s CPU = %.2f MB/s\n", median(seconds), median(rates));
    return 0;
}
