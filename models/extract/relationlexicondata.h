#pragma once

// The relation lexicon's tables as the relation finder reads them: shared by relationlexicon.cpp, which loads
// them, and the finder's files. Internal to models/extract.

#include "relationlexicon.h"
#include "tokenhash.h"
#include "tokenstream.h"
#include "wordlists.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace entente {

namespace rel {

// The lexicon is keyed by the TokenStream's token hashes, as the other word lists are (wordKey()): a word of one
// token by sequenceKey() of its hash, a word joined by hyphens or apostrophes ("de-escalate", "don't") by that of
// its tokens in turn.
inline quint64 lexiconKey(QStringView word)
{
    return wordKey(word);
}

// A set of word ids as 128 bits (bit id % 128): a pattern slot none of whose bits a sentence's
// words set cannot match, which rules out most patterns without a search.
struct WordMask
{
    quint64 bits[2] = { 0, 0 };

    void add(int word)
    {
        if (word >= 0)
            bits[(word >> 6) & 1] |= quint64(1) << (word & 63);
    }
    [[nodiscard]] bool meets(const WordMask &o) const { return ((bits[0] & o.bits[0]) | (bits[1] & o.bits[1])) != 0; }
};

// A code of 1 to 7 ASCII characters as one number (its length in the low byte); 0 for any other.
inline quint64 packCode(QStringView code)
{
    if (code.isEmpty() || code.size() > 7)
        return 0;
    quint64 key = quint64(code.size());
    for (qsizetype i = 0; i < code.size(); ++i) {
        const char16_t c = code[i].unicode();
        if (c == 0 || c >= 0x80)
            return 0;
        key |= quint64(c) << (8 * (i + 1));
    }
    return key;
}

inline bool isApostrophe(QChar c)
{
    return c == u'\'' || c == QChar(0x2019);
}

enum class CueKind : quint8 { Verb, Noun, Tone, Neg, Ignore };

enum CueFlag : quint8 { Symmetric = 1, Reciprocal = 2, Partner = 4 };

// Classes of function words the finder tests by word id.
enum WordClass : quint32 {
    ListGap = 1,
    Link = 2,
    Between = 4,
    By = 8,
    Article = 16,
    ClauseBreak = 32,
    Determiner = 64, // a verb form after one of these is a noun: "the issue", "its back"
    FirstPerson = 128, // "we", "my", "our": the speaker
    Background = 1u << 8, // "amid", "despite": the actor right after is no party
    ClauseOpener = 1u << 9, // "while", "but", "because": a group right after starts a clause
    Relative = 1u << 10, // "which", "who"
    Prompting = 1u << 11, // ", prompting China to ...": the group right after acts next
    TimeSpan = 1u << 12, // "a week after", "shortly before": a time clause of its own
    AsKeeper = 1u << 13, // "such as", "as well as", "known as": "as" opening no clause
    Relieving = 1u << 14, // "ease tensions", "defuse the dispute": the conflict is what they work against
    SpeakerNoun = 1u << 15, // "my country", "our government": the speaker's state
    Title = 1u << 16, // "President", "Minister": skipped between "by" and a name
    Locative = 1u << 17, // "in", "near": a complement behind one is where an event happens, not who undergoes it
    Homeland = 1u << 18, // "its airspace", "their territory": what a state is attacked or violated in
    Sport = 1u << 20, // "match", "stadium", "penalties": two of them make a sentence about a game, no relation
    Halting = 1u << 19, // "call on X to stop", "urged Y to halt": an appeal to stop a hostile act is a demand
    GoBetween = 1u << 21, // "mediated", "brokered", "hosted": the agent meets each party of the event it brokers
    Obligation = 1u << 22, // "must", "should": what a party must do is a demand on it (CAMEO 10)
    Saying = 1u << 23, // "said", "told": the one who says "X must" demands it of X
    Arrival = 1u << 24, // "arrived", "landed": their "in" complement is where the visitor comes to, no scene
    Direction = 1u << 25, // "from", "against": a capital behind one is the government an act comes from or goes to
    StateBody = 1u << 26, // "forces", "government": a noun that acts for the state it is "of" ("the forces of X")
    Denial = 1u << 27, // "denied": the clause it takes ("denied that its troops had crossed") states no event
    Experiencer = 1u << 28, // "angered", "alarmed": the one it affects disapproves of the one that does it
    Claim = 1u << 29, // "reports", "claims": the clause of one that is denied or rejected states no event
    Rebuttal = 1u << 30, // "rejected", "dismissed": a claim it takes ("rejected reports that ...") states no event
    Receiving = 1u << 31, // "received", "obtained": their "from" complement gives what the subject gets
};

// CAMEO's reject code (12x) of a negated cooperation code (resources/lexicon/reject.tsv).
[[nodiscard]] QString rejectCodeFor(QStringView code);

} // namespace rel

// The tables' own types, by their short names (an internal header: only the relation files include it).
using rel::CueKind;
using rel::lexiconKey;
using rel::WordMask;

struct RelationLexicon::Data
{
    struct Entry
    {
        QList<int> words;
        CueKind kind = CueKind::Noun;
        quint8 flags = 0;
        qint8 tone = 0;
        bool reverse = false; // a CAMEO ":b" code: the object acts on the subject
        QString code;
        int block = -1;
        // A weak verb's default code (verbs.tsv's fourth column): its event only where the parse shows the verb
        // linking two actors ("Israel struck targets in Syria"); a word matcher would find it everywhere.
        QString parseCode;
        bool parseReverse = false;
    };
    struct Pattern
    {
        QString code;
        double goldstein = 0.0; // of code, looked up once at load
        bool reverse = false;
        QList<QList<int>> before; // slots, nearest to the verb last
        QList<QList<int>> after; // slots in order
    };
    // Per pattern of a block, in the same order, what the finder tests first: contiguous, so
    // that rejecting a pattern does not touch its slots.
    struct PatternFilter
    {
        quint32 masks = 0; // into patternMasks: the after slots' masks, then the before slots'
        quint16 after = 0;
        quint16 before = 0;
    };
    std::vector<std::vector<PatternFilter>> blockFilters;
    std::vector<WordMask> patternMasks;
    // Which patterns of a block a word can start to satisfy: each pattern is listed under the words of
    // its anchor, its slot with the fewest words. A pattern none of whose anchor words stands near the
    // verb cannot match, so the finder tests only the patterns listed under the words it sees (a verb
    // block has dozens of patterns, and synonym-set slots hold so many words that the masks pass them).
    TokenHashMap anchorRuns; // anchorKey(block, word, after) -> run + 1
    TokenHashFilter anchorFilter; // most words near a verb anchor none of its patterns
    std::vector<quint8> anchorSides; // per word id: 1 if it anchors a pattern after its verb in some block, 2 before
    std::vector<quint32> anchorRunBegin; // per run: start in anchorPatterns; size runs + 1
    std::vector<int> anchorPatterns; // pattern indices within the block, ascending in each run

    QHash<quint64, int> wordIds;
    std::vector<quint32> wordClass;
    int as = -1, andWord = -1, after = -1, before = -1, we = -1, i = -1, with = -1,
        to = -1; // single words the finder asks for
    std::vector<std::vector<int>> byFirstWord; // entry indices, longest phrase first
    std::vector<Entry> entries;
    std::vector<std::vector<Pattern>> blockPatterns;
    QHash<QString, double> goldstein;
    // The same scores keyed by packCode(): CAMEO codes are a few ASCII digits, and a cue asks
    // for its score several times, so a QString hash and allocation per ask showed in profiles.
    TokenHashMap goldsteinByPacked; // mixBits(packed code) -> index in goldsteinValues + 1
    std::vector<double> goldsteinValues;
    qsizetype patternCount = 0;

    int intern(QStringView word)
    {
        const quint64 h = lexiconKey(word);
        auto it = wordIds.constFind(h);
        if (it != wordIds.constEnd())
            return it.value();
        const int id = int(wordClass.size());
        wordIds.insert(h, id);
        wordClass.push_back(0);
        byFirstWord.emplace_back();
        return id;
    }
    [[nodiscard]] int find(QStringView word) const { return findHash(lexiconKey(word)); }
    [[nodiscard]] int findHash(quint64 h) const
    {
        return wordIdsFilter.mayContain(h) ? int(wordIdsFlat.value(h)) - 1 : -1;
    }

    // The same tables laid out for the finder's inner loops, built once after loading: the word
    // ids in an open-addressing map (id + 1), and each word's cue phrases as one contiguous run
    // of (entry, length, words) instead of a vector per word and a QList per phrase, which
    // cost a cache miss a token.
    TokenHashMap wordIdsFlat;
    TokenHashFilter wordIdsFilter; // most words of a sentence are no cue word: rejected without a probe
    std::vector<quint32> cueRunBegin; // per word id: start of its run in cueRuns; size words + 1
    // Per phrase in a run: entry index, word count n, then its words 1..n-1 (the first is the key).
    std::vector<int> cueRuns;

    void buildFlatTables()
    {
        wordIdsFlat.reserve(size_t(wordIds.size()));
        for (auto it = wordIds.cbegin(); it != wordIds.cend(); ++it)
            wordIdsFlat[it.key()] = quint32(it.value() + 1);
        wordIdsFilter.build(wordIdsFlat);
        cueRunBegin.assign(byFirstWord.size() + 1, 0);
        cueRuns.clear();
        for (size_t w = 0; w < byFirstWord.size(); ++w) {
            cueRunBegin[w] = quint32(cueRuns.size());
            for (const int ei : byFirstWord[w]) {
                const QList<int> &words = entries[size_t(ei)].words;
                cueRuns.push_back(ei);
                cueRuns.push_back(int(words.size()));
                cueRuns.insert(cueRuns.end(), words.cbegin() + 1, words.cend());
            }
        }
        cueRunBegin.back() = quint32(cueRuns.size());
    }
    [[nodiscard]] quint32 classOf(int id) const { return id < 0 ? 0 : wordClass[size_t(id)]; }

    // What the finder reads of an entry when its phrase matches, 12 bytes an entry: the entries themselves
    // (phrase words, code string) are several times larger, and a match cost a cache miss on one.
    struct EntryMeta
    {
        qint32 block = -1;
        quint16 code = 0; // into codes
        CueKind kind = CueKind::Noun;
        quint8 flags = 0;
        qint8 tone = 0;
        bool reverse = false;
        quint16 parseCode = 0; // into codes: a weak verb's default code, 0 for none
        bool parseReverse = false;
    };
    std::vector<EntryMeta> entryMeta;
    // The distinct codes of entries and patterns, shared by them (copying a cue's code touches one of a few
    // hundred strings, not one string an entry), with their Goldstein scores.
    std::vector<QString> codes;
    std::vector<double> codeGoldstein;

    static quint64 anchorKey(int block, int word, bool after)
    {
        // A bijection: distinct (block, word, side) never share a key, and never make 0.
        return mixBits((quint64(block + 1) << 33) | (quint64(word) << 1) | (after ? 1 : 0));
    }
    // The patterns of `block` anchored on `word` on one side of the verb: [begin, end) of anchorPatterns.
    [[nodiscard]] std::pair<const int *, const int *> anchored(int block, int word, bool after) const
    {
        // Most words around a verb anchor no pattern of any block: one byte tells, before the key is mixed.
        if (size_t(word) >= anchorSides.size() || !(anchorSides[size_t(word)] & (after ? 1 : 2)))
            return { nullptr, nullptr };
        const quint64 key = anchorKey(block, word, after);
        if (!anchorFilter.mayContain(key))
            return { nullptr, nullptr };
        const quint32 run = anchorRuns.value(key);
        if (!run)
            return { nullptr, nullptr };
        return { anchorPatterns.data() + anchorRunBegin[run - 1], anchorPatterns.data() + anchorRunBegin[run] };
    }
    void buildAnchorIndex()
    {
        std::vector<std::vector<int>> runs;
        for (size_t b = 0; b < blockPatterns.size(); ++b) {
            const std::vector<Pattern> &patterns = blockPatterns[b];
            for (size_t j = 0; j < patterns.size(); ++j) {
                const QList<int> *anchor = nullptr;
                bool after = true;
                for (const bool side : { true, false }) {
                    for (const QList<int> &slot : side ? patterns[j].after : patterns[j].before) {
                        if (!anchor || slot.size() < anchor->size()) {
                            anchor = &slot;
                            after = side;
                        }
                    }
                }
                if (!anchor)
                    continue; // no slot: scores 0 and never wins
                for (const int word : *anchor) {
                    if (word < 0)
                        continue;
                    if (size_t(word) >= anchorSides.size())
                        anchorSides.resize(size_t(word) + 1, 0);
                    anchorSides[size_t(word)] |= after ? 1 : 2;
                    quint32 &run = anchorRuns[anchorKey(int(b), word, after)];
                    if (!run) {
                        runs.emplace_back();
                        run = quint32(runs.size());
                    }
                    std::vector<int> &list = runs[run - 1];
                    if (list.empty() || list.back() != int(j)) // a word twice in a slot
                        list.push_back(int(j));
                }
            }
        }
        anchorRunBegin.assign(runs.size() + 1, 0);
        for (size_t r = 0; r < runs.size(); ++r) {
            anchorRunBegin[r] = quint32(anchorPatterns.size());
            anchorPatterns.insert(anchorPatterns.end(), runs[r].cbegin(), runs[r].cend());
        }
        anchorRunBegin.back() = quint32(anchorPatterns.size());
        anchorFilter.build(anchorRuns);
    }
};

} // namespace entente
