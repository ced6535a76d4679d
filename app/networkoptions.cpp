#include "networkoptions.h"

#include "networkfilter.h"

#include <QCommandLineParser>

namespace entente::networkoptions {

namespace {

bool number(const QCommandLineParser &p, const char *name, int least, int *value, QString *error)
{
    if (!p.isSet(QLatin1String(name)))
        return true;
    bool ok = false;
    const int n = p.value(QLatin1String(name)).toInt(&ok);
    if (!ok || n < least) {
        *error = QStringLiteral("--%1 must be a whole number, at least %2").arg(QLatin1String(name)).arg(least);
        return false;
    }
    *value = n;
    return true;
}

} // namespace

void add(QCommandLineParser &parser, bool shared)
{
    const auto addOption = [&parser, shared](const QCommandLineOption &option) {
        static const QStringList sharedNames
            = { QStringLiteral("countries-only"), QStringLiteral("from"), QStringLiteral("to"), QStringLiteral("top") };
        if (shared || !sharedNames.contains(option.names().first()))
            parser.addOption(option);
    };
    addOption({ QStringLiteral("min-weight"),
        QStringLiteral("Graph: only edges of at least N relations (under --tone)."), QStringLiteral("N") });
    addOption({ QStringLiteral("min-degree"),
        QStringLiteral("Graph: only nodes with at least N partners, until every node left has as many."),
        QStringLiteral("N") });
    addOption({ QStringLiteral("tone"),
        QStringLiteral("all, cooperation, conflict or net: every relation (the default), one tone's only, or "
                       "cooperation minus conflict (graph)."),
        QStringLiteral("TONE") });
    addOption({ QStringLiteral("countries-only"),
        QStringLiteral("Graph: countries only, no organisations (the UN, NATO, ...).") });
    addOption({ QStringLiteral("from"), QStringLiteral("First year of the range."), QStringLiteral("YEAR") });
    addOption({ QStringLiteral("to"), QStringLiteral("Last year of the range."), QStringLiteral("YEAR") });
    addOption({ QStringLiteral("top"),
        QStringLiteral("Graph: the N most-mentioned parties only, related or not (default: every party)."),
        QStringLiteral("N") });
}

bool parse(const QCommandLineParser &p, NetworkFilter *filter, QString *error)
{
    if (!number(p, "min-weight", 1, &filter->minWeight, error) || !number(p, "min-degree", 0, &filter->minDegree, error)
        || !number(p, "top", 1, &filter->limit, error))
        return false;
    if (p.isSet(QStringLiteral("tone")) && !NetworkFilter::parseTone(p.value(QStringLiteral("tone")), &filter->tone)) {
        *error = QStringLiteral("--tone must be all, cooperation, conflict or net");
        return false;
    }
    if (p.isSet(QStringLiteral("countries-only")))
        filter->organisations = false;
    if (p.isSet(QStringLiteral("from")) || p.isSet(QStringLiteral("to"))) {
        bool okFrom = true, okTo = true;
        const int from = p.isSet(QStringLiteral("from")) ? p.value(QStringLiteral("from")).toInt(&okFrom) : 1;
        const int to = p.isSet(QStringLiteral("to")) ? p.value(QStringLiteral("to")).toInt(&okTo) : 9999;
        if (!okFrom || !okTo || from < 1 || to < from) {
            *error = QStringLiteral("--from and --to must be years, --from not after --to");
            return false;
        }
        filter->yearFrom = from;
        filter->yearTo = to;
    }
    return true;
}

} // namespace entente::networkoptions
