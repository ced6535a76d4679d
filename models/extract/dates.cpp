#include "dates.h"

#include "knownevents.h"
#include "knowneventtable.h"
#include "textscan.h"
#include "tokenstream.h"
#include "wordlists.h"

#include <QDate>

#include <algorithm>
#include <array>

namespace entente {

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

bool isAsciiDigit(char16_t c)
{
    return c >= u'0' && c <= u'9';
}

bool isAsciiUpper(char16_t c)
{
    return c >= u'A' && c <= u'Z';
}

enum class Unit : qint8 { Day, Week, Month, Year };

// The classes of resources/lexicon/dates.tsv, as bits in the order of kClassNames.
enum DateClass : quint32 {
    Month = 1u << 0,
    MonthAbbreviation = 1u << 1,
    OrdinalSuffix = 1u << 2,
    Number = 1u << 3,
    Count = 1u << 4,
    NotPlural = 1u << 5,
    NumberSign = 1u << 6,
    YearContext = 1u << 7,
    AfterDay = 1u << 8,
    DayPreposition = 1u << 9,
    UnitWord = 1u << 10,
    RelativeDay = 1u << 11,
    Ago = 1u << 12,
    Counted = 1u << 13,
    Deictic = 1u << 14,
    Coming = 1u << 15,
    Past = 1u << 16,
    Anaphoric = 1u << 17,
    The = 1u << 18,
    Of = 1u << 19,
    Same = 1u << 20,
    That = 1u << 21,
    Modifier = 1u << 22,
    ListConnector = 1u << 23,
    OrdinalList = 1u << 24,
    Figurative = 1u << 25,
    Target = 1u << 26,
    Deadline = 1u << 27,
    First = 1u << 28,
    In = 1u << 29,
    And = 1u << 30,
    Since = 1u << 31,
};

// What dates.tsv says of one word: its classes and the values they give it.
struct DateWord
{
    quint32 classes = 0;
    qint16 value = 0; // Month, MonthAbbreviation: 1..12; Number: its value
    Unit unit = Unit::Day; // UnitWord
    qint8 relative = 0; // RelativeDay, Counted, Deictic, Anaphoric: -1, 0 or +1; Modifier: a day of the week
};

// The words of dates.tsv by their keys: one look-up a token gives everything the finder asks of it.
class DateWords
{
public:
    static const DateWords &shared()
    {
        static const DateWords words;
        return words;
    }

    [[nodiscard]] const DateWord &ofKey(quint64 key) const
    {
        const quint32 *i = key ? m_index.find(key) : nullptr;
        return i ? m_words[*i - 1] : m_none;
    }
    [[nodiscard]] const DateWord &of(const Token &t) const { return ofKey(tokenKey(t)); }

    // Can a word of `length` letters whose first is the ASCII letter `first` start a date by itself (a month name,
    // if capitalised; a unit, "yesterday", "tomorrow")? Most words of a text cannot, and this tells them apart by
    // their first letter and length, without the look-up that costs the finder most of its time.
    [[nodiscard]] bool mayStartDate(char16_t first, qsizetype length, bool capitalised) const
    {
        const quint64 lengths = m_startLengths[size_t((first | 0x20) - u'a')][capitalised ? 1 : 0];
        return length < 64 && (lengths >> length) & 1;
    }

private:
    DateWords()
    {
        const QStringList names = { u"month"_qs, u"month-abbreviation"_qs, u"ordinal-suffix"_qs, u"number"_qs,
            u"count"_qs, u"not-plural"_qs, u"number-sign"_qs, u"year-context"_qs, u"after-day"_qs,
            u"day-preposition"_qs, u"unit"_qs, u"relative-day"_qs, u"ago"_qs, u"counted"_qs, u"deictic"_qs,
            u"coming"_qs, u"past"_qs, u"anaphoric"_qs, u"the"_qs, u"of"_qs, u"same"_qs, u"that"_qs, u"modifier"_qs,
            u"list-connector"_qs, u"ordinal-list"_qs, u"figurative"_qs, u"target"_qs, u"deadline"_qs, u"first"_qs,
            u"in"_qs, u"and"_qs, u"since"_qs };
        const WordClasses file(u"dates.tsv"_qs, names);
        for (int c = 0; c < int(names.size()); ++c) {
            const quint32 bit = 1u << c;
            for (const QString &item : file.words(c)) {
                // "word" or "word = value"
                const qsizetype eq = item.indexOf(u'=', 1); // not the sign "=" of number-sign
                const QStringView form = QStringView(item).first(eq < 0 ? item.size() : eq).trimmed();
                const QStringView value = eq < 0 ? QStringView() : QStringView(item).sliced(eq + 1).trimmed();
                quint32 &slot = m_index[wordKey(form)];
                if (!slot) {
                    m_words.emplace_back();
                    slot = quint32(m_words.size());
                }
                DateWord &w = m_words[slot - 1];
                w.classes |= bit;
                if (bit & (Month | MonthAbbreviation | Number))
                    w.value = qint16(value.toInt());
                else if (bit & (RelativeDay | Counted | Deictic | Anaphoric | Modifier))
                    w.relative = qint8(value.toInt());
                else if (bit == UnitWord)
                    w.unit = value == u"year" ? Unit::Year
                        : value == u"month"   ? Unit::Month
                        : value == u"week"    ? Unit::Week
                                              : Unit::Day;
                const char16_t first = form.isEmpty() ? 0 : char16_t(form[0].unicode() | 0x20);
                if ((bit & (Month | MonthAbbreviation | RelativeDay | UnitWord)) && first >= u'a' && first <= u'z'
                    && form.size() < 64) {
                    std::array<quint64, 2> &lengths = m_startLengths[size_t(first - u'a')];
                    lengths[1] |= quint64(1) << form.size();
                    if (!(bit & (Month | MonthAbbreviation)))
                        lengths[0] |= quint64(1) << form.size();
                }
            }
        }
    }

    TokenHashMap m_index; // word key -> index in m_words + 1
    std::vector<DateWord> m_words;
    DateWord m_none;
    // Per first letter, the lengths (as bits) of the words that start a date: in any case, and capitalised.
    std::array<std::array<quint64, 2>, 26> m_startLengths {};
};

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

// The words of a TokenStream with what dates.tsv says of them.
class DateText : public TextScan
{
public:
    explicit DateText(const TokenStream &ts)
        : TextScan(ts)
        , m_words(DateWords::shared())
    { }

    // What dates.tsv says of a word of one token (a word run into a CJK run is none of its words).
    [[nodiscard]] const DateWord &info(Word w) const { return w.tokens() == 1 ? m_words.of(token(w.first)) : m_none; }
    [[nodiscard]] quint32 classes(Word w) const { return info(w).classes; }
    [[nodiscard]] quint32 classesOf(size_t k) const { return k < size() ? m_words.of(token(k)).classes : 0; }

    // A cardinal written as digits (up to 9 of them) or as one word ("a", "one" ... "twenty", "thirty" ...
    // "ninety", "hundred"); 0 when it is not one. Callers combine "twenty-five" and "two hundred" themselves.
    [[nodiscard]] int smallNumber(Word w) const
    {
        if (w.isEmpty())
            return 0;
        const QStringView s = textOf(w);
        if (s.size() > 9)
            return 0;
        if (isAsciiDigit(s[0].unicode())) {
            int v = 0;
            for (const QChar c : s) {
                if (!isAsciiDigit(c.unicode()))
                    return 0;
                v = v * 10 + (c.unicode() - u'0');
            }
            return v;
        }
        const DateWord &d = info(w);
        return (d.classes & Number) ? d.value : 0;
    }

    // 1..31 written as digits, optionally with its ordinal suffix ("14", "14th"); 0 otherwise. `ordinal` is set
    // when the digits and the suffix have the form of a day, whatever its value.
    [[nodiscard]] int dayNumber(Word w, bool *ordinal = nullptr) const
    {
        if (w.isEmpty())
            return 0;
        const QStringView s = textOf(w);
        qsizetype digits = 0;
        while (digits < s.size() && isAsciiDigit(s[digits].unicode()))
            ++digits;
        if (digits == 0 || digits > 2)
            return 0;
        const QStringView rest = s.sliced(digits);
        const bool isOrdinal = !rest.isEmpty() && (m_words.ofKey(asciiLettersKey(rest)).classes & OrdinalSuffix);
        if (!rest.isEmpty() && !isOrdinal)
            return 0;
        if (ordinal)
            *ordinal = isOrdinal;
        int v = 0;
        for (qsizetype i = 0; i < digits; ++i)
            v = v * 10 + (s[i].unicode() - u'0');
        return (v >= 1 && v <= 31) ? v : 0;
    }

    // A four-digit year 1900..2099, else 0.
    [[nodiscard]] int fourDigitYear(Word w) const
    {
        if (w.isEmpty() || endOf(w) - startOf(w) != 4 || !isAsciiDigit(firstChar(w.first)))
            return 0;
        const int v = smallNumber(w);
        return (v >= 1900 && v <= 2099) ? v : 0;
    }

    // The month of a month name ("May", "Sept"), 0 if none.
    [[nodiscard]] int monthNumber(Word w, bool *abbreviated) const
    {
        const DateWord &d = info(w);
        *abbreviated = d.classes & MonthAbbreviation;
        return (d.classes & (Month | MonthAbbreviation)) ? d.value : 0;
    }

    // A unit word ("year", "months"): its unit, and whether it is plural.
    [[nodiscard]] bool isUnit(Word w, Unit *unit, bool *plural) const
    {
        const DateWord &d = info(w);
        if (!(d.classes & UnitWord))
            return false;
        *unit = d.unit;
        const char16_t last = lastChar(w.first);
        *plural = last == u's' || last == u'S';
        return true;
    }

    // Nouns that say a four-digit number counts something or is an amount, not a year: the count words, and a
    // plural noun right after the number ("2023 delegates", "2000 years").
    [[nodiscard]] bool isCountWord(Word w) const
    {
        if (w.isEmpty())
            return false;
        const char16_t first = firstChar(w.first);
        if (first < u'a' || first > u'z')
            return false;
        const quint32 c = classes(w);
        if (c & Count)
            return true;
        return endOf(w) - startOf(w) >= 3 && lastChar(w.last - 1) == u's' && !(c & NotPlural);
    }

protected:
    const DateWords &m_words;
    DateWord m_none;
};

class DateScanner : public DateText
{
public:
    DateScanner(const TokenStream &ts, const PartialDate &anchor)
        : DateText(ts)
        , m_sentences(ts.sentences())
        , m_anchor(anchor)
    { }

    QList<DateMention> run()
    {
        const size_t n = size();
        for (size_t k = 0; k < n;) {
            if (!startsWord(k)) {
                ++k;
                continue;
            }
            const Word w = wordFrom(k);
            const char16_t c = firstChar(k);
            size_t next = w.last;
            if (isAsciiDigit(c))
                next = onNumber(w);
            else if (c < 0x80
                && m_words.mayStartDate(c, token(k).end - token(k).start, token(k).is(Token::Capitalised)))
                next = onWord(w);
            k = std::max(next, w.last);
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

    // A mention of tokens [first, last). `setsContext` is false for a target year ("by 2030", "the 2030
    // Agenda"): the text does not move to that time, so "in December" after it keeps the year it had.
    void add(size_t first, size_t last, const PartialDate &v, Kind kind, bool setsContext = true)
    {
        const Word w { first, last };
        DateMention m;
        m.span = { startOf(w), endOf(w) };
        m.text = textOf(w).toString();
        m.value = v.isValid() ? v : PartialDate {};
        m.relative = kind != Kind::Explicit;
        m_out.append(m);
        m_lastEnd = m.span.end;
        m_lastKind = kind;
        if (!setsContext)
            return;
        if (v.isValid()) {
            m_running = v;
            m_chainBroken = false;
            m_runningSentence = sentenceOf(m.span.start);
        } else {
            // Never build on a date we could not place.
            m_running = {};
            m_chainBroken = true;
        }
    }

    // Is the word `w` a connector ("and", "to", "or") right after the previous mention (commas aside)?
    bool continuesList(Word w) const
    {
        if (m_lastEnd < 0 || !(classes(w) & ListConnector))
            return false;
        for (size_t k = w.first; k > 0; --k) {
            if (lineStart(k))
                return false;
            if (!isChar(k - 1, u','))
                return m_lastEnd == token(k - 1).end;
        }
        return false;
    }

    // Extends a start at token k over a leading "early", "mid", "late" (also "mid-").
    size_t withModifier(size_t k) const
    {
        if (glued(k) && isDash(k - 1)) {
            const size_t dash = k - 1;
            if (glued(dash) && endsWithWordChar(dash - 1)) {
                const Word w = wordEndingAt(dash - 1);
                if (classes(w) & Modifier)
                    return w.first;
            }
            return k;
        }
        const Word w = wordBefore(k);
        return (classes(w) & Modifier) ? w.first : k;
    }

    size_t onNumber(Word r)
    {
        const size_t k = r.first;
        // ISO 8601: 2023-05-11 (also 2023/05/11).
        if (endOf(r) - startOf(r) == 4 && endOf(r) + 6 <= m_text.size() && glued(r.last)
            && (isChar(r.last, u'-') || isChar(r.last, u'/'))) {
            const char16_t sep = firstChar(r.last);
            if (glued(r.last + 1) && startsWithWordChar(r.last + 1)) {
                const Word mm = wordFrom(r.last + 1);
                if (endOf(mm) - startOf(mm) == 2 && glued(mm.last) && isChar(mm.last, sep) && glued(mm.last + 1)
                    && startsWithWordChar(mm.last + 1)) {
                    const Word dd = wordFrom(mm.last + 1);
                    if (endOf(dd) - startOf(dd) == 2) {
                        const int y = smallNumber(r);
                        const PartialDate v
                            = (y >= 1000) ? dayDate(y, smallNumber(mm), smallNumber(dd)) : PartialDate {};
                        if (v.isValid()) {
                            add(k, dd.last, v, Kind::Explicit);
                            return dd.last;
                        }
                    }
                }
            }
        }
        bool ordinal = false;
        const int day = dayNumber(r, &ordinal);
        if (day > 0) {
            // "30 December 2023", "11th May", "the 11th of May, 2023".
            Word w = wordAfter(r.last);
            if (!w.isEmpty() && ordinal && (classes(w) & Of)) {
                w = wordAfter(w.last);
                // "the 12th of this month", "the 3rd of last month"
                const Word unitWord = wordAfter(w.last);
                Unit unit = Unit::Day;
                bool plural = false;
                if ((classes(w) & Deictic) && isUnit(unitWord, &unit, &plural) && unit == Unit::Month && !plural) {
                    const Word the = wordBefore(k);
                    const size_t start = (classes(the) & The) ? the.first : k;
                    const PartialDate month = shift(m_anchor, Unit::Month, info(w).relative);
                    add(start, unitWord.last, month.isValid() ? dayDate(month.year, month.month, day) : PartialDate {},
                        Kind::Deictic);
                    return unitWord.last;
                }
            }
            bool abbreviated = false;
            const int month = (!w.isEmpty() && isAsciiUpper(firstChar(w.first))) ? monthNumber(w, &abbreviated) : 0;
            if (month > 0) {
                size_t end = w.last;
                if (abbreviated && glued(end) && isChar(end, u'.'))
                    ++end;
                size_t start = k;
                const Word the = wordBefore(k);
                if (ordinal && (classes(the) & The))
                    start = the.first;
                size_t p = end;
                if (glued(p) && isChar(p, u','))
                    ++p;
                const Word yr = wordAfter(p);
                const int year = fourDigitYear(yr);
                if (year > 0) {
                    add(start, yr.last, dayDate(year, month, day), Kind::Explicit);
                    return yr.last;
                }
                const int y = runningYear();
                add(start, end, y ? dayDate(y, month, day) : PartialDate {}, Kind::Implicit);
                return end;
            }
            if (ordinal)
                return onDayOfMonth(r, day);
            return r.last;
        }
        if (endOf(r) - startOf(r) == 4)
            return onYear(r);
        return r.last;
    }

    // "on the 14th": a day of the month that the text leaves to the reader.
    size_t onDayOfMonth(Word r, int day)
    {
        size_t start = r.first;
        const Word before = wordBefore(r.first);
        if (classes(before) & The) {
            if (!(classes(wordBefore(before.first)) & DayPreposition))
                return r.last;
            start = before.first;
        } else if (!(m_lastKind == Kind::DayOfMonth && continuesList(before))) {
            return r.last;
        }
        // What follows must not make it an ordinal of something else ("the 14th floor").
        const size_t k = r.last;
        if (k < size() && !lineStart(k)) {
            if (!startsWithWordChar(k)) {
                if (isDash(k) && glued(k))
                    return r.last; // "the 14th-century"
            } else {
                const Word next = wordFrom(k);
                const quint32 c = classes(next);
                if (!(c & AfterDay))
                    return r.last;
                // "the 20th and 21st century": the list ends in what the ordinals count.
                if (c & OrdinalList) {
                    const Word other = wordAfter(next.last);
                    bool otherOrdinal = false;
                    if (dayNumber(other, &otherOrdinal) > 0 && otherOrdinal) {
                        const Word after = wordAfter(other.last);
                        if (!after.isEmpty() && !(classes(after) & AfterDay))
                            return r.last;
                    }
                }
            }
        }

        PartialDate v;
        const int sentence = sentenceOf(startOf(r));
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
        add(start, r.last, v, Kind::DayOfMonth);
        return r.last;
    }

    size_t onYear(Word r)
    {
        const int year = fourDigitYear(r);
        if (year == 0)
            return r.last;
        const size_t k = r.first;
        if (glued(r.last)) {
            const size_t a = r.last;
            if (isChar(a, u'%'))
                return r.last;
            if ((isChar(a, u',') || isChar(a, u'.') || isChar(a, u':')) && glued(a + 1) && startsWithDigit(a + 1))
                return r.last; // 2,023,000 / 2023.5 / 2023:15
        }
        size_t start = k;
        bool range = false;
        if (glued(k)) {
            const size_t b = k - 1;
            if (classesOf(b) & NumberSign)
                return r.last;
            if ((isChar(b, u',') || isChar(b, u'.') || isChar(b, u':') || isDash(b)) && glued(b)
                && isAsciiDigit(lastChar(b - 1))) {
                // Part of a bigger number or a phone number, unless a range of years: "2019-2020".
                if (!(isDash(b) && m_lastEnd == token(b).start && m_lastKind == Kind::Explicit))
                    return r.last;
                range = true;
            } else if (isDash(b)) {
                const size_t s = withModifier(k);
                if (s == k && glued(b) && endsWithWordChar(b - 1))
                    return r.last; // an identifier: "A-2023"
                start = s;
            }
        }
        // A count or an amount: "2023 delegates", "2000 million".
        const Word after = wordAfter(r.last);
        if (!range && isCountWord(after))
            return r.last;

        bool target = false;
        if (start == k && !range) {
            const Word before = wordBefore(k);
            if (!before.isEmpty()) {
                const quint32 b = classes(before);
                target = b & Target;
                if (b & The) {
                    // "the 2030 Agenda", "the 2022 World Cup"; not "the 2000 km".
                    if (after.isEmpty() || !isAsciiUpper(firstChar(after.first)))
                        return r.last;
                } else if (!(b & YearContext) && !continuesList(before)) {
                    return r.last;
                }
                start = withModifier(k);
            } else if (!yearMayStandAlone(k)) {
                return r.last;
            }
        }
        // "the 1990s" is a decade, not a year: left out rather than pinned on its first year.
        add(start, r.last, yearDate(year), Kind::Explicit, !target);
        return r.last;
    }

    // A year with no word before it: at the start of a line or of the text, or after an opening bracket or a
    // list separator ("(2016)", "1992 – 2022", "2023: a year of ...").
    bool yearMayStandAlone(size_t k) const
    {
        if (k == 0 || lineStart(k))
            return true;
        if (token(k - 1).end - token(k - 1).start != 1)
            return false;
        const char16_t c = firstChar(k - 1);
        return c == u'(' || c == u'[' || c == u',' || c == u';' || c == u':' || c == u'.' || c == u'!' || c == u'?'
            || c == u'"' || c == 0x201C || c == 0x2013 || c == 0x2014;
    }

    size_t onWord(Word r)
    {
        const DateWord &w = info(r);
        if (!w.classes)
            return r.last;
        if ((w.classes & (Month | MonthAbbreviation)) && isAsciiUpper(firstChar(r.first)))
            return onMonth(r, w.value, w.classes & MonthAbbreviation);
        if (w.classes & RelativeDay)
            return isFigurativeDay(r) ? r.last : deictic(r.first, r.last, Unit::Day, w.relative);
        if (w.classes & UnitWord)
            return onUnit(r);
        return r.last;
    }

    // "a better tomorrow", "the challenges of tomorrow", "today and tomorrow", "yesterday's answers": not a day.
    bool isFigurativeDay(Word r) const
    {
        if (classes(wordBefore(r.first)) & Figurative)
            return true;
        const size_t a = r.last;
        return glued(a) && (isChar(a, u'\'') || isChar(a, u'\u2019')) && glued(a + 1)
            && (firstChar(a + 1) == u's' || firstChar(a + 1) == u'S');
    }

    size_t deictic(size_t first, size_t last, Unit u, int n, int weekdayOffset = -1)
    {
        add(first, last, shift(m_anchor, u, n, weekdayOffset), Kind::Deictic);
        return last;
    }

    // "last year", "next week", "the following month", "31 years ago", "one month later".
    size_t onUnit(Word r)
    {
        Unit unit = Unit::Day;
        bool plural = false;
        (void)isUnit(r, &unit, &plural);
        const Word before = wordBefore(r.first);
        const Word after = wordAfter(r.last);
        const quint32 a = classes(after);

        if (!before.isEmpty() && (a & (Ago | Counted))) {
            int count = smallNumber(before);
            size_t start = before.first;
            // "two hundred years ago"
            if (count == 100) {
                const int times = smallNumber(wordBefore(start));
                if (times > 0 && times < 10) {
                    count *= times;
                    start = wordBefore(start).first;
                }
            }
            // "twenty-five years ago"
            if (count > 0 && count < 10 && glued(start) && isDash(start - 1)) {
                const size_t dash = start - 1;
                if (glued(dash) && endsWithWordChar(dash - 1)) {
                    const Word tens = wordEndingAt(dash - 1);
                    const int t = smallNumber(tens);
                    if (t >= 20 && t % 10 == 0) {
                        count += t;
                        start = tens.first;
                    }
                }
            }
            if (count <= 0 || (count == 1 && plural) || count > 200)
                return r.last; // "several years ago", "decades ago": too vague to place
            const bool ago = a & Ago;
            const int signedCount = (ago || info(after).relative < 0) ? -count : count;
            if (ago)
                return deictic(start, after.last, unit, signedCount);
            add(start, after.last, shift(runningBase(), unit, signedCount), Kind::Anaphoric);
            return after.last;
        }
        if (plural || before.isEmpty())
            return r.last;

        const bool hasThe = classes(wordBefore(before.first)) & The;
        size_t start = hasThe ? wordBefore(before.first).first : before.first;
        // "early next year", "late next week", "mid-next month"
        int weekdayOffset = -1;
        const size_t modStart = withModifier(before.first);
        if (modStart != before.first && !hasThe) {
            weekdayOffset = info({ modStart, modStart + 1 }).relative;
            start = modStart;
        }

        const quint32 b = classes(before);
        if (!hasThe && (b & (Deictic | Coming | Past))) {
            if (b & Past)
                return r.last; // "the past year" is a period, not a date
            const int n = (b & Deictic) ? info(before).relative : 1;
            if (unit == Unit::Day)
                return r.last; // "next day" is anaphoric; "this day" a figure of speech
            if (unit == Unit::Week && weekdayOffset < 0)
                weekdayOffset = 2;
            return deictic(start, r.last, unit, n, weekdayOffset);
        }
        int n = 0;
        if (b & Anaphoric)
            n = info(before).relative;
        else if ((b & Same) && hasThe)
            n = 0;
        else if ((b & That) && unit != Unit::Week)
            n = 0;
        else
            return r.last;
        if (!hasThe && !(b & That))
            return r.last;
        add(start, r.last, shift(runningBase(), unit, n), Kind::Anaphoric);
        return r.last;
    }

    size_t onMonth(Word r, int month, bool abbreviated)
    {
        size_t end = r.last;
        if (abbreviated && glued(end) && isChar(end, u'.'))
            ++end;
        // Month followed by a day and maybe a year: "May 11, 2023", "Dec. 30", "May 11th".
        const Word w = wordAfter(end);
        const int day = dayNumber(w);
        const size_t start = withModifier(r.first);
        if (day > 0) {
            size_t p = w.last;
            // "May 11-12, 2023": the range's first day stands for it.
            if (glued(p) && isDash(p) && glued(p + 1) && startsWithDigit(p + 1)) {
                const Word second = wordFrom(p + 1);
                if (dayNumber(second) > 0)
                    p = second.last;
            }
            size_t q = p;
            if (glued(q) && isChar(q, u','))
                ++q;
            const Word yr = wordAfter(q);
            const int year = fourDigitYear(yr);
            if (year > 0) {
                add(start, yr.last, dayDate(year, month, day), Kind::Explicit);
                return yr.last;
            }
            const int y = runningYear();
            add(start, p, y ? dayDate(y, month, day) : PartialDate {}, Kind::Implicit);
            return p;
        }
        if (abbreviated) {
            // "Dec 2023" only; a bare "Jan" or "Mar" is too often something else.
            const int year = fourDigitYear(w);
            if (year > 0) {
                add(start, w.last, monthDate(year, month), Kind::Explicit);
                return w.last;
            }
            return r.last;
        }
        // "October 2019", "May of 2023"
        const Word yr = (classes(w) & Of) ? wordAfter(w.last) : w;
        const int year = fourDigitYear(yr);
        if (year > 0) {
            add(start, yr.last, monthDate(year, month), Kind::Explicit);
            return yr.last;
        }
        // "January last year", "in January of last year", "May this year"
        if (classes(yr) & Deictic) {
            const Word unitWord = wordAfter(yr.last);
            Unit unit = Unit::Day;
            bool plural = false;
            if (isUnit(unitWord, &unit, &plural) && unit == Unit::Year && !plural) {
                const int dy = info(yr).relative;
                const PartialDate v = m_anchor.isValid() ? monthDate(m_anchor.year + dy, month) : PartialDate {};
                add(start, unitWord.last, v, Kind::Deictic);
                return unitWord.last;
            }
        }
        // A bare month name must stand where a date is expected: "in May", "since March",
        // "in September and October", "last January".
        const Word before = wordBefore(r.first);
        const quint32 b = classes(before);
        if (start == r.first && !(b & YearContext) && !continuesList(before) && !(b & Deictic))
            return r.last;
        if (b & Deictic) {
            PartialDate v;
            const int rel = info(before).relative;
            if (atLeast(m_anchor, Precision::Month)) {
                int y = m_anchor.year;
                if (rel < 0 && month >= m_anchor.month)
                    --y;
                else if (rel > 0 && month <= m_anchor.month)
                    ++y;
                v = monthDate(y, month);
            } else if (rel == 0 && m_anchor.isValid()) {
                v = monthDate(m_anchor.year, month);
            }
            add(before.first, r.last, v, Kind::Deictic);
            return r.last;
        }
        const int y = runningYear();
        add(start, r.last, y ? monthDate(y, month) : PartialDate {}, Kind::Implicit);
        return r.last;
    }

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

// Facts of the mentions findDates() gave, read from their tokens.
class MentionReader : public DateText
{
public:
    using DateText::DateText;

    [[nodiscard]] Word tokensOf(const DateMention &d) const
    {
        const TokenStream::Range r = m_ts.tokensIn(d.span);
        return { r.first, r.last };
    }

    // Does a mention name a day of the month only ("the 14th", "16th"), no month with it?
    [[nodiscard]] bool isDayOfMonth(const DateMention &d) const
    {
        const Word m = tokensOf(d);
        if (m.isEmpty())
            return false;
        const QStringView last = textOf(m.last - 1);
        if (last.size() < 3 || !isAsciiDigit(last[last.size() - 3].unicode())
            || !(DateWords::shared().ofKey(asciiLettersKey(last.last(2))).classes & OrdinalSuffix))
            return false;
        for (size_t k = m.first; k < m.last; ++k) {
            if ((classesOf(k) & (Month | MonthAbbreviation)) && isAsciiUpper(firstChar(k)))
                return false;
        }
        return true;
    }

    // The days of the month an ordinal mention names: "the 14th and 16th" -> 14, 16.
    [[nodiscard]] QList<int> daysOfMonth(const DateMention &d) const
    {
        QList<int> out;
        const Word m = tokensOf(d);
        for (size_t k = m.first; k < m.last; ++k) {
            if (startsWithDigit(k)) {
                if (const int day = dayNumber({ k, k + 1 }); day > 0)
                    out.append(day);
            }
        }
        return out;
    }

    // Short-range references that only make sense against a recent date line ("yesterday", "last week", "next
    // month"), written without a digit.
    [[nodiscard]] bool isRecentDeixis(const DateMention &d) const
    {
        const Word m = tokensOf(d);
        if (m.isEmpty())
            return false;
        bool recent = false;
        for (size_t k = m.first; k < m.last; ++k) {
            if (startsWithDigit(k))
                return false;
            Unit unit = Unit::Day;
            bool plural = false;
            recent = recent || (classesOf(k) & RelativeDay)
                || (isUnit({ k, k + 1 }, &unit, &plural) && unit == Unit::Week);
        }
        Unit unit = Unit::Day;
        bool plural = false;
        return recent
            || ((classesOf(m.first) & Deictic) && isUnit({ m.last - 1, m.last }, &unit, &plural) && unit == Unit::Month
                && !plural);
    }

    // "the first ... in 32 months", "the first ... in 2 years and 8 months": a gap in months, or 0.
    [[nodiscard]] int statedGapMonths() const
    {
        for (qsizetype s = 0; s < m_ts.sentences().size(); ++s) {
            const TokenStream::Range r = m_ts.sentenceTokens(s);
            size_t first = r.first;
            while (first < r.last && !(classesOf(first) & First))
                ++first;
            for (size_t k = first; k < r.last; ++k) {
                if (!(classesOf(k) & In) || k == first || !token(k).is(Token::SpaceBefore) || k + 1 >= r.last
                    || !token(k + 1).is(Token::SpaceBefore))
                    continue;
                Word num = within(wordAfter(k + 1), r);
                int months = 0;
                for (int part = 0; part < 2 && !num.isEmpty(); ++part) {
                    const int count = smallNumber(num);
                    const Word unitWord = within(wordAfter(num.last), r);
                    Unit unit = Unit::Day;
                    bool plural = false;
                    if (count <= 0 || !isUnit(unitWord, &unit, &plural) || (unit != Unit::Year && unit != Unit::Month))
                        break;
                    months += unit == Unit::Year ? 12 * count : count;
                    const Word conj = within(wordAfter(unitWord.last), r);
                    if (!(classes(conj) & And))
                        break;
                    num = within(wordAfter(conj.last), r);
                }
                if (months > 0)
                    return months;
            }
        }
        return 0;
    }

    // Is the word before the mention a deadline's ("by 2030", "until 2030")?
    [[nodiscard]] bool afterDeadlineWord(const DateMention &d) const
    {
        return classes(wordBefore(m_ts.tokenAt(d.span.start))) & Deadline;
    }

    // Does "since" stand in the sentence of the mention, before it?
    [[nodiscard]] bool sinceBefore(const DateMention &d, const Span &sentence) const
    {
        const size_t end = m_ts.tokenAt(d.span.start);
        for (size_t k = m_ts.tokenAt(sentence.start); k < end; ++k) {
            if (classesOf(k) & Since)
                return true;
        }
        return false;
    }

private:
    // `w` if it lies inside the tokens `r` (a word the sentence ends in the middle of is cut off there).
    static Word within(Word w, TokenStream::Range r)
    {
        if (w.isEmpty() || w.first >= r.last)
            return { r.last, r.last };
        return { w.first, std::min(w.last, r.last) };
    }
};

} // namespace

QList<DateMention> findDates(const TokenStream &ts, const PartialDate &anchor)
{
    return DateScanner(ts, anchor).run();
}

std::optional<PublishedDate> inferPublishedDate(const TokenStream &ts, const QList<DateMention> &dates)
{
    const MentionReader read(ts);
    // A report of recent events speaks of "the 14th" or "last week" and leaves the month to its
    // date line. Without such references the text gives no ground for a guess.
    QString cue;
    for (const DateMention &d : dates) {
        if (d.relative && (read.isDayOfMonth(d) || (!d.value.isValid() && read.isRecentDeixis(d)))) {
            cue = d.text;
            break;
        }
    }
    if (cue.isEmpty())
        return std::nullopt;

    // The latest explicit date that is not a target ("by 2030", "until 2030").
    const DateMention *best = nullptr;
    for (const DateMention &d : dates) {
        if (d.relative || !d.value.isValid() || read.afterDeadlineWord(d))
            continue;
        const PartialDate &v = d.value;
        if (!best || v.year > best->value.year || (v.year == best->value.year && v.month > best->value.month))
            best = &d;
    }
    // A known meeting (the SCO summit in Samarkand) whose days include the text's "the 16th" gives the month.
    QList<int> days;
    for (const DateMention &d : dates) {
        if (d.relative && read.isDayOfMonth(d))
            days.append(read.daysOfMonth(d));
    }
    if (!days.isEmpty()) {
        if (auto known = dateFromKnownEvents(ts, days, best ? best->value.year : 0, KnownEventTable::shared()))
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
    const QList<Span> &sentences = ts.sentences();
    const auto sentence = std::find_if(sentences.begin(), sentences.end(),
        [&](const Span &s) { return s.start <= best->span.start && best->span.start < s.end; });
    if (sentence != sentences.end()) {
        const int gap = read.sinceBefore(*best, *sentence) ? read.statedGapMonths() : 0;
        if (gap > 0) {
            const PartialDate moved = addMonths(v.year, monthKnown ? v.month : 1, gap);
            out.date = monthKnown ? moved : yearDate(moved.year);
            out.reason += QStringLiteral(", counted from which it reports the first such event in %1 months").arg(gap);
        }
    }
    return out;
}

} // namespace entente
