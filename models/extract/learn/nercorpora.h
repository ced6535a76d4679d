#pragma once

#include "nertagger.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace entente::learn {

struct ConlluSentence;

// The named-entity corpora of ../shared/data/training (see its README), read into one form: the words of a
// sentence and its names as word ranges of four types. Each corpus has its own tags and conventions; the
// readers map them onto the CoNLL-style convention that Universal NER follows too (a name is the proper-noun
// run, without "the", titles or what follows a comma). Training and evaluation only.
//
//     QString error;
//     const QList<NerSentence> gold = readNerCorpus(NerCorpus::UnerEwtTest, trainingDataDir(), &error);
struct NerSentence
{
    QStringList words;
    QList<NameSpan> names; // sorted, not overlapping
    QString docId;
};

enum class NerCorpus {
    WikiGold, // ner/wikigold.conll.xz: Wikipedia, IO tags PER ORG LOC MISC
    Re3d, // ner/re3d-open.conll.xz: defence and security texts; Person, Organisation, Location, Nationality
    Btc, // ner/btc.conll.xz: tweets, BIO PER ORG LOC
    UnerEwtDev, // ner/uner-ewt-dev.iob2.xz: Universal NER over EWT dev, BIO PER ORG LOC OTH
    UnerEwtTest, // ner/uner-ewt-test.iob2.xz
    GumTrain, // ud/gum-ccby.conllu.xz minus the dev and test documents
    GumDev, // the documents listed in ud/gum-ccby.dev.txt
    GumTest, // the documents listed in ud/gum-ccby.test.txt
    // UD EWT train (ud/ewt-train.conllu.xz) with the names a first tagger gave it (self-training,
    // NerTrainSettings::selfTraining): made in training, not read (readNerCorpus() gives nothing).
    EwtTrainSelf,
};

[[nodiscard]] QString nerCorpusName(NerCorpus c); // "wikigold", "UNER EWT test", "GUM train", ...

// The sentences of one corpus under `dataDir` (the folder of ud/ and ner/); empty with `error` set when a file
// cannot be read.
[[nodiscard]] QList<NerSentence> readNerCorpus(NerCorpus c, const QString &dataDir, QString *error = nullptr);

// The same from a column file's bytes (uncompressed), for the column corpora (not GUM).
[[nodiscard]] QList<NerSentence> parseNerColumns(const QByteArray &data, NerCorpus c);

// IO tags (every word of a name "I-X", as wikigold has them) as BIO: "I-X" after "O" or after another type
// opens a name. Two names of one type side by side cannot be told apart in IO and become one.
[[nodiscard]] QStringList ioToBio(const QStringList &tags);

// BIO tags as names; `type` maps a tag's type ("PER", "Organisation") to a name type, nullopt for types that
// are no name (their words count as outside). A stray "I-X" opens a name, as conlleval reads it.
[[nodiscard]] QList<NameSpan> namesFromBio(
    const QStringList &tags, const std::function<std::optional<NameType>(QStringView)> &type);

// The named entities of a GUM sentence, from the Entity= brackets of its MISC column. A mention is named when
// its head is a proper noun (or, carrying a Wikipedia identity, is a capitalised noun or adjective); pronouns
// and descriptions that carry an identity by coreference ("his father", "a Swiss mathematician") are not.
// The name is the run of proper nouns around the head ("of" may join two: "University of Basel"), without a
// leading "the" or what an apposition or relative clause adds; where named mentions nest, the outermost wins
// and inner ones outside its name are names of their own ("Buxton, England": Buxton and England). Types:
// person -> Person (a plural one, a group such as "Americans", -> Misc), organization -> Organization,
// place -> Location, time -> none (months and days are no names), the others -> Misc.
[[nodiscard]] QList<NameSpan> gumNames(const ConlluSentence &sentence);

// Exact-span counts of predicted names against gold ones, per type.
struct NerCounts
{
    int truePositives[4] = {};
    int falsePositives[4] = {};
    int falseNegatives[4] = {};

    void add(const QList<NameSpan> &gold, const QList<NameSpan> &predicted);
    [[nodiscard]] double precision(NameType t) const;
    [[nodiscard]] double recall(NameType t) const;
    [[nodiscard]] double f1(NameType t) const;
    [[nodiscard]] int goldCount(NameType t) const;
    // Over the types given (all four by default).
    [[nodiscard]] double microF1(std::initializer_list<NameType> types
        = { NameType::Person, NameType::Organization, NameType::Location, NameType::Misc }) const;
};

// Exact-span counts of the tagger's names on `sentences`, tagged in order with a document memory that starts again
// at each new document; the tagger's MISC names are not counted when `misc` is false (UNER has none).
[[nodiscard]] NerCounts countNames(const NerTagger &tagger, const QList<NerSentence> &sentences, bool misc = true);

} // namespace entente::learn
