#pragma once
// The immediate (no rerouting) model of FORMAT.md: how much of each node's output survives a
// disruption when inputs are Leontief complements across commodities and substitutes within one.

#include <span>
#include <vector>

#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

struct CascadeOptions {
    double tolerance = 1e-12;  // fixed-point iteration inside cycles stops below this change
    std::size_t max_rounds =
        10000;  // ... or after this many rounds per strongly connected component
};

/// Output fraction of every node under the immediate model: 0 if removed (limit 0); for a node
/// without inputs, its limit; else min(limit, min over input commodities c of surviving inflow of
/// c / baseline inflow of c), an inflow surviving as flow × supplier fraction (0 on a cut edge).
/// Nodes in cycles iterate from all-ones to the fixed point (one pass for acyclic graphs).
/// Empty disruption vectors mean "nothing removed". Time O(V + E) per pass.
std::vector<double> immediate_fractions(const SupplyGraph& g, const Disruption& d,
                                        const CascadeOptions& opts = {});

struct ProductLoss {
    CommodityId product;
    double baseline = 0;   // Σ output over the product's end producers
    double remaining = 0;  // Σ output × fraction
    double loss = 0;       // 1 − remaining / baseline
};

/// Loss of every end product (ascending CommodityId) given node fractions.
std::vector<ProductLoss> product_losses(const SupplyGraph& g, std::span<const double> fraction);

}  // namespace chokepoint
