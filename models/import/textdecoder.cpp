#include "textdecoder.h"

#include <QStringDecoder>

#include <cstring>

namespace entente {

namespace {

struct Magic
{
    const char *bytes;
    int size;
    int offset;
    const char *kind;
    bool weak; // only with NUL bytes too: the signature is also ordinary text ("BM", "MZ", "ID3")
};

const Magic magics[] = {
    { "\x89PNG\r\n\x1a\n", 8, 0, "PNG image", false },
    { "\xFF\xD8\xFF", 3, 0, "JPEG image", false },
    { "GIF87a", 6, 0, "GIF image", false },
    { "GIF89a", 6, 0, "GIF image", false },
    { "%PDF-", 5, 0, "PDF document", false },
    { "PK\x03\x04", 4, 0, "ZIP archive or Office document", false },
    { "PK\x05\x06", 4, 0, "ZIP archive", false },
    { "PK\x07\x08", 4, 0, "ZIP archive", false },
    { "\x1F\x8B", 2, 0, "gzip archive", false },
    { "\xFD"
      "7zXZ\x00",
        6, 0, "xz archive", false },
    { "BZh", 3, 0, "bzip2 archive", true },
    { "7z\xBC\xAF\x27\x1C", 6, 0, "7z archive", false },
    { "Rar!\x1A\x07", 6, 0, "RAR archive", false },
    { "\x28\xB5\x2F\xFD", 4, 0, "zstd archive", false },
    { "\x7F"
      "ELF",
        4, 0, "ELF executable", false },
    { "MZ", 2, 0, "Windows executable", true },
    { "\xCA\xFE\xBA\xBE", 4, 0, "Java class or Mach-O binary", false },
    { "\xCF\xFA\xED\xFE", 4, 0, "Mach-O binary", false },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, 0, "Office document (OLE)", false },
    { "SQLite format 3\x00", 16, 0, "SQLite database", false },
    { "II*\x00", 4, 0, "TIFF image", false },
    { "MM\x00*", 4, 0, "TIFF image", false },
    { "BM", 2, 0, "BMP image", true },
    { "WEBP", 4, 8, "WebP image", false },
    { "WAVE", 4, 8, "WAV audio", false },
    { "ftyp", 4, 4, "MP4 or QuickTime media", false },
    { "OggS", 4, 0, "Ogg media", false },
    { "fLaC", 4, 0, "FLAC audio", false },
    { "ID3", 3, 0, "MP3 audio", true },
    { "\x1A\x45\xDF\xA3", 4, 0, "Matroska/WebM media", false },
    { "\x00"
      "asm",
        4, 0, "WebAssembly module", false },
    { "\x00\x00\x01\x00", 4, 0, "icon image", false },
    { "wOFF", 4, 0, "web font", false },
    { "wOF2", 4, 0, "web font", false },
};

bool hasPrefixAt(const QByteArray &data, const Magic &m)
{
    return data.size() >= m.offset + m.size && std::memcmp(data.constData() + m.offset, m.bytes, size_t(m.size)) == 0;
}

enum class Bom { None, Utf8, Utf16LE, Utf16BE, Utf32LE, Utf32BE };

Bom bomOf(const QByteArray &d)
{
    const auto *u = reinterpret_cast<const unsigned char *>(d.constData());
    const qsizetype n = d.size();
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
        return Bom::Utf8;
    if (n >= 4 && u[0] == 0xFF && u[1] == 0xFE && u[2] == 0 && u[3] == 0)
        return Bom::Utf32LE;
    if (n >= 4 && u[0] == 0 && u[1] == 0 && u[2] == 0xFE && u[3] == 0xFF)
        return Bom::Utf32BE;
    if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return Bom::Utf16LE;
    if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return Bom::Utf16BE;
    return Bom::None;
}

// UTF-16 without a byte order mark: mostly-ASCII text has a zero in every other byte.
Bom guessUtf16(const QByteArray &d)
{
    const qsizetype n = qMin<qsizetype>(d.size(), 8192) & ~qsizetype(1);
    if (n < 4)
        return Bom::None;
    qsizetype zeroEven = 0;
    qsizetype zeroOdd = 0;
    for (qsizetype i = 0; i < n; i += 2) {
        zeroEven += d[i] == 0 ? 1 : 0;
        zeroOdd += d[i + 1] == 0 ? 1 : 0;
    }
    const qsizetype pairs = n / 2;
    if (zeroOdd > pairs * 6 / 10 && zeroEven == 0)
        return Bom::Utf16LE;
    if (zeroEven > pairs * 6 / 10 && zeroOdd == 0)
        return Bom::Utf16BE;
    return Bom::None;
}

QString decodeWith(QStringConverter::Encoding e, QByteArrayView bytes)
{
    QStringDecoder decoder(e, QStringConverter::Flag::Stateless);
    return decoder.decode(bytes);
}

} // namespace

QString binaryKind(const QByteArray &data)
{
    if (bomOf(data) != Bom::None)
        return {};
    const QByteArrayView head(data.constData(), qMin<qsizetype>(data.size(), 8192));
    const bool hasNul = head.contains('\0');
    for (const Magic &m : magics) {
        if (hasPrefixAt(data, m) && (!m.weak || hasNul))
            return QString::fromLatin1(m.kind);
    }
    if (hasNul && guessUtf16(data) == Bom::None)
        return QStringLiteral("binary data");
    return {};
}

QString fromWindows1252(QByteArrayView data)
{
    static const char16_t high[32] = { 0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030,
        0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178 };
    QString out(data.size(), Qt::Uninitialized);
    QChar *dst = out.data();
    const auto *src = reinterpret_cast<const unsigned char *>(data.data());
    for (qsizetype i = 0; i < data.size(); ++i) {
        const unsigned char b = src[i];
        dst[i] = (b >= 0x80 && b < 0xA0) ? QChar(high[b - 0x80]) : QChar(b);
    }
    return out;
}

DecodedText decodeText(const QByteArray &data)
{
    DecodedText out;
    Bom bom = bomOf(data);
    if (bom == Bom::None)
        bom = guessUtf16(data);
    switch (bom) {
    case Bom::Utf8:
        out.text = QString::fromUtf8(QByteArrayView(data).sliced(3));
        return out;
    case Bom::Utf16LE:
        out.text = decodeWith(QStringConverter::Utf16LE, data);
        break;
    case Bom::Utf16BE:
        out.text = decodeWith(QStringConverter::Utf16BE, data);
        break;
    case Bom::Utf32LE:
        out.text = decodeWith(QStringConverter::Utf32LE, data);
        break;
    case Bom::Utf32BE:
        out.text = decodeWith(QStringConverter::Utf32BE, data);
        break;
    case Bom::None: {
        QStringDecoder utf8(QStringConverter::Utf8, QStringConverter::Flag::Stateless);
        out.text = utf8.decode(data);
        if (utf8.hasError()) {
            out.text = fromWindows1252(data);
            out.warning = QStringLiteral("not valid UTF-8; read as Windows-1252");
        }
        return out;
    }
    }
    if (out.text.startsWith(u'\uFEFF'))
        out.text.remove(0, 1);
    return out;
}

} // namespace entente
