#include "annotationjson.h"

#include "textoffsets.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace entente {

QJsonObject annotationToJson(const QJsonValue &id, const QString &text, const Annotation &a)
{
    const CodePointMap cp(text);
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    if (a.published && a.published->date.isValid()) {
        QJsonObject p{{QStringLiteral("date"), a.published->date.toIso()},
                      {QStringLiteral("precision"), precisionName(a.published->date.precision)},
                      {QStringLiteral("source"), dateSourceName(a.published->source)}};
        if (!a.published->reason.isEmpty())
            p.insert(QStringLiteral("reason"), a.published->reason);
        o.insert(QStringLiteral("published"), p);
    } else {
        o.insert(QStringLiteral("published"), QJsonValue::Null);
    }

    QJsonArray entities;
    for (const EntityMention &e : a.entities) {
        QJsonObject j{{QStringLiteral("start"), qint64(cp.toCodePoint(e.span.start))},
                      {QStringLiteral("end"), qint64(cp.toCodePoint(e.span.end))},
                      {QStringLiteral("text"), e.text},
                      {QStringLiteral("kind"), entityKindName(e.kind)},
                      {QStringLiteral("id"), e.id},
                      {QStringLiteral("country"), e.country.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(e.country)},
                      {QStringLiteral("method"), e.method},
                      {QStringLiteral("confidence"), e.confidence}};
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
        dates.append(QJsonObject{
            {QStringLiteral("start"), qint64(cp.toCodePoint(d.span.start))},
            {QStringLiteral("end"), qint64(cp.toCodePoint(d.span.end))},
            {QStringLiteral("text"), d.text},
            {QStringLiteral("value"), d.value.isValid() ? QJsonValue(d.value.toIso()) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("precision"), precisionName(d.value.precision)},
        });
    }
    o.insert(QStringLiteral("dates"), dates);

    QJsonArray relations;
    for (const Relation &r : a.relations) {
        QJsonObject j{{QStringLiteral("sentence"), r.sentence},
                      {QStringLiteral("start"), qint64(cp.toCodePoint(r.span.start))},
                      {QStringLiteral("end"), qint64(cp.toCodePoint(r.span.end))},
                      {QStringLiteral("a"), r.a},
                      {QStringLiteral("b"), r.b},
                      {QStringLiteral("direction"), r.directed ? QJsonValue(r.a + QStringLiteral("->") + r.b) : QJsonValue(QJsonValue::Null)},
                      {QStringLiteral("tone"), r.tone},
                      {QStringLiteral("quad"), r.quad == 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(r.quad)},
                      {QStringLiteral("cameo"), r.cameo.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(r.cameo)},
                      {QStringLiteral("goldstein"), r.goldstein},
                      {QStringLiteral("cues"), QJsonArray::fromStringList(r.cues)},
                      {QStringLiteral("implicit"), r.implicit}};
        relations.append(j);
    }
    o.insert(QStringLiteral("relations"), relations);
    return o;
}

QByteArray annotationToJsonLine(const QJsonValue &id, const QString &text, const Annotation &a)
{
    return QJsonDocument(annotationToJson(id, text, a)).toJson(QJsonDocument::Compact) + '\n';
}

} // namespace entente
