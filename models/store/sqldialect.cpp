#include "sqldialect.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QVariant>

namespace entente::sql {

Dialect dialectOf(const QSqlDatabase &db)
{
    const QSqlDriver *driver = db.driver();
    return driver && driver->dbmsType() == QSqlDriver::PostgreSQL ? Dialect::PostgreSQL : Dialect::SQLite;
}

QString searchIds(Dialect d)
{
    if (d == Dialect::PostgreSQL)
        return QStringLiteral("SELECT id FROM articles WHERE tsv @@ websearch_to_tsquery('simple', ?)");
    return QStringLiteral("SELECT rowid AS id FROM articles_fts WHERE articles_fts MATCH ?");
}

QString indexedBy(Dialect d, const char *index)
{
    return d == Dialect::SQLite ? QStringLiteral(" INDEXED BY ") + QLatin1String(index) : QString();
}

QString total(Dialect d, const QString &expr)
{
    // PostgreSQL's sum of integers is an integer: the cast keeps the double that total() gives.
    return d == Dialect::PostgreSQL ? QStringLiteral("coalesce(sum(CAST(%1 AS double precision)), 0)").arg(expr)
                                    : QStringLiteral("total(%1)").arg(expr);
}

QString least(Dialect d, const QString &x, const QString &y)
{
    return QStringLiteral("%1(%2, %3)")
        .arg(d == Dialect::PostgreSQL ? QStringLiteral("LEAST") : QStringLiteral("min"), x, y);
}

QString greatest(Dialect d, const QString &x, const QString &y)
{
    return QStringLiteral("%1(%2, %3)")
        .arg(d == Dialect::PostgreSQL ? QStringLiteral("GREATEST") : QStringLiteral("max"), x, y);
}

QString nullsAsSQLite(Dialect d, bool ascending)
{
    if (d == Dialect::SQLite)
        return {};
    return ascending ? QStringLiteral(" NULLS FIRST") : QStringLiteral(" NULLS LAST");
}

bool streamsBesideOtherQueries(Dialect d)
{
    return d == Dialect::SQLite;
}

QString column(Dialect d, const char *name)
{
    return d == Dialect::PostgreSQL ? QStringLiteral("\"%1\"").arg(QLatin1String(name)) : QLatin1String(name);
}

QString isNot(Dialect d)
{
    return d == Dialect::PostgreSQL ? QStringLiteral("IS DISTINCT FROM") : QStringLiteral("IS NOT");
}

QString typed(Dialect d, const char *type)
{
    return d == Dialect::PostgreSQL ? QStringLiteral("CAST(? AS %1)").arg(QLatin1String(type)) : QStringLiteral("?");
}

QString beginWrite(Dialect d)
{
    return d == Dialect::PostgreSQL ? QStringLiteral("BEGIN") : QStringLiteral("BEGIN IMMEDIATE");
}

QString lockEdits(Dialect d, bool alone)
{
    if (d == Dialect::SQLite)
        return {};
    return alone ? QStringLiteral("SELECT pg_advisory_xact_lock(4561747475)")
                 : QStringLiteral("SELECT pg_advisory_xact_lock_shared(4561747475)");
}

QString returningId(Dialect d)
{
    return d == Dialect::PostgreSQL ? QStringLiteral(" RETURNING id") : QString();
}

qint64 insertedId(Dialect d, QSqlQuery &insert)
{
    if (d == Dialect::PostgreSQL)
        return insert.next() ? insert.value(0).toLongLong() : -1;
    return insert.lastInsertId().toLongLong();
}

bool hasTable(const QSqlDatabase &db, const QString &name)
{
    QSqlQuery q(db);
    if (dialectOf(db) == Dialect::PostgreSQL) {
        q.prepare(QStringLiteral("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = ?"
                                 " UNION ALL SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND indexname = ?"));
        q.addBindValue(name);
    } else {
        q.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE name = ?"));
    }
    q.addBindValue(name);
    return q.exec() && q.next();
}

} // namespace entente::sql
