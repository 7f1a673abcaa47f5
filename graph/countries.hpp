#pragma once
// ISO 3166-1 alpha-2 country codes and the built-in country groups.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// A country: the index of its row in the ISO 3166-1 table (sorted by alpha-2 code).
using Country = std::uint16_t;
inline constexpr std::size_t kNumCountries = 250;  // the 249 ISO codes and ZZ, "Rest of world"

struct CountryInfo {
    const char* alpha2;
    const char* alpha3;
    const char* name;  // English short name
};

namespace detail {
extern const CountryInfo kCountryTable[kNumCountries];
}

/// The country with this alpha-2 code (exactly two upper-case letters), or nullopt. Besides the
/// 249 ISO 3166-1 codes the table has the user-assigned ZZ, "Rest of world", for aggregate nodes.
std::optional<Country> parse_country(std::string_view alpha2);
/// The country with this alpha-3 code (upper-case), or nullopt. Linear scan: for importers only.
std::optional<Country> parse_country_alpha3(std::string_view alpha3);

inline std::string_view country_code(Country c) { return detail::kCountryTable[c].alpha2; }
inline std::string_view country_alpha3(Country c) { return detail::kCountryTable[c].alpha3; }
inline std::string_view country_name(Country c) { return detail::kCountryTable[c].name; }

/// A named set of countries. Members are sorted and unique.
struct CountryGroup {
    std::string id;
    std::string name;
    std::vector<Country> members;
    bool builtin = false;  // one of builtin_groups(), not declared by the dataset
};

/// Groups every dataset can use: G7, EU27, OECD, Quad, FiveEyes, AUKUS, MSP (Minerals Security
/// Partnership countries; the European Union itself is a partner but not a country) and chip4.
/// Membership as of 2025; docs/format.md lists members and sources.
std::vector<CountryGroup> builtin_groups();

}  // namespace chokepoint
