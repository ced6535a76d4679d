#include "wordclusters.h"

#include "corpora.h"
#include "modelfiles.h"
#include "perceptron.h"
#include "training.h"
#include "wordfeatures.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QSet>
#include <QStringDecoder>
#include <QVarLengthArray>
#include <QtEndian>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace entente::learn {

namespace {

// clusters.bin: magic, version, the key's kind, C, the word count, the trainer's metadata, then the C paths
// (bits, then lengths), the words' keys in ascending order with their clusters, and a checksum of all that.
// Little-endian throughout.
constexpr quint32 kMagic = 0x554c4345; // "ECLU"
constexpr quint32 kVersion = 1;
constexpr quint32 kKeyNorm = 1; // the words' keys are WordInfo::norm
constexpr int kMaxPathLength = 32;
// Lookups first narrow to the keys sharing their top bits; the keys are hashes, so the runs are even.
constexpr int kBucketBits = 12;

quint64 checksum(QByteArrayView bytes)
{
    quint64 h = 0x636c757374657273ULL;
    qsizetype i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        quint64 w;
        std::memcpy(&w, bytes.data() + i, 8);
        h = mix64(h ^ qFromLittleEndian(w));
    }
    quint64 tail = 0;
    for (qsizetype k = 0; i + k < bytes.size(); ++k)
        tail |= quint64(quint8(bytes[i + k])) << (8 * k);
    return mix64(h ^ tail ^ quint64(bytes.size()));
}

class Writer
{
public:
    template<typename T> void put(T v)
    {
        v = qToLittleEndian(v);
        m_bytes.append(reinterpret_cast<const char *>(&v), sizeof v);
    }
    void putBytes(const QByteArray &b)
    {
        put(quint32(b.size()));
        m_bytes.append(b);
    }
    QByteArray &bytes() { return m_bytes; }

private:
    QByteArray m_bytes;
};

class Reader
{
public:
    explicit Reader(QByteArrayView b)
        : m_bytes(b)
    { }
    template<typename T> bool get(T &v)
    {
        if (m_pos + qsizetype(sizeof v) > m_bytes.size())
            return false;
        std::memcpy(&v, m_bytes.data() + m_pos, sizeof v);
        v = qFromLittleEndian(v);
        m_pos += qsizetype(sizeof v);
        return true;
    }
    bool getBytes(QByteArray &out)
    {
        quint32 n = 0;
        if (!get(n) || m_pos + qsizetype(n) > m_bytes.size())
            return false;
        out = m_bytes.sliced(m_pos, qsizetype(n)).toByteArray();
        m_pos += qsizetype(n);
        return true;
    }
    [[nodiscard]] qsizetype remaining() const { return m_bytes.size() - m_pos; }

private:
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
};

// --- Tokenisation ---------------------------------------------------------------------------------------

// White space, and the invisible characters that some speeches carry between words: a byte order mark
// (U+FEFF) in the middle of a stream, zero-width spaces and joiners.
bool isSeparator(QChar c)
{
    const char16_t u = c.unicode();
    return c.isSpace() || u == 0xfeff || (u >= 0x200b && u <= 0x200d);
}

bool isApostrophe(QChar c)
{
    return c == u'\'' || c == QChar(0x2019) || c == QChar(0x2018);
}

bool isDash(QChar c)
{
    const char16_t u = c.unicode();
    return u == u'-' || (u >= 0x2010 && u <= 0x2015);
}

bool isOpening(QChar c)
{
    switch (c.unicode()) {
    case u'(':
    case u'[':
    case u'{':
    case u'"':
    case u'`':
    case 0x201c: // “
    case 0x2018: // ‘
    case 0x00ab: // «
    case 0x00bf: // ¿
    case 0x00a1: // ¡
    case u'\'':
        return true;
    default:
        return false;
    }
}

bool isClosing(QChar c)
{
    switch (c.unicode()) {
    case u')':
    case u']':
    case u'}':
    case u'"':
    case 0x201d: // ”
    case 0x2019: // ’
    case 0x00bb: // »
    case u'\'':
    case u',':
    case u';':
    case u':':
    case u'!':
    case u'?':
    case 0x2026: // …
        return true;
    default:
        return false;
    }
}

// Punctuation that stands apart inside a word too ("peace,security"), except the separators of numbers.
bool splitsInside(QStringView s, qsizetype i)
{
    const QChar c = s[i];
    switch (c.unicode()) {
    case u',':
    case u':':
        return !(i > 0 && i + 1 < s.size() && s[i - 1].isDigit() && s[i + 1].isDigit());
    case u';':
    case u'!':
    case u'?':
    case u'(':
    case u')':
    case u'[':
    case u']':
    case u'"':
    case 0x201c:
    case 0x201d:
    case 0x2026:
        return true;
    default:
        return false;
    }
}

// A period that belongs to its word: "U.S.", "e.g.", initials ("J."), and the short titles written without a
// vowel ("Mr.", "Mrs.", "Dr.", "St.", "Jr.").
bool keepsPeriod(QStringView core)
{
    if (core.isEmpty())
        return false;
    if (core.size() == 1)
        return core[0].isLetter();
    bool letters = true, vowel = false;
    for (const QChar c : core) {
        letters &= c.isLetter();
        vowel |= QStringView(u"aeiouyAEIOUY").contains(c);
    }
    if (core.contains(u'.') && core[0].isLetter())
        return true;
    return letters && core[0].isUpper() && core[1].isLower() && core.size() <= 3 && !vowel;
}

// The clitic that ends a word, as UD splits it: n't, 's, 're, 've, 'll, 'd, 'm; its length, or 0.
qsizetype cliticLength(QStringView w)
{
    const qsizetype n = w.size();
    const auto lower = [&](qsizetype i) { return w[i].toLower(); };
    if (n >= 3 && isApostrophe(w[n - 2]) && lower(n - 1) == u't' && lower(n - 3) == u'n')
        return 3;
    if (n >= 2 && isApostrophe(w[n - 2])) {
        const QChar c = lower(n - 1);
        if (c == u's' || c == u'd' || c == u'm')
            return 2;
    }
    if (n >= 3 && isApostrophe(w[n - 3])) {
        const QChar c = lower(n - 2), d = lower(n - 1);
        if ((c == u'r' && d == u'e') || (c == u'v' && d == u'e') || (c == u'l' && d == u'l'))
            return 3;
    }
    return 0;
}

void splitInside(QStringView w, QList<QStringView> &out)
{
    qsizetype start = 0;
    qsizetype i = 0;
    while (i < w.size()) {
        qsizetype run = 0;
        if (isDash(w[i])) {
            while (i + run < w.size() && isDash(w[i + run]))
                ++run;
        } else if (splitsInside(w, i)) {
            run = 1;
        }
        if (run == 0) {
            ++i;
            continue;
        }
        if (i > start)
            out.append(w.sliced(start, i - start));
        out.append(w.sliced(i, run));
        i += run;
        start = i;
    }
    if (start < w.size())
        out.append(w.sliced(start));
}

void tokenizeChunk(QStringView chunk, QList<QStringView> &out)
{
    qsizetype b = 0, e = chunk.size();
    while (e - b > 1 && isOpening(chunk[b])) {
        // A clitic written apart ("'s") is a word of its own.
        if (isApostrophe(chunk[b]) && cliticLength(chunk.sliced(b, e - b)) == e - b)
            break;
        out.append(chunk.sliced(b, 1));
        ++b;
    }
    QVarLengthArray<QStringView, 4> tail;
    while (e - b > 1) {
        const QChar c = chunk[e - 1];
        if (c == u'.') {
            qsizetype dots = 1;
            while (e - dots > b && chunk[e - dots - 1] == u'.')
                ++dots;
            if (dots >= 2) {
                tail.append(chunk.sliced(e - dots, dots));
                e -= dots;
                continue;
            }
            if (keepsPeriod(chunk.sliced(b, e - 1 - b)))
                break;
            tail.append(chunk.sliced(e - 1, 1));
            --e;
            continue;
        }
        if (isClosing(c) && !(isApostrophe(c) && cliticLength(chunk.sliced(b, e - b)) == e - b)) {
            tail.append(chunk.sliced(e - 1, 1));
            --e;
            continue;
        }
        break;
    }
    QStringView core = chunk.sliced(b, e - b);
    QStringView clitic;
    if (core.compare(u"cannot", Qt::CaseInsensitive) == 0) {
        clitic = core.sliced(3);
        core = core.first(3);
    } else if (const qsizetype k = cliticLength(core); k > 0 && k < core.size()) {
        clitic = core.sliced(core.size() - k);
        core = core.first(core.size() - k);
    }
    if (!core.isEmpty())
        splitInside(core, out);
    if (!clitic.isEmpty())
        out.append(clitic);
    for (qsizetype i = tail.size() - 1; i >= 0; --i)
        out.append(tail[i]);
}

// The form a word is known by in the clusters' reports: WordInfo::norm's string (lower case, ’ as ', digits as 0).
QString normalForm(QStringView token)
{
    QString s;
    s.reserve(token.size());
    for (const QChar c : token) {
        if (c.isDigit())
            s.append(u'0');
        else if (c == QChar(0x2019) || c == QChar(0x2018) || c == QChar(0x02bc))
            s.append(u'\'');
        else
            s.append(c.toLower());
    }
    return s;
}

// --- Brown clustering ----------------------------------------------------------------------------------

// The neighbours of each word and how often they are its neighbours, as compressed sparse rows.
struct Adjacency
{
    std::vector<quint32> start; // word -> first entry; one more than the words
    std::vector<qint32> word;
    std::vector<quint32> count;
};

// n ln n of the small counts that make up most of the cluster-pair table, read instead of computed.
constexpr quint32 kTableSize = 1u << 16;

const std::vector<double> &nLogNTable()
{
    static const std::vector<double> table = [] {
        std::vector<double> t(kTableSize);
        for (quint32 n = 1; n < kTableSize; ++n)
            t[n] = double(n) * std::log(double(n));
        return t;
    }();
    return table;
}

// Liang's algorithm (brown-cluster's wcluster.cc) with the same losses, in counts rather than probabilities:
// the term of a cluster pair (s, t) seen n times is q = n ln n - n (ln m_s + ln m_t), m the clusters' word
// counts; the mutual information is (sum of q) / N plus a constant that no merge changes. A slot holds a
// cluster; slot count C + 1, one free for the next word. L[s][t] (s < t) is the loss of merging s and t.
//
// Two changes to how the losses are kept make it fast where words are rare, without changing the result:
// a merge changes L[s][t] only when s or t is a neighbour of the smaller-neighbourhood cluster of the two
// merged (the terms of the other cluster only see its count grow, which cancels out between the old and the
// merged pairs), and the losses of a new word's cluster are derived from its few neighbours alone.
class Brown
{
public:
    Brown(int clusters, const std::vector<double> &mass, const Adjacency &right, const Adjacency &left)
        : m_words(int(mass.size()))
        , m_clusters(std::min(clusters, int(mass.size())))
        , m_S(m_clusters + 1)
        , m_mass(mass)
        , m_right(right)
        , m_left(left)
        , m_table(nLogNTable().data())
    { }

    bool run(int checkEvery, const std::function<void(const QString &)> &log, QString *error);

    std::vector<int> wordCluster; // by word rank: the leaf index, 0 ... C - 1 from left to right
    std::vector<WordClusters::Path> paths; // by leaf index
    int maxDepth = 0;
    double mutualInformation = 0.0; // bits

private:
    [[nodiscard]] double nLogN(quint64 n) const
    {
        return n < kTableSize ? m_table[n] : double(n) * std::log(double(n));
    }
    [[nodiscard]] double q(quint64 n, double logs) const { return nLogN(n) - double(n) * logs; }
    [[nodiscard]] size_t at(int s, int t) const { return size_t(s) * size_t(m_S) + size_t(t); }
    double &loss(int s, int t) { return s < t ? m_L[at(s, t)] : m_L[at(t, s)]; }

    void place(int word, int slot);
    void setSlotLogs(int s);
    void addWord(int word, int slot);
    [[nodiscard]] double freshLoss(int s, int t) const;
    [[nodiscard]] std::pair<int, int> best() const;
    int merge(int s, int t);
    bool check(QString *error) const;
    [[nodiscard]] double totalTerms(int s, int t) const;
    void refreshActive();

    const int m_words;
    const int m_clusters;
    const int m_S;
    const std::vector<double> &m_mass; // by word rank
    const Adjacency &m_right;
    const Adjacency &m_left;
    const double *m_table;

    std::vector<quint32> m_N; // m_N[at(s, t)]: how often a word of s precedes a word of t
    std::vector<quint32> m_NT; // its transpose, for reading columns as rows
    std::vector<double> m_Q; // the pairs' terms
    std::vector<double> m_L; // the losses, s < t
    std::vector<double> m_LM; // ln(m_s + m_t)
    std::vector<double> m_m, m_lm; // a slot's word count and its log (0 when free)
    std::vector<double> m_A; // sum over u of Q[s][u] + Q[u][s]
    std::vector<quint64> m_T; // sum over u of N[s][u] + N[u][s]
    std::vector<char> m_active;
    std::vector<int> m_activeList;
    std::vector<std::vector<int>> m_members;
    std::vector<int> m_slotOfWord;
    // Scratch space of a merge or a new word.
    std::vector<quint32> m_cA, m_rA, m_cB, m_rB;
    std::vector<double> m_qOld, m_qNew;
    std::vector<char> m_isNeighbour;
    std::vector<int> m_neighbours;
};

void Brown::refreshActive()
{
    m_activeList.clear();
    for (int s = 0; s < m_S; ++s) {
        if (m_active[size_t(s)])
            m_activeList.push_back(s);
    }
}

void Brown::place(int word, int slot)
{
    m_active[size_t(slot)] = 1;
    m_m[size_t(slot)] = m_mass[size_t(word)];
    m_lm[size_t(slot)] = std::log(m_mass[size_t(word)]);
    m_members[size_t(slot)] = { word };
    m_slotOfWord[size_t(word)] = slot;
}

void Brown::setSlotLogs(int s)
{
    for (const int u : m_activeList) {
        const double l = std::log(m_m[size_t(s)] + m_m[size_t(u)]);
        m_LM[at(s, u)] = l;
        m_LM[at(u, s)] = l;
        m_Q[at(s, u)] = q(m_N[at(s, u)], m_lm[size_t(s)] + m_lm[size_t(u)]);
        m_Q[at(u, s)] = q(m_N[at(u, s)], m_lm[size_t(s)] + m_lm[size_t(u)]);
    }
}

double Brown::freshLoss(int s, int t) const
{
    const double lst = m_LM[at(s, t)];
    const double lost = m_A[size_t(s)] + m_A[size_t(t)] - m_Q[at(s, s)] - m_Q[at(t, t)] - m_Q[at(s, t)] - m_Q[at(t, s)];
    const quint32 *ns = &m_N[at(s, 0)], *nt = &m_N[at(t, 0)];
    const quint32 *cs = &m_NT[at(s, 0)], *ct = &m_NT[at(t, 0)];
    const double *lm = m_lm.data();
    double gained = 0.0;
    for (int u = 0; u < m_S; ++u) {
        const double l = lst + lm[u];
        gained += q(quint64(ns[u]) + nt[u], l) + q(quint64(cs[u]) + ct[u], l);
    }
    for (const int u : { s, t }) {
        const double l = lst + lm[u];
        gained -= q(quint64(ns[u]) + nt[u], l) + q(quint64(cs[u]) + ct[u], l);
    }
    gained += q(quint64(ns[s]) + ns[t] + nt[s] + nt[t], 2.0 * lst);
    return lost - gained;
}

void Brown::addWord(int word, int f)
{
    place(word, f);
    refreshActive();
    for (quint32 k = m_right.start[size_t(word)]; k < m_right.start[size_t(word) + 1]; ++k) {
        const int v = m_slotOfWord[size_t(m_right.word[k])];
        if (v >= 0) {
            m_N[at(f, v)] += m_right.count[k];
            m_NT[at(v, f)] += m_right.count[k];
        }
    }
    for (quint32 k = m_left.start[size_t(word)]; k < m_left.start[size_t(word) + 1]; ++k) {
        if (m_left.word[k] == word)
            continue; // counted among the right neighbours
        const int u = m_slotOfWord[size_t(m_left.word[k])];
        if (u >= 0) {
            m_N[at(u, f)] += m_left.count[k];
            m_NT[at(f, u)] += m_left.count[k];
        }
    }
    setSlotLogs(f);
    m_neighbours.clear();
    std::fill(m_isNeighbour.begin(), m_isNeighbour.end(), 0);
    double af = 0.0;
    quint64 tf = 0;
    for (const int s : m_activeList) {
        af += m_Q[at(f, s)] + m_Q[at(s, f)];
        tf += quint64(m_N[at(f, s)]) + m_N[at(s, f)];
        if (s != f && (m_N[at(f, s)] || m_N[at(s, f)])) {
            m_neighbours.push_back(s);
            m_isNeighbour[size_t(s)] = 1;
            m_A[size_t(s)] += m_Q[at(f, s)] + m_Q[at(s, f)];
            m_T[size_t(s)] += quint64(m_N[at(f, s)]) + m_N[at(s, f)];
        }
    }
    m_A[size_t(f)] = af;
    m_T[size_t(f)] = tf;

    // The pairs without f gain f as a neighbour: only those with a neighbour of f see it.
    const double lmf = m_lm[size_t(f)];
    for (const int s : m_neighbours) {
        const double qs = m_Q[at(s, f)] + m_Q[at(f, s)];
        for (const int t : m_activeList) {
            if (t == f || t == s || (m_isNeighbour[size_t(t)] && t < s))
                continue;
            const double l = m_LM[at(s, t)] + lmf;
            loss(s, t) += qs + m_Q[at(t, f)] + m_Q[at(f, t)] - q(quint64(m_N[at(s, f)]) + m_N[at(t, f)], l)
                - q(quint64(m_N[at(f, s)]) + m_N[at(f, t)], l);
        }
    }

    // The losses of merging f with s, from f's neighbours: for the others u, merging only raises the count
    // of s, which turns Q[s][u] into Q[s][u] - N[s][u] * d.
    const double rf = m_A[size_t(f)] - m_Q[at(f, f)];
    for (const int s : m_activeList) {
        if (s == f)
            continue;
        const double lsf = m_LM[at(s, f)];
        const double d = lsf - m_lm[size_t(s)];
        const double sumQ = m_A[size_t(s)] - 2.0 * m_Q[at(s, s)] - m_Q[at(s, f)] - m_Q[at(f, s)];
        const double sumN = double(m_T[size_t(s)] - 2 * quint64(m_N[at(s, s)]) - m_N[at(s, f)] - m_N[at(f, s)]);
        double gained = sumQ - d * sumN;
        for (const int u : m_neighbours) {
            if (u == s)
                continue;
            const double l = lsf + m_lm[size_t(u)];
            const quint32 su = m_N[at(s, u)], us = m_NT[at(s, u)];
            gained += q(quint64(su) + m_N[at(f, u)], l) + q(quint64(us) + m_NT[at(f, u)], l) - m_Q[at(s, u)]
                - m_Q[at(u, s)] + d * (double(su) + double(us));
        }
        gained += q(quint64(m_N[at(s, s)]) + m_N[at(s, f)] + m_N[at(f, s)] + m_N[at(f, f)], 2.0 * lsf);
        loss(s, f) = (m_A[size_t(s)] - m_Q[at(s, s)]) + rf - m_Q[at(s, f)] - m_Q[at(f, s)] - gained;
    }
}

std::pair<int, int> Brown::best() const
{
    double lowest = std::numeric_limits<double>::infinity();
    std::pair<int, int> pair { -1, -1 };
    for (size_t i = 0; i < m_activeList.size(); ++i) {
        const int s = m_activeList[i];
        const double *row = &m_L[at(s, 0)];
        for (size_t j = i + 1; j < m_activeList.size(); ++j) {
            const int t = m_activeList[j];
            if (row[t] < lowest) {
                lowest = row[t];
                pair = { s, t };
            }
        }
    }
    return pair;
}

int Brown::merge(int s, int t)
{
    // The bigger cluster keeps its slot, so that each word changes slot O(log V) times.
    const int a = m_members[size_t(s)].size() >= m_members[size_t(t)].size() ? s : t;
    const int b = a == s ? t : s;
    for (int u = 0; u < m_S; ++u) {
        m_cA[size_t(u)] = m_NT[at(a, u)];
        m_rA[size_t(u)] = m_N[at(a, u)];
        m_cB[size_t(u)] = m_NT[at(b, u)];
        m_rB[size_t(u)] = m_N[at(b, u)];
    }
    const double lmA = m_lm[size_t(a)], lmB = m_lm[size_t(b)];
    int degreeA = 0, degreeB = 0;
    for (const int u : m_activeList) {
        if (u == a || u == b)
            continue;
        m_qOld[size_t(u)] = m_Q[at(u, a)] + m_Q[at(a, u)] + m_Q[at(u, b)] + m_Q[at(b, u)];
        degreeA += (m_cA[size_t(u)] || m_rA[size_t(u)]);
        degreeB += (m_cB[size_t(u)] || m_rB[size_t(u)]);
    }
    // The pairs to update: those with a neighbour of the cluster with fewer neighbours.
    const std::vector<quint32> &cSmall = degreeB <= degreeA ? m_cB : m_cA;
    const std::vector<quint32> &rSmall = degreeB <= degreeA ? m_rB : m_rA;
    m_neighbours.clear();
    std::fill(m_isNeighbour.begin(), m_isNeighbour.end(), 0);
    for (const int u : m_activeList) {
        if (u != a && u != b && (cSmall[size_t(u)] || rSmall[size_t(u)])) {
            m_neighbours.push_back(u);
            m_isNeighbour[size_t(u)] = 1;
        }
    }

    const quint32 self = m_N[at(a, a)] + m_N[at(a, b)] + m_N[at(b, a)] + m_N[at(b, b)];
    for (int u = 0; u < m_S; ++u) {
        m_N[at(a, u)] += m_N[at(b, u)];
        m_NT[at(u, a)] = m_N[at(a, u)];
        m_NT[at(a, u)] += m_NT[at(b, u)];
        m_N[at(u, a)] = m_NT[at(a, u)];
    }
    m_N[at(a, a)] = m_NT[at(a, a)] = self;
    for (int u = 0; u < m_S; ++u) {
        m_N[at(b, u)] = m_N[at(u, b)] = m_NT[at(b, u)] = m_NT[at(u, b)] = 0;
        m_Q[at(b, u)] = m_Q[at(u, b)] = 0.0;
    }
    m_active[size_t(b)] = 0;
    refreshActive();
    m_m[size_t(a)] += m_m[size_t(b)];
    m_m[size_t(b)] = 0.0;
    m_lm[size_t(a)] = std::log(m_m[size_t(a)]);
    m_lm[size_t(b)] = 0.0;
    setSlotLogs(a);
    const double lmX = m_lm[size_t(a)];

    double ax = 0.0;
    for (const int u : m_activeList) {
        ax += m_Q[at(a, u)] + m_Q[at(u, a)];
        if (u != a) {
            m_qNew[size_t(u)] = m_Q[at(u, a)] + m_Q[at(a, u)];
            m_A[size_t(u)] += m_qNew[size_t(u)] - m_qOld[size_t(u)];
        }
    }
    m_A[size_t(a)] = ax;
    m_T[size_t(a)] += m_T[size_t(b)];
    m_A[size_t(b)] = 0.0;
    m_T[size_t(b)] = 0;

    // L[s][t] loses the terms of s and t with a and b, and gains them with the merged cluster.
    const auto delta = [&](size_t s, size_t t) {
        const double lst = m_LM[at(int(s), int(t))];
        const quint64 cA = quint64(m_cA[s]) + m_cA[t], rA = quint64(m_rA[s]) + m_rA[t];
        const quint64 cB = quint64(m_cB[s]) + m_cB[t], rB = quint64(m_rB[s]) + m_rB[t];
        const double before = q(cA, lst + lmA) + q(rA, lst + lmA) + q(cB, lst + lmB) + q(rB, lst + lmB);
        const double after = q(cA + cB, lst + lmX) + q(rA + rB, lst + lmX);
        return m_qNew[s] + m_qNew[t] - m_qOld[s] - m_qOld[t] + before - after;
    };
    for (const int s : m_neighbours) {
        for (const int t : m_activeList) {
            if (t == a || t == s || (m_isNeighbour[size_t(t)] && t < s))
                continue;
            loss(s, t) += delta(size_t(s), size_t(t));
        }
    }
    for (const int u : m_activeList) {
        if (u != a)
            loss(a, u) = freshLoss(a, u);
    }
    for (const int w : m_members[size_t(b)])
        m_slotOfWord[size_t(w)] = a;
    m_members[size_t(a)].insert(m_members[size_t(a)].end(), m_members[size_t(b)].begin(), m_members[size_t(b)].end());
    m_members[size_t(b)].clear();
    return b;
}

double Brown::totalTerms(int s, int t) const
{
    // The clusters with t's words counted as s's.
    const auto merged = [&](int u) { return u == t ? s : u; };
    std::vector<double> mass(size_t(m_S), 0.0);
    std::vector<quint64> n(size_t(m_S) * size_t(m_S), 0);
    for (const int u : m_activeList) {
        mass[size_t(merged(u))] += m_m[size_t(u)];
        for (const int v : m_activeList)
            n[at(merged(u), merged(v))] += m_N[at(u, v)];
    }
    double sum = 0.0;
    for (int u = 0; u < m_S; ++u) {
        for (int v = 0; v < m_S; ++v) {
            if (n[at(u, v)])
                sum += q(n[at(u, v)], std::log(mass[size_t(u)]) + std::log(mass[size_t(v)]));
        }
    }
    return sum;
}

bool Brown::check(QString *error) const
{
    for (const int s : m_activeList) {
        double a = 0.0;
        for (const int u : m_activeList) {
            const double l = m_lm[size_t(s)] + m_lm[size_t(u)];
            if (std::abs(m_Q[at(s, u)] - q(m_N[at(s, u)], l)) > 1e-9 * (1.0 + std::abs(m_Q[at(s, u)]))
                || m_N[at(s, u)] != m_NT[at(u, s)]) {
                *error = QStringLiteral("pair term (%1, %2) is off").arg(s).arg(u);
                return false;
            }
            a += m_Q[at(s, u)] + m_Q[at(u, s)];
        }
        if (std::abs(a - m_A[size_t(s)]) > 1e-7 * (1.0 + std::abs(a))) {
            *error = QStringLiteral("row sum of %1 is off: %2, not %3").arg(s).arg(m_A[size_t(s)]).arg(a);
            return false;
        }
    }
    for (size_t i = 0; i < m_activeList.size(); ++i) {
        for (size_t j = i + 1; j < m_activeList.size(); ++j) {
            const int s = m_activeList[i], t = m_activeList[j];
            const double fresh = freshLoss(s, t);
            const double kept = m_L[at(s, t)];
            const double scale = 1.0 + std::abs(m_A[size_t(s)]) + std::abs(m_A[size_t(t)]);
            if (std::abs(fresh - kept) > 1e-8 * scale) {
                *error = QStringLiteral("loss of (%1, %2) is %3, not %4").arg(s).arg(t).arg(kept).arg(fresh);
                return false;
            }
            // Few clusters: the loss also from its definition, the sum of the terms before and after the merge.
            if (m_activeList.size() <= 16) {
                const double direct = totalTerms(-1, -1) - totalTerms(s, t);
                if (std::abs(direct - kept) > 1e-8 * scale) {
                    *error = QStringLiteral("loss of (%1, %2) is %3, by definition %4")
                                 .arg(s)
                                 .arg(t)
                                 .arg(kept)
                                 .arg(direct);
                    return false;
                }
            }
        }
    }
    return true;
}

bool Brown::run(int checkEvery, const std::function<void(const QString &)> &log, QString *error)
{
    const size_t S = size_t(m_S);
    m_N.assign(S * S, 0);
    m_NT.assign(S * S, 0);
    m_Q.assign(S * S, 0.0);
    m_L.assign(S * S, 0.0);
    m_LM.assign(S * S, 0.0);
    m_m.assign(S, 0.0);
    m_lm.assign(S, 0.0);
    m_A.assign(S, 0.0);
    m_T.assign(S, 0);
    m_active.assign(S, 0);
    m_members.assign(S, {});
    m_slotOfWord.assign(size_t(m_words), -1);
    for (auto *v : { &m_cA, &m_rA, &m_cB, &m_rB })
        v->assign(S, 0);
    m_qOld.assign(S, 0.0);
    m_qNew.assign(S, 0.0);
    m_isNeighbour.assign(S, 0);

    for (int w = 0; w < m_clusters; ++w)
        place(w, w);
    refreshActive();
    for (int w = 0; w < m_clusters; ++w) {
        for (quint32 k = m_right.start[size_t(w)]; k < m_right.start[size_t(w) + 1]; ++k) {
            const int v = m_right.word[k];
            if (v < m_clusters) {
                m_N[at(w, v)] += m_right.count[k];
                m_NT[at(v, w)] += m_right.count[k];
            }
        }
    }
    for (const int s : m_activeList)
        setSlotLogs(s);
    for (const int s : m_activeList) {
        for (const int u : m_activeList) {
            m_A[size_t(s)] += m_Q[at(s, u)] + m_Q[at(u, s)];
            m_T[size_t(s)] += quint64(m_N[at(s, u)]) + m_N[at(u, s)];
        }
    }
    for (const int s : m_activeList) {
        for (const int t : m_activeList) {
            if (s < t)
                m_L[at(s, t)] = freshLoss(s, t);
        }
    }

    QElapsedTimer timer;
    timer.start();
    int freeSlot = m_clusters;
    for (int w = m_clusters; w < m_words; ++w) {
        addWord(w, freeSlot);
        if (checkEvery > 0 && (w - m_clusters) % checkEvery == 0 && !check(error))
            return false;
        const auto [s, t] = best();
        freeSlot = merge(s, t);
        if (log && (w + 1) % 5000 == 0)
            log(QStringLiteral("  %1 of %2 words clustered, %3 s")
                    .arg(w + 1)
                    .arg(m_words)
                    .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    }

    // The mutual information of the C clusters between neighbouring words, in bits.
    double sumQ = 0.0, bigrams = 0.0, total = 0.0;
    for (const int s : m_activeList) {
        total += m_m[size_t(s)];
        for (const int t : m_activeList) {
            sumQ += m_Q[at(s, t)];
            bigrams += m_N[at(s, t)];
        }
    }
    if (bigrams > 0)
        mutualInformation = (sumQ / bigrams - std::log(bigrams) + 2.0 * std::log(total)) / std::log(2.0);

    // The tree over the C clusters: leaves first, then each merge's node.
    std::vector<int> nodeOf(S, -1);
    int nodes = 0;
    for (const int s : m_activeList)
        nodeOf[size_t(s)] = nodes++;
    const int leaves = nodes;
    std::vector<int> leafOfWord(static_cast<size_t>(m_words));
    for (int w = 0; w < m_words; ++w)
        leafOfWord[size_t(w)] = nodeOf[size_t(m_slotOfWord[size_t(w)])];
    std::vector<std::pair<int, int>> children; // of node leaves + i
    while (m_activeList.size() > 1) {
        if (checkEvery > 0 && !check(error))
            return false;
        const auto [s, t] = best();
        const std::pair<int, int> node { nodeOf[size_t(s)], nodeOf[size_t(t)] };
        const int kept = s + t - merge(s, t);
        children.push_back(node);
        nodeOf[size_t(kept)] = nodes++;
    }
    if (log)
        log(QStringLiteral("  tree of %1 clusters built, %2 s")
                .arg(leaves)
                .arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));

    // Paths, numbering the leaves from left to right.
    std::vector<int> leafIndex(size_t(leaves), -1);
    paths.assign(size_t(leaves), {});
    struct Item
    {
        int node;
        quint32 bits;
        int depth;
    };
    std::vector<Item> stack { { nodes - 1, 0, 0 } };
    int next = 0;
    while (!stack.empty()) {
        const Item it = stack.back();
        stack.pop_back();
        if (it.node < leaves) {
            leafIndex[size_t(it.node)] = next;
            paths[size_t(next)] = { it.bits, quint8(std::min(it.depth, kMaxPathLength)) };
            maxDepth = std::max(maxDepth, it.depth);
            ++next;
            continue;
        }
        const auto [left, right] = children[size_t(it.node - leaves)];
        const bool room = it.depth < kMaxPathLength;
        stack.push_back({ right, room ? (it.bits << 1) | 1u : it.bits, it.depth + 1 });
        stack.push_back({ left, room ? it.bits << 1 : it.bits, it.depth + 1 });
    }
    wordCluster.resize(size_t(m_words));
    for (int w = 0; w < m_words; ++w)
        wordCluster[size_t(w)] = leafIndex[size_t(leafOfWord[size_t(w)])];
    return true;
}

QString thousands(qint64 n)
{
    QString s = QString::number(n);
    for (qsizetype i = s.size() - 3; i > 0; i -= 3)
        s.insert(i, u',');
    return s;
}

} // namespace

// --- WordClusters ----------------------------------------------------------------------------------------

QString WordClusters::Path::toString() const
{
    QString s;
    for (int i = length - 1; i >= 0; --i)
        s.append((bits >> i) & 1u ? u'1' : u'0');
    return s;
}

const WordClusters &WordClusters::shared()
{
    static const WordClusters clusters = [] {
        WordClusters c;
        const QByteArray bytes = modelFile(QStringLiteral("clusters.bin"));
        QString error;
        if (!bytes.isEmpty() && !c.load(bytes, &error))
            qWarning("clusters.bin: %s", qPrintable(error));
        return c;
    }();
    return clusters;
}

bool WordClusters::load(QByteArrayView bytes, QString *error)
{
    *this = WordClusters();
    const auto fail = [&](const char *why) {
        if (error)
            *error = QString::fromLatin1(why);
        *this = WordClusters();
        return false;
    };
    Reader r(bytes);
    quint32 magic = 0, version = 0, keyKind = 0, clusters = 0, words = 0;
    if (!r.get(magic) || magic != kMagic)
        return fail("not an Entente clusters file");
    if (!r.get(version) || version != kVersion)
        return fail("unsupported clusters file version");
    if (!r.get(keyKind) || keyKind != kKeyNorm)
        return fail("words keyed in an unknown way");
    if (!r.get(clusters) || !r.get(words) || clusters == 0 || clusters > 65536 || words == 0)
        return fail("bad cluster or word count");
    if (!r.getBytes(m_meta))
        return fail("truncated metadata");
    if (r.remaining() != qsizetype(clusters) * 5 + qsizetype(words) * 10 + 8)
        return fail("clusters file has the wrong size");
    const qsizetype body = bytes.size() - 8;
    quint64 sum = 0;
    std::memcpy(&sum, bytes.data() + body, 8);
    if (qFromLittleEndian(sum) != checksum(bytes.first(body)))
        return fail("clusters file is damaged (checksum)");
    m_paths.resize(clusters);
    for (Path &p : m_paths)
        r.get(p.bits);
    for (Path &p : m_paths) {
        r.get(p.length);
        if (p.length > kMaxPathLength || (p.length < 32 && (p.bits >> p.length) != 0))
            return fail("bad cluster path");
    }
    m_keys.resize(words);
    for (quint64 &k : m_keys)
        r.get(k);
    if (std::adjacent_find(m_keys.begin(), m_keys.end(), std::greater_equal<>()) != m_keys.end())
        return fail("word keys out of order");
    m_clusterOf.resize(words);
    for (quint16 &c : m_clusterOf) {
        r.get(c);
        if (c >= clusters)
            return fail("word of an unknown cluster");
    }
    m_buckets.resize((size_t(1) << kBucketBits) + 1);
    size_t i = 0;
    for (size_t b = 0; b < m_buckets.size(); ++b) {
        while (i < m_keys.size() && (m_keys[i] >> (64 - kBucketBits)) < b)
            ++i;
        m_buckets[b] = quint32(i);
    }
    m_buckets.back() = quint32(m_keys.size());
    return true;
}

qsizetype WordClusters::find(quint64 key) const
{
    if (m_keys.empty())
        return -1;
    const size_t b = size_t(key >> (64 - kBucketBits));
    const auto first = m_keys.begin() + m_buckets[b], last = m_keys.begin() + m_buckets[b + 1];
    const auto it = std::lower_bound(first, last, key);
    return it != last && *it == key ? qsizetype(it - m_keys.begin()) : -1;
}

int WordClusters::cluster(quint64 key) const
{
    const qsizetype i = find(key);
    return i < 0 ? -1 : int(m_clusterOf[size_t(i)]);
}

WordClusters::Path WordClusters::clusterPath(int cluster) const
{
    return cluster >= 0 && cluster < clusterCount() ? m_paths[size_t(cluster)] : Path {};
}

WordClusters::Path WordClusters::path(quint64 key) const
{
    return clusterPath(cluster(key));
}

quint64 WordClusters::prefix(quint64 key, int length) const
{
    const int c = cluster(key);
    if (c < 0)
        return 0;
    const Path p = m_paths[size_t(c)];
    const int n = std::clamp(length, 0, int(p.length));
    const quint32 bits = n == 0 ? 0 : p.bits >> (p.length - n);
    const quint64 h = mix64((quint64(n) << 32 | bits) ^ 0x70726566697865ULL);
    return h ? h : 1;
}

int WordClusters::commonPrefix(Path a, Path b)
{
    const int n = std::min(a.length, b.length);
    int k = 0;
    while (k < n && ((a.bits >> (a.length - 1 - k)) & 1u) == ((b.bits >> (b.length - 1 - k)) & 1u))
        ++k;
    return k;
}

QList<QStringView> WordClusters::tokenize(QStringView text)
{
    QList<QStringView> out;
    qsizetype i = 0;
    const qsizetype n = text.size();
    while (i < n) {
        while (i < n && isSeparator(text[i]))
            ++i;
        qsizetype j = i;
        while (j < n && !isSeparator(text[j]))
            ++j;
        if (j > i)
            tokenizeChunk(text.sliced(i, j - i), out);
        i = j;
    }
    return out;
}

// --- BrownClusterer --------------------------------------------------------------------------------------

int BrownClusterer::idOf(QStringView token)
{
    const quint64 form = hashText(token);
    if (const auto it = m_idOfForm.find(form); it != m_idOfForm.end())
        return it->second;
    const quint64 key = wordInfo(token).norm;
    auto [it, added] = m_idOfKey.try_emplace(key, int(m_keys.size()));
    if (added) {
        m_keys.push_back(key);
        m_texts.push_back(normalForm(token));
        m_counts.push_back(0);
    }
    m_idOfForm.emplace(form, it->second);
    return it->second;
}

void BrownClusterer::addTokens(std::span<const QStringView> tokens)
{
    for (const QStringView t : tokens) {
        if (t.isEmpty())
            continue;
        const int id = idOf(t);
        ++m_counts[size_t(id)];
        m_stream.push_back(id);
        ++m_tokens;
    }
}

void BrownClusterer::endDocument()
{
    if (!m_stream.empty() && m_stream.back() >= 0)
        m_stream.push_back(-1);
}

QByteArray BrownClusterer::train(const Options &options, QString *error)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    const auto log = [&](const QString &line) {
        if (options.log)
            options.log(line);
    };
    m_summary = Summary();
    m_summary.tokens = m_tokens;

    // The vocabulary: the words seen at least minCount times, most frequent first.
    std::vector<int> order(m_counts.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        if (m_counts[size_t(a)] != m_counts[size_t(b)])
            return m_counts[size_t(a)] > m_counts[size_t(b)];
        if (m_texts[size_t(a)] != m_texts[size_t(b)])
            return m_texts[size_t(a)] < m_texts[size_t(b)];
        return m_keys[size_t(a)] < m_keys[size_t(b)];
    });
    int words = 0;
    while (words < int(order.size()) && m_counts[size_t(order[size_t(words)])] >= std::max(options.minCount, 1))
        ++words;
    if (options.maxWords > 0)
        words = std::min(words, options.maxWords);
    if (words < 2)
        return fail(
            QStringLiteral("too few words to cluster (%1 seen %2 times or more)").arg(words).arg(options.minCount));
    std::vector<int> rankOf(m_counts.size(), -1);
    std::vector<double> mass(static_cast<size_t>(words));
    for (int r = 0; r < words; ++r) {
        rankOf[size_t(order[size_t(r)])] = r;
        mass[size_t(r)] = double(m_counts[size_t(order[size_t(r)])]);
        m_summary.clusteredTokens += m_counts[size_t(order[size_t(r)])];
    }

    // Neighbour counts: the pairs sorted in chunks and merged, so that memory stays a few times the pairs.
    std::vector<std::pair<quint64, quint32>> pairs;
    std::vector<quint64> chunk;
    chunk.reserve(size_t(1) << 22);
    const auto flush = [&] {
        std::sort(chunk.begin(), chunk.end());
        std::vector<std::pair<quint64, quint32>> merged;
        merged.reserve(pairs.size() + chunk.size() / 2);
        size_t i = 0, j = 0;
        while (i < pairs.size() || j < chunk.size()) {
            if (j == chunk.size() || (i < pairs.size() && pairs[i].first < chunk[j])) {
                merged.push_back(pairs[i++]);
                continue;
            }
            const quint64 key = chunk[j];
            quint32 n = 0;
            while (j < chunk.size() && chunk[j] == key) {
                ++n;
                ++j;
            }
            if (i < pairs.size() && pairs[i].first == key)
                n += pairs[i++].second;
            merged.emplace_back(key, n);
        }
        pairs.swap(merged);
        chunk.clear();
    };
    for (size_t i = 1; i < m_stream.size(); ++i) {
        const qint32 x = m_stream[i - 1], y = m_stream[i];
        if (x < 0 || y < 0 || rankOf[size_t(x)] < 0 || rankOf[size_t(y)] < 0)
            continue;
        chunk.push_back(quint64(rankOf[size_t(x)]) << 32 | quint64(rankOf[size_t(y)]));
        if (chunk.size() == chunk.capacity())
            flush();
    }
    flush();
    Adjacency right, left;
    right.start.assign(size_t(words) + 1, 0);
    left.start.assign(size_t(words) + 1, 0);
    for (const auto &[key, n] : pairs) {
        ++right.start[size_t(key >> 32) + 1];
        ++left.start[size_t(key & 0xffffffffu) + 1];
    }
    for (int w = 0; w < words; ++w) {
        right.start[size_t(w) + 1] += right.start[size_t(w)];
        left.start[size_t(w) + 1] += left.start[size_t(w)];
    }
    right.word.resize(pairs.size());
    right.count.resize(pairs.size());
    left.word.resize(pairs.size());
    left.count.resize(pairs.size());
    std::vector<quint32> fill(left.start.begin(), left.start.end() - 1);
    for (size_t k = 0; k < pairs.size(); ++k) {
        const auto [key, n] = pairs[k];
        const quint32 x = quint32(key >> 32), y = quint32(key & 0xffffffffu);
        right.word[k] = qint32(y);
        right.count[k] = n;
        const quint32 slot = fill[y]++;
        left.word[slot] = qint32(x);
        left.count[slot] = n;
    }
    log(QStringLiteral("  %1 words read, %2 distinct; %3 seen %4 times or more; %5 distinct neighbour pairs")
            .arg(thousands(m_tokens), thousands(qint64(m_counts.size())), thousands(words))
            .arg(options.minCount)
            .arg(thousands(qint64(pairs.size()))));
    std::vector<std::pair<quint64, quint32>>().swap(pairs);

    Brown brown(options.clusters, mass, right, left);
    QString why;
    if (!brown.run(options.checkEvery, options.log, &why))
        return fail(QStringLiteral("Brown clustering: %1").arg(why));
    m_summary.words = words;
    m_summary.clusters = int(brown.paths.size());
    m_summary.maxDepth = brown.maxDepth;
    m_summary.mutualInformation = brown.mutualInformation;
    m_clusterOf.assign(m_counts.size(), -1);
    for (int r = 0; r < words; ++r)
        m_clusterOf[size_t(order[size_t(r)])] = brown.wordCluster[size_t(r)];

    // The file: the words by key.
    std::vector<std::pair<quint64, quint16>> table(static_cast<size_t>(words));
    for (int r = 0; r < words; ++r)
        table[size_t(r)] = { m_keys[size_t(order[size_t(r)])], quint16(brown.wordCluster[size_t(r)]) };
    std::sort(table.begin(), table.end());
    const QByteArray meta = QStringLiteral("brown c=%1 key=norm words=%2 min-count=%3 tokens=%4 mi=%5 max-depth=%6")
                                .arg(m_summary.clusters)
                                .arg(words)
                                .arg(options.minCount)
                                .arg(m_tokens)
                                .arg(m_summary.mutualInformation, 0, 'f', 4)
                                .arg(m_summary.maxDepth)
                                .toUtf8();
    Writer w;
    w.put(kMagic);
    w.put(kVersion);
    w.put(kKeyNorm);
    w.put(quint32(m_summary.clusters));
    w.put(quint32(words));
    w.putBytes(meta);
    for (const WordClusters::Path &p : brown.paths)
        w.put(p.bits);
    for (const WordClusters::Path &p : brown.paths)
        w.put(p.length);
    for (const auto &[key, c] : table)
        w.put(key);
    for (const auto &[key, c] : table)
        w.put(c);
    w.put(checksum(w.bytes()));
    return w.bytes();
}

QStringList BrownClusterer::clusterWords(QStringView word, int count) const
{
    const auto it = m_idOfKey.find(wordInfo(word).norm);
    if (it == m_idOfKey.end() || m_clusterOf.empty() || m_clusterOf[size_t(it->second)] < 0)
        return {};
    const int c = m_clusterOf[size_t(it->second)];
    std::vector<int> ids;
    for (size_t i = 0; i < m_clusterOf.size(); ++i) {
        if (m_clusterOf[i] == c)
            ids.push_back(int(i));
    }
    std::sort(ids.begin(), ids.end(), [&](int a, int b) {
        return m_counts[size_t(a)] != m_counts[size_t(b)] ? m_counts[size_t(a)] > m_counts[size_t(b)]
                                                          : m_texts[size_t(a)] < m_texts[size_t(b)];
    });
    QStringList out;
    for (size_t i = 0; i < ids.size() && int(i) < count; ++i)
        out.append(m_texts[size_t(ids[i])]);
    return out;
}

// --- Training from the shared corpora ------------------------------------------------------------------

namespace {

// C as in Koo et al. (2008) and Ratinov & Roth (2009). The threshold keeps 40,718 words of the 36 million
// word text, clustered in about three minutes of one core; words seen 5 times or more (32,352) covered 72% of
// UNER EWT test's entity words instead of 76%, with the same gains to the taggers of bench_clusters.
constexpr int kClusters = 1000;
constexpr int kMinCount = 3;

QString ungdcArchive(const QString &dataDir)
{
    return QDir::cleanPath(dataDir + QStringLiteral("/../../corpus/ungdc/ungdc-1946-2023.tar.xz"));
}

bool readLines(const QString &path, QSet<QString> &out, QString *error)
{
    const QByteArray data = readCorpusFile(path, error);
    if (data.isEmpty())
        return false;
    for (const QByteArray &line : data.split('\n')) {
        if (!line.trimmed().isEmpty())
            out.insert(QString::fromUtf8(line.trimmed()));
    }
    return true;
}

// The speeches as tar streams them, in the archive's order; the hard-wrapped lines of a speech run on, so
// neighbours are counted across line ends.
bool readSpeeches(BrownClusterer &b, const QString &archive, int maxLines, QString *error)
{
    qint64 lines = 0;
    const bool ok = forEachArchiveLine(
        archive,
        [&](QStringView line) {
            if (maxLines > 0 && lines >= maxLines)
                return false;
            b.addText(line);
            ++lines;
            return true;
        },
        error);
    b.endDocument();
    return ok;
}

} // namespace

bool forEachArchiveLine(const QString &archive, const std::function<bool(QStringView line)> &line, QString *error)
{
    if (!QFile::exists(archive)) {
        if (error)
            *error = QStringLiteral("%1: no such file").arg(archive);
        return false;
    }
    QProcess tar;
    tar.start(QStringLiteral("tar"),
        { QStringLiteral("-xJOf"), archive, QStringLiteral("--wildcards"), QStringLiteral("*.txt") });
    if (!tar.waitForStarted()) {
        if (error)
            *error = QStringLiteral("%1: cannot run tar to unpack it").arg(archive);
        return false;
    }
    tar.closeWriteChannel();
    QByteArray pending;
    QStringDecoder decode(QStringDecoder::Utf8);
    bool stopped = false;
    // The complete lines of what came (all of it at the end).
    const auto feed = [&](bool all) {
        const qsizetype end = all ? pending.size() : pending.lastIndexOf('\n') + 1;
        if (end <= 0)
            return;
        const QString text = decode(QByteArrayView(pending.constData(), end));
        pending.remove(0, end);
        for (const QStringView l : QStringView(text).split(u'\n')) {
            if (!line(l)) {
                stopped = true;
                return;
            }
        }
    };
    while (!stopped && tar.waitForReadyRead(-1)) {
        pending += tar.readAllStandardOutput();
        feed(false);
    }
    if (stopped) {
        tar.kill();
        tar.waitForFinished(-1);
        return true;
    }
    tar.waitForFinished(-1);
    pending += tar.readAllStandardOutput();
    feed(true);
    if (tar.exitStatus() != QProcess::NormalExit || tar.exitCode() != 0) {
        if (error)
            *error = QStringLiteral("%1: tar failed: %2")
                         .arg(archive, QString::fromLocal8Bit(tar.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

bool readClusterText(BrownClusterer &b, const TrainOptions &options, QString *error)
{
    QString why;
    const auto fail = [&](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    const auto log = [&](const QString &line) {
        if (options.log)
            options.log(line);
    };
    const QDir data(options.dataDir);
    QSet<QString> heldOut;
    if (!readLines(data.filePath(QStringLiteral("ud/gum-ccby.dev.txt")), heldOut, &why)
        || !readLines(data.filePath(QStringLiteral("ud/gum-ccby.test.txt")), heldOut, &why))
        return fail(why);
    std::vector<QStringView> tokens;
    for (const QString &name : { QStringLiteral("ud/ewt-train.conllu.xz"), QStringLiteral("ud/gum-ccby.conllu.xz") }) {
        const QList<ConlluSentence> sentences = readConllu(data.filePath(name), &why);
        if (sentences.isEmpty())
            return fail(why);
        for (const ConlluSentence &s : sentences) {
            if (heldOut.contains(s.docId))
                continue;
            tokens.clear();
            for (const ConlluWord &w : s.words)
                tokens.push_back(w.form);
            b.addTokens(tokens);
            b.endDocument();
        }
    }
    for (const QString &name : { QStringLiteral("ner/wikigold.conll.xz"), QStringLiteral("ner/re3d-open.conll.xz"),
             QStringLiteral("ner/btc.conll.xz") }) {
        const QList<ColumnSentence> sentences = readColumns(data.filePath(name), &why);
        if (sentences.isEmpty())
            return fail(why);
        for (const ColumnSentence &s : sentences) {
            tokens.clear();
            for (const QStringList &row : s.rows) {
                if (!row.isEmpty())
                    tokens.push_back(row.front());
            }
            b.addTokens(tokens);
            b.endDocument();
        }
    }
    log(QStringLiteral("  %1 words of annotated text (train parts)").arg(thousands(b.tokenCount())));
    const qint64 before = b.tokenCount();
    if (!readSpeeches(b, ungdcArchive(options.dataDir), options.maxSentences, &why))
        return fail(why);
    log(QStringLiteral("  %1 words of UN General Debate speeches").arg(thousands(b.tokenCount() - before)));
    return true;
}

TrainResult trainWordClusters(const TrainOptions &options)
{
    TrainResult result;
    QElapsedTimer timer;
    timer.start();
    BrownClusterer b;
    if (!readClusterText(b, options, &result.error))
        return result;
    if (options.log)
        options.log(QStringLiteral("  text read in %1 s").arg(double(timer.elapsed()) / 1000.0, 0, 'f', 1));
    BrownClusterer::Options brown;
    brown.clusters = kClusters;
    brown.minCount = kMinCount;
    brown.log = options.log;
    result.model = b.train(brown, &result.error);
    if (result.model.isEmpty())
        return result;
    WordClusters clusters;
    if (!clusters.load(result.model, &result.error)) {
        result.model.clear();
        return result;
    }
    const BrownClusterer::Summary &sum = b.summary();
    if (options.log) {
        for (const QString &word : { QStringLiteral("france"), QStringLiteral("germany"), QStringLiteral("john"),
                 QStringLiteral("mary"), QStringLiteral("ministry"), QStringLiteral("council"), QStringLiteral("said"),
                 QStringLiteral("stated") }) {
            options.log(QStringLiteral("  %1  %2  %3")
                            .arg(word, -10)
                            .arg(clusters.path(wordInfo(word).norm).toString(), -22)
                            .arg(b.clusterWords(word, 12).join(u' ')));
        }
    }

    // How much of held-out text the clusters know: EWT test's words, and the words of UNER's test entities.
    const QDir data(options.dataDir);
    qint64 words = 0, known = 0;
    for (const ConlluSentence &s : readConllu(data.filePath(QStringLiteral("ud/ewt-test.conllu.xz")))) {
        for (const ConlluWord &w : s.words) {
            ++words;
            known += clusters.cluster(wordInfo(w.form).norm) >= 0;
        }
    }
    qint64 entityWords = 0, knownEntityWords = 0;
    for (const ColumnSentence &s : readColumns(data.filePath(QStringLiteral("ner/uner-ewt-test.iob2.xz")))) {
        for (const QStringList &row : s.rows) {
            if (row.size() >= 3 && row[2] != u"O") {
                ++entityWords;
                knownEntityWords += clusters.cluster(wordInfo(row[1]).norm) >= 0;
            }
        }
    }
    result.figures.append({ QStringLiteral("words clustered (seen %1 times or more)").arg(kMinCount), double(sum.words),
        QStringLiteral("%1 words of text, %2% of them clustered")
            .arg(thousands(sum.tokens))
            .arg(100.0 * double(sum.clusteredTokens) / double(std::max<qint64>(sum.tokens, 1)), 0, 'f', 1) });
    result.figures.append(
        { QStringLiteral("clusters"), double(sum.clusters), QStringLiteral("paths up to %1 steps").arg(sum.maxDepth) });
    result.figures.append(
        { QStringLiteral("mutual information of neighbours' clusters, bits"), sum.mutualInformation, QString() });
    result.figures.append({ QStringLiteral("words with a cluster, EWT test"),
        words ? double(known) / double(words) : 0.0, QStringLiteral("%1 words").arg(thousands(words)) });
    result.figures.append({ QStringLiteral("entity words with a cluster, UNER EWT test"),
        entityWords ? double(knownEntityWords) / double(entityWords) : 0.0,
        QStringLiteral("%1 words").arg(thousands(entityWords)) });
    return result;
}

} // namespace entente::learn
