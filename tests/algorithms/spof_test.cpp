#include "algorithms/spof.hpp"

#include <omp.h>

#include <catch2/catch.hpp>

#include "algorithms/dominators.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/random_supply.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {

std::vector<ProductLoss> full_losses(const SupplyGraph& g, NodeId failed) {
    Scenario s;
    s.nodes = {failed};
    return product_losses(g, immediate_fractions(g, apply_scenario(g, s)));
}

// The definition: remove each node alone, run the whole model, keep those with loss exactly 1.
std::vector<ProductSpof> brute_spofs(const SupplyGraph& g) {
    std::vector<ProductSpof> out;
    for (CommodityId p : g.end_products()) out.push_back({p, {}});
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        const auto l = full_losses(g, n);
        for (std::size_t k = 0; k < l.size(); ++k)
            if (l[k].loss == 1.0) out[k].nodes.push_back(n);
    }
    return out;
}

std::vector<NodeId> spof_of(const SupplyGraph& g, const char* product) {
    for (const auto& p : find_spofs(g))
        if (p.product == *g.find_commodity(product)) return p.nodes;
    return {};
}

}  // namespace

TEST_CASE("find_spofs: empty graph, one node, two nodes with and without an edge") {
    CHECK(find_spofs(SupplyGraph{}).empty());
    CHECK(rank_criticality(SupplyGraph{}).empty());
    auto one = make_graph("a:s:x:CN", "");
    CHECK(spof_of(one, "x") == std::vector<NodeId>{0});
    //  a --> b
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:1");
    CHECK(spof_of(linked, "y") == std::vector<NodeId>{0, 1});
    //  a    b
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    CHECK(spof_of(apart, "y") == std::vector<NodeId>{1});
    CHECK(spof_of(apart, "x") == std::vector<NodeId>{0});
}

TEST_CASE("find_spofs: a sole cathode supplier is fatal without dominating the cell maker") {
    //  cath(KR) ---50--> cell(KR) <--20-- anode(JP)
    //                      ^
    //  anode2(CN) ---20----+            anodes are substitutes, cathode is a complement
    auto g = make_graph("cath:c:cathode:KR anode:c:anode:JP anode2:c:anode:CN cell:d:cell:KR",
                        "cath>cell:50 anode>cell:20 anode2>cell:20");
    CHECK(spof_of(g, "cell") == std::vector<NodeId>{*g.find("cath"), *g.find("cell")});
    // The dominator tree sees three sources and no dominator above the cell maker.
    CHECK(find_dominators(g).idom[*g.find("cell")] == kVirtualRoot);
}

TEST_CASE("find_spofs: parallel suppliers of one commodity protect each other") {
    //  m1 --+
    //        r --> c        r is fatal, neither mine is
    //  m2 --+
    auto g = make_graph("m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN c:cell:cell:KR",
                        "m1>r:30 m2>r:10 r>c:40");
    CHECK(spof_of(g, "cell") == std::vector<NodeId>{2, 3});
}

TEST_CASE("find_spofs: a recycling loop that drains only in the limit is not a total loss") {
    //  m --> a <--> b --> c    a gets ore from m and from b; b only from a
    auto g = make_graph("m:mine:ore:CD a:ref:ore:CN b:ref:ore:CN c:cell:cell:KR",
                        "m>a:10 a>b:10 b>a:10 b>c:10");
    // Without m, a = f_b / 2 and b = f_a: the loop decays geometrically towards 0 but the model
    // stops at its tolerance, so the loss is just under 1 and m is not reported.
    const double loss = full_losses(g, *g.find("m"))[0].loss;
    CHECK(loss > 0.999999);
    CHECK(loss < 1.0);
    CHECK(spof_of(g, "cell") == std::vector<NodeId>{*g.find("a"), *g.find("b"), *g.find("c")});
    CHECK(brute_spofs(g) == find_spofs(g));
}

TEST_CASE("find_spofs: disconnected parts and a loop that starves") {
    //  m --> a --> b --> c     b needs both a's metal and its own scrap from c
    //              ^     |
    //              +-----+     x --> y (another product)
    auto g = make_graph(
        "m:mine:ore:CD a:ref:metal:CN b:mk:part:JP c:mk:scrap:JP x:mine:ore:AU y:ref:bar:AU",
        "m>a:1 a>b:1 b>c:1 c>b:1 x>y:1");
    CHECK(brute_spofs(g) == find_spofs(g));
    CHECK(spof_of(g, "bar") == std::vector<NodeId>{*g.find("x"), *g.find("y")});
}

TEST_CASE("find_spofs: equals removing every node on random graphs with AND inputs and cycles") {
    for (unsigned seed = 1; seed <= 60; ++seed) {
        auto g = test::random_supply_graph(seed, {.layers = 2 + int(seed % 4),
                                                  .width = 2 + int(seed % 5),
                                                  .back_edges = int(seed % 3),
                                                  .isolated = int(seed % 2)});
        INFO("seed " << seed);
        CHECK(find_spofs(g) == brute_spofs(g));
    }
}

TEST_CASE("single_failure_losses: equals the full model (exactly on acyclic graphs)") {
    for (unsigned seed = 1; seed <= 30; ++seed) {
        auto g =
            test::random_supply_graph(seed, {.layers = 4, .width = 5, .back_edges = int(seed % 4)});
        for (NodeId n = 0; n < g.num_nodes(); ++n) {
            const auto fast = single_failure_losses(g, n);
            const auto full = full_losses(g, n);
            REQUIRE(fast.size() == full.size());
            for (std::size_t k = 0; k < fast.size(); ++k) {
                // Cycles converge to the same fixed point in a different order: equal to within
                // the model's tolerance. Without cycles the arithmetic is the same.
                if (g.is_acyclic())
                    CHECK(fast[k].loss == full[k].loss);
                else
                    CHECK(fast[k].loss == Approx(full[k].loss).margin(1e-9));
                CHECK((fast[k].loss == 1.0) == (full[k].loss == 1.0));
            }
        }
    }
}

TEST_CASE("rank_criticality: every positive loss, ordered, equal to the full model") {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        auto g =
            test::random_supply_graph(seed, {.layers = 4, .width = 4, .back_edges = int(seed % 3)});
        std::vector<Criticality> expected;
        for (NodeId n = 0; n < g.num_nodes(); ++n) {
            const auto l = full_losses(g, n);
            for (const auto& p : l)
                if (p.loss > 0) expected.push_back({n, p.product, p.loss});
        }
        auto got = rank_criticality(g, {.top = 0});
        REQUIRE(got.size() == expected.size());
        for (std::size_t i = 1; i < got.size(); ++i) CHECK(got[i - 1].loss >= got[i].loss);
        std::sort(got.begin(), got.end(), [](const auto& a, const auto& b) {
            return std::pair(a.node, a.product) < std::pair(b.node, b.product);
        });
        for (std::size_t i = 0; i < got.size(); ++i) {
            CHECK(got[i].node == expected[i].node);
            CHECK(got[i].product == expected[i].product);
            CHECK(got[i].loss == Approx(expected[i].loss).margin(1e-9));
            // Loss exactly 1 means a single point of failure, on both sides.
            CHECK((got[i].loss == 1.0) == (expected[i].loss == 1.0));
        }
    }
}

TEST_CASE("rank_criticality: top N, ties by node then product, same with any thread count") {
    //  m --> r --> c      every node stops the cell: loss 1 for all three, in NodeId order
    auto g = make_graph("m:mine:ore:CD r:refine:metal:CN c:cell:cell:KR", "m>r:1 r>c:1");
    auto top = rank_criticality(g, {.top = 2});
    REQUIRE(top.size() == 2);
    CHECK(top[0].node == 0);
    CHECK(top[1].node == 1);
    CHECK(top[0].loss == 1.0);
    CHECK(rank_criticality(g, {.top = 0, .product = *g.find_commodity("metal")}).empty());
    auto big = test::random_supply_graph(11, {.layers = 6, .width = 60, .back_edges = 8});
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    auto serial = rank_criticality(big, {.top = 50});
    omp_set_num_threads(std::max(2, threads));
    auto parallel = rank_criticality(big, {.top = 50});
    omp_set_num_threads(threads);
    REQUIRE(serial.size() == parallel.size());
    for (std::size_t i = 0; i < serial.size(); ++i) {
        CHECK(serial[i].node == parallel[i].node);
        CHECK(serial[i].loss == parallel[i].loss);
    }
}

TEST_CASE("rank_criticality: a draining recycling loop stops at the sweep cap as a lower bound") {
    //  a(x) --50--> m(y) --50--> e(z)
    //  b(x) --50--> m ;  m --50--> b      (b recycles m's output into more x)
    // Without a, m = b/2 and b = m: the loop drains geometrically to 0, so z is lost entirely.
    auto g = make_graph("a:s1:x:US m:s2:y:US b:s3:x:US e:s4:z:US", "a>m:50 b>m:50 m>b:50 m>e:50");
    const NodeId a = *g.find("a");
    auto row = [&](const std::vector<Criticality>& rows) {
        for (const auto& c : rows)
            if (c.node == a) return c;
        FAIL("no row for a");
        return Criticality{};
    };
    const auto exact = row(rank_criticality(g, {.top = 0}));
    CHECK(exact.exact);
    CHECK(exact.loss == Approx(1.0).margin(1e-9));
    const auto capped = row(rank_criticality(g, {.top = 0, .max_sweeps = 3}));
    CHECK_FALSE(capped.exact);
    CHECK(capped.loss > 0.5);
    CHECK(capped.loss < 1.0);
}
