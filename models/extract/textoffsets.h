#pragma once

#include <QList>
#include <QStringView>

namespace entente {

// Converts between UTF-16 indices (QString) and Unicode code point offsets (the annotate
// contract and the store). Cheap for the common case: a text without surrogate pairs maps
// one to one and keeps no table.
class CodePointMap
{
public:
    explicit CodePointMap(QStringView text);

    [[nodiscard]] qsizetype toCodePoint(qsizetype utf16) const;
    [[nodiscard]] qsizetype toUtf16(qsizetype codePoint) const;

private:
    // UTF-16 index of the low surrogate of every surrogate pair, ascending.
    QList<qsizetype> m_pairs;
};

} // namespace entente
