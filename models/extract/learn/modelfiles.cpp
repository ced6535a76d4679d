#include "modelfiles.h"

#include <QDir>
#include <QFile>
#include <QResource>

namespace entente::learn {

QByteArray modelFile(const QString &name)
{
    const QString dir = qEnvironmentVariable("ENTENTE_MODELS_DIR");
    if (!dir.isEmpty()) {
        QFile f(QDir(dir).filePath(name));
        if (f.open(QIODevice::ReadOnly))
            return f.readAll();
    }
    // Compiled in without compression: the resource's bytes are used where they are, not copied.
    const QResource r(QStringLiteral(":/models/") + name);
    if (!r.isValid() || r.compressionAlgorithm() != QResource::NoCompression)
        return {};
    return QByteArray::fromRawData(reinterpret_cast<const char *>(r.data()), qsizetype(r.size()));
}

} // namespace entente::learn
