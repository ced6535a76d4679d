#pragma once

#include "filereader.h"

#include <QByteArray>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace entente {

// The unit of distributed extraction: one line of `entente annotate` output holds an article record as
// the importer reads it, everything the extraction found in it, and the version of the extraction
// ({"entente": {"format", "models", "lexicon"}}, see ExtractionVersion). Machines annotate parts of a
// corpus; one loader stores the lines with `entente ingest --annotations`, without extracting again.
//
//     out.write(entente::annotatedArticleLine(id, record, annotation));
//     ...
//     const entente::AnnotatedFile f = entente::readAnnotatedFile(path);
//     for (const auto &m : f.read.messages) log(m.toString());
//
// The line is deterministic: keys in sorted order, no time of day, numbers in their shortest form.

// One line, ending in '\n'. Offsets in `a` are UTF-16 indices into `r.text`; the line has code points.
[[nodiscard]] QByteArray annotatedArticleLine(const QJsonValue &id, const ArticleRecord &r, const Annotation &a);

// Reads one such line back: false with `why` (one line, ending "; line skipped") for a line that is not
// JSON, not written by `entente annotate`, written by another model or lexicon version, or inconsistent
// (an offset outside the text). The record's hash and UTF-8 text are filled in.
bool readAnnotatedArticle(const QByteArray &line, ArticleRecord *r, Annotation *a, QString *why);

struct AnnotatedFile
{
    FileReadResult read; // the articles, and a message for each line skipped
    QList<Annotation> annotations; // parallel to read.articles
};

// Reads a file of such lines (standard input for "-"). Thread-safe, as readArticleFile() is.
[[nodiscard]] AnnotatedFile readAnnotatedFile(const QString &path);

} // namespace entente
