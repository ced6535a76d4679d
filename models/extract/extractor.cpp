#include "extractor.h"

#include "dates.h"

#include "entities.h"
#include "knownevents.h"
#include "knowneventtable.h"
#include "money.h"
#include "published.h"
#include "relations.h"
#include "salience.h"
#include "sentences.h"
#include "syntax.h"
#include "tokenstream.h"
#include <algorithm>

namespace entente {

namespace {

// The longest sentence, in words, that the relation stage has parsed: a longer one is read by the word-order rules.
// On the relations gold set (tests/data/relations) 50 words read as well as 80 (pair recall 0.721 either way, 0.705
// at 40), and on the UN speeches it parses 522,000 words of 31.5 MB where 80 parsed 929,000.
constexpr int kParsedWords = 50;

} // namespace

Extractor::Extractor()
{
    // Load every table now, so that the first document pays nothing and worker threads
    // never race on lazy initialisation.
    (void)Gazetteer::shared();
    (void)KnownEventTable::shared();
    (void)RelationLexicon::shared();
}

const Extractor &Extractor::shared()
{
    static const Extractor instance; // thread-safe initialisation (C++11 magic statics)
    return instance;
}

Annotation Extractor::annotate(const QString &text, const DocumentContext &ctx) const
{
    Annotation a;
    const TokenStream ts(text);
    a.sentences = ts.sentences();

    a.published = ctx.published;
    if (!a.published)
        a.published = findHeaderDate(text, ctx.fileName);

    const PartialDate anchor = a.published ? a.published->date : PartialDate {};
    a.dates = findDates(ts, anchor);
    // An article without a date of its own gets the one its text suggests, for the timeline; its relative
    // dates ("last year", "the 14th") stay as they are: a guess is no ground to place others on.
    if (!a.published)
        a.published = inferPublishedDate(ts, a.dates);

    const PartialDate docDate = a.published ? a.published->date : PartialDate {};
    a.entities = recogniseEntities(ts, docDate, ctx);
    a.entities += findMoney(ts, a.dates, docDate);
    sortMentions(a.entities);
    linkToSentences(a);
    // Events named without a date ("the SCO Summit") take it from the table of known events.
    dateEventsFromKnownEvents(ts, a, KnownEventTable::shared());
    // The parser reads the sentences where two actors meet with a cue word between them; the others cost it nothing.
    a.relations = findRelations(ts, a.entities, ctx, [&ts](qsizetype s) { return parseSentence(ts, s, kParsedWords); });
    a.countries = rankCountries(text, a, ctx);
    return a;
}

void Extractor::linkToSentences(Annotation &a)
{
    // Events take the date their sentence gives them ("The First China-Central Asia Summit, held in
    // Xi'an in May"; "In July, the 31st FISU World University Games"): the resolved date nearest to
    // the name. Money takes the sentence's first country, so that an amount belongs to a country
    // pair and a year.
    auto sentenceOf = [&](const Span &span) -> qsizetype {
        const auto it = std::upper_bound(a.sentences.cbegin(), a.sentences.cend(), span.start,
            [](qsizetype pos, const Span &s) { return pos < s.start; });
        if (it == a.sentences.cbegin())
            return -1;
        const qsizetype i = (it - a.sentences.cbegin()) - 1;
        return span.start < a.sentences[i].end ? i : -1;
    };
    for (EntityMention &e : a.entities) {
        if (e.kind != EntityKind::Event && e.kind != EntityKind::Money)
            continue;
        const qsizetype s = sentenceOf(e.span);
        if (s < 0)
            continue;
        const Span sentence = a.sentences[s];
        if (e.kind == EntityKind::Event && !e.date.isValid()) {
            qsizetype best = -1;
            qsizetype bestDistance = 0;
            for (qsizetype i = 0; i < a.dates.size(); ++i) {
                const DateMention &d = a.dates[i];
                if (!d.value.isValid() || d.span.start < sentence.start || d.span.end > sentence.end)
                    continue;
                const qsizetype distance = d.span.start >= e.span.end
                    ? d.span.start - e.span.end
                    : e.span.start - std::min(e.span.start, d.span.end);
                if (best < 0 || distance < bestDistance) {
                    best = i;
                    bestDistance = distance;
                }
            }
            if (best >= 0)
                e.date = a.dates[best].value;
        }
        if (e.kind == EntityKind::Money && e.country.isEmpty()) {
            for (const EntityMention &c : std::as_const(a.entities)) {
                if (c.kind == EntityKind::Country && c.span.start >= sentence.start && c.span.end <= sentence.end) {
                    e.country = c.id;
                    break;
                }
            }
        }
    }
}

} // namespace entente
