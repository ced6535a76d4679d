#pragma once

#include "annotation.h"

#include <QJsonObject>

namespace entente {

// The `entente annotate` contract: one JSON object per document, offsets in code points.
//   {"id", "published": {"date","precision","source"} | null, "entities": [...], "dates": [...],
//    "relations": [...]}
[[nodiscard]] QJsonObject annotationToJson(const QJsonValue &id, const QString &text, const Annotation &a);

} // namespace entente
