#include "filereader.h"

#include "htmlreader.h"
#include "languageguess.h"
#include "plaintextreader.h"
#include "structuredreader.h"
#include "textdecoder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>

namespace entente {

namespace {

// Larger files are refused rather than held twice in memory (bytes and UTF-16).
constexpr qint64 MaxFileBytes = 256ll << 20;

FileReadResult skipped(const QString &path, const QString &reason, qint64 bytes = 0)
{
    FileReadResult out;
    out.bytes = bytes;
    out.messages.append(ImportMessage { path, 0, QObject::tr("skipped: %1").arg(reason), true });
    return out;
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
    return line > 0 ? QStringLiteral("%1:%2: %3").arg(file).arg(line).arg(oneLine)
                    : QStringLiteral("%1: %2").arg(file, oneLine);
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
    const QFileInfo info(path);
    if (!info.exists())
        return skipped(path, QObject::tr("no such file"));
    if (info.isDir())
        return skipped(path, QObject::tr("a folder, not a file"));
    if (isHiddenPath(path, root))
        return skipped(path,
            info.fileName().startsWith(u'.') ? QObject::tr("hidden file") : QObject::tr("inside a hidden folder"));
    if (formatForName(path) == ArticleFormat::Unsupported)
        return skipped(path, QObject::tr("unsupported file type (.%1)").arg(suffixOf(path)), info.size());
    if (info.size() > MaxFileBytes)
        return skipped(path,
            QObject::tr("file too large (%1 MB; the limit is %2 MB)").arg(info.size() >> 20).arg(MaxFileBytes >> 20),
            info.size());
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return skipped(path, QObject::tr("cannot read (%1)").arg(file.errorString()), info.size());
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return skipped(path, QObject::tr("cannot read (%1)").arg(file.errorString()), info.size());
    return readArticleData(info.absoluteFilePath(), data);
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
