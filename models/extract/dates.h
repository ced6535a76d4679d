#pragma once

#include "annotation.h"

namespace entente {

class TokenStream;

// Date expressions, explicit ("May 11, 2023", "October 2019", "2023") and relative
// ("last year", "one month later", "on the 14th"), resolved against `anchor` (the article's
// date) and the running context. A relative date that cannot be resolved keeps an invalid
// value: never guessed. Reads the tokens and the words of resources/lexicon/dates.tsv; linear in the
// text's length.
[[nodiscard]] QList<DateMention> findDates(const TokenStream &ts, const PartialDate &anchor);

// When an article states no date of its own: a date inferred from its content (its `dates`, from
// findDates()), with the reason and a lower precision; std::nullopt when nothing supports a guess.
[[nodiscard]] std::optional<PublishedDate> inferPublishedDate(const TokenStream &ts, const QList<DateMention> &dates);

} // namespace entente
