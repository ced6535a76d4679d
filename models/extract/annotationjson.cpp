#include "annotationjson.h"

#include "textoffsets.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

namespace entente {

QJsonObject annotationToJson(const QJsonValue &id, const QString &text, const Annotation &a)
{
    const CodePointMap cp(text);
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    if (a.published && a.published->date.isValid()) {
        QJsonObject p { { QStringLiteral("date"), a.published->date.toIso() },
            { QStringLiteral("precision"), precisionName(a.published->date.precision) },
            { QStringLiteral("source"), dateSourceName(a.published->source) } };
        if (!a.published->reason.isEmpty())
            p.insert(QStringLiteral("reason"), a.published->reason);
        o.insert(QStringLiteral("published"), p);
    } else {
        o.insert(QStringLiteral("published"), QJsonValue::Null);
    }

    QJsonArray entities;
    for (const EntityMention &e : a.entities) {
        QJsonObject j { { QStringLiteral("start"), qint64(cp.toCodePoint(e.span.start)) },
            { QStringLiteral("end"), qint64(cp.toCodePoint(e.span.end)) }, { QStringLiteral("text"), e.text },
            { QStringLiteral("kind"), entityKindName(e.kind) }, { QStringLiteral("id"), e.id },
            { QStringLiteral("country"), e.country.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.country) },
            { QStringLiteral("method"), e.method }, { QStringLiteral("confidence"), e.confidence } };
        if (!e.name.isEmpty() && e.name != e.id)
            j.insert(QStringLiteral("name"), e.name);
        if (!e.role.isEmpty())
            j.insert(QStringLiteral("role"), e.role);
        if (e.kind == EntityKind::Money) {
            j.insert(QStringLiteral("currency"), e.currency);
            j.insert(QStringLiteral("amount"), e.amount);
        }
        if (e.date.isValid())
            j.insert(QStringLiteral("date"), e.date.toIso());
        entities.append(j);
    }
    o.insert(QStringLiteral("entities"), entities);

    QJsonArray dates;
    for (const DateMention &d : a.dates) {
        dates.append(QJsonObject {
            { QStringLiteral("start"), qint64(cp.toCodePoint(d.span.start)) },
            { QStringLiteral("end"), qint64(cp.toCodePoint(d.span.end)) },
            { QStringLiteral("text"), d.text },
            { QStringLiteral("value"), d.value.isValid() ? QJsonValue(d.value.toIso()) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("precision"), precisionName(d.value.precision) },
        });
    }
    o.insert(QStringLiteral("dates"), dates);

    QJsonArray relations;
    for (const Relation &r : a.relations) {
        QJsonObject j { { QStringLiteral("sentence"), r.sentence },
            { QStringLiteral("start"), qint64(cp.toCodePoint(r.span.start)) },
            { QStringLiteral("end"), qint64(cp.toCodePoint(r.span.end)) }, { QStringLiteral("a"), r.a },
            { QStringLiteral("b"), r.b },
            { QStringLiteral("direction"),
                r.directed ? QJsonValue(r.a + QStringLiteral("->") + r.b) : QJsonValue(QJsonValue::Null) },
            { QStringLiteral("tone"), r.tone },
            { QStringLiteral("quad"), r.quad == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(r.quad) },
            { QStringLiteral("cameo"), r.cameo.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.cameo) },
            { QStringLiteral("goldstein"), r.goldstein },
            { QStringLiteral("cues"), QJsonArray::fromStringList(r.cues) },
            { QStringLiteral("implicit"), r.implicit } };
        relations.append(j);
    }
    o.insert(QStringLiteral("relations"), relations);

    QJsonArray countries;
    for (const CountrySalience &c : a.countries)
        countries.append(QJsonObject { { QStringLiteral("id"), c.id }, { QStringLiteral("salience"), c.salience },
            { QStringLiteral("about"), c.about } });
    o.insert(QStringLiteral("countries"), countries);
    return o;
}

namespace {

// Writes JSON the way QJsonDocument::toJson(Compact) does, so that `entente annotate` keeps its
// output byte for byte: keys in sorted order (the callers below write them so), strings as UTF-8
// with only '"', '\\' and control characters escaped, a lone surrogate as \uXXXX, integral doubles
// up to 2^53 as integers, other doubles in shortest round-trip form.
class JsonWriter
{
public:
    explicit JsonWriter(qsizetype expected)
    {
        m_buf.resize(std::max<qsizetype>(expected, 64));
        m_p = m_buf.data();
        m_end = m_p + m_buf.size();
    }

    // The written bytes; the writer is done.
    QByteArray take()
    {
        m_buf.resize(m_p - m_buf.constData());
        return std::move(m_buf);
    }

    void raw(char c)
    {
        room(1);
        *m_p++ = c;
    }
    void raw(const char *s, qsizetype n)
    {
        room(n);
        std::memcpy(m_p, s, size_t(n));
        m_p += n;
    }
    template<qsizetype N> void raw(const char (&s)[N]) { raw(s, N - 1); }

    // `"key":`; keys are plain ASCII literals.
    template<qsizetype N> void key(const char (&k)[N])
    {
        room(N + 3);
        if (m_needComma)
            *m_p++ = ',';
        *m_p++ = '"';
        std::memcpy(m_p, k, N - 1);
        m_p += N - 1;
        *m_p++ = '"';
        *m_p++ = ':';
        m_needComma = true;
    }

    void open(char bracket)
    {
        if (m_inArray && m_needComma)
            raw(',');
        raw(bracket);
        m_needComma = false;
        m_inArray = bracket == '[';
    }
    // Arrays here hold objects or strings only; `inArray` says what the enclosing container is.
    void close(char bracket, bool inArray)
    {
        raw(bracket);
        m_needComma = true;
        m_inArray = inArray;
    }

    void arrayString(QStringView s)
    {
        if (m_needComma)
            raw(',');
        string(s);
        m_needComma = true;
    }

    void string(QStringView s)
    {
        // Worst case 6 bytes per UTF-16 unit (\u00XX); UTF-8 needs at most 3.
        room(2 + 6 * s.size());
        char *c = m_p;
        *c++ = '"';
        const char16_t *src = s.utf16();
        const char16_t *const end = src + s.size();
        while (src != end) {
            const char16_t u = *src++;
            if (u < 0x80) {
                if (u >= 0x20 && u != u'"' && u != u'\\') {
                    *c++ = char(u);
                    continue;
                }
                *c++ = '\\';
                switch (u) {
                case u'"':
                    *c++ = '"';
                    break;
                case u'\\':
                    *c++ = '\\';
                    break;
                case 0x08:
                    *c++ = 'b';
                    break;
                case 0x0c:
                    *c++ = 'f';
                    break;
                case 0x0a:
                    *c++ = 'n';
                    break;
                case 0x0d:
                    *c++ = 'r';
                    break;
                case 0x09:
                    *c++ = 't';
                    break;
                default:
                    *c++ = 'u';
                    *c++ = '0';
                    *c++ = '0';
                    *c++ = hex(u >> 4);
                    *c++ = hex(u & 0xf);
                }
            } else if (u < 0x800) {
                *c++ = char(0xc0 | (u >> 6));
                *c++ = char(0x80 | (u & 0x3f));
            } else if (!QChar::isSurrogate(u)) {
                *c++ = char(0xe0 | (u >> 12));
                *c++ = char(0x80 | ((u >> 6) & 0x3f));
                *c++ = char(0x80 | (u & 0x3f));
            } else if (QChar::isHighSurrogate(u) && src != end && QChar::isLowSurrogate(*src)) {
                const char32_t ucs4 = QChar::surrogateToUcs4(u, *src++);
                *c++ = char(0xf0 | (ucs4 >> 18));
                *c++ = char(0x80 | ((ucs4 >> 12) & 0x3f));
                *c++ = char(0x80 | ((ucs4 >> 6) & 0x3f));
                *c++ = char(0x80 | (ucs4 & 0x3f));
            } else {
                // A lone surrogate is not UTF-8: Qt writes it as an escape.
                *c++ = '\\';
                *c++ = 'u';
                *c++ = hex(u >> 12);
                *c++ = hex((u >> 8) & 0xf);
                *c++ = hex((u >> 4) & 0xf);
                *c++ = hex(u & 0xf);
            }
        }
        *c++ = '"';
        m_p = c;
    }

    void integer(qint64 v)
    {
        char buf[24];
        char *e = buf + sizeof buf;
        char *b = e;
        const bool negative = v < 0;
        quint64 u = negative ? 0 - quint64(v) : quint64(v);
        do {
            *--b = char('0' + u % 10);
            u /= 10;
        } while (u);
        if (negative)
            *--b = '-';
        raw(b, e - b);
    }

    void number(double d)
    {
        // QJsonValue(double) keeps an integral value that a double holds exactly as an integer.
        constexpr double limit = 9007199254740992.0; // 2^53
        if (d >= -limit && d <= limit && d == std::floor(d)) {
            integer(qint64(d));
            return;
        }
        if (!std::isfinite(d)) {
            raw("null");
            return;
        }
        // Confidences and Goldstein scores have at most two decimals: the shortest form that reads
        // back as the same double is then those digits, which saves QByteArray::number's allocation.
        if (const double hundredths = std::round(d * 100);
            std::abs(d) >= 0.01 && std::abs(d) < 1000 && hundredths / 100 == d) {
            qint64 h = qint64(hundredths);
            if (h < 0) {
                raw('-');
                h = -h;
            }
            integer(h / 100);
            const int frac = int(h % 100);
            raw('.');
            raw(char('0' + frac / 10));
            if (frac % 10)
                raw(char('0' + frac % 10));
            return;
        }
        const QByteArray n = QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
        raw(n.constData(), n.size());
    }

    void boolean(bool b)
    {
        if (b)
            raw("true");
        else
            raw("false");
    }

    void null() { raw("null"); }

    // [start,end] as an element of an array.
    void pair(qint64 start, qint64 end)
    {
        if (m_needComma)
            raw(',');
        raw('[');
        integer(start);
        raw(',');
        integer(end);
        raw(']');
        m_needComma = true;
    }

    void stringOrNull(const QString &s)
    {
        if (s.isEmpty())
            null();
        else
            string(s);
    }

private:
    static char hex(unsigned v) { return char(v < 10 ? '0' + v : 'a' + v - 10); }

    void room(qsizetype n)
    {
        if (m_end - m_p >= n)
            return;
        const qsizetype used = m_p - m_buf.constData();
        m_buf.resize(std::max(m_buf.size() * 2, used + n));
        m_p = m_buf.data() + used;
        m_end = m_buf.data() + m_buf.size();
    }

    QByteArray m_buf;
    char *m_p = nullptr;
    char *m_end = nullptr;
    bool m_needComma = false;
    bool m_inArray = false;
};

} // namespace

QByteArray annotationToJsonLine(const QJsonValue &id, const QString &text, const Annotation &a)
{
    return annotationToJsonLine(id, text, a, AnnotationLineExtras {});
}

QByteArray annotationToJsonLine(
    const QJsonValue &id, const QString &text, const Annotation &a, const AnnotationLineExtras &extras)
{
    const bool full = !extras.article.isEmpty();
    // Most texts have no surrogate: then code points are UTF-16 indices, and no map is built.
    const auto *const units = reinterpret_cast<const char16_t *>(text.constData());
    const bool astral = std::any_of(units, units + text.size(), [](char16_t c) { return QChar::isSurrogate(c); });
    const std::optional<CodePointMap> map = astral ? std::optional<CodePointMap>(std::in_place, text) : std::nullopt;
    const auto codePoint = [&map](qsizetype utf16) { return map ? map->toCodePoint(utf16) : utf16; };
    JsonWriter w(
        256 + a.entities.size() * 200 + a.dates.size() * 100 + a.relations.size() * 250 + a.countries.size() * 50);
    w.open('{');

    if (full) {
        w.key("article");
        w.raw(extras.article.constData(), extras.article.size());
    }

    w.key("countries");
    w.open('[');
    for (const CountrySalience &c : a.countries) {
        w.open('{');
        w.key("about");
        w.boolean(c.about);
        w.key("id");
        w.string(c.id);
        w.key("salience");
        w.number(c.salience);
        w.close('}', true);
    }
    w.close(']', false);

    w.key("dates");
    w.open('[');
    for (const DateMention &d : a.dates) {
        w.open('{');
        w.key("end");
        w.integer(codePoint(d.span.end));
        w.key("precision");
        w.string(precisionName(d.value.precision));
        if (full) {
            w.key("relative");
            w.boolean(d.relative);
        }
        w.key("start");
        w.integer(codePoint(d.span.start));
        w.key("text");
        w.string(d.text);
        w.key("value");
        if (d.value.isValid())
            w.string(d.value.toIso());
        else
            w.null();
        w.close('}', true);
    }
    w.close(']', false);

    if (full) {
        w.key("entente");
        w.raw(extras.version.constData(), extras.version.size());
    }

    w.key("entities");
    w.open('[');
    for (const EntityMention &e : a.entities) {
        const bool money = e.kind == EntityKind::Money;
        w.open('{');
        if (money) {
            w.key("amount");
            w.number(e.amount);
        }
        w.key("confidence");
        w.number(e.confidence);
        w.key("country");
        w.stringOrNull(e.country);
        if (money) {
            w.key("currency");
            w.string(e.currency);
        }
        if (e.date.isValid()) {
            w.key("date");
            w.string(e.date.toIso());
        }
        w.key("end");
        w.integer(codePoint(e.span.end));
        w.key("id");
        w.string(e.id);
        w.key("kind");
        w.string(entityKindName(e.kind));
        w.key("method");
        w.string(e.method);
        if (!e.name.isEmpty() && e.name != e.id) {
            w.key("name");
            w.string(e.name);
        }
        if (!e.role.isEmpty()) {
            w.key("role");
            w.string(e.role);
        }
        w.key("start");
        w.integer(codePoint(e.span.start));
        w.key("text");
        w.string(e.text);
        w.close('}', true);
    }
    w.close(']', false);

    w.key("id");
    if (id.isString()) {
        w.string(id.toString());
    } else {
        // Any other JSON value (a number, an object from a JSON Lines input): let Qt write it.
        const QByteArray wrapped = QJsonDocument(QJsonArray { id }).toJson(QJsonDocument::Compact);
        w.raw(wrapped.constData() + 1, wrapped.size() - 2);
    }

    w.key("published");
    if (a.published && a.published->date.isValid()) {
        w.open('{');
        w.key("date");
        w.string(a.published->date.toIso());
        w.key("precision");
        w.string(precisionName(a.published->date.precision));
        if (!a.published->reason.isEmpty()) {
            w.key("reason");
            w.string(a.published->reason);
        }
        w.key("source");
        w.string(dateSourceName(a.published->source));
        w.close('}', false);
    } else {
        w.null();
    }

    w.key("relations");
    w.open('[');
    for (const Relation &r : a.relations) {
        w.open('{');
        w.key("a");
        w.string(r.a);
        w.key("b");
        w.string(r.b);
        w.key("cameo");
        w.stringOrNull(r.cameo);
        if (full) {
            w.key("cue_spans");
            w.open('[');
            for (const Span &s : r.cueSpans)
                w.pair(codePoint(s.start), codePoint(s.end));
            w.close(']', false);
        }
        w.key("cues");
        w.open('[');
        for (const QString &cue : r.cues)
            w.arrayString(cue);
        w.close(']', false);
        w.key("direction");
        if (r.directed) {
            w.string(r.a + QStringLiteral("->") + r.b);
        } else {
            w.null();
        }
        w.key("end");
        w.integer(codePoint(r.span.end));
        w.key("goldstein");
        w.number(r.goldstein);
        w.key("implicit");
        w.boolean(r.implicit);
        w.key("quad");
        if (r.quad == 0)
            w.null();
        else
            w.integer(r.quad);
        w.key("sentence");
        w.integer(r.sentence);
        w.key("start");
        w.integer(codePoint(r.span.start));
        w.key("tone");
        w.string(r.tone);
        w.close('}', true);
    }
    w.close(']', false);

    if (full) {
        w.key("sentences");
        w.open('[');
        for (const Span &s : a.sentences)
            w.pair(codePoint(s.start), codePoint(s.end));
        w.close(']', false);
    }

    w.close('}', false);
    w.raw('\n');
    return w.take();
}

} // namespace entente
