#include "algorithms/dominators.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"
#include "tests/support/random_supply.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {

NodeId idom(const SupplyGraph& g, const DominatorTree& t, const char* id) {
    return t.idom[*g.find(id)];
}
NodeId node(const SupplyGraph& g, const char* id) { return *g.find(id); }

// The definition: d strictly dominates v iff v is reachable from the sources, but not once d is
// deleted. The immediate dominator is the strict dominator with the most strict dominators.
std::vector<bool> reachable(const SupplyGraph& g, NodeId without) {
    std::vector<bool> seen(g.num_nodes(), false);
    std::vector<NodeId> stack;
    for (NodeId s : g.source_nodes())
        if (s != without) seen[s] = true, stack.push_back(s);
    while (!stack.empty()) {
        const NodeId v = stack.back();
        stack.pop_back();
        for (EdgeId e : g.out_edges(v)) {
            const NodeId w = g.to(e);
            if (w != without && !seen[w]) seen[w] = true, stack.push_back(w);
        }
    }
    return seen;
}

std::vector<NodeId> brute_idom(const SupplyGraph& g) {
    const std::size_t n = g.num_nodes();
    const auto base = reachable(g, kVirtualRoot);
    std::vector<std::vector<NodeId>> strict(n);
    for (NodeId d = 0; d < n; ++d) {
        const auto r = reachable(g, d);
        for (NodeId v = 0; v < n; ++v)
            if (v != d && base[v] && !r[v]) strict[v].push_back(d);
    }
    std::vector<NodeId> out(n, kUnreachable);
    for (NodeId v = 0; v < n; ++v) {
        if (!base[v]) continue;
        out[v] = kVirtualRoot;
        for (NodeId d : strict[v])
            if (strict[d].size() + 1 == strict[v].size()) out[v] = d;
    }
    return out;
}

}  // namespace

TEST_CASE("find_dominators: empty graph and one node") {
    CHECK(find_dominators(SupplyGraph{}).idom.empty());
    auto one = make_graph("a:s:x:CN", "");
    CHECK(find_dominators(one).idom == std::vector<NodeId>{kVirtualRoot});
}

TEST_CASE("find_dominators: two nodes with and without an edge") {
    //  a --> b
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:1");
    CHECK(find_dominators(linked).idom == std::vector<NodeId>{kVirtualRoot, 0});
    //  a    b   (both sources)
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    CHECK(find_dominators(apart).idom == std::vector<NodeId>{kVirtualRoot, kVirtualRoot});
}

TEST_CASE("find_dominators: a diamond has no interior dominator") {
    //  a --> b --> d --> e
    //  |           ^
    //  +---> c ----+
    auto g =
        make_graph("a:s:x:CN b:t:y:US c:t:y:JP d:u:z:DE e:v:w:FR", "a>b:1 a>c:1 b>d:1 c>d:1 d>e:1");
    auto t = find_dominators(g);
    CHECK(idom(g, t, "b") == node(g, "a"));
    CHECK(idom(g, t, "d") == node(g, "a"));
    CHECK(idom(g, t, "e") == node(g, "d"));
    CHECK(product_dominators(g, t, *g.find_commodity("w")) == std::vector<NodeId>{0, 3});
}

TEST_CASE(
    "find_dominators: parallel sources dominate nothing; a cycle without entry is unreached") {
    //  m1 --\                 x --> y
    //        r --> c          ^     |
    //  m2 --/                 +-----+
    auto g = make_graph(
        "m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN c:cell:cell:KR x:mine:ore:AU "
        "y:refine:metal:AU",
        "m1>r:1 m2>r:1 r>c:1 x>y:1 y>x:1");
    auto t = find_dominators(g);
    CHECK(idom(g, t, "r") == kVirtualRoot);
    CHECK(idom(g, t, "c") == node(g, "r"));
    CHECK(idom(g, t, "x") == kUnreachable);
    CHECK(idom(g, t, "y") == kUnreachable);
    CHECK(product_dominators(g, t, *g.find_commodity("cell")) == std::vector<NodeId>{node(g, "r")});
}

TEST_CASE("product_dominators: common dominators of several end producers, ends excluded") {
    //  m --> r --> c1 (cell)
    //          \-> c2 (cell)
    //  q --> s --> c3 (pack)
    auto g = make_graph(
        "m:mine:ore:CD r:refine:metal:CN c1:cell:cell:KR c2:cell:cell:JP q:mine:ore:AU "
        "s:refine:metal:AU c3:pack:pack:US",
        "m>r:1 r>c1:1 r>c2:1 q>s:1 s>c3:1");
    auto t = find_dominators(g);
    CHECK(product_dominators(g, t, *g.find_commodity("cell")) ==
          std::vector<NodeId>{node(g, "m"), node(g, "r")});
    CHECK(product_dominators(g, t, *g.find_commodity("pack")) ==
          std::vector<NodeId>{node(g, "q"), node(g, "s")});
    CHECK(product_dominators(g, t, *g.find_commodity("ore")).empty());  // not an end product
}

TEST_CASE("find_dominators: equals the deletion definition on random graphs with cycles") {
    for (unsigned seed = 1; seed <= 25; ++seed) {
        auto g = test::random_supply_graph(
            seed, {.layers = 5, .width = 5, .back_edges = 4, .isolated = 1});
        CHECK(find_dominators(g).idom == brute_idom(g));
    }
    // Larger and loopier: long compressed paths in the search forest.
    for (unsigned seed = 26; seed <= 40; ++seed) {
        auto g = test::random_supply_graph(
            seed, {.layers = 10, .width = 12, .back_edges = 40, .isolated = 2});
        CHECK(find_dominators(g).idom == brute_idom(g));
    }
}
