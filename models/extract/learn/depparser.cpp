#include "depparser.h"

#include "modelfiles.h"
#include "postagger.h"

#include <QElapsedTimer>
#include <QLocale>
#include <QtEndian>

#include <algorithm>
#include <array>
#include <limits>

namespace entente::learn {

namespace {

constexpr quint32 kMagic = 0x52505445; // "ETPR"
constexpr quint32 kVersion = 4;
constexpr int kDefaultParserEpochs = 15;
// Goldberg and Nivre 2012: after the first epochs follow the model's own (possibly wrong) transition most of
// the time, so that the perceptron learns to recover from the states its mistakes lead to.
constexpr int kExploreFromEpoch = 1;
constexpr double kExploreShare = 0.9;
constexpr int kFolds = 4; // jackknifed training tags
// Averaged weights under these (in units of one update) are left out of the shipped model: most features of a
// perceptron are rare ones that a few updates moved a little. 1.75 and 1.0 take the model from 40 MB to 11 MB
// with EWT dev UAS and LAS unchanged (within 0.1 point); 2.25 would cost half a point.
constexpr float kTransitionMinWeight = 1.75f;
constexpr float kLabelMinWeight = 1.0f;
constexpr int kMaxLabels = 255;
// The relations an arc may take are those its head's and dependent's tags took in training, in that direction
// (bits of a 64-bit set: with more relations than that, every one is scored). Tag values 1 ... kUposCount.
constexpr int kTagSlots = kUposCount + 2;
constexpr int kLabelSetCount = kTagSlots * kTagSlots * 2;
int labelSetIndex(quint64 headTag, quint64 dependentTag, bool left)
{
    return (int(headTag) * kTagSlots + int(dependentTag)) * 2 + (left ? 0 : 1);
}

enum Move { Shift, Left, Right, MoveCount };

// Word and tag values of positions that are not there, and of the root at the end of the buffer.
constexpr quint64 kNoWord = 0x4e4f4e45ULL;
constexpr quint64 kRootWord = 0x524f4f54ULL;
constexpr quint64 kNoTag = 0;
constexpr quint64 kRootTag = kUposCount + 1;

struct Node
{
    int head = -1;
    int label = -1;
    int l1 = -1, l2 = -1; // leftmost and second leftmost dependents
    int r1 = -1, r2 = -1; // rightmost and second rightmost
    int nl = 0, nr = 0;
    quint64 leftLabels = 0, rightLabels = 0; // bit (label % 64) of each dependent's relation
};

// What the features see of a sentence: a value per word for its form and its tag, with the root at index n.
struct SentenceView
{
    std::span<const quint64> words; // WordInfo::norm
    std::span<const quint64> tags; // the tag + 1
    std::span<const quint64> suffixes; // the last three letters (WordInfo::suffix[2])
    [[nodiscard]] int size() const { return int(words.size()) - 1; }
};

// An arc-hybrid configuration: the stack, the buffer [b0, n] whose last item n is the root, and the arcs made.
class State
{
public:
    void reset(int n)
    {
        m_n = n;
        m_nodes.assign(size_t(n) + 1, Node {});
        m_stack.clear();
        m_b0 = 0;
    }
    [[nodiscard]] bool done() const { return m_b0 >= m_n && m_stack.empty(); }
    [[nodiscard]] bool valid(Move m) const
    {
        switch (m) {
        case Shift:
            return m_b0 < m_n;
        case Left:
            // Into the root only the last word on the stack: one root, always.
            return !m_stack.empty() && (m_b0 < m_n || m_stack.size() == 1);
        case Right:
            return m_stack.size() >= 2;
        case MoveCount:
            break;
        }
        return false;
    }
    [[nodiscard]] int stack(size_t k) const { return k < m_stack.size() ? m_stack[m_stack.size() - 1 - k] : -1; }
    [[nodiscard]] size_t stackSize() const { return m_stack.size(); }
    [[nodiscard]] int b0() const { return m_b0; }
    [[nodiscard]] int n() const { return m_n; }
    [[nodiscard]] int buffer(int k) const { return m_b0 + k <= m_n ? m_b0 + k : -1; }
    [[nodiscard]] const Node &node(int i) const { return m_nodes[size_t(i)]; }
    // The head and dependent of the arc that a Left or Right move makes.
    [[nodiscard]] std::pair<int, int> arc(Move m) const { return { m == Left ? m_b0 : stack(1), stack(0) }; }

    void apply(Move m, int label)
    {
        if (m == Shift) {
            m_stack.push_back(m_b0++);
            return;
        }
        const auto [h, d] = arc(m);
        m_stack.pop_back();
        Node &dep = m_nodes[size_t(d)];
        dep.head = h;
        dep.label = label;
        Node &head = m_nodes[size_t(h)];
        const quint64 bit = label >= 0 ? 1ULL << (label % 64) : 0;
        if (d < h) {
            if (head.l1 < 0 || d < head.l1) {
                head.l2 = head.l1;
                head.l1 = d;
            } else if (head.l2 < 0 || d < head.l2) {
                head.l2 = d;
            }
            ++head.nl;
            head.leftLabels |= bit;
        } else {
            if (head.r1 < 0 || d > head.r1) {
                head.r2 = head.r1;
                head.r1 = d;
            } else if (head.r2 < 0 || d > head.r2) {
                head.r2 = d;
            }
            ++head.nr;
            head.rightLabels |= bit;
        }
    }

private:
    int m_n = 0;
    int m_b0 = 0;
    std::vector<Node> m_nodes;
    std::vector<int> m_stack;
};

// Transition feature templates: 40 of the 74 of Zhang and Nivre 2011's set (with s1 in the role their s0's head
// plays in arc-eager) that the parser had. Chosen by how much taking each out of the trained model cost on EWT dev,
// keeping the tags around s0 and b0, their nearest dependents and the words of s0, s1, b0 and b1; of the pairs of
// words, only s0 with b0.
enum TransitionTemplate : quint32 {
    // stackFeatures()
    kS0p = 1,
    kS0wp,
    kS1p,
    kS1wp,
    kS2p,
    kS1wpS0p,
    kS1pS0wp,
    kS2pS1pS0p,
    kS1pS0pS0l1p,
    kS0l1l,
    kS0l2p,
    kS0pSl,
    kS0pS0r1pS0r2p,
    kS0r2l,
    kS1pS1r1pS0p,
    kS1pSr,
    kS0sufp,
    // bufferFeatures()
    kB0p,
    kB0wp,
    kB1p,
    kB1wp,
    kB0pB1p,
    kB0pB1pB2p,
    kB0sufp,
    kB0l1w,
    kB0l1p,
    kB0l1l,
    kB0l2p,
    kB0pNl,
    kB0pB0l1pB0l2p,
    // pairFeatures()
    kS0pB0pB1p,
    kS0pB0pB0l1p,
    kS0pB0wp,
    kS0wpB0p,
    kS0wB0w,
    kS0pB0pDist,
    kS0wB0wDist,
    kS1pS0pB0p,
    kS0pS0l1pB0p,
    kS0pS0r1pB0p,
};
constexpr int kMaxTransitionFeatures = 48;

// Relation feature templates: 15 of the 30 the parser had, chosen in the same way.
enum LabelTemplate : quint32 {
    kLHwp = 200,
    kLDwp,
    kLHwDp,
    kLHpDw,
    kLDistHpDp,
    kLDl1wHp,
    kLDl1lDp,
    kLDslDp,
    kLHslHpDir,
    kLHsrHpDir,
    kLHl1lDp,
    kLDm1pDp,
    kLDwDir,
    kLDsufDp,
    kLHsufHp,
};
constexpr int kMaxLabelFeatures = 16;

quint64 distanceValue(int a, int b)
{
    return quint64(std::min(std::abs(a - b), 5));
}

// The transition features come in three groups, so that parse() can keep the scores of the first two, and
// each of those has parts that read one word only, which parse() scores for the whole sentence in one batch.
//
// Features of the stack's top three words and of their dependents: while a word is on the stack, the words under
// it stay the same, it takes no new left dependents (those come while it is b0) and a new right one only in a
// Right move that pops the word above it (parse() then scores the group again), and the word right under it
// takes no new dependents (an arc to it would pop the word). So these change only when s0 does or gains a
// dependent.
//
// The parts of the stack's features that read only s0, only s1 or only s2 (word i in that place, -1: none).
int s0Features(const SentenceView &s, int i, Feature *out)
{
    const quint64 w = s.words[size_t(i)], p = s.tags[size_t(i)];
    out[0] = smallFeature(kS0p, p);
    out[1] = fastFeature(kS0wp, w, p);
    out[2] = fastFeature(kS0sufp, s.suffixes[size_t(i)], p);
    return 3;
}
int s1Features(const SentenceView &s, int i, Feature *out)
{
    const quint64 w = i < 0 ? kNoWord : s.words[size_t(i)], p = i < 0 ? kNoTag : s.tags[size_t(i)];
    out[0] = smallFeature(kS1p, p);
    out[1] = fastFeature(kS1wp, w, p);
    return 2;
}
int s2Features(const SentenceView &s, int i, Feature *out)
{
    out[0] = smallFeature(kS2p, i < 0 ? kNoTag : s.tags[size_t(i)]);
    return 1;
}

// The rest of the stack's features.
int stackPairFeatures(const State &st, const SentenceView &s, Feature *out)
{
    const auto W = [&](int i) { return i < 0 ? kNoWord : s.words[size_t(i)]; };
    const auto P = [&](int i) { return i < 0 ? kNoTag : s.tags[size_t(i)]; };
    const auto L = [&](int i) { return i < 0 ? quint64(0) : quint64(st.node(i).label + 1); };
    const int s0 = st.stack(0), s1 = st.stack(1), s2 = st.stack(2);
    const Node none;
    const Node &ns0 = s0 >= 0 ? st.node(s0) : none;
    const Node &ns1 = s1 >= 0 ? st.node(s1) : none;
    const quint64 s0w = W(s0), s0p = P(s0), s1w = W(s1), s1p = P(s1);
    int k = 0;
    out[k++] = fastFeature(kS1wpS0p, s1w, s1p, s0p);
    out[k++] = fastFeature(kS1pS0wp, s1p, s0w, s0p);
    out[k++] = smallFeature(kS2pS1pS0p, P(s2), s1p, s0p);
    out[k++] = smallFeature(kS1pS0pS0l1p, s1p, s0p, P(ns0.l1));
    out[k++] = smallFeature(kS0l1l, L(ns0.l1));
    out[k++] = smallFeature(kS0l2p, P(ns0.l2));
    out[k++] = smallFeature(kS0pSl, s0p, ns0.leftLabels);
    out[k++] = smallFeature(kS0pS0r1pS0r2p, s0p, P(ns0.r1), P(ns0.r2));
    out[k++] = smallFeature(kS0r2l, L(ns0.r2));
    out[k++] = smallFeature(kS1pS1r1pS0p, s1p, P(ns1.r1), s0p);
    out[k++] = smallFeature(kS1pSr, s1p, ns1.rightLabels);
    return k;
}

int stackFeatures(const State &st, const SentenceView &s, Feature *out)
{
    int k = st.stack(0) >= 0 ? s0Features(s, st.stack(0), out) : 0;
    if (st.stack(0) < 0) {
        // Never scored (with the stack empty Shift is the only move), but the same features as ever.
        const quint64 p = kNoTag;
        out[k++] = smallFeature(kS0p, p);
        out[k++] = fastFeature(kS0wp, kNoWord, p);
        out[k++] = fastFeature(kS0sufp, kNoWord, p);
    }
    k += s1Features(s, st.stack(1), out + k);
    k += s2Features(s, st.stack(2), out + k);
    return k + stackPairFeatures(st, s, out + k);
}

// Features of the buffer's first three words and of b0's left dependents: the buffer is contiguous (b1 and b2
// follow b0), so these change only when b0 does or gains a dependent (a Left move). `nb0`: b0's node.
int bufferFeatures(const State &st, const SentenceView &s, int b0, const Node &nb0, Feature *out)
{
    const int n = s.size();
    const auto W = [&](int i) { return i < 0 ? kNoWord : s.words[size_t(i)]; };
    const auto P = [&](int i) { return i < 0 ? kNoTag : s.tags[size_t(i)]; };
    const auto L = [&](int i) { return i < 0 ? quint64(0) : quint64(st.node(i).label + 1); };
    const int b1 = b0 >= 0 && b0 + 1 <= n ? b0 + 1 : -1, b2 = b0 >= 0 && b0 + 2 <= n ? b0 + 2 : -1;
    const quint64 b0w = W(b0), b0p = P(b0), b1w = W(b1), b1p = P(b1), b2p = P(b2);
    int k = 0;
    out[k++] = smallFeature(kB0p, b0p);
    out[k++] = fastFeature(kB0wp, b0w, b0p);
    out[k++] = smallFeature(kB1p, b1p);
    out[k++] = fastFeature(kB1wp, b1w, b1p);
    out[k++] = smallFeature(kB0pB1p, b0p, b1p);
    out[k++] = smallFeature(kB0pB1pB2p, b0p, b1p, b2p);
    out[k++] = fastFeature(kB0sufp, b0 < 0 ? kNoWord : s.suffixes[size_t(b0)], b0p);
    out[k++] = fastFeature(kB0l1w, W(nb0.l1));
    out[k++] = smallFeature(kB0l1p, P(nb0.l1));
    out[k++] = smallFeature(kB0l1l, L(nb0.l1));
    out[k++] = smallFeature(kB0l2p, P(nb0.l2));
    out[k++] = smallFeature(kB0pNl, b0p, quint64(nb0.nl));
    out[k++] = smallFeature(kB0pB0l1pB0l2p, b0p, P(nb0.l1), P(nb0.l2));
    return k;
}
constexpr int kBufferFeatures = 13;

int bufferFeatures(const State &st, const SentenceView &s, Feature *out)
{
    const int b0 = st.buffer(0);
    const Node none;
    return bufferFeatures(st, s, b0, b0 >= 0 ? st.node(b0) : none, out);
}

// Features that join the stack and the buffer: new at every move.
int pairFeatures(const State &st, const SentenceView &s, Feature *out)
{
    const auto W = [&](int i) { return i < 0 ? kNoWord : s.words[size_t(i)]; };
    const auto P = [&](int i) { return i < 0 ? kNoTag : s.tags[size_t(i)]; };
    const int s0 = st.stack(0), s1 = st.stack(1), b0 = st.buffer(0), b1 = st.buffer(1);
    const Node none;
    const Node &ns0 = s0 >= 0 ? st.node(s0) : none;
    const Node &nb0 = b0 >= 0 ? st.node(b0) : none;
    const quint64 s0w = W(s0), s0p = P(s0), b0w = W(b0), b0p = P(b0), s1p = P(s1), b1p = P(b1);
    const quint64 dist = (s0 < 0 || b0 < 0) ? 6 : distanceValue(s0, b0);
    int k = 0;
    out[k++] = smallFeature(kS0pB0pB1p, s0p, b0p, b1p);
    out[k++] = smallFeature(kS0pB0pB0l1p, s0p, b0p, P(nb0.l1));
    out[k++] = fastFeature(kS0pB0wp, s0p, b0w, b0p);
    out[k++] = fastFeature(kS0wpB0p, s0w, s0p, b0p);
    out[k++] = fastFeature(kS0wB0w, s0w, b0w);
    out[k++] = smallFeature(kS0pB0pDist, s0p, b0p, dist);
    out[k++] = fastFeature(kS0wB0wDist, s0w, b0w, dist);
    out[k++] = smallFeature(kS1pS0pB0p, s1p, s0p, b0p);
    out[k++] = smallFeature(kS0pS0l1pB0p, s0p, P(ns0.l1), b0p);
    out[k++] = smallFeature(kS0pS0r1pB0p, s0p, P(ns0.r1), b0p);
    return k;
}

int transitionFeatures(const State &st, const SentenceView &s, Feature *out)
{
    int k = stackFeatures(st, s, out);
    k += bufferFeatures(st, s, out + k);
    k += pairFeatures(st, s, out + k);
    return k;
}

// The features that choose the relation of the arc h -> d that `move` is about to make.
int labelFeatures(const State &st, const SentenceView &s, int h, int d, Move move, Feature *out)
{
    const int n = s.size();
    const auto W = [&](int i) { return i < 0 ? kNoWord : s.words[size_t(i)]; };
    const auto P = [&](int i) { return i < 0 || i > n ? kNoTag : s.tags[size_t(i)]; };
    const auto L = [&](int i) { return i < 0 ? quint64(0) : quint64(st.node(i).label + 1); };
    const Node &nh = st.node(h), &nd = st.node(d);
    const quint64 hw = W(h), hp = P(h), dw = W(d), dp = P(d);
    const quint64 dir = move == Left ? 1 : 2;
    const quint64 dist = distanceValue(h, d);
    int k = 0;
    out[k++] = fastFeature(kLHwp, hw, hp);
    out[k++] = fastFeature(kLDwp, dw, dp);
    out[k++] = fastFeature(kLHwDp, hw, dp);
    out[k++] = fastFeature(kLHpDw, hp, dw);
    out[k++] = smallFeature(kLDistHpDp, dist * 4 + dir, hp, dp);
    out[k++] = fastFeature(kLDl1wHp, W(nd.l1), hp);
    out[k++] = smallFeature(kLDl1lDp, L(nd.l1), dp);
    out[k++] = smallFeature(kLDslDp, nd.leftLabels, dp);
    out[k++] = smallFeature(kLHslHpDir, nh.leftLabels, hp, dir);
    out[k++] = smallFeature(kLHsrHpDir, nh.rightLabels, hp, dir);
    out[k++] = smallFeature(kLHl1lDp, L(nh.l1), dp);
    out[k++] = smallFeature(kLDm1pDp, P(d - 1), dp);
    out[k++] = fastFeature(kLDwDir, dw, dir);
    out[k++] = fastFeature(kLDsufDp, s.suffixes[size_t(d)], dp);
    out[k++] = fastFeature(kLHsufHp, s.suffixes[size_t(h)], hp);
    return k;
}

// The values of a sentence that the features read, kept in three arrays.
struct ViewData
{
    std::vector<quint64> words;
    std::vector<quint64> tags;
    std::vector<quint64> suffixes;

    void fill(std::span<const WordInfo> infos, std::span<const Upos> tagsIn)
    {
        const size_t n = infos.size();
        words.resize(n + 1);
        tags.resize(n + 1);
        suffixes.resize(n + 1);
        for (size_t i = 0; i < n; ++i) {
            words[i] = infos[i].norm;
            tags[i] = quint64(tagsIn[i]) + 1;
            suffixes[i] = infos[i].suffix[2];
        }
        words[n] = suffixes[n] = kRootWord;
        tags[n] = kRootTag;
    }
    [[nodiscard]] SentenceView view() const { return { words, tags, suffixes }; }
};

// The scratch of one parse, kept per thread so that parsing allocates only when a sentence is the longest yet.
struct Scratch
{
    State state;
    ViewData data;
    std::vector<WordInfo> infos;
    std::vector<std::array<qint32, MoveCount>> stackScores; // per word: its stackFeatures() scores as s0
    std::vector<char> stackScored;
    std::vector<std::array<qint32, MoveCount>> wordScores; // per word and place: see parse()
    std::vector<Feature> batch;
    std::vector<quint32> rows;
};
thread_local Scratch t_scratch;

template<typename Scores> Move bestValid(const State &st, const Scores &scores)
{
    Move best = MoveCount;
    for (int m = 0; m < MoveCount; ++m) {
        if (st.valid(Move(m)) && (best == MoveCount || scores[size_t(m)] > scores[size_t(best)]))
            best = Move(m);
    }
    return best;
}

// The one valid move, or MoveCount when there are several.
Move onlyValid(const State &st)
{
    Move only = MoveCount;
    for (int m = 0; m < MoveCount; ++m) {
        if (st.valid(Move(m))) {
            if (only != MoveCount)
                return MoveCount;
            only = Move(m);
        }
    }
    return only;
}

} // namespace

DependencyParser::DependencyParser() = default;
DependencyParser::~DependencyParser() = default;
DependencyParser::DependencyParser(DependencyParser &&) noexcept = default;
DependencyParser &DependencyParser::operator=(DependencyParser &&) noexcept = default;

const DependencyParser &DependencyParser::shared()
{
    static const DependencyParser parser = [] {
        DependencyParser p;
        const QByteArray bytes = modelFile(QStringLiteral("parser.model"));
        QString error;
        if (!bytes.isEmpty() && !p.load(bytes, &error))
            qWarning("parser.model: %s", qPrintable(error));
        return p;
    }();
    return parser;
}

bool DependencyParser::load(QByteArrayView bytes, QString *error)
{
    *this = DependencyParser();
    const auto fail = [&](const char *why) {
        if (error)
            *error = QString::fromLatin1(why);
        *this = DependencyParser();
        return false;
    };
    QList<QByteArrayView> sections;
    if (!unpackSections(bytes, kMagic, kVersion, sections, error))
        return false;
    if (sections.size() != 3)
        return fail("a parser model has three sections");
    if (!m_transitions.load(sections[0], error) || !m_labels.load(sections[1], error)) {
        *this = DependencyParser();
        return false;
    }
    if (m_transitions.classCount() != MoveCount)
        return fail("the transition classifier does not have three classes");
    m_rootLabel = m_labels.classIndex(QStringLiteral("root"));
    if (m_rootLabel < 0 || m_labels.classCount() > kMaxLabels)
        return fail("bad relation labels");
    for (int c = 0; c < m_labels.classCount(); ++c) {
        if (c != m_rootLabel)
            m_allLabels.push_back(quint8(c));
    }
    const QByteArrayView sets = sections[2];
    if (!sets.isEmpty() && sets.size() != kLabelSetCount * 8)
        return fail("bad relation sets");
    m_candidateStart.assign(size_t(kLabelSetCount) + 1, 0);
    for (int i = 0; i < kLabelSetCount && !sets.isEmpty(); ++i) {
        const quint64 set = qFromLittleEndian<quint64>(sets.data() + size_t(i) * 8);
        for (int c = 0; c < 64; ++c) {
            if ((set >> c & 1) && c != m_rootLabel && c < m_labels.classCount())
                m_candidates.push_back(quint8(c));
        }
        m_candidateStart[size_t(i) + 1] = quint16(m_candidates.size());
    }
    if (sets.isEmpty())
        std::fill(m_candidateStart.begin(), m_candidateStart.end(), quint16(0));
    return true;
}

std::span<const quint8> DependencyParser::labelCandidates(int headTag, int dependentTag, bool left) const
{
    const size_t i = size_t(labelSetIndex(quint64(headTag), quint64(dependentTag), left));
    const size_t from = m_candidateStart[i], to = m_candidateStart[i + 1];
    if (from == to)
        return m_allLabels;
    return std::span<const quint8>(m_candidates.data() + from, to - from);
}

void DependencyParser::parse(std::span<const QStringView> words, std::span<const Upos> tags, std::span<int> heads,
    std::span<quint8> labels) const
{
    std::vector<WordInfo> &infos = t_scratch.infos;
    infos.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i)
        infos[i] = wordInfo(words[i]);
    parse(std::span<const WordInfo>(infos), tags, heads, labels);
}

void DependencyParser::parse(
    std::span<const WordInfo> words, std::span<const Upos> tags, std::span<int> heads, std::span<quint8> labels) const
{
    const int n = int(std::min({ words.size(), tags.size(), heads.size(), labels.size() }));
    if (n == 0)
        return;
    if (!isLoaded()) {
        for (int i = 0; i < n; ++i) {
            heads[size_t(i)] = i + 1 < n ? i + 1 : -1;
            labels[size_t(i)] = 0;
        }
        return;
    }
    Scratch &scratch = t_scratch;
    scratch.data.fill(words.first(size_t(n)), tags.first(size_t(n)));
    const SentenceView view = scratch.data.view();
    State &st = scratch.state;
    st.reset(n);

    // The parts of the features that read one word only, for every word in every place, in one batch (see
    // stackFeatures()): rows [0, n) word i as s0, [n, 2n] as s1 (2n: none), [2n + 1, 3n + 1] as s2 (3n + 1: none),
    // [3n + 2, 4n + 2] as b0 (the root too) while it has no dependents.
    const size_t rowS1 = size_t(n), rowS2 = size_t(2 * n + 1), rowB0 = size_t(3 * n + 2);
    std::vector<Feature> &batch = scratch.batch;
    std::vector<quint32> &rows = scratch.rows;
    batch.resize(size_t(n + 1) * (3 + 2 + 1 + kBufferFeatures) + 3);
    rows.resize(batch.size());
    size_t count = 0;
    const auto addRows = [&](int k, size_t row) {
        std::fill_n(rows.begin() + qsizetype(count), k, quint32(row));
        count += size_t(k);
    };
    const Node none;
    for (int i = 0; i < n; ++i) {
        addRows(s0Features(view, i, batch.data() + count), size_t(i));
        addRows(s1Features(view, i, batch.data() + count), rowS1 + size_t(i));
        addRows(s2Features(view, i, batch.data() + count), rowS2 + size_t(i));
    }
    addRows(s1Features(view, -1, batch.data() + count), rowS1 + size_t(n));
    addRows(s2Features(view, -1, batch.data() + count), rowS2 + size_t(n));
    for (int i = 0; i <= n; ++i)
        addRows(bufferFeatures(st, view, i, none, batch.data() + count), rowB0 + size_t(i));
    std::vector<std::array<qint32, MoveCount>> &wordScores = scratch.wordScores;
    wordScores.assign(rowB0 + size_t(n) + 1, std::array<qint32, MoveCount> {});
    m_transitions.addScoresToRows(std::span<const Feature>(batch.data(), count),
        std::span<const quint32>(rows.data(), count), wordScores.data()->data());

    std::array<Feature, kMaxTransitionFeatures> features;
    std::array<qint32, MoveCount> scores;
    std::vector<std::array<qint32, MoveCount>> &stackScores = scratch.stackScores;
    std::vector<char> &stackScored = scratch.stackScored;
    stackScores.resize(size_t(n));
    stackScored.assign(size_t(n), 0);
    std::array<qint32, MoveCount> bufferScores {};
    int bufferScored = -1;
    std::array<qint32, kMaxLabels + 1> labelScores;
    const std::span<qint32> labelSpan(labelScores.data(), size_t(m_labels.classCount()));
    while (!st.done()) {
        // With the stack empty, or only the root left in the buffer, one move is valid: no need to score them.
        Move move = onlyValid(st);
        if (move == MoveCount) {
            // Then the stack is not empty. Two of the three groups of features are scored once for each s0 and b0
            // and the dependents they have (see stackFeatures() and bufferFeatures()), not at each move.
            const int s0 = st.stack(0);
            std::array<qint32, MoveCount> &s0Scores = stackScores[size_t(s0)];
            if (!stackScored[size_t(s0)]) {
                const int s1 = st.stack(1), s2 = st.stack(2);
                const auto &a = wordScores[size_t(s0)];
                const auto &b = wordScores[rowS1 + size_t(s1 < 0 ? n : s1)];
                const auto &c = wordScores[rowS2 + size_t(s2 < 0 ? n : s2)];
                for (int m = 0; m < MoveCount; ++m)
                    s0Scores[size_t(m)] = a[size_t(m)] + b[size_t(m)] + c[size_t(m)];
                const int count = stackPairFeatures(st, view, features.data());
                m_transitions.addScores(std::span<const Feature>(features.data(), size_t(count)), s0Scores);
                stackScored[size_t(s0)] = 1;
            }
            if (bufferScored != st.b0()) {
                const int b0 = st.b0();
                if (st.node(b0).nl == 0) {
                    bufferScores = wordScores[rowB0 + size_t(b0)];
                } else {
                    const int count = bufferFeatures(st, view, features.data());
                    bufferScores.fill(0);
                    m_transitions.addScores(std::span<const Feature>(features.data(), size_t(count)), bufferScores);
                }
                bufferScored = b0;
            }
            const int count = pairFeatures(st, view, features.data());
            for (int m = 0; m < MoveCount; ++m)
                scores[size_t(m)] = s0Scores[size_t(m)] + bufferScores[size_t(m)];
            m_transitions.addScores(std::span<const Feature>(features.data(), size_t(count)), scores);
            move = bestValid(st, scores);
        }
        int label = -1;
        if (move != Shift) {
            const auto [h, d] = st.arc(move);
            if (h == n) {
                label = m_rootLabel;
            } else {
                // Only the relations the two tags took in training are scored, and chosen from.
                const std::span<const quint8> candidates
                    = labelCandidates(int(view.tags[size_t(h)]), int(view.tags[size_t(d)]), d < h);
                const int lc = labelFeatures(st, view, h, d, move, features.data());
                std::fill(labelSpan.begin(), labelSpan.end(), 0);
                m_labels.addScores(std::span<const Feature>(features.data(), size_t(lc)), labelSpan, candidates);
                label = candidates[0];
                for (const quint8 c : candidates) {
                    if (labelSpan[c] > labelSpan[size_t(label)])
                        label = c;
                }
            }
            // The head gained a dependent: its group's features change (b0's under Left; under Right s1's, which
            // becomes s0).
            if (move == Left)
                bufferScored = -1;
            else if (h < n)
                stackScored[size_t(h)] = 0;
        }
        st.apply(move, label);
    }
    for (int i = 0; i < n; ++i) {
        const Node &node = st.node(i);
        heads[size_t(i)] = node.head == n ? -1 : node.head;
        labels[size_t(i)] = quint8(node.label);
    }
}

namespace {

// A training sentence: its view's values and its gold tree, heads in the parser's coordinates (n: the root).
struct TrainSentence
{
    ViewData data;
    std::vector<int> heads;
    std::vector<int> labels;
};

// The transitions' costs in arcs of the gold tree they make unreachable (Goldberg and Nivre 2013, arc-hybrid).
int moveCost(const State &st, const TrainSentence &s, Move m)
{
    const int n = st.n(), b0 = st.b0(), s0 = st.stack(0), s1 = st.stack(1);
    const std::vector<int> &gold = s.heads;
    int cost = 0;
    switch (m) {
    case Shift:
        // b0 can no longer take a head from the stack below s0, nor dependents from the stack.
        for (size_t k = 0; k < st.stackSize(); ++k) {
            const int w = st.stack(k);
            cost += (k > 0 && gold[size_t(b0)] == w) + (gold[size_t(w)] == b0);
        }
        break;
    case Left:
    case Right: {
        // s0 leaves the stack: it loses every dependent still in the buffer, and every head but the one given.
        for (int j = b0; j < n; ++j)
            cost += gold[size_t(j)] == s0;
        const int g = gold[size_t(s0)];
        if (m == Left)
            cost += (s1 >= 0 && g == s1) || (g > b0);
        else
            cost += g >= b0;
        break;
    }
    case MoveCount:
        break;
    }
    return cost;
}

TrainSentence trainSentence(const UdSentence &u, int *lifts)
{
    TrainSentence t;
    const size_t n = size_t(u.words.size());
    std::vector<WordInfo> infos;
    infos.reserve(n);
    for (const QString &w : u.words)
        infos.push_back(wordInfo(w));
    t.data.fill(infos, u.tags);
    t.heads = u.heads;
    *lifts += projectivize(t.heads);
    for (int &h : t.heads) {
        if (h < 0)
            h = int(n);
    }
    t.labels = u.labels;
    return t;
}

} // namespace

AttachmentScores parseAccuracy(
    const DependencyParser &parser, const QList<UdSentence> &sentences, const QStringList &goldLabels)
{
    AttachmentScores a;
    const QStringList &names = parser.labelNames();
    // The parser's label index -> the gold list's, and each to its universal relation (before the colon).
    std::vector<int> toGold(size_t(names.size()), -1);
    for (qsizetype i = 0; i < names.size(); ++i)
        toGold[size_t(i)] = int(goldLabels.indexOf(names[i]));
    const auto universal = [](const QString &l) { return QStringView(l).left(l.indexOf(u':')); };
    std::vector<QStringView> words;
    std::vector<int> heads;
    std::vector<quint8> labels;
    for (const UdSentence &s : sentences) {
        words.assign(s.words.cbegin(), s.words.cend());
        heads.assign(words.size(), 0);
        labels.assign(words.size(), 0);
        parser.parse(words, s.tags, heads, labels);
        for (size_t i = 0; i < words.size(); ++i) {
            ++a.words;
            if (heads[i] != s.heads[i])
                continue;
            ++a.heads;
            const int gold = s.labels[i];
            const int guess = size_t(labels[i]) < toGold.size() ? toGold[labels[i]] : -1;
            if (gold >= 0 && guess == gold)
                ++a.labelled;
            if (gold >= 0 && labels[i] < names.size() && universal(names[labels[i]]) == universal(goldLabels[gold]))
                ++a.universal;
        }
    }
    return a;
}

namespace {

QList<Figure> parserFigures(const DependencyParser &parser, const UdData &data)
{
    QList<Figure> figures;
    const auto add = [&](const QString &part, const QList<UdSentence> &sentences) {
        const AttachmentScores a = parseAccuracy(parser, sentences, data.labels);
        const QString detail = QStringLiteral("%1 words, %2 sentences, punctuation included, predicted tags")
                                   .arg(QLocale(QLocale::English).toString(a.words))
                                   .arg(sentences.size());
        figures.append({ QStringLiteral("UAS, %1").arg(part), a.uas(), detail });
        figures.append({ QStringLiteral("LAS, %1").arg(part), a.las(), QStringLiteral("relations with subtypes") });
        figures.append(
            { QStringLiteral("LAS without subtypes (CoNLL 2018), %1").arg(part), a.universalLas(), QString() });
    };
    add(QStringLiteral("EWT test"), data.ewtTest);
    add(QStringLiteral("GUM test"), data.gumTest);
    return figures;
}

} // namespace

QList<Figure> evaluateParser(
    const DependencyParser &parser, const PosTagger &tagger, const QString &dataDir, QString *error)
{
    UdData data;
    if (!readUdData(dataDir, data, error, 0, UdParts::TestOnly, parser.labelNames()))
        return {};
    retag(tagger, data.ewtTest);
    retag(tagger, data.gumTest);
    return parserFigures(parser, data);
}

DependencyParserTrainer::DependencyParserTrainer(const QStringList &labels)
    : m_labels(labels)
    , m_transitions({ QStringLiteral("shift"), QStringLiteral("left"), QStringLiteral("right") })
    , m_labeller(labels)
{ }

DependencyParserTrainer::~DependencyParserTrainer() = default;

void DependencyParserTrainer::train(const QList<UdSentence> &train, const ParserTrainParams &params)
{
    const auto log = [&](const QString &line) {
        if (params.log)
            params.log(line);
    };
    QElapsedTimer timer;
    timer.start();
    int lifts = 0, nonProjective = 0;
    std::vector<TrainSentence> sentences;
    sentences.reserve(size_t(train.size()));
    for (const UdSentence &u : train) {
        const int before = lifts;
        sentences.push_back(trainSentence(u, &lifts));
        nonProjective += lifts > before;
    }
    log(QStringLiteral("parser: %1 sentences, %2 non-projective made projective by %3 lifts, %4 relations")
            .arg(sentences.size())
            .arg(nonProjective)
            .arg(lifts)
            .arg(m_labels.size()));

    // The relations each pair of tags took, in the trees the parser learns from (with the tags it learns from).
    m_labelSets.assign(size_t(kLabelSetCount), 0);
    for (const TrainSentence &s : sentences) {
        const SentenceView view = s.data.view();
        for (size_t d = 0; d < s.heads.size(); ++d) {
            const int h = s.heads[d];
            if (h < view.size() && s.labels[d] >= 0 && s.labels[d] < 64)
                m_labelSets[size_t(labelSetIndex(view.tags[size_t(h)], view.tags[d], int(d) < h))] |= 1ULL
                    << s.labels[d];
        }
    }

    const int epochs = params.epochs > 0 ? params.epochs : kDefaultParserEpochs;
    const int rootLabel = int(m_labels.indexOf(QStringLiteral("root")));
    Perceptron &transitions = m_transitions;
    Perceptron &labeller = m_labeller;
    SplitMix64 rng(params.seed);
    std::vector<int> order(sentences.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    State st;
    std::array<Feature, kMaxTransitionFeatures> features;
    std::array<Feature, kMaxLabelFeatures> labelFeats;
    std::array<float, MoveCount> scores;
    std::vector<float> labelScores(size_t(m_labels.size()));
    for (int epoch = 0; epoch < epochs; ++epoch) {
        shuffle(order, rng);
        qint64 words = 0, rightHeads = 0, rightLabels = 0;
        for (const int si : order) {
            const TrainSentence &s = sentences[size_t(si)];
            const SentenceView view = s.data.view();
            const int n = view.size();
            st.reset(n);
            while (!st.done()) {
                const int count = transitionFeatures(st, view, features.data());
                const std::span<const Feature> f(features.data(), size_t(count));
                transitions.score(f, scores);
                const Move guess = bestValid(st, scores);
                std::array<int, MoveCount> costs;
                int minCost = std::numeric_limits<int>::max();
                for (int m = 0; m < MoveCount; ++m) {
                    costs[size_t(m)] = st.valid(Move(m)) ? moveCost(st, s, Move(m)) : std::numeric_limits<int>::max();
                    minCost = std::min(minCost, costs[size_t(m)]);
                }
                Move best = MoveCount;
                for (int m = 0; m < MoveCount; ++m) {
                    if (costs[size_t(m)] == minCost && (best == MoveCount || scores[size_t(m)] > scores[size_t(best)]))
                        best = Move(m);
                }
                transitions.update(f, best, guess);
                const bool explore = epoch >= kExploreFromEpoch && rng.unit() < kExploreShare;
                const Move move = explore ? guess : best;
                int label = -1;
                if (move != Shift) {
                    const auto [h, d] = st.arc(move);
                    if (h == n) {
                        label = rootLabel;
                    } else {
                        const int lc = labelFeatures(st, view, h, d, move, labelFeats.data());
                        const std::span<const Feature> lf(labelFeats.data(), size_t(lc));
                        labeller.score(lf, labelScores);
                        labelScores[size_t(rootLabel)] = -std::numeric_limits<float>::infinity();
                        label = int(std::max_element(labelScores.begin(), labelScores.end()) - labelScores.begin());
                        if (s.heads[size_t(d)] == h)
                            labeller.update(lf, s.labels[size_t(d)], label);
                    }
                    ++words;
                    if (s.heads[size_t(d)] == h) {
                        ++rightHeads;
                        rightLabels += s.labels[size_t(d)] == label;
                    }
                }
                st.apply(move, label);
            }
        }
        log(QStringLiteral("parser epoch %1/%2: %3% heads and %4% labels right in training, %5 + %6 features, %7 s")
                .arg(epoch + 1)
                .arg(epochs)
                .arg(100.0 * double(rightHeads) / double(std::max<qint64>(words, 1)), 0, 'f', 2)
                .arg(100.0 * double(rightLabels) / double(std::max<qint64>(words, 1)), 0, 'f', 2)
                .arg(transitions.featureCount())
                .arg(labeller.featureCount())
                .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
        if (params.afterEpoch)
            params.afterEpoch(epoch + 1);
    }
}

QByteArray DependencyParserTrainer::save(const QByteArray &meta, float transitionMinWeight, float labelMinWeight) const
{
    QByteArray sets;
    if (m_labels.size() <= 64) {
        for (const quint64 set : m_labelSets) {
            const quint64 v = qToLittleEndian(set);
            sets.append(reinterpret_cast<const char *>(&v), sizeof v);
        }
    }
    return packSections(kMagic, kVersion,
        { m_transitions.save(meta, transitionMinWeight < 0 ? kTransitionMinWeight : transitionMinWeight),
            m_labeller.save({}, labelMinWeight < 0 ? kLabelMinWeight : labelMinWeight), sets });
}

TrainResult trainParser(const TrainOptions &options)
{
    TrainResult result;
    const auto log = [&](const QString &line) {
        if (options.log)
            options.log(line);
    };
    UdData data;
    if (!readUdData(options.dataDir, data, &result.error, options.maxSentences))
        return result;
    if (data.labels.size() > kMaxLabels || !data.labels.contains(QStringLiteral("root"))) {
        result.error = QStringLiteral("the training part's relations are not UD's");
        return result;
    }
    QList<UdSentence> train = data.train;
    PosTrainParams tagging;
    tagging.seed = options.seed;
    tagging.log = options.log;
    if (!jackknifeTags(train, kFolds, tagging, &result.error))
        return result;
    ParserTrainParams params;
    params.epochs = options.epochs;
    params.seed = options.seed;
    params.log = options.log;
    DependencyParserTrainer trainer(data.labels);
    trainer.train(train, params);
    const QByteArray meta = QStringLiteral("dependency parser, arc-hybrid, greedy averaged perceptrons with a dynamic "
                                           "oracle; trained on UD English EWT train + GUM train (CC BY genres), %1 "
                                           "sentences with jackknifed (%2-fold) predicted tags, non-projective trees "
                                           "lifted; %3 epochs; seed %4")
                                .arg(train.size())
                                .arg(kFolds)
                                .arg(options.epochs > 0 ? options.epochs : kDefaultParserEpochs)
                                .arg(options.seed)
                                .toUtf8();
    result.model = trainer.save(meta);
    DependencyParser parser;
    if (!parser.load(result.model, &result.error)) {
        result.model.clear();
        return result;
    }

    // Measured with the shipped tagger when there is one (as the parser runs), else with one trained here.
    PosTagger trained;
    const PosTagger *tagger = &PosTagger::shared();
    if (!tagger->isLoaded()) {
        log(QStringLiteral("parser: no shipped tagger; training one to measure with"));
        if (!trained.load(trainPosModel(data.train, tagging), &result.error))
            return result;
        tagger = &trained;
    }
    retag(*tagger, data.ewtDev);
    const AttachmentScores dev = parseAccuracy(parser, data.ewtDev, data.labels);
    log(QStringLiteral("parser: EWT dev UAS %1%, LAS %2%")
            .arg(100.0 * dev.uas(), 0, 'f', 2)
            .arg(100.0 * dev.las(), 0, 'f', 2));
    retag(*tagger, data.ewtTest);
    retag(*tagger, data.gumTest);
    result.figures = parserFigures(parser, data);
    return result;
}

} // namespace entente::learn
