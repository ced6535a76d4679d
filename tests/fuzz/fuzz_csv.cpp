// libFuzzer target: CSV and TSV files with a header row, read the way the importer reads them.
#include "filereader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)entente::readArticleData(QStringLiteral("articles.csv"), bytes);
    (void)entente::readArticleData(QStringLiteral("articles.tsv"), bytes);
    return 0;
}
