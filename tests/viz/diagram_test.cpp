#include "viz/diagram.hpp"

#include <fmt/format.h>

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using namespace chokepoint::viz;
using chokepoint::test::make_graph;

namespace {
//  a(CD,60) --60--> r(CN,80)
//  b(CD,20) --20--> r
//  c(ID,20) --20--> s(FI,20)
SupplyGraph three_mines() {
    return make_graph(
        "a:mine:ore:CD:60 b:mine:ore:CD:20 c:mine:ore:ID:20 r:refine:metal:CN:80 "
        "s:refine:metal:FI:20",
        "a>r:60 b>r:20 c>s:20");
}
}  // namespace

TEST_CASE("make_diagram: empty graph and one node") {
    const auto empty = make_diagram(SupplyGraph{});
    CHECK(empty.nodes.empty());
    CHECK(empty.edges.empty());
    const auto one = make_diagram(make_graph("a:s:x:CN:5", ""));
    REQUIRE(one.nodes.size() == 1);
    CHECK(one.nodes[0].share == 1.0);
    CHECK(one.nodes[0].share_text == "100.0% of x");
    CHECK(one.stages == std::vector<std::string>{"s"});
}

TEST_CASE("make_diagram: facilities keep stage order, shares and edge weights") {
    const auto g =
        make_graph("r:refine:metal:CN:10 a:mine:ore:CD:30 b:mine:ore:US:10", "a>r:30 b>r:10");
    const auto d = make_diagram(g);
    REQUIRE(d.nodes.size() == 3);
    CHECK(d.nodes[0].key == "r");  // stages in first-seen order: refine, then mine
    CHECK(d.nodes[1].key == "a");
    CHECK(d.nodes[1].share == Approx(0.75));
    REQUIRE(d.edges.size() == 2);
    CHECK(d.edges[0].from == 1);
    CHECK(d.edges[0].to == 0);
    CHECK(d.edges[0].weight == Approx(0.75));
    CHECK(d.countries.size() == 3);
}

TEST_CASE("make_diagram: aggregation merges per stage and country") {
    const auto g = three_mines();
    Overlay o;
    o.fraction = {0, 1, 1, 0.25, 1};
    o.removed = {1, 0, 0, 0, 0};
    o.cut_edge = {1, 0, 0};
    const auto d = make_diagram(g, o, {{1}, "spof"}, {.aggregation = Aggregation::country});
    REQUIRE(d.nodes.size() == 4);  // mine/CD, mine/ID, refine/CN, refine/FI
    CHECK(d.nodes[0].key == "mine/CD");
    CHECK(d.nodes[0].share == Approx(0.8));
    CHECK(d.nodes[0].fraction == Approx(0.25));  // (60·0 + 20·1) / 80
    CHECK_FALSE(d.nodes[0].removed);             // b survives
    CHECK(d.nodes[0].highlighted);
    CHECK(d.nodes[2].key == "refine/CN");
    REQUIRE(d.edges.size() == 2);
    CHECK(d.edges[0].flow == 80);
    CHECK(d.edges[0].weight == Approx(0.8));
    CHECK_FALSE(d.edges[0].cut);  // only one of its two edges is cut
    CHECK(d.highlight_legend == "spof");
}

TEST_CASE("make_diagram: parallel suppliers and a cycle stay distinct edges") {
    //  a <-> b (a cycle), c -> b
    const auto g = make_graph("a:s:x:CN b:s:x:US c:s:x:CN", "a>b:1 b>a:1 c>b:2");
    const auto d = make_diagram(g);
    CHECK(d.edges.size() == 3);
    const auto agg = make_diagram(g, {}, {}, {.aggregation = Aggregation::country});
    CHECK(agg.nodes.size() == 2);
    REQUIRE(agg.edges.size() == 2);  // CN->US (a>b, c>b summed), US->CN
    CHECK(agg.edges[0].flow == 3);
}

TEST_CASE("make_diagram: rejects overlays of the wrong size") {
    const auto g = three_mines();
    Overlay o;
    o.fraction = {1, 1};
    CHECK_THROWS_AS(make_diagram(g, o), std::invalid_argument);
    CHECK_THROWS_AS(make_diagram(g, {}, {{7}, "x"}), std::invalid_argument);
}

TEST_CASE("make_diagram: a commodity produced in two stages aggregates per stage") {
    //  a(s1, x, CN) --> b(s2, x, US): x has producers in both stages
    const auto g = make_graph("a:s1:x:CN:30 b:s2:x:US:10", "a>b:5");
    const auto d = make_diagram(g, {}, {}, {.aggregation = Aggregation::country});
    REQUIRE(d.nodes.size() == 2);
    CHECK(d.nodes[1].share == Approx(0.25));
    CHECK(d.nodes[1].share_text == "25.0% of x");
}

TEST_CASE("make_diagram: an aggregated diagram over 1,000 edges drops the thin flows") {
    // 40 countries in two stages, every refiner buys from every mine: 1,600 country links. Each
    // refiner gets 100 from its own country's mine and 1 from each other mine (0.7% of its
    // inputs), so only the 40 big flows are drawn; a cut thin flow is drawn too.
    auto build = [](std::size_t k) {
        std::string nodes, edges;
        for (std::size_t i = 0; i < k; ++i) {
            const auto cc = country_code(static_cast<Country>(i));
            nodes += fmt::format("a{0}:mine:ore:{1}:10000 b{0}:refine:metal:{1}:1000 ", i, cc);
            for (std::size_t j = 0; j < k; ++j)
                edges += fmt::format("a{}>b{}:{} ", j, i, i == j ? 100 : 1);
        }
        return make_graph(nodes, edges);
    };
    const auto g = build(40);
    REQUIRE(g.num_edges() == 1600);
    Overlay o;
    o.cut_edge.assign(g.num_edges(), false);
    o.cut_edge[1] = true;  // a0 -> b1, a thin flow
    o.fraction.assign(g.num_nodes(), 1.0);
    o.removed.assign(g.num_nodes(), false);
    const auto d = make_diagram(g, o, {}, {.aggregation = Aggregation::country});
    CHECK(d.edges.size() == 41);
    CHECK(d.hidden_edges == 1559);
    for (const auto& e : d.edges) CHECK((e.flow == 100 || e.cut));
    CHECK_THAT(d.subtitle, Catch::Contains("1559 thin flows (< 5% of a box's inputs) not drawn"));
    // At 1,000 edges or fewer everything is drawn: 31 countries make 961 links.
    const auto small = make_diagram(build(31), {}, {}, {.aggregation = Aggregation::country});
    CHECK(small.edges.size() == 961);
    CHECK(small.hidden_edges == 0);
}
