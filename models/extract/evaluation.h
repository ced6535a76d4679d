#pragma once

#include "learn/nercorpora.h"
#include "learn/training.h"
#include "salience.h"

#include <QList>
#include <QString>

namespace entente {

// The whole extraction measured on held-out annotated text: documents of a named-entity corpus rebuilt as the
// text they were (the treebanks' own sentence text, sentences one paragraph each), run through
// Extractor::annotate, and its people, organisations and places held against the gold names span by span.
// Entente's kinds map onto the corpus's types: person -> PER, organization -> ORG, country, place and region ->
// LOC, event -> MISC; a country named by its demonym ("Chinese") counts as MISC, as the corpora annotate it, and a
// mention nested in another one ("in-name") not at all. For bench_quality and the tests; nothing at run time.
struct EvalDocument
{
    QString id;
    QString text;
    QList<qsizetype> wordStarts; // UTF-16 offsets of every word of every sentence, in order
    QList<qsizetype> wordEnds;
    QList<learn::NameSpan> gold; // word ranges over all the document's words
};

// The test documents of Universal NER EWT (the EWT test sentences' own text), or of a GUM part.
[[nodiscard]] QList<EvalDocument> unerEwtTestDocuments(const QString &dataDir, QString *error = nullptr);
[[nodiscard]] QList<EvalDocument> gumDocuments(
    learn::NerCorpus part, const QString &dataDir, bool newsOnly = false, QString *error = nullptr);

// Exact-span counts of the pipeline's names on `documents`. With `errors`, one line for each name missed or
// wrong ("- PER Josep Borrell" missed, "+ ORG Brussels" wrong), for reading what goes wrong.
[[nodiscard]] learn::NerCounts evaluatePipelineNames(
    const QList<EvalDocument> &documents, QStringList *errors = nullptr);

// Figures for a report: PER, ORG and LOC F1 (precision and recall in the detail) on UNER EWT test, the GUM test
// news documents and all GUM test documents.
[[nodiscard]] QList<learn::Figure> pipelineNameFigures(const QString &dataDir);

// Precision and recall of `about` on one set of documents.
struct SalienceScore
{
    QString name; // "GUM dev"
    int documents = 0;
    int truePositives = 0;
    int falsePositives = 0;
    int falseNegatives = 0;

    // Counts one document: its ranked countries (those marked about, or all with `aboutOnly` false) against
    // the gold ones.
    void add(const QList<CountrySalience> &countries, const QStringList &gold, bool aboutOnly = true);
    [[nodiscard]] double precision() const;
    [[nodiscard]] double recall() const;
    [[nodiscard]] double f1() const;
};

// One GUM document with what its annotators marked, as evaluateSalience() reads it.
struct GumDocument
{
    QString id; // "GUM_news_iodine"
    QString part; // "train", "dev" or "test"
    QString text; // its sentences, one paragraph a line; a heading is a line of its own
    QStringList about; // countries among its salient entities, sorted
};

// The documents of dataDir/ud/gum-ccby.conllu.xz; empty with `error` set when it cannot be read.
[[nodiscard]] QList<GumDocument> readGumDocuments(const QString &dataDir, QString *error = nullptr);

// Measures `about` against what people marked. GUM (dataDir/ud/gum-ccby.conllu.xz): each document's countries
// among its salient entities (# meta::salientEntities, countries by their Wikipedia identity) are the gold
// `about` countries; the text is the document's sentences, a paragraph a line. Scores "GUM train", "GUM dev"
// and "GUM test" (the official split, gum-ccby.dev.txt and gum-ccby.test.txt). With `samplesDir` and
// `expectedJson` (seeds.expected.json), also the sample articles read raw as `entente annotate` reads them:
// "samples, listed countries" (every country ranked against every country the analyst lists) and "samples,
// about countries" (only those marked about, against the same list: its recall is how much of what is
// named the articles are about). An empty dataDir is learn::trainingDataDir(). Empty when GUM is absent.
[[nodiscard]] QList<SalienceScore> evaluateSalience(const QString &dataDir = {}, const QString &samplesDir = {},
    const QString &expectedJson = {}, const SalienceWeights &weights = {});

} // namespace entente
