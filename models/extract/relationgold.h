#pragma once

#include "learn/training.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace entente {

// The relations gold set (tests/data/relations, its README gives the format and the labelling rules): sentences
// labelled by reading with the relations between countries that each states, and the relation stage measured
// against them. For bench_quality and the tests; nothing at run time.

struct GoldRelation
{
    QString a; // ISO alpha-3; under `directed`, the actor
    QString b; // the target
    bool directed = false;
    int root = 0; // CAMEO root, 1-20
    QString tone; // "cooperation", "conflict" or "mixed"
    QString words; // the predicate as it stands
};

struct GoldSentence
{
    QString id; // "un:CHN_78_2023:12", "gum:GUM_news_iodine:7", "written:a017"
    QString source; // "un", "gum", "written"
    QString text;
    QString speaker; // a UN speech's country (from its file name), for "we" and "my country"
    QList<GoldRelation> relations; // empty: the sentence states none
    QString where; // "gold-a.tsv:12", for messages
};

// The sentences of one gold file; a line that does not follow the format is left out with a message naming the
// file and line in `errors`.
[[nodiscard]] QList<GoldSentence> readRelationGold(const QString &path, QStringList *errors = nullptr);

// Every gold-*.tsv in `dir`, in name order.
[[nodiscard]] QList<GoldSentence> readRelationGoldDir(const QString &dir, QStringList *errors = nullptr);

// How the whole extraction (Extractor::annotate on each sentence alone, a UN sentence with its speaker's country
// as the document's source) does on the gold sentences. Only relations between two countries count.
struct RelationScores
{
    int sentences = 0;
    int gold = 0; // gold relations
    int pairsFound = 0; // gold relations whose pair (either way) the extraction gives in that sentence
    int directedGold = 0; // of those found, the ones the sentence gives a direction
    int directionRight = 0; // ... and the extraction gives the same one
    int toneRight = 0; // of those found, the same tone
    int rootRight = 0; // of those found, the same CAMEO root
    int predicted = 0; // country pairs the extraction gives (each pair once a sentence)
    int predictedRight = 0; // ... that are gold pairs
    int noneSentences = 0; // gold sentences that state nothing
    int noneWithRelations = 0; // ... where the extraction gives a relation

    [[nodiscard]] double pairRecall() const { return gold ? double(pairsFound) / gold : 0.0; }
    [[nodiscard]] double pairPrecision() const { return predicted ? double(predictedRight) / predicted : 0.0; }
    [[nodiscard]] double directionAccuracy() const
    {
        return directedGold ? double(directionRight) / directedGold : 0.0;
    }
    [[nodiscard]] double toneAccuracy() const { return pairsFound ? double(toneRight) / pairsFound : 0.0; }
    [[nodiscard]] double rootAccuracy() const { return pairsFound ? double(rootRight) / pairsFound : 0.0; }
};

// With `errors`, one line for each sentence where the extraction differs, gold beside found.
[[nodiscard]] RelationScores scoreRelations(const QList<GoldSentence> &sentences, QStringList *errors = nullptr);

// Figures for a report: pair recall and precision, direction, tone and root, over all sentences and by source.
[[nodiscard]] QList<learn::Figure> relationFigures(const QList<GoldSentence> &sentences);

} // namespace entente
