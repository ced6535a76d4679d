#include "filenames.h"

#include <QDir>
#include <QFile>

namespace entente {

namespace {

constexpr char16_t kEscapeBase = 0xDC00; // byte b (0x80 to 0xFF) is U+DC00 + b

bool isEscape(QChar c)
{
    return c.unicode() >= kEscapeBase + 0x80 && c.unicode() <= kEscapeBase + 0xFF;
}

// The length of the valid UTF-8 sequence at `bytes[i]`, or 0 when none starts there (a stray continuation byte,
// an overlong form, a surrogate, a code point past U+10FFFF, or a sequence cut short).
qsizetype utf8SequenceAt(const QByteArray &bytes, qsizetype i)
{
    const auto at = [&](qsizetype k) { return quint8(bytes[k]); };
    const quint8 b = at(i);
    if (b < 0x80)
        return 1;
    const qsizetype n = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0;
    if (n == 0 || i + n > bytes.size())
        return 0;
    for (qsizetype k = 1; k < n; ++k) {
        if ((at(i + k) & 0xC0) != 0x80)
            return 0;
    }
    const quint8 c = at(i + 1);
    if ((b == 0xE0 && c < 0xA0) || (b == 0xED && c >= 0xA0) || (b == 0xF0 && c < 0x90) || (b == 0xF4 && c >= 0x90))
        return 0;
    return n;
}

} // namespace

QString decodeFileName(const QByteArray &bytes)
{
    QString out;
    out.reserve(bytes.size());
    qsizetype run = 0; // start of the valid UTF-8 run being read
    qsizetype i = 0;
    while (i < bytes.size()) {
        const qsizetype n = utf8SequenceAt(bytes, i);
        if (n > 0) {
            i += n;
            continue;
        }
        out += QString::fromUtf8(bytes.constData() + run, i - run);
        out += QChar(char16_t(kEscapeBase + quint8(bytes[i])));
        run = ++i;
    }
    out += QString::fromUtf8(bytes.constData() + run, bytes.size() - run);
    return out;
}

QByteArray encodeFileName(const QString &path)
{
    if (!hasEscapedBytes(path))
        return QFile::encodeName(path);
    QByteArray out;
    qsizetype run = 0;
    for (qsizetype i = 0; i < path.size(); ++i) {
        if (!isEscape(path[i]))
            continue;
        out += QStringView(path).sliced(run, i - run).toUtf8();
        out += char(path[i].unicode() - kEscapeBase);
        run = i + 1;
    }
    out += QStringView(path).sliced(run).toUtf8();
    return out;
}

QString displayFileName(const QString &path)
{
    if (!hasEscapedBytes(path))
        return path;
    QString out = path;
    for (QChar &c : out) {
        if (isEscape(c))
            c = QChar::ReplacementCharacter;
    }
    return out;
}

QString absoluteFileName(const QString &path)
{
    return QDir::cleanPath(QDir::isAbsolutePath(path) ? path : QDir::currentPath() + u'/' + path);
}

bool hasEscapedBytes(const QString &path)
{
    for (const QChar c : path) {
        if (isEscape(c))
            return true;
    }
    return false;
}

} // namespace entente
