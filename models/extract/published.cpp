#include "published.h"

#include <QDate>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

namespace entente {

namespace {

// Header lines are short; a longer line is only looked at up to here, so that a 50 MB file
// without line breaks costs nothing.
constexpr qsizetype MaxLineLook = 400;
// How many non-empty lines count as "the first few lines".
constexpr int HeaderLines = 8;

struct Token
{
    enum Type { Number, Word, Punct };
    Type type = Punct;
    qsizetype start = 0;
    qsizetype end = 0;
    int value = 0; // Number: its value (capped), Word: month 1..12 or 0
    int digits = 0; // Number: how many digits
    QChar ch; // Punct: the character
    QString word; // Word: lower case
};

const QHash<QString, int> &monthNames()
{
    // English, French, Spanish, German and Portuguese month names and their usual
    // abbreviations, lower case; built once, read-only afterwards (thread-safe).
    static const QHash<QString, int> names = [] {
        QHash<QString, int> h;
        const char *const table[] = {
            "1 january jan janvier janv enero ene januar jänner jan janeiro",
            "2 february feb febr février fevrier févr fevr febrero febrer februar fevereiro fev",
            "3 march mar mars marzo märz maerz marco março",
            "4 april apr avril avr abril abr",
            "5 may mai mayo maio",
            "6 june jun juin junio juni junho",
            "7 july jul juillet juil julio juli julho",
            "8 august aug août aout agosto ago",
            "9 september sep sept septembre septiembre setiembre set setembro",
            "10 october oct octobre octubre oktober okt outubro out",
            "11 november nov novembre noviembre novembro",
            "12 december dec décembre decembre déc diciembre dic dezember dez dezembro",
        };
        for (const char *row : table) {
            const QStringList parts = QString::fromUtf8(row).split(u' ');
            const int month = parts.first().toInt();
            for (qsizetype i = 1; i < parts.size(); ++i)
                h.insert(parts.at(i), month);
        }
        return h;
    }();
    return names;
}

bool isWeekday(const QString &w)
{
    static const QStringList days = { u"monday"_qs, u"tuesday"_qs, u"wednesday"_qs, u"thursday"_qs, u"friday"_qs,
        u"saturday"_qs, u"sunday"_qs, u"mon"_qs, u"tue"_qs, u"tues"_qs, u"wed"_qs, u"thu"_qs, u"thur"_qs, u"thurs"_qs,
        u"fri"_qs, u"sat"_qs, u"sun"_qs, u"lundi"_qs, u"mardi"_qs, u"mercredi"_qs, u"jeudi"_qs, u"vendredi"_qs,
        u"samedi"_qs, u"dimanche"_qs, u"lunes"_qs, u"martes"_qs, u"miércoles"_qs, u"jueves"_qs, u"viernes"_qs,
        u"sábado"_qs, u"domingo"_qs };
    return days.contains(w);
}

QList<Token> tokenize(QStringView s)
{
    QList<Token> out;
    const qsizetype n = s.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = s[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.start = i;
        if (c.isDigit() && c.unicode() < 128) {
            t.type = Token::Number;
            qint64 v = 0;
            while (i < n && s[i].unicode() >= '0' && s[i].unicode() <= '9') {
                if (v < 100000000)
                    v = v * 10 + (s[i].unicode() - '0');
                ++t.digits;
                ++i;
            }
            t.value = int(v);
        } else if (c.isLetter()) {
            t.type = Token::Word;
            while (i < n && s[i].isLetter())
                ++i;
            t.word = s.mid(t.start, i - t.start).toString().toLower();
            t.value = monthNames().value(t.word, 0);
        } else {
            t.type = Token::Punct;
            t.ch = c;
            ++i;
        }
        t.end = i;
        out.append(t);
    }
    return out;
}

bool plausibleYear(int y)
{
    return y >= 1000 && y <= 2999;
}

bool isOrdinalSuffix(const Token &t)
{
    return t.type == Token::Word
        && (t.word == u"st" || t.word == u"nd" || t.word == u"rd" || t.word == u"th" || t.word == u"er"
            || t.word == u"º");
}

PartialDate makeDay(int y, int m, int d)
{
    if (!plausibleYear(y) || !QDate(y, m, d).isValid())
        return {};
    return PartialDate { y, m, d, Precision::Day };
}

// Tries the date forms at token i; on success returns the date and sets `last` to the last
// token of the match.
PartialDate matchAt(const QList<Token> &t, qsizetype i, qsizetype *last)
{
    const qsizetype n = t.size();
    auto isPunct
        = [&](qsizetype k, QStringView chars) { return k < n && t[k].type == Token::Punct && chars.contains(t[k].ch); };
    auto isNum = [&](qsizetype k, int minDigits, int maxDigits) {
        return k < n && t[k].type == Token::Number && t[k].digits >= minDigits && t[k].digits <= maxDigits;
    };
    auto isWord = [&](qsizetype k, QStringView w) { return k < n && t[k].type == Token::Word && t[k].word == w; };
    auto isMonth = [&](qsizetype k) { return k < n && t[k].type == Token::Word && t[k].value > 0; };
    // Adjacent tokens: "2023-12-30" must not match "2023 - 12 - 30" spread over a sentence.
    auto adjacent = [&](qsizetype a, qsizetype b) { return t[a].end == t[b].start; };

    const Token &a = t[i];
    if (a.type == Token::Number) {
        // 2023-12-30, 2023/12/30, 2023.12.30, 2023-12
        if (a.digits == 4 && isPunct(i + 1, u"-/.") && isNum(i + 2, 1, 2) && adjacent(i, i + 1)
            && adjacent(i + 1, i + 2)) {
            const QChar sep = t[i + 1].ch;
            if (isPunct(i + 3, QStringView(&sep, 1)) && isNum(i + 4, 1, 2) && adjacent(i + 2, i + 3)
                && adjacent(i + 3, i + 4)) {
                const PartialDate d = makeDay(a.value, t[i + 2].value, t[i + 4].value);
                if (d.isValid()) {
                    *last = i + 4;
                    return d;
                }
            } else if (sep == u'-' && plausibleYear(a.value) && t[i + 2].value >= 1 && t[i + 2].value <= 12
                && !isPunct(i + 3, u"-/.")) {
                *last = i + 2;
                return PartialDate { a.value, t[i + 2].value, 0, Precision::Month };
            }
        }
        // 20231230
        if (a.digits == 8) {
            const int y = a.value / 10000;
            if (y >= 1900 && y <= 2100) {
                const PartialDate d = makeDay(y, (a.value / 100) % 100, a.value % 100);
                if (d.isValid()) {
                    *last = i;
                    return d;
                }
            }
        }
        if (a.digits <= 2) {
            // 30.12.2023, 30/12/2023, 12/30/2023
            if (isPunct(i + 1, u"./-") && isNum(i + 2, 1, 2) && adjacent(i, i + 1) && adjacent(i + 1, i + 2)
                && isPunct(i + 3, QStringView(&t[i + 1].ch, 1)) && isNum(i + 4, 4, 4) && adjacent(i + 2, i + 3)
                && adjacent(i + 3, i + 4)) {
                const int p = a.value;
                const int q = t[i + 2].value;
                const int y = t[i + 4].value;
                PartialDate d;
                if (p > 12)
                    d = makeDay(y, q, p);
                else if (q > 12)
                    d = makeDay(y, p, q);
                else if (t[i + 1].ch != u'/') // 30.12.2023 and 30-12-2023 are day first; a/b/yyyy is ambiguous
                    d = makeDay(y, q, p);
                if (d.isValid()) {
                    *last = i + 4;
                    return d;
                }
            }
            // 30 December 2023, 30th of December, 2023, 30. Dezember 2023, 30 de diciembre de 2023
            qsizetype k = i + 1;
            if (k < n && isOrdinalSuffix(t[k]) && adjacent(i, k))
                ++k;
            if (isPunct(k, u"."))
                ++k;
            if (isWord(k, u"of") || isWord(k, u"de"))
                ++k;
            if (isMonth(k)) {
                const int month = t[k].value;
                ++k;
                if (isPunct(k, u"."))
                    ++k;
                if (isWord(k, u"de") || isWord(k, u"of"))
                    ++k;
                if (isPunct(k, u","))
                    ++k;
                if (isNum(k, 4, 4)) {
                    const PartialDate d = makeDay(t[k].value, month, a.value);
                    if (d.isValid()) {
                        *last = k;
                        return d;
                    }
                }
            }
        }
        return {};
    }
    if (isMonth(i)) {
        // December 30, 2023; Dec. 30 2023; December 30th, 2023; December 2023; December, 2023
        const int month = a.value;
        qsizetype k = i + 1;
        if (isPunct(k, u"."))
            ++k;
        if (isNum(k, 1, 2)) {
            const int day = t[k].value;
            ++k;
            if (k < n && isOrdinalSuffix(t[k]))
                ++k;
            if (isPunct(k, u","))
                ++k;
            if (isNum(k, 4, 4)) {
                const PartialDate d = makeDay(t[k].value, month, day);
                if (d.isValid()) {
                    *last = k;
                    return d;
                }
            }
            return {};
        }
        if (isPunct(k, u","))
            ++k;
        if (isWord(k, u"de"))
            ++k;
        if (isNum(k, 4, 4) && plausibleYear(t[k].value)) {
            *last = k;
            return PartialDate { t[k].value, month, 0, Precision::Month };
        }
    }
    return {};
}

struct DateMatch
{
    PartialDate date;
    qsizetype start = -1;
    qsizetype end = -1;
};

DateMatch findDate(QStringView text, const QList<Token> &tokens)
{
    for (qsizetype i = 0; i < tokens.size(); ++i) {
        const Token &t = tokens[i];
        if (t.type == Token::Punct)
            continue;
        // A month name must be capitalised ("may" and "march" are also ordinary words).
        if (t.type == Token::Word && (t.value == 0 || !text[t.start].isUpper()))
            continue;
        qsizetype last = i;
        const PartialDate d = matchAt(tokens, i, &last);
        if (d.isValid())
            return DateMatch { d, t.start, tokens[last].end };
    }
    return {};
}

QString titleCase(QStringView s)
{
    QString out;
    out.reserve(s.size());
    bool wordStart = true;
    for (QChar c : s) {
        out.append(wordStart ? c.toUpper() : c.toLower());
        wordStart = c.isSpace() || c == u'-';
    }
    return out;
}

bool allLettersUpper(QStringView s)
{
    bool any = false;
    for (QChar c : s) {
        if (c.isLetter()) {
            if (!c.isUpper())
                return false;
            any = true;
        }
    }
    return any;
}

bool isDash(QChar c)
{
    return c == u'-' || c == u'\u2013' || c == u'\u2014' || c == u'\u2012' || c == u'\u2015';
}

// A year-less "Dec. 5" or "May 11" in a dateline: returns where it ends, or -1.
qsizetype skipMonthDay(QStringView s, qsizetype i)
{
    const QList<Token> t = tokenize(s.mid(i, qMin<qsizetype>(20, s.size() - i)));
    qsizetype k = 0;
    if (t.isEmpty() || t[0].type != Token::Word || t[0].value == 0)
        return -1;
    ++k;
    if (k < t.size() && t[k].type == Token::Punct && t[k].ch == u'.')
        ++k;
    if (k < t.size() && t[k].type == Token::Number && t[k].digits <= 2 && t[k].value >= 1 && t[k].value <= 31)
        return i + t[k].end;
    return -1;
}

// "BEIJING, May 11, 2023 /PRNewswire/ —", "WASHINGTON (Reuters) -", "LONDON, Dec. 5 (Reuters) -",
// "UNITED NATIONS, Sept 20 --", "Beijing, May 11 (Xinhua) --".
bool parseDateline(QStringView line, HeaderLine *out)
{
    const qsizetype n = qMin<qsizetype>(line.size(), 200);
    qsizetype i = 0;
    while (i < n) {
        const QChar c = line[i];
        if (c.isLetter() || c == u' ' || c == u'.' || c == u'\'')
            ++i;
        else if (c == u'-' && i > 0 && i + 1 < n && line[i - 1].isLetter() && line[i + 1].isLetter())
            ++i;
        else
            break;
    }
    const QStringView place = line.first(i).trimmed();
    int letters = 0;
    for (QChar c : place)
        letters += c.isLetter() ? 1 : 0;
    if (letters < 3 || place.size() > 40 || place.count(u' ') > 3 || !place[0].isUpper())
        return false;
    const bool upper = allLettersUpper(place);

    std::optional<PartialDate> date;
    QString source;
    bool dash = false;
    for (int part = 0; part < 5 && i < n; ++part) {
        while (i < n && line[i] == u' ')
            ++i;
        if (i >= n)
            break;
        const QChar c = line[i];
        if (c == u',') {
            ++i;
            while (i < n && line[i] == u' ')
                ++i;
            qsizetype ms = -1;
            qsizetype me = -1;
            const QStringView rest = line.mid(i, qMin<qsizetype>(40, n - i));
            const auto d = parseWrittenDate(rest, &ms, &me);
            if (d && ms == 0) {
                date = d;
                i += me;
                continue;
            }
            const qsizetype md = skipMonthDay(line, i);
            if (md > 0) {
                i = md;
                continue;
            }
            // A qualifier: "Calif.", "Ukraine", "D.C."
            const qsizetype q = i;
            while (i < n && (line[i].isLetter() || line[i] == u' ' || line[i] == u'.'))
                ++i;
            if (i == q || i - q > 25 || !line[q].isUpper())
                return false;
            continue;
        }
        if (c == u'/' || c == u'(') {
            const QChar close = c == u'/' ? u'/' : u')';
            const qsizetype j = line.mid(i + 1, qMin<qsizetype>(40, n - i - 1)).indexOf(close);
            if (j <= 0)
                return false;
            source = line.mid(i + 1, j).trimmed().toString();
            i += j + 2;
            continue;
        }
        if (isDash(c)) {
            dash = true;
            break;
        }
        return false;
    }
    if (!dash && !(source.size() > 0 && line.mid(0, n).contains(u'/')))
        return false;
    if (!upper && !date && source.isEmpty())
        return false;
    out->kind = HeaderLine::Dateline;
    out->datelinePlace = upper ? titleCase(place) : place.toString();
    out->datelineSource = source;
    out->date = date;
    return true;
}

bool startsWithWord(QStringView s, QStringView word, qsizetype *after)
{
    if (!s.startsWith(word, Qt::CaseInsensitive))
        return false;
    const qsizetype k = word.size();
    if (k < s.size() && (s[k].isLetterOrNumber()))
        return false;
    qsizetype i = k;
    while (i < s.size() && (s[i] == u' ' || s[i] == u':' || s[i] == u'='))
        ++i;
    *after = i;
    return true;
}

const QStringList &languageCodes()
{
    static const QStringList codes
        = { u"en"_qs, u"fr"_qs, u"es"_qs, u"de"_qs, u"ru"_qs, u"ar"_qs, u"zh"_qs, u"pt"_qs, u"it"_qs, u"ja"_qs,
              u"ko"_qs, u"nl"_qs, u"pl"_qs, u"tr"_qs, u"uk"_qs, u"fa"_qs, u"hi"_qs, u"id"_qs, u"vi"_qs, u"sv"_qs };
    return codes;
}

// The author's name after "By": up to a separator or a date; a name starts with a capital and
// has one to eight words ("By the end of 2023" is a sentence, not a byline).
QString bylineName(QStringView rest)
{
    qsizetype end = rest.size();
    static const QStringView stops[] = { u"|", u"•", u"·", u",", u" - ", u" – ", u" — ", u" on ", u" at ", u"(",
        u"Published", u"Updated", u"Posted" };
    for (QStringView s : stops) {
        const qsizetype k = rest.indexOf(s);
        if (k >= 0 && k < end)
            end = k;
    }
    qsizetype ds = -1;
    if (parseWrittenDate(rest.first(end), &ds) && ds >= 0)
        end = qMin(end, ds);
    const QStringView name = rest.first(end).trimmed();
    if (name.isEmpty() || name.size() > 80 || !name[0].isUpper())
        return {};
    int words = 1;
    for (QChar c : name) {
        if (c == u' ')
            ++words;
        else if (c.isDigit())
            return {};
    }
    if (words > 8)
        return {};
    // Every word of a name is capitalised, short particles aside ("Ursula von der Leyen").
    for (QStringView w : name.split(u' ', Qt::SkipEmptyParts)) {
        if (!w[0].isUpper() && w.size() > 3 && w != u"and")
            return {};
    }
    return name.toString();
}

} // namespace

std::optional<PartialDate> parseWrittenDate(QStringView text, qsizetype *matchStart, qsizetype *matchEnd)
{
    const QList<Token> tokens = tokenize(text);
    const DateMatch m = findDate(text, tokens);
    if (!m.date.isValid())
        return std::nullopt;
    if (matchStart)
        *matchStart = m.start;
    if (matchEnd)
        *matchEnd = m.end;
    return m.date;
}

HeaderLine classifyHeaderLine(QStringView rawLine)
{
    HeaderLine h;
    const QStringView line = rawLine.first(qMin(rawLine.size(), MaxLineLook)).trimmed();
    if (line.isEmpty())
        return h;
    const bool shortLine = rawLine.size() <= 200;
    qsizetype after = 0;

    // " date 2023-12-30 en English", "Date: 2023-12-30"
    if (shortLine && startsWithWord(line, u"date", &after)) {
        qsizetype ms = -1;
        qsizetype me = -1;
        const QStringView rest = line.mid(after);
        if (const auto d = parseWrittenDate(rest, &ms, &me); d && ms == 0) {
            h.kind = HeaderLine::Metadata;
            h.date = d;
            for (QStringView w : rest.mid(me).split(u' ', Qt::SkipEmptyParts)) {
                if (w.size() == 2 && languageCodes().contains(w.toString())) {
                    h.language = w.toString();
                    break;
                }
            }
            return h;
        }
    }

    if (shortLine) {
        static const QStringView authorPrefixes[]
            = { u"by", u"written by", u"posted by", u"author", u"authors", u"reporter", u"par", u"por", u"von" };
        for (QStringView p : authorPrefixes) {
            if (!startsWithWord(line, p, &after))
                continue;
            const QString name = bylineName(line.mid(after));
            if (name.isEmpty())
                break;
            h.kind = HeaderLine::Byline;
            h.author = name;
            h.date = parseWrittenDate(line);
            return h;
        }
        static const QStringView datePrefixes[] = { u"published", u"posted", u"updated", u"last updated",
            u"first published", u"dated", u"publié", u"publicado", u"veröffentlicht", u"опубликовано" };
        for (QStringView p : datePrefixes) {
            if (!startsWithWord(line, p, &after))
                continue;
            if (const auto d = parseWrittenDate(line)) {
                h.kind = HeaderLine::Byline;
                h.date = d;
                return h;
            }
            break;
        }
    }

    if (parseDateline(line, &h))
        return h;

    // A line that is just a date, perhaps with a weekday and a time: "Saturday, December 30, 2023 2:34 PM".
    if (rawLine.size() <= 60) {
        qsizetype ms = -1;
        qsizetype me = -1;
        if (const auto d = parseWrittenDate(line, &ms, &me)) {
            int otherLetters = 0;
            const QString outside = line.first(ms).toString() + u' ' + line.mid(me).toString();
            for (QStringView w : QStringView(outside).split(u' ', Qt::SkipEmptyParts)) {
                QString word;
                for (QChar c : w)
                    if (c.isLetter())
                        word.append(c.toLower());
                if (!isWeekday(word))
                    otherLetters += int(word.size());
            }
            if (otherLetters <= 8) {
                h.kind = HeaderLine::Byline;
                h.date = d;
                return h;
            }
        }
    }
    return h;
}

std::optional<PartialDate> dateFromFileName(const QString &fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    if (name.isEmpty())
        return std::nullopt;
    qsizetype ms = -1;
    if (auto d = parseWrittenDate(name, &ms)) {
        // Only numeric forms: "may" in a file name is too often a word.
        if (name[ms].isDigit())
            return d;
    }
    static const QRegularExpression ungdc(u"^[A-Z]{3}_\\d{1,3}_(\\d{4})\\.txt$"_qs);
    const auto m = ungdc.match(name);
    if (m.hasMatch())
        return PartialDate { m.captured(1).toInt(), 0, 0, Precision::Year };
    return std::nullopt;
}

std::optional<PublishedDate> findHeaderDate(QStringView text, const QString &fileName)
{
    qsizetype pos = 0;
    if (text.startsWith(u'\uFEFF'))
        pos = 1;
    int seen = 0;
    while (pos < text.size() && seen < HeaderLines) {
        qsizetype end = text.indexOf(u'\n', pos);
        if (end < 0)
            end = text.size();
        const QStringView line = text.mid(pos, end - pos);
        pos = end + 1;
        if (line.trimmed().isEmpty())
            continue;
        ++seen;
        const HeaderLine h = classifyHeaderLine(line);
        if (!h.date)
            continue;
        switch (h.kind) {
        case HeaderLine::Metadata:
            return PublishedDate { *h.date, DateSource::Metadata, {} };
        case HeaderLine::Byline:
            return PublishedDate { *h.date, DateSource::Byline, {} };
        case HeaderLine::Dateline:
            return PublishedDate { *h.date, DateSource::Dateline, {} };
        case HeaderLine::Other:
            break;
        }
    }
    if (const auto d = dateFromFileName(fileName))
        return PublishedDate { *d, DateSource::FileName, {} };
    return std::nullopt;
}

} // namespace entente
