#include "algorithms/cascade.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {
double frac(const SupplyGraph& g, const std::vector<double>& f, const char* id) {
    return f[*g.find(id)];
}
Disruption remove(const SupplyGraph& g, const char* scenario) {
    return apply_scenario(g, parse_scenario(g, scenario));
}
}  // namespace

TEST_CASE("immediate_fractions: empty graph and one node") {
    SupplyGraph empty;
    CHECK(immediate_fractions(empty, {}).empty());
    CHECK(product_losses(empty, {}).empty());
    auto one = make_graph("a:s:x:CN", "");
    CHECK(immediate_fractions(one, {})[0] == 1.0);
    CHECK(immediate_fractions(one, remove(one, "remove CN"))[0] == 0.0);
    CHECK(product_losses(one, immediate_fractions(one, remove(one, "remove CN")))[0].loss == 1.0);
}

TEST_CASE("immediate_fractions: two nodes with and without an edge") {
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:10");
    auto f = immediate_fractions(linked, remove(linked, "remove CN"));
    CHECK(frac(linked, f, "b") == 0.0);
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    f = immediate_fractions(apart, remove(apart, "remove CN"));
    CHECK(frac(apart, f, "b") == 1.0);
}

TEST_CASE("immediate_fractions: OR across suppliers of one commodity is flow-weighted") {
    //  m1(CD) --30--> r(CN)
    //  m2(ID) --10--> r
    auto g = make_graph("m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:CN", "m1>r:30 m2>r:10");
    auto f = immediate_fractions(g, remove(g, "remove CD"));
    CHECK(frac(g, f, "r") == Approx(0.25));
    auto losses = product_losses(g, f);
    REQUIRE(losses.size() == 1);
    CHECK(losses[0].baseline == 100);
    CHECK(losses[0].remaining == Approx(25));
    CHECK(losses[0].loss == Approx(0.75));
}

TEST_CASE("immediate_fractions: AND across commodities takes the scarcest input") {
    //  cath(CN) --50--> cell(KR) <--20-- anode(JP)
    //  anode2(CN) --20--> cell          (anode: two suppliers, half lost when CN goes)
    auto g = make_graph("cath:c:cathode:KR anode:c:anode:JP anode2:c:anode:CN cell:d:cell:KR",
                        "cath>cell:50 anode>cell:20 anode2>cell:20");
    auto f = immediate_fractions(g, remove(g, "remove CN"));
    CHECK(frac(g, f, "cell") == Approx(0.5));
    f = immediate_fractions(g, remove(g, "remove JP,CN"));
    CHECK(frac(g, f, "cell") == 0.0);
    f = immediate_fractions(g, remove(g, "remove node:cath"));
    CHECK(frac(g, f, "cell") == 0.0);
}

TEST_CASE("immediate_fractions: an embargo leaves domestic shipments") {
    //  m(CN) --60--> rcn(CN)   domestic, survives
    //  m     --40--> rfi(FI)   export, cut
    auto g =
        make_graph("m:mine:ore:CN rcn:refine:metal:CN rfi:refine:metal:FI", "m>rcn:60 m>rfi:40");
    auto f = immediate_fractions(g, remove(g, "remove CN by embargo"));
    CHECK(frac(g, f, "m") == 1.0);
    CHECK(frac(g, f, "rcn") == 1.0);
    CHECK(frac(g, f, "rfi") == 0.0);
    CHECK(product_losses(g, f)[0].loss == Approx(0.5));  // both refiners output 100
}

TEST_CASE("immediate_fractions: owner-equity cut shrinks a joint venture by the share") {
    auto g = chokepoint::test::make_joint_venture();
    auto f = immediate_fractions(g, remove(g, "remove CN by owner-equity"));
    CHECK(frac(g, f, "jv") == Approx(0.2));
    CHECK(frac(g, f, "r") == Approx(0.2));
    f = immediate_fractions(g, remove(g, "remove CN by owner"));  // control: CMOC holds 0.8
    CHECK(frac(g, f, "r") == 0.0);
    f = immediate_fractions(g, remove(g, "remove CN by location"));
    CHECK(frac(g, f, "r") == 1.0);
    f = immediate_fractions(g, remove(g, "keep CN,FI by owner"));
    CHECK(frac(g, f, "r") == 1.0);
}

TEST_CASE("immediate_fractions: a cycle iterates to the fixed point") {
    //  ore(CD) --50--> metal(CN) --50--> scrap(US) --50--> metal   (metal needs ore AND scrap)
    //  metal also sells 50 to car(DE)
    auto g = make_graph("ore:a:ore:CD metal:b:metal:CN scrap:c:scrap:US car:d:car:DE",
                        "ore>metal:50 metal>scrap:50 scrap>metal:50 metal>car:50");
    auto f = immediate_fractions(g, remove(g, "remove US"));
    CHECK(frac(g, f, "metal") == 0.0);  // scrap is a complement: lost entirely
    CHECK(frac(g, f, "car") == 0.0);
    f = immediate_fractions(g, {});
    CHECK(frac(g, f, "car") == 1.0);  // baseline is the all-ones fixed point
}

TEST_CASE("parse_scenario: groups, nodes and errors") {
    auto g = make_graph("a:s:x:CN b:s:x:US", "");
    auto s = parse_scenario(g, "remove G7,CN by owner");
    CHECK(s.by == CutBy::owner);
    CHECK(s.countries.size() == 8);
    CHECK(parse_scenario(g, "remove node:a").nodes.size() == 1);
    CHECK_THROWS_WITH(
        parse_scenario(g, "remove XX"),
        "scenario \"remove XX\": \"XX\" is neither an ISO 3166-1 alpha-2 code nor a group");
    CHECK_THROWS_WITH(parse_scenario(g, "remove CN by sea"),
                      Catch::Contains("unknown cut \"sea\""));
    CHECK_THROWS_WITH(
        parse_scenario(g, "keep G7 remove CN"),
        "scenario \"keep G7 remove CN\": \"keep\" and \"remove\" cannot be combined in one "
        "scenario");
    CHECK_THROWS_WITH(parse_scenario(g, "remove node:zz"),
                      "scenario \"remove node:zz\": unknown node \"zz\"");
}
