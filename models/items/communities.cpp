#include "communities.h"

#include <algorithm>
#include <map>
#include <numeric>

namespace entente {

namespace {

// A graph of one Louvain level: adjacency with summed weights (self loops hold the weight inside a
// community once it is a node), sorted by neighbour for a fixed visiting order.
struct Level
{
    std::vector<std::vector<std::pair<int, double>>> adjacent;
    std::vector<double> selfLoop;
    std::vector<double> strength; // weighted degree, a self loop counted twice
    double total = 0; // the sum of strengths: twice the graph's weight
};

Level makeLevel(int n, const std::vector<Communities::Edge> &edges)
{
    Level g;
    std::vector<std::map<int, double>> adj(static_cast<size_t>(n));
    g.selfLoop.assign(size_t(n), 0.0);
    for (const Communities::Edge &e : edges) {
        if (e.weight <= 0 || e.a < 0 || e.b < 0 || e.a >= n || e.b >= n)
            continue;
        if (e.a == e.b) {
            g.selfLoop[size_t(e.a)] += e.weight;
            continue;
        }
        adj[size_t(e.a)][e.b] += e.weight;
        adj[size_t(e.b)][e.a] += e.weight;
    }
    g.adjacent.resize(size_t(n));
    g.strength.assign(size_t(n), 0.0);
    for (int i = 0; i < n; ++i) {
        g.adjacent[size_t(i)].assign(adj[size_t(i)].begin(), adj[size_t(i)].end());
        double s = 2 * g.selfLoop[size_t(i)];
        for (const auto &[j, w] : g.adjacent[size_t(i)])
            s += w;
        g.strength[size_t(i)] = s;
        g.total += s;
    }
    return g;
}

// Moves nodes between communities while modularity grows; true when any node moved.
bool moveNodes(const Level &g, std::vector<int> &community)
{
    const size_t n = g.adjacent.size();
    std::vector<double> tot(n, 0.0);
    for (size_t i = 0; i < n; ++i)
        tot[size_t(community[i])] += g.strength[i];
    std::vector<double> toCommunity(n, 0.0);
    std::vector<int> seen;
    bool movedAny = false;
    // A cap on the passes: each pass raises modularity, but a float tie could in theory swap forever.
    for (int pass = 0; pass < 100; ++pass) {
        bool moved = false;
        for (size_t i = 0; i < n; ++i) {
            const int own = community[i];
            const double k = g.strength[i];
            seen.clear();
            seen.push_back(own);
            toCommunity[size_t(own)] = 0;
            for (const auto &[j, w] : g.adjacent[i]) {
                const int c = community[size_t(j)];
                if (std::find(seen.begin(), seen.end(), c) == seen.end()) {
                    seen.push_back(c);
                    toCommunity[size_t(c)] = 0;
                }
                toCommunity[size_t(c)] += w;
            }
            tot[size_t(own)] -= k;
            // The gain of joining c, up to terms that do not depend on c: w(i, c) - tot(c) k / 2m.
            int best = own;
            double bestGain = toCommunity[size_t(own)] - tot[size_t(own)] * k / g.total;
            for (const int c : seen) {
                const double gain = toCommunity[size_t(c)] - tot[size_t(c)] * k / g.total;
                if (gain > bestGain + 1e-12) {
                    best = c;
                    bestGain = gain;
                }
            }
            tot[size_t(best)] += k;
            if (best != own) {
                community[i] = best;
                moved = true;
                movedAny = true;
            }
        }
        if (!moved)
            break;
    }
    return movedAny;
}

} // namespace

std::vector<int> Communities::detect(int nodeCount, const std::vector<Edge> &edges)
{
    const int n = std::max(0, nodeCount);
    std::vector<int> of(static_cast<size_t>(n)); // each original node's community at the current level
    std::iota(of.begin(), of.end(), 0);
    Level g = makeLevel(n, edges);
    if (g.total > 0) {
        for (int level = 0; level < 32; ++level) {
            std::vector<int> community(g.adjacent.size());
            std::iota(community.begin(), community.end(), 0);
            if (!moveNodes(g, community))
                break;
            // Number the communities densely, in the order of their first node, and fold the graph.
            std::vector<int> dense(community.size(), -1);
            int count = 0;
            for (int &c : community) {
                if (dense[size_t(c)] < 0)
                    dense[size_t(c)] = count++;
                c = dense[size_t(c)];
            }
            for (int &c : of)
                c = community[size_t(c)];
            std::vector<Edge> folded;
            for (size_t i = 0; i < g.adjacent.size(); ++i) {
                if (g.selfLoop[i] > 0)
                    folded.push_back({ community[i], community[i], g.selfLoop[i] });
                for (const auto &[j, w] : g.adjacent[i])
                    if (size_t(j) > i)
                        folded.push_back({ community[i], community[size_t(j)], w });
            }
            g = makeLevel(count, folded);
        }
    }
    // Largest first, ties by their first node.
    std::vector<int> size(size_t(n), 0), first(size_t(n), n);
    for (int i = 0; i < n; ++i) {
        ++size[size_t(of[size_t(i)])];
        first[size_t(of[size_t(i)])] = std::min(first[size_t(of[size_t(i)])], i);
    }
    std::vector<int> order;
    for (int c = 0; c < n; ++c)
        if (size[size_t(c)] > 0)
            order.push_back(c);
    std::sort(order.begin(), order.end(), [&](int x, int y) {
        if (size[size_t(x)] != size[size_t(y)])
            return size[size_t(x)] > size[size_t(y)];
        return first[size_t(x)] < first[size_t(y)];
    });
    std::vector<int> rank(size_t(n), 0);
    for (size_t r = 0; r < order.size(); ++r)
        rank[size_t(order[r])] = int(r);
    for (int &c : of)
        c = rank[size_t(c)];
    return of;
}

double Communities::modularity(int nodeCount, const std::vector<Edge> &edges, const std::vector<int> &community)
{
    const Level g = makeLevel(nodeCount, edges);
    if (g.total <= 0)
        return 0;
    // Q = sum over communities of in(c) / 2m - (tot(c) / 2m)^2, with in(c) counting each inner edge twice.
    std::map<int, double> inner, tot;
    for (size_t i = 0; i < g.adjacent.size(); ++i) {
        const int c = community[i];
        tot[c] += g.strength[i];
        inner[c] += 2 * g.selfLoop[i];
        for (const auto &[j, w] : g.adjacent[i])
            if (community[size_t(j)] == c)
                inner[c] += w;
    }
    double q = 0;
    for (const auto &[c, t] : tot)
        q += inner[c] / g.total - (t / g.total) * (t / g.total);
    return q;
}

} // namespace entente
