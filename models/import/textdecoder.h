#pragma once

#include <QByteArray>
#include <QString>

namespace entente {

// Turns a file's bytes into text: UTF-8 with or without a byte order mark, UTF-16 and UTF-32
// with one (or UTF-16 recognised by its zero bytes), and anything else as Windows-1252, the
// encoding that old Western text files and web pages use in practice.
struct DecodedText
{
    QString text;
    QString warning; // set when the bytes were not valid UTF-8 and were read as Windows-1252
};

// What kind of binary file `data` starts as ("PNG image", "PDF document", "binary data"),
// judged by magic numbers and by NUL bytes in the first 8 KB; empty for text.
[[nodiscard]] QString binaryKind(const QByteArray &data);

[[nodiscard]] DecodedText decodeText(const QByteArray &data);

// Windows-1252 to UTF-16. 0x80-0x9F hold the curly quotes, dashes and euro sign there, where
// Latin-1 has control characters; the five undefined bytes map to the C1 control of that value.
[[nodiscard]] QString fromWindows1252(QByteArrayView data);

} // namespace entente
