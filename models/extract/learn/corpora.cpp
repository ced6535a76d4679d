#include "corpora.h"

#include <QFile>
#include <QProcess>
#include <QStringDecoder>

namespace entente::learn {

QByteArray readCorpusFile(const QString &path, QString *error)
{
    if (path.endsWith(u".xz")) {
        if (!QFile::exists(path)) {
            if (error)
                *error = QStringLiteral("%1: no such file").arg(path);
            return {};
        }
        QProcess xz;
        xz.start(QStringLiteral("xz"), { QStringLiteral("-dc"), path });
        if (!xz.waitForStarted()) {
            if (error)
                *error = QStringLiteral("%1: cannot run xz to decompress it").arg(path);
            return {};
        }
        xz.closeWriteChannel();
        QByteArray data;
        while (xz.waitForReadyRead(-1))
            data += xz.readAllStandardOutput();
        xz.waitForFinished(-1);
        data += xz.readAllStandardOutput();
        if (xz.exitStatus() != QProcess::NormalExit || xz.exitCode() != 0) {
            if (error)
                *error = QStringLiteral("%1: xz failed: %2")
                             .arg(path, QString::fromLocal8Bit(xz.readAllStandardError()).trimmed());
            return {};
        }
        return data;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, f.errorString());
        return {};
    }
    return f.readAll();
}

QList<ConlluSentence> parseConllu(const QByteArray &data)
{
    QList<ConlluSentence> out;
    ConlluSentence current;
    QString docId;
    const auto flush = [&] {
        if (!current.words.isEmpty()) {
            current.docId = docId;
            out.append(std::move(current));
        }
        current = ConlluSentence();
    };
    const QString text = QString::fromUtf8(data);
    for (QStringView line : QStringView(text).split(u'\n')) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.isEmpty()) {
            flush();
            continue;
        }
        if (line.startsWith(u'#')) {
            const QStringView body = line.sliced(1).trimmed();
            const auto value = [&](QStringView key) -> std::optional<QString> {
                if (!body.startsWith(key))
                    return std::nullopt;
                QStringView rest = body.sliced(key.size()).trimmed();
                if (!rest.startsWith(u'='))
                    return std::nullopt;
                return rest.sliced(1).trimmed().toString();
            };
            if (const auto v = value(u"newdoc id"))
                docId = *v;
            else if (const auto v = value(u"sent_id"))
                current.id = *v;
            else if (const auto v = value(u"text"))
                current.text = *v;
            continue;
        }
        const QList<QStringView> cols = line.split(u'\t');
        if (cols.size() < 10)
            continue;
        // "3-4" multi-word token lines and "5.1" empty nodes carry no word of the basic tree.
        if (cols[0].contains(u'-') || cols[0].contains(u'.'))
            continue;
        ConlluWord w;
        w.form = cols[1].toString();
        w.lemma = cols[2].toString();
        w.upos = cols[3].toString();
        w.xpos = cols[4].toString();
        w.feats = cols[5].toString();
        w.head = cols[6].toInt();
        w.deprel = cols[7].toString();
        w.misc = cols[9].toString();
        w.spaceAfter = !w.misc.contains(u"SpaceAfter=No");
        current.words.append(std::move(w));
    }
    flush();
    return out;
}

QList<ConlluSentence> readConllu(const QString &path, QString *error)
{
    const QByteArray data = readCorpusFile(path, error);
    return data.isEmpty() ? QList<ConlluSentence> {} : parseConllu(data);
}

QList<ColumnSentence> parseColumns(const QByteArray &data)
{
    QList<ColumnSentence> out;
    ColumnSentence current;
    QString docId;
    int docNumber = 0;
    const auto flush = [&] {
        if (!current.rows.isEmpty()) {
            current.docId = docId;
            out.append(std::move(current));
        }
        current = ColumnSentence();
    };
    const QString text = QString::fromUtf8(data);
    for (QStringView line : QStringView(text).split(u'\n')) {
        if (line.endsWith(u'\r'))
            line.chop(1);
        if (line.trimmed().isEmpty()) {
            flush();
            continue;
        }
        if (line.startsWith(u"# ")) {
            const QStringView body = line.sliced(2).trimmed();
            if (body.startsWith(u"newdoc id")) {
                flush();
                const qsizetype eq = body.indexOf(u'=');
                docId = eq < 0 ? QString() : body.sliced(eq + 1).trimmed().toString();
            }
            continue;
        }
        if (line.startsWith(u"-DOCSTART-")) {
            flush();
            docId = QStringLiteral("doc-%1").arg(++docNumber);
            continue;
        }
        const QList<QStringView> parts
            = line.contains(u'\t') ? line.split(u'\t') : line.split(u' ', Qt::SkipEmptyParts);
        QStringList row;
        row.reserve(parts.size());
        for (const QStringView p : parts)
            row.append(p.toString());
        current.rows.append(std::move(row));
    }
    flush();
    return out;
}

QList<ColumnSentence> readColumns(const QString &path, QString *error)
{
    const QByteArray data = readCorpusFile(path, error);
    return data.isEmpty() ? QList<ColumnSentence> {} : parseColumns(data);
}

QString trainingDataDir()
{
    const QString env = qEnvironmentVariable("ENTENTE_TRAINING_DIR");
    if (!env.isEmpty())
        return env;
#ifdef ENTENTE_SOURCE_DIR
    return QStringLiteral(ENTENTE_SOURCE_DIR "/../shared/data/training");
#else
    return QStringLiteral("../shared/data/training");
#endif
}

} // namespace entente::learn
