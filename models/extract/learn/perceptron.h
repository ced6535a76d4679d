#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace entente::learn {

// A feature is a 64-bit hash of a template number and the values it combines (the word, the previous
// tag, ...): no feature strings are ever built, and a feature is one hash-table probe.
using Feature = quint64;

// splitmix64's finaliser: a bijection that spreads the bits of its argument over the whole word.
[[nodiscard]] constexpr quint64 mix64(quint64 x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

[[nodiscard]] constexpr Feature feature(quint32 templ, quint64 a)
{
    return mix64(a ^ mix64(quint64(templ) + 0x9e3779b97f4a7c15ULL));
}

[[nodiscard]] constexpr Feature feature(quint32 templ, quint64 a, quint64 b)
{
    return mix64(b ^ feature(templ, a) * 0xff51afd7ed558ccdULL);
}

[[nodiscard]] constexpr Feature feature(quint32 templ, quint64 a, quint64 b, quint64 c)
{
    return mix64(c ^ feature(templ, a, b) * 0xc4ceb9fe1a85ec53ULL);
}

// The tagger's and the parser's features: the same role as feature(), at a fraction of its cost (one
// multiplication per value and one to finish, where feature() chains two per value). It differs from
// feature(), so that models trained with one cannot be read with the other. Its top bit is clear.
[[nodiscard]] constexpr Feature fastFeature(quint32 templ, quint64 a, quint64 b = 0, quint64 c = 0)
{
    quint64 h = (a * 0x9e3779b97f4a7c15ULL) ^ (b * 0xc2b2ae3d27d4eb4fULL) ^ (c * 0x165667b19e3779f9ULL)
        ^ (quint64(templ) * 0xd6e8feb86659fd93ULL);
    h ^= h >> 32;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 29;
    return h & ~(quint64(1) << 63);
}

// A fastFeature() of a template whose values come from a small set (tags, relations, distances, not words):
// the few thousand features of such templates are asked for at nearly every word, and CompactWeights keeps them
// together in a region of their own, a few cache lines that stay in the cache, instead of one line each.
[[nodiscard]] constexpr Feature smallFeature(quint32 templ, quint64 a, quint64 b = 0, quint64 c = 0)
{
    return fastFeature(templ, a, b, c) | quint64(1) << 63;
}

namespace detail {
void *allocateLarge(size_t bytes);
void freeLarge(void *p, size_t bytes);

// Whether the processor has AVX2, and scores[c] += row[c] for c < classes with it (only then to be called). It
// reads up to seven weights past the row's end, but no scores past `classes`.
[[nodiscard]] bool hasAvx2();
void addRowAvx2(const qint16 *row, qint32 *scores, size_t classes);

// Memory for the weight tables, in huge pages when they are big: a probe lands anywhere in megabytes, and with
// 4 KB pages nearly every one also missed the TLB.
template<typename T> struct LargeAllocator
{
    using value_type = T;
    LargeAllocator() = default;
    template<typename U> LargeAllocator(const LargeAllocator<U> &) { }
    [[nodiscard]] T *allocate(size_t n) { return static_cast<T *>(allocateLarge(n * sizeof(T))); }
    void deallocate(T *p, size_t n) { freeLarge(p, n * sizeof(T)); }
    friend bool operator==(const LargeAllocator &, const LargeAllocator &) { return true; }
};
} // namespace detail

// The weights of a trained linear model: for each feature, the classes it votes for and how much. Sparse (a
// feature touches the few classes it was updated for) and quantised to 16 bits, so that a model of a few
// hundred thousand features is a few megabytes and is read in milliseconds. Read-only and thread-safe.
//
//     WeightTable w;
//     w.load(bytes);               // a model file, as Perceptron::save() wrote it
//     std::vector<qint32> scores(size_t(w.classCount()));
//     w.score(features, scores);   // scores[c] = sum of the features' weights for class c
class WeightTable
{
public:
    WeightTable();
    ~WeightTable();
    WeightTable(WeightTable &&) noexcept;
    WeightTable &operator=(WeightTable &&) noexcept;

    // Reads a model written by Perceptron::save(); false (and an empty table) when the bytes are not one.
    bool load(QByteArrayView bytes, QString *error = nullptr);

    [[nodiscard]] bool isEmpty() const { return m_slots.empty(); }
    [[nodiscard]] int classCount() const { return int(m_classes.size()); }
    [[nodiscard]] const QStringList &classNames() const { return m_classes; }
    [[nodiscard]] int classIndex(const QString &name) const { return int(m_classes.indexOf(name)); }
    [[nodiscard]] size_t featureCount() const { return m_size; }
    // Free-form metadata the trainer stored with the model (its options, what it was trained on).
    [[nodiscard]] const QByteArray &meta() const { return m_meta; }

    // Adds the weights of `features` to `scores` (classCount() entries, not cleared first).
    void addScores(std::span<const Feature> features, std::span<qint32> scores) const
    {
        if (m_slots.empty())
            return;
        // In a table of megabytes nearly every probe misses the cache. Asking for all the slots of a batch, then
        // all their spilled entries, before reading any lets the misses overlap instead of queueing: the tagger
        // and the parser ran two to three times faster so. Most features keep their weights in their slot and
        // cost one miss, not two.
        constexpr size_t kBatch = 32;
        const Slot *found[kBatch];
        for (size_t start = 0; start < features.size(); start += kBatch) {
            const size_t end = std::min(features.size(), start + kBatch);
            for (size_t i = start; i < end; ++i)
                __builtin_prefetch(&m_slots[size_t(features[i] ? features[i] : 1) & m_mask]);
            size_t n = 0;
            for (size_t i = start; i < end; ++i) {
                if (const Slot *s = find(features[i])) {
                    if (!m_dense && s->data[0] == kSpilled)
                        __builtin_prefetch(m_entries.data() + s->offset());
                    found[n++] = s;
                }
            }
            for (size_t j = 0; j < n; ++j) {
                const quint16 *d = found[j]->data;
                if (m_dense) {
                    for (size_t c = 0; c < scores.size() && c < 4; ++c)
                        scores[c] += qint16(d[c]);
                } else if (d[0] != kSpilled) {
                    scores[d[0]] += qint16(d[1]);
                    scores[d[2]] += qint16(d[3]);
                } else {
                    const Entry *e = m_entries.data() + found[j]->offset();
                    for (quint32 k = 0; k < d[1]; ++k)
                        scores[e[k].cls] += e[k].weight;
                }
            }
        }
    }
    // The class with the highest score (the lowest index among ties); `scores` is scratch space.
    [[nodiscard]] int predict(std::span<const Feature> features, std::span<qint32> scores) const;

private:
    template<typename T> using LargeAllocator = detail::LargeAllocator<T>;

    // A feature's weights. With at most four classes (the parser's transitions), the weight of each class in
    // place. Else up to two entries {class, weight} in place, a missing second one as {the first's class, 0};
    // or kSpilled, the number of entries and the offset of the first in m_entries.
    static constexpr quint16 kSpilled = 0xffff; // never a class: there are at most 65535
    struct Slot
    {
        quint64 key = 0; // 0: empty
        quint16 data[4] = {};
        [[nodiscard]] quint32 offset() const { return quint32(data[2]) | quint32(data[3]) << 16; }
    };
    struct Entry
    {
        quint16 cls;
        qint16 weight;
    };
    [[nodiscard]] const Slot *find(Feature f) const
    {
        const quint64 key = f ? f : 1;
        for (size_t i = size_t(key) & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.key == key)
                return &s;
            if (s.key == 0)
                return nullptr;
        }
    }

    QStringList m_classes;
    QByteArray m_meta;
    std::vector<Slot, LargeAllocator<Slot>> m_slots;
    std::vector<Entry, LargeAllocator<Entry>> m_entries;
    size_t m_mask = 0;
    bool m_dense = false;
    size_t m_size = 0;
};

// The same weights as WeightTable reads from the same files, laid out for the tagger and the parser, which score
// every word with tens of features and whose time went into the probes. A slot is 8 bytes: 16 bits of the
// feature's key to tell it from others (a feature not in the model matches one that is with a chance of 1 in
// 65,536 per slot probed, and then takes that feature's weights: harmless noise) and either the weights of up to
// three classes or two {class, weight} entries; a feature of more entries has a dense row of every class's
// weight instead, which is added with no per-entry branches, or for only the classes asked for. The table is
// three fifths full, so that a probe seldom leaves the first cache line it reads, and the features of
// smallFeature() have a region of their own. At most 254 classes.
// Read-only and thread-safe.
//
//     CompactWeights w;
//     w.load(bytes);               // a model file, as Perceptron::save() wrote it
//     w.addScores(features, scores);
class CompactWeights
{
public:
    CompactWeights();
    ~CompactWeights();
    CompactWeights(CompactWeights &&) noexcept;
    CompactWeights &operator=(CompactWeights &&) noexcept;

    // Reads a model written by Perceptron::save(); false (and an empty table) when the bytes are not one or it
    // has more than 254 classes.
    bool load(QByteArrayView bytes, QString *error = nullptr);

    [[nodiscard]] bool isEmpty() const { return m_slots.empty(); }
    [[nodiscard]] int classCount() const { return int(m_classes.size()); }
    [[nodiscard]] const QStringList &classNames() const { return m_classes; }
    [[nodiscard]] int classIndex(const QString &name) const { return int(m_classes.indexOf(name)); }
    [[nodiscard]] size_t featureCount() const { return m_size; }
    [[nodiscard]] const QByteArray &meta() const { return m_meta; }
    // Bytes of the tables: what the probes range over.
    [[nodiscard]] size_t memoryBytes() const { return m_slots.size() * sizeof(Slot) + m_rows.size() * 2; }

    // Adds the weights of `features` to `scores` (classCount() entries, not cleared first).
    void addScores(std::span<const Feature> features, std::span<qint32> scores) const
    {
        qint32 *row = scores.data();
        accumulate(features, [row](size_t) { return row; }, {});
    }
    // The same when only the scores of `classes` (in increasing order) will be read: the others may be left
    // short. A parser that knows which relations can join two tags asks for those only.
    void addScores(std::span<const Feature> features, std::span<qint32> scores, std::span<const quint8> classes) const
    {
        qint32 *row = scores.data();
        accumulate(
            features, [row](size_t) { return row; }, classes);
    }
    // The same for many rows at once: the weights of features[j] go to the classCount() scores that start at
    // scores + rows[j] * classCount(). The more features one call asks for, the more of their cache misses
    // overlap: a tagger scores a whole sentence's features that do not depend on its decisions so.
    void addScoresToRows(std::span<const Feature> features, std::span<const quint32> rows, qint32 *scores) const
    {
        const size_t stride = size_t(m_classCount);
        accumulate(features, [&](size_t j) { return scores + size_t(rows[j]) * stride; }, {});
    }
    // The class with the highest score (the lowest index among ties); `scores` is scratch space.
    [[nodiscard]] int predict(std::span<const Feature> features, std::span<qint32> scores) const;

private:
    template<typename RowOf>
    void accumulate(std::span<const Feature> features, RowOf rowOf, std::span<const quint8> only) const
    {
        if (m_slots.empty())
            return;
        // As in WeightTable: ask for a batch of slots before reading any, so that their cache misses overlap.
        constexpr size_t kBatch = 32;
        const Slot *found[kBatch];
        quint32 index[kBatch];
        const size_t classes = size_t(m_classCount);
        // A dense row is added whole, eight classes an instruction with AVX2, unless the classes asked for are so
        // few that adding them one by one is cheaper (the others' scores are left as they come).
        const bool wholeRow = only.empty() || (m_avx2 && only.size() * 8 >= classes + 16);
        // The first and the last weight of a dense row that will be read.
        const size_t firstRead = wholeRow ? 0 : only.front(), lastRead = wholeRow ? classes - 1 : only.back();
        for (size_t start = 0; start < features.size(); start += kBatch) {
            const size_t end = std::min(features.size(), start + kBatch);
            for (size_t i = start; i < end; ++i) {
                found[i - start] = m_slots.data() + slotOf(features[i]);
                __builtin_prefetch(found[i - start]);
            }
            if (classes == 3) {
                // The parser's transitions have their weights in the slot and no second miss to ask for: each
                // feature's are added as it is found, with no second pass over the batch.
                for (size_t i = start; i < end; ++i) {
                    if (const Slot *s = find(found[i - start], tagOf(features[i]))) {
                        qint32 *scores = rowOf(i);
                        scores[0] += s->w[0];
                        scores[1] += s->w[1];
                        scores[2] += s->w[2];
                    }
                }
                continue;
            }
            if (classes < 3) { // the same
                for (size_t i = start; i < end; ++i) {
                    if (const Slot *s = find(found[i - start], tagOf(features[i]))) {
                        qint32 *scores = rowOf(i);
                        for (size_t c = 0; c < classes; ++c)
                            scores[c] += s->w[c];
                    }
                }
                continue;
            }
            size_t n = 0;
            for (size_t i = start; i < end; ++i) {
                const Slot *s = find(found[i - start], tagOf(features[i]));
                found[n] = s;
                index[n] = quint32(i);
                n += s != nullptr;
                // A dense row is a second miss: ask for it now, so that it overlaps with the batch's others.
                if (s && (quint16(s->w[0]) & 0xff) == kDense) {
                    const qint16 *row = m_rows.data() + rowOffset(s);
                    __builtin_prefetch(row + firstRead);
                    __builtin_prefetch(row + lastRead);
                }
            }
            for (size_t j = 0; j < n; ++j) {
                const Slot *s = found[j];
                qint32 *scores = rowOf(index[j]);
                const quint16 pair = quint16(s->w[0]);
                if ((pair & 0xff) != kDense) {
                    scores[pair & 0xff] += s->w[1];
                    scores[pair >> 8] += s->w[2];
                    continue;
                }
                const qint16 *row = m_rows.data() + rowOffset(s);
                if (wholeRow) {
                    if (m_avx2)
                        detail::addRowAvx2(row, scores, classes);
                    else
                        addRow(row, scores, classes);
                } else {
                    for (const quint8 c : only)
                        scores[c] += row[c];
                }
            }
        }
    }

    // scores[c] += row[c] for c < classes; eight at a time where SSE2 is there.
    static void addRow(const qint16 *row, qint32 *scores, size_t classes)
    {
        size_t c = 0;
#if defined(__SSE2__)
        for (; c + 8 <= classes; c += 8) {
            const __m128i w = _mm_loadu_si128(reinterpret_cast<const __m128i *>(row + c));
            // Each 16-bit weight into the top half of a 32-bit lane, then shifted down with its sign.
            const __m128i low = _mm_srai_epi32(_mm_unpacklo_epi16(w, w), 16);
            const __m128i high = _mm_srai_epi32(_mm_unpackhi_epi16(w, w), 16);
            __m128i *out = reinterpret_cast<__m128i *>(scores + c);
            _mm_storeu_si128(out, _mm_add_epi32(_mm_loadu_si128(out), low));
            _mm_storeu_si128(out + 1, _mm_add_epi32(_mm_loadu_si128(out + 1), high));
        }
#endif
        for (; c < classes; ++c)
            scores[c] += row[c];
    }

    static constexpr quint16 kDense = 0xff;
    static constexpr size_t kRowPadding = 8; // unused weights after the last dense row
    struct Slot
    {
        quint16 tag = 0; // 0: empty
        qint16 w[3] = {};
    };
    [[nodiscard]] static quint16 tagOf(Feature f)
    {
        const quint16 t = quint16(f >> 48);
        return t ? t : 1;
    }
    [[nodiscard]] size_t rowOffset(const Slot *s) const
    {
        return (size_t(quint16(s->w[1])) | size_t(quint16(s->w[2])) << 16) * size_t(m_classCount);
    }
    // The first slot to probe: the low 32 bits of the key scaled to the table's size (Lemire's "fastrange"), so
    // that the table can be any size and not only a power of two; the probe moves on through a margin of empty
    // slots at the end instead of wrapping round.
    [[nodiscard]] size_t slotOf(Feature f) const
    {
        const Region &r = m_regions[f >> 63];
        return r.base + size_t((f & 0xffffffffULL) * r.capacity >> 32);
    }
    // The slot of the feature whose first slot is `s` and whose tag is `tag`, or nullptr.
    [[nodiscard]] static const Slot *find(const Slot *s, quint16 tag)
    {
        for (;; ++s) {
            if (s->tag == tag)
                return s;
            if (s->tag == 0)
                return nullptr;
        }
    }

    QStringList m_classes;
    QByteArray m_meta;
    std::vector<Slot, detail::LargeAllocator<Slot>> m_slots; // m_capacity, then empty ones for probes to run on
    std::vector<qint16, detail::LargeAllocator<qint16>> m_rows; // classCount() weights for each dense feature
    quint64 m_capacity = 0; // slots of the large region, after the small one's
    quint64 m_smallCapacity = 0; // slots for the features of smallFeature(), first
    size_t m_largeBase = 0;
    // The same by the feature's top bit, for slotOf(): {m_largeBase, m_capacity}, {0, m_smallCapacity}.
    struct Region
    {
        size_t base = 0;
        quint64 capacity = 0;
    };
    Region m_regions[2];
    size_t m_size = 0;
    int m_classCount = 0;
    bool m_avx2 = false; // detail::hasAvx2()
};

// An averaged multi-class perceptron over hashed binary features (Collins 2002; the averaging as in
// Honnibal's "A good part-of-speech tagger in about 200 lines of Python": lazy totals with time stamps).
// Training only: save() writes the averaged, pruned and quantised weights that WeightTable reads.
//
//     Perceptron p(classNames);
//     for (each epoch, each example) {
//         const int guess = p.predict(features);
//         p.update(features, truth, guess);   // also counts the example
//     }
//     QByteArray model = p.save(meta);
class Perceptron
{
public:
    explicit Perceptron(QStringList classes);

    [[nodiscard]] int classCount() const { return int(m_classes.size()); }
    [[nodiscard]] const QStringList &classNames() const { return m_classes; }

    // Current (not averaged) scores; `scores` gets classCount() entries.
    void score(std::span<const Feature> features, std::span<float> scores) const;
    [[nodiscard]] int predict(std::span<const Feature> features) const;
    // One example seen: when guess != truth the truth's weights of the features go up by one and the guess's
    // down by one. Call it for every example, right or wrong: the averages count examples.
    void update(std::span<const Feature> features, int truth, int guess);
    [[nodiscard]] size_t featureCount() const { return m_weights.size(); }

    // The averaged weights, without features whose largest averaged |weight| is under `minWeight`, quantised
    // to 16 bits. `meta` is stored as it is (the trainer's options and data).
    [[nodiscard]] QByteArray save(const QByteArray &meta = {}, float minWeight = 0.0f) const;
    // An ensemble in one model: the averaged weights of `models` (of the same classes, trained on the same
    // examples, say with other seeds) averaged again, then pruned and quantised as save() does. The model scores
    // as the sum of theirs would, at the cost of one. One model gives what its save() gives.
    [[nodiscard]] static QByteArray saveAverage(
        std::span<const Perceptron *const> models, const QByteArray &meta = {}, float minWeight = 0.0f);

private:
    struct Param
    {
        quint16 cls = 0;
        float weight = 0; // current
        double total = 0; // sum of the weight over all examples seen up to `stamp`
        quint64 stamp = 0;
    };
    void bump(Feature f, int cls, float delta);

    QStringList m_classes;
    std::unordered_map<Feature, std::vector<Param>> m_weights;
    quint64 m_examples = 0;
};

} // namespace entente::learn
