#include "viz/palette.hpp"

#include <array>
#include <cmath>
#include <utility>

namespace chokepoint::viz {

namespace {

// Ordered by how often a country leads a critical-mineral or semiconductor market, so the most
// frequent ones get the most distinct colours (Okabe-Ito first, then Tol muted, then Tol light).
constexpr std::array<std::pair<std::string_view, std::string_view>, 22> kTable{{
    {"CN", "#D55E00"}, {"US", "#0072B2"}, {"JP", "#CC79A7"}, {"KR", "#009E73"}, {"TW", "#E69F00"},
    {"DE", "#F0E442"}, {"NL", "#56B4E9"}, {"CD", "#882255"}, {"AU", "#DDCC77"}, {"ID", "#117733"},
    {"RU", "#332288"}, {"CA", "#CC6677"}, {"IN", "#44AA99"}, {"BR", "#999933"}, {"CL", "#AA4499"},
    {"MY", "#88CCEE"}, {"VN", "#EE8866"}, {"FR", "#77AADD"}, {"KZ", "#BBCC33"}, {"FI", "#FFAABB"},
    {"ZM", "#AAAA00"}, {"PH", "#EEDD88"},
}};

double channel(std::string_view hex, std::size_t at) {
    auto digit = [](char ch) { return ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10; };
    const double v = (digit(hex[at]) * 16 + digit(hex[at + 1])) / 255.0;
    return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
}

}  // namespace

std::string_view country_colour(Country c) {
    const auto code = country_code(c);
    for (const auto& [k, colour] : kTable)
        if (k == code) return colour;
    return kOtherColour;
}

bool has_own_colour(Country c) { return country_colour(c) != kOtherColour; }

std::string_view text_colour_on(std::string_view background) {
    if (background.size() < 7 || background[0] != '#') return "#000000";
    const double l = 0.2126 * channel(background, 1) + 0.7152 * channel(background, 3) +
                     0.0722 * channel(background, 5);
    // Contrast with black (l + 0.05) / 0.05 against white 1.05 / (l + 0.05): equal at l ≈ 0.179.
    return l > 0.179 ? "#000000" : "#FFFFFF";
}

}  // namespace chokepoint::viz
