#include "algorithms/centrality.hpp"

#include <omp.h>

#include <catch2/catch.hpp>
#include <limits>
#include <numeric>

#include "tests/support/graphs.hpp"
#include "tests/support/random_supply.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {

double value(const SupplyGraph& g, const std::vector<double>& v, const char* id) {
    return v[*g.find(id)];
}

std::vector<NodeId> every(const SupplyGraph& g) {
    std::vector<NodeId> v(g.num_nodes());
    std::iota(v.begin(), v.end(), NodeId{0});
    return v;
}

std::vector<double> run(const SupplyGraph& g, Measure m, bool normalized = false) {
    return compute_centrality(g, {.measure = m, .normalized = normalized}).value;
}

// The definition: Σ over ordered pairs (s, t), s != t != v != s, of σ_st(v) / σ_st, with σ from
// all-pairs BFS (O(V^3), tests only).
std::vector<double> brute_betweenness(const SupplyGraph& g, std::span<const NodeId> sources,
                                      std::span<const NodeId> targets) {
    const std::size_t n = g.num_nodes();
    const int inf = std::numeric_limits<int>::max();
    std::vector<std::vector<int>> d(n, std::vector<int>(n, inf));
    std::vector<std::vector<double>> sigma(n, std::vector<double>(n, 0));
    for (NodeId s = 0; s < n; ++s) {
        std::vector<NodeId> q{s};
        d[s][s] = 0, sigma[s][s] = 1;
        for (std::size_t h = 0; h < q.size(); ++h) {
            for (EdgeId e : g.out_edges(q[h])) {
                const NodeId w = g.to(e);
                if (d[s][w] == inf) d[s][w] = d[s][q[h]] + 1, q.push_back(w);
                if (d[s][w] == d[s][q[h]] + 1) sigma[s][w] += sigma[s][q[h]];
            }
        }
    }
    std::vector<double> bc(n, 0);
    for (NodeId s : sources)
        for (NodeId t : targets) {
            if (s == t || d[s][t] == inf) continue;
            for (NodeId v = 0; v < n; ++v) {
                if (v == s || v == t || d[s][v] == inf || d[v][t] == inf) continue;
                if (d[s][v] + d[v][t] == d[s][t]) bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t];
            }
        }
    return bc;
}

}  // namespace

TEST_CASE("compute_centrality: empty graph gives no values for every measure") {
    SupplyGraph empty;
    for (auto m : {Measure::betweenness, Measure::betweenness_sp, Measure::pagerank,
                   Measure::closeness, Measure::in_degree, Measure::out_degree, Measure::flow}) {
        CHECK(compute_centrality(empty, {.measure = m}).value.empty());
    }
}

TEST_CASE("compute_centrality: one node") {
    auto g = make_graph("a:s:x:CN", "");
    CHECK(run(g, Measure::betweenness) == std::vector<double>{0});
    CHECK(run(g, Measure::pagerank) == std::vector<double>{1});
    CHECK(run(g, Measure::closeness) == std::vector<double>{0});
    CHECK(run(g, Measure::flow) == std::vector<double>{0});
}

TEST_CASE("compute_centrality: two nodes with and without an edge") {
    //  a --10--> b
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:10");
    CHECK(run(linked, Measure::betweenness) == std::vector<double>{0, 0});
    // x_a = 0.075 + 0.425 x_b, x_a + x_b = 1  =>  x_a = 0.5 / 1.425
    auto pr = run(linked, Measure::pagerank);
    CHECK(pr[0] == Approx(0.5 / 1.425).epsilon(1e-12));
    CHECK(pr[1] == Approx(1 - 0.5 / 1.425).epsilon(1e-12));
    CHECK(run(linked, Measure::closeness) == std::vector<double>{0, 1});
    CHECK(run(linked, Measure::in_degree) == std::vector<double>{0, 1});
    CHECK(run(linked, Measure::out_degree) == std::vector<double>{1, 0});
    CHECK(run(linked, Measure::flow) == std::vector<double>{1, 1});
    //  a    b
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    CHECK(run(apart, Measure::pagerank) == std::vector<double>{0.5, 0.5});
    CHECK(run(apart, Measure::closeness) == std::vector<double>{0, 0});
    CHECK(run(apart, Measure::flow) == std::vector<double>{0, 0});
}

TEST_CASE("betweenness: a chain, and its normalised form") {
    //  a --> b --> c
    auto g = make_graph("a:s:x:CN b:t:y:US c:u:z:JP", "a>b:10 b>c:30");
    CHECK(run(g, Measure::betweenness) == std::vector<double>{0, 1, 0});
    CHECK(run(g, Measure::betweenness, true) == std::vector<double>{0, 0.5, 0});
    CHECK(run(g, Measure::betweenness_sp) == std::vector<double>{0, 1, 0});
    // closeness: c is reached from b (1) and a (2): 2/3 · 2/2; b from a: 1/1 · 1/2
    auto c = run(g, Measure::closeness);
    CHECK(c[1] == Approx(0.5));
    CHECK(c[2] == Approx(2.0 / 3.0));
    CHECK(run(g, Measure::flow) == std::vector<double>{0.25, 1.0, 0.75});
    CHECK(run(g, Measure::out_degree, true) == std::vector<double>{0.5, 0.5, 0});
}

TEST_CASE("betweenness: a diamond splits the paths") {
    //  a --> b --> d
    //  |           ^
    //  +---> c ----+
    auto g = make_graph("a:s:x:CN b:t:y:US c:t:y:JP d:u:z:DE", "a>b:1 a>c:1 b>d:1 c>d:1");
    CHECK(run(g, Measure::betweenness) == std::vector<double>{0, 0.5, 0.5, 0});
}

TEST_CASE("betweenness: every node of a 3-cycle carries one pair") {
    //  a --> b --> c --> a
    auto g = make_graph("a:s:x:CN b:s:y:US c:s:z:JP", "a>b:1 b>c:1 c>a:1");
    CHECK(run(g, Measure::betweenness) == std::vector<double>{1, 1, 1});
    CHECK(run(g, Measure::betweenness_sp) == std::vector<double>{0, 0, 0});  // no sources
    auto pr = run(g, Measure::pagerank);
    for (double x : pr) CHECK(x == Approx(1.0 / 3));
}

TEST_CASE("betweenness: disconnected parts and parallel suppliers") {
    //  m1 --+
    //        r --> c        d --> e --> f
    //  m2 --+
    auto g = make_graph(
        "m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN c:cell:cell:KR d:mine:ore:AU "
        "e:refine:metal:FI f:cell:cell:JP",
        "m1>r:30 m2>r:10 r>c:40 d>e:5 e>f:5");
    auto b = run(g, Measure::betweenness);
    CHECK(value(g, b, "r") == 2);
    CHECK(value(g, b, "e") == 1);
    auto sp = run(g, Measure::betweenness_sp);
    CHECK(value(g, sp, "r") == 2);  // m1→c, m2→c
    CHECK(value(g, sp, "e") == 1);  // d→f
    auto f = run(g, Measure::flow);
    CHECK(value(g, f, "r") == Approx(80.0 / 90.0));
}

TEST_CASE("betweenness: equals the O(V^3) definition on random supply graphs") {
    for (unsigned seed = 1; seed <= 12; ++seed) {
        auto g = test::random_supply_graph(seed, {.layers = 4, .width = 6, .back_edges = 3});
        const auto all = every(g);
        auto fast = betweenness(g, all, all);
        auto slow = brute_betweenness(g, all, all);
        for (NodeId v = 0; v < g.num_nodes(); ++v) CHECK(fast[v] == Approx(slow[v]));
        auto sub = betweenness(g, g.source_nodes(), g.end_producers());
        auto sub_slow = brute_betweenness(g, g.source_nodes(), g.end_producers());
        for (NodeId v = 0; v < g.num_nodes(); ++v) CHECK(sub[v] == Approx(sub_slow[v]));
    }
}

TEST_CASE("betweenness: identical with one thread and with several") {
    auto g = test::random_supply_graph(7, {.layers = 6, .width = 40, .back_edges = 10});
    const auto all = every(g);
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    auto serial = betweenness(g, all, all);
    omp_set_num_threads(std::max(2, threads));
    auto parallel = betweenness(g, all, all);
    omp_set_num_threads(threads);
    CHECK(serial == parallel);
}

TEST_CASE("sampled_betweenness: within epsilon of the exact values, reproducible per seed") {
    auto g = test::random_supply_graph(3, {.layers = 5, .width = 30, .back_edges = 5});
    const auto all = every(g);
    const double eps = 0.02, pairs = double(all.size()) * double(all.size() - 1);
    auto exact = betweenness(g, all, all);
    auto est = sampled_betweenness(g, all, all, eps, 0.1, 42);
    CHECK(est.samples == rk_sample_size(g, eps, 0.1));
    for (NodeId v = 0; v < g.num_nodes(); ++v)
        CHECK(std::abs(est.value[v] - exact[v]) / pairs <= eps);
    CHECK(sampled_betweenness(g, all, all, eps, 0.1, 42).value == est.value);
    auto sp = sampled_betweenness(g, g.source_nodes(), g.end_producers(), eps, 0.1, 5);
    auto sp_exact = betweenness(g, g.source_nodes(), g.end_producers());
    const double sp_pairs = double(g.source_nodes().size()) * double(g.end_producers().size());
    for (NodeId v = 0; v < g.num_nodes(); ++v)
        CHECK(std::abs(sp.value[v] - sp_exact[v]) / sp_pairs <= eps);
}

TEST_CASE("compute_centrality: samples above the work threshold unless exact is forced") {
    auto g = test::random_supply_graph(9, {.layers = 4, .width = 300});
    // Each search reaches its downstream cone: at least the source's own edges.
    CHECK(estimate_brandes_work(g, g.source_nodes()) >= double(g.num_edges()) / 4);
    CHECK(estimate_brandes_work(g, {}) == 0);
    CentralityOptions o{.measure = Measure::betweenness, .exact_work_limit = 100, .epsilon = 0.05};
    auto approx = compute_centrality(g, o);
    CHECK_FALSE(approx.exact);
    CHECK(approx.epsilon == 0.05);
    CHECK(approx.samples == rk_sample_size(g, 0.05, 0.1));
    o.exact = true;
    CHECK(compute_centrality(g, o).exact);
    o.exact = false;
    o.exact_work_limit = 1e9;
    CHECK(compute_centrality(g, o).exact);
}

TEST_CASE("rk_sample_size: bounded by the condensation's longest path") {
    // a chain of 3 nodes: VD = 3, ⌊log2(1)⌋ + 1 = 1;  r = ⌈0.5/0.01 · (1 + ln 10)⌉
    auto g = make_graph("a:s:x:CN b:t:y:US c:u:z:JP", "a>b:1 b>c:1");
    CHECK(rk_sample_size(g, 0.1, 0.1) == std::size_t(std::ceil(50 * (1 + std::log(10.0)))));
}

TEST_CASE("sum_by_country: location and control owner views") {
    SupplyGraphBuilder b;
    b.add_stage("mine");
    b.add_node({.id = "a",
                .stage = "mine",
                .commodity = "ore",
                .country = "CD",
                .owners = {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}},
                .output = 10});
    b.add_node({.id = "b", .stage = "mine", .commodity = "ore", .country = "CD", .output = 10});
    b.add_node({.id = "c", .stage = "mine", .commodity = "ore", .country = "AU", .output = 10});
    auto g = b.freeze();
    const std::vector<double> v{3, 2, 5};
    auto loc = sum_by_country(g, v, CutBy::location);
    REQUIRE(loc.size() == 2);
    CHECK(country_code(loc[0].country) == "AU");  // tie 5 = 5: code ascending
    CHECK(loc[1].value == 5);
    auto own = sum_by_country(g, v, CutBy::owner);
    REQUIRE(own.size() == 3);
    CHECK(country_code(own[0].country) == "AU");
    CHECK(country_code(own[1].country) == "CN");
    CHECK(own[1].value == 3);
    CHECK(country_code(own[2].country) == "CD");
}

TEST_CASE("parse_measure: names round-trip, unknown names throw") {
    for (auto m : {Measure::betweenness, Measure::betweenness_sp, Measure::flow})
        CHECK(parse_measure(measure_name(m)) == m);
    CHECK_THROWS_AS(parse_measure("eigen"), std::invalid_argument);
}

TEST_CASE("rank_by_value: value desc, ties by id string") {
    auto g = make_graph("b:s:x:CN a:s:x:CN c:s:x:CN", "");
    const std::vector<double> v{1, 1, 2};
    CHECK(rank_by_value(g, v) == std::vector<NodeId>{2, 1, 0});
    CHECK(rank_by_value(SupplyGraph{}, {}).empty());
}

TEST_CASE("rk_sample_size: a long cycle counts by its diameter bound, not only its size") {
    // a0 -> a1 -> ... -> a9 -> a0: ecc_out(a0) = ecc_in(a0) = 9, so the bound is min(10, 19) = 10;
    // a 2-layer feed into a 3-cycle: 1 + min(3, 2 + 2 + 1) = 4 vertices.
    std::string nodes, edges;
    for (int i = 0; i < 10; ++i) {
        nodes += "a" + std::to_string(i) + ":s:x:CN ";
        edges += "a" + std::to_string(i) + ">a" + std::to_string((i + 1) % 10) + ":1 ";
    }
    auto ring = make_graph(nodes, edges);
    const auto r = [](double vd) {
        return std::size_t(std::ceil(50 * (std::floor(std::log2(vd - 2)) + 1 + std::log(10.0))));
    };
    CHECK(rk_sample_size(ring, 0.1, 0.1) == r(10));
    auto fed = make_graph("m:s:x:CN a:t:y:CN b:t:y:CN c:t:y:CN", "m>a:1 a>b:1 b>c:1 c>a:1");
    CHECK(rk_sample_size(fed, 0.1, 0.1) == r(4));
}
