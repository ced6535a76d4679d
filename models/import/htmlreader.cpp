#include "htmlreader.h"

#include "recordfields.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace entente {

namespace {

const QHash<QString, char16_t> &entities()
{
    static const QHash<QString, char16_t> table = [] {
        QHash<QString, char16_t> h;
        // Latin-1 names in code point order from U+00A0.
        const char *const latin1
            = "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn "
              "sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave "
              "Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml "
              "ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN "
              "szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute "
              "icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml "
              "yacute thorn yuml";
        char16_t code = 0xA0;
        for (const QString &name : QString::fromLatin1(latin1).split(u' '))
            h.insert(name, code++);
        const std::pair<const char *, char16_t> others[] = { { "quot", 34 }, { "amp", 38 }, { "apos", 39 },
            { "lt", 60 }, { "gt", 62 }, { "OElig", 338 }, { "oelig", 339 }, { "Scaron", 352 }, { "scaron", 353 },
            { "Yuml", 376 }, { "fnof", 402 }, { "circ", 710 }, { "tilde", 732 }, { "ensp", 8194 }, { "emsp", 8195 },
            { "thinsp", 8201 }, { "zwnj", 8204 }, { "zwj", 8205 }, { "lrm", 8206 }, { "rlm", 8207 }, { "ndash", 8211 },
            { "mdash", 8212 }, { "lsquo", 8216 }, { "rsquo", 8217 }, { "sbquo", 8218 }, { "ldquo", 8220 },
            { "rdquo", 8221 }, { "bdquo", 8222 }, { "dagger", 8224 }, { "Dagger", 8225 }, { "bull", 8226 },
            { "hellip", 8230 }, { "permil", 8240 }, { "prime", 8242 }, { "Prime", 8243 }, { "lsaquo", 8249 },
            { "rsaquo", 8250 }, { "euro", 8364 }, { "trade", 8482 }, { "larr", 8592 }, { "rarr", 8594 },
            { "minus", 8722 }, { "hyphen", 8208 }, { "dash", 8208 }, { "nbhy", 8209 } };
        for (const auto &[name, c] : others)
            h.insert(QString::fromLatin1(name), c);
        return h;
    }();
    return table;
}

bool isVoid(QStringView name)
{
    static const QStringView voids[] = { u"area", u"base", u"br", u"col", u"embed", u"hr", u"img", u"input", u"link",
        u"meta", u"param", u"source", u"track", u"wbr", u"keygen" };
    for (QStringView v : voids)
        if (name == v)
            return true;
    return false;
}

// Content that is never article text.
bool isSkipped(QStringView name)
{
    static const QStringView skipped[] = { u"nav", u"header", u"footer", u"aside", u"form", u"noscript", u"template",
        u"svg", u"button", u"select", u"iframe", u"object", u"canvas", u"menu", u"dialog", u"math", u"head" };
    for (QStringView v : skipped)
        if (name == v)
            return true;
    return false;
}

bool isBlock(QStringView name)
{
    static const QStringView blocks[] = { u"p", u"div", u"h1", u"h2", u"h3", u"h4", u"h5", u"h6", u"li", u"ul", u"ol",
        u"blockquote", u"pre", u"section", u"article", u"main", u"table", u"tr", u"td", u"th", u"dd", u"dt", u"dl",
        u"figure", u"figcaption", u"address", u"hr", u"body", u"center", u"caption", u"details", u"summary" };
    for (QStringView v : blocks)
        if (name == v)
            return true;
    return false;
}

bool isRawText(QStringView name)
{
    return name == u"script" || name == u"style" || name == u"title" || name == u"textarea" || name == u"xmp";
}

struct Attribute
{
    QString name;
    QString value;
};

struct Token
{
    enum Type { Text, StartTag, EndTag, End };
    Type type = End;
    QStringView text; // Text: raw (entities not decoded)
    QString name; // tags: lower case
    QList<Attribute> attributes;
    bool selfClosing = false;

    [[nodiscard]] QString attribute(QStringView attr) const
    {
        for (const Attribute &a : attributes)
            if (a.name == attr)
                return a.value;
        return {};
    }
};

class HtmlTokenizer
{
public:
    explicit HtmlTokenizer(QStringView html)
        : m_s(html)
    { }

    bool next(Token &t)
    {
        t.attributes.clear();
        t.selfClosing = false;
        t.name.clear();
        const qsizetype n = m_s.size();
        if (!m_rawEnd.isEmpty()) {
            // Inside <script>, <style>, <title>: everything up to the matching end tag is text.
            qsizetype end = m_s.indexOf(m_rawEnd, m_pos, Qt::CaseInsensitive);
            if (end < 0)
                end = n;
            t.type = Token::Text;
            t.text = m_s.mid(m_pos, end - m_pos);
            m_pos = end;
            m_rawEnd.clear();
            return true;
        }
        while (m_pos < n) {
            if (m_s[m_pos] != u'<') {
                qsizetype lt = m_s.indexOf(u'<', m_pos + 1);
                if (lt < 0)
                    lt = n;
                t.type = Token::Text;
                t.text = m_s.mid(m_pos, lt - m_pos);
                m_pos = lt;
                return true;
            }
            const QChar c = m_pos + 1 < n ? m_s[m_pos + 1] : QChar();
            if (c == u'!') {
                if (m_s.mid(m_pos, 4) == u"<!--") {
                    const qsizetype end = m_s.indexOf(u"-->", m_pos + 4);
                    m_pos = end < 0 ? n : end + 3;
                } else {
                    skipPast(u'>');
                }
                continue;
            }
            if (c == u'?') {
                skipPast(u'>');
                continue;
            }
            if (c == u'/' && m_pos + 2 < n && m_s[m_pos + 2].isLetter()) {
                m_pos += 2;
                t.type = Token::EndTag;
                t.name = readName();
                skipPast(u'>');
                return true;
            }
            if (c.isLetter()) {
                ++m_pos;
                t.type = Token::StartTag;
                t.name = readName();
                readAttributes(t);
                if (isRawText(t.name) && !t.selfClosing)
                    m_rawEnd = QStringLiteral("</") + t.name;
                return true;
            }
            // A lone '<' is text.
            t.type = Token::Text;
            t.text = m_s.mid(m_pos, 1);
            ++m_pos;
            return true;
        }
        t.type = Token::End;
        return false;
    }

private:
    void skipPast(QChar c)
    {
        const qsizetype k = m_s.indexOf(c, m_pos);
        m_pos = k < 0 ? m_s.size() : k + 1;
    }

    QString readName()
    {
        const qsizetype start = m_pos;
        while (m_pos < m_s.size()) {
            const QChar c = m_s[m_pos];
            if (c.isLetterOrNumber() || c == u'-' || c == u':' || c == u'_')
                ++m_pos;
            else
                break;
        }
        return m_s.mid(start, m_pos - start).toString().toLower();
    }

    void readAttributes(Token &t)
    {
        const qsizetype n = m_s.size();
        while (m_pos < n) {
            while (m_pos < n && m_s[m_pos].isSpace())
                ++m_pos;
            if (m_pos >= n)
                return;
            const QChar c = m_s[m_pos];
            if (c == u'>') {
                ++m_pos;
                return;
            }
            if (c == u'/') {
                ++m_pos;
                if (m_pos < n && m_s[m_pos] == u'>') {
                    t.selfClosing = true;
                    ++m_pos;
                    return;
                }
                continue;
            }
            const qsizetype nameStart = m_pos;
            while (m_pos < n && !m_s[m_pos].isSpace() && m_s[m_pos] != u'=' && m_s[m_pos] != u'>' && m_s[m_pos] != u'/')
                ++m_pos;
            if (m_pos == nameStart) { // a stray '=' or quote
                ++m_pos;
                continue;
            }
            Attribute a;
            a.name = m_s.mid(nameStart, m_pos - nameStart).toString().toLower();
            while (m_pos < n && m_s[m_pos].isSpace())
                ++m_pos;
            if (m_pos < n && m_s[m_pos] == u'=') {
                ++m_pos;
                while (m_pos < n && m_s[m_pos].isSpace())
                    ++m_pos;
                if (m_pos < n && (m_s[m_pos] == u'"' || m_s[m_pos] == u'\'')) {
                    const QChar quote = m_s[m_pos];
                    qsizetype end = m_s.indexOf(quote, m_pos + 1);
                    if (end < 0)
                        end = n;
                    a.value = decodeHtmlEntities(m_s.mid(m_pos + 1, end - m_pos - 1));
                    m_pos = qMin(end + 1, n);
                } else {
                    const qsizetype vs = m_pos;
                    while (m_pos < n && !m_s[m_pos].isSpace() && m_s[m_pos] != u'>')
                        ++m_pos;
                    a.value = decodeHtmlEntities(m_s.mid(vs, m_pos - vs));
                }
            }
            if (t.attributes.size() < 64)
                t.attributes.append(std::move(a));
        }
    }

    QStringView m_s;
    qsizetype m_pos = 0;
    QString m_rawEnd;
};

struct Element
{
    QString name;
    int id = 0;
    bool skipped = false;
    bool article = false;
};

struct Block
{
    enum Kind { Paragraph, Heading1, Other };
    QString text;
    int parent = -1;
    int article = -1;
    Kind kind = Other;
};

// Appends text with HTML white space collapsed; `buffer` never starts with or doubles a space.
void appendCollapsed(QString &buffer, QStringView text)
{
    for (QChar c : text) {
        if (c.isSpace()) {
            if (!buffer.isEmpty() && buffer.back() != u' ' && buffer.back() != u'\n')
                buffer.append(u' ');
        } else {
            buffer.append(c);
        }
    }
}

QString jsonNames(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isObject())
        return v.toObject().value(QStringLiteral("name")).toString();
    if (v.isArray()) {
        QStringList names;
        for (const QJsonValue &e : v.toArray()) {
            const QString name = jsonNames(e.isArray() ? QJsonValue() : e);
            if (!name.isEmpty())
                names << name;
        }
        return names.join(QStringLiteral(", "));
    }
    return {};
}

struct JsonLdFacts
{
    QString datePublished;
    QString author;
    QString headline;
    QString publisher;
    QString language;
};

// Breadth-first over the JSON-LD values (an explicit queue: "@graph" nesting can be deep).
void readJsonLd(QStringView script, JsonLdFacts &facts)
{
    const QJsonDocument doc = QJsonDocument::fromJson(script.trimmed().toUtf8());
    QList<QJsonValue> queue;
    if (doc.isObject())
        queue.append(doc.object());
    else if (doc.isArray())
        queue.append(doc.array());
    for (qsizetype i = 0; i < queue.size() && i < 10000; ++i) {
        const QJsonValue v = queue.at(i);
        if (v.isArray()) {
            for (const QJsonValue &e : v.toArray())
                queue.append(e);
            continue;
        }
        if (!v.isObject())
            continue;
        const QJsonObject o = v.toObject();
        if (facts.datePublished.isEmpty())
            facts.datePublished = o.value(QStringLiteral("datePublished")).toString();
        if (facts.author.isEmpty())
            facts.author = jsonNames(o.value(QStringLiteral("author")));
        if (facts.headline.isEmpty())
            facts.headline = o.value(QStringLiteral("headline")).toString();
        if (facts.publisher.isEmpty())
            facts.publisher = jsonNames(o.value(QStringLiteral("publisher")));
        if (facts.language.isEmpty())
            facts.language = o.value(QStringLiteral("inLanguage")).toString();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it->isObject() || it->isArray())
                queue.append(*it);
        }
    }
}

} // namespace

bool looksLikeHtml(QStringView text)
{
    qsizetype i = 0;
    while (i < text.size() && (text[i].isSpace() || text[i] == u'\uFEFF'))
        ++i;
    const QStringView head = text.mid(i, 15);
    return head.startsWith(u"<!doctype html", Qt::CaseInsensitive) || head.startsWith(u"<html", Qt::CaseInsensitive);
}

QString decodeHtmlEntities(QStringView text)
{
    qsizetype amp = text.indexOf(u'&');
    if (amp < 0)
        return text.toString();
    QString out;
    out.reserve(text.size());
    qsizetype pos = 0;
    const qsizetype n = text.size();
    while (amp >= 0) {
        out.append(text.mid(pos, amp - pos));
        qsizetype k = amp + 1;
        bool done = false;
        if (k < n && text[k] == u'#') {
            ++k;
            const bool hex = k < n && (text[k] == u'x' || text[k] == u'X');
            if (hex)
                ++k;
            const qsizetype digitsStart = k;
            char32_t code = 0;
            while (k < n && k - digitsStart < 8) {
                const char16_t u = text[k].unicode();
                int v = -1;
                if (u >= '0' && u <= '9')
                    v = u - '0';
                else if (hex && (u | 0x20) >= 'a' && (u | 0x20) <= 'f')
                    v = (u | 0x20) - 'a' + 10;
                if (v < 0)
                    break;
                code = code * (hex ? 16 : 10) + char32_t(v);
                ++k;
            }
            if (k > digitsStart) {
                if (k < n && text[k] == u';')
                    ++k;
                static const char16_t cp1252[32] = { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C,
                    0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };
                if (code >= 0x80 && code < 0xA0)
                    code = cp1252[code - 0x80]; // as browsers do
                if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code < 0xE000))
                    code = 0xFFFD;
                if (QChar::requiresSurrogates(code)) {
                    out.append(QChar(QChar::highSurrogate(code)));
                    out.append(QChar(QChar::lowSurrogate(code)));
                } else {
                    out.append(QChar(char16_t(code)));
                }
                done = true;
            }
        } else {
            while (k < n && k - amp <= 10 && text[k].isLetterOrNumber())
                ++k;
            if (k > amp + 1) {
                const auto it = entities().constFind(text.mid(amp + 1, k - amp - 1).toString());
                if (it != entities().constEnd()) {
                    if (k < n && text[k] == u';')
                        ++k;
                    out.append(QChar(*it));
                    done = true;
                }
            }
        }
        if (!done) {
            out.append(u'&');
            k = amp + 1;
        }
        pos = k;
        amp = text.indexOf(u'&', pos);
    }
    out.append(text.mid(pos));
    return out;
}

ArticleRecord readHtml(const QString &html)
{
    ArticleRecord r;
    HtmlTokenizer tokenizer(html);
    Token t;

    QList<Element> stack;
    int nextId = 1;
    int skipDepth = 0;
    int articleDepth = 0;
    int articleId = -1;

    QList<Block> blocks;
    QString current;
    int currentParent = -1;
    int currentArticle = -1;
    Block::Kind currentKind = Block::Other;

    QString ogTitle, titleText, h1Text, metaDate, timeDate, metaAuthor, relAuthor, ogSiteName, canonical;
    int h1Depth = 0; // > 0 while inside the first <h1>
    bool h1Done = false;
    int relAuthorDepth = 0;
    QString rawTag; // the raw-text element whose content comes next
    bool ldJson = false;
    JsonLdFacts ld;

    auto parentId = [&] { return stack.isEmpty() ? 0 : stack.back().id; };
    auto flush = [&] {
        QString text = current.trimmed();
        current.clear();
        if (!text.isEmpty())
            blocks.append(Block { std::move(text), currentParent, currentArticle, currentKind });
        currentParent = -1;
        currentKind = Block::Other;
    };
    auto popTo = [&](qsizetype index) { // pops stack[index..]
        while (stack.size() > index) {
            const Element &e = stack.back();
            skipDepth -= e.skipped ? 1 : 0;
            if (e.article && --articleDepth == 0)
                articleId = -1;
            if (e.name == u"h1" && h1Depth > 0) {
                h1Depth = 0;
                h1Done = !h1Text.trimmed().isEmpty();
            }
            stack.removeLast();
        }
    };

    while (tokenizer.next(t)) {
        if (t.type == Token::Text) {
            if (!rawTag.isEmpty()) {
                if (rawTag == u"title" && titleText.isEmpty())
                    titleText = decodeHtmlEntities(t.text).simplified();
                else if (rawTag == u"script" && ldJson)
                    readJsonLd(t.text, ld);
                rawTag.clear();
                continue;
            }
            const QString text = t.text.contains(u'&') ? decodeHtmlEntities(t.text) : t.text.toString();
            if (h1Depth > 0)
                appendCollapsed(h1Text, text);
            if (relAuthorDepth > 0)
                appendCollapsed(relAuthor, text);
            if (skipDepth == 0) {
                if (current.isEmpty() && currentParent < 0) {
                    currentParent = parentId();
                    currentArticle = articleId;
                }
                appendCollapsed(current, text);
            }
            continue;
        }
        if (t.type == Token::StartTag) {
            const QString &name = t.name;
            if (isRawText(name)) {
                rawTag = t.selfClosing ? QString() : name;
                ldJson = name == u"script" && t.attribute(u"type").contains(u"ld+json", Qt::CaseInsensitive);
                continue;
            }
            if (name == u"meta") {
                const QString key
                    = (t.attribute(u"property") + t.attribute(u"name") + t.attribute(u"itemprop")).toLower();
                const QString content = t.attribute(u"content");
                if (key == u"og:title" && ogTitle.isEmpty())
                    ogTitle = content.simplified();
                else if ((key == u"article:published_time" || key == u"og:published_time") && !content.isEmpty())
                    metaDate = content; // the most specific: overrides the others
                else if ((key == u"datepublished" || key == u"pubdate" || key == u"publishdate" || key == u"date"
                             || key == u"dc.date" || key == u"dc.date.issued" || key == u"parsely-pub-date"
                             || key == u"sailthru.date" || key == u"publication_date")
                    && metaDate.isEmpty())
                    metaDate = content;
                else if (key == u"author" && metaAuthor.isEmpty() && !content.startsWith(u"http"))
                    metaAuthor = content.simplified();
                else if (key == u"article:author" && metaAuthor.isEmpty() && !content.startsWith(u"http"))
                    metaAuthor = content.simplified();
                else if (key == u"og:site_name" && ogSiteName.isEmpty())
                    ogSiteName = content.simplified();
                else if (key == u"og:url" && canonical.isEmpty())
                    canonical = content.trimmed();
                continue;
            }
            if (name == u"link") {
                if (t.attribute(u"rel").toLower() == u"canonical")
                    canonical = t.attribute(u"href").trimmed();
                continue;
            }
            if (name == u"html") {
                const QString lang = t.attribute(u"lang");
                if (!lang.isEmpty())
                    r.language = lang.left(2).toLower();
                continue;
            }
            if (name == u"time" && timeDate.isEmpty())
                timeDate = t.attribute(u"datetime");
            if (name == u"br") {
                if (skipDepth == 0 && !current.isEmpty() && current.back() != u'\n') {
                    while (current.endsWith(u' '))
                        current.chop(1);
                    current.append(u'\n');
                }
                continue;
            }
            if (name == u"a" && relAuthor.isEmpty() && t.attribute(u"rel").contains(u"author", Qt::CaseInsensitive))
                relAuthorDepth = 1;
            if (name == u"body" || name == u"head") {
                // A page may repeat these; they never nest.
                for (qsizetype i = 0; i < stack.size(); ++i)
                    if (stack[i].name == u"head") {
                        popTo(i);
                        break;
                    }
            }
            if (isVoid(name) || t.selfClosing)
                continue;
            if (name == u"p" && !stack.isEmpty() && stack.back().name == u"p")
                popTo(stack.size() - 1);
            if (isBlock(name)) {
                flush();
                currentParent = parentId();
                currentArticle = articleId;
                currentKind = name == u"p" ? Block::Paragraph : name == u"h1" ? Block::Heading1 : Block::Other;
            }
            Element e { name, nextId++, isSkipped(name), name == u"article" };
            if (e.skipped)
                ++skipDepth;
            if (e.article && articleDepth++ == 0)
                articleId = e.id;
            if (name == u"h1" && !h1Done && h1Depth == 0)
                h1Depth = 1;
            if (isBlock(name)) {
                // The block's parent is the element that contains it, its own id for the text.
                currentArticle = articleId;
            }
            stack.append(std::move(e));
            continue;
        }
        if (t.type == Token::EndTag) {
            const QString &name = t.name;
            if (name == u"a")
                relAuthorDepth = 0;
            if (isBlock(name) || name == u"br")
                flush();
            // Match against the nearest open element of that name; a stray end tag is ignored.
            // The search is bounded so that broken deep markup stays linear.
            const qsizetype floor = qMax<qsizetype>(0, stack.size() - 64);
            for (qsizetype i = stack.size() - 1; i >= floor; --i) {
                if (stack[i].name == name) {
                    popTo(i);
                    break;
                }
            }
        }
    }
    flush();

    // Body: the largest <article>, else the container with the most paragraph text.
    auto totalBy = [&](auto key, auto accept) {
        QHash<int, qsizetype> sums;
        int best = -1;
        qsizetype bestSum = 0;
        for (const Block &b : blocks) {
            if (!accept(b))
                continue;
            const int k = key(b);
            const qsizetype s = (sums[k] += b.text.size());
            if (s > bestSum) {
                bestSum = s;
                best = k;
            }
        }
        return best;
    };
    QStringList paragraphs;
    const QString title = !ogTitle.isEmpty() ? ogTitle
        : !titleText.isEmpty()               ? titleText
        : !h1Text.trimmed().isEmpty()        ? h1Text.simplified()
                                             : ld.headline.simplified();
    const int bestArticle
        = totalBy([](const Block &b) { return b.article; }, [](const Block &b) { return b.article >= 0; });
    if (bestArticle >= 0) {
        for (const Block &b : blocks)
            if (b.article == bestArticle
                && !(b.kind == Block::Heading1 && (b.text == title || b.text == h1Text.simplified())))
                paragraphs << b.text;
    } else {
        const int bestParent = totalBy(
            [](const Block &b) { return b.parent; }, [](const Block &b) { return b.kind == Block::Paragraph; });
        for (const Block &b : blocks) {
            if (bestParent >= 0 ? (b.parent == bestParent && b.kind != Block::Heading1) : true)
                paragraphs << b.text;
        }
    }

    r.title = title;
    r.text = paragraphs.join(QStringLiteral("\n\n"));
    r.author = !metaAuthor.isEmpty() ? metaAuthor : !ld.author.isEmpty() ? ld.author : relAuthor.simplified();
    r.source = !ogSiteName.isEmpty() ? ogSiteName : ld.publisher;
    r.url = canonical;
    if (r.language.isEmpty() && !ld.language.isEmpty())
        r.language = ld.language.left(2).toLower();
    for (const QString &candidate : { metaDate, ld.datePublished, timeDate }) {
        if (candidate.isEmpty())
            continue;
        if (const auto d = parseDateValue(candidate)) {
            r.published = PublishedDate { *d, DateSource::Metadata, {} };
            break;
        }
    }
    return r;
}

} // namespace entente
