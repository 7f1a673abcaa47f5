#pragma once
// What a stress scenario removes (FORMAT.md "Scenario semantics"), turned into per-node output
// limits and cut edges that the cascade models consume.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint {

/// How a country is cut off.
enum class CutBy {
    location,  ///< nodes located in the country produce nothing
    owner,     ///< nodes whose controlling owner (control view) is from the country produce nothing
    owner_equity,  ///< each node's output and capacity shrink by the country's equity share
    embargo,       ///< edges from a node in the country to a node outside it carry nothing
};

struct Scenario {
    std::string label;
    std::vector<Country> countries;  // the countries cut off (with keep: the only ones that stay)
    CutBy by = CutBy::location;
    bool keep = false;          // true: every country NOT listed is cut (self-sufficiency)
    std::vector<NodeId> nodes;  // nodes removed outright, whatever the countries
};

/// The effect of a scenario on the graph: `limit[n]` in [0, 1] caps node n's output fraction
/// (and capacity fraction), `cut[e]` marks edges that carry nothing. `embargoed[c]` (indexed by
/// Country, empty unless the scenario is an embargo) marks countries whose exports are cut: the
/// market rerouting model needs it to forbid new export links, not only the existing ones.
struct Disruption {
    std::vector<double> limit;
    std::vector<std::uint8_t> cut;
    std::vector<std::uint8_t> embargoed;
};

/// The disruption a scenario causes. Time O(V + E + owners).
Disruption apply_scenario(const SupplyGraph& g, const Scenario& s);

/// Parses "remove CN,RU by owner", "keep G7 by location", "remove node:tenke" ... ; country
/// lists may name groups. Throws std::invalid_argument with a message naming the bad word.
Scenario parse_scenario(const SupplyGraph& g, std::string_view text);

/// "location", "owner", "owner-equity", "embargo" (throws std::invalid_argument otherwise).
CutBy parse_cut_by(std::string_view text);
std::string_view cut_by_name(CutBy by);

}  // namespace chokepoint
