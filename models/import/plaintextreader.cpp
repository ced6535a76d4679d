#include "plaintextreader.h"

#include "countrynames.h"
#include "published.h"
#include "recordfields.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace entente {

namespace {

// How many non-empty lines at the top may be header lines.
constexpr int MaxHeaderLines = 12;
constexpr qsizetype MaxTitleLength = 250;
constexpr int MaxTitleWords = 40;
// An author box is a name line and a short bio: at most this much text after the name.
constexpr qsizetype MaxBioLength = 1500;

struct Line
{
    qsizetype start = 0;
    qsizetype end = 0; // without the line break
    qsizetype next = 0; // start of the following line
};

Line lineAt(QStringView text, qsizetype pos)
{
    qsizetype end = text.indexOf(u'\n', pos);
    const qsizetype next = end < 0 ? text.size() : end + 1;
    if (end < 0)
        end = text.size();
    if (end > pos && text[end - 1] == u'\r')
        --end;
    return Line { pos, end, next };
}

// The line that ends at `end` (exclusive, before its line break), starting no earlier than `floor`.
Line lineBefore(QStringView text, qsizetype end, qsizetype floor)
{
    qsizetype start = end > 0 ? text.lastIndexOf(u'\n', end - 1) + 1 : 0;
    start = qMax(start, floor);
    qsizetype contentEnd = end;
    if (contentEnd > start && text[contentEnd - 1] == u'\r')
        --contentEnd;
    return Line { start, contentEnd, end };
}

QStringView view(QStringView text, const Line &l)
{
    return text.mid(l.start, l.end - l.start);
}

int wordCount(QStringView s)
{
    int words = 0;
    bool inWord = false;
    for (QChar c : s) {
        if (c.isSpace()) {
            inWord = false;
        } else if (!inWord) {
            inWord = true;
            ++words;
        }
    }
    return words;
}

bool endsLikeSentence(QStringView s)
{
    if (s.isEmpty())
        return false;
    const QChar last = s.back();
    return last == u'.' || last == u',' || last == u';' || last == u':' || last == u'\u3002';
}

bool hasLetter(QStringView s)
{
    for (QChar c : s)
        if (c.isLetter())
            return true;
    return false;
}

// A line of hard-wrapped prose ends mid-phrase: "... allow me to extend you the warmest and".
bool endsWithFunctionWord(QStringView s)
{
    const qsizetype space = s.lastIndexOf(u' ');
    if (space < 0)
        return false;
    static const QStringList words = { u"a"_qs, u"an"_qs, u"and"_qs, u"as"_qs, u"at"_qs, u"be"_qs, u"by"_qs, u"for"_qs,
        u"from"_qs, u"in"_qs, u"is"_qs, u"are"_qs, u"was"_qs, u"of"_qs, u"on"_qs, u"or"_qs, u"our"_qs, u"my"_qs,
        u"that"_qs, u"the"_qs, u"this"_qs, u"to"_qs, u"which"_qs, u"with"_qs, u"would"_qs, u"will"_qs, u"have"_qs,
        u"has"_qs, u"its"_qs, u"their"_qs, u"we"_qs, u"i"_qs, u"it"_qs, u"should"_qs };
    return words.contains(s.mid(space + 1).toString().toLower());
}

// A whole paragraph rather than one line of hard-wrapped text.
bool looksLikeParagraph(QStringView s)
{
    if (s.size() > 150)
        return true;
    static const QStringView ends = u".!?:\u201D\"\u2019)\u2026\u3002";
    return !s.isEmpty() && ends.contains(s.back());
}

// Two sentences on one line ("... three years. As I address ...") make prose, not a headline;
// a period after a short word is an abbreviation ("Mr. Xi", "U.S. Talks").
bool hasSentenceBreak(QStringView s)
{
    for (qsizetype i = s.indexOf(u". "); i > 0 && i + 2 < s.size(); i = s.indexOf(u". ", i + 2)) {
        if (!s[i + 2].isUpper())
            continue;
        qsizetype w = i;
        while (w > 0 && s[w - 1].isLetter())
            --w;
        if (i - w > 3)
            return true;
    }
    return false;
}

// "China", "Diplomacy", "World News": a short label above a headline or a tag line.
bool isLabel(QStringView s)
{
    s = s.trimmed();
    return !s.isEmpty() && s.size() <= 30 && wordCount(s) <= 3 && hasLetter(s) && !endsLikeSentence(s)
        && !s.back().isPunct() && (s[0].isUpper() || s[0].isDigit());
}

bool isHeadlineLike(QStringView raw)
{
    const QStringView s = raw.trimmed();
    if (s.isEmpty() || s.size() > MaxTitleLength || wordCount(s) > MaxTitleWords || endsLikeSentence(s))
        return false;
    if (s.startsWith(u"- ") || s.startsWith(u"* ") || s.contains(u"http://") || s.contains(u"https://")
        || endsWithFunctionWord(s) || hasSentenceBreak(s))
        return false;
    const QString title = cleanTitle(s);
    return !title.isEmpty() && hasLetter(title) && !title[0].isLower() && !endsLikeSentence(title);
}

// Two to five capitalised words: "Aqsa Younas Rana", "John F. Kennedy".
bool isNameLike(QStringView s)
{
    s = s.trimmed();
    if (s.isEmpty() || s.size() > 50)
        return false;
    const auto words = s.split(u' ', Qt::SkipEmptyParts);
    if (words.size() < 2 || words.size() > 5)
        return false;
    for (QStringView w : words) {
        if (!w[0].isUpper())
            return false;
        for (QChar c : w) {
            if (!c.isLetter() && c != u'.' && c != u'-' && c != u'\'' && c != u'\u2019')
                return false;
        }
    }
    return true;
}

bool isSocialName(QStringView s)
{
    static const QStringList names = { u"facebook"_qs, u"twitter"_qs, u"x"_qs, u"pinterest"_qs, u"linkedin"_qs,
        u"whatsapp"_qs, u"reddit"_qs, u"telegram"_qs, u"email"_qs, u"e-mail"_qs, u"print"_qs, u"tumblr"_qs, u"vk"_qs,
        u"weibo"_qs, u"wechat"_qs, u"mastodon"_qs, u"threads"_qs, u"bluesky"_qs, u"pocket"_qs, u"flipboard"_qs,
        u"instagram"_qs, u"youtube"_qs, u"skype"_qs, u"messenger"_qs, u"line"_qs, u"viber"_qs, u"copy link"_qs,
        u"more"_qs, u"share"_qs, u"tweet"_qs, u"mail"_qs };
    QString word = s.toString().toLower();
    for (const QString &prefix : { u"share on "_qs, u"share via "_qs, u"share to "_qs })
        if (word.startsWith(prefix))
            word = word.mid(prefix.size());
    if (word.endsWith(u':'))
        word.chop(1);
    return names.contains(word);
}

// Comment forms, share buttons and press-release footers. `url` receives the link of a
// "View original content:" line.
bool isBoilerplate(QStringView raw, QString *url)
{
    QStringView s = raw.trimmed();
    while (!s.isEmpty() && (s[0] == u'>' || s[0] == u'*' || s[0] == u'#'))
        s = s.mid(1).trimmed();
    if (s.isEmpty())
        return true;
    if (s.startsWith(u"View original content", Qt::CaseInsensitive)) {
        const qsizetype http = s.indexOf(u"http");
        if (http >= 0 && url->isEmpty())
            *url = s.mid(http).trimmed().toString();
        return true;
    }
    static const QStringView prefixes[] = { u"please activate javascript", u"please enable javascript", u"share:",
        u"share this", u"leave a reply", u"leave a comment", u"your email address will not be published",
        u"this site uses akismet", u"required fields are marked", u"click to share", u"like this:", u"like loading",
        u"related posts", u"related articles", u"related stories", u"post navigation", u"previous article",
        u"next article", u"previous post", u"next post", u"tags:", u"filed under", u"follow us on",
        u"subscribe to our newsletter", u"sign up for our newsletter", u"all rights reserved", u"copyright ©", u"©",
        u"cancel reply", u"comment:", u"name:", u"email:", u"website:", u"save my name, email", u"notify me of",
        u"you must be logged in to post a comment", u"to view the original version on", u"view source version on",
        u"source:" };
    for (QStringView p : prefixes) {
        if (s.startsWith(p, Qt::CaseInsensitive))
            return true;
    }
    // The wire's own "SOURCE CGTN" line closes a press release.
    if (s.startsWith(u"SOURCE ") && s.size() < 80)
        return true;
    return s.size() <= 40 && isSocialName(s);
}

// YAML front matter of Markdown files: "---", key: value lines, "---".
qsizetype readFrontMatter(QStringView text, qsizetype pos, ArticleRecord &r)
{
    Line first = lineAt(text, pos);
    if (view(text, first).trimmed() != u"---")
        return pos;
    qsizetype p = first.next;
    ArticleRecord meta;
    for (int i = 0; i < 60 && p < text.size(); ++i) {
        const Line l = lineAt(text, p);
        const QStringView v = view(text, l);
        if (v.trimmed() == u"---" || v.trimmed() == u"...") {
            r.title = meta.title;
            r.author = meta.author;
            r.source = meta.source;
            r.url = meta.url;
            r.language = meta.language;
            r.section = meta.section;
            r.published = meta.published;
            return l.next;
        }
        const qsizetype colon = v.indexOf(u':');
        if (colon <= 0)
            return pos; // not front matter after all
        QString value = v.mid(colon + 1).trimmed().toString();
        if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'') && value.back() == value.front())
            value = value.mid(1, value.size() - 2);
        const RecordField f = recordFieldForKey(v.first(colon));
        if (f != RecordField::Text)
            setRecordField(meta, f, value);
        p = l.next;
    }
    return pos;
}

} // namespace

QString cleanTitle(QStringView line)
{
    QString out;
    out.reserve(line.size());
    const qsizetype n = line.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t ucs = line[i].unicode();
        qsizetype width = 1;
        if (line[i].isHighSurrogate() && i + 1 < n && line[i + 1].isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(line[i], line[i + 1]);
            width = 2;
        }
        const QChar::Category category = QChar::category(ucs);
        const bool pictograph = category == QChar::Symbol_Other || category == QChar::Other_Format || ucs == 0xFE0F
            || ucs == 0xFE0E || ucs == 0x200D || ucs == 0x20E3 || (ucs >= 0x1F3FB && ucs <= 0x1F3FF)
            || (ucs >= 0xE0020 && ucs <= 0xE007F);
        if (!pictograph)
            out.append(line.mid(i, width));
        i += width - 1;
    }
    out = out.simplified();
    // Markdown heading marks and emphasis around the whole line.
    qsizetype hashes = 0;
    while (hashes < out.size() && out[hashes] == u'#')
        ++hashes;
    if (hashes > 0 && hashes < out.size() && out[hashes] == u' ')
        out = out.mid(hashes + 1);
    while (out.size() >= 4
        && ((out.startsWith(u"**") && out.endsWith(u"**")) || (out.startsWith(u"__") && out.endsWith(u"__"))))
        out = out.mid(2, out.size() - 4).trimmed();
    return out;
}

ArticleRecord readPlainText(const QString &textIn, const QString &fileName)
{
    ArticleRecord r;
    const QStringView text(textIn);
    qsizetype pos = text.startsWith(u'\uFEFF') ? 1 : 0;
    pos = readFrontMatter(text, pos, r);
    const bool frontMatterDate = r.published.date.isValid();

    // The header: metadata lines, a section label, the headline and bylines, in any order,
    // until the first body line (a wire dateline is a body line).
    qsizetype body = -1;
    int nonBlank = 0;
    auto nextNonBlank = [&](qsizetype from, bool *blankBetween) -> std::optional<Line> {
        *blankBetween = false;
        for (int i = 0; i < 6 && from < text.size(); ++i) {
            const Line l = lineAt(text, from);
            if (!view(text, l).trimmed().isEmpty())
                return l;
            *blankBetween = true;
            from = l.next;
        }
        return std::nullopt;
    };
    while (pos < text.size() && nonBlank < MaxHeaderLines) {
        const Line l = lineAt(text, pos);
        const QStringView v = view(text, l);
        if (v.trimmed().isEmpty()) {
            pos = l.next;
            continue;
        }
        ++nonBlank;
        const HeaderLine h = classifyHeaderLine(v);
        if (h.kind == HeaderLine::Metadata) {
            if (r.language.isEmpty())
                r.language = h.language;
            pos = l.next;
            continue;
        }
        if (h.kind == HeaderLine::Byline) {
            if (r.author.isEmpty())
                r.author = h.author;
            pos = l.next;
            continue;
        }
        if (h.kind == HeaderLine::Dateline) {
            r.datelinePlace = h.datelinePlace;
            if (r.source.isEmpty())
                r.source = h.datelineSource;
            body = l.start;
            break;
        }
        if (r.title.isEmpty()) {
            bool blankBetween = false;
            const auto n = nextNonBlank(l.next, &blankBetween);
            if (n) {
                bool blankAfter = false;
                if (isLabel(v) && blankBetween && isHeadlineLike(view(text, *n))
                    && classifyHeaderLine(view(text, *n)).kind == HeaderLine::Other
                    && nextNonBlank(n->next, &blankAfter)) {
                    r.section = v.trimmed().toString();
                    r.title = cleanTitle(view(text, *n));
                    pos = n->next;
                    continue;
                }
                // Hard-wrapped prose: the next line continues in lower case, or, right below
                // without a blank line, is another wrapped line rather than a paragraph.
                const QStringView nv = view(text, *n).trimmed();
                const bool continues = nv.front().isLower() || (!blankBetween && !looksLikeParagraph(nv));
                if (isHeadlineLike(v) && !continues) {
                    r.title = cleanTitle(v);
                    pos = l.next;
                    continue;
                }
            }
        }
        body = l.start;
        break;
    }
    if (body < 0)
        body = qMin(pos, text.size());

    if (!frontMatterDate) {
        if (const auto d = findHeaderDate(text, fileName))
            r.published = *d;
    }

    // The footer: boilerplate lines at the end, then an author box.
    qsizetype keptEnd = text.size();
    while (keptEnd > body && text[keptEnd - 1].isSpace())
        --keptEnd;
    {
        qsizetype e = keptEnd;
        for (int steps = 0; steps < 80 && e > body; ++steps) {
            const Line l = lineBefore(text, e, body);
            if (!isBoilerplate(view(text, l), &r.url))
                break;
            keptEnd = l.start;
            e = l.start > body ? l.start - 1 : body;
        }
        while (keptEnd > body && text[keptEnd - 1].isSpace())
            --keptEnd;
    }
    {
        qsizetype e = keptEnd;
        for (int lines = 0; lines < 8 && e > body; ++lines) {
            const Line l = lineBefore(text, e, body);
            e = l.start > body ? l.start - 1 : body;
            const QStringView v = view(text, l).trimmed();
            if (v.isEmpty()) {
                --lines;
                continue;
            }
            if (keptEnd - l.end > MaxBioLength)
                break;
            if (!isNameLike(v) || l.start == body)
                continue;
            const QStringView bio = text.mid(l.end, keptEnd - l.end).trimmed();
            const QStringView firstName = v.first(v.indexOf(u' '));
            const bool isAuthor = !r.author.isEmpty() && v.compare(r.author, Qt::CaseInsensitive) == 0;
            // An author box's bio opens with the name: "Aqsa Younas stands as a beacon ...".
            const bool bioAboutName = r.author.isEmpty() && !v.endsWith(u'.') && bio.startsWith(firstName)
                && bio.size() > firstName.size() && bio[firstName.size()].isSpace();
            if (!isAuthor && !bioAboutName)
                continue;
            if (r.author.isEmpty())
                r.author = v.toString();
            qsizetype cut = l.start;
            // Tag lines right above the name ("China") belong to the box.
            for (int k = 0; k < 2 && cut > body; ++k) {
                const Line above = lineBefore(text, cut - 1, body);
                if (!isLabel(view(text, above)) || above.start == body)
                    break;
                cut = above.start;
            }
            keptEnd = cut;
            while (keptEnd > body && text[keptEnd - 1].isSpace())
                --keptEnd;
            break;
        }
    }
    r.text = (body == 0 && keptEnd == text.size()) ? textIn : text.mid(body, keptEnd - body).toString();
    return r;
}

bool isUnGeneralDebateName(const QString &fileName)
{
    static const QRegularExpression pattern(u"^[A-Z]{2,3}_\\d{1,3}_\\d{4}\\.txt$"_qs);
    return pattern.match(QFileInfo(fileName).fileName()).hasMatch();
}

ArticleRecord readUnGeneralDebate(const QString &text, const QString &fileName)
{
    ArticleRecord r;
    const QString name = QFileInfo(fileName).fileName();
    const QStringList parts = name.chopped(4).split(u'_');
    const QString code = parts.value(0);
    const int session = parts.value(1).toInt();
    const int year = parts.value(2).toInt();
    const QString country = countryNameForCode(code);
    r.sourceCountry = code;
    r.source = country.isEmpty() ? code : country;
    r.title = QStringLiteral("%1 \u2014 UN General Debate %2 (session %3)").arg(r.source).arg(year).arg(session);
    r.published = PublishedDate { PartialDate { year, 0, 0, Precision::Year }, DateSource::FileName, {} };
    qsizetype start = text.startsWith(u'\uFEFF') ? 1 : 0;
    while (start < text.size() && text[start].isSpace())
        ++start;
    qsizetype end = text.size();
    while (end > start && text[end - 1].isSpace())
        --end;
    r.text = (start == 0 && end == text.size()) ? text : text.mid(start, end - start);
    return r;
}

} // namespace entente
