#include "viz/graphviz.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using namespace chokepoint::viz;
using chokepoint::test::make_graph;

namespace {

constexpr const char* kNasty = "Quote \"q\" back\\slash \\N <b>&amp; {x|y}\nline two";

//  nasty(CN) --5--> plain(US)
SupplyGraph nasty_graph() {
    SupplyGraphBuilder b;
    b.add_stage("mine", "Mine <&>");
    b.add_stage("refine");
    b.add_node({.id = "id \"1\" \\",
                .name = kNasty,
                .stage = "mine",
                .commodity = "ore & rock",
                .country = "CN",
                .output = 5});
    b.add_node(
        {.id = "plain", .stage = "refine", .commodity = "metal", .country = "US", .output = 5});
    b.add_edge(NodeId{0}, NodeId{1}, 5);
    return b.freeze();
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("diagram_dot: names are escaped for HTML-like labels and escStrings") {
    const auto dot = diagram_dot(make_diagram(nasty_graph()));
    CHECK(contains(
        dot, "Quote &quot;q&quot; back\\\\slash \\\\N &lt;b&gt;&amp;amp; {x|y}<BR/>line two"));
    // cgraph cannot write a name with a backslash, so the node gets a neutral one.
    CHECK(contains(dot, "\"chokepoint:node:0\""));
    CHECK(contains(dot, "tooltip=\"id \\\"1\\\" \\\\ (China)"));  // backslash doubled
    CHECK(contains(dot, "Mine &lt;&amp;&gt;"));
    CHECK(contains(dot, "ore &amp; rock"));
    CHECK(contains(dot, "rankdir=LR"));
    CHECK(contains(dot, "rank=same"));
}

TEST_CASE("diagram_dot: deterministic") {
    const auto g = nasty_graph();
    CHECK(diagram_dot(make_diagram(g)) == diagram_dot(make_diagram(g)));
}

TEST_CASE("render_diagram: SVG shows names literally") {
    const auto svg = render_diagram(make_diagram(nasty_graph()), "svg");
    CHECK(contains(svg, "<svg"));
    // Graphviz writes text XML-escaped; a parser turns these back into the literal name.
    CHECK(contains(svg, "&lt;b&gt;&amp;amp; {x|y}"));
    CHECK(contains(svg, "back\\slash \\N"));
    CHECK(contains(svg, ">line two</text>"));
}

TEST_CASE("render_diagram: empty graph, png and pdf, bad format") {
    CHECK(contains(render_diagram(make_diagram(SupplyGraph{}), "svg"), "</svg>"));
    const auto g = make_graph("a:s:x:CN b:t:y:US", "a>b:1");
    CHECK(render_diagram(make_diagram(g), "png").substr(1, 3) == "PNG");
    CHECK(render_diagram(make_diagram(g), "pdf").substr(0, 4) == "%PDF");
    CHECK(render_diagram(make_diagram(g, {}, {}, {.layout = Layout::sfdp}), "svg").size() > 100);
    CHECK_THROWS_AS(render_diagram(make_diagram(g), "gif"), std::invalid_argument);
}
