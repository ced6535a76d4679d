#include "names.h"

#include "learn/gazetteerfeatures.h"
#include "words.h"

#include <QHash>

namespace entente {

namespace {

constexpr size_t kContextWords = 2; // the tagger's features look two words either side
// A window takes in the run of capitalised words around a wanted word, this far either way: a name is shorter, and
// a headline in capitals or a megabyte of "China China ..." is no name to read whole.
constexpr size_t kMaxRunWords = 12;

thread_local qint64 t_taggedWords = 0;

struct Scratch
{
    std::vector<ModelWord> words;
    std::vector<QStringView> views;
    std::vector<quint8> wantedWord;
    // What the tagger said of a window, by the hash of its words: the tagger reads nothing else, and speeches and
    // wires repeat the same capitalised phrases ("the Member States of", "Mr. President,") across documents.
    QHash<quint64, QList<learn::NameSpan>> memo;
};

constexpr qsizetype kMemoSize = 1 << 16; // windows kept a thread; the memo starts again when full

quint64 windowKey(std::span<const QStringView> words)
{
    quint64 key = 0x51ed27ab3f6c1e4dULL;
    for (const QStringView w : words) {
        quint64 h = 0xcbf29ce484222325ULL;
        for (const QChar c : w)
            h = (h ^ c.unicode()) * 0x100000001b3ULL;
        key = mixBits(key * 0x9e3779b97f4a7c15ULL + h);
    }
    return key;
}

// A greedy tagger can run a name on over lower-case words ("Halvorsen Capital said that Tobias Wennerstrom" as one
// organisation). Such a name is cut at each lower-case word that `lowerNameWord` does not mark, and each piece that
// holds a capitalised word is tagged again on its own; other names pass as they are. `from` is the window's first
// word.
void splitAtLowerCase(const TokenStream &ts, const std::vector<quint8> &lowerNameWord,
    const std::vector<ModelWord> &words, size_t from, std::span<const QStringView> views,
    const learn::NerTagger &tagger, QList<learn::NameSpan> &names)
{
    QList<learn::NameSpan> out;
    for (const learn::NameSpan &name : std::as_const(names)) {
        const auto breaks = [&](int w) {
            const quint32 k = words[from + size_t(w)].firstToken;
            return ts[k].is(Token::Word) && ts[k].is(Token::Lower) && !lowerNameWord[k];
        };
        bool any = false;
        for (int w = name.first; w < name.last && !any; ++w)
            any = breaks(w);
        if (!any) {
            out.append(name);
            continue;
        }
        for (int w = name.first; w < name.last;) {
            if (breaks(w)) {
                ++w;
                continue;
            }
            int end = w;
            bool capital = false;
            while (end < name.last && !breaks(end)) {
                const Token &t = ts[words[from + size_t(end)].firstToken];
                capital = capital || t.is(Token::Capitalised) || t.is(Token::AllCaps);
                ++end;
            }
            if (capital) {
                for (learn::NameSpan piece : tagger.tag(views.subspan(size_t(w), size_t(end - w)))) {
                    piece.first += w;
                    piece.last += w;
                    out.append(piece);
                }
            }
            w = end;
        }
    }
    names = std::move(out);
}

// "Okonjo-Vance": the models' words keep hyphens apart, and the tagger may end a name at one. Two names of a type
// joined by a hyphen with no space around it are one.
void joinHyphenated(const std::vector<ModelWord> &words, size_t from, QStringView text, QList<learn::NameSpan> &names)
{
    for (qsizetype i = 1; i < names.size();) {
        learn::NameSpan &a = names[i - 1];
        const learn::NameSpan &b = names[i];
        const ModelWord &hyphen = words[from + size_t(a.last)];
        const bool joined = a.type == b.type && b.first == a.last + 1
            && text.sliced(hyphen.start, hyphen.end - hyphen.start) == u"-"
            && words[from + size_t(a.last) - 1].end == hyphen.start
            && hyphen.end == words[from + size_t(b.first)].start;
        if (joined) {
            a.last = b.last;
            a.confidence = std::min(a.confidence, b.confidence);
            names.removeAt(i);
        } else {
            ++i;
        }
    }
}

} // namespace

qint64 takeTaggedWordCount()
{
    const qint64 n = t_taggedWords;
    t_taggedWords = 0;
    return n;
}

QList<TaggedName> tagNames(
    const TokenStream &ts, const std::vector<quint8> &wanted, const std::vector<quint8> &lowerNameWord)
{
    QList<TaggedName> out;
    const learn::NerTagger &tagger = learn::NerTagger::shared();
    if (!tagger.isLoaded())
        return out;
    thread_local Scratch s;
    const QStringView text = ts.text();
    // A model that reads what the document said before tags each window in its document's light: its answers
    // cannot be shared across documents.
    const bool history = tagger.features() & learn::NerTrainSettings::History;
    learn::NerDocument document;
    for (qsizetype sentence = 0; sentence < ts.sentences().size(); ++sentence) {
        const TokenStream::Range range = ts.sentenceTokens(sentence);
        bool any = false;
        for (size_t k = range.first; k < range.last && !any; ++k)
            any = wanted[k];
        if (!any)
            continue;
        s.words.clear();
        modelWords(ts, range, s.words);
        const size_t n = s.words.size();
        // Words holding a wanted token, then the whole capitalised run around each.
        s.wantedWord.assign(n, 0);
        const auto capitalised = [&](size_t w) {
            const Token &t = ts[s.words[w].firstToken];
            return t.is(Token::Word) && (t.is(Token::Capitalised) || t.is(Token::AllCaps)) && !t.is(Token::Digit);
        };
        for (size_t w = 0; w < n; ++w) {
            for (quint32 k = s.words[w].firstToken; k < s.words[w].lastToken && !s.wantedWord[w]; ++k)
                s.wantedWord[w] = wanted[k];
        }
        for (size_t w = 0; w < n;) {
            if (!s.wantedWord[w]) {
                ++w;
                continue;
            }
            size_t first = w;
            while (first > 0 && w - first < kMaxRunWords && capitalised(first - 1))
                --first;
            size_t last = w + 1;
            while (last < n && last - w < kMaxRunWords && (capitalised(last) || s.wantedWord[last]))
                ++last;
            // Two words of context, and on as long as the next window would touch this one.
            size_t from = first >= kContextWords ? first - kContextWords : 0;
            size_t to = std::min(n, last + kContextWords);
            for (size_t next = to; next < n && next <= to + kContextWords; ++next) {
                if (s.wantedWord[next]) {
                    size_t runEnd = next + 1;
                    while (runEnd < n && runEnd - next < kMaxRunWords && (capitalised(runEnd) || s.wantedWord[runEnd]))
                        ++runEnd;
                    to = std::min(n, runEnd + kContextWords);
                    next = runEnd - 1;
                }
            }
            s.views.clear();
            for (size_t k = from; k < to; ++k)
                s.views.push_back(text.sliced(s.words[k].start, s.words[k].end - s.words[k].start));
            QList<learn::NameSpan> found;
            if (history) {
                t_taggedWords += qint64(s.views.size());
                found = tagger.tag(s.views, {}, &document);
            } else {
                const quint64 key = windowKey(s.views);
                auto hit = s.memo.constFind(key);
                if (hit == s.memo.cend()) {
                    t_taggedWords += qint64(s.views.size());
                    if (s.memo.size() >= kMemoSize)
                        s.memo.clear();
                    hit = s.memo.insert(key, tagger.tag(s.views, {}));
                }
                found = *hit;
            }
            splitAtLowerCase(ts, lowerNameWord, s.words, from, s.views, tagger, found);
            joinHyphenated(s.words, from, text, found);
            for (const learn::NameSpan &name : std::as_const(found)) {
                const ModelWord &a = s.words[from + size_t(name.first)];
                const ModelWord &b = s.words[from + size_t(name.last) - 1];
                // A name must cover whole tokens ("don't" gives words inside one token).
                if (a.start != ts[a.firstToken].start || b.end != ts[b.lastToken - 1].end)
                    continue;
                out.append({ a.firstToken, b.lastToken, a.start, b.end, name.type, name.confidence });
            }
            w = to;
        }
    }
    return out;
}

} // namespace entente
