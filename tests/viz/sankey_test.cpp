#include "viz/sankey.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using namespace chokepoint::viz;
using chokepoint::test::make_graph;

namespace {
std::size_t count(const std::string& s, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = s.find(needle); at != std::string::npos; at = s.find(needle, at + 1)) ++n;
    return n;
}
}  // namespace

TEST_CASE("sankey_svg: one band per stage and country, one ribbon per country pair") {
    //  a(CD,60) b(CD,20) c(ID,20) -> r(CN,80), c -> s(FI,20); s -> s2 (same stage: not drawn)
    const auto g =
        make_graph("a:m:ore:CD:60 b:m:ore:CD:20 c:m:ore:ID:20 r:f:metal:CN:80 s:f:metal:FI:20",
                   "a>r:60 b>r:20 c>r:10 c>s:10");
    const auto svg = sankey_svg(g);
    CHECK(svg.rfind("<svg", 0) == 0);
    CHECK(count(svg, "<rect") == 4);  // m/CD, m/ID, f/CN, f/FI
    CHECK(count(svg, "<path") == 3);  // CD>CN, ID>CN, ID>FI
    CHECK(svg.find("CD 80%") != std::string::npos);
    CHECK(svg.find("CN 80%") != std::string::npos);
    CHECK(svg == sankey_svg(g));  // deterministic
}

TEST_CASE("sankey_svg: empty graph, one node, a cycle and a backward edge") {
    CHECK(sankey_svg(SupplyGraph{}).find("</svg>") != std::string::npos);
    const auto one = sankey_svg(make_graph("a:s:x:CN", ""));
    CHECK(count(one, "<rect") == 1);
    const auto cyc = make_graph("a:s:x:CN b:t:y:US", "a>b:1 b>a:1");
    CHECK(count(sankey_svg(cyc), "<path") == 1);  // b>a goes back a stage
}

TEST_CASE("sankey_svg: long stage names wrap, markup is escaped") {
    SupplyGraphBuilder b;
    b.add_stage("s", "A very long stage name <with> markup & more words than fit");
    b.add_stage("t");
    b.add_node({.id = "a", .stage = "s", .commodity = "x", .country = "CN", .output = 1});
    b.add_node({.id = "b", .stage = "t", .commodity = "y", .country = "CN", .output = 1});
    const auto svg = sankey_svg(b.freeze(), {.width = 300});
    CHECK(count(svg, "<tspan") >= 2);
    CHECK(svg.find("&lt;with&gt;") != std::string::npos);
}

TEST_CASE("sankey_svg: a commodity produced in two stages") {
    const auto svg = sankey_svg(make_graph("a:s1:x:CN:30 b:s2:x:US:10", "a>b:5"));
    CHECK(svg.find("CN 75%") != std::string::npos);
    CHECK(svg.find("US 25%") != std::string::npos);
}
