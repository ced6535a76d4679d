#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace entente::learn {

// Readers of the annotated corpora in ../shared/data/training (see its README): Universal Dependencies
// CoNLL-U and the column formats of the entity corpora. Files ending in .xz are decompressed through `xz -dc`.
// Used by the trainer, the evaluations and their tests; nothing at run time reads these.

// The whole file, decompressed when it ends in .xz; empty with `error` set when it cannot be read.
[[nodiscard]] QByteArray readCorpusFile(const QString &path, QString *error = nullptr);

struct ConlluWord
{
    QString form;
    QString lemma;
    QString upos;
    QString xpos;
    QString feats;
    int head = 0; // 1-based index of the head word, 0 for the root
    QString deprel; // with its subtype ("nsubj:pass", "obl:tmod")
    QString misc;
    bool spaceAfter = true; // false when MISC says SpaceAfter=No
};

struct ConlluSentence
{
    QString id; // sent_id
    QString docId; // the last newdoc id before it (GUM: "GUM_news_nasa")
    QString text;
    QList<ConlluWord> words; // syntactic words: multi-word token lines and empty nodes are left out
};

// Every sentence of a CoNLL-U file (UD EWT, GUM).
[[nodiscard]] QList<ConlluSentence> readConllu(const QString &path, QString *error = nullptr);
[[nodiscard]] QList<ConlluSentence> parseConllu(const QByteArray &data);

// One sentence of a column file: its lines' tab- or space-separated columns. `docId` is the last
// "# newdoc id = ..." before it (Universal NER), or "-DOCSTART-" lines count up a document number.
struct ColumnSentence
{
    QString docId;
    QList<QStringList> rows;
};

// Sentences of a column file: a blank line between sentences; comment lines (#) outside rows are skipped.
[[nodiscard]] QList<ColumnSentence> readColumns(const QString &path, QString *error = nullptr);
[[nodiscard]] QList<ColumnSentence> parseColumns(const QByteArray &data);

// The folder holding ud/ and ner/: ENTENTE_TRAINING_DIR when set, else ../shared/data/training from the
// source tree this binary was built from.
[[nodiscard]] QString trainingDataDir();

} // namespace entente::learn
