#pragma once
// What render and report compute for the diagrams: the overlay of a scenario under the immediate
// model, and simple chokepoint measures to highlight until the dedicated analyses land (the
// Highlight type takes any list of nodes, so they plug in here).

#include <ostream>
#include <span>
#include <string_view>
#include <vector>

#include "algorithms/cascade.hpp"
#include "algorithms/scenario.hpp"
#include "algorithms/spof.hpp"
#include "graph/supply_graph.hpp"
#include "viz/diagram.hpp"

namespace chokepoint::cli {

struct ScenarioOutcome {
    std::vector<double> fraction;     // per node, immediate model
    std::vector<ProductLoss> losses;  // per end product
    viz::Overlay overlay;
};

/// A scenario under the immediate model, drawn: removed nodes are those the scenario itself
/// zeroes, an edge counts as cut when it carries nothing (cut, or its supplier produces nothing).
/// Title lines name the scenario and the loss of every end product.
ScenarioOutcome scenario_outcome(const SupplyGraph& g, const Scenario& s);

/// Share of end-product output whose supply runs through each node: 1/|P| × the node's share of
/// its end product for end producers; upstream, a supplier carries the part of each customer's
/// dependence that its flow contributes to the customer's inflow of that commodity (inputs are
/// Leontief complements, so each input commodity carries all of it). One pass in reverse
/// topological order (inside cycles an approximation). Time O(V + E).
std::vector<double> flow_through_shares(const SupplyGraph& g);

/// Nodes whose removal alone stops some end product completely under the immediate model,
/// ascending; end producers are left out (removing the only maker of a product says nothing).
/// The union over end products of find_spofs (algorithms/spof.hpp), so its cost.
std::vector<NodeId> single_points_of_failure(const SupplyGraph& g);
/// The same from find_spofs(g), for callers that need the per-product sets too.
std::vector<NodeId> single_points_of_failure(const SupplyGraph& g,
                                             std::span<const ProductSpof> spofs);

/// The N nodes with the largest flow-through share (ties by NodeId), those above zero only.
std::vector<NodeId> most_central(const SupplyGraph& g, std::size_t n);

/// Above this many nodes or edges render and report merge facilities per stage and country by
/// default: beyond them a facility-level drawing is a hairball (semiconductors.json, 110 nodes
/// and 1,390 edges, lays out 8 m tall).
inline constexpr std::size_t kMaxFacilityNodes = 300;
inline constexpr std::size_t kMaxFacilityEdges = 1000;

/// --aggregate none|country|auto; auto says on `err` when it merges.
viz::Aggregation choose_aggregation(const SupplyGraph& g, std::string_view mode, std::ostream& err);

/// parse_scenario with its std::invalid_argument turned into a UsageError.
Scenario parse_scenario_arg(const SupplyGraph& g, std::string_view text);

/// "spof", "dominators" (the per-product dominators of find_dominators, end producers excluded)
/// or "central[:N]" (N defaults to 5). Throws UsageError for anything else.
viz::Highlight parse_highlight(const SupplyGraph& g, std::string_view spec);

}  // namespace chokepoint::cli
