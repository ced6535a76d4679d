// Louvain communities on graphs whose communities are known: two cliques joined by a bridge, a ring of cliques, a
// graph where only the weights tell the groups apart; the same graph always gives the same answer.
#include "communities.h"

#include <QTest>

#include <map>
#include <set>

using namespace entente;

namespace {

// A clique on nodes [first, first + size), every edge of `weight`.
void addClique(std::vector<Communities::Edge> &edges, int first, int size, double weight = 1.0)
{
    for (int i = first; i < first + size; ++i)
        for (int j = i + 1; j < first + size; ++j)
            edges.push_back({ i, j, weight });
}

// The partition as sets of nodes, whatever the communities' numbers.
std::set<std::set<int>> groups(const std::vector<int> &community)
{
    std::map<int, std::set<int>> by;
    for (size_t i = 0; i < community.size(); ++i)
        by[community[i]].insert(int(i));
    std::set<std::set<int>> out;
    for (const auto &[c, nodes] : by)
        out.insert(nodes);
    return out;
}

std::set<int> range(int first, int size)
{
    std::set<int> out;
    for (int i = first; i < first + size; ++i)
        out.insert(i);
    return out;
}

} // namespace

class TestCommunities : public QObject
{
    Q_OBJECT

private slots:
    void twoCliquesAndABridge();
    void ringOfCliques();
    void weightsDecide();
    void largestCommunityIsZero();
    void noEdgesNoCommunity();
    void sameGraphSameCommunities();
};

void TestCommunities::twoCliquesAndABridge()
{
    std::vector<Communities::Edge> edges;
    addClique(edges, 0, 5);
    addClique(edges, 5, 5);
    edges.push_back({ 4, 5, 1.0 });
    const std::vector<int> c = Communities::detect(10, edges);
    QCOMPARE(groups(c), (std::set<std::set<int>> { range(0, 5), range(5, 5) }));
    // Newman's modularity of this partition: 2 x (21/42 - (21/42)^2)... less the bridge's share.
    QVERIFY(Communities::modularity(10, edges, c) > 0.4);
    QVERIFY(Communities::modularity(10, edges, c) > Communities::modularity(10, edges, std::vector<int>(10, 0)));
}

void TestCommunities::ringOfCliques()
{
    // Six cliques of four in a ring, each joined to the next by one edge: the classic case Louvain resolves.
    std::vector<Communities::Edge> edges;
    for (int k = 0; k < 6; ++k) {
        addClique(edges, 4 * k, 4);
        edges.push_back({ 4 * k + 3, (4 * k + 4) % 24, 1.0 });
    }
    const std::vector<int> c = Communities::detect(24, edges);
    std::set<std::set<int>> expected;
    for (int k = 0; k < 6; ++k)
        expected.insert(range(4 * k, 4));
    QCOMPARE(groups(c), expected);
}

void TestCommunities::weightsDecide()
{
    // Every pair of six nodes is related, but 0-1-2 and 3-4-5 are related strongly among themselves.
    std::vector<Communities::Edge> edges;
    for (int i = 0; i < 6; ++i)
        for (int j = i + 1; j < 6; ++j)
            edges.push_back({ i, j, (i < 3) == (j < 3) ? 10.0 : 1.0 });
    QCOMPARE(groups(Communities::detect(6, edges)), (std::set<std::set<int>> { range(0, 3), range(3, 3) }));
    // The same pairs unweighted are one community: nothing tells them apart.
    for (Communities::Edge &e : edges)
        e.weight = 1.0;
    QCOMPARE(groups(Communities::detect(6, edges)).size(), size_t(1));
}

void TestCommunities::largestCommunityIsZero()
{
    std::vector<Communities::Edge> edges;
    addClique(edges, 0, 3);
    addClique(edges, 3, 6);
    edges.push_back({ 2, 3, 1.0 });
    const std::vector<int> c = Communities::detect(9, edges);
    for (int i = 3; i < 9; ++i)
        QCOMPARE(c[size_t(i)], 0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(c[size_t(i)], 1);
}

void TestCommunities::noEdgesNoCommunity()
{
    // Isolated nodes: each a community of its own (numbered in node order, all of size one).
    QCOMPARE(Communities::detect(3, {}), (std::vector<int> { 0, 1, 2 }));
    QCOMPARE(Communities::detect(0, {}), std::vector<int>());
    QCOMPARE(Communities::modularity(3, {}, { 0, 1, 2 }), 0.0);
    // A node with no edge beside two cliques stays alone.
    std::vector<Communities::Edge> edges;
    addClique(edges, 0, 4);
    const std::vector<int> c = Communities::detect(5, edges);
    QCOMPARE(groups(c), (std::set<std::set<int>> { range(0, 4), { 4 } }));
}

void TestCommunities::sameGraphSameCommunities()
{
    // A denser, irregular graph: the answer is a function of the graph.
    std::vector<Communities::Edge> edges;
    for (int i = 0; i < 40; ++i)
        for (int j = i + 1; j < 40; ++j)
            if ((i * 7 + j * 13) % 11 < 3 || (i / 10 == j / 10 && (i + j) % 3 == 0))
                edges.push_back({ i, j, double(1 + (i * j) % 5) });
    const std::vector<int> first = Communities::detect(40, edges);
    for (int run = 0; run < 3; ++run)
        QCOMPARE(Communities::detect(40, edges), first);
    // And no worse than everything in one community or each node alone.
    std::vector<int> alone(40);
    for (int i = 0; i < 40; ++i)
        alone[size_t(i)] = i;
    QVERIFY(Communities::modularity(40, edges, first) > Communities::modularity(40, edges, std::vector<int>(40, 0)));
    QVERIFY(Communities::modularity(40, edges, first) > Communities::modularity(40, edges, alone));
}

QTEST_GUILESS_MAIN(TestCommunities)
#include "tst_communities.moc"
