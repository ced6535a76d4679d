#pragma once

#include "perceptron.h"
#include "training.h"
#include "ud.h"
#include "wordfeatures.h"

#include <QByteArrayView>
#include <QStringView>

#include <span>
#include <vector>

namespace entente::learn {

// A part-of-speech tagger over the 17 universal tags: greedy, left to right, one averaged perceptron
// decision per word from the word's forms, affixes and shape, its neighbours and the two tags before it
// (Collins 2002; the recipe of Honnibal's "A good part-of-speech tagger in about 200 lines of Python"), and the
// ambiguity classes of the words around it (the tags each was seen with in training: Giménez and Màrquez 2004),
// which tell what the words still to come can be. Frequent words that the training data always tags the same way
// take that tag without scoring.
// Read-only once loaded: one tagger serves every thread.
//
//     const PosTagger &tagger = PosTagger::shared();
//     const QStringView words[] { u"Russia", u"closed", u"its", u"embassy", u"." };
//     Upos tags[5];
//     tagger.tag(words, tags);   // PROPN VERB PRON NOUN PUNCT
class PosTagger
{
public:
    PosTagger();
    ~PosTagger();
    PosTagger(PosTagger &&) noexcept;
    PosTagger &operator=(PosTagger &&) noexcept;

    // The shipped tagger (resources/models/pos.model), loaded on first use; not loaded when the file is missing.
    static const PosTagger &shared();

    // Reads a model that trainPosTagger() wrote; false (and an unloaded tagger) when the bytes are not one.
    bool load(QByteArrayView bytes, QString *error = nullptr);
    [[nodiscard]] bool isLoaded() const { return !m_weights.isEmpty(); }
    // The trainer's note: what the model was trained on, and how.
    [[nodiscard]] QByteArray meta() const { return m_weights.meta(); }

    // `words`: the tokens of one sentence, split the UD way ("do" "n't", "Russia" "'s", punctuation apart).
    // `tags` gets one tag per word (X for every word when no model is loaded); when it is shorter than `words`,
    // only as many words are tagged.
    void tag(std::span<const QStringView> words, std::span<Upos> tags) const;
    // The same when the caller has each word's WordInfo already.
    void tag(std::span<const WordInfo> words, std::span<Upos> tags) const;

private:
    CompactWeights m_weights;
    KeyMap m_dictionary; // WordInfo::form -> the tag + 1
    KeyMap m_classes; // WordInfo::norm -> the word's ambiguity class (a bit per tag it takes)
};

// How a tagger is trained; the defaults are the shipped model's.
struct PosTrainParams
{
    int epochs = 0; // 0: the shipped model's number
    quint64 seed = 1; // orders the sentences of each epoch
    float minWeight = -1.0f; // averaged weights under this are left out of the model; < 0: the shipped model's
    QByteArray meta; // stored in the model as it is
    std::function<void(const QString &)> log;
    std::function<void(int epoch)> afterEpoch; // after each epoch (1, 2, ...): to measure the model so far
};

// Trains a tagger: the tag dictionary from the training words, then the perceptron over several shuffled passes,
// each word tagged after the tags predicted before it. Deterministic: the same sentences and parameters give the
// same bytes.
//
//     PosTaggerTrainer trainer;
//     trainer.train(sentences, params);
//     QByteArray model = trainer.save(meta, minWeight);   // for PosTagger::load()
class PosTaggerTrainer
{
public:
    PosTaggerTrainer();
    ~PosTaggerTrainer();

    void train(const QList<UdSentence> &train, const PosTrainParams &params);
    // The model file, with the averaged weights under `minWeight` left out (< 0: the shipped model's pruning).
    // Averages the weights so far: callable any time.
    [[nodiscard]] QByteArray save(const QByteArray &meta, float minWeight = -1.0f) const;

private:
    Perceptron m_perceptron;
    std::vector<std::pair<quint64, quint32>> m_dictionary;
    std::vector<std::pair<quint64, quint32>> m_classes;
};

// PosTaggerTrainer's train() and save() in one call.
[[nodiscard]] QByteArray trainPosModel(const QList<UdSentence> &train, const PosTrainParams &params);

// Jackknifing: replaces the tags of each of `folds` parts of `sentences` (sentence i is in part i % folds) by
// those of a tagger trained on the other parts, so that a model learning from them sees tags as wrong as a
// tagger's are on text it never saw. False with `error` set when a tagger could not be made.
bool jackknifeTags(QList<UdSentence> &sentences, int folds, const PosTrainParams &params, QString *error = nullptr);

// The share of words of `sentences` whose predicted tag is the gold one.
[[nodiscard]] double posAccuracy(const PosTagger &tagger, const QList<UdSentence> &sentences);
// Tags every word of `sentences` with `tagger`, in place (the parser trains and is measured on these).
void retag(const PosTagger &tagger, QList<UdSentence> &sentences);

// The accuracy on the held-out EWT and GUM test parts of `dataDir` (the folder of ud/).
[[nodiscard]] QList<Figure> evaluatePosTagger(
    const PosTagger &tagger, const QString &dataDir, QString *error = nullptr);

} // namespace entente::learn
