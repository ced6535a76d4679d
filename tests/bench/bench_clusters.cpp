// Word clusters: how fast clusters.bin loads and answers, and what its prefixes add to a small greedy perceptron
// tagger trained with and without them (the same features otherwise): a named-entity tagger trained on Universal
// NER's EWT dev part alone and on every NER train corpus, and a part-of-speech tagger trained on a slice of EWT
// train and on all of it; each measured on the EWT test sentences.
//
//     bench_clusters [--clusters FILE] [--runs N] [--epochs N]
#include "benchstats.h"
#include "corpora.h"
#include "modelfiles.h"
#include "nercorpora.h"
#include "perceptron.h"
#include "wordclusters.h"
#include "wordfeatures.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QSet>

#include <algorithm>
#include <cstdio>

using namespace entente::learn;

namespace {

void print(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

quint64 splitmix(quint64 &state)
{
    quint64 z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

struct Sentence
{
    QStringList words;
    std::vector<int> tags;
};

// A greedy left-to-right tagger over the usual lexical features; with clusters, the 4, 6, 10 and 20-step
// prefixes of the word and the 4 and 10-step ones of its neighbours are added.
class SmallTagger
{
public:
    SmallTagger(QStringList classes, const WordClusters *clusters)
        : m_classes(std::move(classes))
        , m_clusters(clusters)
    { }

    void train(const QList<Sentence> &sentences, int epochs, quint64 seed)
    {
        Perceptron p(m_classes);
        std::vector<qsizetype> order(size_t(sentences.size()));
        for (size_t i = 0; i < order.size(); ++i)
            order[i] = qsizetype(i);
        std::vector<Feature> f;
        for (int e = 0; e < epochs; ++e) {
            for (size_t i = order.size(); i > 1; --i)
                std::swap(order[i - 1], order[size_t(splitmix(seed) % i)]);
            for (const qsizetype k : order) {
                const Sentence &s = sentences[k];
                const std::vector<WordInfo> info = infos(s.words);
                int prev = -1, prev2 = -1;
                for (qsizetype i = 0; i < s.words.size(); ++i) {
                    features(info, i, prev, prev2, f);
                    const int guess = p.predict(f);
                    p.update(f, s.tags[size_t(i)], guess);
                    prev2 = prev;
                    prev = guess;
                }
            }
        }
        m_table.load(p.save());
    }

    [[nodiscard]] std::vector<int> tag(const QStringList &words) const
    {
        const std::vector<WordInfo> info = infos(words);
        std::vector<int> out;
        std::vector<Feature> f;
        std::vector<qint32> scores(size_t(m_classes.size()));
        int prev = -1, prev2 = -1;
        for (qsizetype i = 0; i < words.size(); ++i) {
            features(info, i, prev, prev2, f);
            out.push_back(m_table.predict(f, scores));
            prev2 = prev;
            prev = out.back();
        }
        return out;
    }

private:
    static std::vector<WordInfo> infos(const QStringList &words)
    {
        std::vector<WordInfo> out;
        out.reserve(size_t(words.size()));
        for (const QString &w : words)
            out.push_back(wordInfo(w));
        return out;
    }

    void features(const std::vector<WordInfo> &info, qsizetype i, int prev, int prev2, std::vector<Feature> &f) const
    {
        const auto lowerAt = [&](qsizetype k) -> quint64 {
            return k < 0 ? 1 : size_t(k) >= info.size() ? 2 : info[size_t(k)].lower;
        };
        const auto shapeAt = [&](qsizetype k) -> quint64 {
            return k < 0 ? 1 : size_t(k) >= info.size() ? 2 : info[size_t(k)].shape;
        };
        const WordInfo &w = info[size_t(i)];
        f.clear();
        f.push_back(feature(1, 0));
        f.push_back(feature(2, w.lower));
        f.push_back(feature(3, w.form));
        f.push_back(feature(4, w.suffix[2]));
        f.push_back(feature(5, w.suffix[1]));
        f.push_back(feature(6, w.prefix[0]));
        f.push_back(feature(7, w.prefix[2]));
        f.push_back(feature(8, w.shape));
        f.push_back(feature(9, w.flags));
        f.push_back(feature(10, lowerAt(i - 1)));
        f.push_back(feature(11, lowerAt(i + 1)));
        f.push_back(feature(12, lowerAt(i - 2)));
        f.push_back(feature(13, lowerAt(i + 2)));
        f.push_back(feature(14, shapeAt(i - 1)));
        f.push_back(feature(15, shapeAt(i + 1)));
        f.push_back(feature(16, quint64(prev + 2)));
        f.push_back(feature(17, quint64(prev + 2), quint64(prev2 + 2)));
        f.push_back(feature(18, quint64(prev + 2), w.lower));
        if (!m_clusters)
            return;
        const auto prefixAt = [&](qsizetype k, int bits) -> quint64 {
            return k < 0 ? 1 : size_t(k) >= info.size() ? 2 : m_clusters->prefix(info[size_t(k)].norm, bits);
        };
        for (const int bits : { 4, 6, 10, 20 })
            f.push_back(feature(20 + quint32(bits), prefixAt(i, bits)));
        for (const int bits : { 4, 10 }) {
            f.push_back(feature(50 + quint32(bits), prefixAt(i - 1, bits)));
            f.push_back(feature(70 + quint32(bits), prefixAt(i + 1, bits)));
        }
        f.push_back(feature(90, quint64(prev + 2), prefixAt(i, 6)));
    }

    QStringList m_classes;
    const WordClusters *m_clusters;
    WeightTable m_table;
};

// --- Named entities as BIO tags -------------------------------------------------------------------------

const QStringList &nerClasses()
{
    static const QStringList classes { QStringLiteral("O"), QStringLiteral("B-PER"), QStringLiteral("I-PER"),
        QStringLiteral("B-ORG"), QStringLiteral("I-ORG"), QStringLiteral("B-LOC"), QStringLiteral("I-LOC"),
        QStringLiteral("B-MISC"), QStringLiteral("I-MISC") };
    return classes;
}

Sentence bioSentence(const NerSentence &s)
{
    Sentence out { s.words, std::vector<int>(size_t(s.words.size()), 0) };
    for (const NameSpan &n : s.names) {
        const int b = 1 + 2 * int(n.type);
        for (int i = n.first; i < n.last; ++i)
            out.tags[size_t(i)] = i == n.first ? b : b + 1;
    }
    return out;
}

std::optional<NameType> typeOf(QStringView t)
{
    if (t == u"PER")
        return NameType::Person;
    if (t == u"ORG")
        return NameType::Organization;
    if (t == u"LOC")
        return NameType::Location;
    if (t == u"MISC")
        return NameType::Misc;
    return std::nullopt;
}

double nerF1(const SmallTagger &tagger, const QList<NerSentence> &test)
{
    NerCounts counts;
    for (const NerSentence &s : test) {
        QStringList tags;
        for (const int t : tagger.tag(s.words))
            tags.append(nerClasses()[t]);
        counts.add(s.names, namesFromBio(tags, typeOf));
    }
    // UNER's OTH is no MISC of ours: count the three types both have.
    return counts.microF1({ NameType::Person, NameType::Organization, NameType::Location });
}

// --- Parts of speech --------------------------------------------------------------------------------------

struct PosData
{
    QStringList classes;
    QList<Sentence> train;
    QList<Sentence> test;
    QList<QStringList> testWords;
};

QList<Sentence> posSentences(const QList<ConlluSentence> &in, QStringList &classes)
{
    QList<Sentence> out;
    for (const ConlluSentence &s : in) {
        Sentence t;
        for (const ConlluWord &w : s.words) {
            qsizetype c = classes.indexOf(w.upos);
            if (c < 0) {
                classes.append(w.upos);
                c = classes.size() - 1;
            }
            t.words.append(w.form);
            t.tags.push_back(int(c));
        }
        out.append(std::move(t));
    }
    return out;
}

// Accuracy on every word and on the words the training slice never had.
std::pair<double, double> posAccuracy(const SmallTagger &tagger, const QList<Sentence> &test, const QSet<QString> &seen)
{
    qint64 right = 0, all = 0, unseenRight = 0, unseen = 0;
    for (const Sentence &s : test) {
        const std::vector<int> tags = tagger.tag(s.words);
        for (size_t i = 0; i < tags.size(); ++i) {
            const bool ok = tags[i] == s.tags[i];
            right += ok;
            ++all;
            if (!seen.contains(s.words[qsizetype(i)].toLower())) {
                unseenRight += ok;
                ++unseen;
            }
        }
    }
    return { double(right) / double(std::max<qint64>(all, 1)),
        double(unseenRight) / double(std::max<qint64>(unseen, 1)) };
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({ QStringLiteral("clusters"), QStringLiteral("A clusters.bin (default: the shipped one)."),
        QStringLiteral("FILE") });
    p.addOption({ QStringLiteral("runs"), QStringLiteral("Loads timed (default 20)."), QStringLiteral("N"),
        QStringLiteral("20") });
    p.addOption({ QStringLiteral("epochs"), QStringLiteral("Training passes of the taggers (default 5)."),
        QStringLiteral("N"), QStringLiteral("5") });
    p.addHelpOption();
    p.process(app);
    const QString dataDir = QStringLiteral(ENTENTE_SHARED_DIR "/data/training");

    QByteArray bytes;
    if (p.isSet(QStringLiteral("clusters"))) {
        QFile f(p.value(QStringLiteral("clusters")));
        if (!f.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "bench_clusters: %s\n", qPrintable(f.errorString()));
            return 1;
        }
        bytes = f.readAll();
    } else {
        bytes = modelFile(QStringLiteral("clusters.bin"));
    }
    WordClusters clusters;
    QString error;
    if (!clusters.load(bytes, &error)) {
        std::fprintf(stderr, "bench_clusters: no clusters: %s\n", qPrintable(error));
        return 1;
    }
    print(QStringLiteral("clusters.bin: %1 KB, %2 words, %3 clusters (%4)")
              .arg(bytes.size() / 1024)
              .arg(clusters.wordCount())
              .arg(clusters.clusterCount())
              .arg(QString::fromUtf8(clusters.meta())));

    QList<double> loads;
    for (int r = 0; r < std::max(1, p.value(QStringLiteral("runs")).toInt()); ++r) {
        QElapsedTimer t;
        t.start();
        WordClusters c;
        if (!c.load(bytes))
            return 1;
        loads.append(double(t.nsecsElapsed()) / 1e6);
    }
    print(QStringLiteral("load: %1 ms (median of %2)").arg(entente::bench::median(loads), 0, 'f', 2).arg(loads.size()));

    const QList<ConlluSentence> ewtTest = readConllu(dataDir + QStringLiteral("/ud/ewt-test.conllu.xz"), &error);
    const QList<ConlluSentence> ewtTrain = readConllu(dataDir + QStringLiteral("/ud/ewt-train.conllu.xz"), &error);
    if (ewtTest.isEmpty() || ewtTrain.isEmpty()) {
        std::fprintf(stderr, "bench_clusters: %s\n", qPrintable(error));
        return 1;
    }
    std::vector<quint64> keys;
    for (const ConlluSentence &s : ewtTest) {
        for (const ConlluWord &w : s.words)
            keys.push_back(wordInfo(w.form).norm);
    }
    QList<double> lookups;
    quint64 sink = 0;
    for (int r = 0; r < 5; ++r) {
        QElapsedTimer t;
        t.start();
        for (const quint64 k : keys) {
            for (const int bits : { 4, 6, 10, 20 })
                sink += clusters.prefix(k, bits);
        }
        lookups.append(double(t.nsecsElapsed()) / double(keys.size() * 4));
    }
    print(QStringLiteral("prefix(): %1 ns a lookup over EWT test's %2 words (median of 5; %3)")
              .arg(entente::bench::median(lookups), 0, 'f', 1)
              .arg(keys.size())
              .arg(sink % 10));

    const int epochs = std::max(1, p.value(QStringLiteral("epochs")).toInt());
    const auto compare = [&](const QString &what, const std::function<QString(const WordClusters *)> &run) {
        QElapsedTimer t;
        t.start();
        const QString without = run(nullptr);
        const QString with = run(&clusters);
        print(QStringLiteral("%1\n    without clusters: %2\n    with clusters:    %3  (%4 s)")
                  .arg(what, without, with)
                  .arg(double(t.elapsed()) / 1000.0, 0, 'f', 1));
    };

    // Named entities, PER ORG LOC F1 on UNER EWT test.
    QList<NerSentence> unerDev = readNerCorpus(NerCorpus::UnerEwtDev, dataDir, &error);
    const QList<NerSentence> unerTest = readNerCorpus(NerCorpus::UnerEwtTest, dataDir, &error);
    QList<NerSentence> allNer = unerDev;
    for (const NerCorpus c : { NerCorpus::WikiGold, NerCorpus::Re3d, NerCorpus::Btc, NerCorpus::GumTrain })
        allNer += readNerCorpus(c, dataDir, &error);
    if (unerDev.isEmpty() || unerTest.isEmpty()) {
        std::fprintf(stderr, "bench_clusters: %s\n", qPrintable(error));
        return 1;
    }
    for (const auto &[name, corpus] : { std::pair { QStringLiteral("UNER EWT dev"), &unerDev },
             std::pair { QStringLiteral("every NER train corpus"), &allNer } }) {
        QList<Sentence> train;
        for (const NerSentence &s : *corpus)
            train.append(bioSentence(s));
        compare(QStringLiteral("NER trained on %1 (%2 sentences), PER ORG LOC F1 on UNER EWT test:")
                    .arg(name)
                    .arg(train.size()),
            [&](const WordClusters *c) {
                SmallTagger tagger(nerClasses(), c);
                tagger.train(train, epochs, 1);
                return QStringLiteral("%1").arg(nerF1(tagger, unerTest), 0, 'f', 4);
            });
    }

    // Parts of speech: EWT test accuracy, on all words and on the words the training slice lacks.
    QStringList upos;
    const QList<Sentence> posTrain = posSentences(ewtTrain, upos);
    const QList<Sentence> posTest = posSentences(ewtTest, upos);
    for (const qsizetype n : { qsizetype(1000), posTrain.size() }) {
        const QList<Sentence> slice = posTrain.first(n);
        QSet<QString> seen;
        for (const Sentence &s : slice) {
            for (const QString &w : s.words)
                seen.insert(w.toLower());
        }
        compare(QStringLiteral("POS trained on %1 EWT train sentences, UPOS accuracy on EWT test (all; unseen words):")
                    .arg(n),
            [&](const WordClusters *c) {
                SmallTagger tagger(upos, c);
                tagger.train(slice, epochs, 1);
                const auto [all, unseen] = posAccuracy(tagger, posTest, seen);
                return QStringLiteral("%1; %2").arg(all, 0, 'f', 4).arg(unseen, 0, 'f', 4);
            });
    }
    return 0;
}
