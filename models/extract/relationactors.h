#pragma once

#include "annotation.h"

#include <QList>
#include <QString>

namespace entente {

// The country an article is mostly about: ctx.sourceCountry when set, otherwise the country
// mentioned most often (a leader counts for the country), provided it is mentioned at least
// twice and more often than any other; empty otherwise.
[[nodiscard]] QString dominantCountry(const QList<EntityMention> &entities, const DocumentContext &ctx);

// The party a mention stands for in a relation: a country's code, the country of a person or of an organisation
// the text or the gazetteer ties to one, or an organisation's own id (then `*organisation` is set); empty for
// anything else (places, events, treaties, news outlets, an organisation only the name tagger knows).
[[nodiscard]] QString relationActor(const EntityMention &mention, bool *organisation = nullptr);

} // namespace entente
