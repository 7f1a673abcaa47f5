#pragma once
// Cut vertices and cut edges of the undirected projection: where the network falls apart.

#include <utility>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint {

struct Biconnected {
    std::vector<NodeId> articulation_points;         // ascending NodeId
    std::vector<std::pair<NodeId, NodeId>> bridges;  // as shipped (from, to), ascending
};

/// Articulation points (removing the node disconnects its component) and bridges (removing the
/// link does) of the simple undirected graph with an edge {a, b} wherever a ships to b or b to a;
/// equal to networkx articulation_points and bridges of G.to_undirected(). A bridge is reported
/// in the direction of its first shipment. Via BGL biconnected_components. Time O(V + E).
Biconnected find_biconnected(const SupplyGraph& g);

}  // namespace chokepoint
