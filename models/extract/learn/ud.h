#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace entente::learn {

// What the part-of-speech tagger and the dependency parser share: the Universal Dependencies tag set, the
// UD training and test parts as the trainers read them, a deterministic shuffle, and the sectioned file
// that holds a model's weight tables.

// The 17 universal part-of-speech tags (https://universaldependencies.org/u/pos/), in UD's alphabetical order.
enum class Upos : quint8 {
    ADJ,
    ADP,
    ADV,
    AUX,
    CCONJ,
    DET,
    INTJ,
    NOUN,
    NUM,
    PART,
    PRON,
    PROPN,
    PUNCT,
    SCONJ,
    SYM,
    VERB,
    X
};
inline constexpr int kUposCount = 17;

[[nodiscard]] QString uposName(Upos tag);
[[nodiscard]] std::optional<Upos> uposFromName(QStringView name);
// Every tag's name, in the enum's order (a tagger's class names).
[[nodiscard]] const QStringList &uposNames();

// One sentence of a treebank as the trainers use it: words, gold tags, and gold heads (-1 for the root) and
// relations (indices into the corpus's label list; "nsubj:pass" is a label of its own).
struct UdSentence
{
    QString docId;
    QStringList words;
    std::vector<Upos> tags;
    std::vector<int> heads;
    std::vector<int> labels;
};

// The UD parts the syntax models learn from and are measured on (see ../shared/data/training/README.md):
// train is EWT train then GUM's train documents; GUM's dev and test documents are split off by their ids.
struct UdData
{
    QStringList labels; // every relation of the train part, sorted ("root" among them)
    QList<UdSentence> train;
    QList<UdSentence> ewtDev;
    QList<UdSentence> ewtTest;
    QList<UdSentence> gumTest;
};

enum class UdParts { TrainAndTest, TestOnly };

// Reads the treebanks from `dataDir` (the folder of ud/). With `maxSentences` > 0 only the first that many
// training sentences are kept. A relation of a test sentence that the train part lacks gets index -1.
// Returns false with `error` set when a file is missing or unreadable.
bool readUdData(const QString &dataDir, UdData &out, QString *error, int maxSentences = 0,
    UdParts parts = UdParts::TrainAndTest, const QStringList &labels = {});

// splitmix64 (Steele, Lea and Flood 2014): a tiny generator whose sequence is fixed by its seed on every
// platform, unlike std::shuffle's, so that training is reproducible to the byte.
class SplitMix64
{
public:
    explicit SplitMix64(quint64 seed)
        : m_state(seed)
    { }
    quint64 next();
    // Uniform in [0, n); n > 0.
    quint64 below(quint64 n) { return next() % n; }
    // Uniform in [0, 1).
    double unit() { return double(next() >> 11) * 0x1.0p-53; }

private:
    quint64 m_state;
};

// Fisher-Yates with SplitMix64: the same permutation for the same seed everywhere.
void shuffle(std::vector<int> &items, SplitMix64 &rng);

// Makes a tree projective by lifting (Nivre and Nilsson 2005, without encoding the lifts in the labels): while
// an arc crosses another, the shortest such arc's dependent is attached to its head's head. Returns the
// number of lifts. `heads` holds -1 for the root.
int projectivize(std::span<int> heads);
[[nodiscard]] bool isProjective(std::span<const int> heads);
// One root, every head in range, no cycle.
[[nodiscard]] bool isTree(std::span<const int> heads);

// A read-only map from 64-bit keys (hashes of words) to 32-bit values, stored as a section of a model file: the
// entry count, then each key and value, sorted by key, little-endian. An open-addressing table at run time.
//
//     QByteArray section = KeyMap::pack({ { wordInfo(u"the").form, 5 } });
//     KeyMap m;
//     m.load(section);
//     m.value(wordInfo(u"the").form);   // 5; 0 for a key not there
class KeyMap
{
public:
    [[nodiscard]] static QByteArray pack(std::vector<std::pair<quint64, quint32>> entries);
    // False when the bytes are not such a section or a value is `maxValue` or more.
    bool load(QByteArrayView section, quint32 maxValue = 0xffffffffU);
    [[nodiscard]] size_t size() const { return m_size; }
    // The key's value; `missing` when it is not there.
    [[nodiscard]] quint32 value(quint64 key, quint32 missing = 0) const
    {
        if (m_slots.empty())
            return missing;
        const quint64 k = key ? key : 1;
        for (size_t i = size_t(k) & m_mask;; i = (i + 1) & m_mask) {
            const Slot &s = m_slots[i];
            if (s.key == k)
                return s.value;
            if (s.key == 0)
                return missing;
        }
    }

private:
    struct Slot
    {
        quint64 key = 0; // 0: empty (a key 0 is stored as 1)
        quint32 value = 0;
    };
    std::vector<Slot> m_slots;
    size_t m_mask = 0;
    size_t m_size = 0;
};

// A model file of several parts (the tagger's tag dictionary and weights, the parser's two classifiers):
// a magic number naming the model, a version, then each section's size and bytes.
[[nodiscard]] QByteArray packSections(quint32 magic, quint32 version, const QList<QByteArray> &sections);
// The sections as views into `bytes`; false with `error` set when the bytes are not such a file.
bool unpackSections(
    QByteArrayView bytes, quint32 magic, quint32 version, QList<QByteArrayView> &sections, QString *error);

} // namespace entente::learn
