#pragma once

#include "annotation.h"

namespace entente {

// Date expressions, explicit ("May 11, 2023", "October 2019", "2023") and relative
// ("last year", "one month later", "on the 14th"), resolved against `anchor` (the article's
// date) and the running context. A relative date that cannot be resolved keeps an invalid
// value: never guessed.
[[nodiscard]] QList<DateMention> findDates(QStringView text, const QList<Span> &sentences, const PartialDate &anchor);

// When an article states no date of its own: a date inferred from its content, with the
// reason and a lower precision; std::nullopt when nothing supports a guess.
[[nodiscard]] std::optional<PublishedDate> inferPublishedDate(QStringView text, const QList<Span> &sentences,
                                                              const QList<DateMention> &dates);

// Money amounts ("$97.2 billion" -> USD 97200000000) as EntityMention of kind Money, with
// currency, amount and the year of their sentence in `date`.
[[nodiscard]] QList<EntityMention> findMoney(QStringView text, const QList<Span> &sentences,
                                             const QList<DateMention> &dates);

} // namespace entente
