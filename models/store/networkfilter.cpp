#include "networkfilter.h"

#include <cstdlib>

namespace entente {

bool NetworkFilter::parseTone(const QString &name, Tone *tone)
{
    if (name == u"all")
        *tone = Tone::All;
    else if (name == u"cooperation")
        *tone = Tone::Cooperation;
    else if (name == u"conflict")
        *tone = Tone::Conflict;
    else if (name == u"net")
        *tone = Tone::Net;
    else
        return false;
    return true;
}

QString NetworkFilter::toneName(Tone tone)
{
    switch (tone) {
    case Tone::Cooperation:
        return QStringLiteral("cooperation");
    case Tone::Conflict:
        return QStringLiteral("conflict");
    case Tone::Net:
        return QStringLiteral("net");
    case Tone::All:
        break;
    }
    return QStringLiteral("all");
}

int NetworkFilter::weight(int relations, int cooperation, int conflict) const
{
    switch (tone) {
    case Tone::Cooperation:
        return cooperation;
    case Tone::Conflict:
        return conflict;
    case Tone::Net:
        return std::abs(cooperation - conflict);
    case Tone::All:
        break;
    }
    return relations;
}

NetworkFilter::Kept NetworkFilter::prune(int nodeCount, const std::vector<WeightedEdge> &edges) const
{
    Kept kept;
    kept.nodes.assign(size_t(std::max(0, nodeCount)), 1);
    kept.edges.assign(edges.size(), 0);
    std::vector<int> degree(kept.nodes.size(), 0);
    // An edge of weight 0 (a net tone that cancels out) is no relation to draw, whatever the minimum.
    const int least = std::max(1, minWeight);
    for (size_t i = 0; i < edges.size(); ++i) {
        if (edges[i].weight < least)
            continue;
        kept.edges[i] = 1;
        ++degree[size_t(edges[i].from)];
        ++degree[size_t(edges[i].to)];
    }
    if (minDegree <= 0)
        return kept;
    // Peel until nothing changes: removing a node lowers its neighbours' degrees. Each node's edges once, from lists.
    std::vector<std::vector<size_t>> edgesOf(kept.nodes.size());
    for (size_t i = 0; i < edges.size(); ++i) {
        if (!kept.edges[i])
            continue;
        edgesOf[size_t(edges[i].from)].push_back(i);
        edgesOf[size_t(edges[i].to)].push_back(i);
    }
    std::vector<size_t> low;
    for (size_t n = 0; n < kept.nodes.size(); ++n)
        if (degree[n] < minDegree)
            low.push_back(n);
    while (!low.empty()) {
        const size_t n = low.back();
        low.pop_back();
        if (!kept.nodes[n])
            continue;
        kept.nodes[n] = 0;
        for (const size_t i : edgesOf[n]) {
            if (!kept.edges[i])
                continue;
            kept.edges[i] = 0;
            const size_t other = size_t(edges[i].from) == n ? size_t(edges[i].to) : size_t(edges[i].from);
            if (--degree[other] < minDegree && kept.nodes[other])
                low.push_back(other);
        }
    }
    return kept;
}

} // namespace entente
