#pragma once
// The numbers the report shows, computed simply until the concentration and chokepoint analyses
// land on main: country shares and HHI per market, and the country sweep (every located country
// removed by location, immediate model).

#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint::cli {

enum class ShareView { location, owner };  // owner: equity, output split by owner country

struct MarketShares {
    CommodityId commodity = 0;
    StageId stage = 0;
    double total = 0;
    std::size_t producers = 0;
    std::vector<CountryShare> shares;  // share desc, then country asc
    double hhi = 0;                    // 10,000 × Σ share²
};

/// Country shares of every market (commodity), by stage then commodity name. Time O(V log V).
std::vector<MarketShares> market_shares(const SupplyGraph& g, ShareView view);

struct SweepRow {
    Country country = 0;
    std::vector<double> loss;  // per end product, in end_products() order
    double worst = 0, mean = 0;
};

/// Each located country removed by location in turn: the loss of every end product under the
/// immediate model. Sorted by worst loss desc, mean desc, then country. Time O(C (V + E)).
std::vector<SweepRow> country_sweep(const SupplyGraph& g);

}  // namespace chokepoint::cli
