// GraphML and DOT text (datasets/graphml.cpp), pinned on a two-node graph with awkward strings.
#include "datasets/graph_export.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace chokepoint;

namespace {

//   mine "a" (CD, owned 60% by CN) --2.5--> refinery b"\ (CN)
SupplyGraph tiny() {
    SupplyGraphBuilder b;
    b.set_info({"Q \"x\" & <y>\\", "", "", "", std::nullopt});
    b.add_source({"s", "c"});
    b.add_stage("mine");
    b.add_stage("refine");
    b.add_node({.id = "a",
                .name = "Mine \"A\"\nline2",
                .stage = "mine",
                .commodity = "ore & co",
                .country = "CD",
                .owners = {{"X", "CN", 0.6}, {"Y", "CD", 0.4}},
                .output = 10,
                .capacity = 12.5,
                .unit = "t",
                .inventory_days = 3});
    b.add_node(
        {.id = "b\"\\", .stage = "refine", .commodity = "metal", .country = "CN", .output = 4});
    b.add_edge(0, 1, 2.5);
    return b.freeze();
}

}  // namespace

TEST_CASE("write_graphml: typed keys, escaped text, nodes then edges") {
    std::ostringstream os;
    write_graphml(tiny(), os);
    CHECK(os.str() ==
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
          "  <key id=\"name\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n"
          "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
          "  <key id=\"stage\" for=\"node\" attr.name=\"stage\" attr.type=\"string\"/>\n"
          "  <key id=\"commodity\" for=\"node\" attr.name=\"commodity\" attr.type=\"string\"/>\n"
          "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
          "  <key id=\"owner_country\" for=\"node\" attr.name=\"owner_country\" "
          "attr.type=\"string\"/>\n"
          "  <key id=\"output\" for=\"node\" attr.name=\"output\" attr.type=\"double\"/>\n"
          "  <key id=\"capacity\" for=\"node\" attr.name=\"capacity\" attr.type=\"double\"/>\n"
          "  <key id=\"unit\" for=\"node\" attr.name=\"unit\" attr.type=\"string\"/>\n"
          "  <key id=\"inventory_days\" for=\"node\" attr.name=\"inventory_days\" "
          "attr.type=\"double\"/>\n"
          "  <key id=\"flow\" for=\"edge\" attr.name=\"flow\" attr.type=\"double\"/>\n"
          "  <graph id=\"G\" edgedefault=\"directed\">\n"
          "    <data key=\"name\">Q &quot;x&quot; &amp; &lt;y&gt;\\</data>\n"
          "    <node id=\"a\">\n"
          "      <data key=\"label\">Mine &quot;A&quot;\nline2</data>\n"
          "      <data key=\"stage\">mine</data>\n"
          "      <data key=\"commodity\">ore &amp; co</data>\n"
          "      <data key=\"country\">CD</data>\n"
          "      <data key=\"owner_country\">CN</data>\n"
          "      <data key=\"output\">10</data>\n"
          "      <data key=\"capacity\">12.5</data>\n"
          "      <data key=\"unit\">t</data>\n"
          "      <data key=\"inventory_days\">3</data>\n"
          "    </node>\n"
          "    <node id=\"b&quot;\\\">\n"
          "      <data key=\"label\">b&quot;\\</data>\n"
          "      <data key=\"stage\">refine</data>\n"
          "      <data key=\"commodity\">metal</data>\n"
          "      <data key=\"country\">CN</data>\n"
          "      <data key=\"owner_country\">CN</data>\n"
          "      <data key=\"output\">4</data>\n"
          "      <data key=\"capacity\">4</data>\n"
          "    </node>\n"
          "    <edge source=\"a\" target=\"b&quot;\\\">\n"
          "      <data key=\"flow\">2.5</data>\n"
          "    </edge>\n"
          "  </graph>\n"
          "</graphml>\n");
}

TEST_CASE("write_dot: quoted ids and attributes, escapes for quotes, backslashes, newlines") {
    std::ostringstream os;
    write_dot(tiny(), os);
    CHECK(os.str() ==
          "digraph \"Q \\\"x\\\" & <y>\\\\\" {\n"
          "  node [shape=box];\n"
          "  \"a\" [label=\"Mine \\\"A\\\"\\nline2\", stage=\"mine\", commodity=\"ore & co\", "
          "country=\"CD\", owner_country=\"CN\", output=\"10\", capacity=\"12.5\", unit=\"t\", "
          "inventory_days=\"3\"];\n"
          "  \"b\\\"\\\\\" [label=\"b\\\"\\\\\", stage=\"refine\", commodity=\"metal\", "
          "country=\"CN\", owner_country=\"CN\", output=\"4\", capacity=\"4\"];\n"
          "  \"a\" -> \"b\\\"\\\\\" [flow=\"2.5\"];\n"
          "}\n");
}

TEST_CASE("write_graphml / write_dot: the empty graph and control characters") {
    SupplyGraphBuilder b;
    b.set_info({"E\x01", "", "", "", std::nullopt});
    const auto g = b.freeze();
    std::ostringstream xml, dot;
    write_graphml(g, xml);
    write_dot(g, dot);
    CHECK(xml.str().find("<data key=\"name\">E\xEF\xBF\xBD</data>\n  </graph>") !=
          std::string::npos);
    CHECK(dot.str() == "digraph \"E\x01\" {\n  node [shape=box];\n}\n");
}
