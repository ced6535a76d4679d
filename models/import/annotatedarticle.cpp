#include "annotatedarticle.h"

#include "annotationjson.h"
#include "extractionversion.h"
#include "textoffsets.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

#include <optional>

namespace entente {

namespace {

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

QJsonValue publishedJson(const PublishedDate &p)
{
    if (!p.date.isValid())
        return QJsonValue::Null;
    QJsonObject o { { QStringLiteral("date"), p.date.toIso() },
        { QStringLiteral("precision"), precisionName(p.date.precision) },
        { QStringLiteral("source"), dateSourceName(p.source) } };
    if (!p.reason.isEmpty())
        o.insert(QStringLiteral("reason"), p.reason);
    return o;
}

const QByteArray &versionJson()
{
    static const QByteArray json = [] {
        const ExtractionVersion &v = ExtractionVersion::current();
        return QJsonDocument(QJsonObject { { QStringLiteral("format"), v.format },
                                 { QStringLiteral("lexicon"), v.lexicon }, { QStringLiteral("models"), v.models } })
            .toJson(QJsonDocument::Compact);
    }();
    return json;
}

std::optional<PublishedDate> publishedFromJson(const QJsonValue &v)
{
    if (!v.isObject())
        return std::nullopt;
    const QJsonObject o = v.toObject();
    PublishedDate p;
    p.date = PartialDate::fromIso(o.value(QStringLiteral("date")).toString());
    if (!p.date.isValid())
        return std::nullopt;
    p.source = dateSourceFromName(o.value(QStringLiteral("source")).toString());
    p.reason = o.value(QStringLiteral("reason")).toString();
    return p;
}

QString shortDigest(const QString &digest)
{
    return digest.left(12) + QStringLiteral("…");
}

// Code point offsets of a line, checked against the text and turned into UTF-16 indices.
class Offsets
{
public:
    explicit Offsets(const QString &text)
        : m_map(text)
        , m_length(m_map.toCodePoint(text.size()))
    { }

    // False when the pair is not a span of the text.
    bool span(const QJsonValue &start, const QJsonValue &end, Span *out) const
    {
        if (!start.isDouble() || !end.isDouble())
            return false;
        const double s = start.toDouble();
        const double e = end.toDouble();
        if (!(s >= 0 && s <= e && e <= double(m_length)))
            return false;
        out->start = m_map.toUtf16(qsizetype(s));
        out->end = m_map.toUtf16(qsizetype(e));
        return true;
    }
    bool pair(const QJsonValue &v, Span *out) const
    {
        const QJsonArray a = v.toArray();
        return v.isArray() && a.size() == 2 && span(a[0], a[1], out);
    }

private:
    CodePointMap m_map;
    qsizetype m_length;
};

} // namespace

QByteArray annotatedArticleLine(const QJsonValue &id, const ArticleRecord &r, const Annotation &a)
{
    const QJsonObject article { { QStringLiteral("author"), stringOrNull(r.author) },
        { QStringLiteral("dateline"), stringOrNull(r.datelinePlace) }, { QStringLiteral("file"), stringOrNull(r.file) },
        { QStringLiteral("file_line"), r.fileLine }, { QStringLiteral("language"), stringOrNull(r.language) },
        { QStringLiteral("published"), publishedJson(r.published) },
        { QStringLiteral("section"), stringOrNull(r.section) }, { QStringLiteral("source"), stringOrNull(r.source) },
        { QStringLiteral("source_country"), stringOrNull(r.sourceCountry) }, { QStringLiteral("text"), r.text },
        { QStringLiteral("title"), stringOrNull(r.title) }, { QStringLiteral("url"), stringOrNull(r.url) } };
    AnnotationLineExtras extras;
    extras.article = QJsonDocument(article).toJson(QJsonDocument::Compact);
    extras.version = versionJson();
    return annotationToJsonLine(id, r.text, a, extras);
}

bool readAnnotatedArticle(const QByteArray &line, ArticleRecord *r, Annotation *a, QString *why)
{
    // One line of reason, whatever the line put in it (a kind or a version string may hold a line break).
    const auto refuse = [why](QString what) {
        for (QChar &c : what)
            if (c.category() == QChar::Other_Control || c == QChar::LineSeparator || c == QChar::ParagraphSeparator)
                c = u' ';
        if (what.size() > 300)
            what = what.left(299) + QChar(0x2026);
        if (why)
            *why = QObject::tr("%1; line skipped").arg(what);
        return false;
    };
    QJsonParseError perr;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &perr);
    if (!doc.isObject())
        return refuse(
            QObject::tr("invalid JSON (%1)")
                .arg(perr.error == QJsonParseError::NoError ? QObject::tr("not an object") : perr.errorString()));
    const QJsonObject o = doc.object();
    const QJsonValue versionValue = o.value(QStringLiteral("entente"));
    if (!versionValue.isObject() || !o.value(QStringLiteral("article")).isObject())
        return refuse(QObject::tr("not a line of 'entente annotate' (no \"entente\" version or no \"article\")"));
    const QJsonObject version = versionValue.toObject();
    const ExtractionVersion &mine = ExtractionVersion::current();
    const int format = version.value(QStringLiteral("format")).toInt(-1);
    if (format != mine.format)
        return refuse(
            QObject::tr("annotations in format %1, this entente reads format %2").arg(format).arg(mine.format));
    const QString models = version.value(QStringLiteral("models")).toString();
    if (models != mine.models)
        return refuse(QObject::tr("annotations from another model version (%1, this entente has %2)")
                          .arg(shortDigest(models), shortDigest(mine.models)));
    const QString lexicon = version.value(QStringLiteral("lexicon")).toString();
    if (lexicon != mine.lexicon)
        return refuse(QObject::tr("annotations from another lexicon version (%1, this entente has %2)")
                          .arg(shortDigest(lexicon), shortDigest(mine.lexicon)));

    const QJsonObject art = o.value(QStringLiteral("article")).toObject();
    if (!art.value(QStringLiteral("text")).isString())
        return refuse(QObject::tr("the article has no \"text\""));
    ArticleRecord rec;
    rec.text = art.value(QStringLiteral("text")).toString();
    rec.title = art.value(QStringLiteral("title")).toString();
    rec.source = art.value(QStringLiteral("source")).toString();
    rec.author = art.value(QStringLiteral("author")).toString();
    rec.url = art.value(QStringLiteral("url")).toString();
    rec.language = art.value(QStringLiteral("language")).toString();
    rec.file = art.value(QStringLiteral("file")).toString();
    rec.fileLine = art.value(QStringLiteral("file_line")).toInt();
    rec.section = art.value(QStringLiteral("section")).toString();
    rec.datelinePlace = art.value(QStringLiteral("dateline")).toString();
    rec.sourceCountry = art.value(QStringLiteral("source_country")).toString();
    if (const auto p = publishedFromJson(art.value(QStringLiteral("published"))))
        rec.published = *p;

    const Offsets offsets(rec.text);
    const QString outside = QObject::tr("an offset outside the article's text");
    Annotation ann;
    ann.published = publishedFromJson(o.value(QStringLiteral("published")));

    for (const QJsonValue &v : o.value(QStringLiteral("entities")).toArray()) {
        const QJsonObject e = v.toObject();
        EntityMention m;
        if (!offsets.span(e.value(QStringLiteral("start")), e.value(QStringLiteral("end")), &m.span))
            return refuse(outside);
        const std::optional<EntityKind> kind = entityKindFromName(e.value(QStringLiteral("kind")).toString());
        if (!kind)
            return refuse(
                QObject::tr("an entity of unknown kind \"%1\"").arg(e.value(QStringLiteral("kind")).toString()));
        m.kind = *kind;
        m.text = e.value(QStringLiteral("text")).toString();
        m.id = e.value(QStringLiteral("id")).toString();
        m.name = e.value(QStringLiteral("name")).toString();
        m.country = e.value(QStringLiteral("country")).toString();
        m.method = e.value(QStringLiteral("method")).toString();
        m.confidence = e.value(QStringLiteral("confidence")).toDouble(1.0);
        m.role = e.value(QStringLiteral("role")).toString();
        m.currency = e.value(QStringLiteral("currency")).toString();
        m.amount = e.value(QStringLiteral("amount")).toDouble();
        m.date = PartialDate::fromIso(e.value(QStringLiteral("date")).toString());
        ann.entities.append(m);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("dates")).toArray()) {
        const QJsonObject d = v.toObject();
        DateMention m;
        if (!offsets.span(d.value(QStringLiteral("start")), d.value(QStringLiteral("end")), &m.span))
            return refuse(outside);
        m.text = d.value(QStringLiteral("text")).toString();
        m.value = PartialDate::fromIso(d.value(QStringLiteral("value")).toString());
        if (!m.value.isValid())
            m.value.precision = precisionFromName(d.value(QStringLiteral("precision")).toString());
        m.relative = d.value(QStringLiteral("relative")).toBool();
        ann.dates.append(m);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("sentences")).toArray()) {
        Span s;
        if (!offsets.pair(v, &s))
            return refuse(outside);
        ann.sentences.append(s);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("relations")).toArray()) {
        const QJsonObject j = v.toObject();
        Relation rel;
        if (!offsets.span(j.value(QStringLiteral("start")), j.value(QStringLiteral("end")), &rel.span))
            return refuse(outside);
        rel.sentence = j.value(QStringLiteral("sentence")).toInt(-1);
        // The Reader and Evidence look the sentence up by this index.
        if (rel.sentence < 0 || rel.sentence >= ann.sentences.size())
            return refuse(QObject::tr("a relation names no sentence of the article"));
        rel.a = j.value(QStringLiteral("a")).toString();
        rel.b = j.value(QStringLiteral("b")).toString();
        rel.directed = j.value(QStringLiteral("direction")).isString();
        rel.tone = j.value(QStringLiteral("tone")).toString();
        rel.quad = j.value(QStringLiteral("quad")).toInt();
        rel.cameo = j.value(QStringLiteral("cameo")).toString();
        rel.goldstein = j.value(QStringLiteral("goldstein")).toDouble();
        for (const QJsonValue &cue : j.value(QStringLiteral("cues")).toArray())
            rel.cues.append(cue.toString());
        for (const QJsonValue &pair : j.value(QStringLiteral("cue_spans")).toArray()) {
            Span s;
            if (!offsets.pair(pair, &s))
                return refuse(outside);
            rel.cueSpans.append(s);
        }
        rel.implicit = j.value(QStringLiteral("implicit")).toBool();
        ann.relations.append(rel);
    }
    for (const QJsonValue &v : o.value(QStringLiteral("countries")).toArray()) {
        const QJsonObject c = v.toObject();
        CountrySalience s;
        s.id = c.value(QStringLiteral("id")).toString();
        s.salience = c.value(QStringLiteral("salience")).toDouble();
        s.about = c.value(QStringLiteral("about")).toBool();
        ann.countries.append(s);
    }

    rec.textUtf8 = rec.text.toUtf8();
    rec.hash = rec.contentHash();
    *r = std::move(rec);
    *a = std::move(ann);
    return true;
}

AnnotatedFile readAnnotatedFile(const QString &path)
{
    AnnotatedFile result;
    QFile f;
    QString why;
    const bool isStdin = path == u"-";
    if (isStdin ? !f.open(stdin, QIODevice::ReadOnly) : !openRegularFile(path, &f, &why)) {
        result.read.messages.append(ImportMessage {
            path, 0, QObject::tr("skipped: %1").arg(isStdin ? QObject::tr("cannot read standard input") : why), true });
        return result;
    }
    result.read.bytes = isStdin ? 0 : f.size();
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine(MaxFileBytes);
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        ArticleRecord r;
        Annotation a;
        if (!readAnnotatedArticle(line, &r, &a, &why)) {
            result.read.messages.append(ImportMessage { path, lineNo, why, false });
            continue;
        }
        result.read.articles.append(std::move(r));
        result.annotations.append(std::move(a));
    }
    if (f.error() != QFileDevice::NoError)
        result.read.messages.append(ImportMessage {
            path, lineNo, QObject::tr("cannot read (%1); the rest is not read").arg(f.errorString()), false });
    return result;
}

} // namespace entente
