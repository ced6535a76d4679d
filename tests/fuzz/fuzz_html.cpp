// libFuzzer target: a saved web page, read the way the importer reads it.
#include "filereader.h"
#include "htmlreader.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)entente::readArticleData(QStringLiteral("page.html"), bytes);
    (void)entente::decodeHtmlEntities(QString::fromUtf8(bytes));
    return 0;
}
