#pragma once

#include "annotation.h"
#include "relationactors.h"
#include "relationlexicon.h"
#include "syntax.h"
#include "tokenstream.h"

#include <QList>
#include <QString>

#include <memory>

namespace entente {

// Country-to-country (and country-organisation) relations that each sentence states, with
// direction, CAMEO class, tone and the cue words as evidence. `entities` may come in any
// order; sentences with no actor (country, leader, organisation) cost nothing. A sentence that `parses` holds
// (parseActorSentences(), in sentence order) is read from its parse: the predicate that links two actors gives
// their relation; the others by the word-order rules of SentenceFinder::run().
[[nodiscard]] QList<Relation> findRelations(const TokenStream &ts, const QList<EntityMention> &entities,
    const DocumentContext &ctx, const std::vector<SentenceParse> &parses = {});

} // namespace entente
