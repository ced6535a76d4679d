#pragma once

#include "annotation.h"

#include <QString>

namespace entente {

// What is known about a document before its text is read: the importer fills this from
// the file's metadata (a JSON field, an HTML meta tag, a UNGDC file name); `entente annotate`
// from --date or the JSON Lines "date" field.
struct DocumentContext
{
    QString title;
    QString fileName; // base name only, for date/country hints
    std::optional<PublishedDate> published; // when already known, the extractor keeps it
    QString sourceCountry; // ISO alpha-3 of the speaker/outlet, if known
    QString language; // ISO 639-1 when known ("en", "zh", ...)
};

// The whole extraction pipeline: sentences, entities, dates, money, relations.
// Thread-safe and stateless after construction; the gazetteer and lexicons load once per
// process on first use of shared().
//
//     const auto &x = entente::Extractor::shared();
//     entente::Annotation a = x.annotate(text, ctx);
class Extractor
{
public:
    [[nodiscard]] static const Extractor &shared();

    [[nodiscard]] Annotation annotate(const QString &text, const DocumentContext &ctx) const;

private:
    Extractor();
    static void linkToSentences(Annotation &a);
};

} // namespace entente
