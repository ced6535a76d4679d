#pragma once

#include "annotation.h"
#include "relationactors.h"
#include "relationlexicon.h"
#include "syntax.h"
#include "tokenstream.h"

#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace entente {

// Tags and parses one sentence for the relation stage, when it is worth the parser's time (parseSentence()).
using SentenceParser = std::function<std::optional<SentenceParse>(qsizetype sentence)>;

// Country-to-country (and country-organisation) relations that each sentence states, with
// direction, CAMEO class, tone and the cue words as evidence. `entities` may come in any
// order; sentences with no actor (country, leader, organisation) cost nothing. A sentence with two or more actors
// and a cue word of a relation is read from its parse when `parse` gives one: the predicate that links two actors
// gives their relation; the others by the word-order rules of SentenceFinder::run().
[[nodiscard]] QList<Relation> findRelations(const TokenStream &ts, const QList<EntityMention> &entities,
    const DocumentContext &ctx, const SentenceParser &parse = {});

// The same with the parses made beforehand (parseActorSentences(), in sentence order).
[[nodiscard]] QList<Relation> findRelations(const TokenStream &ts, const QList<EntityMention> &entities,
    const DocumentContext &ctx, const std::vector<SentenceParse> &parses);

} // namespace entente
