#pragma once

#include <QString>
#include <QStringView>

namespace entente {

// An article's text as the Reader shows it, character for character as long as the stored text, so that every
// stand-off offset (mentions, relations, sentences) holds on it unchanged:
// - lines that run on are joined: in a hard-wrapped text (most lines end near one width, as 41% of the UN
//   speeches are), every line break inside a paragraph; elsewhere, a break between a line without final
//   punctuation and one that goes on in lower case. The break becomes a space, or nothing after a hyphen;
//   the indentation and trailing spaces at the join become nothing;
// - a line that holds only a page number ("6", "- 12 -") is emptied.
// "Nothing" is U+200B ZERO WIDTH SPACE, one UTF-16 unit that draws no glyph. The stored text is never changed.
[[nodiscard]] QString reflowForReading(QStringView text);

// The character reflowForReading() puts where a character is to show as nothing.
inline constexpr char16_t kHiddenChar = u'\u200B';

} // namespace entente
