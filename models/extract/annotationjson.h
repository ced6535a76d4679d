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

} // namespace entente
