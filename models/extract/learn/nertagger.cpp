#include "nertagger.h"

#include "corpora.h"
#include "gazetteer.h"
#include "gazetteerfeatures.h"
#include "modelfiles.h"
#include "nercorpora.h"
#include "wordfeatures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <limits>

namespace entente::learn {

namespace {

// The feature set's version, stored in the model: a model trained with other templates is refused.
constexpr int kFeatureVersion = 2;

constexpr NameType kTypes[] = { NameType::Person, NameType::Organization, NameType::Location, NameType::Misc };

enum Position : quint8 { Out, Begin, Inside, Last, Unit };

// Feature templates. Numbers are part of the model file: add new ones, do not renumber.
enum Template : quint32 {
    Bias = 1,
    Form,
    Lower,
    Norm,
    Shape,
    Prefix2,
    Prefix3,
    Suffix2,
    Suffix3,
    Suffix4,
    PrevLower,
    NextLower,
    Prev2Lower,
    Next2Lower,
    PrevShape,
    NextShape,
    PrevBigram,
    NextBigram,
    ShortShapes,
    FirstWordShape,
    SentenceCaseShape,
    PrevLowerShape,
    NextLowerShape,
    Gazetteer,
    GazetteerCase,
    PrevGazetteer,
    NextGazetteer,
    Caseless,
    KnownNames,
    PrevKnownNames,
    NextKnownNames,
    SentenceCaseGazetteer,
    ProperNoun,
    PrevProperNoun,
    NextProperNoun,
    FirstProperNoun,
    // Those that read the tags given so far.
    PrevTag = 40,
    PrevTwoTags,
    PrevTagLower,
    PrevTagShape,
    // Word clusters (clusters.bin) are to come in at 60 and up: see staticFeatures().
};

// Boundary words beyond the sentence: values no word hashes to.
constexpr quint64 kBeforeStart = 0x5354415254ULL;
constexpr quint64 kAfterEnd = 0x454e44ULL;

// The case of the sentence (or window) as a whole: headlines in capitals or title case and lower-case text
// (tweets, chat) each make capitals mean something else.
enum SentenceCase : quint32 { NormalCase, AllCapitals, AllLower, TitleCase };

struct NerWord
{
    WordInfo info;
    quint32 gazetteer = 0;
    quint32 wordCase = 0; // 1 title, 2 capitals, 3 lower, 0 other (digits, punctuation, mixed)
    quint32 properNoun = 0; // the word's class in the proper-noun lexicon, 0 when not in it
};

quint32 wordCaseOf(const WordInfo &w)
{
    if (w.is(WordInfo::Title))
        return 1;
    if (w.is(WordInfo::Upper))
        return 2;
    if (w.is(WordInfo::Lower))
        return 3;
    return 0;
}

quint32 sentenceCase(const std::vector<NerWord> &words)
{
    int letters = 0, upper = 0, lower = 0, later = 0, laterCapitalised = 0;
    for (size_t i = 0; i < words.size(); ++i) {
        const quint32 c = words[i].wordCase;
        if (c == 0)
            continue;
        ++letters;
        upper += c == 2;
        lower += c == 3;
        if (i > 0 && words[i].info.length >= 4) {
            ++later;
            laterCapitalised += c == 1 || c == 2;
        }
    }
    if (letters >= 2 && upper == letters)
        return AllCapitals;
    if (letters >= 2 && lower == letters)
        return AllLower;
    if (later >= 2 && laterCapitalised * 4 >= later * 3)
        return TitleCase;
    return NormalCase;
}

void prepareWords(std::span<const QStringView> words, std::span<const quint32> gazetteer, const TokenHashMap *lexicon,
    std::vector<NerWord> &out)
{
    out.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        NerWord &w = out[i];
        w.info = wordInfo(words[i]);
        w.gazetteer = i < gazetteer.size() ? gazetteer[i] : 0;
        w.wordCase = wordCaseOf(w.info);
        w.properNoun = lexicon ? lexicon->value(w.info.lower) : 0;
    }
}

// The lexicon in a model file: a count, then (lower-case word hash, class) pairs sorted by hash.
std::shared_ptr<const TokenHashMap> readLexicon(QByteArrayView bytes)
{
    if (bytes.size() < 4)
        return {};
    const quint32 count = qFromLittleEndian<quint32>(bytes.data());
    if (bytes.size() != 4 + qsizetype(count) * 9)
        return {};
    auto map = std::make_shared<TokenHashMap>();
    map->reserve(count);
    for (quint32 k = 0; k < count; ++k) {
        const char *p = bytes.data() + 4 + qsizetype(k) * 9;
        (*map)[qFromLittleEndian<quint64>(p)] = quint8(p[8]);
    }
    return map;
}

constexpr quint32 kGazetteerMatch = GazetteerFeatures::KindMask | GazetteerFeatures::Begin | GazetteerFeatures::Inside
    | GazetteerFeatures::Ambiguous | GazetteerFeatures::Abbreviation;
constexpr quint32 kGazetteerCaseless = GazetteerFeatures::CaselessMask | GazetteerFeatures::CaselessBegin;
constexpr quint32 kKnownNames = GazetteerFeatures::GivenName | GazetteerFeatures::Surname;

// The features of word i that do not depend on the tags given so far.
void staticFeatures(const std::vector<NerWord> &words, size_t i, quint32 sentence, std::vector<Feature> &f)
{
    const NerWord &w = words[i];
    const WordInfo &x = w.info;
    const size_t n = words.size();
    const auto lowerAt = [&](ptrdiff_t k) {
        return k < 0 ? kBeforeStart : size_t(k) >= n ? kAfterEnd : words[size_t(k)].info.lower;
    };
    const auto shapeAt = [&](ptrdiff_t k) {
        return k < 0 ? kBeforeStart : size_t(k) >= n ? kAfterEnd : words[size_t(k)].info.shape;
    };
    const auto shortShapeAt = [&](ptrdiff_t k) {
        return k < 0 ? kBeforeStart : size_t(k) >= n ? kAfterEnd : words[size_t(k)].info.shortShape;
    };
    const auto gazetteerAt
        = [&](ptrdiff_t k) -> quint32 { return k < 0 || size_t(k) >= n ? 0u : words[size_t(k)].gazetteer; };
    const ptrdiff_t p = ptrdiff_t(i);
    f.push_back(feature(Bias, 0));
    f.push_back(feature(Form, x.form));
    f.push_back(feature(Lower, x.lower));
    if (x.is(WordInfo::Digit))
        f.push_back(feature(Norm, x.norm));
    f.push_back(feature(Shape, x.shape));
    f.push_back(feature(Prefix2, x.prefix[1]));
    f.push_back(feature(Prefix3, x.prefix[2]));
    f.push_back(feature(Suffix2, x.suffix[1]));
    f.push_back(feature(Suffix3, x.suffix[2]));
    f.push_back(feature(Suffix4, x.suffix[3]));
    f.push_back(feature(PrevLower, lowerAt(p - 1)));
    f.push_back(feature(NextLower, lowerAt(p + 1)));
    f.push_back(feature(Prev2Lower, lowerAt(p - 2)));
    f.push_back(feature(Next2Lower, lowerAt(p + 2)));
    f.push_back(feature(PrevShape, shapeAt(p - 1)));
    f.push_back(feature(NextShape, shapeAt(p + 1)));
    f.push_back(feature(PrevBigram, lowerAt(p - 1), x.lower));
    f.push_back(feature(NextBigram, x.lower, lowerAt(p + 1)));
    f.push_back(feature(ShortShapes, shortShapeAt(p - 1), x.shortShape, shortShapeAt(p + 1)));
    f.push_back(feature(FirstWordShape, i == 0, x.shortShape));
    f.push_back(feature(SentenceCaseShape, sentence, x.shortShape, i == 0));
    f.push_back(feature(PrevLowerShape, lowerAt(p - 1), x.shortShape));
    f.push_back(feature(NextLowerShape, lowerAt(p + 1), x.shortShape));
    const quint32 g = w.gazetteer & kGazetteerMatch;
    if (g) {
        f.push_back(feature(Gazetteer, g));
        f.push_back(feature(GazetteerCase, g, w.wordCase));
        f.push_back(feature(SentenceCaseGazetteer, sentence, g & GazetteerFeatures::KindMask));
    }
    if (const quint32 prev = gazetteerAt(p - 1) & kGazetteerMatch)
        f.push_back(feature(PrevGazetteer, prev));
    if (const quint32 next = gazetteerAt(p + 1) & kGazetteerMatch)
        f.push_back(feature(NextGazetteer, next));
    if (const quint32 c = w.gazetteer & kGazetteerCaseless)
        f.push_back(feature(Caseless, c, w.wordCase));
    const quint32 known = w.gazetteer & kKnownNames;
    if (known)
        f.push_back(feature(KnownNames, known, w.wordCase));
    const quint32 prevKnown = gazetteerAt(p - 1) & kKnownNames;
    const quint32 nextKnown = gazetteerAt(p + 1) & kKnownNames;
    if (known || prevKnown)
        f.push_back(feature(PrevKnownNames, prevKnown, known));
    if (known || nextKnown)
        f.push_back(feature(NextKnownNames, known, nextKnown));
    const auto properAt = [&](ptrdiff_t k) -> quint32 {
        return k < 0 ? 13u : size_t(k) >= n ? 14u : words[size_t(k)].properNoun;
    };
    f.push_back(feature(ProperNoun, w.properNoun, w.wordCase));
    f.push_back(feature(PrevProperNoun, properAt(p - 1), w.properNoun, w.wordCase));
    f.push_back(feature(NextProperNoun, w.properNoun, properAt(p + 1), w.wordCase));
    if (i == 0)
        f.push_back(feature(FirstProperNoun, w.properNoun, w.wordCase, sentence));
    // Word clusters go here: the cluster's bit-string prefixes of words i-1, i and i+1, as
    // f.push_back(feature(Cluster4, prefix4(i))) and so on, from a NerWord field filled in prepareWords().
}

// The features that read the tags given to the two words before (class index + 1; 0 before the sentence).
void dynamicFeatures(const NerWord &w, quint32 prev, quint32 prev2, std::vector<Feature> &f)
{
    f.push_back(feature(PrevTag, prev));
    f.push_back(feature(PrevTwoTags, prev2, prev));
    f.push_back(feature(PrevTagLower, prev, w.info.lower));
    f.push_back(feature(PrevTagShape, prev, w.info.shape));
}

QStringList bilouClasses()
{
    QStringList classes { QStringLiteral("O") };
    for (const NameType t : kTypes) {
        for (const char *p : { "B-", "I-", "L-", "U-" })
            classes.append(QLatin1String(p) + nameTypeName(t));
    }
    return classes;
}

// The gold class of each word: "U-" for a one-word name, "B-", "I-"..., "L-" for a longer one.
std::vector<int> goldClasses(const NerSentence &s, const QStringList &classes)
{
    std::vector<int> out(size_t(s.words.size()), 0);
    for (const NameSpan &n : s.names) {
        const QString type = nameTypeName(n.type);
        for (int i = n.first; i < n.last && i < s.words.size(); ++i) {
            const char *p = n.last - n.first == 1 ? "U-" : i == n.first ? "B-" : i == n.last - 1 ? "L-" : "I-";
            out[size_t(i)] = int(classes.indexOf(QLatin1String(p) + type));
        }
    }
    return out;
}

// splitmix64 as a stream: the trainer's only source of randomness.
class SplitMix
{
public:
    explicit SplitMix(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        return mix64(m_state);
    }

private:
    quint64 m_state;
};

template<typename T> void shuffle(std::vector<T> &v, SplitMix &rng)
{
    for (size_t i = v.size(); i > 1; --i)
        std::swap(v[i - 1], v[size_t(rng.next() % i)]);
}

double sigmoid(double x)
{
    return 1.0 / (1.0 + std::exp(-x));
}

// What calibration reads of a name's margin: its logarithm, since margins spread over orders of magnitude.
double marginInput(float margin)
{
    return std::log1p(double(std::max(margin, 0.0f)));
}

// Logistic regression of y on x, p = 1 / (1 + exp(-(a x + b))): Newton steps, halved while they do not lower
// the (slightly ridged) negative log-likelihood, so that it converges where the points are nearly separable.
std::pair<double, double> fitLogistic(const std::vector<std::pair<double, int>> &points)
{
    constexpr double kRidge = 1e-3;
    const auto loss = [&](double a, double b) {
        double l = kRidge * (a * a + b * b);
        for (const auto &[x, y] : points) {
            const double z = a * x + b;
            // log(1 + exp(z)) - y z, computed without overflow
            l += (z > 0 ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z))) - y * z;
        }
        return l;
    };
    double a = 0.0, b = 0.0;
    double current = loss(a, b);
    for (int iteration = 0; iteration < 100 && !points.empty(); ++iteration) {
        double ga = 2 * kRidge * a, gb = 2 * kRidge * b, haa = 2 * kRidge, hab = 0, hbb = 2 * kRidge;
        for (const auto &[x, y] : points) {
            const double p = sigmoid(a * x + b);
            const double w = p * (1 - p);
            ga += (p - y) * x;
            gb += p - y;
            haa += w * x * x;
            hab += w * x;
            hbb += w;
        }
        const double det = haa * hbb - hab * hab;
        if (det <= 0)
            break;
        const double da = (hbb * ga - hab * gb) / det;
        const double db = (haa * gb - hab * ga) / det;
        double step = 1.0;
        while (step > 1e-6 && loss(a - step * da, b - step * db) > current)
            step /= 2;
        if (step <= 1e-6)
            break;
        a -= step * da;
        b -= step * db;
        const double next = loss(a, b);
        const bool done = current - next < 1e-9 * (1 + std::fabs(current));
        current = next;
        if (done)
            break;
    }
    return { a, b };
}

struct Scratch
{
    std::vector<NerWord> words;
    std::vector<quint32> gazetteer;
    std::vector<QStringView> views;
    std::vector<Feature> features;
    std::vector<qint32> scores;
    std::vector<int> classes;
    std::vector<float> margins;
};

} // namespace

QString nameTypeName(NameType t)
{
    switch (t) {
    case NameType::Person:
        return QStringLiteral("PER");
    case NameType::Organization:
        return QStringLiteral("ORG");
    case NameType::Location:
        return QStringLiteral("LOC");
    case NameType::Misc:
        return QStringLiteral("MISC");
    }
    return {};
}

NerTagger::NerTagger() = default;
NerTagger::~NerTagger() = default;
NerTagger::NerTagger(NerTagger &&) noexcept = default;
NerTagger &NerTagger::operator=(NerTagger &&) noexcept = default;

const NerTagger &NerTagger::shared()
{
    static const NerTagger instance = [] {
        NerTagger t;
        t.load(modelFile(QStringLiteral("ner.model")));
        return t;
    }();
    return instance;
}

bool NerTagger::load(QByteArrayView bytes, QString *error)
{
    *this = NerTagger();
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        *this = NerTagger();
        return false;
    };
    if (bytes.isEmpty())
        return fail(QStringLiteral("no model"));
    if (!m_weights.load(bytes, error))
        return false;
    int version = 0;
    QByteArrayView text = m_weights.meta();
    // The lexicon's bytes come last, after a "lexicon" line.
    const qsizetype lexicon = text.indexOf("\nlexicon\n");
    if (lexicon >= 0) {
        m_lexicon = readLexicon(text.sliced(lexicon + 9));
        if (!m_lexicon)
            return fail(QStringLiteral("named-entity model with a damaged lexicon"));
        text = text.first(lexicon + 1);
    }
    for (const QByteArray &line : text.toByteArray().split('\n')) {
        const QList<QByteArray> f = line.split(' ');
        if (f.size() >= 2 && f[0] == "features")
            version = f[1].toInt();
        else if (f.size() >= 3 && f[0] == "calibration") {
            m_calibrationScale = f[1].toFloat();
            m_calibrationOffset = f[2].toFloat();
        }
    }
    if (version != kFeatureVersion)
        return fail(
            QStringLiteral("named-entity model of another feature set (%1, not %2)").arg(version).arg(kFeatureVersion));
    const QStringList &classes = m_weights.classNames();
    const size_t n = size_t(classes.size());
    m_position.assign(n, Out);
    m_type.assign(n, NameType::Person);
    for (size_t c = 0; c < n; ++c) {
        const QString &name = classes[qsizetype(c)];
        if (name == u"O")
            continue;
        const QStringView p = QStringView(name).left(2);
        m_position[c] = p == u"B-" ? Begin : p == u"I-" ? Inside : p == u"L-" ? Last : p == u"U-" ? Unit : Out;
        bool known = false;
        for (const NameType t : kTypes) {
            if (QStringView(name).sliced(2) == nameTypeName(t)) {
                m_type[c] = t;
                known = true;
            }
        }
        if (m_position[c] == Out || !known)
            return fail(QStringLiteral("named-entity model with an unknown class %1").arg(name));
    }
    // BILOU: after B or I of a type only I or L of that type; elsewhere O, B or U; the last word closes.
    m_allowed.assign((n + 1) * n, 0);
    m_allowedLast.assign((n + 1) * n, 0);
    for (size_t prev = 0; prev <= n; ++prev) {
        const bool open = prev > 0 && (m_position[prev - 1] == Begin || m_position[prev - 1] == Inside);
        for (size_t c = 0; c < n; ++c) {
            const bool continues = m_position[c] == Inside || m_position[c] == Last;
            const bool ok = open ? continues && m_type[c] == m_type[prev - 1] : !continues;
            m_allowed[prev * n + c] = ok;
            m_allowedLast[prev * n + c] = ok && m_position[c] != Begin && m_position[c] != Inside;
        }
    }
    return true;
}

float NerTagger::confidence(float margin) const
{
    if (m_calibrationScale <= 0.0f)
        return 1.0f;
    return float(sigmoid(m_calibrationScale * marginInput(margin) + m_calibrationOffset));
}

QList<NameSpan> NerTagger::tag(std::span<const QStringView> words, std::span<const quint32> gazetteerBits) const
{
    return tag(words, gazetteerBits, false);
}

QList<NameSpan> NerTagger::tag(
    std::span<const QStringView> words, std::span<const quint32> gazetteerBits, bool rawMargins) const
{
    QList<NameSpan> out;
    if (!isLoaded() || words.empty())
        return out;
    thread_local Scratch s;
    if (gazetteerBits.size() != words.size()) {
        s.gazetteer.resize(words.size());
        GazetteerFeatures::shared().bits(words, s.gazetteer);
        gazetteerBits = s.gazetteer;
    }
    prepareWords(words, gazetteerBits, m_lexicon.get(), s.words);
    const quint32 sentence = sentenceCase(s.words);
    const size_t n = words.size();
    const size_t classes = size_t(m_weights.classCount());
    s.scores.resize(classes);
    s.classes.resize(n);
    s.margins.resize(n);
    int prev = -1, prev2 = -1;
    for (size_t i = 0; i < n; ++i) {
        s.features.clear();
        staticFeatures(s.words, i, sentence, s.features);
        dynamicFeatures(s.words[i], quint32(prev + 1), quint32(prev2 + 1), s.features);
        std::fill(s.scores.begin(), s.scores.end(), 0);
        m_weights.addScores(s.features, s.scores);
        const quint8 *allowed = (i + 1 == n ? m_allowedLast : m_allowed).data() + size_t(prev + 1) * classes;
        int best = -1;
        qint32 bestScore = 0, second = 0;
        bool hasSecond = false;
        for (size_t c = 0; c < classes; ++c) {
            if (!allowed[c])
                continue;
            const qint32 v = s.scores[c];
            if (best < 0 || v > bestScore) {
                if (best >= 0) {
                    second = bestScore;
                    hasSecond = true;
                }
                best = int(c);
                bestScore = v;
            } else if (!hasSecond || v > second) {
                second = v;
                hasSecond = true;
            }
        }
        s.classes[i] = best;
        // A word with one class open (the last of a name) decides nothing: it leaves the name's margin alone.
        s.margins[i] = hasSecond ? float(bestScore - second) : std::numeric_limits<float>::infinity();
        prev2 = prev;
        prev = best;
    }
    for (size_t i = 0; i < n; ++i) {
        const int c = s.classes[i];
        if (m_position[size_t(c)] != Begin && m_position[size_t(c)] != Unit)
            continue;
        size_t last = i + 1;
        float margin = s.margins[i];
        while (m_position[size_t(c)] == Begin && last < n && m_position[size_t(s.classes[last])] != Last) {
            margin = std::min(margin, s.margins[last]);
            ++last;
        }
        if (m_position[size_t(c)] == Begin && last < n) {
            margin = std::min(margin, s.margins[last]);
            ++last;
        }
        out.append({ int(i), int(last), m_type[size_t(c)], rawMargins ? margin : confidence(margin) });
        i = last - 1;
    }
    return out;
}

// The trainer: reads the corpora's sentences into examples once, then runs the epochs over them.
class NerTrainer
{
public:
    explicit NerTrainer(const NerTrainSettings &settings)
        : m_settings(settings)
        , m_classes(bilouClasses())
        , m_perceptron(m_classes)
        , m_lexicon(readLexicon(settings.lexicon))
    { }

    void add(const NerSentence &s, int copies)
    {
        Example e;
        std::vector<QStringView> views(size_t(s.words.size()));
        for (qsizetype i = 0; i < s.words.size(); ++i)
            views[size_t(i)] = s.words[i];
        const std::vector<quint32> gazetteer = GazetteerFeatures::shared().bits(views);
        std::vector<NerWord> words;
        prepareWords(views, gazetteer, m_lexicon.get(), words);
        const quint32 sentence = sentenceCase(words);
        std::vector<Feature> f;
        e.offsets.push_back(0);
        for (size_t i = 0; i < words.size(); ++i) {
            f.clear();
            staticFeatures(words, i, sentence, f);
            e.features.insert(e.features.end(), f.begin(), f.end());
            e.offsets.push_back(quint32(e.features.size()));
        }
        e.words = std::move(words);
        e.gold = goldClasses(s, m_classes);
        m_examples.push_back(std::move(e));
        for (int k = 0; k < copies; ++k)
            m_order.push_back(quint32(m_examples.size() - 1));
    }

    [[nodiscard]] size_t sentenceCount() const { return m_order.size(); }

    void train(int epochs)
    {
        SplitMix rng(m_settings.seed);
        std::vector<Feature> f;
        for (int epoch = 0; epoch < epochs; ++epoch) {
            QElapsedTimer timer;
            timer.start();
            shuffle(m_order, rng);
            quint64 words = 0, right = 0;
            for (const quint32 index : m_order) {
                const Example &e = m_examples[index];
                int prev = -1, prev2 = -1;
                for (size_t i = 0; i < e.words.size(); ++i) {
                    f.assign(e.features.begin() + e.offsets[i], e.features.begin() + e.offsets[i + 1]);
                    dynamicFeatures(e.words[i], quint32(prev + 1), quint32(prev2 + 1), f);
                    const int guess = m_perceptron.predict(f);
                    m_perceptron.update(f, e.gold[i], guess);
                    right += guess == e.gold[i];
                    ++words;
                    prev2 = prev;
                    prev = guess;
                }
            }
            if (m_settings.log)
                m_settings.log(
                    QStringLiteral("  epoch %1/%2: %3% of %4 words tagged right in training, %5 features, %6 s")
                        .arg(epoch + 1)
                        .arg(epochs)
                        .arg(100.0 * double(right) / double(std::max<quint64>(words, 1)), 0, 'f', 2)
                        .arg(words)
                        .arg(m_perceptron.featureCount())
                        .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
        }
    }

    // The model file, its confidences calibrated on `calibration`: a logistic fit of "the name is right" on the
    // log of the name's smallest score margin.
    [[nodiscard]] QByteArray save(const QList<NerSentence> &calibration, float minWeight) const
    {
        QByteArray meta = "entente named-entity tagger\nfeatures " + QByteArray::number(kFeatureVersion) + "\n";
        const QByteArray lexicon = m_lexicon ? "lexicon\n" + m_settings.lexicon : QByteArray();
        const QByteArray plain = m_perceptron.save(meta + lexicon, minWeight);
        NerTagger tagger;
        if (!tagger.load(plain) || calibration.isEmpty())
            return plain;
        std::vector<std::pair<double, int>> points;
        std::vector<QStringView> views;
        for (const NerSentence &s : calibration) {
            views.assign(s.words.cbegin(), s.words.cend());
            const QList<NameSpan> found = tagger.tag(views, {}, true);
            for (const NameSpan &p : found) {
                const bool right = std::any_of(s.names.cbegin(), s.names.cend(),
                    [&](const NameSpan &g) { return g.first == p.first && g.last == p.last && g.type == p.type; });
                points.emplace_back(marginInput(p.confidence), right ? 1 : 0);
            }
        }
        const auto [a, b] = fitLogistic(points);
        if (m_settings.log) {
            int right = 0;
            for (const auto &p : points)
                right += p.second;
            m_settings.log(QStringLiteral("  calibration on %1 names found in %2 sentences (%3% right): "
                                          "confidence = 1 / (1 + exp(-(%4 * ln(1 + margin) + %5)))")
                               .arg(points.size())
                               .arg(calibration.size())
                               .arg(100.0 * right / double(std::max<size_t>(points.size(), 1)), 0, 'f', 1)
                               .arg(a, 0, 'g', 4)
                               .arg(b, 0, 'g', 4));
        }
        if (m_settings.log && a > 0) {
            // Reliability: of the names in each confidence band, how many were right.
            constexpr double bands[] = { 0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.01 };
            QStringList cells;
            for (size_t k = 0; k + 1 < std::size(bands); ++k) {
                int inBand = 0, right = 0;
                for (const auto &[x, y] : points) {
                    const double p = sigmoid(a * x + b);
                    if (p >= bands[k] && p < bands[k + 1]) {
                        ++inBand;
                        right += y;
                    }
                }
                cells.append(QStringLiteral("[%1, %2): %3 of %4")
                                 .arg(bands[k])
                                 .arg(std::min(bands[k + 1], 1.0))
                                 .arg(inBand ? QString::number(double(right) / inBand, 'f', 2) : QStringLiteral("-"))
                                 .arg(inBand));
            }
            m_settings.log(QStringLiteral("  right by confidence: ") + cells.join(QStringLiteral("; ")));
        }
        if (a <= 0)
            return plain;
        meta += "calibration " + QByteArray::number(a, 'g', 8) + ' ' + QByteArray::number(b, 'g', 8) + '\n';
        return m_perceptron.save(meta + lexicon, minWeight);
    }

private:
    struct Example
    {
        std::vector<Feature> features; // static features of every word, one after the other
        std::vector<quint32> offsets; // word i's are [offsets[i], offsets[i + 1])
        std::vector<NerWord> words;
        std::vector<int> gold;
    };

    NerTrainSettings m_settings;
    QStringList m_classes;
    Perceptron m_perceptron;
    std::vector<Example> m_examples;
    std::vector<quint32> m_order;
    std::shared_ptr<const TokenHashMap> m_lexicon;
};

NerTrainSettings NerTrainSettings::defaults()
{
    NerTrainSettings s;
    // Weighed on held-out Universal NER dev documents and GUM dev: the in-genre Universal NER dev six times and
    // GUM twice gave the best PER and micro F1 there; BTC, for all its noise, helps lower-case names.
    s.corpora = {
        { NerCorpus::WikiGold, 1 },
        { NerCorpus::Re3d, 1 },
        { NerCorpus::Btc, 1 },
        { NerCorpus::UnerEwtDev, 6 },
        { NerCorpus::GumTrain, 2 },
    };
    return s;
}

QByteArray properNounLexicon(const QList<ConlluSentence> &sentences)
{
    struct Count
    {
        quint32 all = 0;
        quint32 proper = 0;
    };
    QHash<quint64, Count> counts;
    for (const ConlluSentence &s : sentences) {
        for (const ConlluWord &w : s.words) {
            Count &c = counts[wordInfo(w.form).lower];
            ++c.all;
            c.proper += w.upos == u"PROPN";
        }
    }
    std::vector<std::pair<quint64, quint8>> entries;
    entries.reserve(size_t(counts.size()));
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const Count c = it.value();
        const quint32 ratio = c.proper == 0 ? 1 : c.proper * 2 < c.all ? 2 : c.proper * 10 < c.all * 9 ? 3 : 4;
        const quint32 frequency = c.all == 1 ? 0 : c.all < 10 ? 1 : 2;
        entries.emplace_back(it.key(), quint8(ratio + 4 * frequency));
    }
    // Sorted, so that the bytes do not depend on the hash's order.
    std::sort(entries.begin(), entries.end());
    QByteArray out(4 + qsizetype(entries.size()) * 9, Qt::Uninitialized);
    qToLittleEndian(quint32(entries.size()), out.data());
    char *p = out.data() + 4;
    for (const auto &[hash, cls] : entries) {
        qToLittleEndian(hash, p);
        p[8] = char(cls);
        p += 9;
    }
    return out;
}

QByteArray trainNerModel(const QList<QPair<NerCorpus, QList<NerSentence>>> &train,
    const QList<NerSentence> &calibration, const NerTrainSettings &settings)
{
    NerTrainer trainer(settings);
    // The corpora taken in turn, so that the first N sentences hold some of each.
    QList<qsizetype> next(train.size(), 0);
    int taken = 0;
    for (bool more = true; more;) {
        more = false;
        for (qsizetype c = 0; c < train.size(); ++c) {
            const QList<NerSentence> &sentences = train[c].second;
            if (next[c] >= sentences.size())
                continue;
            if (settings.maxSentences > 0 && taken >= settings.maxSentences)
                break;
            int copies = 1;
            for (const auto &[corpus, n] : settings.corpora) {
                if (corpus == train[c].first)
                    copies = n;
            }
            trainer.add(sentences[next[c]++], copies);
            ++taken;
            more = true;
        }
    }
    if (settings.log)
        settings.log(QStringLiteral("  %1 training sentences an epoch").arg(trainer.sentenceCount()));
    trainer.train(settings.epochs > 0 ? settings.epochs : 8);
    return trainer.save(calibration, settings.minWeight > 0 ? settings.minWeight : 0.05f);
}

namespace {

NerCounts countNames(const NerTagger &tagger, const QList<NerSentence> &sentences, bool misc = true)
{
    NerCounts counts;
    std::vector<QStringView> views;
    for (const NerSentence &s : sentences) {
        views.assign(s.words.cbegin(), s.words.cend());
        QList<NameSpan> found = tagger.tag(views);
        if (!misc)
            found.removeIf([](const NameSpan &n) { return n.type == NameType::Misc; });
        counts.add(s.names, found);
    }
    return counts;
}

void addFigures(QList<Figure> &out, const NerCounts &c, const QString &what, bool misc)
{
    QList<NameType> types { NameType::Person, NameType::Organization, NameType::Location };
    if (misc)
        types.append(NameType::Misc);
    int gold = 0;
    for (const NameType t : std::as_const(types)) {
        gold += c.goldCount(t);
        out.append({ QStringLiteral("NER %1 F1, %2").arg(nameTypeName(t), what), c.f1(t),
            QStringLiteral("P %1 R %2, %3 names")
                .arg(c.precision(t), 0, 'f', 3)
                .arg(c.recall(t), 0, 'f', 3)
                .arg(c.goldCount(t)) });
    }
    const double micro
        = misc ? c.microF1() : c.microF1({ NameType::Person, NameType::Organization, NameType::Location });
    out.append({ QStringLiteral("NER micro F1, %1").arg(what), micro, QStringLiteral("%1 names").arg(gold) });
}

} // namespace

QList<Figure> evaluateNer(const NerTagger &tagger, const QString &dataDir)
{
    QList<Figure> out;
    QString error;
    const QList<NerSentence> uner = readNerCorpus(NerCorpus::UnerEwtTest, dataDir, &error);
    if (!uner.isEmpty())
        addFigures(out, countNames(tagger, uner, false), QStringLiteral("UNER EWT test"), false);
    const QList<NerSentence> gum = readNerCorpus(NerCorpus::GumTest, dataDir, &error);
    if (!gum.isEmpty()) {
        QList<NerSentence> news;
        for (const NerSentence &s : gum) {
            if (s.docId.startsWith(u"GUM_news_"))
                news.append(s);
        }
        addFigures(out, countNames(tagger, news), QStringLiteral("GUM test news"), true);
        addFigures(out, countNames(tagger, gum), QStringLiteral("GUM test"), true);
    }
    return out;
}

TrainResult trainNer(const TrainOptions &options)
{
    NerTrainSettings settings = NerTrainSettings::defaults();
    settings.epochs = options.epochs;
    settings.maxSentences = options.maxSentences;
    settings.seed = options.seed;
    settings.log = options.log;
    const auto log = [&](const QString &line) {
        if (options.log)
            options.log(line);
    };
    QList<QPair<NerCorpus, QList<NerSentence>>> train;
    QString error;
    for (const auto &[corpus, copies] : std::as_const(settings.corpora)) {
        QList<NerSentence> sentences = readNerCorpus(corpus, options.dataDir, &error);
        if (sentences.isEmpty())
            return { {}, {}, error.isEmpty() ? nerCorpusName(corpus) + QStringLiteral(": no sentences") : error };
        int names = 0;
        for (const NerSentence &s : std::as_const(sentences))
            names += int(s.names.size());
        log(QStringLiteral("  %1: %2 sentences, %3 names, x%4")
                .arg(nerCorpusName(corpus))
                .arg(sentences.size())
                .arg(names)
                .arg(copies));
        train.append({ corpus, std::move(sentences) });
    }
    const QList<ConlluSentence> ewt
        = readConllu(QDir(options.dataDir).filePath(QStringLiteral("ud/ewt-train.conllu.xz")), &error);
    if (ewt.isEmpty())
        return { {}, {}, error };
    settings.lexicon = properNounLexicon(ewt);
    log(QStringLiteral("  proper-noun lexicon from UD EWT train: %1 sentences, %2 words")
            .arg(ewt.size())
            .arg((settings.lexicon.size() - 4) / 9));
    const QList<NerSentence> calibration = readNerCorpus(NerCorpus::GumDev, options.dataDir, &error);
    const QByteArray model = trainNerModel(train, calibration, settings);
    NerTagger tagger;
    if (!tagger.load(model, &error))
        return { {}, {}, error };
    log(QStringLiteral("  %1 features kept").arg(tagger.featureCount()));
    TrainResult result { model, evaluateNer(tagger, options.dataDir), {} };

    // wikigold has no test part: its figure comes from a second tagger trained without it.
    log(QStringLiteral("  a second tagger without wikigold, to measure on it"));
    train.removeIf([](const auto &c) { return c.first == NerCorpus::WikiGold; });
    NerTagger without;
    if (without.load(trainNerModel(train, calibration, settings), &error)) {
        const QList<NerSentence> wikigold = readNerCorpus(NerCorpus::WikiGold, options.dataDir, &error);
        addFigures(result.figures, countNames(without, wikigold), QStringLiteral("wikigold (not trained on it)"), true);
    }
    return result;
}

} // namespace entente::learn
