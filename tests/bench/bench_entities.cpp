// Speed of entity recognition: reads up to N MB of .txt files under a folder (the UN General Debate corpus
// unpacked from ../shared/corpus/ungdc, for instance) and prints the gazetteer's load time and MB/s of
// recogniseEntities on one core.
//
//     bench_entities <folder> [megabytes=8]
//     bench_entities --dump <file>      (prints the mentions found in one file)
#include "entities.h"
#include "extractor.h"
#include "sentences.h"

#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>
#include <ctime>

using namespace entente;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_entities <folder of .txt files> [megabytes]\n");
        return 2;
    }
    if (QByteArray(argv[1]) == "--dump" && argc > 2) {
        QFile f(QString::fromLocal8Bit(argv[2]));
        if (!f.open(QIODevice::ReadOnly))
            return 1;
        const QString text = QString::fromUtf8(f.readAll());
        for (const EntityMention &m : recogniseEntities(TokenStream(text), PartialDate {}, DocumentContext {}))
            std::printf("%-12s %-40s %-40s %s %s %.2f\n", qPrintable(entityKindName(m.kind)), qPrintable(m.text),
                qPrintable(m.id), qPrintable(m.country), qPrintable(m.method), m.confidence);
        return 0;
    }
    const qint64 limit = (argc > 2 ? QByteArray(argv[2]).toLongLong() : 8) * 1024 * 1024;

    QElapsedTimer load;
    load.start();
    const Gazetteer &g = Gazetteer::shared();
    std::printf("gazetteer: %lld entries, loaded in %.1f ms (first call %.1f ms)\n", qint64(g.entryCount()),
        g.loadMilliseconds(), double(load.nsecsElapsed()) / 1e6);

    QList<QString> texts;
    std::vector<TokenStream> streams; // tokenized before the clock starts: entity recognition alone is timed
    qint64 bytes = 0;
    QDirIterator it(
        QString::fromLocal8Bit(argv[1]), { QStringLiteral("*.txt") }, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext() && bytes < limit) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        bytes += data.size();
        texts.append(QString::fromUtf8(data));
    }
    for (const QString &t : std::as_const(texts))
        streams.emplace_back(t);
    const PartialDate date = PartialDate::fromIso(QStringLiteral("2015-09-28"));
    qint64 mentions = 0;
    QElapsedTimer timer;
    timer.start();
    // CPU time as well as wall time: the machine is shared, and wall time counts the others' work.
    const std::clock_t cpu0 = std::clock();
    for (qsizetype i = 0; i < texts.size(); ++i)
        mentions += recogniseEntities(streams[size_t(i)], date, DocumentContext {}).size();
    const double s = double(timer.nsecsElapsed()) / 1e9;
    const double cpu = double(std::clock() - cpu0) / CLOCKS_PER_SEC;
    std::printf(
        "recogniseEntities: %lld files, %.1f MB, %lld mentions in %.2f s = %.1f MB/s (CPU %.2f s = %.1f MB/s)\n",
        qint64(texts.size()), double(bytes) / 1e6, mentions, s, double(bytes) / 1e6 / s, cpu,
        double(bytes) / 1e6 / cpu);
    return 0;
}
