#pragma once

// The text corpus the extraction benchmarks read: a folder of .txt files, by default the UN General Debate
// speeches unpacked from ../shared/corpus/ungdc.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QList>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <limits>

namespace entente::bench {

// Unpacks the UN General Debate corpus into `into`; its path, or an empty string when tar fails.
inline QString unpackUnCorpus(const QTemporaryDir &into)
{
    const QString tarball = QStringLiteral(ENTENTE_SHARED_DIR "/corpus/ungdc/ungdc-1946-2023.tar.xz");
    const int status = QProcess::execute(
        QStringLiteral("tar"), { QStringLiteral("-xJf"), tarball, QStringLiteral("-C"), into.path() });
    return status == 0 ? into.path() : QString();
}

struct CorpusFile
{
    QString path;
    QString text;
};

// The .txt files under `dir` in sorted order (so that a limit picks the same files every time), read and decoded,
// until `limitBytes` have been read; files that cannot be opened are left out. `bytes` gets the bytes read.
inline QList<CorpusFile> readCorpus(
    const QString &dir, qint64 limitBytes = std::numeric_limits<qint64>::max(), qint64 *bytes = nullptr)
{
    QStringList paths;
    for (QDirIterator it(dir, { QStringLiteral("*.txt") }, QDir::Files, QDirIterator::Subdirectories); it.hasNext();)
        paths << it.next();
    paths.sort();
    QList<CorpusFile> out;
    qint64 read = 0;
    for (const QString &path : std::as_const(paths)) {
        if (read >= limitBytes)
            break;
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray data = f.readAll();
        read += data.size();
        out.append({ path, QString::fromUtf8(data) });
    }
    if (bytes)
        *bytes = read;
    return out;
}

} // namespace entente::bench
