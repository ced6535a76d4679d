#include "postagger.h"

#include "modelfiles.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLocale>

#include <algorithm>
#include <array>
#include <map>

namespace entente::learn {

namespace {

constexpr quint32 kMagic = 0x53505445; // "ETPS"
constexpr quint32 kVersion = 4;
constexpr int kDefaultPosEpochs = 10;
// A word goes into the tag dictionary when it was seen this often, with one tag at least this share of the time
// (Honnibal's were 20 and 0.97): such words are tagged without scoring. 4,121 words: tagging is faster and EWT dev
// accuracy 95.03% -> 95.19%.
constexpr int kDictMinCount = 5;
constexpr double kDictMinShare = 0.99;
// A word's ambiguity class holds the tags it took at least this share of the time, for words seen this often (a
// word seen once tells little, and leaving those out makes training words as often classless as new ones are).
constexpr double kClassMinShare = 0.1;
constexpr int kClassMinCount = 2;
// Averaged weights smaller than this are dropped from the shipped model (in units of one update): 4.1 MB -> 3.6 MB
// with EWT dev accuracy unchanged (95.07% -> 95.05%); 1.0 halves the file again but costs 0.1 point.
constexpr float kDefaultMinWeight = 0.5f;

// Feature templates; the numbers only have to differ. 28 of the 43 that the tagger had: those whose removal from the
// trained 43-template model cost the most on EWT dev, one at a time (features cost time in proportion to their
// number, and most of the others said again what these say).
enum Template : quint32 {
    kBias = 1,
    kNorm,
    kSuffix1,
    kSuffix2,
    kSuffix3,
    kPrefix1,
    kPrefix2,
    kPrefix3,
    kShape,
    kPrev,
    kPrev2,
    kPrevNorm,
    kPrevShape,
    kNormM1,
    kNormM2,
    kSuffix2M1,
    kFormM1,
    kSuffix2P1,
    kSuffix3P1,
    kShapeP1,
    kPrefix1P1,
    kNormM1Norm,
    kNormNormP1,
    kPrevSuffix3,
    kPrevShapeP1,
    kClass,
    kClassP1,
    kClassClassP1,
};

constexpr int kMaxFeatures = 32;
constexpr quint64 kStartTag = kUposCount; // the tag "before" the sentence

WordInfo boundary(quint64 id)
{
    WordInfo w;
    w.form = w.lower = w.norm = w.shape = w.shortShape = id;
    for (int k = 0; k < 4; ++k)
        w.prefix[k] = w.suffix[k] = id;
    return w;
}

const WordInfo kBefore = boundary(0x5354415254ULL); // "START"
const WordInfo kAfter = boundary(0x454e44ULL); // "END"

// Ambiguity classes of the positions before and after the sentence, and of words without one.
constexpr quint32 kClassBefore = 1u << 20;
constexpr quint32 kClassAfter = 1u << 21;

// The features of word i that do not depend on the tags before it: tag() scores those of a whole sentence at once.
int staticFeatures(std::span<const WordInfo> s, std::span<const quint32> classes, int i, Feature *out)
{
    const int n = int(s.size());
    const auto classAt = [&](int j) { return j < 0 ? kClassBefore : j >= n ? kClassAfter : classes[size_t(j)]; };
    const quint64 c = classAt(i), c1 = classAt(i + 1);
    const auto at = [&](int j) -> const WordInfo & { return j < 0 ? kBefore : j >= n ? kAfter : s[size_t(j)]; };
    const WordInfo &w = s[size_t(i)];
    const WordInfo &m1 = at(i - 1), &m2 = at(i - 2), &n1 = at(i + 1);
    int k = 0;
    out[k++] = smallFeature(kBias, 0);
    out[k++] = fastFeature(kNorm, w.norm);
    out[k++] = smallFeature(kSuffix1, w.suffix[0]);
    out[k++] = fastFeature(kSuffix2, w.suffix[1]);
    out[k++] = fastFeature(kSuffix3, w.suffix[2]);
    out[k++] = smallFeature(kPrefix1, w.prefix[0]);
    out[k++] = fastFeature(kPrefix2, w.prefix[1]);
    out[k++] = fastFeature(kPrefix3, w.prefix[2]);
    out[k++] = fastFeature(kShape, w.shape);
    out[k++] = fastFeature(kNormM1, m1.norm);
    out[k++] = fastFeature(kNormM2, m2.norm);
    out[k++] = fastFeature(kSuffix2M1, m1.suffix[1]);
    out[k++] = fastFeature(kFormM1, m1.form);
    out[k++] = fastFeature(kSuffix2P1, n1.suffix[1]);
    out[k++] = fastFeature(kSuffix3P1, n1.suffix[2]);
    out[k++] = fastFeature(kShapeP1, n1.shape);
    out[k++] = smallFeature(kPrefix1P1, n1.prefix[0]);
    out[k++] = fastFeature(kNormM1Norm, m1.norm, w.norm);
    out[k++] = fastFeature(kNormNormP1, w.norm, n1.norm);
    out[k++] = smallFeature(kClass, c);
    out[k++] = smallFeature(kClassP1, c1);
    out[k++] = fastFeature(kClassClassP1, c, c1);
    return k;
}
constexpr int kMaxStaticFeatures = 22;

// The features of word i that read the two tags before it.
int dynamicFeatures(std::span<const WordInfo> s, int i, quint64 p1, quint64 p2, Feature *out)
{
    const int n = int(s.size());
    const WordInfo &w = s[size_t(i)];
    const WordInfo &n1 = i + 1 < n ? s[size_t(i + 1)] : kAfter;
    int k = 0;
    out[k++] = smallFeature(kPrev, p1);
    out[k++] = smallFeature(kPrev2, p2);
    out[k++] = fastFeature(kPrevNorm, p1, w.norm);
    out[k++] = fastFeature(kPrevShape, p1, w.shape);
    out[k++] = fastFeature(kPrevSuffix3, p1, w.suffix[2]);
    out[k++] = fastFeature(kPrevShapeP1, p1, n1.shape);
    return k;
}

// All the features of word i given the two tags before it; returns how many were written to `out`.
int posFeatures(
    std::span<const WordInfo> s, std::span<const quint32> classes, int i, quint64 p1, quint64 p2, Feature *out)
{
    const int k = staticFeatures(s, classes, i, out);
    return k + dynamicFeatures(s, i, p1, p2, out + k);
}

// Per-thread scratch of tag(), so that tagging allocates only when a sentence is the longest yet.
thread_local std::vector<WordInfo> t_infos;
thread_local std::vector<quint32> t_classes;
thread_local std::vector<quint32> t_dictionary; // per word: its tag + 1 from the dictionary, or 0
thread_local std::vector<Feature> t_features;
thread_local std::vector<quint32> t_rows;
thread_local std::vector<qint32> t_scores;

} // namespace

PosTagger::PosTagger() = default;
PosTagger::~PosTagger() = default;
PosTagger::PosTagger(PosTagger &&) noexcept = default;
PosTagger &PosTagger::operator=(PosTagger &&) noexcept = default;

const PosTagger &PosTagger::shared()
{
    static const PosTagger tagger = [] {
        PosTagger t;
        const QByteArray bytes = modelFile(QStringLiteral("pos.model"));
        QString error;
        if (!bytes.isEmpty() && !t.load(bytes, &error))
            qWarning("pos.model: %s", qPrintable(error));
        return t;
    }();
    return tagger;
}

bool PosTagger::load(QByteArrayView bytes, QString *error)
{
    *this = PosTagger();
    QList<QByteArrayView> sections;
    if (!unpackSections(bytes, kMagic, kVersion, sections, error))
        return false;
    const auto fail = [&](const char *why) {
        if (error)
            *error = QString::fromLatin1(why);
        *this = PosTagger();
        return false;
    };
    if (sections.size() != 3)
        return fail("a tagger model has three sections");
    if (!m_dictionary.load(sections[0], kUposCount + 1))
        return fail("bad tag dictionary");
    if (!m_classes.load(sections[1], 1u << kUposCount))
        return fail("bad ambiguity classes");
    if (!m_weights.load(sections[2], error))
        return fail("bad weights");
    if (m_weights.classNames() != uposNames())
        return fail("the model's classes are not the 17 UD tags");
    return true;
}

void PosTagger::tag(std::span<const QStringView> words, std::span<Upos> tags) const
{
    std::vector<WordInfo> &infos = t_infos;
    infos.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i)
        infos[i] = wordInfo(words[i]);
    tag(std::span<const WordInfo>(infos), tags);
}

void PosTagger::tag(std::span<const WordInfo> words, std::span<Upos> tags) const
{
    const size_t n = std::min(words.size(), tags.size());
    if (!isLoaded()) {
        std::fill(tags.begin(), tags.begin() + qsizetype(n), Upos::X);
        return;
    }
    words = words.first(n);
    std::vector<quint32> &classes = t_classes;
    std::vector<quint32> &dictionary = t_dictionary;
    classes.resize(n);
    dictionary.resize(n);
    for (size_t i = 0; i < n; ++i) {
        classes[i] = m_classes.value(words[i].norm);
        dictionary[i] = m_dictionary.value(words[i].form);
    }
    // The features that do not depend on the tags before a word, of every word the dictionary does not tag, in
    // one batch: their cache misses overlap, where word by word each waited for the last. Row r of `scores` is
    // the r-th such word's.
    std::vector<Feature> &features = t_features;
    std::vector<quint32> &rows = t_rows;
    std::vector<qint32> &scores = t_scores;
    features.resize(n * kMaxStaticFeatures);
    rows.resize(n * kMaxStaticFeatures);
    size_t count = 0;
    quint32 row = 0;
    for (size_t i = 0; i < n; ++i) {
        if (dictionary[i])
            continue;
        const int k = staticFeatures(words, classes, int(i), features.data() + count);
        std::fill_n(rows.begin() + qsizetype(count), k, row++);
        count += size_t(k);
    }
    scores.assign(size_t(row) * kUposCount, 0);
    m_weights.addScoresToRows(std::span<const Feature>(features.data(), count), rows, scores.data());

    std::array<Feature, kMaxFeatures> dynamic;
    std::array<qint32, kUposCount> wordScores;
    quint64 p1 = kStartTag, p2 = kStartTag;
    row = 0;
    for (size_t i = 0; i < n; ++i) {
        Upos t;
        if (dictionary[i]) {
            t = Upos(dictionary[i] - 1);
        } else {
            std::copy_n(scores.begin() + qsizetype(row++) * kUposCount, kUposCount, wordScores.begin());
            const int k = dynamicFeatures(words, int(i), p1, p2, dynamic.data());
            m_weights.addScores(std::span<const Feature>(dynamic.data(), size_t(k)), wordScores);
            t = Upos(std::max_element(wordScores.begin(), wordScores.end()) - wordScores.begin());
        }
        tags[i] = t;
        p2 = p1;
        p1 = quint64(t);
    }
}

PosTaggerTrainer::PosTaggerTrainer()
    : m_perceptron(uposNames())
{ }

PosTaggerTrainer::~PosTaggerTrainer() = default;

void PosTaggerTrainer::train(const QList<UdSentence> &train, const PosTrainParams &params)
{
    const int epochs = params.epochs > 0 ? params.epochs : kDefaultPosEpochs;
    const auto log = [&](const QString &line) {
        if (params.log)
            params.log(line);
    };

    // The tag dictionary, from counts per exact form.
    QHash<QString, std::array<int, kUposCount>> counts;
    for (const UdSentence &s : train) {
        for (qsizetype i = 0; i < s.words.size(); ++i) {
            auto it = counts.find(s.words[i]);
            if (it == counts.end())
                it = counts.insert(s.words[i], std::array<int, kUposCount> {});
            ++(*it)[size_t(s.tags[size_t(i)])];
        }
    }
    m_dictionary.clear();
    QHash<quint64, quint8> dict;
    std::map<quint64, std::array<int, kUposCount>> normCounts; // ordered: the classes come out in key order
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const auto &c = it.value();
        int total = 0;
        for (int v : c)
            total += v;
        const WordInfo w = wordInfo(it.key());
        auto &nc = normCounts[w.norm];
        for (int t = 0; t < kUposCount; ++t)
            nc[size_t(t)] += c[size_t(t)];
        const auto best = std::max_element(c.begin(), c.end());
        if (total >= kDictMinCount && double(*best) >= kDictMinShare * double(total) && w.form != 0) {
            m_dictionary.emplace_back(w.form, quint32(best - c.begin()) + 1);
            dict.insert(w.form, quint8(best - c.begin()));
        }
    }
    m_classes.clear();
    QHash<quint64, quint32> classOf;
    for (const auto &[key, c] : normCounts) {
        int total = 0;
        for (int v : c)
            total += v;
        if (total < kClassMinCount)
            continue;
        quint32 mask = 0;
        for (int t = 0; t < kUposCount; ++t) {
            if (double(c[size_t(t)]) >= kClassMinShare * double(total))
                mask |= 1u << t;
        }
        m_classes.emplace_back(key, mask);
        classOf.insert(key, mask);
    }
    log(QStringLiteral("tagger: %1 sentences, %2 distinct words, %3 in the tag dictionary, %4 with an ambiguity class")
            .arg(train.size())
            .arg(counts.size())
            .arg(m_dictionary.size())
            .arg(m_classes.size()));

    std::vector<std::vector<WordInfo>> infos(size_t(train.size()));
    std::vector<std::vector<quint32>> classes(size_t(train.size()));
    for (qsizetype s = 0; s < train.size(); ++s) {
        infos[size_t(s)].reserve(size_t(train[s].words.size()));
        for (const QString &w : train[s].words) {
            infos[size_t(s)].push_back(wordInfo(w));
            classes[size_t(s)].push_back(classOf.value(infos[size_t(s)].back().norm));
        }
    }

    Perceptron &p = m_perceptron;
    SplitMix64 rng(params.seed);
    std::vector<int> order(size_t(train.size()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::array<Feature, kMaxFeatures> features;
    std::array<float, kUposCount> scores;
    QElapsedTimer timer;
    timer.start();
    for (int epoch = 0; epoch < epochs; ++epoch) {
        shuffle(order, rng);
        qint64 right = 0, total = 0;
        for (const int si : order) {
            const std::vector<WordInfo> &words = infos[size_t(si)];
            const std::vector<Upos> &gold = train[si].tags;
            quint64 p1 = kStartTag, p2 = kStartTag;
            for (size_t i = 0; i < words.size(); ++i) {
                int t;
                const auto d = dict.constFind(words[i].form);
                if (d != dict.cend()) {
                    t = *d;
                } else {
                    const int count = posFeatures(words, classes[size_t(si)], int(i), p1, p2, features.data());
                    const std::span<const Feature> f(features.data(), size_t(count));
                    p.score(f, scores);
                    t = int(std::max_element(scores.begin(), scores.end()) - scores.begin());
                    p.update(f, int(gold[i]), t);
                }
                right += t == int(gold[i]);
                ++total;
                p2 = p1;
                p1 = quint64(t);
            }
        }
        log(QStringLiteral("tagger epoch %1/%2: %3% right on the training words, %4 features, %5 s")
                .arg(epoch + 1)
                .arg(epochs)
                .arg(100.0 * double(right) / double(std::max<qint64>(total, 1)), 0, 'f', 2)
                .arg(p.featureCount())
                .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
        if (params.afterEpoch)
            params.afterEpoch(epoch + 1);
    }
}

QByteArray PosTaggerTrainer::save(const QByteArray &meta, float minWeight) const
{
    return packSections(kMagic, kVersion,
        { KeyMap::pack(m_dictionary), KeyMap::pack(m_classes),
            m_perceptron.save(meta, minWeight < 0 ? kDefaultMinWeight : minWeight) });
}

QByteArray trainPosModel(const QList<UdSentence> &train, const PosTrainParams &params)
{
    PosTaggerTrainer trainer;
    trainer.train(train, params);
    return trainer.save(params.meta, params.minWeight);
}

bool jackknifeTags(QList<UdSentence> &sentences, int folds, const PosTrainParams &params, QString *error)
{
    const QList<UdSentence> gold = sentences;
    for (int fold = 0; fold < folds; ++fold) {
        QList<UdSentence> rest;
        for (qsizetype i = 0; i < gold.size(); ++i) {
            if (i % folds != fold)
                rest.append(gold[i]);
        }
        PosTrainParams foldParams = params;
        foldParams.log = nullptr;
        foldParams.afterEpoch = nullptr;
        PosTagger tagger;
        if (!tagger.load(trainPosModel(rest, foldParams), error))
            return false;
        qint64 right = 0, total = 0;
        std::vector<QStringView> words;
        for (qsizetype i = fold; i < sentences.size(); i += folds) {
            UdSentence &s = sentences[i];
            words.assign(s.words.cbegin(), s.words.cend());
            tagger.tag(words, s.tags);
            for (size_t k = 0; k < words.size(); ++k)
                right += s.tags[k] == gold[i].tags[k];
            total += qint64(words.size());
        }
        if (params.log)
            params.log(QStringLiteral("jackknifing: part %1/%2 tagged by a tagger of the other parts, %3% right")
                           .arg(fold + 1)
                           .arg(folds)
                           .arg(100.0 * double(right) / double(std::max<qint64>(total, 1)), 0, 'f', 2));
    }
    return true;
}

double posAccuracy(const PosTagger &tagger, const QList<UdSentence> &sentences)
{
    qint64 right = 0, total = 0;
    std::vector<QStringView> words;
    std::vector<Upos> tags;
    for (const UdSentence &s : sentences) {
        words.assign(s.words.cbegin(), s.words.cend());
        tags.resize(words.size());
        tagger.tag(words, tags);
        for (size_t i = 0; i < tags.size(); ++i)
            right += tags[i] == s.tags[i];
        total += qint64(tags.size());
    }
    return total ? double(right) / double(total) : 0.0;
}

void retag(const PosTagger &tagger, QList<UdSentence> &sentences)
{
    std::vector<QStringView> words;
    for (UdSentence &s : sentences) {
        words.assign(s.words.cbegin(), s.words.cend());
        tagger.tag(words, s.tags);
    }
}

namespace {

qint64 wordCount(const QList<UdSentence> &sentences)
{
    qint64 n = 0;
    for (const UdSentence &s : sentences)
        n += s.words.size();
    return n;
}

QList<Figure> posFigures(const PosTagger &tagger, const UdData &data)
{
    const auto detail = [](const QList<UdSentence> &s) {
        return QStringLiteral("%1 words, %2 sentences")
            .arg(QLocale(QLocale::English).toString(wordCount(s)))
            .arg(s.size());
    };
    return { { QStringLiteral("UPOS accuracy, EWT test"), posAccuracy(tagger, data.ewtTest), detail(data.ewtTest) },
        { QStringLiteral("UPOS accuracy, GUM test"), posAccuracy(tagger, data.gumTest), detail(data.gumTest) } };
}

} // namespace

QList<Figure> evaluatePosTagger(const PosTagger &tagger, const QString &dataDir, QString *error)
{
    UdData data;
    if (!readUdData(dataDir, data, error, 0, UdParts::TestOnly))
        return {};
    return posFigures(tagger, data);
}

TrainResult trainPosTagger(const TrainOptions &options)
{
    TrainResult result;
    const auto log = [&](const QString &line) {
        if (options.log)
            options.log(line);
    };
    UdData data;
    if (!readUdData(options.dataDir, data, &result.error, options.maxSentences))
        return result;
    PosTrainParams params;
    params.epochs = options.epochs;
    params.seed = options.seed;
    params.log = options.log;
    params.meta = QStringLiteral("UPOS tagger, greedy averaged perceptron; trained on UD English EWT train + GUM "
                                 "train (CC BY genres), %1 sentences; %2 epochs; seed %3")
                      .arg(data.train.size())
                      .arg(options.epochs > 0 ? options.epochs : kDefaultPosEpochs)
                      .arg(options.seed)
                      .toUtf8();
    result.model = trainPosModel(data.train, params);
    PosTagger tagger;
    if (!tagger.load(result.model, &result.error)) {
        result.model.clear();
        return result;
    }
    log(QStringLiteral("tagger: %1% on EWT dev").arg(100.0 * posAccuracy(tagger, data.ewtDev), 0, 'f', 2));
    result.figures = posFigures(tagger, data);
    return result;
}

} // namespace entente::learn
