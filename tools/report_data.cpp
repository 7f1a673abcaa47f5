#include "tools/report_data.hpp"

#include <algorithm>

#include "algorithms/sweep.hpp"

namespace chokepoint::cli {

std::vector<CountryLoss> country_sweep(const SupplyGraph& g) {
    const SweepOptions opts{.by = CutBy::location, .model = Model::immediate};
    const auto scenarios = sweep_scenarios(g, opts);
    std::vector<CountryLoss> out;
    for (const auto& row : run_sweep(g, scenarios, opts)) {
        CountryLoss r{row.scenario.countries.front(), row.loss, 0, 0};
        for (double l : r.loss) {
            r.worst = std::max(r.worst, l);
            r.mean += l / double(r.loss.size());
        }
        out.push_back(std::move(r));
    }
    std::sort(out.begin(), out.end(), [](const CountryLoss& a, const CountryLoss& b) {
        if (a.worst != b.worst) return a.worst > b.worst;
        if (a.mean != b.mean) return a.mean > b.mean;
        return a.country < b.country;
    });
    return out;
}

}  // namespace chokepoint::cli
