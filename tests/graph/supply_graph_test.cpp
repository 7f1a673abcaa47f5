#include "graph/supply_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <tuple>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {
std::vector<std::string> ids(const SupplyGraph& g, std::span<const NodeId> nodes) {
    std::vector<std::string> out;
    for (auto n : nodes) out.emplace_back(g.id(n));
    return out;
}
}  // namespace

TEST_CASE("SupplyGraph: empty graph has no nodes, edges or lookups") {
    SupplyGraph g = SupplyGraphBuilder().freeze();
    CHECK(g.num_nodes() == 0);
    CHECK(g.num_edges() == 0);
    CHECK(g.topological_order().empty());
    CHECK(g.is_acyclic());
    CHECK(g.end_products().empty());
    CHECK_FALSE(g.find("x"));
}

TEST_CASE("SupplyGraph: one node is both a source and an end producer") {
    auto g = make_graph("a:mine:ore:CD:5", "");
    REQUIRE(g.num_nodes() == 1);
    CHECK(ids(g, g.source_nodes()) == std::vector<std::string>{"a"});
    CHECK(ids(g, g.end_producers()) == std::vector<std::string>{"a"});
    CHECK(g.commodity_name(g.end_products()[0]) == "ore");
    CHECK(g.output(0) == 5);
    CHECK(g.capacity(0) == 5);  // absent capacity = output
}

TEST_CASE("SupplyGraph: lookups and CSR adjacency in both directions") {
    //  a(CD) --10--> c(CN) --5--> d(US)
    //  b(CD) --20--> c
    auto g = make_graph("a:mine:ore:CD b:mine:ore:CD c:refine:metal:CN d:make:car:US",
                        "a>c:10 b>c:20 c>d:5");
    const NodeId a = *g.find("a"), b = *g.find("b"), c = *g.find("c"), d = *g.find("d");
    CHECK(g.num_edges() == 3);
    CHECK(g.out_degree(c) == 1);
    CHECK(g.in_degree(c) == 2);
    std::vector<NodeId> in;
    for (auto e : g.in_edges(c)) in.push_back(g.from(e));
    CHECK(in == std::vector<NodeId>{a, b});
    for (auto e : g.out_edges(c)) {
        CHECK(g.to(e) == d);
        CHECK(g.flow(e) == 5);
    }
    CHECK(ids(g, g.producers(*g.find_commodity("ore"))) == std::vector<std::string>{"a", "b"});
    CHECK(ids(g, g.nodes_in(*parse_country("CD"))) == std::vector<std::string>{"a", "b"});
    CHECK(g.nodes_in(*parse_country("FR")).empty());
    CHECK(ids(g, g.source_nodes()) == std::vector<std::string>{"a", "b"});
    CHECK(ids(g, g.end_producers()) == std::vector<std::string>{"d"});
    CHECK(g.countries().size() == 3);
    CHECK(g.num_stages() == 3);
    CHECK(g.stage_info(g.stage(c)).id == "refine");
}

TEST_CASE("SupplyGraph: strings are interned once") {
    auto g = make_graph("a:s:ore:CD b:s:ore:CN c:t:metal:CN", "a>c:1 b>c:1");
    CHECK(g.num_commodities() == 2);
    CHECK(g.commodity(0) == g.commodity(1));
    CHECK(g.commodity(0) != g.commodity(2));
}

TEST_CASE("SupplyGraph: topological order is by depth from the sources, ties by id") {
    //  c -> b -> a ,  d isolated: depths c 0, d 0, b 1, a 2
    auto g = make_graph("a:s:x:US b:s:y:US c:s:z:US d:s:w:US", "c>b:1 b>a:1");
    CHECK(g.is_acyclic());
    CHECK(ids(g, g.topological_order()) == std::vector<std::string>{"c", "d", "b", "a"});
    for (NodeId i = 0; i < 4; ++i) CHECK(g.component(g.topological_order()[i]) == i);
    //  a -> b, a -> c -> b: the depth is the longest path, so c (1) comes before b (2)
    auto h = make_graph("a:s:x:US b:s:y:US c:s:z:US", "a>b:1 a>c:1 c>b:1");
    CHECK(ids(h, h.topological_order()) == std::vector<std::string>{"a", "c", "b"});
}

TEST_CASE("SupplyGraph: a cycle is one component, contiguous in the order") {
    //  a -> b -> c -> b (recycling loop), c -> d
    auto g = make_graph("a:s:x:US b:s:y:US c:s:z:US d:s:w:US", "a>b:1 b>c:1 c>b:1 c>d:1");
    CHECK_FALSE(g.is_acyclic());
    CHECK(g.num_components() == 3);
    CHECK(g.component(*g.find("b")) == g.component(*g.find("c")));
    CHECK(ids(g, g.topological_order()) == std::vector<std::string>{"a", "b", "c", "d"});
    CHECK(g.component(*g.find("a")) < g.component(*g.find("b")));
    CHECK(g.component(*g.find("c")) < g.component(*g.find("d")));
}

TEST_CASE("SupplyGraph: ownership views (equity and control)") {
    SupplyGraphBuilder b;
    b.add_stage("mining");
    NodeSpec tenke{.id = "tenke",
                   .stage = "mining",
                   .commodity = "co",
                   .country = "CD",
                   .owners = {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}},
                   .output = 100};
    NodeSpec jv{.id = "jv",
                .stage = "mining",
                .commodity = "co",
                .country = "ZM",
                .owners = {{"A", "CN", 0.4}, {"B", "CH", 0.35}, {"C", "CN", 0.25}},
                .output = 50};
    NodeSpec half{.id = "half",
                  .stage = "mining",
                  .commodity = "co",
                  .country = "AU",
                  .owners = {{"X", "JP", 0.5}, {"Y", "KR", 0.5}},
                  .output = 10};
    NodeSpec plain{
        .id = "plain", .stage = "mining", .commodity = "co", .country = "FI", .output = 1};
    for (auto* s : {&tenke, &jv, &half, &plain}) b.add_node(*s);
    auto g = b.freeze();
    const Country CN = *parse_country("CN"), CD = *parse_country("CD"), ZM = *parse_country("ZM"),
                  JP = *parse_country("JP"), FI = *parse_country("FI"), CH = *parse_country("CH");
    CHECK(g.control_country(*g.find("tenke")) == CN);
    CHECK(g.control_country(*g.find("jv")) == ZM);    // largest owner holds 0.4 < 0.5
    CHECK(g.control_country(*g.find("half")) == JP);  // tie at 0.5: first listed
    CHECK(g.control_country(*g.find("plain")) == FI);
    auto eq = g.equity(*g.find("jv"));  // CN owners summed, sorted by country
    REQUIRE(eq.size() == 2);
    CHECK((eq[0].country == CH && eq[0].share == Approx(0.35)));
    CHECK((eq[1].country == CN && eq[1].share == Approx(0.65)));
    auto pl = g.equity(*g.find("plain"));
    REQUIRE(pl.size() == 1);
    CHECK((pl[0].country == FI && pl[0].share == 1.0));
    CHECK(g.owners(*g.find("tenke")).size() == 2);
    CHECK(g.owner_name(g.owners(*g.find("tenke"))[0].name) == "CMOC");
    CHECK(g.equity(*g.find("tenke"))[0].country == CD);
}

TEST_CASE("SupplyGraphBuilder: rejects duplicates, self-loops and repeated edges") {
    SupplyGraphBuilder b;
    b.add_stage("s");
    b.add_node({.id = "a", .stage = "s", .commodity = "x", .country = "US", .output = 1});
    CHECK_THROWS_WITH(
        b.add_node({.id = "a", .stage = "s", .commodity = "x", .country = "US", .output = 1}),
        "SupplyGraphBuilder: duplicate node id \"a\"");
    CHECK_THROWS_WITH(
        b.add_node({.id = "z", .stage = "s", .commodity = "x", .country = "XX", .output = 1}),
        "SupplyGraphBuilder: node \"z\": bad country \"XX\"");
    b.add_node({.id = "b", .stage = "s", .commodity = "x", .country = "US", .output = 1});
    b.add_edge("a", "b", 1);
    b.add_edge("a", "b", 2);
    CHECK_THROWS_WITH(b.freeze(), "SupplyGraphBuilder: repeated edge \"a\" -> \"b\"");
}

TEST_CASE("SupplyGraphBuilder: edges are sorted by (from, to) with their flows, notes, sources") {
    for (bool sorted_input : {false, true}) {
        SupplyGraphBuilder b;
        b.add_stage("s");
        b.add_source({.id = "s1", .citation = "one"});
        b.add_source({.id = "s2", .citation = "two"});
        for (const char* id : {"a", "b", "c", "d"})
            b.add_node({.id = id, .stage = "s", .commodity = "x", .country = "US", .output = 1});
        const std::vector<std::string_view> one{"s1"}, both{"s2", "s1"};
        // (from, to, flow, note, sources) in file order
        using E = std::tuple<NodeId, NodeId, double, const char*, std::vector<std::string_view>>;
        std::vector<E> edges{{2, 3, 4.0, "c-d", one},
                             {0, 2, 2.0, "a-c", {}},
                             {1, 3, 3.0, "", both},
                             {0, 1, 1.0, "a-b", one}};
        if (sorted_input) std::sort(edges.begin(), edges.end());
        for (const auto& [f, t, flow, note, srcs] : edges) b.add_edge(f, t, flow, srcs, note);
        auto g = b.freeze();
        REQUIRE(g.num_edges() == 4);
        std::vector<std::string> got;
        for (EdgeId e = 0; e < 4; ++e) {
            std::string row = fmt::format("{}>{}:{}:{}:", g.id(g.from(e)), g.id(g.to(e)), g.flow(e),
                                          g.edge_note(e));
            for (auto s : g.edge_sources(e)) row += g.sources()[s].id + ",";
            got.push_back(row);
        }
        CHECK(got == std::vector<std::string>{"a>b:1:a-b:s1,", "a>c:2:a-c:", "b>d:3::s2,s1,",
                                              "c>d:4:c-d:s1,"});
        CHECK(g.find("c") == NodeId{2});
    }
}

TEST_CASE("SupplyGraphBuilder: a refused duplicate id leaves the builder usable") {
    SupplyGraphBuilder b;
    b.add_stage("s");
    b.add_node({.id = "a", .stage = "s", .commodity = "x", .country = "US", .output = 1});
    CHECK_THROWS(
        b.add_node({.id = "a", .stage = "s", .commodity = "y", .country = "FR", .output = 2}));
    b.add_node({.id = "b", .stage = "s", .commodity = "x", .country = "US", .output = 1});
    auto g = b.freeze();
    REQUIRE(g.num_nodes() == 2);
    CHECK(g.id(1) == "b");
    CHECK(g.find("b") == NodeId{1});
    CHECK(g.find("a") == NodeId{0});
}

TEST_CASE("SupplyGraph: groups are built in and datasets override them") {
    SupplyGraphBuilder b;
    b.add_group({"G7", "", {*parse_country("US")}});
    b.add_group({"SEA4", "South-East Asia four", {*parse_country("VN"), *parse_country("MY")}});
    auto g = b.freeze();
    REQUIRE(g.find_group("g7"));
    CHECK(g.find_group("G7")->members.size() == 1);
    CHECK_FALSE(g.find_group("G7")->builtin);
    CHECK(g.find_group("chip4")->members.size() == 4);
    CHECK(g.find_group("EU27")->members.size() == 27);
    CHECK(g.find_group("OECD")->members.size() == 38);
    CHECK(g.find_group("sea4")->name == "South-East Asia four");
    CHECK(g.find_group("nope") == nullptr);
}
