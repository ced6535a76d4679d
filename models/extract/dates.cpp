#include "dates.h"

#include "gazetteer.h"
#include "knownevents.h"
#include "textscan.h"

#include <QDate>

#include <algorithm>

namespace entente {

using namespace scan;

namespace {

PartialDate yearDate(int y)
{
    return { y, 0, 0, Precision::Year };
}

PartialDate monthDate(int y, int m)
{
    return { y, m, 0, Precision::Month };
}

PartialDate dayDate(int y, int m, int d)
{
    if (!QDate::isValid(y, m, d))
        return {};
    return { y, m, d, Precision::Day };
}

PartialDate fromQDate(const QDate &d, Precision p)
{
    if (!d.isValid())
        return {};
    switch (p) {
    case Precision::Day:
        return dayDate(d.year(), d.month(), d.day());
    case Precision::Month:
        return monthDate(d.year(), d.month());
    case Precision::Year:
        return yearDate(d.year());
    case Precision::Unknown:
        break;
    }
    return {};
}

PartialDate addMonths(int y, int m, int n)
{
    const int total = y * 12 + (m - 1) + n;
    return monthDate(total / 12, total % 12 + 1);
}

bool atLeast(const PartialDate &d, Precision p)
{
    return d.isValid() && int(d.precision) >= int(p);
}

// "January" .. "December", and the abbreviations Jan .. Dec (with Sept). Returns 1..12 or 0.
int monthNumber(QStringView w, bool *abbreviated)
{
    static constexpr const char *names[] = { "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december" };
    *abbreviated = false;
    if (w.size() < 3 || w.size() > 9)
        return 0;
    const char16_t first = w[0].unicode() | 0x20;
    for (int i = 0; i < 12; ++i) {
        if (char16_t(names[i][0]) != first)
            continue;
        if (is(w, QLatin1String(names[i])))
            return i + 1;
        if (w.size() == 3 && i != 4 && is(w, QLatin1String(names[i], 3))) {
            *abbreviated = true;
            return i + 1;
        }
    }
    if (is(w, QLatin1String("sept"))) {
        *abbreviated = true;
        return 9;
    }
    return 0;
}

int fourDigitYear(QStringView t, Range r)
{
    if (r.size() != 4 || !isAsciiDigit(t[r.start].unicode()))
        return 0;
    const int v = smallNumber(view(t, r));
    return (v >= 1900 && v <= 2099) ? v : 0;
}

// 1..31 written as digits, optionally with its ordinal suffix ("14", "14th"); 0 otherwise.
int dayNumber(QStringView w, bool *ordinal = nullptr)
{
    qsizetype digits = 0;
    while (digits < w.size() && isAsciiDigit(w[digits].unicode()))
        ++digits;
    if (digits == 0 || digits > 2)
        return 0;
    const QStringView rest = w.sliced(digits);
    const bool isOrdinal = isAny(rest, "st", "nd", "rd", "th");
    if (!rest.isEmpty() && !isOrdinal)
        return 0;
    if (ordinal)
        *ordinal = isOrdinal;
    const int v = smallNumber(w.first(digits));
    return (v >= 1 && v <= 31) ? v : 0;
}

// Nouns that say a four-digit number counts something or is an amount, not a year.
bool isCountWord(QStringView w)
{
    if (w.isEmpty() || !isAsciiLower(w[0].unicode()))
        return false;
    if (isAny(w, "million", "billion", "trillion", "thousand", "hundred", "bn", "mn", "percent", "per", "cent",
            "people", "children", "men", "women", "km", "kg", "mw", "feet", "persons", "troops", "tonnes"))
        return true;
    // A plural noun right after the number: "2023 delegates", "2000 years".
    if (w.size() >= 3 && w.back() == u's'
        && !isAny(w, "was", "has", "its", "his", "this", "thus", "plus", "across", "always", "towards", "onwards",
            "afterwards", "perhaps", "unless", "whereas", "besides", "nevertheless", "less", "as", "is"))
        return true;
    return false;
}

// Words after which a four-digit number 1900..2099 reads as a year.
bool isYearContextWord(QStringView w)
{
    return isAny(w, "in", "since", "by", "until", "till", "from", "to", "during", "before", "after", "through",
        "throughout", "between", "of", "year", "early", "mid", "late", "around", "circa", "c", "for", "fiscal",
        "spring", "summer", "autumn", "fall", "winter", "january", "february", "march", "april", "may", "june", "july",
        "august", "september", "october", "november", "december", "on", "as", "beyond", "towards", "toward", "against",
        "within", "post", "pre", "ca");
}

// Words that may follow a bare day of month ("on the 14th and", "the 16th following").
bool isAfterDayWord(QStringView w)
{
    return isAny(w, "and", "or", "of", "at", "in", "to", "with", "when", "after", "before", "following", "that", "as",
        "for", "from", "on", "this", "last", "next", "local", "while", "but", "during", "by", "amid", "under",
        "morning", "evening", "night", "afternoon", "through", "until", "till", "which", "where", "he", "she", "they",
        "it", "we", "the", "a", "an", "his", "her", "their", "its", "said", "was", "were", "is", "are", "had", "has",
        "have", "will", "would", "also");
}

enum class Unit { Day, Week, Month, Year };

// The precision a unit's arithmetic needs from its base, and the precision of the result.
Precision basePrecision(Unit u)
{
    switch (u) {
    case Unit::Day:
    case Unit::Week:
        return Precision::Day;
    case Unit::Month:
        return Precision::Month;
    case Unit::Year:
        return Precision::Year;
    }
    return Precision::Year;
}

// `base` moved by n units; invalid when `base` is too coarse for the unit. Weeks give a month:
// "next week" names a week, which a PartialDate can only hold as its month.
PartialDate shift(const PartialDate &base, Unit u, int n, int weekdayOffset = -1)
{
    if (!atLeast(base, basePrecision(u)))
        return {};
    switch (u) {
    case Unit::Year:
        return yearDate(base.year + n);
    case Unit::Month:
        return addMonths(base.year, base.month, n);
    case Unit::Day:
        return fromQDate(QDate(base.year, base.month, base.day).addDays(n), Precision::Day);
    case Unit::Week: {
        QDate d(base.year, base.month, base.day);
        if (weekdayOffset >= 0) // a named part of the week: from its Monday
            d = d.addDays(1 - d.dayOfWeek() + weekdayOffset);
        return fromQDate(d.addDays(7 * n), Precision::Month);
    }
    }
    return {};
}

Unit unitOf(QStringView w, bool *plural)
{
    *plural = w.back() == u's' || w.back() == u'S';
    const QStringView stem = *plural ? w.chopped(1) : w;
    if (is(stem, QLatin1String("year")))
        return Unit::Year;
    if (is(stem, QLatin1String("month")))
        return Unit::Month;
    if (is(stem, QLatin1String("week")))
        return Unit::Week;
    return Unit::Day;
}

class DateScanner
{
public:
    DateScanner(QStringView text, const QList<Span> &sentences, const PartialDate &anchor)
        : m_t(text)
        , m_sentences(sentences)
        , m_anchor(anchor)
    { }

    QList<DateMention> run()
    {
        // Local copies: through the members the compiler reloads them at every character.
        const qsizetype n = m_t.size();
        const char16_t *const t = m_t.utf16();
        qsizetype i = 0;
        while (i < n) {
            const char16_t c = t[i];
            if (c < 128 && !kAsciiWordChar[c]) {
                ++i;
                continue;
            }
            // A word or number starts here (or continues a word begun with a non-ASCII letter).
            const qsizetype e = wordEnd(t, i + 1, n);
            if (i > 0 && isWordChar(QChar(t[i - 1]))) {
                i = e;
                continue;
            }
            qsizetype next = e;
            if (isAsciiDigit(c))
                next = onNumber({ i, e });
            else if (c < 128)
                next = onWord({ i, e });
            i = std::max(next, e);
        }
        return m_out;
    }

private:
    enum class Kind { Explicit, Implicit, DayOfMonth, Deictic, Anaphoric };

    // The base for "one month later", "the following year": the last resolved date, or the
    // anchor when nothing has been said yet; nothing after an unresolved date.
    [[nodiscard]] PartialDate runningBase() const
    {
        if (m_running.isValid())
            return m_running;
        return m_chainBroken ? PartialDate {} : m_anchor;
    }

    // The year for a month or day written without one: the last resolved date's, else the
    // article's (an unresolved "last week" does not make the article's own year doubtful).
    [[nodiscard]] int runningYear() const
    {
        if (m_running.isValid())
            return m_running.year;
        return m_anchor.isValid() ? m_anchor.year : 0;
    }

    int sentenceOf(qsizetype pos)
    {
        while (m_sentence < m_sentences.size() && m_sentences[m_sentence].end <= pos)
            ++m_sentence;
        return int(m_sentence);
    }

    // `setsContext` is false for a target year ("by 2030", "the 2030 Agenda"): the text does
    // not move to that time, so "in December" after it keeps the year it had.
    void add(qsizetype s, qsizetype e, const PartialDate &v, Kind kind, bool setsContext = true)
    {
        DateMention m;
        m.span = { s, e };
        m.text = m_t.sliced(s, e - s).toString();
        m.value = v.isValid() ? v : PartialDate {};
        m.relative = kind != Kind::Explicit;
        m_out.append(m);
        m_lastEnd = e;
        m_lastKind = kind;
        if (!setsContext)
            return;
        if (v.isValid()) {
            m_running = v;
            m_chainBroken = false;
            m_runningSentence = sentenceOf(s);
        } else {
            // Never build on a date we could not place.
            m_running = {};
            m_chainBroken = true;
        }
    }

    // Is the word `w` a connector ("and", "to", "or") right after the previous mention?
    bool continuesList(Range w) const
    {
        if (m_lastEnd < 0 || !isAny(view(m_t, w), "and", "or", "to", "through", "until"))
            return false;
        qsizetype p = w.start;
        while (p > 0 && (isBlank(m_t[p - 1]) || m_t[p - 1] == u','))
            --p;
        return p == m_lastEnd;
    }

    // Extends `start` over a leading "early", "mid", "late" (also "mid-").
    qsizetype withModifier(qsizetype start) const
    {
        if (start > 0 && isDash(m_t[start - 1])) {
            const Range w = wordBefore(m_t, start - 1);
            if (w.end == start - 1 && isAny(view(m_t, w), "mid", "early", "late"))
                return w.start;
            return start;
        }
        const Range w = wordBefore(m_t, start);
        if (!w.isEmpty() && isAny(view(m_t, w), "early", "mid", "late"))
            return w.start;
        return start;
    }

    qsizetype onNumber(Range r)
    {
        const qsizetype n = m_t.size();
        const qsizetype len = r.size();
        // ISO 8601: 2023-05-11 (also 2023/05/11).
        if (len == 4 && r.end + 6 <= n && (m_t[r.end] == u'-' || m_t[r.end] == u'/')) {
            const QChar sep = m_t[r.end];
            const Range mm = wordAfter(m_t, r.end + 1);
            if (mm.start == r.end + 1 && mm.size() == 2 && mm.end < n && m_t[mm.end] == sep) {
                const Range dd = wordAfter(m_t, mm.end + 1);
                if (dd.start == mm.end + 1 && dd.size() == 2) {
                    const int y = smallNumber(view(m_t, r));
                    const PartialDate v = (y >= 1000)
                        ? dayDate(y, smallNumber(view(m_t, mm)), smallNumber(view(m_t, dd)))
                        : PartialDate {};
                    if (v.isValid()) {
                        add(r.start, dd.end, v, Kind::Explicit);
                        return dd.end;
                    }
                }
            }
        }
        bool ordinal = false;
        const int day = dayNumber(view(m_t, r), &ordinal);
        if (day > 0) {
            // "30 December 2023", "11th May", "the 11th of May, 2023".
            Range w = wordAfter(m_t, r.end);
            if (!w.isEmpty() && ordinal && is(view(m_t, w), QLatin1String("of"))) {
                w = wordAfter(m_t, w.end);
                // "the 12th of this month", "the 3rd of last month"
                const QStringView rel = view(m_t, w);
                const Range unit = wordAfter(m_t, w.end);
                if (isAny(rel, "this", "last", "next") && is(view(m_t, unit), QLatin1String("month"))) {
                    const Range the = wordBefore(m_t, r.start);
                    const qsizetype start = is(view(m_t, the), QLatin1String("the")) ? the.start : r.start;
                    const int dm = is(rel, QLatin1String("last")) ? -1 : is(rel, QLatin1String("next")) ? 1 : 0;
                    const PartialDate month = shift(m_anchor, Unit::Month, dm);
                    add(start, unit.end, month.isValid() ? dayDate(month.year, month.month, day) : PartialDate {},
                        Kind::Deictic);
                    return unit.end;
                }
            }
            bool abbreviated = false;
            const int month
                = (!w.isEmpty() && isAsciiUpper(m_t[w.start].unicode())) ? monthNumber(view(m_t, w), &abbreviated) : 0;
            if (month > 0) {
                qsizetype end = w.end;
                if (abbreviated && end < n && m_t[end] == u'.')
                    ++end;
                qsizetype start = r.start;
                const Range the = wordBefore(m_t, r.start);
                if (ordinal && !the.isEmpty() && is(view(m_t, the), QLatin1String("the")))
                    start = the.start;
                qsizetype p = end;
                if (p < n && m_t[p] == u',')
                    ++p;
                const Range yr = wordAfter(m_t, p);
                const int year = fourDigitYear(m_t, yr);
                if (year > 0) {
                    add(start, yr.end, dayDate(year, month, day), Kind::Explicit);
                    return yr.end;
                }
                const int y = runningYear();
                add(start, end, y ? dayDate(y, month, day) : PartialDate {}, Kind::Implicit);
                return end;
            }
            if (ordinal)
                return onDayOfMonth(r, day);
            return r.end;
        }
        if (len == 4)
            return onYear(r);
        return r.end;
    }

    // "on the 14th": a day of the month that the text leaves to the reader.
    qsizetype onDayOfMonth(Range r, int day)
    {
        qsizetype start = r.start;
        const Range before = wordBefore(m_t, r.start);
        const QStringView b = view(m_t, before);
        if (is(b, QLatin1String("the"))) {
            const Range prep = wordBefore(m_t, before.start);
            if (!isAny(view(m_t, prep), "on", "of", "by", "until", "till", "since", "from", "before", "after", "to",
                    "and", "between"))
                return r.end;
            start = before.start;
        } else if (!(m_lastKind == Kind::DayOfMonth && continuesList(before))) {
            return r.end;
        }
        // What follows must not make it an ordinal of something else ("the 14th floor").
        const qsizetype n = m_t.size();
        qsizetype p = r.end;
        while (p < n && isBlank(m_t[p]))
            ++p;
        if (p < n && !isWordChar(m_t[p])) {
            if (isDash(m_t[p]) && p == r.end)
                return r.end; // "the 14th-century"
        } else if (p < n) {
            const Range next = wordAfter(m_t, p);
            if (!isAfterDayWord(view(m_t, next)))
                return r.end;
            // "the 20th and 21st century": the list ends in what the ordinals count.
            if (isAny(view(m_t, next), "and", "or", "to")) {
                const Range other = wordAfter(m_t, next.end);
                bool otherOrdinal = false;
                if (dayNumber(view(m_t, other), &otherOrdinal) > 0 && otherOrdinal) {
                    const Range after = wordAfter(m_t, other.end);
                    if (!after.isEmpty() && after.start < n && !isAfterDayWord(view(m_t, after)))
                        return r.end;
                }
            }
        }

        PartialDate v;
        const int sentence = sentenceOf(r.start);
        if (atLeast(m_running, Precision::Month) && m_runningSentence >= sentence - 1) {
            v = dayDate(m_running.year, m_running.month, day);
        } else if (atLeast(m_anchor, Precision::Day)) {
            // News style: "on the 14th" is this month's 14th, or last month's when still to come.
            const PartialDate month = day > m_anchor.day ? addMonths(m_anchor.year, m_anchor.month, -1)
                                                         : monthDate(m_anchor.year, m_anchor.month);
            v = dayDate(month.year, month.month, day);
        } else if (atLeast(m_anchor, Precision::Month)) {
            v = dayDate(m_anchor.year, m_anchor.month, day);
        }
        add(start, r.end, v, Kind::DayOfMonth);
        return r.end;
    }

    qsizetype onYear(Range r)
    {
        const int year = fourDigitYear(m_t, r);
        if (year == 0)
            return r.end;
        const qsizetype n = m_t.size();
        if (r.end < n) {
            const QChar c = m_t[r.end];
            if (c == u'%' || isWordChar(c))
                return r.end;
            if ((c == u',' || c == u'.' || c == u':') && r.end + 1 < n && isAsciiDigit(m_t[r.end + 1].unicode()))
                return r.end; // 2,023,000 / 2023.5 / 2023:15
        }
        qsizetype start = r.start;
        bool range = false;
        if (r.start > 0) {
            const QChar c = m_t[r.start - 1];
            const char16_t u = c.unicode();
            if (u == u'$' || u == 0x20AC || u == 0x00A3 || u == 0x00A5 || u == 0x20B9 || u == 0x20BD || u == u'#'
                || u == u'+' || u == u'/' || u == u'_' || u == u'@' || u == u'=' || u == u'&')
                return r.end;
            if ((c == u',' || c == u'.' || c == u':' || isDash(c)) && r.start > 1
                && isAsciiDigit(m_t[r.start - 2].unicode())) {
                // Part of a bigger number or a phone number, unless a range of years: "2019-2020".
                if (!(isDash(c) && m_lastEnd == r.start - 1 && m_lastKind == Kind::Explicit))
                    return r.end;
                range = true;
            } else if (isDash(c)) {
                const qsizetype s = withModifier(r.start);
                if (s == r.start && r.start > 1 && isWordChar(m_t[r.start - 2]))
                    return r.end; // an identifier: "A-2023"
                start = s;
            }
        }
        // A count or an amount: "2023 delegates", "2000 million".
        const Range after = wordAfter(m_t, r.end);
        if (!range && !after.isEmpty() && isCountWord(view(m_t, after)))
            return r.end;

        bool target = false;
        if (start == r.start && !range) {
            const Range before = wordBefore(m_t, r.start);
            const QStringView b = view(m_t, before);
            if (!before.isEmpty()) {
                target = isAny(b, "by", "until", "till", "towards", "toward", "beyond", "the");
                if (is(b, QLatin1String("the"))) {
                    // "the 2030 Agenda", "the 2022 World Cup"; not "the 2000 km".
                    if (after.isEmpty() || !isAsciiUpper(m_t[after.start].unicode()))
                        return r.end;
                } else if (!isYearContextWord(b) && !continuesList(before)) {
                    return r.end;
                }
                start = withModifier(r.start);
            } else if (!yearMayStandAlone(r.start)) {
                return r.end;
            }
        }
        // "the 1990s" is a decade, not a year: left out rather than pinned on its first year.
        add(start, r.end, yearDate(year), Kind::Explicit, !target);
        return r.end;
    }

    // A year with no word before it: at the start of a line or sentence, or after an opening
    // bracket or a list separator ("(2016)", "1992 – 2022", "2023: a year of ...").
    bool yearMayStandAlone(qsizetype pos) const
    {
        qsizetype p = pos;
        while (p > 0 && isBlank(m_t[p - 1]))
            --p;
        if (p == 0)
            return true;
        const char16_t c = m_t[p - 1].unicode();
        return c == u'\n' || c == u'\r' || c == u'(' || c == u'[' || c == u',' || c == u';' || c == u':' || c == u'.'
            || c == u'!' || c == u'?' || c == u'"' || c == 0x201C || c == 0x2013 || c == 0x2014 || c == 0x2029;
    }

    qsizetype onWord(Range r)
    {
        const QStringView w = view(m_t, r);
        const char16_t first = w[0].unicode();
        const char16_t lower = first | 0x20;
        if (isAsciiUpper(first)) {
            bool abbreviated = false;
            const int month = monthNumber(w, &abbreviated);
            if (month > 0)
                return onMonth(r, month, abbreviated);
        }
        switch (lower) {
        case u'y':
            if (is(w, QLatin1String("yesterday")))
                return isFigurativeDay(r) ? r.end : deictic(r.start, r.end, Unit::Day, -1);
            if (isAny(w, "year", "years"))
                return onUnit(r);
            break;
        case u't':
            if (is(w, QLatin1String("tomorrow")))
                return isFigurativeDay(r) ? r.end : deictic(r.start, r.end, Unit::Day, 1);
            break;
        case u'm':
            if (isAny(w, "month", "months"))
                return onUnit(r);
            break;
        case u'w':
            if (isAny(w, "week", "weeks"))
                return onUnit(r);
            break;
        case u'd':
            if (isAny(w, "day", "days"))
                return onUnit(r);
            break;
        default:
            break;
        }
        return r.end;
    }

    // "a better tomorrow", "the challenges of tomorrow", "today and tomorrow": not a day.
    bool isFigurativeDay(Range r) const
    {
        const QStringView b = view(m_t, wordBefore(m_t, r.start));
        if (isAny(b, "of", "for", "a", "the", "better", "brighter", "and", "or", "than", "like", "until", "till"))
            return true;
        return r.end + 1 < m_t.size() && (m_t[r.end] == u'\'' || m_t[r.end] == QChar(0x2019))
            && (m_t[r.end + 1] == u's' || m_t[r.end + 1] == u'S');
    }

    qsizetype deictic(qsizetype s, qsizetype e, Unit u, int n, int weekdayOffset = -1)
    {
        add(s, e, shift(m_anchor, u, n, weekdayOffset), Kind::Deictic);
        return e;
    }

    // "last year", "next week", "the following month", "31 years ago", "one month later".
    qsizetype onUnit(Range r)
    {
        bool plural = false;
        const Unit unit = unitOf(view(m_t, r), &plural);
        const Range before = wordBefore(m_t, r.start);
        const QStringView b = view(m_t, before);
        const Range after = wordAfter(m_t, r.end);
        const QStringView a = view(m_t, after);

        if (!before.isEmpty() && isAny(a, "ago", "later", "earlier")) {
            int count = smallNumber(b);
            qsizetype start = before.start;
            // "two hundred years ago"
            if (count == 100) {
                const Range times = wordBefore(m_t, start);
                const int k = times.isEmpty() ? 0 : smallNumber(view(m_t, times));
                if (k > 0 && k < 10) {
                    count *= k;
                    start = times.start;
                }
            }
            // "twenty-five years ago"
            if (count > 0 && count < 10 && start > 1 && isDash(m_t[start - 1])) {
                const Range tens = wordBefore(m_t, start - 1);
                const int t = tens.end == start - 1 ? smallNumber(view(m_t, tens)) : 0;
                if (t >= 20 && t % 10 == 0) {
                    count += t;
                    start = tens.start;
                }
            }
            if (count <= 0 || (count == 1 && plural) || count > 200)
                return r.end; // "several years ago", "decades ago": too vague to place
            const bool ago = is(a, QLatin1String("ago"));
            const int signedCount = (ago || is(a, QLatin1String("earlier"))) ? -count : count;
            if (ago)
                return deictic(start, after.end, unit, signedCount);
            add(start, after.end, shift(runningBase(), unit, signedCount), Kind::Anaphoric);
            return after.end;
        }
        if (plural || before.isEmpty())
            return r.end;

        const Range the = wordBefore(m_t, before.start);
        const bool hasThe = !the.isEmpty() && is(view(m_t, the), QLatin1String("the"));
        qsizetype start = hasThe ? the.start : before.start;
        // "early next year", "late next week", "mid-next month"
        int weekdayOffset = -1;
        const qsizetype modStart = withModifier(before.start);
        if (modStart != before.start && !hasThe) {
            const QStringView mod = m_t.sliced(modStart, 3);
            weekdayOffset = is(mod, QLatin1String("ear")) ? 0 : is(mod, QLatin1String("mid")) ? 2 : 3;
            start = modStart;
        }

        if (!hasThe && isAny(b, "last", "next", "this", "coming", "past")) {
            if (is(b, QLatin1String("past")))
                return r.end; // "the past year" is a period, not a date
            const int n = is(b, QLatin1String("last")) ? -1 : is(b, QLatin1String("this")) ? 0 : 1;
            if (unit == Unit::Day)
                return r.end; // "next day" is anaphoric; "this day" a figure of speech
            if (unit == Unit::Week && weekdayOffset < 0)
                weekdayOffset = 2;
            return deictic(start, r.end, unit, n, weekdayOffset);
        }
        int n = 0;
        if (isAny(b, "following", "next", "coming", "subsequent"))
            n = 1;
        else if (isAny(b, "previous", "preceding", "prior"))
            n = -1;
        else if (is(b, QLatin1String("same")) && hasThe)
            n = 0;
        else if (is(b, QLatin1String("that")) && unit != Unit::Week)
            n = 0;
        else
            return r.end;
        if (!hasThe && !is(b, QLatin1String("that")))
            return r.end;
        add(start, r.end, shift(runningBase(), unit, n), Kind::Anaphoric);
        return r.end;
    }

    qsizetype onMonth(Range r, int month, bool abbreviated)
    {
        const qsizetype n = m_t.size();
        qsizetype end = r.end;
        if (abbreviated && end < n && m_t[end] == u'.')
            ++end;
        // Month followed by a day and maybe a year: "May 11, 2023", "Dec. 30", "May 11th".
        Range w = wordAfter(m_t, end);
        bool ordinal = false;
        const int day = w.isEmpty() ? 0 : dayNumber(view(m_t, w), &ordinal);
        const qsizetype start = monthStart(r.start);
        if (day > 0) {
            qsizetype p = w.end;
            // "May 11-12, 2023": the range's first day stands for it.
            if (p + 1 < n && isDash(m_t[p]) && isAsciiDigit(m_t[p + 1].unicode())) {
                const Range second = wordAfter(m_t, p + 1);
                if (dayNumber(view(m_t, second)) > 0)
                    p = second.end;
            }
            qsizetype q = p;
            if (q < n && m_t[q] == u',')
                ++q;
            const Range yr = wordAfter(m_t, q);
            const int year = fourDigitYear(m_t, yr);
            if (year > 0 && (yr.end >= n || !isWordChar(m_t[yr.end]))) {
                add(start, yr.end, dayDate(year, month, day), Kind::Explicit);
                return yr.end;
            }
            const int y = runningYear();
            add(start, p, y ? dayDate(y, month, day) : PartialDate {}, Kind::Implicit);
            return p;
        }
        if (abbreviated) {
            // "Dec 2023" only; a bare "Jan" or "Mar" is too often something else.
            const int year = fourDigitYear(m_t, w);
            if (year > 0) {
                add(start, w.end, monthDate(year, month), Kind::Explicit);
                return w.end;
            }
            return r.end;
        }
        // "October 2019", "May of 2023"
        Range yr = w;
        if (!w.isEmpty() && is(view(m_t, w), QLatin1String("of")))
            yr = wordAfter(m_t, w.end);
        const int year = fourDigitYear(m_t, yr);
        if (year > 0 && (yr.end >= n || !isWordChar(m_t[yr.end]))) {
            add(start, yr.end, monthDate(year, month), Kind::Explicit);
            return yr.end;
        }
        // "January last year", "in January of last year", "May this year"
        const Range rel = (!yr.isEmpty() && isAny(view(m_t, yr), "last", "this", "next")) ? yr : Range {};
        if (!rel.isEmpty()) {
            const Range unit = wordAfter(m_t, rel.end);
            if (is(view(m_t, unit), QLatin1String("year"))) {
                const QStringView rw = view(m_t, rel);
                const int dy = is(rw, QLatin1String("last")) ? -1 : is(rw, QLatin1String("next")) ? 1 : 0;
                const PartialDate v = m_anchor.isValid() ? monthDate(m_anchor.year + dy, month) : PartialDate {};
                add(start, unit.end, v, Kind::Deictic);
                return unit.end;
            }
        }
        // A bare month name must stand where a date is expected: "in May", "since March",
        // "in September and October", "last January".
        const Range before = wordBefore(m_t, r.start);
        const QStringView b = view(m_t, before);
        if (start == r.start && !isYearContextWord(b) && !continuesList(before) && !isAny(b, "last", "next", "this")) {
            return r.end;
        }
        if (isAny(b, "last", "next", "this")) {
            PartialDate v;
            if (atLeast(m_anchor, Precision::Month)) {
                int y = m_anchor.year;
                if (is(b, QLatin1String("last")) && month >= m_anchor.month)
                    --y;
                else if (is(b, QLatin1String("next")) && month <= m_anchor.month)
                    ++y;
                v = monthDate(y, month);
            } else if (is(b, QLatin1String("this")) && m_anchor.isValid()) {
                v = monthDate(m_anchor.year, month);
            }
            add(before.start, r.end, v, Kind::Deictic);
            return r.end;
        }
        const int y = runningYear();
        add(start, r.end, y ? monthDate(y, month) : PartialDate {}, Kind::Implicit);
        return r.end;
    }

    qsizetype monthStart(qsizetype start) const { return withModifier(start); }

    QStringView m_t;
    const QList<Span> &m_sentences;
    PartialDate m_anchor;
    QList<DateMention> m_out;
    PartialDate m_running;
    bool m_chainBroken = false;
    int m_runningSentence = -1;
    qsizetype m_sentence = 0;
    qsizetype m_lastEnd = -1;
    Kind m_lastKind = Kind::Explicit;
};

// Does a mention's text name a day of the month only ("the 14th", "16th")?
bool isDayOfMonthText(QStringView s)
{
    if (s.size() < 3)
        return false;
    const QStringView tail = s.last(2);
    if (!isAny(tail, "st", "nd", "rd", "th") || !isAsciiDigit(s[s.size() - 3].unicode()))
        return false;
    bool abbreviated = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (isAsciiUpper(s[i].unicode())) {
            qsizetype e = i;
            while (e < s.size() && isAsciiLetter(s[e].unicode()))
                ++e;
            if (monthNumber(s.sliced(i, e - i), &abbreviated) > 0)
                return false;
        }
    }
    return true;
}

// The days of the month an ordinal mention names: "the 14th and 16th" -> 14, 16.
QList<int> daysOfMonth(QStringView s)
{
    QList<int> out;
    for (qsizetype i = 0; i < s.size();) {
        if (!isAsciiDigit(s[i].unicode())) {
            ++i;
            continue;
        }
        qsizetype e = i;
        while (e < s.size() && isWordChar(s[e]))
            ++e;
        if (const int day = dayNumber(s.sliced(i, e - i)); day > 0)
            out.append(day);
        i = e;
    }
    return out;
}

// Short-range references that only make sense against a recent date line.
bool isRecentDeixis(QStringView s)
{
    const bool hasDigit = std::any_of(s.begin(), s.end(), [](QChar c) { return isAsciiDigit(c.unicode()); });
    if (hasDigit)
        return false;
    return s.contains(QLatin1String("yesterday"), Qt::CaseInsensitive)
        || s.contains(QLatin1String("tomorrow"), Qt::CaseInsensitive)
        || s.contains(QLatin1String("week"), Qt::CaseInsensitive)
        || ((s.startsWith(QLatin1String("last"), Qt::CaseInsensitive)
                || s.startsWith(QLatin1String("this"), Qt::CaseInsensitive)
                || s.startsWith(QLatin1String("next"), Qt::CaseInsensitive))
            && s.endsWith(QLatin1String("month"), Qt::CaseInsensitive));
}

// "the first ... in 32 months", "the first ... in 2 years and 8 months": a gap in months, or 0.
int statedGapMonths(QStringView text, const QList<Span> &sentences)
{
    for (const Span &sp : sentences) {
        const QStringView s = text.sliced(sp.start, sp.end - sp.start);
        const qsizetype first = s.indexOf(QLatin1String("first"), 0, Qt::CaseInsensitive);
        if (first < 0)
            continue;
        qsizetype from = first;
        while (true) {
            const qsizetype in = s.indexOf(QLatin1String(" in "), from, Qt::CaseInsensitive);
            if (in < 0)
                break;
            from = in + 4;
            Range num = wordAfter(s, in + 4);
            int months = 0;
            for (int part = 0; part < 2 && !num.isEmpty(); ++part) {
                const int count = smallNumber(view(s, num));
                const Range unit = wordAfter(s, num.end);
                if (count <= 0 || unit.isEmpty())
                    break;
                bool plural = false;
                const QStringView uw = view(s, unit);
                if (!isAny(uw, "year", "years", "month", "months"))
                    break;
                months += unitOf(uw, &plural) == Unit::Year ? 12 * count : count;
                const Range conj = wordAfter(s, unit.end);
                if (!is(view(s, conj), QLatin1String("and")))
                    break;
                num = wordAfter(s, conj.end);
            }
            if (months > 0)
                return months;
        }
    }
    return 0;
}

} // namespace

QList<DateMention> findDates(QStringView text, const QList<Span> &sentences, const PartialDate &anchor)
{
    return DateScanner(text, sentences, anchor).run();
}

std::optional<PublishedDate> inferPublishedDate(
    QStringView text, const QList<Span> &sentences, const QList<DateMention> &dates)
{
    // A report of recent events speaks of "the 14th" or "last week" and leaves the month to its
    // date line. Without such references the text gives no ground for a guess.
    QString cue;
    for (const DateMention &d : dates) {
        if (d.relative && (isDayOfMonthText(d.text) || (!d.value.isValid() && isRecentDeixis(d.text)))) {
            cue = d.text;
            break;
        }
    }
    if (cue.isEmpty())
        return std::nullopt;

    // The latest explicit date that is not a target ("by 2030", "until 2030").
    const DateMention *best = nullptr;
    for (const DateMention &d : dates) {
        if (d.relative || !d.value.isValid())
            continue;
        const QStringView before = view(text, wordBefore(text, d.span.start));
        if (isAny(before, "by", "until", "till", "to", "through", "before"))
            continue;
        const PartialDate &v = d.value;
        if (!best || v.year > best->value.year || (v.year == best->value.year && v.month > best->value.month))
            best = &d;
    }
    // A known meeting (the SCO summit in Samarkand) whose days include the text's "the 16th" gives the month.
    QList<int> days;
    for (const DateMention &d : dates) {
        if (d.relative && isDayOfMonthText(d.text))
            days.append(daysOfMonth(d.text));
    }
    if (!days.isEmpty()) {
        if (auto known = dateFromKnownEvents(text, sentences, days, best ? best->value.year : 0, Gazetteer::shared()))
            return known;
    }
    if (!best)
        return std::nullopt;

    PublishedDate out;
    out.source = DateSource::Inferred;
    const PartialDate &v = best->value;
    const bool monthKnown = atLeast(v, Precision::Month);
    out.date = monthKnown ? monthDate(v.year, v.month) : yearDate(v.year);
    out.reason = QStringLiteral("the text dates events by references such as \u201C%1\u201D that need a date line, "
                                "and its latest explicit date is \u201C%2\u201D")
                     .arg(cue, best->text);

    // "the first trip in 32 months" after "since ... in 2020": the text is written that gap
    // after the date it counts from.
    const auto sentence = std::find_if(sentences.begin(), sentences.end(),
        [&](const Span &s) { return s.start <= best->span.start && best->span.start < s.end; });
    if (sentence != sentences.end()) {
        const QStringView lead = text.sliced(sentence->start, best->span.start - sentence->start);
        const int gap
            = lead.contains(QLatin1String("since"), Qt::CaseInsensitive) ? statedGapMonths(text, sentences) : 0;
        if (gap > 0) {
            const PartialDate moved = addMonths(v.year, monthKnown ? v.month : 1, gap);
            out.date = monthKnown ? moved : yearDate(moved.year);
            out.reason += QStringLiteral(", counted from which it reports the first such event in %1 months").arg(gap);
        }
    }
    return out;
}

} // namespace entente
