#include "relations.h"

#include "gazetteer.h"
#include "wordlists.h"

#include <QFile>
#include <QHash>
#include <QSet>
#include <QVarLengthArray>

#include <algorithm>
#include <vector>

namespace entente {

namespace {

// The lexicon is keyed by the TokenStream's token hashes: a word of one token by sequenceKey() of its hash, a
// word joined by hyphens or apostrophes ("de-escalate", "don't") by that of its tokens in turn.
quint64 lexiconKey(QStringView word)
{
    std::vector<Token> tokens;
    tokenize(word, tokens);
    quint64 key = 0;
    for (const Token &t : tokens)
        key = sequenceKey(key, t.hash);
    return key;
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
quint64 packCode(QStringView code)
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

bool isApostrophe(QChar c)
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
};

} // namespace

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
    std::vector<quint32> anchorRunBegin; // per run: start in anchorPatterns; size runs + 1
    std::vector<int> anchorPatterns; // pattern indices within the block, ascending in each run

    QHash<quint64, int> wordIds;
    std::vector<quint32> wordClass;
    int as = -1, andWord = -1, after = -1, before = -1, we = -1; // single words the finder asks for
    std::vector<std::vector<int>> byFirstWord; // entry indices, longest phrase first
    std::vector<Entry> entries;
    std::vector<std::vector<Pattern>> blockPatterns;
    QHash<QString, double> goldstein;
    // The same scores keyed by packCode(): CAMEO codes are a few ASCII digits, and a cue asks
    // for its score several times, so a QString hash and allocation per ask showed in profiles.
    TokenHashMap goldsteinByPacked; // packed code -> index in goldsteinValues + 1
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

namespace {

using Data = RelationLexicon::Data;

QList<QByteArray> readTable(const QString &name)
{
    QFile f(QStringLiteral(":/resources/lexicon/") + name);
    if (!f.open(QIODevice::ReadOnly)) {
        qWarning("RelationLexicon: cannot read %s", qPrintable(f.fileName()));
        return {};
    }
    QList<QByteArray> lines = f.readAll().split('\n');
    lines.removeIf([](const QByteArray &l) { return l.isEmpty() || l.startsWith('#'); });
    return lines;
}

QList<int> internPhrase(Data &d, QStringView phrase)
{
    QList<int> words;
    for (const QStringView w : phrase.split(u' ', Qt::SkipEmptyParts))
        words.append(d.intern(w));
    return words;
}

// "042:043" -> 042 forward; ":020" -> 020 reversed.
void splitCode(QStringView raw, QString &code, bool &reverse)
{
    const qsizetype colon = raw.indexOf(u':');
    reverse = colon == 0;
    code = (colon < 0 ? raw : reverse ? raw.mid(1) : raw.left(colon)).toString();
}

void load(Data &d)
{
    // Function words the finder reads (resources/lexicon/clauses.tsv).
    static const QList<QPair<QByteArray, quint32>> classes {
        { "list-gap", ListGap },
        { "link", Link },
        { "between", Between },
        { "by", By },
        { "determiner", Determiner },
        { "first-person", FirstPerson },
        { "title", Title },
        { "article", Article },
        { "clause-break", ClauseBreak },
        { "background", Background },
        { "clause-opener", ClauseOpener },
        { "relative", Relative },
        { "prompting", Prompting },
        { "time-span", TimeSpan },
        { "as-keeper", AsKeeper },
        { "relieving", Relieving },
        { "speaker-noun", SpeakerNoun },
    };
    for (const QByteArray &line : readTable(QStringLiteral("clauses.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        const auto cls = std::find_if(
            classes.cbegin(), classes.cend(), [&](const auto &c) { return f.size() == 2 && c.first == f[0]; });
        if (cls == classes.cend()) {
            qWarning("RelationLexicon: clauses.tsv: a line of no known class: %s", line.constData());
            continue;
        }
        for (const QByteArray &w : f[1].split('|'))
            d.wordClass[size_t(d.intern(QString::fromUtf8(w)))] |= cls->second;
    }
    d.as = d.intern(u"as");
    d.andWord = d.intern(u"and");
    d.after = d.intern(u"after");
    d.before = d.intern(u"before");
    d.we = d.intern(u"we");

    QHash<QString, int> byPhrase; // phrase -> entry, to merge verbs.tsv into hand-kept cues
    const auto addEntry = [&d, &byPhrase](const QString &phrase, Data::Entry e) {
        e.words = internPhrase(d, phrase);
        if (e.words.isEmpty() || byPhrase.contains(phrase))
            return;
        byPhrase.insert(phrase, int(d.entries.size()));
        d.entries.push_back(std::move(e));
    };

    for (const QByteArray &line : readTable(QStringLiteral("cues.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 2)
            continue;
        Data::Entry e;
        const QByteArray kind = f[0];
        const QByteArray code = f.value(2) == "\"\"" ? QByteArray() : f.value(2);
        if (kind == "noun" || kind == "verb") {
            e.kind = kind == "noun" ? CueKind::Noun : CueKind::Verb;
            splitCode(QString::fromLatin1(code), e.code, e.reverse);
        } else if (kind == "tone") {
            e.kind = CueKind::Tone;
            e.tone = code == "-" ? -1 : 1;
        } else if (kind == "neg") {
            e.kind = CueKind::Neg;
        } else if (kind == "ignore") {
            e.kind = CueKind::Ignore;
        } else {
            continue;
        }
        const QByteArray flags = f.value(3);
        e.flags = quint8((flags.contains('s') ? Symmetric : 0) | (flags.contains('r') ? Reciprocal : 0)
            | (flags.contains('p') ? Partner : 0));
        for (const QString &form : QString::fromUtf8(f[1]).split(u'|', Qt::SkipEmptyParts))
            addEntry(form, e);
    }

    QHash<QString, int> blocks;
    for (const QByteArray &line : readTable(QStringLiteral("verbs.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 3)
            continue;
        const QString form = QString::fromLatin1(f[0]).toLower();
        const QString blockName = QString::fromLatin1(f[1]);
        int block = blocks.value(blockName, -1);
        if (block < 0) {
            block = int(blocks.size());
            blocks.insert(blockName, block);
        }
        const int existing = byPhrase.value(form, -1);
        if (existing >= 0) {
            // A hand-kept cue keeps its code and flags but gains the block's patterns.
            auto &e = d.entries[size_t(existing)];
            if (e.block < 0 && (e.kind == CueKind::Verb || e.kind == CueKind::Noun))
                e.block = block;
            continue;
        }
        Data::Entry e;
        e.kind = CueKind::Verb;
        e.block = block;
        splitCode(QString::fromLatin1(f[2]), e.code, e.reverse);
        addEntry(form, std::move(e));
    }

    QHash<QString, QList<int>> synsets;
    for (const QByteArray &line : readTable(QStringLiteral("synsets.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 2)
            continue;
        QList<int> words;
        // A phrase in a set matches by its last word, the head noun ("fighter jet" -> jet).
        for (const QString &w : QString::fromLatin1(f[1]).toLower().split(u'|', Qt::SkipEmptyParts))
            words.append(d.intern(QStringView(w).mid(w.lastIndexOf(u' ') + 1)));
        synsets.insert(QString::fromLatin1(f[0]), words);
    }

    d.blockPatterns.resize(size_t(blocks.size()));
    d.blockFilters.resize(size_t(blocks.size()));
    const auto readSlots = [&d, &synsets](const QByteArray &text) {
        QList<QList<int>> out;
        for (const QByteArray &slot : text.split(' ')) {
            if (slot.isEmpty())
                continue;
            if (slot.startsWith('&')) {
                out.append(synsets.value(QString::fromLatin1(slot)));
                continue;
            }
            QList<int> alts;
            for (const QByteArray &alt : slot.split('|'))
                alts.append(d.intern(QString::fromLatin1(alt).toLower()));
            out.append(alts);
        }
        return out;
    };
    for (const QByteArray &line : readTable(QStringLiteral("patterns.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() < 4)
            continue;
        const int block = blocks.value(QString::fromLatin1(f[0]), -1);
        if (block < 0)
            continue;
        Data::Pattern p;
        splitCode(QString::fromLatin1(f[1]), p.code, p.reverse);
        p.before = readSlots(f[2]);
        p.after = readSlots(f[3]);
        Data::PatternFilter filter;
        filter.masks = quint32(d.patternMasks.size());
        filter.after = quint16(p.after.size());
        filter.before = quint16(p.before.size());
        for (QList<QList<int>> *slotList : { &p.after, &p.before }) {
            for (QList<int> &slot : *slotList) {
                // Sorted for a binary search: a synonym set holds hundreds of words.
                std::sort(slot.begin(), slot.end());
                WordMask mask;
                for (const int word : slot)
                    mask.add(word);
                d.patternMasks.push_back(mask);
            }
        }
        d.blockPatterns[size_t(block)].push_back(std::move(p));
        d.blockFilters[size_t(block)].push_back(filter);
        ++d.patternCount;
    }

    for (const QByteArray &line : readTable(QStringLiteral("codes.tsv"))) {
        const QList<QByteArray> f = line.split('\t');
        if (f.size() >= 2) {
            const QString code = QString::fromLatin1(f[0]);
            const double score = f[1].toDouble();
            d.goldstein.insert(code, score);
            if (const quint64 key = packCode(code)) {
                quint32 &slot = d.goldsteinByPacked[key];
                if (!slot) {
                    d.goldsteinValues.push_back(score);
                    slot = quint32(d.goldsteinValues.size());
                } else {
                    d.goldsteinValues[slot - 1] = score; // a later row replaces, as in the QHash
                }
            }
        }
    }

    for (size_t i = 0; i < d.entries.size(); ++i)
        d.byFirstWord[size_t(d.entries[i].words.first())].push_back(int(i));
    for (auto &list : d.byFirstWord) {
        std::stable_sort(list.begin(), list.end(),
            [&d](int l, int r) { return d.entries[size_t(l)].words.size() > d.entries[size_t(r)].words.size(); });
    }
    d.buildFlatTables();
    d.buildAnchorIndex();
}

} // namespace

RelationLexicon::RelationLexicon()
    : m_data(std::make_unique<Data>())
{
    load(*m_data);
    // A cue asks for its code's score at least once: answered from the entry or pattern.
    Data &d = *m_data;
    QHash<QString, quint16> codeIndex;
    const auto intern = [&](QString &code) {
        auto it = codeIndex.constFind(code);
        if (it == codeIndex.cend()) {
            it = codeIndex.insert(code, quint16(d.codes.size()));
            d.codes.push_back(code);
            d.codeGoldstein.push_back(goldstein(code));
        }
        code = d.codes[*it];
        return *it;
    };
    QString empty;
    intern(empty); // code 0: none
    d.entryMeta.reserve(d.entries.size());
    for (Data::Entry &e : d.entries) {
        d.entryMeta.push_back({ e.block, intern(e.code), e.kind, e.flags, e.tone, e.reverse });
    }
    for (std::vector<Data::Pattern> &block : d.blockPatterns) {
        for (Data::Pattern &p : block) {
            p.goldstein = goldstein(p.code);
            intern(p.code);
        }
    }
    Q_ASSERT(d.codes.size() < 0xFFFF);
}

RelationLexicon::~RelationLexicon() = default;

const RelationLexicon &RelationLexicon::shared()
{
    static const RelationLexicon instance;
    return instance;
}

double RelationLexicon::goldstein(QStringView code) const
{
    if (const quint64 key = packCode(code)) {
        // Every prefix of a packable code is packable, and a packable code is never equal to an
        // unpackable key: the packed table answers alone.
        for (qsizetype n = code.size(); n >= 2; --n) {
            if (const quint32 *v = m_data->goldsteinByPacked.find(packCode(code.left(n))))
                return m_data->goldsteinValues[*v - 1];
        }
        return 0.0;
    }
    for (qsizetype n = code.size(); n >= 2; --n) {
        const auto it = m_data->goldstein.constFind(code.left(n).toString());
        if (it != m_data->goldstein.constEnd())
            return it.value();
    }
    return 0.0;
}

int RelationLexicon::quadClass(QStringView code)
{
    if (code.size() < 2 || !code[0].isDigit() || !code[1].isDigit())
        return 0;
    const int root = (code[0].unicode() - '0') * 10 + (code[1].unicode() - '0');
    if (root >= 1 && root <= 5)
        return 1;
    if (root >= 6 && root <= 8)
        return 2;
    if (root >= 9 && root <= 13)
        return 3;
    if (root >= 14 && root <= 20)
        return 4;
    return 0;
}

qsizetype RelationLexicon::cueCount() const
{
    return qsizetype(m_data->entries.size());
}

qsizetype RelationLexicon::patternCount() const
{
    return m_data->patternCount;
}

namespace {

// The actor a mention stands for: a country, a leader's country, an organisation of a
// country (its army, its ministry) as that country, an international organisation as itself.
struct Actor
{
    QString id;
    bool organisation = false;
    qsizetype start = 0;
    qsizetype end = 0;
};

// News agencies and outlets report relations; they take no part in them. "BERLIN (Reuters) -",
// "the minister told CNN", "according to Xinhua" would otherwise make Britain, CNN or China an actor.
bool isNewsMedia(const QString &id)
{
    static const WordClasses media(QStringLiteral("media.tsv"), { QStringLiteral("outlet") });
    static const QSet<QString> names(media.words(0).cbegin(), media.words(0).cend());
    return names.contains(id.toLower());
}

bool actorOf(const EntityMention &m, Actor &out)
{
    switch (m.kind) {
    case EntityKind::Country:
        if (m.id.isEmpty())
            return false;
        out = { m.id, false, m.span.start, m.span.end };
        return true;
    case EntityKind::Person:
        if (m.country.isEmpty())
            return false;
        out = { m.country, false, m.span.start, m.span.end };
        return true;
    case EntityKind::Organization:
        if (isNewsMedia(m.id) || isNewsMedia(m.name))
            return false;
        // An organisation only the name tagger knows (a company, a party, a storm read as one) acts for its
        // country when the text gives one; on its own it is no party to a country's relations.
        if (m.method == u"model" && m.country.isEmpty())
            return false;
        if (!m.country.isEmpty())
            out = { m.country, false, m.span.start, m.span.end };
        else if (!m.id.isEmpty())
            out = { m.id, true, m.span.start, m.span.end };
        else
            return false;
        return true;
    default:
        return false;
    }
}

// A word of the sentence as the finder reads it: one token of the TokenStream, or several joined by a hyphen
// or an apostrophe with no space ("de-escalate", "don't"; "Russia's" reads as "Russia", possessive).
struct Word
{
    qsizetype start = 0;
    qsizetype end = 0;
    int word = -1;
    QChar punct; // null for a word
    bool inEntity = false;
    bool negator = false;
    bool possessive = false;
    bool tone = false;
};

struct Cue
{
    int entry = -1;
    int tokBegin = 0;
    int tokEnd = 0;
    qsizetype start = 0;
    qsizetype end = 0;
    QString code;
    bool reverse = false;
    bool verb = false;
    bool light = false; // a verb whose code comes from a pattern only ("made a visit")
    bool negated = false;
    bool dropped = false;
    bool claimed = false; // taken by a compound right before it ("the US-China conflict")
    quint8 flags = 0;
    qint8 tone = 0;
    int quad = 0;
    double goldstein = 0.0;
};

struct Group
{
    QList<int> actors; // indices into the sentence's actors, distinct ids
    qsizetype start = 0;
    qsizetype end = 0;
    bool reciprocal = false; // "between A and B", "US-China"
    bool compound = false; // "US-China"
    bool agent = false; // "by A"
};

// CAMEO's reject codes for a negated cooperation: "did not agree" is a rejection (12x),
// not the absence of an event.
QString rejectCodeFor(QStringView code)
{
    // (prefix, code), longest prefix first; the catch-all "*" last.
    static const QList<QPair<QString, QString>> table = [] {
        QList<QPair<QString, QString>> rows;
        for (const QByteArray &line : readTable(QStringLiteral("reject.tsv"))) {
            const QList<QByteArray> f = line.split('\t');
            if (f.size() == 2)
                rows.append({ QString::fromLatin1(f[0]), QString::fromLatin1(f[1]) });
        }
        std::stable_sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
            return (a.first == u"*" ? -1 : a.first.size()) > (b.first == u"*" ? -1 : b.first.size());
        });
        return rows;
    }();
    for (const auto &[prefix, reject] : table) {
        if (prefix == u"*" || code.startsWith(prefix))
            return reject;
    }
    return {};
}

bool isDash(QChar c)
{
    return c == u'-' || c == u'\u2013' || c == u'\u2014' || c == u'/' || c == u'\u2010' || c == u'\u2011';
}

bool isListPunct(QChar c)
{
    return c == u',' || c == u'(' || c == u')' || c == u'&' || c == u'"' || c == QChar(0x201C) || c == QChar(0x201D)
        || c == u'\'' || c == QChar(0x2019);
}

bool endsClause(QChar c)
{
    return c == u'.' || c == u';' || c == u':' || c == u'!' || c == u'?';
}

class SentenceFinder
{
public:
    SentenceFinder(const RelationLexicon &lex, const TokenStream &ts, int index, QString dominant, QString source)
        : m_lex(lex)
        , m_d(lex.data())
        , m_ts(ts)
        , m_text(ts.text())
        , m_index(index)
        , m_span(ts.sentences()[index])
        , m_dominant(std::move(dominant))
        , m_source(std::move(source))
    { }

    void run(const QList<Actor> &actors, const QList<const EntityMention *> &mentions, QList<Relation> &out);

private:
    void tokenize(const QList<const EntityMention *> &mentions);
    void findCues();
    void matchPattern(Cue &cue, int block) const;
    void negate();
    void buildGroups();
    [[nodiscard]] int tokenBefore(qsizetype pos) const; // last word token ending at or before pos, skipping articles
    [[nodiscard]] bool gapIsList(qsizetype from, qsizetype to) const;
    // Exactly one dash or slash fills [from, to), touching both ends ("US-China", "US/China").
    [[nodiscard]] bool dashBetween(qsizetype from, qsizetype to) const;
    [[nodiscard]] bool hasCueIn(qsizetype from, qsizetype to) const;
    void addPair(
        const QString &subject, const QString &object, bool structural, qsizetype from, qsizetype to, bool implicit);
    // objectStart: where the object stands, so that the cue nearest before it names the event;
    // forcedMain: a cue that names the event whatever the others (-1 for none).
    void emitWithCues(const QString &subject, const QString &object, bool structural, const QList<int> &cues,
        bool implicit, qsizetype objectStart = -1, int forcedMain = -1);
    [[nodiscard]] int cueRightAfter(const Group &g, bool nounsOnly) const;
    // A reciprocal cue (sign, agree, ties) within five words after the group.
    [[nodiscard]] bool hasReciprocalCueAfter(const Group &grp) const;
    // Subject and objects among `plain` (groups that are not reciprocal) of one clause.
    void relateClause(const QList<int> &plain, qsizetype clauseStart, qsizetype clauseEnd);
    // The word right before the group, past one article ("while the United States"); -1 when none is.
    [[nodiscard]] int wordBefore(const Group &g) const;
    // Whether the group is background: in a relative clause, after "amid", "despite" or a clause-opening "as".
    [[nodiscard]] bool isBackground(const Group &g) const;
    // "China and Russia signed a treaty": the list's members relate when a reciprocal cue follows it.
    void relateListMembers(const Group &g, qsizetype from, qsizetype to);
    // Where a clause starts right before the group ("..., while Iran warned"); -1 when none does.
    [[nodiscard]] qsizetype clauseStartBefore(const Group &g) const;
    [[nodiscard]] QList<int> cuesIn(qsizetype from, qsizetype to) const;

    const RelationLexicon &m_lex;
    const Data &m_d;
    const TokenStream &m_ts;
    QStringView m_text; // read for the cue words only; the words come from m_ts
    int m_index;
    Span m_span;
    QString m_dominant;
    QString m_source; // the speaker's country, when the document says whose it is
    QList<Actor> m_actors;
    QVarLengthArray<Word, 128> m_tokens;
    QList<Cue> m_cues;
    QList<Group> m_groups;
    QList<Relation> *m_out = nullptr;
    qsizetype m_firstOut = 0;
};

void SentenceFinder::tokenize(const QList<const EntityMention *> &mentions)
{
    const std::vector<Token> &tokens = m_ts.tokens();
    const TokenStream::Range range = m_ts.sentenceTokens(m_index);
    const auto isWordToken = [&](size_t k) { return tokens[k].is(Token::Word) || tokens[k].is(Token::Han); };
    // A hyphen or an apostrophe between two word tokens, touching both.
    const auto joins = [&](size_t k) {
        if (k + 1 >= range.last || tokens[k].is(Token::SpaceBefore) || tokens[k + 1].is(Token::SpaceBefore)
            || !isWordToken(k + 1))
            return false;
        const QChar c = m_ts.text()[tokens[k].start];
        return isApostrophe(c) || c == u'-' || c == QChar(0x2010);
    };
    qsizetype m = 0; // next mention that may overlap
    for (size_t i = range.first; i < range.last;) {
        const Token &first = tokens[i];
        Word t;
        t.start = first.start;
        if (isWordToken(i)) {
            size_t j = i + 1;
            while (joins(j))
                j += 2;
            size_t keyEnd = j;
            // A possessive: "Russia's" reads as "Russia".
            if (j - i >= 3 && isApostrophe(m_ts.text()[tokens[j - 2].start]) && m_ts.textOf(tokens[j - 1]).size() == 1
                && (m_ts.textOf(tokens[j - 1])[0] == u's' || m_ts.textOf(tokens[j - 1])[0] == u'S')) {
                keyEnd = j - 2;
                t.possessive = true;
            }
            quint64 key = 0;
            for (size_t k = i; k < keyEnd; ++k)
                key = sequenceKey(key, tokens[k].hash);
            t.end = tokens[j - 1].end;
            t.word = m_d.findHash(key);
            i = j;
        } else {
            t.end = first.end;
            t.punct = m_ts.text()[first.start];
            ++i;
        }
        while (m < mentions.size() && mentions[m]->span.end <= t.start)
            ++m;
        for (qsizetype k = m; k < mentions.size() && mentions[k]->span.start < t.end; ++k) {
            if (mentions[k]->span.end > t.start) {
                t.inEntity = true;
                break;
            }
        }
        m_tokens.append(t);
    }
}

void SentenceFinder::matchPattern(Cue &cue, int block) const
{
    if (block < 0)
        return;
    const auto &patterns = m_d.blockPatterns[size_t(block)];
    qsizetype best = 0;
    const auto inSlot = [](const QList<int> &slot, int word) {
        return word >= 0 && std::binary_search(slot.cbegin(), slot.cend(), word);
    };
    // Patterns read words in order after the verb up to the end of the clause, at most 8 words on.
    int limit = cue.tokEnd;
    WordMask afterWords;
    for (int words = 0; limit < int(m_tokens.size()) && words < 8; ++limit) {
        const Word &t = m_tokens[limit];
        if (!t.punct.isNull() && endsClause(t.punct))
            break;
        if (t.punct.isNull())
            ++words;
        afterWords.add(t.word);
    }
    const int floor = std::max(0, cue.tokBegin - 4);
    WordMask beforeWords;
    for (int k = floor; k < cue.tokBegin; ++k)
        beforeWords.add(m_tokens[k].word);
    // The patterns anchored on a word around the verb, in the block's order (the first of equal scores wins).
    QVarLengthArray<int, 64> candidates;
    for (int k = cue.tokEnd; k < limit; ++k) {
        if (m_tokens[k].word >= 0) {
            const auto [b, e] = m_d.anchored(block, m_tokens[k].word, true);
            candidates.append(b, e - b);
        }
    }
    for (int k = floor; k < cue.tokBegin; ++k) {
        if (m_tokens[k].word >= 0) {
            const auto [b, e] = m_d.anchored(block, m_tokens[k].word, false);
            candidates.append(b, e - b);
        }
    }
    if (candidates.isEmpty())
        return;
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    const auto &filters = m_d.blockFilters[size_t(block)];
    for (const int j : std::as_const(candidates)) {
        const Data::PatternFilter &f = filters[size_t(j)];
        const qsizetype score = f.before + f.after;
        if (score <= best)
            continue;
        const WordMask *masks = m_d.patternMasks.data() + f.masks;
        if (!std::all_of(masks, masks + f.after, [&](const WordMask &m) { return m.meets(afterWords); })
            || !std::all_of(
                masks + f.after, masks + f.after + f.before, [&](const WordMask &m) { return m.meets(beforeWords); }))
            continue;
        const Data::Pattern &p = patterns[size_t(j)];
        int k = cue.tokEnd;
        bool ok = true;
        for (const auto &slot : p.after) {
            while (k < limit && !inSlot(slot, m_tokens[k].word))
                ++k;
            if (k >= limit) {
                ok = false;
                break;
            }
            ++k;
        }
        if (!ok)
            continue;
        k = cue.tokBegin - 1;
        for (auto it = p.before.crbegin(); it != p.before.crend(); ++it) {
            while (k >= floor && !inSlot(*it, m_tokens[k].word))
                --k;
            if (k < floor) {
                ok = false;
                break;
            }
            --k;
        }
        if (!ok)
            continue;
        best = score;
        cue.code = p.code;
        cue.goldstein = p.goldstein;
        cue.reverse = p.reverse;
    }
}

void SentenceFinder::findCues()
{
    const int n = int(m_tokens.size());
    for (int i = 0; i < n; ++i) {
        const Word &t = m_tokens[i];
        if (t.word < 0 || t.inEntity)
            continue;
        const int *run = m_d.cueRuns.data() + m_d.cueRunBegin[size_t(t.word)];
        const int *const runEnd = m_d.cueRuns.data() + m_d.cueRunBegin[size_t(t.word) + 1];
        for (; run != runEnd; run += 1 + run[1]) {
            const int ei = run[0];
            const int len = run[1];
            if (i + len > n)
                continue;
            bool match = true;
            for (int k = 1; k < len && match; ++k) {
                const Word &u = m_tokens[i + k];
                match = u.word == run[1 + k] && !u.inEntity;
            }
            if (!match)
                continue;
            const Data::EntryMeta &e = m_d.entryMeta[size_t(ei)];
            const int last = i + len - 1;
            if (e.kind == CueKind::Ignore) {
                i = last;
                break;
            }
            if (e.kind == CueKind::Neg) {
                for (int k = i; k <= last; ++k)
                    m_tokens[k].negator = true;
                i = last;
                break;
            }
            if (e.kind == CueKind::Verb && e.block >= 0 && !e.flags) {
                // A dictionary verb used as a noun ("the issue", "turned its back") or inside a
                // name ("the Trust Fund Enhancing Security") names no event.
                // After a possessive ("Russia's influence") or a tone adjective ("friendly forces") too.
                if (i > 0 && m_tokens[i - 1].punct.isNull()
                    && ((m_d.classOf(m_tokens[i - 1].word) & Determiner) || m_tokens[i - 1].possessive
                        || m_tokens[i - 1].tone))
                    break;
                if (m_text[t.start].isUpper())
                    break; // sentence-initial too: "Issues of concern ...", "Support for ..."
            }
            if (e.kind == CueKind::Tone) {
                for (int k = i; k <= last; ++k)
                    m_tokens[k].tone = true;
            }
            Cue cue;
            cue.entry = ei;
            cue.tokBegin = i;
            cue.tokEnd = last + 1;
            cue.start = t.start;
            cue.end = m_tokens[last].end;
            cue.code = m_d.codes[e.code];
            cue.goldstein = m_d.codeGoldstein[e.code];
            cue.reverse = e.reverse;
            cue.verb = e.kind == CueKind::Verb;
            cue.light = cue.verb && cue.code.isEmpty();
            cue.flags = e.flags;
            cue.tone = e.tone;
            matchPattern(cue, e.block);
            if (cue.code.isEmpty() && e.kind == CueKind::Verb)
                break; // a verb whose meaning here CAMEO cannot tell: no cue
            // Statements (01x) with a score near zero say nothing about a relation.
            if (cue.code.startsWith(u"01") && qAbs(cue.goldstein) < 1.0)
                break;
            cue.quad = RelationLexicon::quadClass(cue.code);
            m_cues.append(cue);
            i = last;
            break;
        }
    }
}

void SentenceFinder::negate()
{
    // "agreed to ease border tensions": the tension is what they work against, no conflict between them.
    for (Cue &cue : m_cues) {
        if (cue.verb || cue.quad < 3 || cue.dropped)
            continue;
        int words = 0;
        for (int k = cue.tokBegin - 1; k >= 0 && words < 3; --k) {
            const Word &t = m_tokens[k];
            if (!t.punct.isNull() || t.inEntity)
                break;
            if (m_d.classOf(t.word) & Relieving) {
                cue.dropped = true;
                break;
            }
            ++words;
        }
    }
    for (Cue &cue : m_cues) {
        int words = 0;
        bool negated = false;
        for (int k = cue.tokBegin - 1; k >= 0 && words < 4; --k) {
            const Word &t = m_tokens[k];
            if (!t.punct.isNull()) {
                if (t.punct == u'-' || t.punct == QChar(0x2010))
                    continue;
                break;
            }
            if (m_d.classOf(t.word) & ClauseBreak)
                break;
            if (t.negator) {
                negated = true;
                break;
            }
            if (t.inEntity)
                break;
            ++words;
        }
        if (!negated)
            continue;
        cue.negated = true;
        if (cue.tone != 0) {
            cue.tone = qint8(-cue.tone);
        } else if (cue.quad == 1 || cue.quad == 2) {
            cue.code = rejectCodeFor(cue.code);
            cue.quad = RelationLexicon::quadClass(cue.code);
            cue.goldstein = m_lex.goldstein(cue.code);
            cue.flags &= quint8(~Symmetric); // the one who refuses acts
        } else {
            cue.dropped = true; // "did not attack", "no conflict": no event
        }
    }
}

int SentenceFinder::tokenBefore(qsizetype pos) const
{
    int k = int(m_tokens.size()) - 1;
    while (k >= 0 && m_tokens[k].start >= pos)
        --k;
    while (k >= 0 && m_tokens[k].punct.isNull()
        && ((m_d.classOf(m_tokens[k].word) & Article) || (m_d.classOf(m_tokens[k].word) & Title)))
        --k;
    return k;
}

bool SentenceFinder::gapIsList(qsizetype from, qsizetype to) const
{
    for (const Word &t : m_tokens) {
        if (t.end <= from)
            continue;
        if (t.start >= to)
            break;
        if (t.start < from || t.end > to || t.inEntity)
            continue; // part of a mention
        if (!t.punct.isNull()) {
            if (!isListPunct(t.punct))
                return false;
        } else if (!(m_d.classOf(t.word) & ListGap)) {
            return false;
        }
    }
    return true;
}

bool SentenceFinder::dashBetween(qsizetype from, qsizetype to) const
{
    if (from >= to)
        return false;
    const size_t k = m_ts.tokenAt(from);
    if (k >= m_ts.size())
        return false;
    const Token &t = m_ts[k];
    return t.start == from && t.end == to && !t.is(Token::Word) && !t.is(Token::Han) && isDash(m_text[t.start]);
}

bool SentenceFinder::hasCueIn(qsizetype from, qsizetype to) const
{
    for (const Cue &c : m_cues) {
        if (c.start >= from && c.end <= to)
            return true;
    }
    return false;
}

void SentenceFinder::buildGroups()
{
    for (int i = 0; i < m_actors.size(); ++i) {
        const Actor &a = m_actors[i];
        if (!m_groups.isEmpty()) {
            Group &g = m_groups.last();
            const Actor &prev = m_actors[g.actors.last()];
            const qsizetype gapFrom = std::max(prev.end, g.end);
            const bool compound = dashBetween(gapFrom, a.start);
            // "Taiwan, the US-China conflict": a mention that opens a compound opens a group.
            const bool opensCompound
                = !g.compound && i + 1 < m_actors.size() && dashBetween(a.end, m_actors[i + 1].start);
            if (compound
                || (!opensCompound
                    && (gapFrom >= a.start || gapIsList(gapFrom, a.start)
                        || (a.id == prev.id && !hasCueIn(gapFrom, a.start))))) {
                if (compound)
                    g.reciprocal = g.compound = true;
                g.end = std::max(g.end, a.end);
                bool seen = false;
                for (const int k : g.actors)
                    seen = seen || m_actors[k].id == a.id;
                if (!seen)
                    g.actors.append(i);
                continue;
            }
        }
        Group g;
        g.actors.append(i);
        g.start = a.start;
        g.end = a.end;
        m_groups.append(g);
    }
    for (Group &g : m_groups) {
        const int k = tokenBefore(g.start);
        if (k >= 0 && m_tokens[k].punct.isNull()) {
            const quint32 cls = m_d.classOf(m_tokens[k].word);
            if (cls & Between)
                g.reciprocal = true;
            else if (cls & By)
                g.agent = true;
        }
        if (g.actors.size() < 2)
            g.reciprocal = false;
    }
}

QList<int> SentenceFinder::cuesIn(qsizetype from, qsizetype to) const
{
    QList<int> out;
    for (int i = 0; i < m_cues.size(); ++i) {
        if (!m_cues[i].dropped && !m_cues[i].claimed && m_cues[i].start >= from && m_cues[i].start < to)
            out.append(i);
    }
    return out;
}

void SentenceFinder::addPair(
    const QString &subject, const QString &object, bool structural, qsizetype from, qsizetype to, bool implicit)
{
    emitWithCues(subject, object, structural, cuesIn(from, to), implicit);
}

bool SentenceFinder::hasReciprocalCueAfter(const Group &grp) const
{
    for (const Cue &c : m_cues) {
        if (c.dropped || !(c.flags & Reciprocal) || c.start <= grp.start)
            continue;
        // Close after the list: "Egypt and Israel signed", "China and Russia have close ties".
        int words = 0;
        for (int k = c.tokBegin - 1; k >= 0 && m_tokens[k].start >= grp.end; --k)
            words += m_tokens[k].punct.isNull() ? 1 : 0;
        if (words <= 5)
            return true;
    }
    return false;
}

int SentenceFinder::cueRightAfter(const Group &g, bool nounsOnly) const
{
    // Up to two words may stand between ("the US military pressure"), none of them a verb cue.
    int words = 0;
    for (int k = 0; k < int(m_tokens.size()); ++k) {
        const Word &t = m_tokens[k];
        if (t.end <= g.end || t.inEntity)
            continue;
        if (!t.punct.isNull()) {
            if (isApostrophe(t.punct))
                continue;
            return -1;
        }
        for (int c = 0; c < m_cues.size(); ++c) {
            const Cue &cue = m_cues[c];
            if (cue.tokBegin != k)
                continue;
            if (cue.dropped || cue.tone != 0)
                break;
            if (nounsOnly && cue.verb)
                return -1;
            return c;
        }
        if (++words > 2)
            return -1;
    }
    return -1;
}

void SentenceFinder::emitWithCues(const QString &subject, const QString &object, bool structural,
    const QList<int> &cueIdx, bool implicit, qsizetype objectStart, int forcedMain)
{
    if (subject == object || subject.isEmpty() || object.isEmpty())
        return;
    // Organisation ids are not ISO alpha-3 codes: keep country-organisation pairs only.
    const auto isOrg = [this](const QString &id) {
        for (const Actor &a : m_actors) {
            if (a.id == id)
                return a.organisation;
        }
        return false;
    };
    const bool subjectOrg = isOrg(subject);
    const bool objectOrg = isOrg(object);
    if (subjectOrg && objectOrg)
        return;

    bool cooperation = false;
    bool conflict = false;
    const Cue *main = nullptr;
    bool hasEvent = false;
    for (const int i : cueIdx) {
        const Cue &c = m_cues[i];
        if (c.tone > 0)
            cooperation = true;
        else if (c.tone < 0)
            conflict = true;
        if (c.tone != 0)
            continue;
        hasEvent = true;
        if (c.quad == 1 || c.quad == 2)
            cooperation = true;
        else if (c.quad == 3 || c.quad == 4)
            conflict = true;
        if (c.code.isEmpty())
            continue;
        if (objectStart >= 0) {
            // Subject ... cue ... object: the cue nearest before the object is its predicate
            // ("visits to Russia, ... along with cooperation with ..."); else the first after it.
            // A light verb ("made a state visit") only when nothing else names the event.
            const auto rank
                = [objectStart](const Cue &x) { return (x.light ? 0 : 4) + (x.start < objectStart ? 2 : 0); };
            if (!main || rank(c) > rank(*main) || (rank(c) == rank(*main) && c.start < objectStart))
                main = &c;
            continue;
        }
        // The first verb with a code of its own is the event; without one, the strongest noun;
        // a light verb only when nothing else names the event.
        const auto rank = [](const Cue &x) { return x.light ? 0 : x.verb ? 2 : 1; };
        if (!main || rank(c) > rank(*main)
            || (rank(c) == 1 && rank(*main) == 1 && qAbs(c.goldstein) > qAbs(main->goldstein)))
            main = &c;
    }
    if (!hasEvent)
        return;
    if (forcedMain >= 0 && !m_cues[forcedMain].code.isEmpty())
        main = &m_cues[forcedMain];

    Relation r;
    r.sentence = m_index;
    r.span = m_span;
    r.tone = cooperation && conflict ? QStringLiteral("mixed")
        : cooperation                ? QStringLiteral("cooperation")
        : conflict                   ? QStringLiteral("conflict")
                                     : QStringLiteral("neutral");
    bool symmetric = true;
    bool reverse = false;
    if (main) {
        r.cameo = main->code;
        symmetric = main->flags & Symmetric;
        reverse = main->reverse;
    } else if (cooperation != conflict) {
        // "ties remained robust", "strained relations": a relation named with a tone word only.
        r.cameo = cooperation ? QStringLiteral("050") : QStringLiteral("110");
    }
    r.quad = RelationLexicon::quadClass(r.cameo);
    r.goldstein = r.cameo.isEmpty() ? 0.0 : m_lex.goldstein(r.cameo);
    r.directed = structural && !symmetric;
    r.a = subject;
    r.b = object;
    if (r.directed && reverse)
        std::swap(r.a, r.b);
    if (!r.directed && subjectOrg)
        std::swap(r.a, r.b); // undirected country-organisation pairs list the country first
    r.implicit = implicit;
    for (const int i : cueIdx) {
        const Cue &c = m_cues[i];
        r.cues.append(m_text.sliced(c.start, c.end - c.start).toString());
        r.cueSpans.append(Span { c.start, c.end });
    }
    for (qsizetype k = m_firstOut; k < m_out->size(); ++k) {
        const Relation &o = m_out->at(k);
        if (o.directed == r.directed && ((o.a == r.a && o.b == r.b) || (!r.directed && o.a == r.b && o.b == r.a)))
            return;
    }
    m_out->append(std::move(r));
}

void SentenceFinder::relateClause(const QList<int> &plain, qsizetype clauseStart, qsizetype clauseEnd)
{
    // A subject acting on the other groups: the by-agent of a passive ("Iran was sanctioned
    // by the United States", "the invasion of Kuwait by Iraq"), otherwise the first group.
    int subject = plain.first();
    for (const int g : plain) {
        if (m_groups[g].agent && hasCueIn(clauseStart, m_groups[g].start)) {
            subject = g;
            break;
        }
    }
    QList<int> objects = plain;
    objects.removeOne(subject);
    QList<int> inherited;
    for (int k = 0; k < objects.size(); ++k) {
        const Group &obj = m_groups[objects[k]];
        const qsizetype from = k == 0 ? clauseStart : m_groups[objects[k - 1]].end;
        qsizetype to = k + 1 < objects.size() ? m_groups[objects[k + 1]].start : clauseEnd;
        // A clause about other actors ends this object's window: in "After Pelosi's visit to
        // Taiwan last month, tensions ... and the US-China conflict have intensified" the
        // tension belongs to the US-China pair, not to the visit.
        for (const Group &other : std::as_const(m_groups)) {
            if (other.start < obj.end || other.start >= to)
                continue;
            for (size_t k = m_ts.tokenAt(other.start); k-- > 0 && m_ts[k].start >= obj.end;) {
                const QChar ch = m_text[m_ts[k].start];
                if (ch == u',' || ch == u';' || ch == u':' || ch == u'\u2014') {
                    to = m_ts[k].start;
                    break;
                }
            }
            break;
        }
        QList<int> window = cuesIn(from, to);
        bool hasEvent = false;
        for (const int i : window)
            hasEvent = hasEvent || m_cues[i].tone == 0;
        // "China signed deals with Russia in Moscow and with Iran": the predicate carries over.
        if (!hasEvent)
            window = inherited;
        else
            inherited = window;
        // "to break through the US encirclement": an object right before a directed noun
        // is that noun's actor, unless a verb between already says what the subject did.
        int own = cueRightAfter(obj, true);
        if (own >= 0 && (m_cues[own].flags & Symmetric))
            own = -1;
        for (int c = 0; c < m_cues.size() && own >= 0; ++c) {
            const Cue &cue = m_cues[c];
            if (cue.verb && !cue.light && !cue.dropped && cue.start >= m_groups[subject].end && cue.start < obj.start)
                own = -1;
        }
        for (const int s : m_groups[subject].actors) {
            for (const int o : obj.actors) {
                if (own >= 0)
                    emitWithCues(m_actors[o].id, m_actors[s].id, true, window, false, -1, own);
                else
                    emitWithCues(m_actors[s].id, m_actors[o].id, true, window, false, obj.start);
            }
        }
    }
    // "Saudi Arabia and Iran agreed to restore relations in a deal brokered by China": a list
    // that a reciprocal verb follows relates among itself too, whoever else the sentence names.
    relateListMembers(m_groups[plain.first()], clauseStart, clauseEnd);
}

int SentenceFinder::wordBefore(const Group &g) const
{
    int k = tokenBefore(g.start);
    if (k >= 0 && m_tokens[k].punct.isNull() && (m_d.classOf(m_tokens[k].word) & Article))
        --k; // "amid the United States' ...", "while the United States"
    return k >= 0 && m_tokens[k].punct.isNull() ? k : -1;
}

bool SentenceFinder::isBackground(const Group &g) const
{
    // "Nigeria, which chairs the ECOWAS regional bloc, threatened ...": inside a relative clause set off
    // by commas.
    bool relative = false;
    int c = tokenBefore(g.start);
    for (; c >= 0 && m_tokens[c].punct != u','; --c)
        relative = relative || (m_tokens[c].punct.isNull() && (m_d.classOf(m_tokens[c].word) & Relative));
    if (relative && c >= 0) {
        for (int j = tokenBefore(g.end) + 1; j < int(m_tokens.size()); ++j)
            if (m_tokens[j].punct == u',')
                return true;
    }
    const int k = wordBefore(g);
    if (k < 0)
        return false;
    if (m_d.classOf(m_tokens[k].word) & Background)
        return true;
    // "as" opening a clause of its own; not "such as", "as well as", "known as", "served as".
    if (m_tokens[k].word != m_d.as || k == 0)
        return false;
    if (!m_tokens[k - 1].punct.isNull())
        return m_tokens[k - 1].punct == u',';
    return !(m_d.classOf(m_tokens[k - 1].word) & AsKeeper);
}

qsizetype SentenceFinder::clauseStartBefore(const Group &g) const
{
    const int k = wordBefore(g);
    if (k < 0)
        return -1;
    const int w = m_tokens[k].word;
    const quint32 cls = m_d.classOf(w);
    if (cls & ClauseOpener)
        return m_tokens[k].start;
    const bool afterComma = k > 0 && m_tokens[k - 1].punct == u',';
    // "... after soldiers ousted the president, and the European Union cut its support": a list would be
    // one group already, so a comma and "and" before a group of its own start a clause. "...,
    // prompting China to ban all seafood imports from Japan": the prompted one acts next.
    if (afterComma && (w == m_d.andWord || (cls & Prompting)))
        return m_tokens[k].start;
    // "..., a week after Chinese vessels fired at Philippine boats": a time clause of its own. A bare
    // "after" stays ("China protested after Japan released the water": the protest is about it).
    if ((w == m_d.after || w == m_d.before) && k > 0
        && (afterComma || (m_tokens[k - 1].punct.isNull() && (m_d.classOf(m_tokens[k - 1].word) & TimeSpan))))
        return m_tokens[k].start;
    return -1;
}

void SentenceFinder::relateListMembers(const Group &g, qsizetype from, qsizetype to)
{
    // "China and Russia signed a treaty": the members of a list that a reciprocal cue follows relate.
    if (g.actors.size() < 2 || !hasReciprocalCueAfter(g))
        return;
    for (int i = 0; i < g.actors.size(); ++i)
        for (int j = i + 1; j < g.actors.size(); ++j)
            addPair(m_actors[g.actors[i]].id, m_actors[g.actors[j]].id, false, from, to, false);
}

void SentenceFinder::run(const QList<Actor> &actors, const QList<const EntityMention *> &mentions, QList<Relation> &out)
{
    m_actors = actors;
    m_out = &out;
    m_firstOut = out.size();
    tokenize(mentions);
    findCues();
    if (m_cues.isEmpty())
        return;
    negate();
    buildGroups();
    // "amid China's growing assertiveness", "despite Russia's objections", "... as U.S. envoy Brett
    // McGurk began a tour": background, no party.
    m_groups.removeIf([this](const Group &g) { return isBackground(g); });

    // "the US-China conflict": the cue right after a compound is its own, not the sentence's.
    QList<int> compoundCue(m_groups.size(), -1);
    for (int g = 0; g < m_groups.size(); ++g) {
        if (m_groups[g].compound && m_groups[g].actors.size() >= 2) {
            compoundCue[g] = cueRightAfter(m_groups[g], false);
            if (compoundCue[g] >= 0)
                m_cues[compoundCue[g]].claimed = true;
        }
    }
    QList<int> plain; // groups that are not reciprocal
    for (int g = 0; g < m_groups.size(); ++g) {
        const Group &grp = m_groups[g];
        if (!grp.reciprocal) {
            plain.append(g);
            continue;
        }
        // "Relations between China and the United States", "the US-China conflict".
        const QList<int> window
            = compoundCue[g] >= 0 ? QList<int> { compoundCue[g] } : cuesIn(m_span.start, m_span.end);
        for (int i = 0; i < grp.actors.size(); ++i) {
            for (int j = i + 1; j < grp.actors.size(); ++j)
                emitWithCues(m_actors[grp.actors[i]].id, m_actors[grp.actors[j]].id, false, window, false);
        }
    }

    if (plain.size() >= 2) {
        // "Russia condemned the strikes, while Iran warned Israel": a contrasting conjunction right
        // before a group starts a clause with a subject of its own.
        QList<QList<int>> clauses { {} };
        QList<qsizetype> starts { m_span.start };
        for (const int g : plain) {
            const qsizetype at = clauseStartBefore(m_groups[g]);
            if (!clauses.last().isEmpty() && at >= 0) {
                clauses.append(QList<int> {});
                starts.append(at);
            }
            clauses.last().append(g);
        }
        for (qsizetype c = 0; c < clauses.size(); ++c) {
            const qsizetype end = c + 1 < clauses.size() ? starts[c + 1] : m_span.end;
            if (clauses[c].size() >= 2) {
                relateClause(clauses[c], starts[c], end);
                continue;
            }
            // "..., while Ethiopia and Eritrea remain locked in a border dispute": a list of its own.
            relateListMembers(m_groups[clauses[c].first()], starts[c], end);
        }
        return;
    }

    if (plain.size() != 1)
        return;
    const Group &grp = m_groups[plain.first()];
    bool partnerCue = false;
    for (const Cue &c : m_cues) {
        if (c.dropped)
            continue;
        if ((c.flags & Partner) && c.end <= grp.start && c.tokEnd < int(m_tokens.size())) {
            // "Key partners include ...", "competition with major powers, including ...".
            const int groupTok = tokenBefore(grp.start) + 1;
            if (groupTok - c.tokEnd <= 10) {
                for (int k = c.tokEnd; k < groupTok && !partnerCue; ++k)
                    partnerCue = m_tokens[k].punct.isNull() && (m_d.classOf(m_tokens[k].word) & Link);
            }
        }
    }
    if (partnerCue && m_groups.size() == 1 && !m_dominant.isEmpty()) {
        bool named = false;
        for (const Actor &a : m_actors)
            named = named || a.id == m_dominant;
        if (!named) {
            for (const int o : grp.actors)
                addPair(m_dominant, m_actors[o].id, true, m_span.start, m_span.end, true);
            return;
        }
    }
    if (!m_source.isEmpty()) {
        // A speaker's "we" or "my country" acting on the group: "We condemn the attack on Chad".
        bool named = false;
        for (const Actor &a : m_actors)
            named = named || a.id == m_source;
        int fp = -1;
        for (int k = 0; k < int(m_tokens.size()) && m_tokens[k].end <= grp.start && !named; ++k) {
            const Word &t = m_tokens[k];
            if (!t.punct.isNull() || !(m_d.classOf(t.word) & FirstPerson))
                continue;
            if (t.word == m_d.we) {
                fp = k;
                break;
            }
            if (k + 1 < int(m_tokens.size()) && m_tokens[k + 1].punct.isNull()
                && (m_d.classOf(m_tokens[k + 1].word) & SpeakerNoun)) {
                fp = k;
                break;
            }
        }
        bool event = false;
        for (const Cue &c : m_cues)
            event = event || (fp >= 0 && !c.dropped && c.tone == 0 && c.tokBegin > fp && c.start < grp.start);
        if (event) {
            for (const int o : grp.actors)
                addPair(m_source, m_actors[o].id, true, m_tokens[fp].start, m_span.end, true);
            return;
        }
    }
    relateListMembers(grp, m_span.start, m_span.end);
}

} // namespace

QString dominantCountry(const QList<EntityMention> &entities, const DocumentContext &ctx)
{
    if (!ctx.sourceCountry.isEmpty())
        return ctx.sourceCountry;
    QHash<QString, int> counts;
    QString best;
    int bestCount = 0;
    int second = 0;
    for (const EntityMention &m : entities) {
        QString id;
        if (m.kind == EntityKind::Country)
            id = m.id;
        else if (m.kind == EntityKind::Person)
            id = m.country;
        if (id.isEmpty())
            continue;
        const int c = ++counts[id];
        if (id == best) {
            bestCount = c;
        } else if (c > bestCount) {
            second = bestCount;
            best = id;
            bestCount = c;
        } else if (c > second) {
            second = c;
        }
    }
    return bestCount >= 2 && bestCount > second ? best : QString();
}

QList<Relation> findRelations(const TokenStream &ts, const QList<EntityMention> &entities, const DocumentContext &ctx)
{
    const QList<Span> &sentences = ts.sentences();
    QList<Relation> out;
    if (entities.isEmpty() || sentences.isEmpty())
        return out;
    const RelationLexicon &lex = RelationLexicon::shared();

    QList<const EntityMention *> sorted;
    sorted.reserve(entities.size());
    for (const EntityMention &m : entities)
        sorted.append(&m);
    std::stable_sort(sorted.begin(), sorted.end(),
        [](const EntityMention *l, const EntityMention *r) { return l->span.start < r->span.start; });

    QString dominant;
    bool dominantKnown = false;
    qsizetype next = 0;
    QList<Actor> actors;
    QList<const EntityMention *> mentions;
    for (int s = 0; s < sentences.size(); ++s) {
        const Span span = sentences[s];
        while (next < sorted.size() && sorted[next]->span.start < span.start)
            ++next;
        actors.clear();
        mentions.clear();
        bool distinct = false;
        for (qsizetype k = next; k < sorted.size() && sorted[k]->span.start < span.end; ++k) {
            const EntityMention *m = sorted[k];
            if (m->span.end > span.end)
                continue;
            mentions.append(m);
            Actor a;
            if (!actorOf(*m, a))
                continue;
            // "an anti-American country" names no actor.
            if (const size_t k = ts.tokenAt(m->span.start); k >= 2 && ts[k].start == m->span.start
                && !ts[k].is(Token::SpaceBefore) && ts.textOf(ts[k - 1]) == u"-" && !ts[k - 1].is(Token::SpaceBefore)
                && ts.textOf(ts[k - 2]).compare(u"anti", Qt::CaseInsensitive) == 0)
                continue;
            // A mention inside another one ("China" in "Bank of China") is no actor of its own.
            if (!actors.isEmpty() && a.start < actors.last().end)
                continue;
            distinct = distinct || (!actors.isEmpty() && actors.first().id != a.id);
            actors.append(a);
        }
        if (actors.isEmpty())
            continue;
        if (!distinct) {
            // One actor: a relation only with the article's dominant country as implicit subject.
            if (!dominantKnown) {
                dominant = dominantCountry(entities, ctx);
                dominantKnown = true;
            }
            if (dominant.isEmpty() || dominant == actors.first().id)
                continue;
        }
        if (!dominantKnown) {
            dominant = dominantCountry(entities, ctx);
            dominantKnown = true;
        }
        SentenceFinder finder(lex, ts, s, dominant, ctx.sourceCountry);
        finder.run(actors, mentions, out);
    }
    return out;
}

} // namespace entente
