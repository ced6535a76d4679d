#pragma once

#include "annotation.h"

namespace entente {

// Splits text into sentence spans. A line break ends a sentence, unless the text is hard-wrapped (lines that go on
// in lower case after a word or a comma): there only a blank line, a colon or a short line followed by a capital
// ends one, and the other breaks are read as spaces. Inside a line ., ! and ? (and 。！？) end a sentence unless
// they belong to an abbreviation (U.S., Mr., Dec.), an initial, a decimal number, or are followed by a lower-case
// letter. Leading and trailing white space is not part of a span. Linear in the text's length.
[[nodiscard]] QList<Span> splitSentences(QStringView text);

} // namespace entente
