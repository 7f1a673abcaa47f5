#include "algorithms/stress.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

TEST_CASE("stress_test: products, stages and hits of one scenario") {
    //  m1(CD, cap 150) --30--> r(CN) <--10-- m2(ID)      r: out 100, cap 200
    auto g = make_graph("m1:mine:ore:CD:30:150 m2:mine:ore:ID:10 r:refine:metal:CN:100:200",
                        "m1>r:30 m2>r:10");
    const auto s = parse_scenario(g, "remove ID");
    const auto im = stress_test(g, s);
    CHECK(im.model == Model::immediate);
    REQUIRE(im.products.size() == 1);
    CHECK(im.products[0].baseline == 100);
    CHECK(im.products[0].remaining == Approx(75));
    CHECK(im.products[0].remaining_fraction == Approx(0.75));
    CHECK(im.products[0].loss == Approx(0.25));
    REQUIRE(im.commodities.size() == 2);  // (mine, ore), (refine, metal)
    CHECK(im.commodities[0].baseline == 40);
    CHECK(im.commodities[0].remaining == Approx(30));
    CHECK(im.commodities[1].loss == Approx(0.25));
    REQUIRE(im.hits.size() == 2);
    CHECK(g.id(im.hits[1].node) == "r");

    const auto re = stress_test(g, s, {.model = Model::rerouting});
    CHECK(re.commodities.empty());
    CHECK(re.hits.empty());
    // m1 runs at 150; r needs 0.4 ore per unit: 375 > capacity 200.
    CHECK(re.products[0].remaining_fraction == Approx(2.0));
    CHECK(re.products[0].loss == Approx(-1.0));
    CHECK(model_name(Model::rerouting) == "rerouting");
    CHECK(links_name(Links::market) == "market");
}
