#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

#include <functional>
#include <span>
#include <unordered_map>
#include <vector>

namespace entente::learn {

// Hierarchical word clusters (Brown et al. 1992) learnt from unlabelled text: each known word has a bit string,
// its path from the root of a binary tree over the clusters, and words used alike share long prefixes. Taggers
// use the prefixes as features, so that a word never seen labelled still votes like the words of its cluster
// (Koo et al. 2008, Ratinov & Roth 2009). Words are looked up by WordInfo::norm, the hash of their lower-cased
// form with every digit as 0 ("France" and "FRANCE" share a path, so do "1999" and "2023"). Read-only and
// thread-safe once loaded.
//
//     const WordClusters &clusters = WordClusters::shared();
//     const WordInfo w = wordInfo(u"Germany");
//     for (int bits : { 4, 6, 10, 20 })
//         if (const quint64 p = clusters.prefix(w.norm, bits))
//             features.push_back(feature(kClusterTemplate + bits, p));
class WordClusters
{
public:
    // A path of up to 32 steps from the root, the first step in the highest of the `length` low bits:
    // "0110" is bits 0b0110, length 4.
    struct Path
    {
        quint32 bits = 0;
        quint8 length = 0;
        [[nodiscard]] QString toString() const;
        friend bool operator==(const Path &, const Path &) = default;
    };

    // The shipped clusters (modelFile("clusters.bin")), loaded on first use; empty when there are none.
    [[nodiscard]] static const WordClusters &shared();

    // Reads a clusters.bin file; false (and no clusters) when the bytes are not a whole, undamaged one.
    bool load(QByteArrayView bytes, QString *error = nullptr);
    [[nodiscard]] bool isLoaded() const { return !m_keys.empty(); }

    // The path of a word by the key of its normalised form (WordInfo::norm); {0, 0} when the word is unknown.
    [[nodiscard]] Path path(quint64 key) const;
    // A hash of the first `length` steps of the word's path (the whole path when it is shorter), never 0 for a
    // known word; 0 when the word is unknown.
    [[nodiscard]] quint64 prefix(quint64 key, int length) const;
    // The word's cluster, numbered 0 ... clusterCount() - 1 from left to right in the tree; -1 when unknown.
    [[nodiscard]] int cluster(quint64 key) const;
    [[nodiscard]] Path clusterPath(int cluster) const;

    [[nodiscard]] int clusterCount() const { return int(m_paths.size()); }
    [[nodiscard]] int wordCount() const { return int(m_keys.size()); }
    // What the trainer stored with the clusters: the algorithm, C, the vocabulary and the text it read.
    [[nodiscard]] const QByteArray &meta() const { return m_meta; }

    // The number of leading steps two paths share.
    [[nodiscard]] static int commonPrefix(Path a, Path b);

    // How the clusters' text was cut into words, roughly as Universal Dependencies does: punctuation apart
    // (but "U.S.", "Mr." and "3.5" whole), hyphens between words apart, and the clitics 's, n't, 're, 've,
    // 'll, 'd, 'm apart ("don't" -> "do" "n't", "States'" -> "States" "'"). The views point into `text`.
    [[nodiscard]] static QList<QStringView> tokenize(QStringView text);

private:
    [[nodiscard]] qsizetype find(quint64 key) const;

    std::vector<quint64> m_keys; // sorted
    std::vector<quint16> m_clusterOf; // by m_keys' order
    std::vector<Path> m_paths; // by cluster
    std::vector<quint32> m_buckets; // the first index of each run of keys sharing their top kBucketBits bits
    QByteArray m_meta;
};

// Brown clustering as in Percy Liang's brown-cluster: the C most frequent words start in clusters of their
// own; every further word, in order of frequency, enters as a cluster of its own and the two clusters whose
// merge loses least of the mutual information between neighbouring clusters are merged; once every word is
// in, the C clusters left are merged the same way into a binary tree. Training only; deterministic (the same
// text and options give the same bytes).
//
//     BrownClusterer b;
//     for (const QString &line : lines)
//         b.addText(line);         // neighbours run on across calls until endDocument()
//     b.endDocument();
//     QByteArray bytes = b.train({ .clusters = 500, .minCount = 5 });
class BrownClusterer
{
public:
    struct Options
    {
        int clusters = 1000; // C
        int minCount = 5; // words seen fewer times are not clustered
        int maxWords = 0; // 0: every word seen minCount times; else only the most frequent ones
        // Recompute every incrementally kept loss from scratch every this many steps and fail when one is off
        // (tests); 0: never.
        int checkEvery = 0;
        std::function<void(const QString &)> log;
    };
    // What train() found, for its report.
    struct Summary
    {
        qint64 tokens = 0; // words read
        qint64 clusteredTokens = 0; // of them, words of the vocabulary
        int words = 0; // vocabulary size
        int clusters = 0;
        int maxDepth = 0; // the longest path, before paths are cut to 32 steps
        double mutualInformation = 0.0; // bits, between the neighbouring words' C clusters
    };

    // Words of one stretch of text: each is a neighbour of the one before it, also across calls, until
    // endDocument().
    void addTokens(std::span<const QStringView> tokens);
    void addText(QStringView text) { addTokens(WordClusters::tokenize(text)); }
    void endDocument();
    [[nodiscard]] qint64 tokenCount() const { return m_tokens; }

    // The clusters.bin bytes; empty with `error` set when there is nothing to cluster or a check failed.
    [[nodiscard]] QByteArray train(const Options &options, QString *error = nullptr);
    [[nodiscard]] const Summary &summary() const { return m_summary; }
    // After train(): the `count` most frequent words of `word`'s cluster (its normalised forms), for reports.
    [[nodiscard]] QStringList clusterWords(QStringView word, int count) const;

private:
    int idOf(QStringView token);

    std::unordered_map<quint64, int> m_idOfForm; // hash of the exact form -> word id (a cache)
    std::unordered_map<quint64, int> m_idOfKey; // WordInfo::norm -> word id
    std::vector<quint64> m_keys; // by word id
    std::vector<QString> m_texts; // by word id: the normalised form, for reports and to break ties
    std::vector<qint64> m_counts; // by word id
    std::vector<qint32> m_stream; // word ids in text order, -1 between documents
    std::vector<qint32> m_clusterOf; // by word id, after train(): the cluster, or -1
    qint64 m_tokens = 0;
    Summary m_summary;
};

struct TrainOptions;

// Feeds `clusterer` the text the shipped clusters are learnt from: the train parts of the annotated corpora
// in options.dataDir (UD EWT train, the GUM documents outside its dev and test lists, wikigold, re3d, BTC; as
// they are tokenised) and the UN General Debate speeches of ../shared/corpus/ungdc, two folders above it
// (through WordClusters::tokenize; options.maxSentences > 0 reads only that many of their lines).
bool readClusterText(BrownClusterer &clusterer, const TrainOptions &options, QString *error = nullptr);

// The lines of the .txt files of a tar.xz archive (the UN General Debate speeches), as tar streams them, in the
// archive's order, through one UTF-8 decoder (a byte order mark is dropped at the stream's start only, wherever the
// pipe cuts it). `line` returns false to stop there. False with `error` set when the archive is missing or tar fails.
bool forEachArchiveLine(
    const QString &archive, const std::function<bool(QStringView line)> &line, QString *error = nullptr);

} // namespace entente::learn
