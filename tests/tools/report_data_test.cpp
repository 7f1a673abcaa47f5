#include "tools/report_data.hpp"

#include <catch2/catch.hpp>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using namespace chokepoint::cli;
using chokepoint::test::make_graph;

namespace {
Country cc(const char* code) { return *parse_country(code); }
}  // namespace

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
