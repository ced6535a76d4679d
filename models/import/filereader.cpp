#include "filereader.h"

#include "filenames.h"
#include "htmlreader.h"
#include "languageguess.h"
#include "plaintextreader.h"
#include "structuredreader.h"
#include "textdecoder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>

#include <algorithm>
#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace entente {

namespace {

FileReadResult skipped(const QString &path, const QString &reason, qint64 bytes = 0)
{
    FileReadResult out;
    out.bytes = bytes;
    out.messages.append(ImportMessage { path, 0, QObject::tr("skipped: %1").arg(reason), true });
    return out;
}

QString tooLarge(qint64 bytes, qint64 limit)
{
    return QObject::tr("file too large (%1 MB; the limit is %2 MB)").arg(bytes >> 20).arg(limit >> 20);
}

QString notRegular(mode_t mode)
{
    if (S_ISDIR(mode))
        return QObject::tr("a folder, not a file");
    if (S_ISFIFO(mode))
        return QObject::tr("a named pipe, not a regular file");
    if (S_ISCHR(mode))
        return QObject::tr("a character device, not a regular file");
    if (S_ISBLK(mode))
        return QObject::tr("a block device, not a regular file");
    if (S_ISSOCK(mode))
        return QObject::tr("a socket, not a regular file");
    return QObject::tr("not a regular file");
}

// Reads `device` to its end, at most `limit` + 1 bytes (the one more tells that there was more).
// `expected` (a regular file's size) sizes the buffer once; a stream grows it as its bytes come.
bool readUpTo(QIODevice &device, QByteArray *data, qint64 limit, qint64 expected)
{
    constexpr qint64 Chunk = 1 << 20;
    data->clear();
    data->reserve(qsizetype(std::clamp<qint64>(expected + 1, 1, limit + 1)));
    for (;;) {
        qint64 room = limit + 1 - data->size();
        if (room <= 0)
            break;
        room = std::min<qint64>(room, std::max<qint64>(Chunk, data->capacity() - data->size()));
        const qsizetype before = data->size();
        data->resize(before + qsizetype(room));
        // QFile reads until it has `room` bytes or meets the end: a short read is the end.
        const qint64 got = device.read(data->data() + before, room);
        data->resize(before + qsizetype(std::max<qint64>(got, 0)));
        if (got < room)
            break;
    }
    return data->size() <= limit;
}

QString suffixOf(const QString &fileName)
{
    const QString name = QFileInfo(fileName).fileName();
    const qsizetype dot = name.lastIndexOf(u'.');
    return dot > 0 ? name.mid(dot + 1).toLower() : QString();
}

} // namespace

QString ImportMessage::toString() const
{
    QString oneLine = text;
    oneLine.replace(u'\n', u' ');
    oneLine.replace(u'\r', u' ');
    const QString name = displayFileName(file);
    return line > 0 ? QStringLiteral("%1:%2: %3").arg(name).arg(line).arg(oneLine)
                    : QStringLiteral("%1: %2").arg(name, oneLine);
}

bool isHiddenPath(const QString &path, const QString &root)
{
    const QString clean = QDir::cleanPath(QDir::fromNativeSeparators(path));
    QString relative = QFileInfo(clean).fileName();
    if (!root.isEmpty()) {
        const QString base = QDir::cleanPath(QDir::fromNativeSeparators(root));
        if (clean.startsWith(base + u'/'))
            relative = clean.mid(base.size() + 1);
    }
    for (QStringView part : QStringView(relative).split(u'/', Qt::SkipEmptyParts)) {
        if (part.startsWith(u'.') && part != u"." && part != u"..")
            return true;
    }
    return false;
}

ArticleFormat formatForName(const QString &fileName)
{
    const QString suffix = suffixOf(fileName);
    if (suffix.isEmpty() || suffix == u"text" || suffix == u"md" || suffix == u"markdown")
        return ArticleFormat::PlainText;
    if (suffix == u"txt")
        return isUnGeneralDebateName(fileName) ? ArticleFormat::UnGeneralDebate : ArticleFormat::PlainText;
    if (suffix == u"html" || suffix == u"htm" || suffix == u"xhtml")
        return ArticleFormat::Html;
    if (suffix == u"json")
        return ArticleFormat::Json;
    if (suffix == u"jsonl" || suffix == u"ndjson")
        return ArticleFormat::JsonLines;
    if (suffix == u"csv")
        return ArticleFormat::Csv;
    if (suffix == u"tsv" || suffix == u"tab")
        return ArticleFormat::Tsv;
    return ArticleFormat::Unsupported;
}

FileReadResult readArticleFile(const QString &path, const QString &root)
{
    // The name may hold bytes that are no UTF-8 (filenames.h): the file is looked at and opened by its bytes, and
    // shown and stored with a replacement character for each.
    const QString shown = displayFileName(path);
    struct stat st;
    if (::stat(encodeFileName(path).constData(), &st) != 0)
        return skipped(shown, QObject::tr("no such file"));
    if (S_ISDIR(st.st_mode))
        return skipped(shown, QObject::tr("a folder, not a file"));
    const qint64 size = S_ISREG(st.st_mode) ? qint64(st.st_size) : 0;
    if (isHiddenPath(path, root))
        return skipped(shown,
            QFileInfo(path).fileName().startsWith(u'.') ? QObject::tr("hidden file")
                                                        : QObject::tr("inside a hidden folder"));
    if (formatForName(path) == ArticleFormat::Unsupported)
        return skipped(shown, QObject::tr("unsupported file type (.%1)").arg(suffixOf(path)), size);
    QByteArray data;
    QString why;
    if (!readRegularFile(path, &data, &why))
        return skipped(shown, why, size);
    return readArticleData(absoluteFileName(shown), data);
}

bool openRegularFile(const QString &path, QFile *file, QString *why)
{
    const QByteArray name = encodeFileName(path);
    // A look at the name first: a device is not even opened (opening some has side effects).
    struct stat st;
    if (::stat(name.constData(), &st) == 0 && !S_ISREG(st.st_mode)) {
        *why = notRegular(st.st_mode);
        return false;
    }
    // O_NONBLOCK: opening a named pipe waits for a writer, forever if none comes. The check on the
    // open descriptor catches a pipe put in the file's place since the look above.
    const int fd = ::open(name.constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *why = QObject::tr("cannot read (%1)").arg(qt_error_string(errno));
        return false;
    }
    if (::fstat(fd, &st) != 0) {
        *why = QObject::tr("cannot read (%1)").arg(qt_error_string(errno));
        ::close(fd);
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = notRegular(st.st_mode);
        ::close(fd);
        return false;
    }
    if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        *why = QObject::tr("cannot read (%1)").arg(file->errorString());
        ::close(fd);
        return false;
    }
    return true;
}

bool readRegularFile(const QString &path, QByteArray *data, QString *why, qint64 limit)
{
    data->clear();
    QFile file;
    if (!openRegularFile(path, &file, why))
        return false;
    const qint64 size = file.size();
    if (size > limit) {
        *why = tooLarge(size, limit);
        return false;
    }
    const bool whole = readUpTo(file, data, limit, size);
    if (file.error() != QFileDevice::NoError) {
        *why = QObject::tr("cannot read (%1)").arg(file.errorString());
        data->clear();
        return false;
    }
    if (!whole) { // it grew while it was read
        *why = tooLarge(data->size(), limit);
        data->clear();
        return false;
    }
    return true;
}

bool readCapped(QIODevice &device, QByteArray *data, qint64 limit)
{
    return readUpTo(device, data, limit, 0);
}

FileReadResult readArticleData(const QString &path, const QByteArray &data)
{
    ArticleFormat format = formatForName(path);
    if (format == ArticleFormat::Unsupported)
        return skipped(path, QObject::tr("unsupported file type (.%1)").arg(suffixOf(path)), data.size());
    if (data.isEmpty())
        return skipped(path, QObject::tr("empty file"));
    if (const QString kind = binaryKind(data); !kind.isEmpty())
        return skipped(path, QObject::tr("not a text file (%1)").arg(kind), data.size());

    FileReadResult out;
    out.bytes = data.size();
    DecodedText decoded = decodeText(data);
    if (!decoded.warning.isEmpty())
        out.messages.append(ImportMessage { path, 0, decoded.warning, false });
    if (QStringView(decoded.text).trimmed().isEmpty()) {
        out.messages.append(ImportMessage { path, 0, QObject::tr("skipped: empty file (white space only)"), true });
        return out;
    }

    if ((format == ArticleFormat::PlainText || format == ArticleFormat::UnGeneralDebate) && looksLikeHtml(decoded.text))
        format = ArticleFormat::Html;
    switch (format) {
    case ArticleFormat::PlainText:
        out.articles.append(readPlainText(decoded.text, path));
        break;
    case ArticleFormat::UnGeneralDebate:
        out.articles.append(readUnGeneralDebate(decoded.text, path));
        break;
    case ArticleFormat::Html:
        out.articles.append(readHtml(decoded.text));
        break;
    case ArticleFormat::Json:
        readJson(decoded.text, path, out);
        break;
    case ArticleFormat::JsonLines:
        readJsonLines(decoded.text, path, out);
        break;
    case ArticleFormat::Csv:
        readDelimited(decoded.text, path, u',', out);
        break;
    case ArticleFormat::Tsv:
        readDelimited(decoded.text, path, u'\t', out);
        break;
    case ArticleFormat::Unsupported:
        break;
    }
    decoded.text.clear();

    const bool wholeFile = format != ArticleFormat::Json && format != ArticleFormat::JsonLines
        && format != ArticleFormat::Csv && format != ArticleFormat::Tsv;
    for (qsizetype i = 0; i < out.articles.size();) {
        ArticleRecord &r = out.articles[i];
        if (wholeFile && QStringView(r.text).trimmed().isEmpty()) {
            out.messages.append(ImportMessage { path, 0, QObject::tr("skipped: no article text found"), true });
            out.articles.removeAt(i);
            continue;
        }
        r.file = path;
        if (r.language.isEmpty())
            r.language = guessLanguage(r.text);
        ++i;
    }
    if (!wholeFile && out.articles.isEmpty()) {
        bool anySkipped = false;
        for (const ImportMessage &m : out.messages)
            anySkipped = anySkipped || m.skipped;
        if (!anySkipped)
            out.messages.append(ImportMessage { path, 0, QObject::tr("skipped: no records with text"), true });
    }
    return out;
}

} // namespace entente
