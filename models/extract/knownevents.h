#pragma once

#include "annotation.h"

#include <QList>

#include <optional>

namespace entente {

class KnownEventTable;
class TokenStream;

// Dates from the table of known international events (resources/gazetteer/events.tsv, KnownEventTable):
// a report that dates its events by "on the 16th" and names the SCO summit in Samarkand was written
// in that summit's month; "the SCO Summit" named without a date in a 2022 article is the one of 2022.
//
// A sentence names a known event when it holds one of the event's own names ("COP26"), or a word
// of its kind ("summit", "Olympics", "climate"), its organisation where its kind needs one ("SCO",
// "G20") and its host city or country ("Samarkand", "Uzbekistan"). Both read the TokenStream.

// The month of the one known meeting (summit, conference, Games) that the text names and whose days
// include one of `days` (days of the month the text refers to, "the 16th" -> 16), at month precision
// with the reason; std::nullopt when none or several months fit. Events starting before `notBeforeYear`
// (the latest year the text states, 0 if none) are left out: the article is not older than its dates.
[[nodiscard]] std::optional<PublishedDate> dateFromKnownEvents(
    const TokenStream &ts, const QList<int> &days, int notBeforeYear, const KnownEventTable &table);

// Event mentions still without a date take the date of the known event they name, when exactly one
// fits and it agrees with the article's year (a.published): a name of its own, else the organisation
// with its host place in the sentence (an event not after the article's next year), else the
// organisation's one meeting of that kind in the article's year. Runs only for undated event mentions;
// `a.sentences` are those of `ts`.
void dateEventsFromKnownEvents(const TokenStream &ts, Annotation &a, const KnownEventTable &table);

} // namespace entente
