#include "traincommand.h"

#include "cli.h"
#include "corpora.h"
#include "training.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QSaveFile>

#include <cstdio>

namespace entente {

namespace {

struct Trainer
{
    const char *name;
    const char *file;
    learn::TrainResult (*train)(const learn::TrainOptions &);
    const char *what;
};

// In the order `all` trains them: the clusters feed the taggers' features, and the parser reads the tags.
constexpr Trainer kTrainers[] = {
    { "clusters", "clusters.bin", learn::trainWordClusters, "Brown clusters (UN General Debate + train parts)" },
    { "pos", "pos.model", learn::trainPosTagger, "part-of-speech tagger (UD EWT + GUM train parts)" },
    { "parser", "parser.model", learn::trainParser, "dependency parser (UD EWT + GUM train parts)" },
    { "ner", "ner.model", learn::trainNer, "named-entity tagger (PER, ORG, LOC, MISC)" },
};

void print(const QString &line)
{
    std::fputs((line + u'\n').toUtf8().constData(), stdout);
    std::fflush(stdout);
}

} // namespace

int trainCommand(const QStringList &args)
{
    QCommandLineParser p;
    QString models;
    for (const Trainer &t : kTrainers)
        models += QStringLiteral("  %1  %2 -> %3\n")
                      .arg(QString::fromLatin1(t.name), -9)
                      .arg(QString::fromLatin1(t.what), QString::fromLatin1(t.file));
    p.setApplicationDescription(QStringLiteral(
        "Train a model of the statistical layer from the annotated corpora (train parts only) and write it into\n"
        "the models folder; the figures printed at the end are measured on the held-out test parts.\n"
        "Training is deterministic: the same data and options give the same file.\n\nModels:\n%1"
        "  all        every model above, in that order")
                                    .arg(models));
    p.addHelpOption();
    p.addOption({ QStringLiteral("data"), QStringLiteral("The annotated corpora (default: ../shared/data/training)."),
        QStringLiteral("DIR") });
    p.addOption({ QStringLiteral("out"), QStringLiteral("Where the model files go (default: resources/models)."),
        QStringLiteral("DIR"), QStringLiteral("resources/models") });
    p.addOption({ QStringLiteral("epochs"), QStringLiteral("Training passes (default: each model's own)."),
        QStringLiteral("N") });
    p.addOption({ QStringLiteral("max-sentences"), QStringLiteral("Train on the first N sentences only."),
        QStringLiteral("N") });
    p.addOption({ QStringLiteral("seed"), QStringLiteral("Seed of the example order (default: 1)."),
        QStringLiteral("N"), QStringLiteral("1") });
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("clusters, pos, parser, ner or all."));
    if (!p.parse(args)) {
        std::fprintf(stderr, "entente train: %s\n", qPrintable(p.errorText()));
        return 2;
    }
    if (p.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(Cli::helpText(p, QStringLiteral("train"))), stdout);
        return 0;
    }
    const QString which = p.positionalArguments().value(0);
    QList<const Trainer *> chosen;
    for (const Trainer &t : kTrainers) {
        if (which == u"all" || which == QLatin1String(t.name))
            chosen.append(&t);
    }
    if (chosen.isEmpty() || p.positionalArguments().size() != 1) {
        std::fprintf(stderr, "entente train: name one model: clusters, pos, parser, ner or all (see --help)\n");
        return 2;
    }
    learn::TrainOptions options;
    options.dataDir = p.isSet(QStringLiteral("data")) ? p.value(QStringLiteral("data")) : learn::trainingDataDir();
    options.epochs = p.value(QStringLiteral("epochs")).toInt();
    options.maxSentences = p.value(QStringLiteral("max-sentences")).toInt();
    options.seed = p.value(QStringLiteral("seed")).toULongLong();
    options.log = print;
    if (!QDir(options.dataDir).exists()) {
        std::fprintf(stderr, "entente train: %s: no such folder (give --data DIR)\n", qPrintable(options.dataDir));
        return 2;
    }
    const QDir outDir(p.value(QStringLiteral("out")));
    if (!outDir.exists() && !QDir().mkpath(outDir.path())) {
        std::fprintf(stderr, "entente train: cannot create %s\n", qPrintable(outDir.path()));
        return 2;
    }
    for (const Trainer *t : std::as_const(chosen)) {
        print(QStringLiteral("== %1: %2").arg(QString::fromLatin1(t->name), QString::fromLatin1(t->what)));
        QElapsedTimer timer;
        timer.start();
        const learn::TrainResult r = t->train(options);
        if (!r.error.isEmpty() || r.model.isEmpty()) {
            std::fprintf(stderr, "entente train %s: %s\n", t->name,
                qPrintable(r.error.isEmpty() ? QStringLiteral("no model") : r.error));
            return 1;
        }
        const QString path = outDir.filePath(QString::fromLatin1(t->file));
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(r.model) != r.model.size() || !f.commit()) {
            std::fprintf(stderr, "entente train: cannot write %s: %s\n", qPrintable(path), qPrintable(f.errorString()));
            return 1;
        }
        print(QStringLiteral("wrote %1 (%2 KB) in %3 s")
                  .arg(path)
                  .arg(r.model.size() / 1024)
                  .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
        for (const learn::Figure &fig : r.figures)
            print(QStringLiteral("  %1  %2  %3").arg(fig.name, -44).arg(fig.value, 0, 'f', 4).arg(fig.detail));
    }
    return 0;
}

} // namespace entente
