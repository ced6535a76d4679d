#pragma once

#include "annotation.h"
#include "gazetteer.h" // Gazetteer: the names Entente knows
#include "tokenstream.h"

namespace entente {

// Countries, people, organisations, places, regions and events in `text`, people resolved to
// their country and role by `date` (the article's date; may be invalid).
//
// One mention per span, the longest match winning. A country named inside an organisation or event
// ("Chinese Academy of Social Sciences", "China-Central Asia Summit") is also reported, as a second,
// nested mention with method "in-name" and confidence 0.5, so that the article still counts it. An organisation
// named by its head word alone ("the Council" after "the Security Council") has method "head": it names the
// organisation but is no party to relations (mostly where a speech is made: "I assure the Assembly").
[[nodiscard]] QList<EntityMention> recogniseEntities(
    const TokenStream &ts, const PartialDate &date, const DocumentContext &ctx);

// Puts mentions in the order of Annotation::entities: by start, the longer first at the same start. Exactly the
// order std::sort with that comparison leaves (ties included), found by sorting small keys instead of mentions.
void sortMentions(QList<EntityMention> &mentions);

} // namespace entente
