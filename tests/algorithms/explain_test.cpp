#include "algorithms/explain.hpp"

#include <catch2/catch.hpp>

#include "algorithms/cascade.hpp"
#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {
std::vector<HitNode> explain(const SupplyGraph& g, const char* scenario,
                             const ExplainOptions& opts = {}) {
    const auto d = apply_scenario(g, parse_scenario(g, scenario));
    return explain_hits(g, d, immediate_fractions(g, d), opts);
}
NodeId id(const SupplyGraph& g, const char* s) { return *g.find(s); }
CommodityId com(const SupplyGraph& g, const char* s) { return *g.find_commodity(s); }
}  // namespace

TEST_CASE("explain_hits: empty graph, one node, nothing removed") {
    SupplyGraph empty;
    CHECK(explain_hits(empty, {}, {}).empty());
    auto one = make_graph("a:s:x:CN", "");
    auto hits = explain(one, "remove CN");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].limited);
    CHECK(hits[0].short_of.empty());
    CHECK(hits[0].removed == std::vector<NodeId>{0});
    CHECK(explain(one, "remove US").empty());
    //  a(CN) --10--> b(US)        c(DE)   (disconnected, untouched)
    auto two = make_graph("a:s:x:CN b:t:y:US c:s:x:DE", "a>b:10");
    hits = explain(two, "remove CN");
    REQUIRE(hits.size() == 2);
    CHECK(hits[1].node == id(two, "b"));
    CHECK(hits[1].short_of == std::vector<CommodityId>{com(two, "x")});
    CHECK(hits[1].removed == std::vector<NodeId>{id(two, "a")});
    CHECK_THROWS_AS(explain_hits(two, {}, std::vector<double>{1.0}), std::invalid_argument);
}

TEST_CASE("explain_hits: OR of suppliers traces to the removed one") {
    //  m1(CD) --30--> r(CN) <--10-- m2(ID)
    auto g = make_graph("m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN", "m1>r:30 m2>r:10");
    auto hits = explain(g, "remove CD");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].node == id(g, "m1"));  // fraction 0 first
    CHECK(hits[1].node == id(g, "r"));
    CHECK(hits[1].fraction == Approx(0.25));
    CHECK_FALSE(hits[1].limited);
    CHECK(hits[1].short_of == std::vector<CommodityId>{com(g, "ore")});
    CHECK(hits[1].removed == std::vector<NodeId>{id(g, "m1")});
    CHECK(hits[1].cut.empty());
}

TEST_CASE("explain_hits: AND names only the scarce commodity") {
    //  cath(KR) --50--> cell(KR) <--20-- anode(JP)
    //  anode2(CN) --20--> cell
    auto g = make_graph("cath:c:cathode:KR anode:c:anode:JP anode2:c:anode:CN cell:d:cell:KR",
                        "cath>cell:50 anode>cell:20 anode2>cell:20");
    auto hits = explain(g, "remove CN");
    REQUIRE(hits.size() == 2);
    CHECK(hits[1].node == id(g, "cell"));
    CHECK(hits[1].fraction == Approx(0.5));
    CHECK(hits[1].short_of == std::vector<CommodityId>{com(g, "anode")});
    CHECK(hits[1].removed == std::vector<NodeId>{id(g, "anode2")});
    // Both inputs gone: both commodities are short, both removed nodes are causes.
    hits = explain(g, "remove CN,JP,node:cath");
    REQUIRE(hits.back().node == id(g, "cell"));
    CHECK(hits.back().short_of.size() == 2);
    CHECK(hits.back().removed.size() == 3);
}

TEST_CASE("explain_hits: an embargo is explained by the cut edge") {
    //  m(CN) --60--> rcn(CN)      m --40--> rfi(FI)  (cut)
    auto g =
        make_graph("m:mine:ore:CN rcn:refine:metal:CN rfi:refine:metal:FI", "m>rcn:60 m>rfi:40");
    auto hits = explain(g, "remove CN by embargo");
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].node == id(g, "rfi"));
    CHECK(hits[0].removed.empty());
    REQUIRE(hits[0].cut.size() == 1);
    CHECK(g.from(hits[0].cut[0]) == id(g, "m"));
    CHECK(g.to(hits[0].cut[0]) == id(g, "rfi"));
}

TEST_CASE("explain_hits: a cycle reaches its fixed point") {
    //  ore(CD) --50--> metal(CN) --50--> scrap(US) --50--> metal --50--> car(DE)
    auto g = make_graph("ore:a:ore:CD metal:b:metal:CN scrap:c:scrap:US car:d:car:DE",
                        "ore>metal:50 metal>scrap:50 scrap>metal:50 metal>car:50");
    auto hits = explain(g, "remove US");
    REQUIRE(hits.size() == 3);  // metal, scrap, car at 0, by NodeId
    for (const auto& h : hits) CHECK(h.removed == std::vector<NodeId>{id(g, "scrap")});
    CHECK(hits[0].node == id(g, "metal"));
    CHECK(hits[0].short_of == std::vector<CommodityId>{com(g, "scrap")});
    hits = explain(g, "remove CD");
    REQUIRE(hits.size() == 4);
    CHECK(hits[3].node == id(g, "car"));
    CHECK(hits[3].removed == std::vector<NodeId>{id(g, "ore")});
}

TEST_CASE("explain_hits: owner-equity cut and the cause cap") {
    //  m0..m4 (CD) --10 each--> r(FI)
    auto g = make_graph("m0:a:ore:CD m1:a:ore:CD m2:a:ore:CD m3:a:ore:CD m4:a:ore:CD r:b:x:FI",
                        "m0>r:10 m1>r:10 m2>r:10 m3>r:10 m4>r:10");
    auto hits = explain(g, "remove CD", {.max_causes = 3});
    REQUIRE(hits.size() == 6);
    CHECK(hits[5].node == id(g, "r"));
    CHECK(hits[5].removed == std::vector<NodeId>{0, 1, 2});
    CHECK(hits[5].more);
    CHECK_FALSE(hits[0].more);
    hits = explain(g, "remove node:m4");
    REQUIRE(hits.size() == 2);
    CHECK(hits[1].fraction == Approx(0.8));
    CHECK_FALSE(hits[1].more);

    auto jv = chokepoint::test::make_joint_venture();
    hits = explain(jv, "remove CN by owner-equity");
    REQUIRE(hits.size() == 2);
    CHECK(hits[0].fraction == Approx(0.2));
    CHECK(hits[0].limited);
    CHECK(hits[1].removed == std::vector<NodeId>{id(jv, "jv")});
}
