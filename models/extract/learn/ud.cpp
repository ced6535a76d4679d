#include "ud.h"

#include "corpora.h"

#include <QDir>
#include <QSet>
#include <QtEndian>

#include <algorithm>
#include <cstring>
#include <utility>

namespace entente::learn {

const QStringList &uposNames()
{
    static const QStringList names { QStringLiteral("ADJ"), QStringLiteral("ADP"), QStringLiteral("ADV"),
        QStringLiteral("AUX"), QStringLiteral("CCONJ"), QStringLiteral("DET"), QStringLiteral("INTJ"),
        QStringLiteral("NOUN"), QStringLiteral("NUM"), QStringLiteral("PART"), QStringLiteral("PRON"),
        QStringLiteral("PROPN"), QStringLiteral("PUNCT"), QStringLiteral("SCONJ"), QStringLiteral("SYM"),
        QStringLiteral("VERB"), QStringLiteral("X") };
    return names;
}

QString uposName(Upos tag)
{
    return uposNames().value(int(tag));
}

std::optional<Upos> uposFromName(QStringView name)
{
    const QStringList &names = uposNames();
    for (int i = 0; i < names.size(); ++i) {
        if (names[i] == name)
            return Upos(i);
    }
    return std::nullopt;
}

namespace {

QStringList readIdList(const QString &path, QString *error)
{
    const QByteArray data = readCorpusFile(path, error);
    QStringList ids;
    for (const QByteArray &line : data.split('\n')) {
        const QString id = QString::fromUtf8(line).trimmed();
        if (!id.isEmpty())
            ids.append(id);
    }
    return ids;
}

bool convert(const QList<ConlluSentence> &in, const QHash<QString, int> &labelIndex, QList<UdSentence> &out,
    QString *error, const QString &path)
{
    out.reserve(out.size() + in.size());
    for (const ConlluSentence &s : in) {
        UdSentence u;
        u.docId = s.docId;
        const qsizetype n = s.words.size();
        u.words.reserve(n);
        u.tags.reserve(size_t(n));
        u.heads.reserve(size_t(n));
        u.labels.reserve(size_t(n));
        for (const ConlluWord &w : s.words) {
            const std::optional<Upos> tag = uposFromName(w.upos);
            if (!tag || w.head < 0 || w.head > n) {
                if (error)
                    *error = QStringLiteral("%1: sentence %2: bad tag or head").arg(path, s.id);
                return false;
            }
            u.words.append(w.form);
            u.tags.push_back(*tag);
            u.heads.push_back(w.head - 1);
            u.labels.push_back(labelIndex.value(w.deprel, -1));
        }
        out.append(std::move(u));
    }
    return true;
}

} // namespace

bool readUdData(
    const QString &dataDir, UdData &out, QString *error, int maxSentences, UdParts parts, const QStringList &labels)
{
    out = UdData();
    const QDir ud(QDir(dataDir).filePath(QStringLiteral("ud")));
    const auto read = [&](const QString &name, QList<ConlluSentence> &sentences) {
        const QString path = ud.filePath(name);
        sentences = readConllu(path, error);
        if (sentences.isEmpty() && error && error->isEmpty())
            *error = QStringLiteral("%1: no sentences").arg(path);
        return !sentences.isEmpty();
    };
    QList<ConlluSentence> gum, ewtTrain, ewtDev, ewtTest;
    if (!read(QStringLiteral("gum-ccby.conllu.xz"), gum) || !read(QStringLiteral("ewt-test.conllu.xz"), ewtTest))
        return false;
    const QStringList gumDev = readIdList(ud.filePath(QStringLiteral("gum-ccby.dev.txt")), error);
    const QStringList gumTestIds = readIdList(ud.filePath(QStringLiteral("gum-ccby.test.txt")), error);
    if (gumDev.isEmpty() || gumTestIds.isEmpty()) {
        if (error && error->isEmpty())
            *error = QStringLiteral("%1: GUM's dev and test document lists are missing").arg(ud.path());
        return false;
    }
    QList<ConlluSentence> gumTrain, gumTest;
    for (ConlluSentence &s : gum) {
        if (gumTestIds.contains(s.docId))
            gumTest.append(std::move(s));
        else if (!gumDev.contains(s.docId))
            gumTrain.append(std::move(s));
    }
    if (parts == UdParts::TrainAndTest) {
        if (!read(QStringLiteral("ewt-train.conllu.xz"), ewtTrain)
            || !read(QStringLiteral("ewt-dev.conllu.xz"), ewtDev))
            return false;
        QList<ConlluSentence> train = std::move(ewtTrain);
        train.append(std::move(gumTrain));
        if (maxSentences > 0 && train.size() > maxSentences)
            train.resize(maxSentences);
        if (labels.isEmpty()) {
            QSet<QString> seen;
            for (const ConlluSentence &s : std::as_const(train)) {
                for (const ConlluWord &w : s.words)
                    seen.insert(w.deprel);
            }
            out.labels = QStringList(seen.begin(), seen.end());
            out.labels.sort();
        } else {
            out.labels = labels;
        }
        gumTrain = std::move(train);
    } else {
        out.labels = labels;
    }
    QHash<QString, int> labelIndex;
    for (int i = 0; i < out.labels.size(); ++i)
        labelIndex.insert(out.labels[i], i);
    if (parts == UdParts::TrainAndTest) {
        if (!convert(gumTrain, labelIndex, out.train, error, ud.filePath(QStringLiteral("ewt-train.conllu.xz")))
            || !convert(ewtDev, labelIndex, out.ewtDev, error, ud.filePath(QStringLiteral("ewt-dev.conllu.xz"))))
            return false;
    }
    return convert(ewtTest, labelIndex, out.ewtTest, error, ud.filePath(QStringLiteral("ewt-test.conllu.xz")))
        && convert(gumTest, labelIndex, out.gumTest, error, ud.filePath(QStringLiteral("gum-ccby.conllu.xz")));
}

quint64 SplitMix64::next()
{
    quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void shuffle(std::vector<int> &items, SplitMix64 &rng)
{
    for (size_t i = items.size(); i > 1; --i)
        std::swap(items[i - 1], items[size_t(rng.below(i))]);
}

namespace {

bool dominates(std::span<const int> heads, int ancestor, int k)
{
    // A cyclic input must not loop forever: a path longer than the sentence has gone round.
    for (size_t steps = 0; k >= 0 && steps <= heads.size(); ++steps) {
        if (k == ancestor)
            return true;
        k = heads[size_t(k)];
    }
    return false;
}

bool arcIsProjective(std::span<const int> heads, int d)
{
    const int h = heads[size_t(d)];
    if (h < 0)
        return true;
    for (int k = std::min(h, d) + 1; k < std::max(h, d); ++k) {
        if (!dominates(heads, h, k))
            return false;
    }
    return true;
}

} // namespace

bool isProjective(std::span<const int> heads)
{
    for (int d = 0; d < int(heads.size()); ++d) {
        if (!arcIsProjective(heads, d))
            return false;
    }
    return true;
}

int projectivize(std::span<int> heads)
{
    int lifts = 0;
    for (;;) {
        int shortest = -1, shortestLength = 0;
        for (int d = 0; d < int(heads.size()); ++d) {
            const int length = std::abs(heads[size_t(d)] - d);
            if ((shortest < 0 || length < shortestLength) && !arcIsProjective(heads, d)) {
                shortest = d;
                shortestLength = length;
            }
        }
        // An arc from the root word covers only its own descendants, so a non-projective arc's head has a head.
        if (shortest < 0 || heads[size_t(heads[size_t(shortest)])] < 0)
            return lifts;
        heads[size_t(shortest)] = heads[size_t(heads[size_t(shortest)])];
        ++lifts;
    }
}

bool isTree(std::span<const int> heads)
{
    const int n = int(heads.size());
    int roots = 0;
    for (int d = 0; d < n; ++d) {
        const int h = heads[size_t(d)];
        if (h == -1)
            ++roots;
        else if (h < 0 || h >= n || h == d)
            return false;
    }
    if (roots != 1)
        return false;
    // Every word reaches the root within n steps, or its path runs round a cycle.
    for (int d = 0; d < n; ++d) {
        int k = d, steps = 0;
        while (k >= 0 && steps++ <= n)
            k = heads[size_t(k)];
        if (k >= 0)
            return false;
    }
    return true;
}

QByteArray KeyMap::pack(std::vector<std::pair<quint64, quint32>> entries)
{
    for (auto &e : entries)
        e.first = e.first ? e.first : 1;
    std::sort(entries.begin(), entries.end());
    QByteArray out;
    const auto put = [&out](auto v) {
        v = qToLittleEndian(v);
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    };
    put(quint32(entries.size()));
    for (const auto &[key, value] : entries) {
        put(key);
        put(value);
    }
    return out;
}

bool KeyMap::load(QByteArrayView section, quint32 maxValue)
{
    *this = KeyMap();
    if (section.size() < 4)
        return false;
    const quint32 count = qFromLittleEndian<quint32>(section.data());
    if (section.size() != 4 + qsizetype(count) * 12)
        return false;
    size_t capacity = 16;
    while (capacity < size_t(count) * 2)
        capacity *= 2;
    m_slots.assign(capacity, Slot {});
    m_mask = capacity - 1;
    for (quint32 i = 0; i < count; ++i) {
        const char *p = section.data() + 4 + qsizetype(i) * 12;
        const quint64 key = qFromLittleEndian<quint64>(p);
        const quint32 value = qFromLittleEndian<quint32>(p + 8);
        if (key == 0 || value >= maxValue) {
            *this = KeyMap();
            return false;
        }
        size_t s = size_t(key) & m_mask;
        while (m_slots[s].key != 0) {
            if (m_slots[s].key == key) {
                *this = KeyMap();
                return false;
            }
            s = (s + 1) & m_mask;
        }
        m_slots[s] = { key, value };
    }
    m_size = count;
    return true;
}

QByteArray packSections(quint32 magic, quint32 version, const QList<QByteArray> &sections)
{
    QByteArray out;
    const auto put = [&out](quint32 v) {
        v = qToLittleEndian(v);
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    };
    put(magic);
    put(version);
    put(quint32(sections.size()));
    for (const QByteArray &s : sections) {
        put(quint32(s.size()));
        out.append(s);
    }
    return out;
}

bool unpackSections(
    QByteArrayView bytes, quint32 magic, quint32 version, QList<QByteArrayView> &sections, QString *error)
{
    sections.clear();
    qsizetype pos = 0;
    const auto get = [&](quint32 &v) {
        if (pos + 4 > bytes.size())
            return false;
        std::memcpy(&v, bytes.data() + pos, 4);
        v = qFromLittleEndian(v);
        pos += 4;
        return true;
    };
    const auto fail = [&](const char *why) {
        if (error)
            *error = QString::fromLatin1(why);
        sections.clear();
        return false;
    };
    quint32 m = 0, v = 0, count = 0;
    if (!get(m) || m != magic)
        return fail("not a model file of this kind");
    if (!get(v) || v != version)
        return fail("unsupported model file version");
    if (!get(count) || count > 64)
        return fail("bad section count");
    for (quint32 i = 0; i < count; ++i) {
        quint32 size = 0;
        if (!get(size) || pos + qsizetype(size) > bytes.size())
            return fail("truncated model file");
        sections.append(bytes.sliced(pos, qsizetype(size)));
        pos += qsizetype(size);
    }
    if (pos != bytes.size())
        return fail("model file has trailing bytes");
    return true;
}

} // namespace entente::learn
