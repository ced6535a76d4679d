#pragma once

#include "perceptron.h"
#include "training.h"
#include "ud.h"

#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringView>

#include <array>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace entente {
class TokenHashMap;
}

namespace entente::learn {

struct ConlluSentence;
struct NerSentence;
enum class NerCorpus;

enum class NameType : quint8 { Person, Organization, Location, Misc };
[[nodiscard]] QString nameTypeName(NameType t); // "PER", "ORG", "LOC", "MISC"

// A name the tagger found: words [first, last) of the sentence it was given.
struct NameSpan
{
    int first = 0;
    int last = 0; // exclusive
    NameType type = NameType::Person;
    // How sure the tagger is, from its score margins over the name's words, calibrated on held-out data
    // (GUM dev): of the names given 0.8, about 80% were right, span and type.
    float confidence = 1.0f;
};

// What the tagger found earlier in one document, for later sentences of it to read (Ratinov and Roth 2009's
// "extended prediction history"): a name's words are often written in full, capitalised and in a clear
// context once, and then again where the sentence alone says little ("Enron" in an e-mail's signature, a
// surname alone, a lower-case place). tag() reads it before and extends it after each sentence; one memory a
// document, used by one thread at a time, and cleared (or a new one) when the document changes.
class NerDocument
{
public:
    NerDocument();
    ~NerDocument();
    NerDocument(NerDocument &&) noexcept;
    NerDocument &operator=(NerDocument &&) noexcept;

    void clear();
    [[nodiscard]] bool isEmpty() const;

private:
    friend class NerTagger;
    friend class NerTrainer;
    // What the document said of a word (by its lower-case hash) so far; 0 when nothing.
    [[nodiscard]] quint32 seen(quint64 word) const;
    void note(quint64 word, quint32 bits);
    std::unique_ptr<TokenHashMap> m_words;
};

// The named-entity tagger of the statistical layer: a left-to-right averaged perceptron over BILOU tags of four
// types (PER, ORG, LOC, MISC), decoded by beam search (NerTrainSettings::beam; a beam of one is greedy), on word
// forms, shapes, affixes, the neighbours' words, the tags given before in the hypothesis, the sentence's capitalisation
// (headlines, all capitals, all lower case), the gazetteer's knowledge of each word (gazetteerfeatures.h), the words'
// Brown clusters (wordclusters.h) and what the document said of the word before (NerDocument). Trained by `entente
// train ner` (trainNer()) into resources/models/ner.model. Read-only once loaded and thread-safe.
//
//     const NerTagger &ner = NerTagger::shared();
//     NerDocument document;   // one a document
//     const QList<QStringView> words { u"Borrell", u"met", u"Wang", u"Yi", u"in", u"Brussels" };
//     for (const NameSpan &n : ner.tag(words, GazetteerFeatures::shared().bits(words), &document))
//         ...;   // 0-1 PER, 2-4 PER, 5-6 LOC
class NerTagger
{
public:
    NerTagger();
    ~NerTagger();
    NerTagger(NerTagger &&) noexcept;
    NerTagger &operator=(NerTagger &&) noexcept;

    // modelFile("ner.model"), loaded on first use; not loaded (and tagging nothing) when there is none.
    [[nodiscard]] static const NerTagger &shared();

    bool load(QByteArrayView bytes, QString *error = nullptr);
    [[nodiscard]] bool isLoaded() const { return !m_weights.isEmpty(); }
    [[nodiscard]] size_t featureCount() const { return m_weights.featureCount(); }
    [[nodiscard]] const QByteArray &meta() const { return m_weights.meta(); }
    // The feature groups the model was trained with (NerTrainSettings::Feature).
    [[nodiscard]] quint32 features() const { return m_features; }
    // Added to the score of opening a name of `type` at a word (NerTrainSettings::typeBias), in the units of the
    // model's weights: more names of the type found, at lower precision. The model file sets it; this is for
    // choosing it on held-out data.
    void setTypeBias(NameType type, qint32 bias);

    // The names in `words`: UD-like tokens of one sentence or of a window of one (clitics 's and n't apart,
    // punctuation apart). `gazetteerBits` has one entry a word (GazetteerFeatures::bits()); when it is empty,
    // the tagger computes them (which costs about as much as the tagging). `document`, when given, is what the
    // tagger found in the sentences before of the same document, and gets this sentence's names. `posTags`, one a
    // word, are the part-of-speech tags (PosTagger) where the caller has them; when empty, a model trained with
    // them tags the words itself. Sorted, not overlapping.
    [[nodiscard]] QList<NameSpan> tag(std::span<const QStringView> words, std::span<const quint32> gazetteerBits = {},
        NerDocument *document = nullptr, std::span<const Upos> posTags = {}) const;

    // How UD EWT train writes `word`, in any case (the proper-noun lexicon the model keeps): 0 when it is not
    // there; else how much of the time as a proper noun, 1 never, 2 less than half, 3 less than nine times in ten,
    // 4 more. `seen`, when given, gets how often: 0 once, 1 a few times, 2 ten times or more.
    [[nodiscard]] int properNounShare(QStringView word, int *seen = nullptr) const;

private:
    friend class NerTrainer;
    // With `rawMargins`, a name's confidence is its smallest score margin, uncalibrated (what calibration fits).
    // `wordMargins`, when given, gets each word's: its class's score over the best other class's.
    [[nodiscard]] QList<NameSpan> tag(std::span<const QStringView> words, std::span<const quint32> gazetteerBits,
        NerDocument *document, std::span<const Upos> posTags, bool rawMargins,
        std::vector<float> *wordMargins = nullptr) const;
    [[nodiscard]] float confidence(float margin) const;

    CompactWeights m_weights;
    quint32 m_features = 0;
    // Per class: 0 O, 1 B, 2 I, 3 L, 4 U, and the name type.
    std::vector<quint8> m_position;
    std::vector<NameType> m_type;
    // allowed[(prev + 1) * classes + cur]: prev -1 is the sentence start.
    std::vector<quint8> m_allowed;
    std::vector<quint8> m_allowedLast; // the same for the last word (no name left open)
    int m_beam = 1; // the beam's width in tagging (1: greedy)
    bool m_beamCheck = false; // NerTrainSettings::beamCheck
    std::vector<qint32> m_classBias; // added to the score of each class that opens a name (setTypeBias())
    float m_calibrationScale = 0.0f; // confidence = 1 / (1 + exp(-(scale * margin + offset)))
    float m_calibrationOffset = 0.0f;
    std::shared_ptr<const TokenHashMap> m_lexicon; // properNounLexicon(), from the model file
};

// How often each word of a part-of-speech corpus is a proper noun (UPOS PROPN), as a model file keeps it for
// the tagger's features: a class a lower-cased word (never, sometimes, mostly, always a proper noun; seen once,
// a few times, often). Built from UD EWT train, whose genres (e-mail, reviews, weblogs) are Universal NER's; the
// named-entity corpora are not used, so that the words of those are as new to it in training as in use.
[[nodiscard]] QByteArray properNounLexicon(const QList<ConlluSentence> &sentences);

// How the UN General Debate speeches (`archive`, ../shared/corpus/ungdc's tar.xz) write each word inside sentences:
// a class a lower-cased word seen three times or more, by the share of capitalised ones (under 2%, 20%, 60%, 95%,
// more) and how often it is seen (under 30, under 1,000, more). The form of properNounLexicon(); empty with `error`
// set when the archive cannot be read.
[[nodiscard]] QByteArray caseLexicon(const QString &archive, QString *error = nullptr);

// How to train a tagger: which corpora, each how many times an epoch (0 leaves it out).
struct NerTrainSettings
{
    // Feature groups beyond the base set; stored in the model, which computes only those it was trained with.
    enum Feature : quint32 {
        Clusters = 1u << 0, // Brown cluster prefixes (WordClusters::shared()) of the word and its neighbours
        History = 1u << 1, // what the document said of the word before (NerDocument)
        PartOfSpeech = 1u << 2, // the UPOS tags of the word and its neighbours (PosTagger::shared())
        Runs = 1u << 3, // the first and last words of the run of capitalised words the word is in
        // Three words either side, the pairs of words before and after, the neighbours' clusters at more lengths.
        Context = 1u << 4,
        // Words that end or head organisations' names (GazetteerFeatures::OrgWord: "Inc.", "Ministry",
        // "University"), of the word, its neighbours and the end of its run of capitalised words.
        OrgWords = 1u << 5,
        // How often the UN General Debate speeches write the word capitalised inside a sentence, against in lower
        // case (caseLexicon(), kept in the model file with the proper-noun lexicon): a word mostly written in lower
        // case is seldom a name.
        CaseShare = 1u << 6,
        // The two halves of Context, each alone: its words (three either side, the pairs before and after, the
        // neighbours together), and its clusters (the neighbours' at 6 steps, those of the words two away at 6
        // and 10).
        ContextWords = 1u << 7,
        ContextClusters = 1u << 8,
        // The leanest part of Context: only the pairs of words before and after (two features a word).
        ContextPairs = 1u << 9,
    };
    QList<QPair<NerCorpus, int>> corpora;
    quint32 features = Clusters | History | Runs;
    int epochs = 0; // 0: the default
    int maxSentences = 0; // 0: all; else the first N of the corpora taken in turn, sentence by sentence
    quint64 seed = 1;
    // An ensemble in one model: this many perceptrons trained on the same examples, each with its own seed (the
    // order of the examples and the dropped words; the first with `seed`), their averaged weights averaged into
    // one model (Perceptron::saveAverage()): the speed of one model, the training time of this many. 1: one.
    int ensemble = 1;
    float minWeight = 0.0f; // pruning; 0: the default
    double wordDropout = 0.0; // the share of training words seen without their identity (form, lower case)
    int beam = 1; // the beam's width in tagging (1: greedy)
    // With a beam: a name none of whose words the model scores best in its class, given the classes before it,
    // is left out (the search opened it for what follows, not for its words). Stored in the model.
    bool beamCheck = false;
    // Class balance in training: a word of an organisation's name tagged wrongly is updated on this many times
    // (1: once, as every other word).
    int orgUpdates = 1;
    std::array<int, 4> typeBias {}; // NerTagger::setTypeBias(), by NameType; stored in the model
    QByteArray lexicon; // properNounLexicon(); empty: none
    // Self-training on in-genre text without names (UD EWT train, the genres of Universal NER): a first tagger,
    // trained on the corpora, tags `unlabelled` document by document; the sentences where it found names that are
    // all runs of the treebank's proper nouns, the most sure of them (`selfTrainingShare` of those, by their
    // least sure name's margin), are then trained on `selfTraining` times an epoch with the corpora (as
    // NerCorpus::EwtTrainSelf). 0: no self-training.
    int selfTraining = 0;
    double selfTrainingShare = 0.5;
    std::shared_ptr<const QList<ConlluSentence>> unlabelled; // UD EWT train (readTrainingData())
    std::function<void(const QString &)> log;

    // The shipped model's: wikigold, re3d, BTC, UNER EWT dev and the GUM train documents, word dropout 0.1,
    // a beam of 4 with beamCheck in tagging (lexicon left empty).
    [[nodiscard]] static NerTrainSettings defaults();
};

// Trains a tagger on `train` (as the settings weigh the corpora) and calibrates its confidences on
// `calibration`; the model file's bytes. Deterministic.
[[nodiscard]] QByteArray trainNerModel(const QList<QPair<NerCorpus, QList<NerSentence>>> &train,
    const QList<NerSentence> &calibration, const NerTrainSettings &settings);

// Exact-span figures of a tagger on the test parts: UNER EWT test (PER, ORG, LOC and their micro F1; it has no
// MISC names, so MISC guesses are not counted there), the GUM test news documents and all the GUM test documents
// (four types and micro F1). What a quality benchmark prints without training.
[[nodiscard]] QList<Figure> evaluateNer(const NerTagger &tagger, const QString &dataDir);

// Figures on development data, to choose features and settings without looking at the test parts: Universal NER
// EWT dev cut by document into `folds` parts, each tagged by a tagger trained on the others (with the settings'
// other corpora and the proper-noun lexicon of UD EWT train), and GUM dev tagged by the tagger of the first part.
// What `bench_ner --dev` prints; empty with `error` set when the data cannot be read. `heldOut`, when given, gets
// each fold's tagger with the sentences it did not see (to read its errors on development data).
[[nodiscard]] QList<Figure> crossValidateNer(const NerTrainSettings &settings, const QString &dataDir, int folds,
    QString *error = nullptr, const std::function<void(NerTagger &, const QList<NerSentence> &)> &heldOut = {});

} // namespace entente::learn
