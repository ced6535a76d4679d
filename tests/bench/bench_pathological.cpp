// Speed of the whole extraction (Extractor::annotate) on texts built to defeat it: one sentence without a full stop
// repeated to a megabyte, a megabyte of country names and verbs without punctuation, a megabyte of one token
// repeated, and one word a megabyte long. Each must run at 5 MB/s or more on one core: extraction is linear in
// its input, whatever the input. Prints, for each text, the median of the runs in MB/s of this thread's CPU time
// and whether it keeps the floor; exits 1 when one does not.
//
//   bench_pathological [--runs 3] [--megabytes 1] [--only WORDS]
#include "benchstats.h"
#include "extractor.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace entente;

namespace {

constexpr double kFloorMBps = 5.0;

struct Text
{
    const char *name;
    QString text;
};

// `unit` repeated to `bytes` (ASCII: a character is a byte).
QString repeated(QStringView unit, qsizetype bytes)
{
    QString out;
    out.reserve(bytes + unit.size());
    while (out.size() < bytes)
        out.append(unit);
    out.truncate(bytes);
    return out;
}

// Country names and verbs in a fixed pseudo-random order, with spaces and nothing else.
QString namesAndVerbs(qsizetype bytes)
{
    static const char *const names[] = { "China", "Russia", "the United States", "France", "Germany", "Japan", "India",
        "Brazil", "Iran", "Israel", "Egypt", "Turkey", "Ukraine", "Poland", "South Africa" };
    static const char *const verbs[] = { "attacked", "supports", "condemned", "met", "signed an agreement with",
        "threatened", "praised", "accused", "visited", "imposed sanctions on", "between", "and" };
    QString out;
    out.reserve(bytes + 64);
    quint32 state = 12345;
    const auto next = [&state](quint32 n) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % n;
    };
    while (out.size() < bytes) {
        out.append(QLatin1StringView(names[next(std::size(names))]));
        out.append(u' ');
        out.append(QLatin1StringView(verbs[next(std::size(verbs))]));
        out.append(u' ');
    }
    out.truncate(bytes);
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Extractor::annotate on pathological texts; prints MB/s of CPU time."));
    p.addHelpOption();
    p.addOption(
        { QStringLiteral("runs"), QStringLiteral("Number of runs."), QStringLiteral("N"), QStringLiteral("3") });
    p.addOption({ QStringLiteral("megabytes"), QStringLiteral("Size of each text in MB (10^6 bytes)."),
        QStringLiteral("N"), QStringLiteral("1") });
    p.addOption({ QStringLiteral("only"), QStringLiteral("Only the texts whose name contains WORDS."),
        QStringLiteral("WORDS") });
    p.process(app);
    const QString only = p.value(QStringLiteral("only"));
    const int runs = std::max(1, p.value(QStringLiteral("runs")).toInt());
    const qsizetype bytes = qsizetype(std::max(0.01, p.value(QStringLiteral("megabytes")).toDouble()) * 1e6);

    const QList<Text> texts {
        { "one sentence repeated, no full stop", repeated(u"Relations between China and Russia ", bytes) },
        { "country names and verbs, no punctuation", namesAndVerbs(bytes) },
        { "one token repeated", repeated(u"China ", bytes) },
        { "one unambiguous name repeated", repeated(u"Canada ", bytes) },
        { "one word", repeated(u"x", bytes) },
    };
    const Extractor &extractor = Extractor::shared();
    (void)extractor.annotate(QStringLiteral("France and Germany signed a treaty."), {}); // loads every table

    bool allKept = true;
    std::printf("%-42s %10s %10s %9s  %s\n", "text", "MB/s", "seconds", "relations", "floor 5 MB/s");
    for (const Text &t : texts) {
        if (!QLatin1StringView(t.name).contains(only))
            continue;
        QList<double> seconds;
        qsizetype relations = 0;
        for (int r = 0; r < runs; ++r) {
            const double start = bench::cpuSeconds();
            const Annotation a = extractor.annotate(t.text, {});
            seconds.append(bench::cpuSeconds() - start);
            relations = a.relations.size();
        }
        const double s = bench::median(seconds);
        const double mbps = double(t.text.size()) / 1e6 / s;
        const bool kept = mbps >= kFloorMBps;
        allKept = allKept && kept;
        std::printf("%-42s %10.2f %10.3f %9lld  %s\n", t.name, mbps, s, qint64(relations), kept ? "kept" : "MISSED");
    }
    return allKept ? 0 : 1;
}
