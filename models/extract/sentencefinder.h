#pragma once

// The relation finder of one sentence, shared by relationcues.cpp (its cue words) and relations.cpp (the
// groups of actors, clauses and what relates them). Internal to models/extract.

#include "annotation.h"
#include "relationlexicondata.h"
#include "syntax.h"
#include "tokenstream.h"

#include <QList>
#include <QString>
#include <QVarLengthArray>

namespace entente::rel {

using Data = RelationLexicon::Data;

// The actor a mention stands for: a country, a leader's country, an organisation of a
// country (its army, its ministry) as that country, an international organisation as itself.
struct Actor
{
    QString id;
    bool organisation = false;
    qsizetype start = 0;
    qsizetype end = 0;
};

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
    bool weak = false; // a weak verb's default code: it names the event only as the predicate of an actor
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

// Whether two relations are between the same two parties, in either order.
inline bool samePair(const Relation &x, const Relation &y)
{
    return (x.a == y.a && x.b == y.b) || (x.a == y.b && x.b == y.a);
}

inline bool isDash(QChar c)
{
    return c == u'-' || c == u'\u2013' || c == u'\u2014' || c == u'/' || c == u'\u2010' || c == u'\u2011';
}

inline bool isListPunct(QChar c)
{
    return c == u',' || c == u'(' || c == u')' || c == u'&' || c == u'"' || c == QChar(0x201C) || c == QChar(0x201D)
        || c == u'\'' || c == QChar(0x2019);
}

inline bool endsClause(QChar c)
{
    return c == u'.' || c == u';' || c == u':' || c == u'!' || c == u'?';
}

class SentenceFinder
{
public:
    // The finder of sentence `index`, or of a stretch of it (an overlong sentence is read in stretches: see
    // findRelations()): its tokens `range` and the text `span` they cover.
    SentenceFinder(const RelationLexicon &lex, const TokenStream &ts, int index, TokenStream::Range range, Span span,
        QString dominant, QString source)
        : m_lex(lex)
        , m_d(lex.data())
        , m_ts(ts)
        , m_text(ts.text())
        , m_index(index)
        , m_range(range)
        , m_span(span)
        , m_dominant(std::move(dominant))
        , m_source(std::move(source))
    { }

    void run(const QList<Actor> &actors, const QList<const EntityMention *> &mentions, QList<Relation> &out);
    // After run(): whether the sentence has a cue word of a relation, or a weak verb that its parse may show as
    // one (without either, no relation can be read).
    [[nodiscard]] bool hasCues() const { return !m_cues.isEmpty() || m_weakVerb; }
    // After run(): whether the speaker of the document says "we", "our" or "my" in the sentence (the speaker is then
    // a party its parse may relate to the one country the sentence names).
    [[nodiscard]] bool speakerSpeaks() const;
    // The same from the sentence's dependency parse (relationsyntax.cpp): each pair of actors relates through the
    // predicate that links them, with the direction their roles give and the event that predicate names.
    // `placed` gets the actors the parse gives a role in a clause: of two of them it decides the relation. After
    // run() on the same finder (the same actors and mentions), it reads the sentence's words from there.
    void runParsed(const SentenceParse &parse, const QList<Actor> &actors, const QList<const EntityMention *> &mentions,
        QList<Relation> &out, QStringList *placed = nullptr);

    // After runParsed(): the cue words that a denial's clause holds ("denied that its troops had crossed"): they state
    // no event, so a relation of the word-order rules that rests on one of them is none.
    [[nodiscard]] const QList<Span> &deniedCues() const { return m_denied; }
    // After runParsed(): whether the parse judged a pair to relate through no event of theirs ("Serbia must recognise
    // Kosovo" asks, "Qatar and Egypt brokered a truce" names two go-betweens): the word-order rules then do not speak
    // for the actors it placed, as when it relates some.
    [[nodiscard]] bool judgedUnrelated() const { return m_judged; }

private:
    void tokenize(const QList<const EntityMention *> &mentions);
    void findCues();
    // The pattern of `block` that gives the cue its code (an index into the block's patterns), -1 for none.
    [[nodiscard]] int matchPattern(const Cue &cue, int block) const;
    // Whether "to" and a halting verb ("stop", "halt") follow within the clause: an appeal to stop is a demand.
    [[nodiscard]] bool appealsToStop(int from) const;
    // Whether two different words of a game between teams stand in the sentence ("match", "stadium", "penalties").
    [[nodiscard]] bool reportsSport() const;
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
    [[nodiscard]] bool inBackgroundPhrase(int k) const;
    void splitBackgroundHeads();
    // "China and Russia signed a treaty": the list's members relate when a reciprocal cue follows it.
    void relateListMembers(const Group &g, qsizetype from, qsizetype to);
    // Where a clause starts right before the group ("..., while Iran warned"); -1 when none does.
    [[nodiscard]] qsizetype clauseStartBefore(const Group &g) const;
    [[nodiscard]] QList<int> cuesIn(qsizetype from, qsizetype to) const;
    // Whether the actor `id` of this sentence is an organisation (its id then no country code).
    [[nodiscard]] bool isOrganisation(const QString &id) const;
    // Whether the sentence names the speaker's country among its actors.
    [[nodiscard]] bool speakerNamed() const;
    // Whether word k says the speaker: "we", a first-person possessive before a speaker noun ("my country", "our
    // Government"), or with `orI` the delegate's "I".
    [[nodiscard]] bool speakerAt(int k, bool orI) const;
    // The first "we", "I" or "my country" of the speaker before the group with an event cue between them; -1 when
    // none, or when the sentence names the speaker's country or the document has no speaker.
    [[nodiscard]] int speakerBefore(const Group &grp) const;
    // Whether an event cue ends at most kEventGap words before the group ("pressure to bear on Israel").
    [[nodiscard]] bool eventRightBefore(const Group &grp) const;
    static constexpr int kEventGap = 4;
    // A relation from subject to object (or between them when `directed` is false) whose event the cues
    // `order` state, nearest the object first (eventcoding.h); `anchors` gives per cue the predicate it states an
    // event of. Each pair once per sentence. `fromSource`: the object is where what the subject receives comes from
    // ("Kyiv received military aid from Washington"), and acts on the subject whatever the event's own direction.
    void emitEvent(const QString &subject, const QString &object, bool directed, const QList<int> &order,
        const QList<int> &anchors, bool fromSource = false);

    const RelationLexicon &m_lex;
    const Data &m_d;
    const TokenStream &m_ts;
    QStringView m_text; // read for the cue words only; the words come from m_ts
    int m_index;
    TokenStream::Range m_range;
    Span m_span; // of the sentence, or of the stretch read
    QString m_dominant;
    QString m_source; // the speaker's country, when the document says whose it is
    QList<Actor> m_actors;
    QVarLengthArray<Word, 128> m_tokens;
    QList<Cue> m_cues;
    // The pattern matchPattern() chose for the cue of an entry at a word: runParsed() reads again the cues that run()
    // read, and a pattern reads only the words, which stay the same.
    struct PatternMatch
    {
        int tokBegin = 0;
        int entry = -1;
        int pattern = -1;
    };
    QVarLengthArray<PatternMatch, 16> m_patternMatches;
    QList<Group> m_groups;
    QList<Relation> *m_out = nullptr;
    qsizetype m_firstOut = 0;
    bool m_parsed = false; // read from the parse (runParsed()): weak verbs give cues
    bool m_weakVerb = false; // a weak verb was seen
    QList<Span> m_denied; // deniedCues()
    bool m_judged = false; // judgedUnrelated()
};

} // namespace entente::rel
