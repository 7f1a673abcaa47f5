#pragma once
// Country colours for diagrams and reports: a fixed table, so a country has the same colour in
// every diagram of every dataset. Colours come from the colour-blind-safe sets of Okabe & Ito
// (2008) and Paul Tol (2021, "muted" and "light"); countries beyond the table are grey.

#include <string_view>

#include "graph/countries.hpp"

namespace chokepoint::viz {

/// "#RRGGBB" for the country; kOtherColour when it is not in the table.
std::string_view country_colour(Country c);
/// True when the country has its own colour rather than the shared grey.
bool has_own_colour(Country c);
/// Black or white, whichever reads better on the given "#RRGGBB" background (WCAG luminance).
std::string_view text_colour_on(std::string_view background);

inline constexpr std::string_view kOtherColour = "#BBBBBB";

}  // namespace chokepoint::viz
