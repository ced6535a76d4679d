#include "chartdata.h"

#include "gazetteer.h"
#include "selection.h"
#include "sqldialect.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace entente::chartdata {

QString partyName(const QSqlDatabase &db, const QString &key, QHash<QString, QString> *cache)
{
    if (key.isEmpty())
        return {};
    if (cache) {
        const auto it = cache->constFind(key);
        if (it != cache->constEnd())
            return *it;
    }
    QString name = Gazetteer::shared().countryName(key);
    if (name.isEmpty() && db.isOpen()) {
        // Organisations are stored under their canonical id; countries first when a key is both.
        QSqlQuery q(db);
        q.prepare(QStringLiteral("SELECT name FROM entities WHERE key = ? ORDER BY kind = 'country' DESC LIMIT 1"));
        q.addBindValue(key);
        if (q.exec() && q.next())
            name = q.value(0).toString();
    }
    if (name.isEmpty())
        name = key;
    if (cache)
        cache->insert(key, name);
    return name;
}

EntityRef focusFor(const QSqlDatabase &db, const QString &rawText)
{
    QString text = rawText.trimmed();
    // "France (FRA)", as lists offer a country: its code.
    if (text.size() > 5 && text.endsWith(u')') && text.at(text.size() - 5) == u'(')
        text = text.sliced(text.size() - 4, 3);
    if (text.isEmpty())
        return {};
    if (const QString code = text.toUpper(); !Gazetteer::shared().countryName(code).isEmpty())
        return { QStringLiteral("country"), code };
    // A country's name, official name or abbreviation ("France", "French Republic").
    if (const QString code = Gazetteer::shared().countryCode(text); !code.isEmpty())
        return { QStringLiteral("country"), code };
    if (!db.isOpen())
        return {};
    QSqlQuery q(db);
    // NOCASE folds ASCII letters only, as PostgreSQL's lower() does under the C collation of a server store.
    q.prepare(QStringLiteral("SELECT kind, key FROM entities WHERE %1"
                             " ORDER BY key = ? DESC, kind = 'country' DESC, kind = 'organization' DESC LIMIT 1")
                  .arg(sql::dialectOf(db) == sql::Dialect::PostgreSQL ? QStringLiteral("lower(key) = lower(?)")
                                                                      : QStringLiteral("key = ? COLLATE NOCASE")));
    q.addBindValue(text);
    q.addBindValue(text);
    if (q.exec() && q.next())
        return { q.value(0).toString(), q.value(1).toString() };
    return {};
}

QString csvLine(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields) {
        if (f.contains(u',') || f.contains(u'"') || f.contains(u'\n') || f.contains(u'\r')) {
            QString q = f;
            q.replace(u'"', QStringLiteral("\"\""));
            quoted << u'"' + q + u'"';
        } else {
            quoted << f;
        }
    }
    return quoted.join(u',') + u'\n';
}

QString toneColor(const QString &tone)
{
    // Picked to stay apart for the common colour-vision deficiencies and to read on light and
    // dark backgrounds: blue-green for cooperation, vermilion for conflict.
    if (tone == u"cooperation")
        return QStringLiteral("#1b9e77");
    if (tone == u"conflict")
        return QStringLiteral("#d95f02");
    if (tone == u"mixed")
        return QStringLiteral("#e6ab02");
    if (tone == u"articles")
        return QStringLiteral("#4c72b0");
    return QStringLiteral("#8c96a8");
}

} // namespace entente::chartdata
