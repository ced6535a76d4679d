#include "sqlitestatement.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QStringList>
#include <QVariant>

#include <sqlite3.h>

namespace entente {

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

bool SqliteStatement::prepare(sqlite3 *db, const char *sql)
{
    m_db = db;
    sqlite3_finalize(m_stmt);
    m_stmt = nullptr;
    m_error = sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr);
    return m_error == SQLITE_OK;
}

void SqliteStatement::bind(int index, const QString &text)
{
    // SQLITE_STATIC: SQLite reads the UTF-16 in place during step(); the caller keeps it alive.
    static const char16_t empty[] = u"";
    const void *data = text.isNull() ? static_cast<const void *>(empty) : static_cast<const void *>(text.utf16());
    sqlite3_bind_text16(m_stmt, index, data, int(text.size() * 2), SQLITE_STATIC);
}

void SqliteStatement::bind(int index, const QByteArray &blob)
{
    sqlite3_bind_blob(m_stmt, index, blob.constData(), int(blob.size()), SQLITE_STATIC);
}

void SqliteStatement::bindText(int index, const QByteArray &utf8)
{
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_STATIC);
}

void SqliteStatement::bind(int index, qint64 value)
{
    sqlite3_bind_int64(m_stmt, index, value);
}

void SqliteStatement::bind(int index, double value)
{
    sqlite3_bind_double(m_stmt, index, value);
}

void SqliteStatement::bindNull(int index)
{
    sqlite3_bind_null(m_stmt, index);
}

bool SqliteStatement::exec()
{
    m_error = sqlite3_step(m_stmt);
    const bool ok = m_error == SQLITE_DONE || m_error == SQLITE_ROW;
    m_hasRow = m_error == SQLITE_ROW;
    m_result = m_hasRow ? sqlite3_column_int64(m_stmt, 0) : 0;
    if (ok)
        m_error = SQLITE_OK;
    else
        m_error = sqlite3_extended_errcode(m_db);
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return ok;
}

QString SqliteStatement::errorText() const
{
    return QString::fromUtf8(sqlite3_errstr(m_error));
}

bool SqliteStatement::diskFull() const
{
    return (m_error & 0xff) == SQLITE_FULL;
}

sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant v = db.driver() ? db.driver()->handle() : QVariant();
    if (!v.isValid() || qstrcmp(v.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(v.constData());
}

void releaseRefusedConnection(sqlite3 *db, const QString &path)
{
    if (!db)
        return;
    QStringList open;
    for (sqlite3_stmt *s = sqlite3_next_stmt(db, nullptr); s; s = sqlite3_next_stmt(db, s))
        open << QString::fromUtf8(sqlite3_sql(s)).left(80);
    qWarning("%s: the connection closed with %lld statement(s) still prepared: %s", qUtf8Printable(path),
        qint64(open.size()), qUtf8Printable(open.join(QStringLiteral(" | "))));
    sqlite3_close_v2(db);
}

} // namespace entente
