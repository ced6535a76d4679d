#pragma once

#include <QByteArray>
#include <QString>

class QSqlDatabase;
struct sqlite3;
struct sqlite3_stmt;

namespace entente {

// A prepared statement straight on SQLite's C API, for the import's hot path: a million
// mentions through QSqlQuery spend more time boxing QVariants than SQLite spends storing
// them. It runs on the handle of a connection opened through Qt Sql, so transactions begun
// there include it. Binding indices are 1-based, as in SQLite.
class SqliteStatement
{
public:
    SqliteStatement() = default;
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    bool prepare(sqlite3 *db, const char *sql);

    // Text is bound without a copy: the QString must live until step() returns.
    void bind(int index, const QString &text);
    void bind(int index, const QByteArray &blob);
    // UTF-8 bound as text, also without a copy.
    void bindText(int index, const QByteArray &utf8);
    void bind(int index, qint64 value);
    void bind(int index, int value) { bind(index, qint64(value)); }
    void bind(int index, double value);
    void bindNull(int index);

    // Runs the statement once; true for SQLITE_DONE or SQLITE_ROW. Resets it when done.
    bool exec();
    // After exec() of a statement with a RETURNING clause or a SELECT: the first column.
    [[nodiscard]] qint64 resultInt64() const { return m_result; }
    [[nodiscard]] bool hasRow() const { return m_hasRow; }
    [[nodiscard]] int errorCode() const { return m_error; }
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] bool diskFull() const;

private:
    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    qint64 m_result = 0;
    bool m_hasRow = false;
    int m_error = 0;
};

// The sqlite3 handle behind a QSQLITE connection; nullptr if the driver is not SQLite.
[[nodiscard]] sqlite3 *sqliteHandle(const QSqlDatabase &db);

// Qt's SQLite driver drops its handle when sqlite3_close() refuses it because statements are still prepared,
// and the connection would live on unreachable. This names those statements in a warning (a bug to fix) and
// hands the connection to sqlite3_close_v2(), which ends it with the last of them.
void releaseRefusedConnection(sqlite3 *db, const QString &path);

} // namespace entente
