#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

class QSqlDatabase;

namespace entente {

struct EntityRef;

// Small helpers shared by the chart models: display names of relation parties and CSV fields.
namespace chartdata {

// The display name of a relation party: the gazetteer's country name for an ISO alpha-3 code,
// else the stored entity name for the key (organisations), else the key itself. `cache` keeps
// answers for the lifetime of a model (names do not change while a store is open).
[[nodiscard]] QString partyName(const QSqlDatabase &db, const QString &key, QHash<QString, QString> *cache);

// What a chart's focus `text` names: a country by its ISO alpha-3 code in any case ("chn"), else an
// entity stored under that id (case aside: "nato" finds NATO), countries first, then organisations.
// A null EntityRef when it names nothing: a focus on it would draw an empty chart without a word.
[[nodiscard]] EntityRef focusFor(const QSqlDatabase &db, const QString &text);

// One CSV line from fields, quoted where RFC 4180 wants it (comma, quote, line break).
[[nodiscard]] QString csvLine(const QStringList &fields);

// The colours of the tones, the same in every chart.
[[nodiscard]] QString toneColor(const QString &tone);

} // namespace chartdata

} // namespace entente
