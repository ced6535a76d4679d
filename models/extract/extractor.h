#pragma once

#include "annotation.h"

#include <QString>

namespace entente {

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
