#pragma once

#include <QString>

class QCommandLineParser;

namespace entente {

struct NetworkFilter;

// The network's filters on the command line, the same for `entente export --what graph` and `entente chart --kind
// network`: --min-weight N, --min-degree N, --tone all|cooperation|conflict|net, --countries-only, --from and --to
// (the years, as `entente chart` names them) and --top N.
namespace networkoptions {

// Adds the options `parse` reads; without `shared`, not those `entente chart` has already (--from, --to, --top and
// --countries-only).
void add(QCommandLineParser &parser, bool shared = true);
// The filter the options ask for, from `filter`'s values where they are not given; false with a one-line `error`
// naming the option when a value is wrong.
[[nodiscard]] bool parse(const QCommandLineParser &parser, NetworkFilter *filter, QString *error);

} // namespace networkoptions

} // namespace entente
