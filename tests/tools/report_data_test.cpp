#include "tools/report_data.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using namespace chokepoint::cli;
using chokepoint::test::make_graph;

namespace {
Country cc(const char* code) { return *parse_country(code); }
}  // namespace

TEST_CASE("market_shares: location shares and HHI, hand-computed") {
    //  a(CD,60) b(CD,20) c(ID,20) -> r(CN,100)
    const auto g = make_graph("a:m:ore:CD:60 b:m:ore:CD:20 c:m:ore:ID:20 r:f:metal:CN:100",
                              "a>r:60 b>r:20 c>r:20");
    const auto m = market_shares(g, ShareView::location);
    REQUIRE(m.size() == 2);
    CHECK(g.commodity_name(m[0].commodity) == "ore");
    CHECK(m[0].producers == 3);
    CHECK(m[0].total == 100);
    REQUIRE(m[0].shares.size() == 2);
    CHECK(m[0].shares[0].country == cc("CD"));
    CHECK(m[0].shares[0].share == Approx(0.8));
    CHECK(m[0].hhi == Approx(6800));  // 10,000 × (0.8² + 0.2²)
    CHECK(m[1].hhi == Approx(10000));
    CHECK(market_shares(SupplyGraph{}, ShareView::location).empty());
}

TEST_CASE("market_shares: owner view splits output by equity") {
    SupplyGraphBuilder b;
    b.add_stage("m");
    b.add_node({.id = "t",
                .stage = "m",
                .commodity = "ore",
                .country = "CD",
                .owners = {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}},
                .output = 50});
    b.add_node({.id = "u", .stage = "m", .commodity = "ore", .country = "ID", .output = 50});
    const auto g = b.freeze();
    const auto m = market_shares(g, ShareView::owner);
    REQUIRE(m[0].shares.size() == 3);
    CHECK(m[0].shares[0].country == cc("ID"));
    CHECK(m[0].shares[0].share == Approx(0.5));
    CHECK(m[0].shares[1].country == cc("CN"));
    CHECK(m[0].shares[1].share == Approx(0.4));
    CHECK(m[0].hhi == Approx(10000 * (0.25 + 0.16 + 0.01)));
}

TEST_CASE("country_sweep: every located country, worst first") {
    //  a(CD) --30--> r(CN) --> p(US)
    //  b(ID) --10--> r
    const auto g =
        make_graph("a:m:ore:CD b:m:ore:ID r:f:metal:CN p:e:car:US", "a>r:30 b>r:10 r>p:40");
    const auto s = country_sweep(g);
    REQUIRE(s.size() == 4);
    CHECK(s[0].country == cc("CN"));  // CN and US both stop everything: ties by country
    CHECK(s[0].worst == 1.0);
    CHECK(s[1].country == cc("US"));
    CHECK(s[2].country == cc("CD"));
    REQUIRE(s[2].loss.size() == 1);
    CHECK(s[2].loss[0] == Approx(0.75));
    CHECK(s[3].country == cc("ID"));
    CHECK(s[3].mean == Approx(0.25));
    CHECK(country_sweep(SupplyGraph{}).empty());
}
