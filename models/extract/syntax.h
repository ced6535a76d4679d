#pragma once

#include "annotation.h"
#include "learn/ud.h"
#include "tokenstream.h"
#include "words.h"

#include <QList>

#include <optional>
#include <vector>

namespace entente {

// Part-of-speech tags and a dependency tree over a stretch of one sentence (learn/postagger.h,
// learn/depparser.h). `words` are the models' words (words.h) in text order; heads index them.
struct SentenceParse
{
    qsizetype sentence = -1; // index into TokenStream::sentences()
    std::vector<ModelWord> words;
    std::vector<learn::Upos> tags;
    std::vector<int> heads; // the head's index into `words`; -1 for the root
    std::vector<quint8> labels; // index into DependencyParser::shared().labelNames()
    bool clipped = false; // the sentence was longer than the parser sees, and this is the part around its actors
};

// How much the syntax stage parses.
struct ParseLimits
{
    // A longer sentence is cut to this many words around its actors: a parser's time is linear in its input, a
    // sentence without full stops can run to megabytes, and a relation's predicate stands near its arguments.
    int maxWords = 80;
    int minActors = 2; // distinct actors a sentence needs to be parsed
};

// The sentences of `ts` that hold mentions of `limits.minActors` or more distinct actors (relationActor()), tagged and
// parsed, in text order: the sentences where a relation between countries can be stated, and the only ones worth the
// parser's time. Without the models, an empty list.
//
//     for (const SentenceParse &p : parseActorSentences(ts, annotation.entities)) ...
[[nodiscard]] std::vector<SentenceParse> parseActorSentences(
    const TokenStream &ts, const QList<EntityMention> &entities, const ParseLimits &limits = {});

// Sentence `s` of `ts` tagged and parsed whole; nothing without the models or when it has more than `maxWords`
// words (a sentence without full stops can run to megabytes).
[[nodiscard]] std::optional<SentenceParse> parseSentence(const TokenStream &ts, qsizetype s, int maxWords = 80);

// How many words parseActorSentences() and parseSentence() gave the parser in this thread since the last call (for
// benchmarks).
[[nodiscard]] qint64 takeParsedWordCount();

} // namespace entente
