#include "graph/countries.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>

namespace chokepoint {

std::optional<Country> parse_country(std::string_view alpha2) {
    // A table over the 26 x 26 upper-case letter pairs, built once.
    static const std::array<std::uint8_t, 26 * 26> table = [] {
        std::array<std::uint8_t, 26 * 26> t;
        t.fill(0xFF);
        for (std::size_t i = 0; i < kNumCountries; ++i) {
            const char* a = detail::kCountryTable[i].alpha2;
            t[static_cast<std::size_t>((a[0] - 'A') * 26 + (a[1] - 'A'))] =
                static_cast<std::uint8_t>(i);
        }
        return t;
    }();
    static_assert(kNumCountries < 0xFF);
    if (alpha2.size() != 2) return std::nullopt;
    const unsigned a = static_cast<unsigned char>(alpha2[0]) - 'A';
    const unsigned b = static_cast<unsigned char>(alpha2[1]) - 'A';
    if (a >= 26 || b >= 26 || table[a * 26 + b] == 0xFF) return std::nullopt;
    return static_cast<Country>(table[a * 26 + b]);
}

std::optional<Country> parse_country_alpha3(std::string_view alpha3) {
    for (std::size_t i = 0; i < kNumCountries; ++i) {
        if (alpha3 == detail::kCountryTable[i].alpha3) return static_cast<Country>(i);
    }
    return std::nullopt;
}

namespace {

CountryGroup make_group(std::string id, std::string name,
                        std::initializer_list<const char*> codes) {
    CountryGroup g{std::move(id), std::move(name), {}, true};
    for (const char* code : codes) {
        auto c = parse_country(code);
        if (!c) throw std::logic_error("builtin_groups: bad code " + std::string(code));
        g.members.push_back(*c);
    }
    std::sort(g.members.begin(), g.members.end());
    g.members.erase(std::unique(g.members.begin(), g.members.end()), g.members.end());
    return g;
}

}  // namespace

std::vector<CountryGroup> builtin_groups() {
    return {
        make_group("G7", "Group of Seven", {"CA", "DE", "FR", "GB", "IT", "JP", "US"}),
        make_group(
            "EU27", "European Union (27 member states)",
            {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
             "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}),
        make_group("OECD", "OECD members (38)",
                   {"AU", "AT", "BE", "CA", "CL", "CO", "CR", "CZ", "DK", "EE", "FI", "FR", "DE",
                    "GR", "HU", "IS", "IE", "IL", "IT", "JP", "KR", "LV", "LT", "LU", "MX", "NL",
                    "NZ", "NO", "PL", "PT", "SK", "SI", "ES", "SE", "CH", "TR", "GB", "US"}),
        make_group("Quad", "Quadrilateral Security Dialogue", {"AU", "IN", "JP", "US"}),
        make_group("FiveEyes", "Five Eyes", {"AU", "CA", "GB", "NZ", "US"}),
        make_group("AUKUS", "AUKUS", {"AU", "GB", "US"}),
        make_group(
            "MSP", "Minerals Security Partnership (member countries)",
            {"AU", "CA", "EE", "FI", "FR", "DE", "IN", "IT", "JP", "KR", "NO", "SE", "GB", "US"}),
        make_group("chip4", "Chip 4 alliance", {"JP", "KR", "TW", "US"}),
    };
}

}  // namespace chokepoint
