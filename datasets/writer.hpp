#pragma once
// Writes a SupplyGraph back as a chokepoint/1 dataset.

#include <ostream>

#include "graph/supply_graph.hpp"

namespace chokepoint {

/// Normalised JSON: members in docs/format.md order, nodes by NodeId, edges by (from, to),
/// only the dataset's own groups, optional members only when set. Loading the output gives
/// the same graph.
void write_dataset(const SupplyGraph& g, std::ostream& out);

}  // namespace chokepoint
