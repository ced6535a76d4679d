#include "salience.h"

#include "corpora.h"
#include "entities.h"
#include "gazetteer.h"
#include "sentences.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QUrl>

#include <algorithm>
#include <cmath>

namespace entente {

namespace {

// Longer than a headline ever is; the UN speeches' first lines and most body paragraphs are longer.
constexpr qsizetype MaxHeadlineChars = 160;
constexpr int MaxHeadlineLines = 3;
// A lead sentence has a few words at least: a byline ("By: ...") or a "Published: ..." line is no lead.
constexpr int MinLeadWords = 5;

bool isCountry(const QString &code)
{
    return code.size() == 3 && !Gazetteer::shared().countryName(code).isEmpty();
}

bool inside(const Span &s, const Span &outer)
{
    return s.start >= outer.start && s.end <= outer.end;
}

bool insideAny(const Span &s, const QList<Span> &spans)
{
    return std::any_of(spans.cbegin(), spans.cend(), [&s](const Span &o) { return inside(s, o); });
}

int wordCount(QStringView s)
{
    int words = 0;
    bool inWord = false;
    for (const QChar c : s) {
        const bool letter = c.isLetterOrNumber();
        words += letter && !inWord ? 1 : 0;
        inWord = letter;
    }
    return words;
}

bool looksLikeHeadline(QStringView line)
{
    if (line.size() > MaxHeadlineChars || wordCount(line) == 0)
        return false;
    // A full stop (or a comma, a colon) closes a sentence of the body; a headline ends without one, or with
    // a question or an exclamation mark.
    const QChar last = line.back();
    return last != u'.' && last != u',' && last != u';' && last != u':';
}

struct Tally
{
    double weight = 0; // mentions, each weighted by how it names the country
    int mentions = 0;
    double relations = 0;
    quint8 reasons = 0;
    bool named = false; // named itself, not only through its places
};

// Accumulates the mentions of one text (the document's, or a title read apart) into the tallies.
class MentionCounter
{
public:
    MentionCounter(QMap<QString, Tally> &tallies, const SalienceWeights &w)
        : m_tallies(tallies)
        , m_w(w)
    { }

    // `headline` and `lead` hold the spans of those parts of the text; `allHeadline` marks every mention as
    // being in the headline (a title read apart from the text).
    void count(
        const QList<EntityMention> &mentions, const QList<Span> &headline, const Span &lead, bool allHeadline = false)
    {
        QList<Span> organisations;
        for (const EntityMention &m : mentions)
            if (m.kind == EntityKind::Organization && m.method != u"in-name")
                organisations << m.span;
        for (const EntityMention &m : mentions) {
            QString code;
            double weight = 1.0;
            bool naming = true;
            quint8 reasons = 0;
            switch (m.kind) {
            case EntityKind::Country:
                code = m.id;
                if (m.method == u"in-name") {
                    // Inside an organisation's name the country is the organisation's, not the story's
                    // ("Chinese Academy of Social Sciences", "Voice of America"); inside an event's name
                    // ("China-Central Asia Summit") it takes part, less than when named alone.
                    if (insideAny(m.span, organisations))
                        continue;
                    weight = 0.5;
                } else if (m.method == u"demonym") {
                    weight = m_w.demonym;
                }
                break;
            case EntityKind::Person:
                // A leader or official acts for the country's government.
                code = m.country;
                break;
            case EntityKind::Place:
                code = m.country;
                if (m.method == u"dateline") {
                    reasons |= CountrySalience::Dateline;
                } else {
                    weight = m_w.place;
                    naming = false;
                }
                break;
            default:
                // Organisations do not count: neither a news agency named as the source ("(Reuters)") nor any
                // other organisation's home country is what the story is about.
                continue;
            }
            if (!isCountry(code))
                continue;
            Tally &t = m_tallies[code];
            t.weight += weight;
            t.mentions += 1;
            const bool inHeadline = allHeadline || insideAny(m.span, headline);
            if (naming) {
                t.named = true;
                if (inHeadline)
                    reasons |= CountrySalience::Headline;
                else if (inside(m.span, lead))
                    reasons |= CountrySalience::Lead;
            } else if (inHeadline && m_w.placeInHeadline) {
                // A city in the headline says where the story happens ("Crane collapse at Mecca mosque").
                reasons |= CountrySalience::Headline;
            }
            t.reasons |= reasons;
        }
    }

private:
    QMap<QString, Tally> &m_tallies;
    const SalienceWeights &m_w;
};

double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}

} // namespace

qsizetype headlineEnd(QStringView text)
{
    qsizetype pos = 0;
    qsizetype end = 0;
    int lines = 0;
    while (pos < text.size() && lines < MaxHeadlineLines) {
        qsizetype nl = text.indexOf(u'\n', pos);
        if (nl < 0)
            break; // the last line is the body, not a headline over nothing
        const QStringView line = text.sliced(pos, nl - pos).trimmed();
        if (!line.isEmpty()) {
            if (!looksLikeHeadline(line))
                break;
            end = nl;
            ++lines;
        }
        pos = nl + 1;
    }
    return end;
}

QList<CountrySalience> rankCountries(
    QStringView text, const Annotation &a, const DocumentContext &ctx, const SalienceWeights &w)
{
    QMap<QString, Tally> tallies; // ordered, so that equal scores always come out in the same order
    QList<Span> headline;
    if (const qsizetype end = headlineEnd(text); end > 0)
        headline << Span { 0, end };

    // The title: where the text repeats it, its mentions are the text's; otherwise it is read apart.
    const QString title = ctx.title.trimmed();
    bool titleApart = false;
    if (!title.isEmpty()) {
        const qsizetype at = text.left(4 * MaxHeadlineChars).indexOf(title);
        if (at >= 0)
            headline << Span { at, at + title.size() };
        else
            titleApart = true;
    }

    // The lead: the first sentences of the body, after the headline.
    Span lead;
    int leadSentences = 0;
    for (const Span &s : a.sentences) {
        if (leadSentences >= w.leadSentences)
            break;
        if (insideAny(s, headline) || s.end > text.size()
            || wordCount(text.sliced(s.start, s.end - s.start)) < MinLeadWords)
            continue;
        if (leadSentences++ == 0)
            lead.start = s.start;
        lead.end = s.end;
    }

    MentionCounter counter(tallies, w);
    counter.count(a.entities, headline, lead);
    if (titleApart) {
        const PartialDate date = a.published ? a.published->date : PartialDate {};
        counter.count(recogniseEntities(TokenStream(title), date, ctx), {}, {}, true);
    }

    for (const Relation &r : a.relations) {
        for (const QString &party : { r.a, r.b }) {
            if (!isCountry(party))
                continue;
            Tally &t = tallies[party];
            // A relation read into the text through the article's main country counts for less than one
            // the text states.
            t.relations += r.implicit ? 0.5 : 1.0;
            if (!r.implicit)
                t.reasons |= CountrySalience::Relation;
        }
    }

    double maxWeight = 0;
    for (const Tally &t : std::as_const(tallies))
        maxWeight = std::max(maxWeight, t.weight);
    const double total = w.headline + w.dateline + w.lead + w.share + w.frequency + w.relation;

    struct Ranked
    {
        CountrySalience c;
        double score = 0;
    };
    QList<Ranked> ranked;
    for (auto it = tallies.cbegin(); it != tallies.cend(); ++it) {
        const Tally &t = *it;
        // Named, or where the story happens (a city in the headline or the dateline), or a party to a
        // relation; a country reached only through cities in the body is not one the document names.
        if (!t.named && !t.reasons)
            continue;
        double score = 0;
        if (t.reasons & CountrySalience::Headline)
            score += w.headline;
        if (t.reasons & CountrySalience::Dateline)
            score += w.dateline;
        if (t.reasons & CountrySalience::Lead)
            score += w.lead;
        if (maxWeight > 0)
            score += w.share * t.weight / maxWeight;
        if (w.saturation > 0)
            score += w.frequency * std::min(1.0, t.weight / w.saturation);
        // Not against the country with most relations: the article's main country takes part in most of
        // them, and its partners would count for nothing beside it.
        if (t.relations > 0 && w.relationSaturation > 0)
            score += w.relation * std::min(1.0, t.relations / w.relationSaturation);
        score = total > 0 ? std::clamp(score / total, 0.0, 1.0) : 0.0;
        Ranked r;
        r.c.id = it.key();
        r.c.salience = round2(score);
        // On the rounded value: a country shown at the threshold is about, whatever the digits behind.
        r.c.about = r.c.salience >= w.threshold;
        r.c.mentions = t.mentions;
        r.c.reasons = t.reasons;
        r.score = score;
        ranked << r;
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked &x, const Ranked &y) { return x.score > y.score; });
    QList<CountrySalience> out;
    out.reserve(ranked.size());
    for (const Ranked &r : std::as_const(ranked))
        out << r.c;
    return out;
}

} // namespace entente
