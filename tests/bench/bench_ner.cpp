// Speed and size of the named-entity tagger: the model's size and load time, the gazetteer bits' set-up and
// cost, and words a second of NerTagger::tag() on one core, over whole sentences and over the short windows
// around capitalised words that the extraction pipeline hands it. The text is the sentences of the
// Universal NER EWT test set and of the GUM test documents (../shared/data/training), repeated. With
// --quality, also the exact-span F1 figures of evaluateNer().
//
// With --dev FOLDS, instead, the development figures of crossValidateNer(): taggers trained with the shipped
// settings (or those given) on all but one of FOLDS parts of Universal NER EWT dev, measured on the part left
// out and on GUM dev; this is how features and settings are chosen without the test parts. --errors lists the
// held-out folds' errors; --scan-bias measures the folds' taggers again with each bias of one type.
//
//     bench_ner [--runs N] [--words N] [--quality]
//     bench_ner --dev FOLDS [--errors] [--features MASK] [--epochs N] [--min-weight W] [--dropout P] [--beam N]
//                   [--bias PER,ORG,LOC,MISC] [--scan-bias TYPE:V1,V2,...] [--self-training COPIES]
//                   [--self-share P] [--beam-check] [--org-updates N] [--seed N] [--ensemble K]
#include "benchstats.h"
#include "corpora.h"
#include "gazetteer.h"
#include "gazetteerfeatures.h"
#include "modelfiles.h"
#include "nercorpora.h"
#include "nertagger.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <cstdio>

using namespace entente;
using namespace entente::learn;

namespace {

struct Sentence
{
    std::vector<QStringView> words;
    std::vector<quint32> bits;
};

// Windows of up to two words either side of each run of capitalised words, as the pipeline calls tag() on.
std::vector<Sentence> windowsOf(const std::vector<Sentence> &sentences)
{
    std::vector<Sentence> out;
    for (const Sentence &s : sentences) {
        const size_t n = s.words.size();
        for (size_t i = 0; i < n; ++i) {
            if (s.words[i].isEmpty() || !s.words[i].front().isUpper())
                continue;
            size_t last = i + 1;
            while (last < n && !s.words[last].isEmpty() && s.words[last].front().isUpper())
                ++last;
            const size_t first = i >= 2 ? i - 2 : 0;
            const size_t end = std::min(n, last + 2);
            Sentence w;
            w.words.assign(s.words.begin() + qsizetype(first), s.words.begin() + qsizetype(end));
            w.bits.assign(s.bits.begin() + qsizetype(first), s.bits.begin() + qsizetype(end));
            out.push_back(std::move(w));
            i = last - 1;
        }
    }
    return out;
}

size_t wordCount(const std::vector<Sentence> &sentences)
{
    size_t n = 0;
    for (const Sentence &s : sentences)
        n += s.words.size();
    return n;
}

QString spanText(const QStringList &words, const NameSpan &n)
{
    return words.mid(n.first, n.last - n.first).join(u' ');
}

// The names the tagger missed (-) or gave wrongly (+) with their sentence, for reading. With --dev, those of the
// held-out folds of UNER EWT dev, to look at while choosing features; without, the test part's, which is for
// reading only, never for tuning on.
void printErrors(const NerTagger &tagger, const QList<NerSentence> &sentences)
{
    NerDocument document;
    std::vector<QStringView> views;
    for (qsizetype k = 0; k < sentences.size(); ++k) {
        const NerSentence &s = sentences[k];
        if (k == 0 || s.docId.isEmpty() || s.docId != sentences[k - 1].docId)
            document.clear();
        views.assign(s.words.cbegin(), s.words.cend());
        QList<NameSpan> found = tagger.tag(views, {}, &document);
        found.removeIf([](const NameSpan &n) { return n.type == NameType::Misc; });
        const auto same = [](const NameSpan &a, const NameSpan &b) {
            return a.first == b.first && a.last == b.last && a.type == b.type;
        };
        QStringList lines;
        for (const NameSpan &g : s.names) {
            if (g.type != NameType::Misc && std::ranges::none_of(found, [&](const NameSpan &f) { return same(f, g); }))
                lines.append(QStringLiteral("  - %1 %2").arg(nameTypeName(g.type), spanText(s.words, g)));
        }
        for (const NameSpan &f : std::as_const(found)) {
            if (std::ranges::none_of(s.names, [&](const NameSpan &g) { return same(f, g); }))
                lines.append(QStringLiteral("  + %1 %2").arg(nameTypeName(f.type), spanText(s.words, f)));
        }
        if (!lines.isEmpty())
            std::printf("%s\n%s\n", qPrintable(s.words.join(u' ')), qPrintable(lines.join(u'\n')));
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int runs = 5;
    qsizetype targetWords = 500000;
    bool quality = false;
    bool errors = false;
    int folds = 0;
    NameType scanType = NameType::Organization;
    QList<int> scanValues;
    NerTrainSettings settings = NerTrainSettings::defaults();
    for (int i = 1; i < argc; ++i) {
        const QByteArray a = argv[i];
        if (a == "--dev" && i + 1 < argc)
            folds = QByteArray(argv[++i]).toInt();
        else if (a == "--features" && i + 1 < argc)
            settings.features = QByteArray(argv[++i]).toUInt(nullptr, 0);
        else if (a == "--epochs" && i + 1 < argc)
            settings.epochs = QByteArray(argv[++i]).toInt();
        else if (a == "--min-weight" && i + 1 < argc)
            settings.minWeight = QByteArray(argv[++i]).toFloat();
        else if (a == "--corpus" && i + 1 < argc) {
            // NAME:COPIES, such as "re3d:0" or "UNER EWT dev:4": how often a training corpus is read an epoch.
            const QString arg = QString::fromUtf8(argv[++i]);
            const QString name = arg.section(u':', 0, 0);
            const int copies = arg.section(u':', 1).toInt();
            const auto it = std::ranges::find_if(settings.corpora,
                [&](const auto &c) { return nerCorpusName(c.first).compare(name, Qt::CaseInsensitive) == 0; });
            if (it == settings.corpora.end()) {
                std::fprintf(stderr, "bench_ner: no training corpus called %s\n", qPrintable(name));
                return 2;
            }
            if (copies > 0)
                it->second = copies;
            else
                settings.corpora.erase(it);
        } else if (a == "--bias" && i + 1 < argc) {
            // PER,ORG,LOC,MISC: NerTrainSettings::typeBias.
            const QList<QByteArray> values = QByteArray(argv[++i]).split(',');
            for (qsizetype k = 0; k < values.size() && k < 4; ++k)
                settings.typeBias[size_t(k)] = values[k].toInt();
        } else if (a == "--scan-bias" && i + 1 < argc) {
            // TYPE:V1,V2,...: with --dev, each fold's tagger measured with each of these biases of the type.
            const QByteArray arg = argv[++i];
            const QByteArray type = arg.left(arg.indexOf(':'));
            scanType = type == "PER" ? NameType::Person
                : type == "LOC"      ? NameType::Location
                : type == "MISC"     ? NameType::Misc
                                     : NameType::Organization;
            for (const QByteArray &v : arg.mid(arg.indexOf(':') + 1).split(','))
                scanValues.append(v.toInt());
        } else if (a == "--beam" && i + 1 < argc)
            settings.beam = QByteArray(argv[++i]).toInt();
        else if (a == "--seed" && i + 1 < argc)
            settings.seed = QByteArray(argv[++i]).toULongLong();
        else if (a == "--ensemble" && i + 1 < argc)
            settings.ensemble = std::max(1, QByteArray(argv[++i]).toInt());
        else if (a == "--org-updates" && i + 1 < argc)
            settings.orgUpdates = QByteArray(argv[++i]).toInt();
        else if (a == "--beam-check")
            settings.beamCheck = true;
        else if (a == "--self-training" && i + 1 < argc)
            settings.selfTraining = QByteArray(argv[++i]).toInt();
        else if (a == "--self-share" && i + 1 < argc)
            settings.selfTrainingShare = QByteArray(argv[++i]).toDouble();
        else if (a == "--dropout" && i + 1 < argc)
            settings.wordDropout = QByteArray(argv[++i]).toDouble();
        else if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, QByteArray(argv[++i]).toInt());
        else if (a == "--words" && i + 1 < argc)
            targetWords = std::max<qsizetype>(1000, QByteArray(argv[++i]).toLongLong());
        else if (a == "--quality")
            quality = true;
        else if (a == "--errors")
            errors = true;
        else {
            std::fprintf(stderr,
                "usage: bench_ner [--runs N] [--words N] [--quality] [--errors]\n"
                "       bench_ner --dev FOLDS [--errors] [--features MASK] [--epochs N] [--min-weight W] [--dropout P] "
                "[--beam N]\n"
                "                 [--bias PER,ORG,LOC,MISC] [--scan-bias TYPE:V1,V2,...]\n"
                "                 [--beam-check] [--self-training COPIES] [--self-share P]\n"
                "                 [--org-updates N] [--seed N] [--ensemble K]\n"
                "                 [--corpus NAME:COPIES]...\n");
            return 2;
        }
    }
    const QString dataDir = QStringLiteral(ENTENTE_SHARED_DIR "/data/training");
    QString error;

    if (folds > 0) {
        QElapsedTimer timer;
        timer.start();
        // With --scan-bias, each fold's tagger is measured again with each bias of the type.
        std::vector<NerCounts> scanned(size_t(scanValues.size()));
        const auto heldOut = [&](NerTagger &tagger, const QList<NerSentence> &sentences) {
            if (errors)
                printErrors(tagger, sentences);
            for (qsizetype k = 0; k < scanValues.size(); ++k) {
                tagger.setTypeBias(scanType, scanValues[k]);
                const NerCounts c = countNames(tagger, sentences, false);
                for (int t = 0; t < 4; ++t) {
                    scanned[size_t(k)].truePositives[t] += c.truePositives[t];
                    scanned[size_t(k)].falsePositives[t] += c.falsePositives[t];
                    scanned[size_t(k)].falseNegatives[t] += c.falseNegatives[t];
                }
            }
            tagger.setTypeBias(scanType, settings.typeBias[size_t(scanType)]);
        };
        const QList<Figure> figures = crossValidateNer(settings, dataDir, folds, &error, heldOut);
        if (figures.isEmpty()) {
            std::fprintf(stderr, "bench_ner: %s\n", qPrintable(error));
            return 1;
        }
        std::printf("features 0x%x, %d epochs, %d folds, %.0f s\n", settings.features, settings.epochs, folds,
            double(timer.elapsed()) / 1000.0);
        for (const Figure &f : figures)
            std::printf("%-44s %.4f  %s\n", qPrintable(f.name), f.value, qPrintable(f.detail));
        for (qsizetype k = 0; k < scanValues.size(); ++k) {
            const NerCounts &c = scanned[size_t(k)];
            std::printf("%s bias %6d: PER %.4f ORG %.4f (P %.3f R %.3f) LOC %.4f micro %.4f\n",
                qPrintable(nameTypeName(scanType)), scanValues[k], c.f1(NameType::Person), c.f1(NameType::Organization),
                c.precision(NameType::Organization), c.recall(NameType::Organization), c.f1(NameType::Location),
                c.microF1({ NameType::Person, NameType::Organization, NameType::Location }));
        }
        return 0;
    }

    QElapsedTimer timer;
    timer.start();
    const QByteArray bytes = modelFile(QStringLiteral("ner.model"));
    NerTagger tagger;
    if (!tagger.load(bytes, &error)) {
        std::fprintf(stderr, "bench_ner: no usable ner.model: %s\n", qPrintable(error));
        return 1;
    }
    if (errors) {
        printErrors(tagger, readNerCorpus(NerCorpus::UnerEwtTest, dataDir, &error));
        return 0;
    }
    QList<double> loads;
    for (int r = 0; r < runs; ++r) {
        timer.restart();
        NerTagger t;
        t.load(bytes);
        loads.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("ner.model: %.2f MB, %zu features, loaded in %.1f ms (median of %d)\n",
        double(bytes.size()) / (1024.0 * 1024.0), tagger.featureCount(), bench::median(loads), runs);

    timer.restart();
    const Gazetteer &g = Gazetteer::shared();
    const double gazetteerMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const GazetteerFeatures &gf = GazetteerFeatures::shared();
    std::printf("gazetteer: %lld entries, loaded in %.1f ms; given names and surnames (%zu, %zu) in %.1f ms more\n",
        qint64(g.entryCount()), gazetteerMs, gf.givenNameCount(), gf.surnameCount(),
        double(timer.nsecsElapsed()) / 1e6);

    QList<NerSentence> corpus = readNerCorpus(NerCorpus::UnerEwtTest, dataDir, &error);
    corpus += readNerCorpus(NerCorpus::GumTest, dataDir, &error);
    if (corpus.isEmpty()) {
        std::fprintf(stderr, "bench_ner: %s\n", qPrintable(error));
        return 1;
    }
    std::vector<Sentence> sentences;
    for (qsizetype total = 0; total < targetWords;) {
        for (const NerSentence &s : std::as_const(corpus)) {
            Sentence x;
            x.words.assign(s.words.cbegin(), s.words.cend());
            total += s.words.size();
            sentences.push_back(std::move(x));
        }
    }
    const double words = double(wordCount(sentences));

    QList<double> bitTimes, tagTimes, bothTimes, windowTimes;
    size_t names = 0;
    std::vector<Sentence> windows;
    for (int r = 0; r < runs; ++r) {
        timer.restart();
        for (Sentence &s : sentences) {
            s.bits.resize(s.words.size());
            gf.bits(s.words, s.bits);
        }
        bitTimes.append(double(timer.nsecsElapsed()) / 1e9);
        if (windows.empty())
            windows = windowsOf(sentences);
        timer.restart();
        names = 0;
        for (const Sentence &s : sentences)
            names += size_t(tagger.tag(s.words, s.bits).size());
        tagTimes.append(double(timer.nsecsElapsed()) / 1e9);
        timer.restart();
        for (const Sentence &s : sentences)
            names += size_t(tagger.tag(s.words).size());
        bothTimes.append(double(timer.nsecsElapsed()) / 1e9);
        timer.restart();
        for (const Sentence &w : windows)
            names += size_t(tagger.tag(w.words, w.bits).size());
        windowTimes.append(double(timer.nsecsElapsed()) / 1e9);
    }
    const double windowWords = double(wordCount(windows));
    std::printf("text: %zu sentences, %.0f words (UNER EWT test and GUM test, repeated); medians of %d runs\n",
        sentences.size(), words, runs);
    std::printf("gazetteer bits:              %6.2f M words/s\n", words / bench::median(bitTimes) / 1e6);
    std::printf("tag, bits given:             %6.2f M words/s (%.0f ns a word)\n",
        words / bench::median(tagTimes) / 1e6, bench::median(tagTimes) / words * 1e9);
    std::printf("tag, bits computed:          %6.2f M words/s\n", words / bench::median(bothTimes) / 1e6);
    std::printf("tag on windows, bits given:  %6.2f M words/s (%zu windows of %.1f words)\n",
        windowWords / bench::median(windowTimes) / 1e6, windows.size(), windowWords / double(windows.size()));

    if (quality) {
        for (const Figure &f : evaluateNer(tagger, dataDir))
            std::printf("%-44s %.4f  %s\n", qPrintable(f.name), f.value, qPrintable(f.detail));
    }
    return names > 0 ? 0 : 1;
}
