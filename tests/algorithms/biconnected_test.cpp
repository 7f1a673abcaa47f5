#include "algorithms/biconnected.hpp"

#include <catch2/catch.hpp>
#include <set>

#include "tests/support/graphs.hpp"
#include "tests/support/random_supply.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {

using Pair = std::pair<NodeId, NodeId>;
constexpr NodeId kNone = ~NodeId{0};

// Connected components of the undirected projection without one node or one linked pair.
std::size_t components(const SupplyGraph& g, NodeId skip_node, Pair skip_pair) {
    std::vector<std::vector<NodeId>> adj(g.num_nodes());
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        if (Pair(std::minmax(g.from(e), g.to(e))) == skip_pair) continue;
        adj[g.from(e)].push_back(g.to(e));
        adj[g.to(e)].push_back(g.from(e));
    }
    std::vector<bool> seen(g.num_nodes(), false);
    std::size_t count = 0;
    for (NodeId s = 0; s < g.num_nodes(); ++s) {
        if (seen[s] || s == skip_node) continue;
        ++count;
        std::vector<NodeId> stack{s};
        seen[s] = true;
        while (!stack.empty()) {
            const NodeId v = stack.back();
            stack.pop_back();
            for (NodeId w : adj[v])
                if (w != skip_node && !seen[w]) seen[w] = true, stack.push_back(w);
        }
    }
    return count;
}

}  // namespace

TEST_CASE("find_biconnected: empty graph, one node, two nodes with and without an edge") {
    CHECK(find_biconnected(SupplyGraph{}).articulation_points.empty());
    auto one = make_graph("a:s:x:CN", "");
    CHECK(find_biconnected(one).bridges.empty());
    //  a --> b
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:1");
    auto r = find_biconnected(linked);
    CHECK(r.articulation_points.empty());
    CHECK(r.bridges == std::vector<Pair>{{0, 1}});
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    CHECK(find_biconnected(apart).bridges.empty());
}

TEST_CASE("find_biconnected: a chain and a 2-cycle, which is one undirected link") {
    //  a --> b --> c        d <==> e --> f
    auto g = make_graph("a:s:x:CN b:t:y:US c:u:z:JP d:s:x:CN e:t:y:US f:u:z:JP",
                        "a>b:1 b>c:1 d>e:1 e>d:1 e>f:1");
    auto r = find_biconnected(g);
    CHECK(r.articulation_points == std::vector<NodeId>{1, 4});
    CHECK(r.bridges == std::vector<Pair>{{0, 1}, {1, 2}, {3, 4}, {4, 5}});
}

TEST_CASE("find_biconnected: a cycle and parallel suppliers have no bridge inside") {
    //  a --> b --> c --> a      m1 --+
    //              |                  r --> k
    //              v            m2 --+
    //              d
    auto g = make_graph("a:s:x:CN b:s:y:US c:s:z:JP d:t:w:DE m1:s:o:CD m2:s:o:ID r:t:m:CN k:u:c:KR",
                        "a>b:1 b>c:1 c>a:1 c>d:1 m1>r:1 m2>r:1 r>k:1");
    auto r = find_biconnected(g);
    CHECK(r.articulation_points == std::vector<NodeId>{2, 6});
    CHECK(r.bridges == std::vector<Pair>{{2, 3}, {4, 6}, {5, 6}, {6, 7}});
}

TEST_CASE("find_biconnected: equals deletion on random graphs") {
    for (unsigned seed = 1; seed <= 25; ++seed) {
        auto g = test::random_supply_graph(
            seed, {.layers = 4, .width = 5, .back_edges = 3, .isolated = 1});
        auto r = find_biconnected(g);
        const Pair none{kNone, kNone};
        const std::size_t base = components(g, kNone, none);
        std::vector<NodeId> cut;
        for (NodeId v = 0; v < g.num_nodes(); ++v) {
            // Deleting a node also deletes its component when it was alone.
            const bool alone = g.in_degree(v) + g.out_degree(v) == 0;
            if (components(g, v, none) > base - (alone ? 1 : 0)) cut.push_back(v);
        }
        CHECK(r.articulation_points == cut);
        std::set<Pair> bridges;
        for (EdgeId e = 0; e < g.num_edges(); ++e) {
            const Pair p = Pair(std::minmax(g.from(e), g.to(e)));
            if (components(g, kNone, p) > base) bridges.insert(p);
        }
        std::set<Pair> found;
        for (auto [a, b] : r.bridges) found.insert(Pair(std::minmax(a, b)));
        CHECK(found == bridges);
    }
}
