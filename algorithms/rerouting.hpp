#pragma once
// The rerouting model of FORMAT.md: a linear program that lets surviving producers run up to
// capacity and ship along other links, giving an upper bound on what each end product can recover.

#include <vector>

#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

/// Which shipments the program may use.
enum class Links {
    existing,  ///< only the dataset's edges (minus cut ones)
    market,    ///< any producer of a commodity to any of its consumers, embargoes permitting
};

struct ReroutingOptions {
    Links links = Links::existing;
};

struct ReroutedProduct {
    CommodityId product;
    double baseline = 0;            // Σ output over the product's end producers
    double remaining = 0;           // the LP optimum: Σ net output of those end producers
    double remaining_fraction = 0;  // remaining / baseline; above 1 where spare capacity exists
    double loss = 0;                // 1 − remaining_fraction (negative: headroom)
    bool optimal = true;            // false if Clp stopped without proving optimality (values NaN)
};

/// For every end product p (ascending CommodityId), the largest total output of p's end producers
/// over outputs 0 ≤ x(n) ≤ capacity(n)·limit(n) and shipments y ≥ 0 such that every node ships at
/// most x(n) and receives at least a(n,c)·x(n) of each input commodity c, a(n,c) = baseline inflow
/// of c / output(n). Links::existing ships on uncut edges; Links::market through one hub per
/// commodity (plus one domestic hub per commodity and embargoed country), so the program stays
/// O(V + E). Each product is maximised on its own (warm-started Clp primal simplex); with an end
/// producer that also ships into the market only its net output counts. Empty disruption vectors
/// mean "nothing removed". Time: one LP with O(V + E) rows and columns per end product.
std::vector<ReroutedProduct> rerouted_products(const SupplyGraph& g, const Disruption& d,
                                               const ReroutingOptions& opts = {});

}  // namespace chokepoint
