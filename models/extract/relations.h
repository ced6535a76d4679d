#pragma once

#include "annotation.h"

namespace entente {

struct DocumentContext;

// Verb and noun cues mapped to CAMEO event codes, QuadClass and Goldstein score, built from
// the data in resources/lexicon; loaded once per process.
class RelationLexicon
{
public:
    [[nodiscard]] static const RelationLexicon &shared();

private:
    RelationLexicon();
};

// Country-to-country (and country-organisation) relations that each sentence states, with
// direction, CAMEO class, tone and the cue words as evidence.
[[nodiscard]] QList<Relation> findRelations(QStringView text, const QList<Span> &sentences,
                                            const QList<EntityMention> &entities, const DocumentContext &ctx);

} // namespace entente
