#include "algorithms/rerouting.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {
Disruption remove(const SupplyGraph& g, const char* scenario) {
    return apply_scenario(g, parse_scenario(g, scenario));
}
// The remaining fraction of the only end product.
double fraction(const SupplyGraph& g, const Disruption& d, Links links = Links::existing) {
    auto r = rerouted_products(g, d, {.links = links});
    REQUIRE(r.size() == 1);
    REQUIRE(r[0].optimal);
    CHECK(r[0].loss == Approx(1.0 - r[0].remaining_fraction));
    return r[0].remaining_fraction;
}
}  // namespace

TEST_CASE("rerouted_products: empty graph, one node, two nodes") {
    CHECK(rerouted_products(SupplyGraph{}, {}).empty());
    auto one = make_graph("a:s:x:CN:100:150", "");
    auto r = rerouted_products(one, {});
    REQUIRE(r.size() == 1);
    CHECK(r[0].baseline == 100);
    CHECK(r[0].remaining == Approx(150));  // a source runs at capacity
    CHECK(fraction(one, remove(one, "remove CN")) == 0.0);
    //  a(CN) --10--> b(US)        and the same two nodes without the edge
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:10");
    CHECK(fraction(linked, remove(linked, "remove CN")) == 0.0);
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    r = rerouted_products(apart, remove(apart, "remove CN"));
    REQUIRE(r.size() == 2);  // x and y are both end products
    CHECK(r[0].remaining_fraction == 0.0);
    CHECK(r[1].remaining_fraction == Approx(1.0));
}

TEST_CASE("rerouted_products: spare capacity of a parallel supplier reroutes") {
    //  m1(CD, out 60, cap 100) --60--> r(FI, out 100, cap 120)
    //  m2(ID, out 40)          --40--> r
    auto g = make_graph("m1:mine:ore:CD:60:100 m2:mine:ore:ID:40 r:refine:metal:FI:100:120",
                        "m1>r:60 m2>r:40");
    // Baseline headroom: 140 ore could feed 140 metal, r's capacity caps it at 120.
    CHECK(fraction(g, {}) == Approx(1.2));
    // Without ID, m1 alone runs at 100: r makes 100 (the immediate model keeps 60%).
    CHECK(fraction(g, remove(g, "remove ID")) == Approx(1.0));
    CHECK(fraction(g, remove(g, "remove CD")) == Approx(0.4));
    CHECK(fraction(g, remove(g, "remove CD,ID")) == 0.0);  // nothing left: the optimum is 0
}

TEST_CASE("rerouted_products: market links reach consumers without an existing edge") {
    //  m1(CD, out 50)          --50--> r1(CN)
    //  m2(ID, out 50, cap 100) --50--> r2(FI)       r1, r2: metal, out 50 each
    auto g = make_graph(
        "m1:mine:ore:CD:50 m2:mine:ore:ID:50:100 r1:ref:metal:CN:50 "
        "r2:ref:metal:FI:50",
        "m1>r1:50 m2>r2:50");
    const auto d = remove(g, "remove CD");
    CHECK(fraction(g, d, Links::existing) == Approx(0.5));  // r2 is already at capacity
    CHECK(fraction(g, d, Links::market) == Approx(1.0));    // m2's spare 50 go to r1
    CHECK(fraction(g, {}, Links::market) == Approx(1.0));
}

TEST_CASE("rerouted_products: an embargo in market mode keeps domestic links only") {
    //  m(CN, out 100, cap 200) --50--> rcn(CN, out 60)     mau(AU, out 10, cap 60) --10--> rcn
    //  m                       --50--> rfi(FI, out 50, cap 100)
    auto g = make_graph(
        "m:mine:ore:CN:100:200 mau:mine:ore:AU:10:60 rcn:ref:metal:CN:60 "
        "rfi:ref:metal:FI:50:100",
        "m>rcn:50 mau>rcn:10 m>rfi:50");
    const double base = 110;
    // No embargo: rcn 60, rfi 100 (m's and mau's spare ore is plenty).
    CHECK(fraction(g, {}, Links::market) == Approx(160 / base));
    const auto d = remove(g, "remove CN by embargo");
    // Existing links: m>rfi is cut, rfi has no other supplier; rcn still runs at 60.
    CHECK(fraction(g, d, Links::existing) == Approx(60 / base));
    // Market: m serves rcn at home, mau's 60 go to rfi; m's ore still cannot leave CN.
    CHECK(fraction(g, d, Links::market) == Approx(120 / base));
    // Location cut of CN: only mau's 60 for rfi.
    CHECK(fraction(g, remove(g, "remove CN"), Links::market) == Approx(60 / base));
}

TEST_CASE("rerouted_products: a cycle, solved as one program") {
    //  ore(CD) --50--> metal(CN, cap 100) --50--> scrap(US) --50--> metal
    //                  metal --50--> car(DE, out 100, cap 200)
    // metal needs 0.5 ore + 0.5 scrap per unit, scrap needs 0.5 metal, car 0.5 metal.
    // With metal M = 100: scrap S >= 50 needs 25 metal, so 75 metal make 150 cars.
    auto g = make_graph("ore:a:ore:CD metal:b:metal:CN scrap:c:scrap:US car:d:car:DE:100:200",
                        "ore>metal:50 metal>scrap:50 scrap>metal:50 metal>car:50");
    CHECK(fraction(g, {}) == Approx(1.5));
    CHECK(fraction(g, remove(g, "remove US")) == 0.0);  // scrap is a complement
    CHECK(fraction(g, remove(g, "remove US"), Links::market) == 0.0);
}

TEST_CASE("rerouted_products: owner-equity shrinks capacity; AND takes every input") {
    //  cath(KR, out 50, cap 100) --50--> cell(KR, out 100, cap 200) <--20-- anode(JP, out 20)
    auto g = make_graph("cath:c:cathode:KR:50:100 anode:c:anode:JP:20 cell:d:cell:KR:100:200",
                        "cath>cell:50 anode>cell:20");
    CHECK(fraction(g, {}) == Approx(1.0));  // anode has no spare capacity
    CHECK(fraction(g, remove(g, "remove JP")) == 0.0);
    SupplyGraphBuilder b;
    b.add_stage("mine");
    b.add_stage("refine");
    b.add_node({.id = "jv",
                .stage = "mine",
                .commodity = "ore",
                .country = "CD",
                .owners = {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}},
                .output = 100,
                .capacity = 150});
    b.add_node({.id = "r",
                .stage = "refine",
                .commodity = "metal",
                .country = "FI",
                .output = 100,
                .capacity = 200});
    b.add_edge("jv", "r", 100);
    auto jv = b.freeze();
    CHECK(fraction(jv, {}) == Approx(1.5));
    CHECK(fraction(jv, remove(jv, "remove CN by owner-equity")) == Approx(0.3));
    CHECK(fraction(jv, remove(jv, "remove CN by owner")) == 0.0);
}

TEST_CASE("rerouted_products: disconnected parts are maximised per product") {
    //  a(CN) --10--> b(US, cap 200)        c(DE) --10--> d(FR)
    auto g = make_graph("a:s:x:CN:10:20 b:t:y:US:100:200 c:s:u:DE d:t:v:FR", "a>b:10 c>d:10");
    auto r = rerouted_products(g, remove(g, "remove DE"));
    REQUIRE(r.size() == 2);
    CHECK(r[0].remaining_fraction == Approx(2.0));  // y: a doubles, b follows
    CHECK(r[1].remaining_fraction == 0.0);
    CHECK_THROWS_AS(rerouted_products(g, Disruption{{1.0}, {}, {}}), std::invalid_argument);
}
