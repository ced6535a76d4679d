#pragma once

#include <vector>

namespace entente {

// Communities of a weighted undirected graph by Louvain modularity (Blondel et al. 2008): each node moves to the
// neighbouring community that gains the most modularity, until none does; the communities then become the nodes of
// a smaller graph, and so on. Deterministic: nodes are visited in their order and a tie keeps the first community
// found, so the same graph always gives the same communities.
//
//     const std::vector<int> c = Communities::detect(5, { { 0, 1, 3.0 }, { 1, 2, 1.0 }, { 3, 4, 2.0 } });
//     // c[n]: node n's community, 0 the largest (most nodes; ties by its first node)
class Communities
{
public:
    struct Edge
    {
        int a = 0;
        int b = 0;
        double weight = 1.0;
    };

    // One community per node: 0 for the largest, then by size; a node without edges is a community of its own.
    [[nodiscard]] static std::vector<int> detect(int nodeCount, const std::vector<Edge> &edges);
    // Newman's modularity of `community` on the graph, in [-1/2, 1]; 0 for a graph without edges.
    [[nodiscard]] static double modularity(
        int nodeCount, const std::vector<Edge> &edges, const std::vector<int> &community);
};

} // namespace entente
