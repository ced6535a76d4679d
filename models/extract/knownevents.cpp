#include "knownevents.h"

#include "gazetteer.h"
#include "knowneventtable.h"
#include "textscan.h"
#include "tokenstream.h"
#include "wordlists.h"

#include <QSet>

#include <algorithm>
#include <array>

namespace entente {

namespace {

// Meetings whose series is named by an organisation: "summit" alone does not say which one.
constexpr quint32 kNeedsOrganization = KnownEvent::Summit | KnownEvent::Forum | KnownEvent::PartyCongress;

bool within(const Span &inner, qsizetype from, qsizetype to)
{
    return inner.start >= from && inner.end <= to;
}

bool overlaps(const Span &a, const Span &b)
{
    return a.start < b.end && b.start < a.end;
}

// What the cues between `from` and `to` (a sentence) say together.
struct CueSummary
{
    QSet<int> named; // events named by a name of their own
    QSet<int> organizations; // events of a named organisation (or of a name several events share)
    QSet<int> places; // events held at a named place
    quint32 kinds = 0;
};

// "in Uzbekistan", "to Lithuania", "at Indonesia's", "Qatar-hosted": a country named as where something takes
// place. A country named otherwise is as likely one of those taking part.
bool hostCountryContext(const TokenStream &ts, const KnownEventCue &c)
{
    // Prepositions of place before the name, and the participle joined after it by a hyphen.
    static const std::array<quint64, 4> before = { wordKey(u"in"), wordKey(u"at"), wordKey(u"to"), wordKey(u"hosted") };
    static const quint64 hosted = before[3];
    const TextScan scan(ts);
    const size_t first = c.tokens.first;
    if (first > 0 && scan.endsWithWordChar(first - 1)) {
        // The letters that end the token before (white space between aside), if no letters run on before them.
        const QStringView prev = scan.textOf(first - 1);
        qsizetype letters = prev.size();
        while (letters > 0 && prev[letters - 1].isLetter())
            --letters;
        const bool runsOn = letters == 0 && scan.glued(first - 1) && first > 1 && scan.lastChar(first - 2) < 0xd800
            && QChar(scan.lastChar(first - 2)).isLetter();
        const quint64 key = runsOn ? 0 : TextScan::asciiLettersKey(prev.sliced(letters));
        if (key && std::find(before.cbegin(), before.cend(), key) != before.cend())
            return true;
    }
    const size_t after = c.tokens.last;
    return scan.glued(after) && scan.isChar(after, u'-') && scan.glued(after + 1) && scan.textOf(after + 1).size() >= 6
        && TextScan::asciiLettersKey(scan.textOf(after + 1).first(6)) == hosted;
}

CueSummary summarise(const TokenStream &ts, const QList<KnownEventCue> &cues, qsizetype from, qsizetype to)
{
    CueSummary s;
    for (const KnownEventCue &c : cues) {
        if (!within(c.span, from, to))
            continue;
        s.kinds |= c.kinds;
        switch (c.type) {
        case KnownEventCue::Name:
            if (c.events.size() == 1)
                s.named.insert(c.events.front());
            else
                s.organizations.unite(QSet<int>(c.events.cbegin(), c.events.cend()));
            break;
        case KnownEventCue::Organization:
            s.organizations.unite(QSet<int>(c.events.cbegin(), c.events.cend()));
            break;
        case KnownEventCue::Country:
            if (!hostCountryContext(ts, c))
                break;
            Q_FALLTHROUGH();
        case KnownEventCue::Place:
            s.places.unite(QSet<int>(c.events.cbegin(), c.events.cend()));
            break;
        case KnownEventCue::KindWord:
            break;
        }
    }
    return s;
}

// Events a sentence names: by a name of their own, or by kind, organisation (where needed) and host place.
QSet<int> identified(const CueSummary &s, const QList<KnownEvent> &events)
{
    QSet<int> out = s.named;
    for (const int i : s.places) {
        const KnownEvent &e = events[i];
        if (!(e.kindBit & s.kinds))
            continue;
        if ((e.kindBit & kNeedsOrganization) && !s.organizations.contains(i))
            continue;
        out.insert(i);
    }
    return out;
}

// "2022-09-15/16", "2018-11-30/12-01", "2021-10-31/11-13"; one day alone as "2022-03-24".
QString dateRange(const KnownEvent &e)
{
    const QString start = e.start.toString(Qt::ISODate);
    if (e.end == e.start)
        return start;
    if (e.end.year() != e.start.year())
        return start + u'/' + e.end.toString(Qt::ISODate);
    if (e.end.month() != e.start.month())
        return start + u'/' + e.end.toString(QStringLiteral("MM-dd"));
    return start + u'/' + e.end.toString(QStringLiteral("dd"));
}

// 16 -> "16th", 22 -> "22nd", 11 -> "11th"
QString ordinal(int n)
{
    const int tens = n % 100;
    const char16_t *suffix = (tens >= 11 && tens <= 13) ? u"th"
        : n % 10 == 1                                   ? u"st"
        : n % 10 == 2                                   ? u"nd"
        : n % 10 == 3                                   ? u"rd"
                                                        : u"th";
    return QString::number(n).append(QStringView(suffix));
}

PartialDate eventDate(const KnownEvent &e)
{
    if (e.uncertain)
        return { e.start.year(), e.start.month(), 0, Precision::Month };
    return { e.start.year(), e.start.month(), e.start.day(), Precision::Day };
}

} // namespace

std::optional<PublishedDate> dateFromKnownEvents(
    const TokenStream &ts, const QList<int> &days, int notBeforeYear, const KnownEventTable &table)
{
    if (days.isEmpty())
        return std::nullopt;
    const QList<KnownEvent> &events = table.events();
    const QList<KnownEventCue> cues = table.findCues(ts, { 0, ts.size() });
    if (cues.isEmpty())
        return std::nullopt;
    QSet<int> named;
    if (ts.sentences().isEmpty()) {
        named = identified(summarise(ts, cues, 0, ts.text().size()), events);
    } else {
        for (const Span &s : ts.sentences())
            named.unite(identified(summarise(ts, cues, s.start, s.end), events));
    }

    // Only meetings are reported day by day as they happen; an invasion or an outbreak that an article
    // names is as likely years past.
    struct Fit
    {
        int event;
        int day;
    };
    QList<Fit> fits;
    QList<int> sorted(named.cbegin(), named.cend());
    std::sort(sorted.begin(), sorted.end());
    for (const int i : sorted) {
        const KnownEvent &e = events[i];
        if (!e.kindBit || e.uncertain || e.start.year() < notBeforeYear)
            continue;
        for (const int d : days) {
            if (e.includesDayOfMonth(d)) {
                fits.append({ i, d });
                break;
            }
        }
    }
    if (fits.isEmpty())
        return std::nullopt;
    // The month in which the referred day falls; two events in different months leave the question open.
    const auto monthOf = [&](const Fit &f) {
        const KnownEvent &e = events[f.event];
        for (QDate d = e.start; d <= e.end; d = d.addDays(1)) {
            if (d.day() == f.day)
                return d;
        }
        return e.start;
    };
    const QDate first = monthOf(fits.front());
    for (const Fit &f : std::as_const(fits)) {
        const QDate d = monthOf(f);
        if (d.year() != first.year() || d.month() != first.month())
            return std::nullopt;
    }
    const KnownEvent &e = events[fits.front().event];
    PublishedDate out;
    out.source = DateSource::Inferred;
    out.date = { first.year(), first.month(), 0, Precision::Month };
    const QString city = e.cities.isEmpty() ? table.gazetteer().countryName(e.country) : e.cities.front();
    out.reason = QStringLiteral("the text dates its events by days of the month such as \u201Cthe %1\u201D, which "
                                "fall within the %2 (%3, %4) that it names")
                     .arg(ordinal(fits.front().day), e.name, city, dateRange(e));
    return out;
}

void dateEventsFromKnownEvents(const TokenStream &ts, Annotation &a, const KnownEventTable &table)
{
    const int articleYear = a.published && a.published->date.isValid() ? a.published->date.year : 0;
    const QList<KnownEvent> &events = table.events();
    // Cues of one sentence at a time, only for sentences with an undated event mention.
    qsizetype cachedSentence = -1;
    QList<KnownEventCue> cues;
    for (EntityMention &m : a.entities) {
        if (m.kind != EntityKind::Event || m.date.isValid())
            continue;
        const auto it = std::upper_bound(a.sentences.cbegin(), a.sentences.cend(), m.span.start,
            [](qsizetype pos, const Span &s) { return pos < s.start; });
        Span sentence { 0, ts.text().size() };
        qsizetype si = -1;
        if (it != a.sentences.cbegin() && m.span.start < (it - 1)->end) {
            si = (it - a.sentences.cbegin()) - 1;
            sentence = a.sentences[si];
        }
        if (si != cachedSentence || si < 0) {
            cues = table.findCues(ts, si < 0 ? TokenStream::Range { 0, ts.size() } : ts.sentenceTokens(si));
            cachedSentence = si;
        }
        // The mention itself must name the event: its own name, or its organisation or kind.
        CueSummary inMention;
        QSet<int> namedHere;
        for (const KnownEventCue &c : std::as_const(cues)) {
            if (!overlaps(c.span, m.span))
                continue;
            inMention.kinds |= c.kinds;
            if (c.type == KnownEventCue::Name && c.events.size() == 1)
                namedHere.insert(c.events.front());
            else if (c.type == KnownEventCue::Name || c.type == KnownEventCue::Organization)
                inMention.organizations.unite(QSet<int>(c.events.cbegin(), c.events.cend()));
        }
        QList<int> candidates;
        if (!namedHere.isEmpty()) {
            candidates = QList<int>(namedHere.cbegin(), namedHere.cend());
            if (articleYear) // a name of its own: the event may lie years back, but not beyond next year
                candidates.removeIf([&](int i) { return events[i].start.year() > articleYear + 1; });
        } else if (inMention.kinds) {
            const CueSummary s = summarise(ts, cues, sentence.start, sentence.end);
            const auto fitsMention = [&](int i) {
                const KnownEvent &e = events[i];
                return (e.kindBit & inMention.kinds)
                    && (!(e.kindBit & kNeedsOrganization) || inMention.organizations.contains(i));
            };
            for (const int i : identified(s, events)) {
                if (fitsMention(i) && (!articleYear || events[i].start.year() <= articleYear + 1))
                    candidates.append(i);
            }
            // No host place of such a meeting in the sentence (a named one that does not fit the article's
            // years leaves the mention alone): the organisation's one meeting of that kind in the article's year.
            const bool placeNamed = std::any_of(s.places.cbegin(), s.places.cend(), fitsMention);
            if (candidates.isEmpty() && !placeNamed && articleYear && !inMention.organizations.isEmpty()) {
                for (const int i : std::as_const(inMention.organizations)) {
                    if (fitsMention(i) && events[i].start.year() == articleYear)
                        candidates.append(i);
                }
            }
        }
        if (candidates.size() == 1)
            m.date = eventDate(events[candidates.front()]);
    }
}

} // namespace entente
