#include "extractionversion.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QStringList>

namespace entente {

namespace {

// A digest of every resource file below `roots`, in sorted order, each as its path, its size and
// its bytes: a renamed, added or removed file changes it as a changed byte does.
QString digestOf(const QStringList &roots)
{
    QStringList files;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
    }
    files.sort();
    QCryptographicHash h(QCryptographicHash::Sha1);
    for (const QString &name : files) {
        QFile f(name);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        h.addData(name.toUtf8());
        h.addData(QByteArrayView("\0", 1));
        h.addData(QByteArray::number(f.size()));
        h.addData(QByteArrayView("\0", 1));
        h.addData(&f);
    }
    return QString::fromLatin1(h.result().toHex());
}

} // namespace

const ExtractionVersion &ExtractionVersion::current()
{
    // The prefixes of the resources models/extract/CMakeLists.txt compiles in.
    static const ExtractionVersion version { Format, digestOf({ QStringLiteral(":/models") }),
        digestOf({ QStringLiteral(":/resources/lexicon"), QStringLiteral(":/gazetteer") }) };
    return version;
}

} // namespace entente
