#include "datasets/generate.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>

#include "datasets/loader.hpp"

using namespace chokepoint;

namespace {

std::string generate(const GenerateOptions& o) {
    std::ostringstream out;
    generate_dataset(o, out);
    return out.str();
}

}  // namespace

TEST_CASE("generate_dataset: same options give the same bytes, another seed other bytes") {
    const std::string a = generate({.nodes = 500, .seed = 3, .feedback = 0.05});
    CHECK(a == generate({.nodes = 500, .seed = 3, .feedback = 0.05}));
    CHECK(a != generate({.nodes = 500, .seed = 4, .feedback = 0.05}));
}

TEST_CASE("generate_dataset: loads without errors or warnings; volumes are consistent") {
    const GenerateOptions o{.nodes = 3000, .tiers = 5, .countries = 20, .seed = 11};
    std::ostringstream out;
    const GenerateSummary sum = generate_dataset(o, out);
    const Dataset d = parse_dataset(out.str(), "gen.json");
    CHECK(d.warnings.empty());  // no isolated node, nobody ships more than it makes
    const SupplyGraph& g = d.graph;
    REQUIRE(g.num_nodes() == 3000);
    CHECK(g.num_edges() == sum.edges);
    CHECK(sum.feedback_edges == 0);
    CHECK(g.num_commodities() == sum.commodities);
    CHECK(g.num_stages() == 5);
    CHECK(g.is_acyclic());
    CHECK(g.countries().size() <= 20);
    CHECK(g.countries().size() >= 10);
    std::size_t owned = 0;
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
        CHECK(g.capacity(v) >= g.output(v));
        owned += g.owners(v).empty() ? 0 : 1;
        double shipped = 0;
        for (auto e : g.out_edges(v)) {
            CHECK(g.stage(g.to(e)) > g.stage(v));
            shipped += g.flow(e);
        }
        CHECK(shipped <= g.output(v) * 0.951);
        if (g.stage(v) == 0) CHECK(g.in_degree(v) == 0);
        if (g.stage(v) > 0) {  // 1-3 input commodities
            std::set<CommodityId> inputs;
            for (auto e : g.in_edges(v)) inputs.insert(g.commodity(g.from(e)));
            CHECK(inputs.size() >= 1);
            CHECK(inputs.size() <= 3);
        }
    }
    CHECK(owned > 300);  // ~20% foreign or joint-venture owned
    CHECK(owned < 900);
    // Every commodity of the last tier is an end product, and only those.
    for (auto c : g.end_products()) CHECK(g.stage(g.producers(c).front()) == 4);
}

TEST_CASE("generate_dataset: feedback edges go backwards, make cycles, and only they warn") {
    std::ostringstream out;
    const GenerateSummary sum = generate_dataset({.nodes = 2000, .seed = 5, .feedback = 0.05}, out);
    const Dataset d = parse_dataset(out.str(), "gen.json");
    const SupplyGraph& g = d.graph;
    CHECK_FALSE(g.is_acyclic());
    std::size_t backward = 0;
    for (EdgeId e = 0; e < g.num_edges(); ++e) backward += g.stage(g.from(e)) > g.stage(g.to(e));
    CHECK(backward == sum.feedback_edges);
    const double share = double(sum.feedback_edges) / double(sum.edges - sum.feedback_edges);
    CHECK(share == Approx(0.05).margin(0.01));
    REQUIRE(d.warnings.size() ==
            std::min<std::size_t>(backward, kMaxErrors) + (backward > kMaxErrors));
    for (std::size_t i = 0; i < std::min<std::size_t>(backward, kMaxErrors); ++i)
        CHECK(d.warnings[i].find("back to earlier stage") != std::string::npos);
    if (backward > kMaxErrors)
        CHECK(d.warnings.back().find(std::to_string(backward - kMaxErrors) +
                                     " more warnings not shown") != std::string::npos);
    CHECK(d.warning_count() == backward);
    CHECK(d.unlisted_warnings == (backward > kMaxErrors ? backward - kMaxErrors : 0));
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
        double shipped = 0;
        for (auto e : g.out_edges(v)) shipped += g.flow(e);
        CHECK(shipped <= g.output(v));
    }
}

TEST_CASE("generate_dataset: the smallest network and bad options") {
    const Dataset d = parse_dataset(generate({.nodes = 2, .tiers = 2, .countries = 1}), "two.json");
    CHECK(d.graph.num_nodes() == 2);
    CHECK(d.graph.num_edges() == 1);
    CHECK(d.warnings.empty());
    std::ostringstream sink;
    CHECK_THROWS_AS(generate_dataset({.nodes = 3, .tiers = 6}, sink), std::invalid_argument);
    CHECK_THROWS_AS(generate_dataset({.tiers = 1}, sink), std::invalid_argument);
    CHECK_THROWS_AS(generate_dataset({.countries = 0}, sink), std::invalid_argument);
    CHECK_THROWS_AS(generate_dataset({.countries = 250}, sink), std::invalid_argument);
    CHECK_THROWS_AS(generate_dataset({.feedback = -0.1}, sink), std::invalid_argument);
}
