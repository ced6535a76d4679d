#include "perceptron.h"

#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif
#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace entente::learn {

namespace {

// The model file: a magic number and version, the class names, the trainer's metadata, then the features
// sorted by key with their entries. Little-endian throughout.
constexpr quint32 kMagic = 0x504e5445; // "ETNP"
constexpr quint32 kVersion = 1;

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
    [[nodiscard]] QByteArray bytes() const { return m_bytes; }

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
    // The next `n` bytes where they lie (nullptr when fewer are left), to be read in bulk.
    const char *take(qsizetype n)
    {
        if (n < 0 || m_pos + n > m_bytes.size())
            return nullptr;
        const char *p = m_bytes.data() + m_pos;
        m_pos += n;
        return p;
    }

private:
    QByteArrayView m_bytes;
    qsizetype m_pos = 0;
};

} // namespace

void *detail::allocateLarge(size_t bytes)
{
#ifdef __linux__
    constexpr size_t kHugePage = size_t(2) << 20;
    if (bytes >= kHugePage) {
        const size_t rounded = (bytes + kHugePage - 1) & ~(kHugePage - 1);
        void *p = std::aligned_alloc(kHugePage, rounded);
        if (!p)
            throw std::bad_alloc();
        madvise(p, rounded, MADV_HUGEPAGE); // a hint: without huge pages the table works as well, only slower
        return p;
    }
#endif
    return ::operator new(bytes);
}

bool detail::hasAvx2()
{
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
#else
    return false;
#endif
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) void detail::addRowAvx2(const qint16 *row, qint32 *scores, size_t classes)
{
    size_t c = 0;
    for (; c + 8 <= classes; c += 8) {
        const __m256i w = _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(row + c)));
        __m256i *out = reinterpret_cast<__m256i *>(scores + c);
        _mm256_storeu_si256(out, _mm256_add_epi32(_mm256_loadu_si256(out), w));
    }
    if (c < classes) {
        // The last one to seven in one go: the row's weights past them are read (the table is padded so that they
        // are there) but the scores past them neither read nor written.
        const __m256i w = _mm256_cvtepi16_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(row + c)));
        const __m256i mask
            = _mm256_cmpgt_epi32(_mm256_set1_epi32(int(classes - c)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
        int *out = reinterpret_cast<int *>(scores + c);
        _mm256_maskstore_epi32(out, mask, _mm256_add_epi32(_mm256_maskload_epi32(out, mask), w));
    }
}
#else
void detail::addRowAvx2(const qint16 *row, qint32 *scores, size_t classes)
{
    for (size_t c = 0; c < classes; ++c)
        scores[c] += row[c];
}
#endif

void detail::freeLarge(void *p, size_t bytes)
{
#ifdef __linux__
    if (bytes >= (size_t(2) << 20)) {
        std::free(p);
        return;
    }
#endif
    ::operator delete(p);
}

WeightTable::WeightTable() = default;
WeightTable::~WeightTable() = default;
WeightTable::WeightTable(WeightTable &&) noexcept = default;
WeightTable &WeightTable::operator=(WeightTable &&) noexcept = default;

bool WeightTable::load(QByteArrayView bytes, QString *error)
{
    *this = WeightTable();
    const auto fail = [&](const char *why) {
        if (error)
            *error = QString::fromLatin1(why);
        *this = WeightTable();
        return false;
    };
    Reader r(bytes);
    quint32 magic = 0, version = 0, classes = 0;
    if (!r.get(magic) || magic != kMagic)
        return fail("not an Entente model file");
    if (!r.get(version) || version != kVersion)
        return fail("unsupported model file version");
    if (!r.get(classes) || classes == 0 || classes > 65535)
        return fail("bad class count");
    for (quint32 c = 0; c < classes; ++c) {
        QByteArray name;
        if (!r.getBytes(name))
            return fail("truncated class names");
        m_classes.append(QString::fromUtf8(name));
    }
    if (!r.getBytes(m_meta))
        return fail("truncated metadata");
    quint32 features = 0, entries = 0;
    if (!r.get(features) || !r.get(entries))
        return fail("truncated header");
    if (r.remaining() != qsizetype(features) * 10 + qsizetype(entries) * 4)
        return fail("model file has the wrong size");
    size_t capacity = 16;
    while (capacity < size_t(features) * 2)
        capacity *= 2;
    m_slots.assign(capacity, Slot {});
    m_mask = capacity - 1;
    m_dense = classes <= 4;
    const char *keys = r.take(qsizetype(features) * 8);
    const char *counts = r.take(qsizetype(features) * 2);
    const char *entryBytes = r.take(qsizetype(entries) * 4);
    const auto keyAt = [keys](quint32 i) {
        const quint64 k = qFromLittleEndian<quint64>(keys + size_t(i) * 8);
        return k ? k : 1;
    };
    const auto entryAt = [entryBytes](quint32 i) {
        return Entry { qFromLittleEndian<quint16>(entryBytes + size_t(i) * 4),
            qFromLittleEndian<qint16>(entryBytes + size_t(i) * 4 + 2) };
    };
    if (!m_dense) {
        size_t spilled = 0;
        for (quint32 i = 0; i < features; ++i) {
            const quint16 count = qFromLittleEndian<quint16>(counts + size_t(i) * 2);
            spilled += count > 2 ? count : 0;
        }
        m_entries.reserve(std::min(spilled, size_t(entries)));
    }
    // Each insertion lands in a random place of a table of megabytes: asking for the slot a few features ahead
    // lets those cache misses overlap (loading took half the time so).
    constexpr quint32 kAhead = 16;
    quint32 offset = 0;
    for (quint32 i = 0; i < features; ++i) {
        if (i + kAhead < features)
            __builtin_prefetch(&m_slots[size_t(keyAt(i + kAhead)) & m_mask], 1);
        const quint16 count = qFromLittleEndian<quint16>(counts + size_t(i) * 2);
        if (quint64(offset) + count > entries)
            return fail("entry counts do not add up");
        const quint64 key = keyAt(i);
        size_t s = size_t(key) & m_mask;
        while (m_slots[s].key != 0) {
            if (m_slots[s].key == key)
                return fail("duplicate feature");
            s = (s + 1) & m_mask;
        }
        Slot &slot = m_slots[s];
        slot.key = key;
        for (quint32 k = 0; k < count; ++k) {
            if (entryAt(offset + k).cls >= classes)
                return fail("entry of an unknown class");
        }
        if (m_dense) {
            for (quint32 k = 0; k < count; ++k) {
                const Entry e = entryAt(offset + k);
                slot.data[e.cls] = quint16(qint16(slot.data[e.cls]) + e.weight);
            }
        } else if (count <= 2) {
            const Entry first = count > 0 ? entryAt(offset) : Entry { 0, 0 };
            const Entry second = count > 1 ? entryAt(offset + 1) : Entry { first.cls, 0 };
            slot.data[0] = first.cls;
            slot.data[1] = quint16(first.weight);
            slot.data[2] = second.cls;
            slot.data[3] = quint16(second.weight);
        } else {
            const quint32 spilled = quint32(m_entries.size());
            slot.data[0] = kSpilled;
            slot.data[1] = count;
            slot.data[2] = quint16(spilled);
            slot.data[3] = quint16(spilled >> 16);
            for (quint32 k = 0; k < count; ++k)
                m_entries.push_back(entryAt(offset + k));
        }
        offset += count;
    }
    if (offset != entries)
        return fail("entry counts do not add up");
    m_size = features;
    return true;
}

int WeightTable::predict(std::span<const Feature> features, std::span<qint32> scores) const
{
    std::fill(scores.begin(), scores.end(), 0);
    addScores(features, scores);
    return int(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

CompactWeights::CompactWeights() = default;
CompactWeights::~CompactWeights() = default;
CompactWeights::CompactWeights(CompactWeights &&) noexcept = default;
CompactWeights &CompactWeights::operator=(CompactWeights &&) noexcept = default;

bool CompactWeights::load(QByteArrayView bytes, QString *error)
{
    *this = CompactWeights();
    const auto fail = [&](const char *why) {
        if (error)
            *error = QString::fromLatin1(why);
        *this = CompactWeights();
        return false;
    };
    Reader r(bytes);
    quint32 magic = 0, version = 0, classes = 0;
    if (!r.get(magic) || magic != kMagic)
        return fail("not an Entente model file");
    if (!r.get(version) || version != kVersion)
        return fail("unsupported model file version");
    if (!r.get(classes) || classes == 0 || classes >= kDense)
        return fail("bad class count");
    for (quint32 c = 0; c < classes; ++c) {
        QByteArray name;
        if (!r.getBytes(name))
            return fail("truncated class names");
        m_classes.append(QString::fromUtf8(name));
    }
    if (!r.getBytes(m_meta))
        return fail("truncated metadata");
    quint32 features = 0, entries = 0;
    if (!r.get(features) || !r.get(entries))
        return fail("truncated header");
    if (r.remaining() != qsizetype(features) * 10 + qsizetype(entries) * 4)
        return fail("model file has the wrong size");
    m_classCount = int(classes);
    m_avx2 = detail::hasAvx2();
    const bool inPlace = classes <= 3;
    const char *keys = r.take(qsizetype(features) * 8);
    const char *counts = r.take(qsizetype(features) * 2);
    const char *entryBytes = r.take(qsizetype(entries) * 4);
    const auto keyAt = [keys](quint32 i) { return qFromLittleEndian<quint64>(keys + size_t(i) * 8); };
    const auto countAt = [counts](quint32 i) { return qFromLittleEndian<quint16>(counts + size_t(i) * 2); };
    const auto classAt = [entryBytes](quint32 i) { return qFromLittleEndian<quint16>(entryBytes + size_t(i) * 4); };
    const auto weightAt = [entryBytes](quint32 i) { return qFromLittleEndian<qint16>(entryBytes + size_t(i) * 4 + 2); };
    if (!inPlace) {
        size_t dense = 0;
        for (quint32 i = 0; i < features; ++i)
            dense += countAt(i) > 2;
        if (dense >= (size_t(1) << 32))
            return fail("too many features");
        // Every dense row zeroed at once, not grown a row at a time (a call and a fill per feature); the rows of
        // features that were left out (see below) are dropped at the end.
        m_rows.reserve(dense * classes + kRowPadding);
        m_rows.assign(dense * classes, 0);
    }
    size_t rows = 0; // dense rows used
    // Each region three fifths full: with eight slots to a cache line, a probe seldom leaves the first line it
    // reads, even for a feature that is not there (most of those a tagger or parser asks for), which runs to an
    // empty slot. Slots past each region for probes that start near its end (linear probing without wrapping
    // round; a probe may run on into the next region, which is as right, only slower): the last grown as needed.
    quint64 small = 0;
    for (quint32 i = 0; i < features; ++i)
        small += keyAt(i) >> 63;
    m_smallCapacity = std::max<quint64>(16, small * 5 / 3);
    m_capacity = std::max<quint64>(16, (quint64(features) - small) * 5 / 3);
    m_largeBase = size_t(m_smallCapacity) + 64;
    m_regions[0] = { m_largeBase, m_capacity };
    m_regions[1] = { 0, m_smallCapacity };
    m_slots.assign(m_largeBase + size_t(m_capacity) + 64, Slot {});
    constexpr quint32 kAhead = 16;
    quint32 offset = 0;
    for (quint32 i = 0; i < features; ++i) {
        if (i + kAhead < features)
            __builtin_prefetch(&m_slots[slotOf(keyAt(i + kAhead))], 1);
        const quint16 count = countAt(i);
        if (quint64(offset) + count > entries)
            return fail("entry counts do not add up");
        for (quint32 k = 0; k < count; ++k) {
            if (classAt(offset + k) >= classes)
                return fail("entry of an unknown class");
        }
        const quint64 key = keyAt(i);
        const quint16 tag = tagOf(key);
        size_t s = slotOf(key);
        while (m_slots[s].tag != 0 && m_slots[s].tag != tag)
            ++s;
        // Always an empty slot after the last one used, where probes stop.
        if (s + 1 >= m_slots.size())
            m_slots.resize(s + 64, Slot {});
        Slot &slot = m_slots[s];
        if (slot.tag == tag) {
            // Two features that share their first slot and their 16 bits (once in some hundred thousand): find()
            // only ever sees the first. With the weights in place it carries both; else the second is left out.
            if (inPlace) {
                for (quint32 k = 0; k < count; ++k) {
                    const quint16 c = classAt(offset + k);
                    slot.w[c] = qint16(std::clamp(int(slot.w[c]) + weightAt(offset + k), -32768, 32767));
                }
            }
            offset += count;
            continue;
        }
        slot.tag = tag;
        if (inPlace) {
            for (quint32 k = 0; k < count; ++k)
                slot.w[classAt(offset + k)] = weightAt(offset + k);
        } else if (count <= 2) {
            const quint16 first = count > 0 ? classAt(offset) : 0;
            const quint16 second = count > 1 ? classAt(offset + 1) : first;
            slot.w[0] = qint16(quint16(first | second << 8));
            slot.w[1] = count > 0 ? weightAt(offset) : qint16(0);
            slot.w[2] = count > 1 ? weightAt(offset + 1) : qint16(0);
        } else {
            const size_t row = rows++;
            slot.w[0] = qint16(quint16(kDense | kDense << 8));
            slot.w[1] = qint16(quint16(row));
            slot.w[2] = qint16(quint16(row >> 16));
            qint16 *weights = m_rows.data() + row * classes;
            for (quint32 k = 0; k < count; ++k)
                weights[classAt(offset + k)] = weightAt(offset + k);
        }
        offset += count;
    }
    if (offset != entries)
        return fail("entry counts do not add up");
    m_rows.resize(rows * classes);
    if (!m_rows.empty())
        m_rows.resize(m_rows.size() + kRowPadding, 0); // for detail::addRowAvx2(), which reads past a row's end
    m_size = features;
    return true;
}

int CompactWeights::predict(std::span<const Feature> features, std::span<qint32> scores) const
{
    std::fill(scores.begin(), scores.end(), 0);
    addScores(features, scores);
    return int(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

Perceptron::Perceptron(QStringList classes)
    : m_classes(std::move(classes))
{ }

void Perceptron::score(std::span<const Feature> features, std::span<float> scores) const
{
    std::fill(scores.begin(), scores.end(), 0.0f);
    for (const Feature f : features) {
        const auto it = m_weights.find(f);
        if (it == m_weights.end())
            continue;
        for (const Param &p : it->second)
            scores[p.cls] += p.weight;
    }
}

int Perceptron::predict(std::span<const Feature> features) const
{
    std::vector<float> scores(size_t(m_classes.size()));
    score(features, scores);
    return int(std::max_element(scores.begin(), scores.end()) - scores.begin());
}

void Perceptron::bump(Feature f, int cls, float delta)
{
    std::vector<Param> &params = m_weights[f];
    auto it = std::find_if(params.begin(), params.end(), [cls](const Param &p) { return p.cls == cls; });
    if (it == params.end()) {
        params.push_back(Param { quint16(cls), 0.0f, 0.0, m_examples });
        it = params.end() - 1;
    }
    it->total += double(m_examples - it->stamp) * double(it->weight);
    it->stamp = m_examples;
    it->weight += delta;
}

void Perceptron::update(std::span<const Feature> features, int truth, int guess)
{
    ++m_examples;
    if (truth == guess)
        return;
    for (const Feature f : features) {
        bump(f, truth, 1.0f);
        bump(f, guess, -1.0f);
    }
}

QByteArray Perceptron::save(const QByteArray &meta, float minWeight) const
{
    const Perceptron *const self[] = { this };
    return saveAverage(self, meta, minWeight);
}

QByteArray Perceptron::saveAverage(std::span<const Perceptron *const> models, const QByteArray &meta, float minWeight)
{
    if (models.empty())
        return {};
    const QStringList &classes = models.front()->m_classes;
    // Averaged weights of the features that keep at least one weight, sorted by key so that the file is the
    // same whatever the hash map's order. Of several models, each one's averaged weights summed in their order,
    // then divided by their number.
    struct Kept
    {
        Feature key;
        std::vector<std::pair<quint16, float>> weights;
    };
    std::unordered_map<Feature, std::vector<std::pair<quint16, float>>> sums;
    for (const Perceptron *m : models) {
        const double examples = double(std::max<quint64>(m->m_examples, 1));
        for (const auto &[key, params] : m->m_weights) {
            std::vector<std::pair<quint16, float>> &row = sums[key];
            for (const Param &p : params) {
                const double total = p.total + double(m->m_examples - p.stamp) * double(p.weight);
                const float avg = float(total / examples);
                if (avg == 0.0f)
                    continue;
                const auto at = std::find_if(row.begin(), row.end(), [&](const auto &w) { return w.first == p.cls; });
                if (at == row.end())
                    row.emplace_back(p.cls, avg);
                else
                    at->second += avg;
            }
        }
    }
    const float count = float(models.size());
    std::vector<Kept> kept;
    kept.reserve(sums.size());
    float largest = 0.0f;
    for (auto &[key, row] : sums) {
        Kept k { key, {} };
        for (const auto &[cls, sum] : row) {
            const float avg = models.size() == 1 ? sum : sum / count;
            if (std::fabs(avg) > 0.0f && std::fabs(avg) >= minWeight)
                k.weights.emplace_back(cls, avg);
        }
        if (k.weights.empty())
            continue;
        std::sort(k.weights.begin(), k.weights.end());
        for (const auto &w : k.weights)
            largest = std::max(largest, std::fabs(w.second));
        kept.push_back(std::move(k));
    }
    std::sort(kept.begin(), kept.end(), [](const Kept &a, const Kept &b) { return a.key < b.key; });
    const float scale = largest > 0.0f ? 32767.0f / largest : 1.0f;
    // Weights that round to zero are dropped too.
    quint32 entries = 0;
    for (Kept &k : kept) {
        std::erase_if(k.weights, [scale](const auto &w) { return std::lround(w.second * scale) == 0; });
        entries += quint32(k.weights.size());
    }
    std::erase_if(kept, [](const Kept &k) { return k.weights.empty(); });

    Writer w;
    w.put(kMagic);
    w.put(kVersion);
    w.put(quint32(classes.size()));
    for (const QString &c : classes)
        w.putBytes(c.toUtf8());
    w.putBytes(meta);
    w.put(quint32(kept.size()));
    w.put(entries);
    for (const Kept &k : kept)
        w.put(quint64(k.key ? k.key : 1));
    for (const Kept &k : kept)
        w.put(quint16(k.weights.size()));
    for (const Kept &k : kept) {
        for (const auto &[cls, weight] : k.weights) {
            w.put(cls);
            w.put(qint16(std::lround(weight * scale)));
        }
    }
    return w.bytes();
}

} // namespace entente::learn
