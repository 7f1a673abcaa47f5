#include "algorithms/stress.hpp"

#include <algorithm>

namespace chokepoint {

namespace {

std::vector<CommodityLoss> commodity_losses(const SupplyGraph& g, std::span<const double> f) {
    std::vector<CommodityLoss> out;
    for (NodeId n = 0; n < g.num_nodes(); ++n)
        out.push_back({g.stage(n), g.commodity(n), g.output(n), g.output(n) * f[n]});
    std::sort(out.begin(), out.end(), [](const CommodityLoss& a, const CommodityLoss& b) {
        return a.stage != b.stage ? a.stage < b.stage : a.commodity < b.commodity;
    });
    std::vector<CommodityLoss> merged;
    for (const auto& x : out) {
        if (!merged.empty() && merged.back().stage == x.stage &&
            merged.back().commodity == x.commodity) {
            merged.back().baseline += x.baseline;
            merged.back().remaining += x.remaining;
        } else {
            merged.push_back(x);
        }
    }
    for (auto& x : merged) x.loss = 1.0 - x.remaining / x.baseline;
    return merged;
}

}  // namespace

StressResult stress_test(const SupplyGraph& g, const Scenario& s, const StressOptions& opts) {
    const Disruption d = apply_scenario(g, s);
    StressResult r;
    r.model = opts.model;
    if (opts.model == Model::rerouting) {
        r.products = rerouted_products(g, d, {.links = opts.links});
        return r;
    }
    const auto f = immediate_fractions(g, d, opts.cascade);
    for (const auto& p : product_losses(g, f)) {
        r.products.push_back({.product = p.product,
                              .baseline = p.baseline,
                              .remaining = p.remaining,
                              .remaining_fraction = p.remaining / p.baseline,
                              .loss = p.loss});
    }
    r.commodities = commodity_losses(g, f);
    r.hits = explain_hits(g, d, f, opts.explain);
    return r;
}

std::string_view model_name(Model m) { return m == Model::immediate ? "immediate" : "rerouting"; }
std::string_view links_name(Links l) { return l == Links::existing ? "existing" : "market"; }

}  // namespace chokepoint
