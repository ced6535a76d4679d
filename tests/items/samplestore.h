#pragma once

// A store of the sample corpus, imported with extraction into a temporary folder, shared by
// the model tests.
#include "importer.h"
#include "store.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

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
