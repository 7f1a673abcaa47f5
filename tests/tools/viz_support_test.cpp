#include "tools/viz_support.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"
#include "tools/cli.hpp"

using namespace chokepoint;
using namespace chokepoint::cli;
using chokepoint::test::make_graph;

namespace {
//  a(CD) --30--> r(CN) --40--> cell(KR)
//  b(ID) --10--> r             ^
//  g(CN) --------------5-------+   (graphite: a second input commodity of the cell)
SupplyGraph battery() {
    return make_graph(
        "a:mine:ore:CD b:mine:ore:ID g:mine:graphite:CN r:refine:metal:CN cell:cells:cell:KR",
        "a>r:30 b>r:10 r>cell:40 g>cell:5");
}
double share(const SupplyGraph& g, const std::vector<double>& s, const char* id) {
    return s[*g.find(id)];
}
}  // namespace

TEST_CASE("flow_through_shares: Leontief inputs each carry the whole dependence") {
    const auto g = battery();
    const auto s = flow_through_shares(g);
    CHECK(share(g, s, "cell") == 1.0);
    CHECK(share(g, s, "r") == 1.0);
    CHECK(share(g, s, "g") == 1.0);
    CHECK(share(g, s, "a") == Approx(0.75));
    CHECK(share(g, s, "b") == Approx(0.25));
}

TEST_CASE("flow_through_shares: empty, one node, two end products, a cycle") {
    CHECK(flow_through_shares(SupplyGraph{}).empty());
    CHECK(flow_through_shares(make_graph("a:s:x:CN", "")) == std::vector<double>{1.0});
    //  a -> p (product x), b -> q (product y): each product weighs 1/2
    const auto two = make_graph("a:m:o:CN b:m:o:US p:e:x:CN q:e:y:US", "a>p:1 b>q:1");
    CHECK(flow_through_shares(two) == std::vector<double>{0.5, 0.5, 0.5, 0.5});
    //  a <-> b -> c: shares stay within [0, 1]
    const auto cyc = make_graph("a:s:x:CN b:s:x:US c:t:y:JP", "a>b:1 b>a:1 b>c:1");
    for (double v : flow_through_shares(cyc)) CHECK((v >= 0 && v <= 1));
}

TEST_CASE("single_points_of_failure: sole suppliers of a needed input") {
    const auto g = battery();
    std::vector<NodeId> want{*g.find("g"), *g.find("r")};  // not cell: an end producer
    std::sort(want.begin(), want.end());
    CHECK(single_points_of_failure(g) == want);
    CHECK(single_points_of_failure(SupplyGraph{}).empty());
    // two parallel suppliers: neither alone stops the product
    const auto par = make_graph("a:m:o:CN b:m:o:US p:e:x:JP", "a>p:1 b>p:1");
    CHECK(single_points_of_failure(par).empty());
}

TEST_CASE("most_central: top N by flow-through share, ties by NodeId") {
    const auto g = battery();
    CHECK(most_central(g, 2) == std::vector<NodeId>{*g.find("g"), *g.find("r")});
    CHECK(most_central(g, 0).empty());
}

TEST_CASE("parse_highlight: dominators are the per-product dominators, end producers excluded") {
    // In battery() graphite bypasses r, so nothing but the virtual root dominates the cell
    // (while r and g are both single points of failure: AND inputs).
    CHECK(parse_highlight(battery(), "dominators").nodes.empty());
    //  a --> r --> c : every path to c passes a and r
    const auto chain = make_graph("a:m:ore:CD r:refine:metal:CN c:cells:cell:KR", "a>r:1 r>c:1");
    CHECK(parse_highlight(chain, "dominators").nodes ==
          std::vector<NodeId>{*chain.find("a"), *chain.find("r")});
}

TEST_CASE("parse_highlight: spof, central, central:N and errors") {
    const auto g = battery();
    CHECK(parse_highlight(g, "spof").nodes.size() == 2);
    CHECK(parse_highlight(g, "central").nodes.size() == 5);
    CHECK(parse_highlight(g, "central:1").nodes.size() == 1);
    CHECK(parse_highlight(g, "central:1").legend == "top 1 by flow-through share");
    CHECK_THROWS_AS(parse_highlight(g, "central:"), UsageError);
    CHECK_THROWS_AS(parse_highlight(g, "central:x"), UsageError);
    CHECK_THROWS_AS(parse_highlight(g, "centrality"), UsageError);
    CHECK_THROWS_AS(parse_highlight(g, "hubs"), UsageError);
}

TEST_CASE("scenario_outcome: removed nodes, cut edges and losses in the title") {
    const auto g = battery();
    const auto out = scenario_outcome(g, parse_scenario(g, "remove CD"));
    CHECK(out.fraction[*g.find("r")] == Approx(0.25));
    CHECK(out.overlay.removed[*g.find("a")] == 1);
    CHECK(out.overlay.removed[*g.find("r")] == 0);
    CHECK(out.overlay.cut_edge[0] == 1);  // a>r carries nothing
    REQUIRE(out.overlay.title_lines.size() == 2);
    CHECK(out.overlay.title_lines[1] == "cell: 75.0% lost");
}
