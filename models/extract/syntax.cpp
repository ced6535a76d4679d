#include "syntax.h"

#include "learn/depparser.h"
#include "learn/postagger.h"
#include "relations.h"

#include <QHash>

#include <algorithm>

namespace entente {

namespace {

thread_local qint64 t_parsedWords = 0;

struct SentenceActors
{
    QStringList ids; // distinct
    size_t firstToken = SIZE_MAX; // of the first and the last actor mention
    size_t lastToken = 0;
};

// Tags and parses `p.words` into its tags, heads and labels; `infos` is scratch space.
void tagAndParse(QStringView text, SentenceParse &p, std::vector<learn::WordInfo> &infos)
{
    // Each word's hashes once, for the tagger and the parser both.
    infos.clear();
    for (const ModelWord &w : p.words)
        infos.push_back(learn::wordInfo(text.sliced(w.start, w.end - w.start)));
    const size_t n = infos.size();
    p.tags.assign(n, learn::Upos::X);
    p.heads.assign(n, -1);
    p.labels.assign(n, 0);
    learn::PosTagger::shared().tag(infos, p.tags);
    learn::DependencyParser::shared().parse(infos, p.tags, p.heads, p.labels);
    t_parsedWords += qint64(n);
}

} // namespace

qint64 takeParsedWordCount()
{
    const qint64 n = t_parsedWords;
    t_parsedWords = 0;
    return n;
}

std::vector<SentenceParse> parseActorSentences(
    const TokenStream &ts, const QList<EntityMention> &entities, const ParseLimits &limits)
{
    std::vector<SentenceParse> out;
    const learn::PosTagger &tagger = learn::PosTagger::shared();
    const learn::DependencyParser &parser = learn::DependencyParser::shared();
    if (!tagger.isLoaded() || !parser.isLoaded() || ts.size() == 0)
        return out;

    // Each sentence's distinct actors, and where they stand.
    QHash<qsizetype, SentenceActors> actors;
    for (const EntityMention &m : entities) {
        const QString id = relationActor(m);
        if (id.isEmpty())
            continue;
        const TokenStream::Range r = ts.tokensIn(m.span);
        if (r.size() == 0)
            continue;
        SentenceActors &a = actors[ts[r.first].sentence];
        if (!a.ids.contains(id))
            a.ids.append(id);
        a.firstToken = std::min(a.firstToken, r.first);
        a.lastToken = std::max(a.lastToken, r.last - 1);
    }
    QList<qsizetype> sentences;
    for (auto it = actors.cbegin(); it != actors.cend(); ++it) {
        if (it->ids.size() >= std::max(1, limits.minActors))
            sentences.append(it.key());
    }
    std::sort(sentences.begin(), sentences.end());

    const QStringView text = ts.text();
    const size_t maxWords = size_t(std::max(2, limits.maxWords));
    std::vector<ModelWord> words;
    std::vector<learn::WordInfo> infos;
    for (const qsizetype s : std::as_const(sentences)) {
        words.clear();
        modelWords(ts, ts.sentenceTokens(s), words);
        if (words.empty())
            continue;
        SentenceParse p;
        p.sentence = s;
        size_t from = 0;
        size_t to = words.size();
        if (to > maxWords) {
            // The stretch around the actors: from a little before the first, as far as the bound allows; a
            // predicate before the first actor ("Both X and Y signed") is rarer than one between or after them.
            const SentenceActors &a = actors[s];
            const auto wordOf = [&](size_t token) {
                const auto it = std::upper_bound(
                    words.cbegin(), words.cend(), token, [](size_t t, const ModelWord &w) { return t < w.lastToken; });
                return size_t(std::min<ptrdiff_t>(it - words.cbegin(), ptrdiff_t(words.size()) - 1));
            };
            const size_t first = wordOf(a.firstToken);
            from = first > maxWords / 4 ? first - maxWords / 4 : 0;
            to = std::min(words.size(), from + maxWords);
            from = to - std::min(to, maxWords);
            p.clipped = true;
        }
        p.words.assign(words.cbegin() + ptrdiff_t(from), words.cbegin() + ptrdiff_t(to));
        tagAndParse(text, p, infos);
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<SentenceParse> parseSentence(const TokenStream &ts, qsizetype s, int maxWords)
{
    const learn::PosTagger &tagger = learn::PosTagger::shared();
    const learn::DependencyParser &parser = learn::DependencyParser::shared();
    if (!tagger.isLoaded() || !parser.isLoaded() || s < 0 || s >= ts.sentences().size())
        return std::nullopt;
    SentenceParse p;
    p.sentence = s;
    const TokenStream::Range tokens = ts.sentenceTokens(s);
    p.words.reserve(tokens.size()); // no more words than tokens
    modelWords(ts, tokens, p.words);
    if (p.words.empty() || p.words.size() > size_t(std::max(2, maxWords)))
        return std::nullopt;
    // The words' hashes in the thread's scratch: the relation stage parses sentence after sentence.
    thread_local std::vector<learn::WordInfo> infos;
    tagAndParse(ts.text(), p, infos);
    return p;
}

} // namespace entente
