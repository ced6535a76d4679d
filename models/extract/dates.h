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
[[nodiscard]] std::optional<PublishedDate> inferPublishedDate(
    QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates);

// Money amounts ("$97.2 billion" -> USD 97200000000, "2 trillion yuan", "RMB 100 million") as
// EntityMention of kind Money, with the ISO 4217 `currency`, the `amount` in units, an `id`
// such as "USD 97200000000", and in `date` the year of their sentence: the date written
// nearest to it in the sentence, else the last date before it. Linear in the text's length.
// (Implemented in money.cpp.)
[[nodiscard]] QList<EntityMention> findMoney(
    QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates);

// The same, with the article's date as the last resort for an amount's year (when no date is
// written in or before its sentence).
[[nodiscard]] QList<EntityMention> findMoney(
    QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates, const PartialDate &anchor);

} // namespace entente
