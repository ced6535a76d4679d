#pragma once

#include "learn/nercorpora.h"
#include "learn/training.h"

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
[[nodiscard]] learn::NerCounts evaluatePipelineNames(const QList<EvalDocument> &documents, QStringList *errors = nullptr);

// Figures for a report: PER, ORG and LOC F1 (precision and recall in the detail) on UNER EWT test, the GUM test
// news documents and all GUM test documents.
[[nodiscard]] QList<learn::Figure> pipelineNameFigures(const QString &dataDir);

} // namespace entente
