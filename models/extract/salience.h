#pragma once

#include "annotation.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace entente {

// How much each signal weighs in a country's salience, and where `about` begins. The weights are set by
// what a news indexer reads first (headline, dateline, lead, who acts); only the threshold was searched,
// on GUM's train documents (tests/bench/bench_salience --tune, which also shows that searching every
// weight fits GUM train better and its test part worse).
struct SalienceWeights
{
    double headline = 0.30; // named in the headline
    double dateline = 0.20; // the wire dateline's place is in it
    double lead = 0.15; // named in the first sentences of the body
    double share = 0.30; // its mentions against the most mentioned country's
    double frequency = 0.15; // its mentions, saturating at `saturation`
    double relation = 0.20; // a party to relations the text states, saturating at `relationSaturation`
    double saturation = 6.0;
    double relationSaturation = 3.0;
    double demonym = 0.5; // "Swiss", "Chinese" as a mention, against a name's 1
    double place = 0.5; // a city or place of the country, against a name's 1
    bool placeInHeadline = true; // a city in the headline gives its country the headline's weight
    int leadSentences = 2;
    double threshold = 0.35; // salience from which a country is `about` (the best on GUM train)
};

// The countries of a document ranked by salience: every country it names, through its names, demonyms,
// capitals, leaders or the wire dateline, with a salience in [0, 1] and whether the document is about it.
// Sorted by salience, the highest first (ties by code).
//
// Signals: the headline (ctx.title, or the text's first short lines), the dateline, the lead, how often the
// country is named (its leaders and government for it), and its part in the relations the text states.
// Not counted: a news agency or outlet named as the source ("(Reuters)", "told CNN") and the country of an
// organisation: neither the organisation's own country nor a country named inside its name ("Chinese Academy
// of Social Sciences"), so that neither makes a country even mentioned.
//
//     Annotation a = Extractor::shared().annotate(text, ctx); // calls rankCountries() last
//     for (const CountrySalience &c : a.countries)
//         if (c.about) ...
[[nodiscard]] QList<CountrySalience> rankCountries(
    QStringView text, const Annotation &annotation, const DocumentContext &ctx, const SalienceWeights &weights = {});

// Where the headline lines at the start of `text` end: short lines without a closing full stop before the
// body (at most three); 0 when the text opens with its body.
[[nodiscard]] qsizetype headlineEnd(QStringView text);

} // namespace entente
