#pragma once
// Single points of failure under the immediate model of FORMAT.md, where different input
// commodities are complements: a node can be fatal to a product without dominating it.

#include <optional>
#include <vector>

#include "algorithms/cascade.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

struct ProductSpof {
    CommodityId product;
    std::vector<NodeId> nodes;  // ascending NodeId
    bool operator==(const ProductSpof&) const = default;
};

/// Per end product (ascending CommodityId), the nodes whose removal alone makes its loss exactly 1
/// in the immediate model (end producers included). Propagates fatal sets in topological order:
/// F(n) = {n} ∪ ⋃ over input commodities c of ⋂ over suppliers s of c of F(s) (AND of ORs),
/// least fixed point inside cycles, matching the model's exact zeros; a product's SPOFs are the
/// intersection of its end producers' sets. Sets are freed once all customers have read them.
/// Time O(Σ |F| · in-degree), memory O(live sets).
std::vector<ProductSpof> find_spofs(const SupplyGraph& g);

/// Loss of every end product (ascending CommodityId) when `node` alone fails: the immediate model
/// recomputed only on the failed node's downstream cone, in topological order. Equal to
/// product_losses(immediate_fractions(g, {nodes = {node}})). Time O(cone edges · log).
std::vector<ProductLoss> single_failure_losses(const SupplyGraph& g, NodeId node);

struct Criticality {
    NodeId node;
    CommodityId product;
    double loss;        // loss of the product when the node alone fails, > 0
    bool exact = true;  // false: a recycling loop was still draining when the sweep cap stopped it
};

struct CriticalityOptions {
    std::size_t top = 20;                // keep the largest `top` losses; 0: all
    std::optional<CommodityId> product;  // only this end product
    /// Inside recycling loops a failure is iterated for at most this many sweeps of the nodes it
    /// reached; a loop still draining then gives a lower bound on the loss (`exact` false).
    std::size_t max_sweeps = 100;
};

/// The largest single-failure losses over (node, end product) pairs with loss > 0, sorted by loss
/// desc, then NodeId, then CommodityId. One downstream-cone propagation per node, in parallel
/// (OpenMP); the result does not depend on the thread count. Time O(Σ cone edges · log).
std::vector<Criticality> rank_criticality(const SupplyGraph& g,
                                          const CriticalityOptions& opts = {});

}  // namespace chokepoint
