// libFuzzer target: the text decoder (encodings, byte order marks, binary detection).
#include "textdecoder.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString kind = entente::binaryKind(bytes);
    const entente::DecodedText decoded = entente::decodeText(bytes);
    const QString latin = entente::fromWindows1252(bytes);
    // Windows-1252 is one character a byte; anything else would lose or invent text.
    if (latin.size() != qsizetype(size))
        std::abort();
    (void)kind;
    (void)decoded;
    return 0;
}
