#pragma once

#include "article.h"

#include <QByteArray>
#include <QList>
#include <QString>

class QFile;
class QIODevice;

namespace entente {

// The largest file (or standard input) read whole: larger ones are refused rather than held twice
// in memory (bytes and UTF-16).
inline constexpr qint64 MaxFileBytes = 256ll << 20;

// One line for the import log about one file or one record of it.
struct ImportMessage
{
    QString file;
    int line = 0; // 1-based line or record; 0 for the whole file
    QString text;
    bool skipped = false; // nothing of the file was imported

    // "file:line: text" or "file: text", on one line.
    [[nodiscard]] QString toString() const;
};

struct FileReadResult
{
    QList<ArticleRecord> articles;
    QList<ImportMessage> messages;
    qint64 bytes = 0; // the file's size
};

// Reads one file into articles: checks that it is a readable text file, decodes it (UTF-8,
// UTF-16/32 with a byte order mark, else Windows-1252 with a message) and reads it by its
// format: plain text and Markdown, HTML, JSON / JSON Lines, CSV / TSV, and the UN General
// Debate layout (CHN_78_2023.txt). Thread-safe: no store, no SQL, no shared state; the
// importer calls it from worker threads.
//
//     const entente::FileReadResult r = entente::readArticleFile(path);
//     for (const auto &m : r.messages) log(m.toString());
//
// `root`, when given, is the folder the user chose: a file inside a hidden folder below it is
// skipped. Without it only the file's own name is checked, since the chosen folder itself may
// sit in a hidden one.
[[nodiscard]] FileReadResult readArticleFile(const QString &path, const QString &root = {});

// The same for bytes already read (tests, drag and drop); `path` gives the name and type.
[[nodiscard]] FileReadResult readArticleData(const QString &path, const QByteArray &data);

// Opens `path` for reading when it is a regular file. Anything else (a named pipe, a device, a
// socket, a folder) is refused without blocking: the file is opened without waiting for a writer
// and checked on its open descriptor, so that a pipe put in its place after a look at the name is
// refused too. False with `why` ("a named pipe, not a regular file", "cannot read (Permission
// denied)") when it is not opened.
bool openRegularFile(const QString &path, QFile *file, QString *why);

// Reads the regular file `path` whole into `data`, at most `limit` bytes; false with `why` as
// openRegularFile() says it, or "file too large (300 MB; the limit is 256 MB)".
bool readRegularFile(const QString &path, QByteArray *data, QString *why, qint64 limit = MaxFileBytes);

// Reads `device` (standard input, a pipe) to its end into `data`, stopping after `limit` bytes:
// false when there was more.
bool readCapped(QIODevice &device, QByteArray *data, qint64 limit = MaxFileBytes);

// A name starting with '.' in the file or in a folder between `root` and it.
[[nodiscard]] bool isHiddenPath(const QString &path, const QString &root = {});

// The formats readArticleData dispatches to, chosen from the extension and the content.
enum class ArticleFormat { Unsupported, PlainText, Html, Json, JsonLines, Csv, Tsv, UnGeneralDebate };

[[nodiscard]] ArticleFormat formatForName(const QString &fileName);

} // namespace entente
