#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace entente {

// Small helpers shared by the chart models: display names of relation parties and CSV fields.
namespace chartdata {

// The display name of a relation party: the gazetteer's country name for an ISO alpha-3 code,
// else the stored entity name for the key (organisations), else the key itself. `cache` keeps
// answers for the lifetime of a model (names do not change while a store is open).
[[nodiscard]] QString partyName(const QSqlDatabase &db, const QString &key, QHash<QString, QString> *cache);

// One CSV line from fields, quoted where RFC 4180 wants it (comma, quote, line break).
[[nodiscard]] QString csvLine(const QStringList &fields);

// The colours of the tones, the same in every chart.
[[nodiscard]] QString toneColor(const QString &tone);

} // namespace chartdata

} // namespace entente
