#include "nertagger.h"

#include "corpora.h"
#include "gazetteer.h"
#include "gazetteerfeatures.h"
#include "modelfiles.h"
#include "nercorpora.h"
#include "postagger.h"
#include "tokenhash.h"
#include "wordclusters.h"
#include "wordfeatures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QHash>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

namespace entente::learn {

namespace {

// The feature set's version, stored in the model: a model trained with other templates is refused.
constexpr int kFeatureVersion = 4;

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
    SentenceLength,
    // Those that read the tags given so far.
    PrevTag = 40,
    PrevTwoTags,
    PrevTagLower,
    PrevTagShape,
    // Word clusters (clusters.bin): the word's path prefixes, its neighbours'.
    Cluster4 = 60,
    Cluster6,
    Cluster10,
    Cluster20,
    PrevCluster4,
    PrevCluster10,
    PrevCluster20,
    NextCluster4,
    NextCluster10,
    NextCluster20,
    ClusterCase,
    // What the document said of the word before (NerDocument).
    DocumentTypes = 80,
    DocumentOther,
    // Part-of-speech tags (PosTagger).
    Pos = 90,
    PrevPos,
    NextPos,
    PosShape,
    PosProperNoun,
    // The run of capitalised words the word is part of (markRuns()).
    RunFirst = 100,
    RunLast,
    RunLastCluster,
    RunLength,
    // Wider context (NerTrainSettings::Context).
    Prev3Lower = 110,
    Next3Lower,
    PrevPairLower,
    NextPairLower,
    AroundLower,
    PrevCluster6,
    NextCluster6,
    Prev2Cluster6,
    Next2Cluster6,
    Prev2Cluster10,
    Next2Cluster10,
    // Words that end or head organisations' names (NerTrainSettings::OrgWords).
    OrgWordCase = 130,
    PrevOrgWord,
    NextOrgWord,
    Next2OrgWord,
    RunOrgWord,
    // How the UN General Debate speeches write the word (NerTrainSettings::CaseShare).
    CaseShareCase = 140,
    PrevCaseShare,
    NextCaseShare,
};

// A word's bits in a document's memory: the types of the names it was part of, and how it was seen outside
// names.
enum DocumentBit : quint32 {
    SeenOutsideCapitalised = 1u << 4, // capitalised, not first in its sentence, in no name
    SeenOutsideLower = 1u << 5, // all lower case, in no name
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
    quint32 caseShare = 0; // its class in the case lexicon (caseLexicon()), 0 when not in it
    quint32 clusterBits = 0; // the word's Brown cluster path (WordClusters::Path), length 0 when unknown
    quint32 clusterLength = 0;
    quint32 pos = kUposCount; // the word's UPOS tag; kUposCount when not tagged
    // The run of capitalised words around the word (markRuns()), [runFirst, runLast]; -1 when none.
    int runFirst = -1;
    int runLast = -1;
};

bool capitalised(const NerWord &w)
{
    return w.wordCase == 1 || w.wordCase == 2;
}

// Runs of capitalised words, where one short word that is not ("of", "and", "-", "&", "'s") may join two:
// "Bank of America", "Coca - Cola", "Ray 's Pizza". A name's type often shows only at its end ("... Committee",
// "... Inc.", "... Airport"), which a left-to-right tagger has not seen when it decides the first word; the run's
// first and last words, known at every word of it, let it.
void markRuns(std::vector<NerWord> &words)
{
    const int n = int(words.size());
    for (NerWord &w : words)
        w.runFirst = w.runLast = -1;
    for (int i = 0; i < n;) {
        if (!capitalised(words[size_t(i)])) {
            ++i;
            continue;
        }
        int last = i;
        while (true) {
            if (last + 1 < n && capitalised(words[size_t(last + 1)]))
                last += 1;
            else if (last + 2 < n && !capitalised(words[size_t(last + 1)]) && words[size_t(last + 1)].info.length <= 3
                && !words[size_t(last + 1)].info.is(WordInfo::Digit) && capitalised(words[size_t(last + 2)]))
                last += 2;
            else
                break;
        }
        if (last > i) {
            for (int k = i; k <= last; ++k) {
                words[size_t(k)].runFirst = i;
                words[size_t(k)].runLast = last;
            }
        }
        i = last + 1;
    }
}

// The hash of the first `length` steps of a word's cluster path; 0 for a word without a cluster.
quint64 clusterPrefix(const NerWord &w, quint32 length)
{
    if (w.clusterLength == 0)
        return 0;
    const quint32 n = std::min(length, w.clusterLength);
    return quint64(n) << 32 | (w.clusterBits >> (w.clusterLength - n));
}

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
    const WordClusters *clusters, std::vector<NerWord> &out)
{
    out.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
        NerWord &w = out[i];
        w.info = wordInfo(words[i]);
        w.gazetteer = i < gazetteer.size() ? gazetteer[i] : 0;
        w.wordCase = wordCaseOf(w.info);
        const quint32 known = lexicon ? lexicon->value(w.info.lower) : 0;
        w.properNoun = known & 0xff;
        w.caseShare = known >> 8;
        const WordClusters::Path path = clusters ? clusters->path(w.info.norm) : WordClusters::Path {};
        w.clusterBits = path.bits;
        w.clusterLength = path.length;
    }
    markRuns(out);
}

// The lexicon in a model file: a count, then (lower-case word hash, class) pairs sorted by hash; the proper-noun
// lexicon (properNounLexicon()), and after it, in models trained with NerTrainSettings::CaseShare, the case lexicon
// (caseLexicon()) in the same form. One map holds both: the proper-noun class in the low byte, the case class above.
std::shared_ptr<const TokenHashMap> readLexicon(QByteArrayView bytes)
{
    auto map = std::make_shared<TokenHashMap>();
    for (int block = 0; block < 2 && !bytes.isEmpty(); ++block) {
        if (bytes.size() < 4)
            return {};
        const quint32 count = qFromLittleEndian<quint32>(bytes.data());
        if (bytes.size() < 4 + qsizetype(count) * 9)
            return {};
        map->reserve(map->size() + count);
        for (quint32 k = 0; k < count; ++k) {
            const char *p = bytes.data() + 4 + qsizetype(k) * 9;
            (*map)[qFromLittleEndian<quint64>(p)] |= quint32(quint8(p[8])) << (8 * block);
        }
        bytes = bytes.sliced(4 + qsizetype(count) * 9);
    }
    if (!bytes.isEmpty())
        return {};
    return map;
}

constexpr quint32 kGazetteerMatch = GazetteerFeatures::KindMask | GazetteerFeatures::Begin | GazetteerFeatures::Inside
    | GazetteerFeatures::Ambiguous | GazetteerFeatures::Abbreviation;
constexpr quint32 kGazetteerCaseless = GazetteerFeatures::CaselessMask | GazetteerFeatures::CaselessBegin;
constexpr quint32 kKnownNames
    = GazetteerFeatures::GivenName | GazetteerFeatures::Surname | GazetteerFeatures::CommonGivenName;

constexpr size_t kLexicalFeatures = 4;

// Features gathered on the stack and appended to a list in one go: the list's push_back, which the compiler keeps
// out of line, cost a call a feature, and a word has some seventy static ones.
class FeatureBuffer
{
public:
    explicit FeatureBuffer(std::vector<Feature> &out)
        : m_out(out)
    { }
    ~FeatureBuffer() { flush(); }
    FeatureBuffer(const FeatureBuffer &) = delete;
    FeatureBuffer &operator=(const FeatureBuffer &) = delete;

    // Inlined by force: left to itself the compiler makes this a call too, in a function of seventy of them.
    Q_ALWAYS_INLINE void push_back(Feature feature)
    {
        if (m_size == m_buffer.size()) [[unlikely]]
            flush();
        m_buffer[m_size++] = feature;
    }

private:
    void flush()
    {
        m_out.insert(m_out.end(), m_buffer.cbegin(), m_buffer.cbegin() + ptrdiff_t(m_size));
        m_size = 0;
    }

    std::vector<Feature> &m_out;
    std::array<Feature, 96> m_buffer;
    size_t m_size = 0;
};

// The features of word i that do not depend on the tags given so far.
void staticFeatures(
    const std::vector<NerWord> &words, size_t i, quint32 sentence, quint32 groups, std::vector<Feature> &out)
{
    FeatureBuffer f(out);
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
    // The word's identity first, kLexicalFeatures of them: training may leave them out (word dropout).
    f.push_back(feature(Form, x.form));
    f.push_back(feature(Lower, x.lower));
    f.push_back(feature(PrevBigram, lowerAt(p - 1), x.lower));
    f.push_back(feature(NextBigram, x.lower, lowerAt(p + 1)));
    f.push_back(feature(Bias, 0));
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
    // Short lines are often names alone (an e-mail's greeting or signature, a heading).
    const quint32 length = n <= 3 ? quint32(n) : n <= 5 ? 4u : n <= 9 ? 5u : 6u;
    f.push_back(feature(SentenceLength, length, x.shortShape, i == 0));
    if ((groups & NerTrainSettings::Runs) && w.runFirst >= 0 && sentence == NormalCase) {
        const NerWord &first = words[size_t(w.runFirst)];
        const NerWord &last = words[size_t(w.runLast)];
        const quint32 at = int(i) == w.runFirst ? 0u : int(i) == w.runLast ? 2u : 1u;
        f.push_back(feature(RunFirst, first.info.lower, at));
        f.push_back(feature(RunLast, last.info.lower, at));
        if (last.clusterLength)
            f.push_back(feature(RunLastCluster, clusterPrefix(last, 10), at));
        f.push_back(feature(RunLength, std::min(w.runLast - w.runFirst + 1, 5), at));
    }
    if (groups & NerTrainSettings::Clusters) {
        // Words without a cluster (beyond the sentence, or unknown) give a value of their own, 0.
        const auto clusterAt = [&](ptrdiff_t k, quint32 length) -> quint64 {
            return k < 0 ? kBeforeStart : size_t(k) >= n ? kAfterEnd : clusterPrefix(words[size_t(k)], length);
        };
        f.push_back(feature(Cluster4, clusterPrefix(w, 4)));
        f.push_back(feature(Cluster6, clusterPrefix(w, 6)));
        f.push_back(feature(Cluster10, clusterPrefix(w, 10)));
        f.push_back(feature(Cluster20, clusterPrefix(w, 20)));
        f.push_back(feature(PrevCluster4, clusterAt(p - 1, 4)));
        f.push_back(feature(PrevCluster10, clusterAt(p - 1, 10)));
        f.push_back(feature(PrevCluster20, clusterAt(p - 1, 20)));
        f.push_back(feature(NextCluster4, clusterAt(p + 1, 4)));
        f.push_back(feature(NextCluster10, clusterAt(p + 1, 10)));
        f.push_back(feature(NextCluster20, clusterAt(p + 1, 20)));
        f.push_back(feature(ClusterCase, clusterPrefix(w, 10), w.wordCase, i == 0));
    }
    if (groups & (NerTrainSettings::Context | NerTrainSettings::ContextWords)) {
        f.push_back(feature(Prev3Lower, lowerAt(p - 3)));
        f.push_back(feature(Next3Lower, lowerAt(p + 3)));
        f.push_back(feature(PrevPairLower, lowerAt(p - 2), lowerAt(p - 1)));
        f.push_back(feature(NextPairLower, lowerAt(p + 1), lowerAt(p + 2)));
        f.push_back(feature(AroundLower, lowerAt(p - 1), lowerAt(p + 1)));
    }
    if ((groups & NerTrainSettings::ContextPairs)
        && !(groups & (NerTrainSettings::Context | NerTrainSettings::ContextWords))) {
        f.push_back(feature(PrevPairLower, lowerAt(p - 2), lowerAt(p - 1)));
        f.push_back(feature(NextPairLower, lowerAt(p + 1), lowerAt(p + 2)));
    }
    if (groups & (NerTrainSettings::Context | NerTrainSettings::ContextClusters)) {
        const auto clusterAt = [&](ptrdiff_t k, quint32 length) -> quint64 {
            return k < 0 ? kBeforeStart : size_t(k) >= n ? kAfterEnd : clusterPrefix(words[size_t(k)], length);
        };
        f.push_back(feature(PrevCluster6, clusterAt(p - 1, 6)));
        f.push_back(feature(NextCluster6, clusterAt(p + 1, 6)));
        f.push_back(feature(Prev2Cluster6, clusterAt(p - 2, 6)));
        f.push_back(feature(Next2Cluster6, clusterAt(p + 2, 6)));
        f.push_back(feature(Prev2Cluster10, clusterAt(p - 2, 10)));
        f.push_back(feature(Next2Cluster10, clusterAt(p + 2, 10)));
    }
    if (groups & NerTrainSettings::OrgWords) {
        const auto orgAt = [&](ptrdiff_t k) {
            return k >= 0 && size_t(k) < n && (words[size_t(k)].gazetteer & GazetteerFeatures::OrgWord);
        };
        const auto caseAt = [&](ptrdiff_t k) { return words[size_t(k)].wordCase; };
        if (orgAt(p))
            f.push_back(feature(OrgWordCase, w.wordCase, i == 0, sentence));
        if (orgAt(p - 1))
            f.push_back(feature(PrevOrgWord, caseAt(p - 1), w.wordCase, x.shortShape));
        if (orgAt(p + 1))
            f.push_back(feature(NextOrgWord, w.wordCase, caseAt(p + 1), x.shortShape));
        if (orgAt(p + 2))
            f.push_back(feature(Next2OrgWord, w.wordCase, caseAt(p + 1), caseAt(p + 2)));
        if (w.runFirst >= 0 && sentence == NormalCase) {
            // An organisation's word at the run's end, or anywhere in it after this word.
            bool later = false;
            for (int k = int(i) + 1; k <= w.runLast && !later; ++k)
                later = orgAt(k);
            const quint32 at = int(i) == w.runFirst ? 0u : int(i) == w.runLast ? 2u : 1u;
            f.push_back(feature(RunOrgWord, at, orgAt(w.runLast), later));
        }
    }
    if (groups & NerTrainSettings::CaseShare) {
        const auto shareAt = [&](ptrdiff_t k) -> quint32 {
            return k < 0 ? 20u : size_t(k) >= n ? 21u : words[size_t(k)].caseShare;
        };
        f.push_back(feature(CaseShareCase, w.caseShare, w.wordCase, i == 0));
        f.push_back(feature(PrevCaseShare, shareAt(p - 1), w.caseShare, w.wordCase));
        f.push_back(feature(NextCaseShare, w.caseShare, shareAt(p + 1), w.wordCase));
    }
    if (groups & NerTrainSettings::PartOfSpeech) {
        const auto posAt = [&](ptrdiff_t k) -> quint64 {
            return k < 0 ? kBeforeStart : size_t(k) >= n ? kAfterEnd : words[size_t(k)].pos;
        };
        f.push_back(feature(Pos, w.pos));
        f.push_back(feature(PrevPos, posAt(p - 1), w.pos));
        f.push_back(feature(NextPos, w.pos, posAt(p + 1)));
        f.push_back(feature(PosShape, w.pos, x.shortShape, i == 0));
        f.push_back(feature(PosProperNoun, w.pos, w.properNoun));
    }
}

// The part-of-speech tags of the words: those given, or the tagger's.
void tagPartsOfSpeech(
    std::vector<NerWord> &words, std::span<const Upos> given, std::vector<WordInfo> &infos, std::vector<Upos> &tags)
{
    if (given.size() != words.size()) {
        infos.resize(words.size());
        for (size_t i = 0; i < words.size(); ++i)
            infos[i] = words[i].info;
        tags.resize(words.size());
        PosTagger::shared().tag(std::span<const WordInfo>(infos), tags);
        given = tags;
    }
    for (size_t i = 0; i < words.size(); ++i)
        words[i].pos = quint32(given[i]);
}

// The features of what the document said of the word before.
void documentFeatures(const NerWord &w, quint32 seen, bool first, std::vector<Feature> &f)
{
    if (const quint32 types = seen & 15u)
        f.push_back(feature(DocumentTypes, types, w.wordCase, first));
    if (const quint32 other = seen >> 4)
        f.push_back(feature(DocumentOther, other, w.wordCase, first));
}

// What word i, of a name of `type` or of none (-1), tells the document's memory.
quint32 rememberedBits(const NerWord &w, size_t i, int type)
{
    if (type >= 0)
        return 1u << type;
    if (w.wordCase == 3)
        return SeenOutsideLower;
    if (i > 0 && (w.wordCase == 1 || w.wordCase == 2))
        return SeenOutsideCapitalised;
    return 0;
}

// The features that read the tags given to the two words before (class index + 1; 0 before the sentence).
void dynamicFeatures(const NerWord &w, quint32 prev, quint32 prev2, std::vector<Feature> &f, bool lexical = true)
{
    f.push_back(feature(PrevTag, prev));
    f.push_back(feature(PrevTwoTags, prev2, prev));
    if (lexical)
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

// A partial tagging of the sentence in the beam: its score, its last two classes (-1 before the sentence) and
// where its last step is in Scratch::steps.
struct Hypothesis
{
    qint64 score = 0;
    int prev = -1;
    int prev2 = -1;
    int step = -1;
};

// One word's class in a hypothesis, the step before it, and the class's score margin over the best other class.
struct Step
{
    int cls = 0;
    int back = -1;
    float margin = 0.0f;
};

struct Candidate
{
    qint64 score;
    int hypothesis;
    int cls;
    float margin;
};

struct Scratch
{
    std::vector<Hypothesis> beam;
    std::vector<Hypothesis> nextBeam;
    std::vector<Step> steps;
    std::vector<Candidate> candidates;
    std::vector<qint32> staticScores;
    std::vector<qint32> sentenceScores; // every word's static scores, classes per word
    std::vector<Feature> batch; // every word's static features ...
    std::vector<quint32> rows; // ... and the word each is of
    std::vector<NerWord> words;
    std::vector<quint32> gazetteer;
    std::vector<QStringView> views;
    std::vector<WordInfo> infos;
    std::vector<Upos> pos;
    std::vector<Feature> features;
    std::vector<qint32> scores;
    std::vector<int> classes;
    std::vector<float> margins;
};

// A lexicon of word hashes and their classes as the model file keeps it: the count, then each hash (8 bytes, little
// endian) and its class (1 byte), sorted, so that the bytes do not depend on a hash table's order.
QByteArray packLexicon(std::vector<std::pair<quint64, quint8>> &entries)
{
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

NerDocument::NerDocument() = default;
NerDocument::~NerDocument() = default;
NerDocument::NerDocument(NerDocument &&) noexcept = default;
NerDocument &NerDocument::operator=(NerDocument &&) noexcept = default;

void NerDocument::clear()
{
    m_words.reset();
}

bool NerDocument::isEmpty() const
{
    return !m_words || m_words->size() == 0;
}

quint32 NerDocument::seen(quint64 word) const
{
    return m_words ? m_words->value(word) : 0u;
}

void NerDocument::note(quint64 word, quint32 bits)
{
    if (!bits)
        return;
    if (!m_words)
        m_words = std::make_unique<TokenHashMap>();
    (*m_words)[word] |= bits;
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
    int bias[4] = {};
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
        else if (f.size() >= 2 && f[0] == "groups")
            m_features = f[1].toUInt();
        else if (f.size() >= 2 && f[0] == "beam")
            m_beam = std::clamp(f[1].toInt(), 1, 64);
        else if (f.size() >= 2 && f[0] == "beam-check")
            m_beamCheck = f[1].toInt() != 0;
        else if (f.size() >= 5 && f[0] == "bias") {
            for (int t = 0; t < 4; ++t)
                bias[t] = f[size_t(t + 1)].toInt();
        } else if (f.size() >= 3 && f[0] == "calibration") {
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
    m_classBias.assign(n, 0);
    for (int t = 0; t < 4; ++t)
        setTypeBias(kTypes[t], bias[t]);
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

void NerTagger::setTypeBias(NameType type, qint32 bias)
{
    for (size_t c = 0; c < m_classBias.size(); ++c) {
        if (m_type[c] == type && (m_position[c] == Begin || m_position[c] == Unit))
            m_classBias[c] = bias;
    }
}

float NerTagger::confidence(float margin) const
{
    if (m_calibrationScale <= 0.0f)
        return 1.0f;
    return float(sigmoid(m_calibrationScale * marginInput(margin) + m_calibrationOffset));
}

int NerTagger::properNounShare(QStringView word, int *seen) const
{
    // properNounLexicon(): share (1-4) + 4 * frequency (0-2).
    const quint32 v = m_lexicon ? m_lexicon->value(wordInfo(word).lower) & 0xff : 0;
    if (seen)
        *seen = v ? int((v - 1) >> 2) : 0;
    return v ? int((v - 1) & 3) + 1 : 0;
}

QList<NameSpan> NerTagger::tag(std::span<const QStringView> words, std::span<const quint32> gazetteerBits,
    NerDocument *document, std::span<const Upos> posTags) const
{
    return tag(words, gazetteerBits, document, posTags, false);
}

QList<NameSpan> NerTagger::tag(std::span<const QStringView> words, std::span<const quint32> gazetteerBits,
    NerDocument *document, std::span<const Upos> posTags, bool rawMargins, std::vector<float> *wordMargins) const
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
    const bool clusters = m_features & NerTrainSettings::Clusters;
    const bool history = (m_features & NerTrainSettings::History) && document;
    prepareWords(words, gazetteerBits, m_lexicon.get(), clusters ? &WordClusters::shared() : nullptr, s.words);
    if (m_features & NerTrainSettings::PartOfSpeech)
        tagPartsOfSpeech(s.words, posTags, s.infos, s.pos);
    const quint32 sentence = sentenceCase(s.words);
    const size_t n = words.size();
    const size_t classes = size_t(m_weights.classCount());
    s.scores.resize(classes);
    s.staticScores.resize(classes);
    s.classes.resize(n);
    s.margins.resize(n);
    const bool biased = std::any_of(m_classBias.cbegin(), m_classBias.cend(), [](qint32 b) { return b != 0; });
    // Beam search over the words left to right (a beam of one is the greedy tagger): the static features are
    // scored once a word, and each hypothesis adds those of its own last two classes. Hypotheses that end in the
    // same two classes have the same future: only the best of them is kept.
    const size_t width = size_t(std::max(1, m_beam));
    s.beam.assign(1, Hypothesis {});
    s.steps.clear();
    // The static features of every word first, scored in one batch, so that their cache misses overlap: they
    // depend on no tag of this sentence (the document's memory takes its names after the sentence).
    s.batch.clear();
    s.rows.clear();
    for (size_t i = 0; i < n; ++i) {
        staticFeatures(s.words, i, sentence, m_features, s.batch);
        if (history)
            documentFeatures(s.words[i], document->seen(s.words[i].info.lower), i == 0, s.batch);
        s.rows.resize(s.batch.size(), quint32(i));
    }
    s.sentenceScores.assign(n * classes, 0);
    m_weights.addScoresToRows(s.batch, s.rows, s.sentenceScores.data());
    for (size_t i = 0; i < n; ++i) {
        std::copy_n(s.sentenceScores.begin() + ptrdiff_t(i * classes), classes, s.staticScores.begin());
        if (biased) {
            for (size_t c = 0; c < classes; ++c)
                s.staticScores[c] += m_classBias[c];
        }
        s.candidates.clear();
        // Keeps the `width` best candidates, best first, and of those that end in the same two classes only the
        // best; sorting all of them cost more than the tagging. Ties go to the one offered first (the earlier
        // hypothesis, the lower class), as in the greedy tagger.
        const auto offer = [&](const Candidate &c) {
            std::vector<Candidate> &top = s.candidates;
            if (top.size() == width && c.score <= top.back().score)
                return;
            const int prev = s.beam[size_t(c.hypothesis)].prev;
            for (auto it = top.begin(); it != top.end(); ++it) {
                if (it->cls == c.cls && s.beam[size_t(it->hypothesis)].prev == prev) {
                    if (c.score <= it->score)
                        return;
                    top.erase(it);
                    break;
                }
            }
            if (top.size() == width)
                top.pop_back();
            top.insert(std::upper_bound(top.begin(), top.end(), c,
                           [](const Candidate &a, const Candidate &b) { return a.score > b.score; }),
                c);
        };
        for (size_t h = 0; h < s.beam.size(); ++h) {
            const Hypothesis &hy = s.beam[h];
            s.features.clear();
            dynamicFeatures(s.words[i], quint32(hy.prev + 1), quint32(hy.prev2 + 1), s.features);
            std::copy(s.staticScores.begin(), s.staticScores.end(), s.scores.begin());
            m_weights.addScores(s.features, s.scores);
            const quint8 *allowed = (i + 1 == n ? m_allowedLast : m_allowed).data() + size_t(hy.prev + 1) * classes;
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
            for (size_t c = 0; c < classes; ++c) {
                if (!allowed[c] || (width == 1 && int(c) != best))
                    continue;
                // What offer() turns away first, before its margin is worked out: most candidates, once the
                // beam is full.
                const qint64 score = hy.score + s.scores[c];
                if (s.candidates.size() == width && score <= s.candidates.back().score)
                    continue;
                // A word with one class open (the last of a name) decides nothing: it leaves the name's margin
                // alone. A class below the best has a negative margin.
                const float margin = !hasSecond ? std::numeric_limits<float>::infinity()
                    : int(c) == best            ? float(bestScore - second)
                                                : float(s.scores[c] - bestScore);
                offer({ score, int(h), int(c), margin });
            }
        }
        s.nextBeam.clear();
        for (const Candidate &c : s.candidates) {
            s.steps.push_back({ c.cls, s.beam[size_t(c.hypothesis)].step, c.margin });
            s.nextBeam.push_back({ c.score, c.cls, s.beam[size_t(c.hypothesis)].prev, int(s.steps.size() - 1) });
        }
        std::swap(s.beam, s.nextBeam);
    }
    int step = s.beam.front().step;
    for (size_t i = n; i-- > 0; step = s.steps[size_t(step)].back) {
        s.classes[i] = s.steps[size_t(step)].cls;
        s.margins[i] = s.steps[size_t(step)].margin;
    }
    if (wordMargins)
        wordMargins->assign(s.margins.begin(), s.margins.end());
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
        if (m_beamCheck && width > 1) {
            // A word with only one class open (infinite margin) prefers nothing.
            bool preferred = false;
            for (size_t k = i; k < last && !preferred; ++k)
                preferred = s.margins[k] >= 0.0f && std::isfinite(s.margins[k]);
            if (!preferred) {
                for (size_t k = i; k < last; ++k)
                    s.classes[k] = 0; // "O"
                i = last - 1;
                continue;
            }
        }
        out.append({ int(i), int(last), m_type[size_t(c)], rawMargins ? margin : confidence(margin) });
        i = last - 1;
    }
    if (history) {
        for (size_t i = 0; i < n; ++i) {
            const int c = s.classes[i];
            const int type = m_position[size_t(c)] == Out ? -1 : int(m_type[size_t(c)]);
            document->note(s.words[i].info.lower, rememberedBits(s.words[i], i, type));
        }
    }
    return out;
}

// The trainer: reads the corpora's sentences into examples once, then runs the epochs over them, document by
// document (so that the document's memory holds what the tagger found in the sentences before).
class NerTrainer
{
public:
    explicit NerTrainer(const NerTrainSettings &settings)
        : m_settings(settings)
        , m_classes(bilouClasses())
        , m_perceptron(m_classes)
        , m_lexicon(readLexicon(settings.lexicon))
    { }

    // A sentence of corpus `corpus`; sentences of one document come one after the other (others' between).
    void add(int corpus, const NerSentence &s, int copies)
    {
        Example e;
        std::vector<QStringView> views(size_t(s.words.size()));
        for (qsizetype i = 0; i < s.words.size(); ++i)
            views[size_t(i)] = s.words[i];
        const std::vector<quint32> gazetteer = GazetteerFeatures::shared().bits(views);
        std::vector<NerWord> words;
        const WordClusters *clusters
            = (m_settings.features & NerTrainSettings::Clusters) ? &WordClusters::shared() : nullptr;
        prepareWords(views, gazetteer, m_lexicon.get(), clusters, words);
        if (m_settings.features & NerTrainSettings::PartOfSpeech)
            tagPartsOfSpeech(words, {}, m_infos, m_pos);
        const quint32 sentence = sentenceCase(words);
        std::vector<Feature> f;
        e.offsets.push_back(0);
        for (size_t i = 0; i < words.size(); ++i) {
            f.clear();
            staticFeatures(words, i, sentence, m_settings.features, f);
            e.features.insert(e.features.end(), f.begin(), f.end());
            e.offsets.push_back(quint32(e.features.size()));
        }
        e.words = std::move(words);
        e.gold = goldClasses(s, m_classes);
        m_examples.push_back(std::move(e));
        // A sentence without a document is one of its own (BTC's tweets, re3d's).
        auto &[lastDoc, lastIndex] = m_lastDocument[corpus];
        if (s.docId.isEmpty() || s.docId != lastDoc || lastIndex < 0) {
            m_documents.emplace_back();
            lastIndex = int(m_documents.size() - 1);
            lastDoc = s.docId;
            for (int k = 0; k < copies; ++k)
                m_order.push_back(quint32(lastIndex));
        }
        m_documents[size_t(lastIndex)].push_back(quint32(m_examples.size() - 1));
        m_sentences += size_t(copies);
    }

    [[nodiscard]] size_t sentenceCount() const { return m_sentences; }

    // Self-training's sentences (NerTrainSettings::selfTraining): `text` tagged by `tagger`, document by document;
    // of the sentences where it found names, and each of them a whole run of the treebank's proper nouns (words
    // of other tags between two of them allowed: "Bank of America"), the `share` where its least sure decision on
    // a proper noun or a name's word was surest.
    static QList<NerSentence> selfLabel(const NerTagger &tagger, const QList<ConlluSentence> &text, double share,
        const std::function<void(const QString &)> &log)
    {
        struct Kept
        {
            float margin;
            qsizetype index;
            QList<NameSpan> names;
        };
        std::vector<Kept> kept;
        std::vector<QStringView> views;
        std::vector<float> margins;
        NerDocument document;
        qsizetype withNames = 0;
        for (qsizetype k = 0; k < text.size(); ++k) {
            const ConlluSentence &cs = text[k];
            if (k == 0 || cs.docId.isEmpty() || cs.docId != text[k - 1].docId)
                document.clear();
            views.clear();
            for (const ConlluWord &w : cs.words)
                views.push_back(w.form);
            const QList<NameSpan> found = tagger.tag(views, {}, &document, {}, true, &margins);
            if (found.isEmpty())
                continue;
            ++withNames;
            const auto proper = [&](int i) { return i >= 0 && i < cs.words.size() && cs.words[i].upos == u"PROPN"; };
            bool runs = true;
            for (const NameSpan &n : found) {
                runs = runs && proper(n.first) && proper(n.last - 1) && !proper(n.first - 1) && !proper(n.last);
                for (int i = n.first + 1; i + 1 < n.last && runs; ++i) {
                    const QString &u = cs.words[i].upos;
                    runs
                        = u == u"PROPN" || u == u"ADP" || u == u"CCONJ" || u == u"DET" || u == u"PART" || u == u"PUNCT";
                }
            }
            if (!runs)
                continue;
            float least = std::numeric_limits<float>::infinity();
            for (int i = 0; i < int(views.size()); ++i) {
                const bool inName = std::any_of(
                    found.cbegin(), found.cend(), [&](const NameSpan &n) { return n.first <= i && i < n.last; });
                if (inName || proper(i))
                    least = std::min(least, margins[size_t(i)]);
            }
            kept.push_back({ least, k, found });
        }
        // The surest first; ties in text order.
        std::stable_sort(kept.begin(), kept.end(), [](const Kept &a, const Kept &b) { return a.margin > b.margin; });
        kept.resize(std::min(kept.size(), size_t(double(kept.size()) * std::clamp(share, 0.0, 1.0) + 0.5)));
        std::sort(kept.begin(), kept.end(), [](const Kept &a, const Kept &b) { return a.index < b.index; });
        QList<NerSentence> out;
        out.reserve(qsizetype(kept.size()));
        int names = 0;
        for (Kept &x : kept) {
            const ConlluSentence &cs = text[x.index];
            NerSentence s;
            s.docId = QStringLiteral("ewt-train:") + cs.docId;
            for (const ConlluWord &w : cs.words)
                s.words.append(w.form);
            names += int(x.names.size());
            s.names = std::move(x.names);
            out.append(std::move(s));
        }
        if (log)
            log(QStringLiteral("  self-training: names found in %1 of %2 UD EWT train sentences; %3 of them kept, "
                               "with %4 names")
                    .arg(withNames)
                    .arg(text.size())
                    .arg(out.size())
                    .arg(names));
        return out;
    }

    // The seed of the ensemble's member `member` (NerTrainSettings::ensemble): the settings' own for the first.
    [[nodiscard]] static quint64 memberSeed(quint64 seed, int member)
    {
        return member == 0 ? seed : mix64(seed * 0x9e3779b97f4a7c15ULL + quint64(member));
    }

    // Trains the ensemble's members one after the other (one perceptron when NerTrainSettings::ensemble is 1).
    void trainAll(int epochs)
    {
        const int members = std::max(1, m_settings.ensemble);
        for (int k = 0; k < members; ++k) {
            if (k > 0) {
                m_members.push_back(std::move(m_perceptron));
                m_perceptron = Perceptron(m_classes);
            }
            if (members > 1 && m_settings.log)
                m_settings.log(QStringLiteral("  ensemble member %1/%2").arg(k + 1).arg(members));
            train(epochs, memberSeed(m_settings.seed, k));
        }
    }

    void train(int epochs, quint64 seed)
    {
        SplitMix rng(seed);
        SplitMix dropouts(seed ^ 0x64726f706f7574ULL);
        const double dropout = m_settings.wordDropout;
        std::vector<Feature> f;
        std::vector<int> guesses;
        const bool history = m_settings.features & NerTrainSettings::History;
        NerDocument document;
        for (int epoch = 0; epoch < epochs; ++epoch) {
            QElapsedTimer timer;
            timer.start();
            shuffle(m_order, rng);
            quint64 words = 0, right = 0;
            for (const quint32 d : m_order) {
                document.clear();
                for (const quint32 index : m_documents[d]) {
                    const Example &e = m_examples[index];
                    guesses.resize(e.words.size());
                    int prev = -1, prev2 = -1;
                    for (size_t i = 0; i < e.words.size(); ++i) {
                        // Word dropout: now and then the word is seen without its identity, so that the
                        // features of its shape, cluster and context learn to find names never seen.
                        const bool drop = dropout > 0 && double(dropouts.next() >> 11) * 0x1.0p-53 < dropout;
                        f.assign(e.features.begin() + e.offsets[i] + (drop ? kLexicalFeatures : 0),
                            e.features.begin() + e.offsets[i + 1]);
                        dynamicFeatures(e.words[i], quint32(prev + 1), quint32(prev2 + 1), f, !drop);
                        if (history)
                            documentFeatures(e.words[i], document.seen(e.words[i].info.lower), i == 0, f);
                        const int guess = m_perceptron.predict(f);
                        m_perceptron.update(f, e.gold[i], guess);
                        // Class balance (NerTrainSettings::orgUpdates): an organisation's word tagged wrongly
                        // is learnt from more than once.
                        if (guess != e.gold[i] && e.gold[i] > 0 && (e.gold[i] - 1) / 4 == int(NameType::Organization))
                            for (int k = 1; k < m_settings.orgUpdates; ++k)
                                m_perceptron.update(f, e.gold[i], guess);
                        right += guess == e.gold[i];
                        ++words;
                        guesses[i] = guess;
                        prev2 = prev;
                        prev = guess;
                    }
                    if (history) {
                        // The memory holds what the tagger said, right or wrong, as it will in use.
                        for (size_t i = 0; i < e.words.size(); ++i) {
                            const int type = guesses[i] == 0 ? -1 : (guesses[i] - 1) / 4;
                            document.note(e.words[i].info.lower, rememberedBits(e.words[i], i, type));
                        }
                    }
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
        QByteArray meta = "entente named-entity tagger\nfeatures " + QByteArray::number(kFeatureVersion) + "\ngroups "
            + QByteArray::number(m_settings.features) + "\n";
        if (m_settings.beam > 1)
            meta += "beam " + QByteArray::number(m_settings.beam) + '\n';
        if (m_settings.beam > 1 && m_settings.beamCheck)
            meta += "beam-check 1\n";
        if (std::any_of(m_settings.typeBias.cbegin(), m_settings.typeBias.cend(), [](int b) { return b != 0; })) {
            meta += "bias";
            for (const int b : m_settings.typeBias)
                meta += ' ' + QByteArray::number(b);
            meta += '\n';
        }
        const QByteArray lexicon = m_lexicon ? "lexicon\n" + m_settings.lexicon : QByteArray();
        const QByteArray plain = savePerceptrons(meta + lexicon, minWeight);
        NerTagger tagger;
        if (!tagger.load(plain) || calibration.isEmpty())
            return plain;
        std::vector<std::pair<double, int>> points;
        std::vector<QStringView> views;
        NerDocument document;
        for (qsizetype k = 0; k < calibration.size(); ++k) {
            const NerSentence &s = calibration[k];
            if (k == 0 || s.docId.isEmpty() || s.docId != calibration[k - 1].docId)
                document.clear();
            views.assign(s.words.cbegin(), s.words.cend());
            const QList<NameSpan> found = tagger.tag(views, {}, &document, {}, true);
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
        return savePerceptrons(meta + lexicon, minWeight);
    }

private:
    // The perceptron, or the ensemble's members averaged.
    [[nodiscard]] QByteArray savePerceptrons(const QByteArray &meta, float minWeight) const
    {
        std::vector<const Perceptron *> all;
        for (const Perceptron &p : m_members)
            all.push_back(&p);
        all.push_back(&m_perceptron);
        return Perceptron::saveAverage(all, meta, minWeight);
    }

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
    std::vector<Perceptron> m_members; // the ensemble's members trained before m_perceptron
    std::vector<Example> m_examples;
    std::vector<std::vector<quint32>> m_documents; // each one's examples, in order
    std::vector<quint32> m_order; // documents, each as often as its corpus counts
    size_t m_sentences = 0;
    std::map<int, std::pair<QString, int>> m_lastDocument; // by corpus: the last sentence's document and its index
    std::shared_ptr<const TokenHashMap> m_lexicon;
    std::vector<WordInfo> m_infos;
    std::vector<Upos> m_pos;
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
    // One training word in ten seen without its identity: 5-fold UNER EWT dev micro F1 0.664 -> 0.680.
    // The runs of capitalised words (Runs), with dropout and the common given names: 0.687.
    s.wordDropout = 0.1;
    // A beam of 4 in tagging (the model trained greedily): 5-fold micro F1 0.701 -> 0.723 (PER 0.781 -> 0.797, ORG
    // 0.477 -> 0.511, LOC 0.756 -> 0.768), the same with 8. The sums of a greedily trained model's scores can open a
    // name against every word's own best class ("would visit Lillehammer ." as a person); beamCheck leaves such
    // names out, at no cost on the development figures (PER / ORG / LOC 0.797 / 0.511 / 0.768 with it).
    s.beam = 4;
    s.beamCheck = true;
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
    return packLexicon(entries);
}

QByteArray caseLexicon(const QString &archive, QString *error)
{
    struct Count
    {
        quint32 capitalised = 0;
        quint32 lower = 0;
    };
    QHash<quint64, Count> counts;
    // A word after the end of a sentence, or at the start of a speech or paragraph (an empty line before), is
    // capitalised for its place, not for itself: not counted. The speeches' lines are hard-wrapped, so a line's
    // first word is not a sentence's.
    bool initial = true;
    const bool read = forEachArchiveLine(
        archive,
        [&](QStringView line) {
            const QList<QStringView> tokens = WordClusters::tokenize(line);
            if (tokens.isEmpty()) {
                initial = true;
                return true;
            }
            for (const QStringView t : tokens) {
                const QChar c = t.front();
                if (!c.isLetter()) {
                    if (t == u"." || t == u"!" || t == u"?" || t == u":" || t == u";" || c.isDigit())
                        initial = true;
                    continue;
                }
                if (!initial) {
                    const WordInfo x = wordInfo(t);
                    if (x.is(WordInfo::Title) || x.is(WordInfo::Upper))
                        ++counts[x.lower].capitalised;
                    else if (x.is(WordInfo::Lower))
                        ++counts[x.lower].lower;
                }
                initial = false;
            }
            return true;
        },
        error);
    if (!read)
        return {};
    std::vector<std::pair<quint64, quint8>> entries;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        const quint32 all = it->capitalised + it->lower;
        if (all < 3)
            continue;
        const double share = double(it->capitalised) / all;
        const quint32 cls = share < 0.02 ? 1 : share < 0.2 ? 2 : share < 0.6 ? 3 : share < 0.95 ? 4 : 5;
        const quint32 frequency = all < 30 ? 0 : all < 1000 ? 1 : 2;
        entries.emplace_back(it.key(), quint8(cls + 5 * frequency));
    }
    return packLexicon(entries);
}

QByteArray trainNerModel(const QList<QPair<NerCorpus, QList<NerSentence>>> &train,
    const QList<NerSentence> &calibration, const NerTrainSettings &settings)
{
    if (settings.selfTraining > 0 && settings.unlabelled && !settings.unlabelled->isEmpty()) {
        // A first tagger without the self-labelled text labels it; the second trains on both.
        NerTrainSettings first = settings;
        first.selfTraining = 0;
        NerTagger tagger;
        if (tagger.load(trainNerModel(train, {}, first))) {
            QList<QPair<NerCorpus, QList<NerSentence>>> more = train;
            more.append({ NerCorpus::EwtTrainSelf,
                NerTrainer::selfLabel(tagger, *settings.unlabelled, settings.selfTrainingShare, settings.log) });
            first.corpora.append({ NerCorpus::EwtTrainSelf, settings.selfTraining });
            return trainNerModel(more, calibration, first);
        }
    }
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
            trainer.add(int(c), sentences[next[c]++], copies);
            ++taken;
            more = true;
        }
    }
    if (settings.log)
        settings.log(QStringLiteral("  %1 training sentences an epoch").arg(trainer.sentenceCount()));
    trainer.trainAll(settings.epochs > 0 ? settings.epochs : 8);
    return trainer.save(calibration, settings.minWeight > 0 ? settings.minWeight : 0.05f);
}

NerCounts countNames(const NerTagger &tagger, const QList<NerSentence> &sentences, bool misc)
{
    NerCounts counts;
    std::vector<QStringView> views;
    NerDocument document;
    for (qsizetype k = 0; k < sentences.size(); ++k) {
        const NerSentence &s = sentences[k];
        if (k == 0 || s.docId.isEmpty() || s.docId != sentences[k - 1].docId)
            document.clear();
        views.assign(s.words.cbegin(), s.words.cend());
        QList<NameSpan> found = tagger.tag(views, {}, &document);
        if (!misc)
            found.removeIf([](const NameSpan &n) { return n.type == NameType::Misc; });
        counts.add(s.names, found);
    }
    return counts;
}

namespace {

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

namespace {

// The corpora the settings name (train parts only) and the proper-noun lexicon of UD EWT train.
bool readTrainingData(NerTrainSettings &settings, const QString &dataDir,
    QList<QPair<NerCorpus, QList<NerSentence>>> &train, QString *error)
{
    const auto log = [&](const QString &line) {
        if (settings.log)
            settings.log(line);
    };
    for (const auto &[corpus, copies] : std::as_const(settings.corpora)) {
        QList<NerSentence> sentences = readNerCorpus(corpus, dataDir, error);
        if (sentences.isEmpty()) {
            if (error && error->isEmpty())
                *error = nerCorpusName(corpus) + QStringLiteral(": no sentences");
            return false;
        }
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
        = readConllu(QDir(dataDir).filePath(QStringLiteral("ud/ewt-train.conllu.xz")), error);
    if (ewt.isEmpty())
        return false;
    settings.lexicon = properNounLexicon(ewt);
    if (settings.features & NerTrainSettings::CaseShare) {
        // The UN General Debate speeches, two folders above the training data (../shared/corpus/ungdc).
        const QByteArray cases = caseLexicon(
            QDir::cleanPath(dataDir + QStringLiteral("/../../corpus/ungdc/ungdc-1946-2023.tar.xz")), error);
        if (cases.isEmpty())
            return false;
        settings.lexicon += cases;
        log(QStringLiteral("  case lexicon from the UN General Debate speeches: %1 words")
                .arg(qFromLittleEndian<quint32>(cases.constData())));
    }
    if (settings.selfTraining > 0)
        settings.unlabelled = std::make_shared<const QList<ConlluSentence>>(ewt);
    log(QStringLiteral("  proper-noun lexicon from UD EWT train: %1 sentences, %2 words")
            .arg(ewt.size())
            .arg((settings.lexicon.size() - 4) / 9));
    return true;
}

} // namespace

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
    if (!readTrainingData(settings, options.dataDir, train, &error))
        return { {}, {}, error };
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

QList<Figure> crossValidateNer(const NerTrainSettings &settingsIn, const QString &dataDir, int folds, QString *error,
    const std::function<void(NerTagger &, const QList<NerSentence> &)> &heldOutSentences)
{
    NerTrainSettings settings = settingsIn;
    folds = std::max(2, folds);
    QList<QPair<NerCorpus, QList<NerSentence>>> train;
    if (!readTrainingData(settings, dataDir, train, error))
        return {};
    const QList<NerSentence> gumDev = readNerCorpus(NerCorpus::GumDev, dataDir, error);
    if (gumDev.isEmpty())
        return {};
    const qsizetype uner = std::find_if(train.cbegin(), train.cend(), [](const auto &c) {
        return c.first == NerCorpus::UnerEwtDev;
    }) - train.cbegin();
    if (uner == train.size()) {
        if (error)
            *error = QStringLiteral("the settings do not train on UNER EWT dev");
        return {};
    }
    const QList<NerSentence> all = train[uner].second;
    // The documents in their order, dealt out to the folds in turn.
    std::vector<int> foldOf(size_t(all.size()));
    int document = -1;
    for (qsizetype k = 0; k < all.size(); ++k) {
        if (k == 0 || all[k].docId.isEmpty() || all[k].docId != all[k - 1].docId)
            ++document;
        foldOf[size_t(k)] = document % folds;
    }
    NerCounts heldOut, gum;
    for (int fold = 0; fold < folds; ++fold) {
        QList<NerSentence> in, out;
        for (qsizetype k = 0; k < all.size(); ++k)
            (foldOf[size_t(k)] == fold ? out : in).append(all[k]);
        train[uner].second = in;
        if (settings.log)
            settings.log(QStringLiteral("  fold %1/%2: %3 UNER EWT dev sentences held out")
                             .arg(fold + 1)
                             .arg(folds)
                             .arg(out.size()));
        NerTagger tagger;
        if (!tagger.load(trainNerModel(train, {}, settings), error))
            return {};
        const NerCounts c = countNames(tagger, out, false);
        if (heldOutSentences)
            heldOutSentences(tagger, out);
        for (int t = 0; t < 4; ++t) {
            heldOut.truePositives[t] += c.truePositives[t];
            heldOut.falsePositives[t] += c.falsePositives[t];
            heldOut.falseNegatives[t] += c.falseNegatives[t];
        }
        if (fold == 0)
            gum = countNames(tagger, gumDev);
    }
    QList<Figure> figures;
    addFigures(figures, heldOut, QStringLiteral("UNER EWT dev, %1-fold").arg(folds), false);
    addFigures(figures, gum, QStringLiteral("GUM dev"), true);
    return figures;
}

} // namespace entente::learn
