#pragma once

#include "annotation.h"

namespace entente {

class TokenStream;

// Money amounts ("$97.2 billion" -> USD 97200000000, "2 trillion yuan", "RMB 100 million") as
// EntityMention of kind Money, with the ISO 4217 `currency`, the `amount` in units, an `id`
// such as "USD 97200000000", and in `date` the year of their sentence: the date of `dates` (from
// findDates()) written nearest to it in the sentence, else the last date before it in its paragraph,
// else the year of `anchor` (the article's date). Reads the tokens and the words and signs of
// resources/lexicon/money.tsv; linear in the text's length.
[[nodiscard]] QList<EntityMention> findMoney(
    const TokenStream &ts, const QList<DateMention> &dates, const PartialDate &anchor = {});

} // namespace entente
