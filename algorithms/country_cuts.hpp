#pragma once
// Minimum country cut sets: the fewest countries whose loss would end (or halve) a product.

#include <optional>
#include <vector>

#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

struct CountryCutOptions {
    CutBy by = CutBy::location;          // location or owner (control view)
    std::size_t k = 3;                   // largest set size tried
    double threshold = 1.0;              // a set "cuts" a product when its loss >= threshold
    std::optional<CommodityId> product;  // only this end product (default: all)
};

struct CountryCut {
    std::vector<Country> countries;  // ascending
    double loss;                     // immediate-model loss of the product
};

struct ProductCuts {
    CommodityId product;
    std::vector<CountryCut> cuts;  // every cut of the smallest size; empty: none up to k
};

/// Per end product (ascending CommodityId), every set of the fewest countries (at most k) whose
/// removal makes its immediate-model loss >= threshold, sorted by loss desc then countries.
/// Exact: sizes 1..k are enumerated in order among the countries that host (or own) a node, and a
/// branch is pruned when removing its countries plus all later candidates (a bound, since losses
/// only grow with removals) reaches no unresolved product. Time O(C(m,k) (V + E)) worst case.
std::vector<ProductCuts> minimum_country_cuts(const SupplyGraph& g,
                                              const CountryCutOptions& opts = {});

}  // namespace chokepoint
