#include "algorithms/sweep.hpp"

#include <catch2/catch.hpp>
#include <random>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {
std::vector<std::string> labels(const std::vector<Scenario>& s) {
    std::vector<std::string> out;
    for (const auto& x : s) out.push_back(x.label);
    return out;
}

// A seeded layered graph: 4 stages of 50 nodes, 3 inputs each, 20 countries.
SupplyGraph random_graph(unsigned seed) {
    std::mt19937 rng(seed);
    static const char* kCountries[] = {"CN", "US", "DE", "JP", "KR", "CD", "ID", "AU", "CL", "PE",
                                       "FI", "FR", "GB", "IN", "BR", "CA", "ZA", "RU", "TW", "MX"};
    SupplyGraphBuilder b;
    for (int s = 0; s < 4; ++s) b.add_stage("s" + std::to_string(s));
    std::vector<std::string> ids;
    for (int s = 0; s < 4; ++s)
        for (int i = 0; i < 50; ++i) {
            ids.push_back("n" + std::to_string(s) + "_" + std::to_string(i));
            const std::string stage = "s" + std::to_string(s);
            const std::string commodity = "c" + std::to_string(s) + "_" + std::to_string(i % 3);
            b.add_node({.id = ids.back(),
                        .stage = stage,
                        .commodity = commodity,
                        .country = kCountries[rng() % 20],
                        .output = 1.0 + double(rng() % 100)});
        }
    for (int s = 1; s < 4; ++s)
        for (int i = 0; i < 50; ++i) {
            const auto first = static_cast<NodeId>((s - 1) * 50 + rng() % 48);
            for (NodeId k = 0; k < 3; ++k)  // three distinct suppliers from the stage above
                b.add_edge(first + k, static_cast<NodeId>(s * 50 + i), 1.0 + double(rng() % 10));
        }
    return b.freeze();
}
}  // namespace

TEST_CASE("sweep_scenarios: countries by view, pairs and groups") {
    SupplyGraph empty;
    CHECK(sweep_scenarios(empty, {}).empty());
    CHECK(run_sweep(empty, {}, {}).empty());
    //  m1(CD) --30--> r(CN) <--10-- m2(ID)
    auto g = make_graph("m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN", "m1>r:30 m2>r:10");
    CHECK(labels(sweep_scenarios(g, {})) == std::vector<std::string>{"CD", "CN", "ID"});
    CHECK(labels(sweep_scenarios(g, {.k = 2})) ==
          std::vector<std::string>{"CD", "CN", "ID", "CD+CN", "CD+ID", "CN+ID"});
    auto with_groups = labels(sweep_scenarios(g, {.groups = true}));
    CHECK(with_groups.size() == 3);  // no built-in group has CD, CN or ID as a member
    CHECK_THROWS_AS(sweep_scenarios(g, {.k = 3}), std::invalid_argument);

    auto jp = make_graph("a:s:x:JP b:s:x:CN", "");
    auto grouped = labels(sweep_scenarios(jp, {.groups = true}));
    CHECK(std::find(grouped.begin(), grouped.end(), "G7") != grouped.end());
    CHECK(std::find(grouped.begin(), grouped.end(), "EU27") == grouped.end());
}

TEST_CASE("run_sweep: losses per country and ranking") {
    //  m1(CD) --30--> r(CN) <--10-- m2(ID)
    auto g = make_graph("m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN", "m1>r:30 m2>r:10");
    const auto scenarios = sweep_scenarios(g, {.k = 2});
    const auto rows = run_sweep(g, scenarios, {.k = 2});
    REQUIRE(rows.size() == 6);
    CHECK(rows[0].loss == std::vector<double>{0.75});  // CD
    CHECK(rows[1].loss == std::vector<double>{1.0});   // CN: the refiner itself
    CHECK(rows[2].loss == std::vector<double>{0.25});  // ID
    CHECK(rows[5].loss == std::vector<double>{1.0});   // CN+ID
    CHECK(rank_rows(rows, 0) == std::vector<std::size_t>{1, 3, 4, 5, 0, 2});
    const auto rerouted = run_sweep(g, scenarios, {.model = Model::rerouting});
    // m1 produces 100 but ships 30: rerouted, it covers r alone.
    CHECK(rerouted[2].loss[0] == Approx(0.0).margin(1e-12));
    CHECK(rerouted[1].loss[0] == 1.0);  // the refiner itself is gone
    std::size_t calls = 0, last = 0;
    run_sweep(g, scenarios, {.progress = [&](std::size_t done, std::size_t total) {
                  ++calls;
                  CHECK(done == calls);  // 1, 2, ..., 6 in order, whichever thread finishes
                  last = done;
                  CHECK(total == 6);
              }});
    CHECK(calls == 6);
    CHECK(last == 6);
}

TEST_CASE("run_sweep: two threads give exactly the serial result") {
    const auto g = random_graph(7);
    const SweepOptions opts{.k = 2, .groups = true};
    const auto scenarios = sweep_scenarios(g, opts);
    CHECK(scenarios.size() > 100);
    auto serial = opts, parallel = opts;
    serial.threads = 1;
    parallel.threads = 2;
    const auto a = run_sweep(g, scenarios, serial), b = run_sweep(g, scenarios, parallel);
    REQUIRE(a.size() == b.size());
    bool some_loss = false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        CHECK(a[i].scenario.label == b[i].scenario.label);
        CHECK(a[i].loss == b[i].loss);  // bitwise equal
        for (double l : a[i].loss) some_loss = some_loss || l > 0;
    }
    CHECK(some_loss);
    auto rr = opts;
    rr.model = Model::rerouting;
    rr.k = 1;
    const auto singles = sweep_scenarios(g, rr);
    rr.threads = 1;
    const auto c = run_sweep(g, singles, rr);
    rr.threads = 2;
    const auto d = run_sweep(g, singles, rr);
    for (std::size_t i = 0; i < c.size(); ++i) CHECK(c[i].loss == d[i].loss);
}
