// Every quality figure of the extraction in one run, so that the next person can see whether a change helped:
// the statistical models on the held-out test parts of ../shared/data/training (part-of-speech accuracy, parser
// attachment, named-entity F1), the whole pipeline's people, organisations and places on held-out documents, the
// people, organisations and places of the five sample articles against seeds.expected.json, and how well
// `about` picks a document's countries. Nothing here trains; the shipped models are measured as they are.
//
//   bench_quality [--data DIR] [--only models|pipeline|samples|salience|relations] [--errors SET]
#include "evaluation.h"
#include "extractor.h"
#include "learn/corpora.h"
#include "learn/depparser.h"
#include "learn/nertagger.h"
#include "learn/postagger.h"
#include "relationgold.h"
#include "salience.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cstdio>

using namespace entente;

namespace {

void print(const learn::Figure &f)
{
    std::printf("  %-58s %.4f  %s\n", qPrintable(f.name), f.value, qPrintable(f.detail));
}

QString normalise(QString s)
{
    s.replace(u'\u2019', u'\'');
    return s.toLower().simplified();
}

// As the sample acceptance matches names: equal, or one holds the other as whole words ("Biden", "Joe Biden").
bool sameName(const QString &a, const QString &b)
{
    const QString x = normalise(a), y = normalise(b);
    if (x.isEmpty() || y.isEmpty())
        return false;
    const auto holds = [](const QString &hay, const QString &needle) {
        return QRegularExpression(
            QStringLiteral("(^|\\W)") + QRegularExpression::escape(needle) + QStringLiteral("($|\\W)"))
            .match(hay)
            .hasMatch();
    };
    return x == y || holds(x, y) || holds(y, x);
}

// People, organisations and places of the sample articles: the distinct names found against those the analyst
// lists (countries are checked by the acceptance test; places here are the cities and sites).
void sampleFigures()
{
    QFile f(QStringLiteral(ENTENTE_SHARED_DIR "/corpus/seeds.expected.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        std::printf("  (no seeds.expected.json)\n");
        return;
    }
    const QJsonArray articles = QJsonDocument::fromJson(f.readAll()).object().value(u"articles").toArray();
    struct Tally
    {
        int found = 0, right = 0, expected = 0, recalled = 0;
    };
    Tally people, orgs, places;
    for (const QJsonValue &v : articles) {
        const QJsonObject a = v.toObject();
        QFile text(QStringLiteral(ENTENTE_SAMPLES_DIR "/") + a.value(u"file").toString());
        if (!text.open(QIODevice::ReadOnly))
            continue;
        const Annotation ann = Extractor::shared().annotate(QString::fromUtf8(text.readAll()), DocumentContext {});
        const auto tally = [&](Tally &t, const char *field, std::initializer_list<EntityKind> kinds) {
            QStringList expected;
            for (const QJsonValue &e : a.value(QLatin1String(field)).toArray())
                expected << e.toString();
            QList<QPair<QString, QString>> found; // (name, text) of distinct entities
            QSet<QString> ids;
            for (const EntityMention &m : ann.entities) {
                if (m.method == u"in-name" || !std::count(kinds.begin(), kinds.end(), m.kind) || ids.contains(m.id))
                    continue;
                ids.insert(m.id);
                found.append({ m.name, m.text });
            }
            t.found += int(found.size());
            for (const auto &[name, form] : found)
                t.right += std::any_of(expected.cbegin(), expected.cend(),
                    [&](const QString &e) { return sameName(e, name) || sameName(e, form); });
            t.expected += int(expected.size());
            for (const QString &e : expected)
                t.recalled += std::any_of(found.cbegin(), found.cend(),
                    [&](const auto &p) { return sameName(e, p.first) || sameName(e, p.second); });
        };
        tally(people, "people", { EntityKind::Person });
        tally(orgs, "organizations", { EntityKind::Organization });
        tally(places, "places", { EntityKind::Place });
    }
    const auto show = [](const char *what, const Tally &t) {
        const double p = t.found ? double(t.right) / t.found : 0.0;
        const double r = t.expected ? double(t.recalled) / t.expected : 0.0;
        print({ QStringLiteral("samples: %1 F1").arg(QLatin1String(what)), p + r > 0 ? 2 * p * r / (p + r) : 0.0,
            QStringLiteral("P %1 (%2 of %3 found) R %4 (%5 of %6 listed)")
                .arg(p, 0, 'f', 3)
                .arg(t.right)
                .arg(t.found)
                .arg(r, 0, 'f', 3)
                .arg(t.recalled)
                .arg(t.expected) });
    };
    show("people", people);
    show("organisations", orgs);
    show("places", places);
}

} // namespace

// The gold sentences of a folder of gold-*.tsv, or of one file.
QList<GoldSentence> readGold(const QString &path, QStringList *problems)
{
    return QFileInfo(path).isDir() ? readRelationGoldDir(path, problems) : readRelationGold(path, problems);
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral("Quality figures of the extraction on held-out data."));
    p.addHelpOption();
    p.addOption({ QStringLiteral("data"), QStringLiteral("The annotated corpora (default: ../shared/data/training)."),
        QStringLiteral("DIR") });
    p.addOption({ QStringLiteral("errors"),
        QStringLiteral(
            "List the pipeline's missed (-) and wrong (+) names on a held-out set (uner, gum-news, gum-dev), or "
            "the sentences of the relations gold set where the relations differ (relations)."),
        QStringLiteral("SET") });
    p.addOption({ QStringLiteral("only"), QStringLiteral("One part: models, pipeline, samples, salience or relations."),
        QStringLiteral("PART") });
    p.addOption({ QStringLiteral("gold"),
        QStringLiteral(
            "The relations gold set: a folder of gold-*.tsv, or one such file (default: tests/data/relations)."),
        QStringLiteral("PATH") });
    p.process(app);
    const QString data = p.isSet(QStringLiteral("data")) ? p.value(QStringLiteral("data"))
                                                         : QStringLiteral(ENTENTE_SHARED_DIR "/data/training");
    const QString only = p.value(QStringLiteral("only"));
    const auto wanted = [&only](const char *part) { return only.isEmpty() || only == QLatin1String(part); };
    if (!QDir(data).exists()) {
        std::fprintf(stderr, "no training data at %s (give --data DIR)\n", qPrintable(data));
        return 1;
    }
    const QString relationsDir = p.isSet(QStringLiteral("gold"))
        ? p.value(QStringLiteral("gold"))
        : QStringLiteral(ENTENTE_SOURCE_DIR "/tests/data/relations");
    if (p.value(QStringLiteral("errors")) == u"relations") {
        QStringList errors;
        (void)scoreRelations(readGold(relationsDir, nullptr), &errors);
        for (const QString &e : std::as_const(errors))
            std::printf("%s\n", qPrintable(e));
        return 0;
    }
    if (p.isSet(QStringLiteral("errors"))) {
        const QString set = p.value(QStringLiteral("errors"));
        const QList<EvalDocument> docs = set == u"uner" ? unerEwtTestDocuments(data)
            : set == u"gum-news"                        ? gumDocuments(learn::NerCorpus::GumTest, data, true)
                                                        : gumDocuments(learn::NerCorpus::GumDev, data);
        QStringList errors;
        (void)evaluatePipelineNames(docs, &errors);
        for (const QString &e : std::as_const(errors))
            std::printf("%s\n", qPrintable(e));
        return 0;
    }
    QElapsedTimer timer;
    timer.start();
    if (wanted("models")) {
        std::printf("statistical models on the held-out test parts:\n");
        for (const learn::Figure &f : learn::evaluatePosTagger(learn::PosTagger::shared(), data))
            print(f);
        for (const learn::Figure &f :
            learn::evaluateParser(learn::DependencyParser::shared(), learn::PosTagger::shared(), data))
            print(f);
        for (const learn::Figure &f : learn::evaluateNer(learn::NerTagger::shared(), data))
            print(f);
    }
    if (wanted("pipeline")) {
        std::printf("the whole extraction on held-out documents (person/organization -> PER/ORG, country/place/region "
                    "-> LOC, demonyms and events -> MISC):\n");
        for (const learn::Figure &f : pipelineNameFigures(data))
            print(f);
    }
    if (wanted("samples")) {
        std::printf("the five sample articles against seeds.expected.json (distinct names):\n");
        sampleFigures();
    }
    if (wanted("salience")) {
        std::printf("countries marked about (GUM: salient entities; samples: the countries listed):\n");
        for (const SalienceScore &s : evaluateSalience(data, QStringLiteral(ENTENTE_SAMPLES_DIR),
                 QStringLiteral(ENTENTE_SHARED_DIR "/corpus/seeds.expected.json")))
            print({ QStringLiteral("about F1, %1").arg(s.name), s.f1(),
                QStringLiteral("P %1 R %2, %3 documents")
                    .arg(s.precision(), 0, 'f', 3)
                    .arg(s.recall(), 0, 'f', 3)
                    .arg(s.documents) });
    }
    if (wanted("relations")) {
        QStringList problems;
        const QList<GoldSentence> gold = readGold(relationsDir, &problems);
        for (const QString &e : std::as_const(problems))
            std::fprintf(stderr, "%s\n", qPrintable(e));
        std::printf("relations between countries in the gold sentences of tests/data/relations (pairs either way):\n");
        if (gold.isEmpty())
            std::printf("  no gold sentences\n");
        for (const learn::Figure &f : relationFigures(gold))
            print(f);
    }
    std::printf("(%.1f s)\n", double(timer.elapsed()) / 1000.0);
    return 0;
}
