#pragma once

#include "annotation.h"

#include <QJsonObject>

namespace entente {

// The `entente annotate` contract: one JSON object per document, offsets in code points.
//   {"id", "published": {"date","precision","source"} | null, "entities": [...], "dates": [...],
//    "relations": [...], "countries": [{"id", "salience", "about"}] (by salience, see salience.h)}
[[nodiscard]] QJsonObject annotationToJson(const QJsonValue &id, const QString &text, const Annotation &a);

// The same object as one compact UTF-8 line ending in '\n', byte for byte what
// QJsonDocument(annotationToJson(...)).toJson(QJsonDocument::Compact) + '\n' gives, but written
// directly: `entente annotate` spent more time building QJsonObjects than finding dates.
[[nodiscard]] QByteArray annotationToJsonLine(const QJsonValue &id, const QString &text, const Annotation &a);

// What a line for `entente ingest --annotations` carries beyond the annotate contract: the article
// record and the extraction's version, each a compact JSON object written as it is ("article",
// "entente"). With them, the line also carries what the store keeps and the contract leaves out:
// "sentences" ([[start, end], ...]), each relation's "cue_spans" and each date's "relative".
struct AnnotationLineExtras
{
    QByteArray article;
    QByteArray version;
};

[[nodiscard]] QByteArray annotationToJsonLine(
    const QJsonValue &id, const QString &text, const Annotation &a, const AnnotationLineExtras &extras);

} // namespace entente
