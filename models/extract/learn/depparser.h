#pragma once

#include "perceptron.h"
#include "training.h"
#include "ud.h"
#include "wordfeatures.h"

#include <QByteArrayView>
#include <QStringList>
#include <QStringView>

#include <span>

namespace entente::learn {

class PosTagger;

// A dependency parser for Universal Dependencies trees: greedy and transition-based (the arc-hybrid system
// of Kuhlmann, Gómez-Rodríguez and Satta 2011, with the root at the end of the buffer), each transition chosen
// by an averaged perceptron over features of the stack and buffer in the style of Zhang and Nivre 2011, and
// each arc labelled by a second perceptron when it is made, among the relations that the two words' tags took in
// training. Trained with a dynamic oracle (Goldberg and
// Nivre 2013) on tags predicted the way they are at run time. Time is linear in the sentence's length.
// Read-only once loaded: one parser serves every thread.
//
//     const DependencyParser &parser = DependencyParser::shared();
//     parser.parse(words, tags, heads, labels);   // tags from PosTagger::tag()
//     parser.labelNames().at(labels[0]);          // "nsubj"
class DependencyParser
{
public:
    DependencyParser();
    ~DependencyParser();
    DependencyParser(DependencyParser &&) noexcept;
    DependencyParser &operator=(DependencyParser &&) noexcept;

    // The shipped parser (resources/models/parser.model), loaded on first use; not loaded when it is missing.
    static const DependencyParser &shared();

    // Reads a model that trainParser() wrote; false (and an unloaded parser) when the bytes are not one.
    bool load(QByteArrayView bytes, QString *error = nullptr);
    [[nodiscard]] bool isLoaded() const { return !m_transitions.isEmpty(); }
    [[nodiscard]] QByteArray meta() const { return m_transitions.meta(); }

    // One sentence's words and their tags in; for each word its head's index (-1 for the root) and its
    // relation (an index into labelNames()) out. The result is always one tree with a single root, whatever
    // the input; without a model every word hangs on the next one. Spans of different lengths: only as many
    // words as the shortest holds are parsed. Time and memory are linear in the number of words.
    void parse(std::span<const QStringView> words, std::span<const Upos> tags, std::span<int> heads,
        std::span<quint8> labels) const;
    // The same when the caller has each word's WordInfo already.
    void parse(std::span<const WordInfo> words, std::span<const Upos> tags, std::span<int> heads,
        std::span<quint8> labels) const;

    // The relations, "acl" to "xcomp" with subtypes ("nsubj:pass"); empty when no model is loaded.
    [[nodiscard]] const QStringList &labelNames() const { return m_labels.classNames(); }

private:
    [[nodiscard]] std::span<const quint8> labelCandidates(int headTag, int dependentTag, bool left) const;

    CompactWeights m_transitions;
    CompactWeights m_labels;
    int m_rootLabel = 0;
    // The relations that each pair of tags and direction took in training, as lists in m_candidates from
    // m_candidateStart[pair] to m_candidateStart[pair + 1]; an empty list: every relation but the root.
    std::vector<quint16> m_candidateStart;
    std::vector<quint8> m_candidates;
    std::vector<quint8> m_allLabels;
};

// How a parser is trained; the defaults are the shipped model's.
struct ParserTrainParams
{
    int epochs = 0; // 0: the shipped model's number
    quint64 seed = 1; // orders the sentences of each epoch and draws when to explore
    std::function<void(const QString &)> log;
    std::function<void(int epoch)> afterEpoch; // after each epoch (1, 2, ...): to measure the model so far
};

// Trains a parser on sentences with the tags it will see at run time (jackknifeTags() makes them) and their
// gold trees (non-projective ones are lifted to projective ones first). Deterministic: the same sentences and
// parameters give the same bytes.
//
//     DependencyParserTrainer trainer(data.labels);
//     trainer.train(sentences, params);
//     QByteArray model = trainer.save(meta, minWeight);   // for DependencyParser::load()
class DependencyParserTrainer
{
public:
    // `labels`: the relations the sentences' labels index; "root" among them.
    explicit DependencyParserTrainer(const QStringList &labels);
    ~DependencyParserTrainer();

    void train(const QList<UdSentence> &train, const ParserTrainParams &params);
    // The model file, with the averaged weights under the minimum weights left out of the transition and the
    // relation classifiers (< 0: the shipped model's pruning). Averages the weights so far: callable any time.
    [[nodiscard]] QByteArray save(
        const QByteArray &meta, float transitionMinWeight = -1.0f, float labelMinWeight = -1.0f) const;

private:
    QStringList m_labels;
    Perceptron m_transitions;
    Perceptron m_labeller;
    std::vector<quint64> m_labelSets; // per pair of tags and direction: a bit for each relation seen
};

// Attachment scores over every word, punctuation included (as CoNLL 2018 counts them).
struct AttachmentScores
{
    qint64 words = 0;
    qint64 heads = 0; // words with the right head
    qint64 labelled = 0; // ... and the right relation, subtype included
    qint64 universal = 0; // ... and the right relation without its subtype (the CoNLL 2018 LAS)
    [[nodiscard]] double uas() const { return words ? double(heads) / double(words) : 0.0; }
    [[nodiscard]] double las() const { return words ? double(labelled) / double(words) : 0.0; }
    [[nodiscard]] double universalLas() const { return words ? double(universal) / double(words) : 0.0; }
};

// Parses `sentences` with the tags they carry (retag() them first for predicted tags) and scores the result
// against their gold trees; their labels must index `goldLabels`.
[[nodiscard]] AttachmentScores parseAccuracy(
    const DependencyParser &parser, const QList<UdSentence> &sentences, const QStringList &goldLabels);

// UAS and LAS on the held-out EWT and GUM test parts of `dataDir` (the folder of ud/), with the tags that
// `tagger` predicts.
[[nodiscard]] QList<Figure> evaluateParser(
    const DependencyParser &parser, const PosTagger &tagger, const QString &dataDir, QString *error = nullptr);

} // namespace entente::learn
