#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace entente::learn {

// What every trainer of the statistical layer takes: where the annotated corpora are, how long to train, and
// where to report progress. Training is deterministic: the same options and data give the same bytes.
struct TrainOptions
{
    QString dataDir; // the folder of ud/ and ner/ (corpora.h's trainingDataDir() by default)
    int epochs = 0; // 0: the model's own default
    int maxSentences = 0; // 0: every training sentence; tests train on a slice
    quint64 seed = 1; // for the order of examples between epochs
    std::function<void(const QString &)> log; // progress lines; may be empty
};

// One measured figure: "UPOS accuracy, EWT test" = 0.951, with what it was counted on.
struct Figure
{
    QString name;
    double value = 0.0;
    QString detail; // "25,094 words"
};

struct TrainResult
{
    QByteArray model; // the model file's bytes; empty on error
    QList<Figure> figures; // measured on the held-out test parts after training
    QString error;
};

// The trainers, each in its model's file. Each reads the train parts only and reports on the test parts.
[[nodiscard]] TrainResult trainPosTagger(const TrainOptions &options); // postagger.cpp
[[nodiscard]] TrainResult trainParser(const TrainOptions &options); // depparser.cpp
[[nodiscard]] TrainResult trainNer(const TrainOptions &options); // nertagger.cpp
[[nodiscard]] TrainResult trainWordClusters(const TrainOptions &options); // wordclusters.cpp

} // namespace entente::learn
