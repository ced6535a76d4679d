#pragma once

#include "article.h"

#include <QString>

namespace entente {

// Reads a plain-text or Markdown article: a YAML front matter block, a metadata line, a
// section label above the headline, the headline, a byline and a wire dateline at the top;
// comment forms, share buttons, press-release footers and an author box at the end. The
// header lines become fields, the footer is dropped, and `text` is the rest, unaltered.
[[nodiscard]] ArticleRecord readPlainText(const QString &text, const QString &fileName);

// The UN General Debate corpus: one speech per file named ISO3_SESSION_YEAR.txt, no headline.
[[nodiscard]] bool isUnGeneralDebateName(const QString &fileName);
[[nodiscard]] ArticleRecord readUnGeneralDebate(const QString &text, const QString &fileName);

// A headline as stored: emoji and other pictographs, Markdown '#' and emphasis removed,
// white space simplified.
[[nodiscard]] QString cleanTitle(QStringView line);

} // namespace entente
