#pragma once

#include "learn/nertagger.h"
#include "tokenstream.h"

#include <QList>

#include <vector>

namespace entente {

// A name the statistical tagger found, in tokens of the stream.
struct TaggedName
{
    size_t first = 0; // tokens [first, last)
    size_t last = 0;
    qsizetype start = 0; // UTF-16 span
    qsizetype end = 0;
    learn::NameType type = learn::NameType::Person;
    float confidence = 0.0f;
};

// The named-entity tagger (learn/nertagger.h) run where it can change the answer: over windows of each sentence's
// words around the tokens `wanted` marks (the capitalised words the gazetteer does not explain). A window takes
// the whole run of capitalised words a wanted token stands in and two words on either side; windows that touch
// are merged. Names come back in text order; a name that would end or start inside a token is left out. One call is
// one document: a model trained to remember what a document said before (NerDocument) reads the windows in order.
// Without a tagger model, nothing.
//
//     std::vector<quint8> wanted(ts.size()), lowerNameWord(ts.size());   // marked (1) by the caller
//     for (const TaggedName &n : tagNames(ts, wanted, lowerNameWord)) ...
// `lowerNameWord` marks the lower-case tokens a name may hold (connectors, articles, particles: "Bank of China",
// "Osama bin Laden"): a name the tagger runs on over another lower-case word is cut there and its pieces tagged
// again alone, and two names of a type joined by a hyphen without spaces ("Okonjo-Vance") are one. The marks are
// bytes, not std::vector<bool>: both are read for every token of a document, and a bit's address cost more.
[[nodiscard]] QList<TaggedName> tagNames(
    const TokenStream &ts, const std::vector<quint8> &wanted, const std::vector<quint8> &lowerNameWord);

// How many words tagNames() gave the tagger in this thread since the last call (for benchmarks).
[[nodiscard]] qint64 takeTaggedWordCount();

} // namespace entente
