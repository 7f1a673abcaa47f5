#pragma once
// Dominators from a virtual root that feeds every source: the nodes every supply path must cross.

#include <limits>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint {

/// idom value of a node dominated by nothing but the virtual root (every source, for instance).
inline constexpr NodeId kVirtualRoot = std::numeric_limits<NodeId>::max();
/// idom value of a node no source reaches (it lies on or below a cycle without an entry).
inline constexpr NodeId kUnreachable = kVirtualRoot - 1;

struct DominatorTree {
    std::vector<NodeId> idom;  // indexed by NodeId: a node, kVirtualRoot or kUnreachable
};

/// Immediate dominator of every node, seen from a virtual root feeding all sources: d dominates v
/// when every path from a source to v passes through d (Lengauer & Tarjan 1979, simple version).
/// Equal to networkx immediate_dominators on the graph plus the root. Time O((V+E) log V).
DominatorTree find_dominators(const SupplyGraph& g);

/// The nodes that dominate every end producer of `product` (every path from any source to any
/// maker of it passes through them), upstream first, end producers themselves excluded: the
/// dominator-tree ancestors of the end producers' lowest common ancestor. Empty when the product
/// has no reachable end producer or is not an end product. Time O(depth × end producers).
std::vector<NodeId> product_dominators(const SupplyGraph& g, const DominatorTree& tree,
                                       CommodityId product);

}  // namespace chokepoint
