#pragma once

#include "networkfilter.h"

#include <QString>

class QIODevice;

namespace entente {

class Store;

// Writes the store's network of relations for Gephi and other graph tools: GEXF 1.3 or GraphML, under a
// NetworkFilter (by default the whole network). Nodes are the parties of relations (countries and organisations)
// with their kind, name, country, mentions, degree and community (Louvain, 0 the largest); edges join two parties
// (either direction) with the count of their relations, by tone, their net (cooperation - conflict), Goldstein sum
// and weight under the filter's tone. In GEXF
// the graph is dynamic: an edge's spells are the years its relations fall in, so that Gephi's timeline can play it
// (years without any relation are left out; relations with no year count, but in no spell).
//
//     GraphExport::write(store, GraphExport::Format::Gexf, &file, &error);
class GraphExport
{
public:
    enum class Format { Gexf, GraphMl };

    // "gexf" or "graphml".
    [[nodiscard]] static bool parseFormat(const QString &name, Format *format);

    struct Counts
    {
        qint64 nodes = 0;
        qint64 edges = 0;
    };
    // The counts written, or nodes = -1 with `error` set.
    static Counts write(
        const Store &store, Format format, QIODevice *out, QString *error, const NetworkFilter &filter = {});
};

} // namespace entente
