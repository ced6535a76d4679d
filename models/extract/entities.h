#pragma once

#include "annotation.h"

namespace entente {

struct DocumentContext;

// The names Entente knows (countries, their names in the six UN languages, demonyms,
// capitals, leaders with dated roles, organisations, regions, places), loaded once per
// process from the data files in resources/gazetteer into a compact matcher.
class Gazetteer
{
public:
    [[nodiscard]] static const Gazetteer &shared();

    // Canonical English short name of an ISO alpha-3 code ("CHN" -> "China"); empty if unknown.
    [[nodiscard]] QString countryName(const QString &alpha3) const;

private:
    Gazetteer();
};

// Countries, people, organisations, places, regions and events in `text`, people resolved to
// their country and role by `date` (the article's date; may be invalid).
[[nodiscard]] QList<EntityMention> recogniseEntities(QStringView text, const QList<Span> &sentences,
                                                     const PartialDate &date, const DocumentContext &ctx);

} // namespace entente
