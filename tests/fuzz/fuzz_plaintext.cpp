// libFuzzer target: a file read as plain text or Markdown, and as a UN General Debate speech, the
// way the importer reads it (readArticleData: checks, decoding, then the reader its name picks).
#include "filereader.h"
#include "plaintextreader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)entente::readArticleData(QStringLiteral("article.txt"), bytes);
    (void)entente::readArticleData(QStringLiteral("article.md"), bytes);
    (void)entente::readArticleData(QStringLiteral("CHN_78_2023.txt"), bytes);
    (void)entente::cleanTitle(QString::fromUtf8(bytes));
    return 0;
}
