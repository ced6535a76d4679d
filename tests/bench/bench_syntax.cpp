// Speed of the part-of-speech tagger and the dependency parser on one core: the shipped models' sizes and
// load times, then words per second of PosTagger::tag() and DependencyParser::parse() over the EWT test
// sentences (../shared/data/training/ud) repeated, as medians of several runs, by the clock and by the CPU time
// of the thread (the latter leaves out the time other jobs of a shared machine took). With --quality it also prints
// their accuracy on the held-out EWT and GUM test parts.
//
//     bench_syntax [--runs 5] [--repeat 10] [--quality]
#include "benchstats.h"

#include "depparser.h"
#include "modelfiles.h"
#include "postagger.h"
#include "ud.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>
#include <ctime>

using namespace entente;
using namespace entente::learn;

namespace {

// This thread's CPU time: on a machine shared with other jobs, wall time also counts the time others ran.
double cpuSeconds()
{
    timespec ts {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

struct Sentence
{
    std::vector<QStringView> words;
    std::vector<Upos> tags;
    std::vector<int> heads;
    std::vector<quint8> labels;
};

struct Timing
{
    double wall = 0; // medians
    double cpu = 0;
};

template<typename Loader> Timing loadMilliseconds(const QByteArray &bytes, int runs, Loader load)
{
    QList<double> wall, cpu;
    for (int r = 0; r < runs; ++r) {
        QElapsedTimer t;
        t.start();
        const double c = cpuSeconds();
        if (!load(bytes))
            return { -1, -1 };
        cpu.append((cpuSeconds() - c) * 1e3);
        wall.append(double(t.nsecsElapsed()) / 1e6);
    }
    return { bench::median(wall), bench::median(cpu) };
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto option = [&](const char *name, int fallback) {
        const qsizetype i = args.indexOf(QString::fromLatin1(name));
        return i >= 0 && i + 1 < args.size() ? args[i + 1].toInt() : fallback;
    };
    const int runs = std::max(1, option("--runs", 5));
    const int repeat = std::max(1, option("--repeat", 10));

    const QByteArray posBytes = modelFile(QStringLiteral("pos.model"));
    const QByteArray parserBytes = modelFile(QStringLiteral("parser.model"));
    if (posBytes.isEmpty() || parserBytes.isEmpty()) {
        std::fprintf(stderr, "bench_syntax: pos.model or parser.model is not compiled in (resources/models)\n");
        return 1;
    }
    PosTagger tagger;
    DependencyParser parser;
    const Timing posLoad = loadMilliseconds(posBytes, runs, [&](const QByteArray &b) { return tagger.load(b); });
    const Timing parserLoad = loadMilliseconds(parserBytes, runs, [&](const QByteArray &b) { return parser.load(b); });
    if (posLoad.wall < 0 || parserLoad.wall < 0) {
        std::fprintf(stderr, "bench_syntax: a shipped model does not load\n");
        return 1;
    }
    std::printf("pos.model     %6.2f MB, loaded in %6.1f ms (%6.1f ms CPU; medians of %d)\n",
        double(posBytes.size()) / 1e6, posLoad.wall, posLoad.cpu, runs);
    std::printf("parser.model  %6.2f MB, loaded in %6.1f ms (%6.1f ms CPU), %lld relations\n",
        double(parserBytes.size()) / 1e6, parserLoad.wall, parserLoad.cpu, qint64(parser.labelNames().size()));

    const QString dataDir = QStringLiteral(ENTENTE_SHARED_DIR "/data/training");
    UdData data;
    QString error;
    if (!readUdData(dataDir, data, &error, 0, UdParts::TestOnly, parser.labelNames())) {
        std::fprintf(stderr, "bench_syntax: %s\n", qPrintable(error));
        return 1;
    }
    std::vector<Sentence> sentences;
    qint64 words = 0;
    for (const UdSentence &u : std::as_const(data.ewtTest)) {
        Sentence s;
        s.words.assign(u.words.cbegin(), u.words.cend());
        s.tags.resize(s.words.size());
        s.heads.resize(s.words.size());
        s.labels.resize(s.words.size());
        tagger.tag(s.words, s.tags);
        words += qint64(s.words.size());
        sentences.push_back(std::move(s));
    }
    std::printf(
        "EWT test: %lld sentences, %lld words, each run %d times over\n", qint64(sentences.size()), words, repeat);

    const auto measure = [&](const char *what, auto work) {
        QList<double> rates, cpuRates;
        for (int r = 0; r < runs; ++r) {
            QElapsedTimer t;
            t.start();
            const double c = cpuSeconds();
            for (int k = 0; k < repeat; ++k) {
                for (Sentence &s : sentences)
                    work(s);
            }
            cpuRates.append(double(words) * repeat / (cpuSeconds() - c));
            rates.append(double(words) * repeat / (double(t.nsecsElapsed()) / 1e9));
        }
        std::printf("%-34s %9.0f words/s (%9.0f words per CPU second; medians of %d runs)\n", what,
            bench::median(rates), bench::median(cpuRates), runs);
    };
    measure("tag()", [&](Sentence &s) { tagger.tag(s.words, s.tags); });
    measure("parse()", [&](Sentence &s) { parser.parse(s.words, s.tags, s.heads, s.labels); });
    measure("tag() + parse()", [&](Sentence &s) {
        tagger.tag(s.words, s.tags);
        parser.parse(s.words, s.tags, s.heads, s.labels);
    });
    // As the syntax stage runs them: each word's WordInfo made once, for both.
    std::vector<WordInfo> infos;
    measure("wordInfo() once + tag() + parse()", [&](Sentence &s) {
        infos.clear();
        for (const QStringView w : s.words)
            infos.push_back(wordInfo(w));
        tagger.tag(infos, s.tags);
        parser.parse(infos, s.tags, s.heads, s.labels);
    });

    if (args.contains(QStringLiteral("--quality"))) {
        QList<Figure> figures = evaluatePosTagger(tagger, dataDir, &error);
        figures += evaluateParser(parser, tagger, dataDir, &error);
        if (figures.isEmpty()) {
            std::fprintf(stderr, "bench_syntax: %s\n", qPrintable(error));
            return 1;
        }
        for (const Figure &f : std::as_const(figures))
            std::printf("%-44s %.4f  %s\n", qPrintable(f.name), f.value, qPrintable(f.detail));
    }
    return 0;
}
