#pragma once

#include <QString>

namespace entente {

// Which extraction wrote an annotation: the `entente annotate` line format, and SHA-1 digests of the
// compiled-in model weights (resources/models) and of the lexicon and gazetteer (resources/lexicon,
// resources/gazetteer). Two builds with the same digests extract the same annotations from the same
// text, so `entente ingest --annotations` stores lines of another machine only when they match.
//
//     const entente::ExtractionVersion &v = entente::ExtractionVersion::current();
//     if (line.models != v.models) ...
struct ExtractionVersion
{
    // 1: the first format that carries each article's record and its full annotation.
    static constexpr int Format = 1;

    int format = Format;
    QString models; // 40 hex digits
    QString lexicon; // 40 hex digits

    // This program's version, computed once from its Qt resources (some 14 MB read: a few tens of ms).
    [[nodiscard]] static const ExtractionVersion &current();
};

} // namespace entente
