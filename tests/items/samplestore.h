#pragma once

// A store of the sample corpus, imported with extraction into a temporary folder, shared by
// the model tests.
#include "importer.h"
#include "store.h"
#include "storesession.h"

#include <QDir>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace entente::test {

inline QString importSamples(const QTemporaryDir &dir)
{
    const QString path = dir.filePath(QStringLiteral("samples.entente"));
    Store create;
    if (!create.open(path, Store::OpenMode::CreateIfMissing))
        return {};
    create.close();
    Importer importer(path);
    const ImportSummary summary = importer.run({ QStringLiteral(ENTENTE_SAMPLES_DIR) });
    return summary.ok() && summary.totals.imported > 0 ? path : QString();
}

// A store of the sample articles imported in two goes, as into an open window: `first` of them, then
// importRest() adds the others. Empty when the store cannot be made.
inline QString importFirstSamples(const QTemporaryDir &dir, int first)
{
    const QString path = dir.filePath(QStringLiteral("growing.entente"));
    Store create;
    if (!create.open(path, Store::OpenMode::CreateIfMissing))
        return {};
    create.close();
    const QDir samples(QStringLiteral(ENTENTE_SAMPLES_DIR));
    QStringList files;
    for (const QString &name : samples.entryList(QDir::Files, QDir::Name).mid(0, first))
        files << samples.filePath(name);
    Importer importer(path);
    return importer.run(files).ok() ? path : QString();
}

// A session on importFirstSamples()'s store, as a window holds it while importRest() adds to it; null when
// either fails.
inline std::shared_ptr<StoreSession> firstSamplesSession(const QTemporaryDir &dir, int first)
{
    const QString path = importFirstSamples(dir, first);
    return path.isEmpty() ? nullptr : StoreSession::open(path);
}

inline bool importRest(const QString &path, int first)
{
    const QDir samples(QStringLiteral(ENTENTE_SAMPLES_DIR));
    QStringList files;
    for (const QString &name : samples.entryList(QDir::Files, QDir::Name).mid(first))
        files << samples.filePath(name);
    Importer importer(path);
    const ImportSummary summary = importer.run(files);
    return summary.ok() && summary.totals.imported == files.size();
}

// Every article id of the store, for checks that walk all of them.
inline QList<qint64> articleIds(const Store &store)
{
    QList<qint64> ids;
    QSqlQuery q(store.database());
    q.exec(QStringLiteral("SELECT id FROM articles ORDER BY id"));
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

// The first column of the first row of `sql` with `binds`; -1 when the query gives none.
inline qint64 scalar(const Store &store, const QString &sql, const QVariantList &binds = {})
{
    QSqlQuery q(store.database());
    q.prepare(sql);
    for (const QVariant &v : binds)
        q.addBindValue(v);
    if (!q.exec() || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace entente::test
