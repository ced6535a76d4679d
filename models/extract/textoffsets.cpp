#include "textoffsets.h"

#include <algorithm>

namespace entente {

CodePointMap::CodePointMap(QStringView text)
{
    const qsizetype n = text.size();
    for (qsizetype i = 0; i + 1 < n; ++i) {
        if (text[i].isHighSurrogate() && text[i + 1].isLowSurrogate()) {
            m_pairs.append(i + 1);
            ++i;
        }
    }
}

qsizetype CodePointMap::toCodePoint(qsizetype utf16) const
{
    // Every low surrogate before `utf16` is one UTF-16 unit that is not a code point.
    const auto before = std::lower_bound(m_pairs.cbegin(), m_pairs.cend(), utf16) - m_pairs.cbegin();
    return utf16 - before;
}

qsizetype CodePointMap::toUtf16(qsizetype codePoint) const
{
    // The k-th pair's low surrogate sits at UTF-16 index m_pairs[k], i.e. code point m_pairs[k] - k - 1
    // ends there; count the pairs that start before the wanted code point.
    qsizetype lo = 0, hi = m_pairs.size();
    while (lo < hi) {
        const qsizetype mid = (lo + hi) / 2;
        if (m_pairs[mid] - mid - 1 < codePoint)
            lo = mid + 1;
        else
            hi = mid;
    }
    return codePoint + lo;
}

} // namespace entente
