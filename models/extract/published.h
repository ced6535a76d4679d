#pragma once

#include "annotation.h"

namespace entente {

// The article's own date as its first lines state it: a metadata line (" date 2023-12-30 en"),
// a byline ("Published: December 30, 2023 at 2:34 pm EST"), or a wire dateline
// ("BEIJING, May 11, 2023 /PRNewswire/ —"); else a date in the file name. std::nullopt when
// none of these gives one. Only the first few lines are looked at.
[[nodiscard]] std::optional<PublishedDate> findHeaderDate(QStringView text, const QString &fileName = {});

} // namespace entente
