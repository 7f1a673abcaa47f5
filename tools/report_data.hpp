#pragma once
// The country sweep as the report shows it: every located country cut off by location in turn
// (algorithms/sweep.hpp, immediate model), with the worst and mean loss, worst first.

#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint::cli {

struct CountryLoss {
    Country country = 0;
    std::vector<double> loss;  // per end product, in end_products() order
    double worst = 0, mean = 0;
};

/// One row per located country, sorted by worst loss desc, mean desc, then country.
/// Time O(C (V + E)), OpenMP-parallel over countries.
std::vector<CountryLoss> country_sweep(const SupplyGraph& g);

}  // namespace chokepoint::cli
