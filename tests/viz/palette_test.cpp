#include "viz/palette.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace chokepoint;
using namespace chokepoint::viz;

TEST_CASE("country_colour: fixed per country, grey beyond the table") {
    CHECK(country_colour(*parse_country("CN")) == "#D55E00");
    CHECK(country_colour(*parse_country("US")) == "#0072B2");
    CHECK(country_colour(*parse_country("MG")) == kOtherColour);
    CHECK(country_colour(*parse_country("ZZ")) == kOtherColour);
    CHECK(has_own_colour(*parse_country("CD")));
    CHECK_FALSE(has_own_colour(*parse_country("MG")));
}

TEST_CASE("country_colour: no two countries share a colour") {
    std::set<std::string> seen;
    std::size_t own = 0;
    for (Country c = 0; c < kNumCountries; ++c) {
        if (!has_own_colour(c)) continue;
        ++own;
        seen.insert(std::string(country_colour(c)));
    }
    CHECK(own == 22);
    CHECK(seen.size() == own);
}

TEST_CASE("text_colour_on: white on dark fills, black on light ones") {
    CHECK(text_colour_on("#332288") == "#FFFFFF");
    CHECK(text_colour_on("#000000") == "#FFFFFF");
    CHECK(text_colour_on("#F0E442") == "#000000");
    CHECK(text_colour_on("#FFFFFF") == "#000000");
    CHECK(text_colour_on("bad") == "#000000");
}
