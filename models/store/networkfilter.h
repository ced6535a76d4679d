#pragma once

#include <QString>

#include <vector>

namespace entente {

// What an analyst keeps of the network of relations, the same in the Network pane, its export and
// `entente export --what graph`: which relations count (their tone, their years), which parties can be nodes
// (countries, or organisations too; the top N by mentions), and the pruning that follows: edges lighter than
// minWeight go, then the nodes left with fewer than minDegree edges, again and again until every node has
// that many (the graph's k-core, as Gephi's "K-core" filter), with their edges.
//
//     NetworkFilter f;
//     f.tone = NetworkFilter::Tone::Conflict;
//     f.minWeight = 3;
//     const NetworkFilter::Kept kept = f.prune(nodeCount, edges);
struct NetworkFilter
{
    // All: every relation, weight = their count. Cooperation, Conflict: only the relations of that tone.
    // Net: every relation, weight = |cooperation - conflict| and the sign for the colour.
    enum class Tone { All, Cooperation, Conflict, Net };

    int minWeight = 1;
    int minDegree = 0;
    Tone tone = Tone::All;
    bool organisations = true;
    int yearFrom = 0; // 0: every year, undated relations too
    int yearTo = 0;
    int limit = 0; // the N most-mentioned parties; 0: every party of a relation

    bool operator==(const NetworkFilter &) const = default;

    // "all", "cooperation", "conflict" or "net".
    [[nodiscard]] static bool parseTone(const QString &name, Tone *tone);
    [[nodiscard]] static QString toneName(Tone tone);

    // An edge's weight under the tone, from its counts (which hold only the tone's relations when it is one).
    [[nodiscard]] int weight(int relations, int cooperation, int conflict) const;

    struct WeightedEdge
    {
        int from = 0;
        int to = 0;
        int weight = 0;
    };
    struct Kept
    {
        std::vector<char> nodes;
        std::vector<char> edges;
    };
    [[nodiscard]] Kept prune(int nodeCount, const std::vector<WeightedEdge> &edges) const;
};

} // namespace entente
