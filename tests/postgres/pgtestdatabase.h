#pragma once

// The throwaway cluster of the `postgres` fixture (tests/postgres/cluster.sh), for the tests that need a real server:
// its URLs, one statement as its superuser, and a fresh database for one test. ENTENTE_PG_STATE is the fixture's
// state folder, a compile definition of each test that uses this.

#include <QFile>
#include <QString>
#include <QUuid>

#include <libpq-fe.h>

namespace entente::pgtest {

inline QString stateFile(const char *name)
{
    QFile f(QStringLiteral(ENTENTE_PG_STATE "/") + QLatin1String(name));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()).trimmed() : QString();
}

// One statement on the server as the role of `url`; empty when it went through, else the server's message.
inline QString exec(const QString &url, const QByteArray &sql)
{
    PGconn *c = PQconnectdb(url.toUtf8().constData());
    QString error;
    if (PQstatus(c) != CONNECTION_OK) {
        error = QString::fromUtf8(PQerrorMessage(c));
    } else {
        PGresult *r = PQexec(c, sql.constData());
        if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
            error = QString::fromUtf8(PQresultErrorMessage(r));
        PQclear(r);
    }
    PQfinish(c);
    return error;
}

// One statement as the cluster's superuser.
inline QString admin(const QByteArray &sql)
{
    const QString url = stateFile("url-admin");
    if (url.isEmpty())
        return QStringLiteral("no cluster: %1 has no url-admin (did the pg_cluster_start fixture run?)")
            .arg(QStringLiteral(ENTENTE_PG_STATE));
    return exec(url, sql);
}

// A fresh database of the writer's for one test, dropped when it goes.
class Database
{
public:
    Database()
        : m_name(QStringLiteral("t_") + QUuid::createUuid().toString(QUuid::Id128).left(12))
    {
        m_error = admin("CREATE DATABASE " + m_name.toLatin1() + " OWNER entente_writer");
    }
    ~Database() { admin("DROP DATABASE IF EXISTS " + m_name.toLatin1() + " WITH (FORCE)"); }
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    [[nodiscard]] QString error() const { return m_error; }
    // The URL of the role `role` ("writer" or "reader") on this database.
    [[nodiscard]] QString url(const char *role) const
    {
        QString u = stateFile(role == QByteArrayView("writer") ? "url-writer" : "url-reader");
        return u.left(u.lastIndexOf(u'/') + 1) + m_name;
    }

private:
    QString m_name;
    QString m_error;
};

} // namespace entente::pgtest
