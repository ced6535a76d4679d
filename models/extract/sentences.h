#pragma once

#include "annotation.h"

namespace entente {

// Splits text into sentence spans. Paragraph breaks (a newline) always end a sentence;
// inside a paragraph ., ! and ? (and 。！？) end one unless they belong to an abbreviation
// (U.S., Mr., Dec.), an initial, a decimal number, or are followed by a lower-case letter.
// Leading and trailing white space is not part of a span. Linear in the text's length.
[[nodiscard]] QList<Span> splitSentences(QStringView text);

} // namespace entente
