#include "graph/countries.hpp"

#include <catch2/catch.hpp>

using namespace chokepoint;

TEST_CASE("parse_country: the full ISO 3166-1 table, exact codes only") {
    CHECK(kNumCountries == 250);
    CHECK(country_name(*parse_country("ZZ")) == "Rest of world");
    REQUIRE(parse_country("CD"));
    CHECK(country_name(*parse_country("CD")) == "Democratic Republic of the Congo");
    CHECK(country_name(*parse_country("TW")) == "Taiwan");
    CHECK(country_alpha3(*parse_country("KR")) == "KOR");
    CHECK(country_code(*parse_country_alpha3("CHN")) == "CN");
    CHECK_FALSE(parse_country("cd"));
    CHECK_FALSE(parse_country("XX"));
    CHECK_FALSE(parse_country("CHN"));
    CHECK_FALSE(parse_country(""));
    for (std::size_t i = 1; i < kNumCountries; ++i) {
        CHECK(std::string_view(detail::kCountryTable[i - 1].alpha2) <
              detail::kCountryTable[i].alpha2);
    }
}

TEST_CASE("builtin_groups: members as documented") {
    auto groups = builtin_groups();
    auto find = [&](std::string_view id) {
        for (auto& g : groups)
            if (g.id == id) return g;
        FAIL("missing group " << id);
        return CountryGroup{};
    };
    CHECK(find("G7").members.size() == 7);
    CHECK(find("EU27").members.size() == 27);
    CHECK(find("OECD").members.size() == 38);
    CHECK(find("Quad").members.size() == 4);
    CHECK(find("FiveEyes").members.size() == 5);
    CHECK(find("AUKUS").members.size() == 3);
    CHECK(find("MSP").members.size() == 14);
    auto chip4 = find("chip4");
    std::vector<std::string_view> codes;
    for (auto c : chip4.members) codes.push_back(country_code(c));
    CHECK(codes == std::vector<std::string_view>{"JP", "KR", "TW", "US"});
}
