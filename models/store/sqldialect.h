#pragma once

#include <QString>

class QSqlDatabase;
class QSqlQuery;

namespace entente::sql {

// The few places where the SQL of a store file (SQLite) and of a server store (PostgreSQL, PgStore) part ways,
// written once: the models build their queries from these and stay the same on both. On SQLite each gives the text
// the models used before, byte for byte, so that a store file's queries and plans do not change.
//
//     const sql::Dialect d = sql::dialectOf(store.database());
//     q.prepare(QStringLiteral("SELECT count(*) FROM articles WHERE id IN (%1)").arg(sql::searchIds(d)));
//     q.addBindValue(userQuery);
enum class Dialect { SQLite, PostgreSQL };

[[nodiscard]] Dialect dialectOf(const QSqlDatabase &db);

// "SELECT ... AS id" of the articles a full-text search finds, with one "?" for the user's query: FTS5's MATCH on a
// store file, the tsvector column under websearch_to_tsquery on a server (words, "a phrase", OR, -word).
[[nodiscard]] QString searchIds(Dialect d);

// " INDEXED BY index" on SQLite, where the models pin the index a plan must read; nothing on PostgreSQL, whose
// planner has no such clause.
[[nodiscard]] QString indexedBy(Dialect d, const char *index);

// The sum of `expr` over a group as a floating-point number, 0.0 for no rows: SQLite's total(), coalesce(sum())
// on PostgreSQL.
[[nodiscard]] QString total(Dialect d, const QString &expr);

// The smaller and the larger of two values: SQLite's scalar min() and max(), LEAST and GREATEST on PostgreSQL.
[[nodiscard]] QString least(Dialect d, const QString &x, const QString &y);
[[nodiscard]] QString greatest(Dialect d, const QString &x, const QString &y);

// Where NULL goes in an ORDER BY term, as SQLite puts it (first when ascending, last when descending), to append
// after "ASC" or "DESC": PostgreSQL puts it the other way round unless told. Nothing on SQLite.
[[nodiscard]] QString nullsAsSQLite(Dialect d, bool ascending);

// Whether a forward-only query may stay open, its rows read as they come, while other queries run on the same
// connection: on SQLite it may. QPSQL reads a forward-only query's rows one at a time from the server, and the next
// query on the connection discards the rest: a query whose rows are read while others run reads its whole result
// first there (setForwardOnly(false)).
[[nodiscard]] bool streamsBesideOtherQueries(Dialect d);

// A column whose name PostgreSQL reserves ("end"), as a query names it: quoted on a server, as it stands on SQLite.
[[nodiscard]] QString column(Dialect d, const char *name);

// The operator that tells two values apart with NULL a value like any other: SQLite's IS NOT, PostgreSQL's IS
// DISTINCT FROM.
[[nodiscard]] QString isNot(Dialect d);

// A bound value ("?") of SQL type `type`: PostgreSQL infers a parameter's type from where it stands and takes one in
// a SELECT list (INSERT ... SELECT ?) or a function of any type (json_build_array(?)) for text; SQLite needs no type.
[[nodiscard]] QString typed(Dialect d, const char *type);

// The statement that opens a transaction that writes: BEGIN IMMEDIATE on SQLite (the write lock from its start, so
// that what it reads is what it writes over), BEGIN on PostgreSQL (whose rows lock as they are written).
[[nodiscard]] QString beginWrite(Dialect d);
// On a server, what orders edits and imports as BEGIN IMMEDIATE does on a store file, to run first in their
// transactions: an edit (EditLog) takes the lock alone, an import's batch (PgStore) shares it with other batches. An
// edit made while a batch is open would otherwise not see the batch's new rows, nor the batch see the edit, and the
// edit would never reach them. A transaction-scoped advisory lock, taken before any row lock (no deadlock), which
// every role may take. Empty on SQLite.
[[nodiscard]] QString lockEdits(Dialect d, bool alone);

// What follows an INSERT whose new row's id the caller wants (insertedId()): PostgreSQL's QPSQL knows no last
// insert id of a table without OIDs, RETURNING gives it; nothing on SQLite, which keeps its rowid.
[[nodiscard]] QString returningId(Dialect d);
[[nodiscard]] qint64 insertedId(Dialect d, QSqlQuery &insert);

// Whether the store has the table (or index) `name`: sqlite_master on a store file, the catalogue on a server.
[[nodiscard]] bool hasTable(const QSqlDatabase &db, const QString &name);

} // namespace entente::sql
