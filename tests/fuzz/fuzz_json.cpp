// libFuzzer target: JSON and JSON Lines files (records, fields, dates), read the way the
// importer reads them.
#include "filereader.h"
#include "recordfields.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)entente::readArticleData(QStringLiteral("articles.json"), bytes);
    (void)entente::readArticleData(QStringLiteral("articles.jsonl"), bytes);
    // The date parser on its own, one line at a time, as a record's date field reaches it.
    if (size <= 256)
        (void)entente::parseDateValue(QString::fromUtf8(bytes));
    return 0;
}
