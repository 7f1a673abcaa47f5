#include "algorithms/cascade.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace chokepoint {

namespace {

struct Inflow {
    CommodityId commodity;
    double baseline, surviving;
};

// One node's fraction from its suppliers' current fractions.
double node_fraction(const SupplyGraph& g, NodeId n, const Disruption& d,
                     const std::vector<double>& f, std::vector<Inflow>& scratch) {
    const double limit = d.limit.empty() ? 1.0 : d.limit[n];
    if (limit <= 0) return 0.0;
    const auto in = g.in_edges(n);
    if (in.empty()) return limit;
    scratch.clear();
    for (EdgeId e : in) {
        const NodeId s = g.from(e);
        const double survive = (!d.cut.empty() && d.cut[e]) ? 0.0 : g.flow(e) * f[s];
        const CommodityId c = g.commodity(s);
        auto it = std::find_if(scratch.begin(), scratch.end(),
                               [c](const Inflow& x) { return x.commodity == c; });
        if (it == scratch.end())
            scratch.push_back({c, g.flow(e), survive});
        else
            it->baseline += g.flow(e), it->surviving += survive;
    }
    double frac = limit;
    for (const auto& x : scratch) frac = std::min(frac, x.surviving / x.baseline);
    return frac;
}

}  // namespace

std::vector<double> immediate_fractions(const SupplyGraph& g, const Disruption& d,
                                        const CascadeOptions& opts) {
    if ((!d.limit.empty() && d.limit.size() != g.num_nodes()) ||
        (!d.cut.empty() && d.cut.size() != g.num_edges())) {
        throw std::invalid_argument("immediate_fractions: disruption does not match the graph");
    }
    std::vector<double> f(g.num_nodes(), 1.0);
    std::vector<Inflow> scratch;
    // Only nodes downstream of a limit or a cut can fall below 1; the rest would recompute
    // exactly 1.0 (every inflow survives in full, summed in the same order), so they are skipped.
    std::vector<std::uint8_t> dirty(g.num_nodes(), 0);
    for (NodeId n = 0; n < d.limit.size(); ++n) dirty[n] = d.limit[n] != 1.0;
    for (EdgeId e = 0; e < d.cut.size(); ++e)
        if (d.cut[e]) dirty[g.to(e)] = 1;
    const auto targets = g.edge_targets();
    const auto offsets = g.out_offsets();
    auto spread = [&](NodeId n) {
        if (f[n] == 1.0) return;
        for (EdgeId e = offsets[n]; e < offsets[n + 1]; ++e) dirty[targets[e]] = 1;
    };
    const auto order = g.topological_order();
    for (std::size_t i = 0; i < order.size();) {
        // [i, j) is one strongly connected component.
        std::size_t j = i + 1;
        while (j < order.size() && g.component(order[j]) == g.component(order[i])) ++j;
        if (j - i == 1) {
            if (dirty[order[i]]) {
                f[order[i]] = node_fraction(g, order[i], d, f, scratch);
                spread(order[i]);
            }
        } else if (std::any_of(order.begin() + i, order.begin() + j,
                               [&](NodeId n) { return dirty[n]; })) {
            // Monotone from all-ones: each round can only lower fractions, so it converges.
            for (std::size_t round = 0; round < opts.max_rounds; ++round) {
                double change = 0;
                for (std::size_t k = i; k < j; ++k) {
                    const double next = node_fraction(g, order[k], d, f, scratch);
                    change = std::max(change, std::abs(next - f[order[k]]));
                    f[order[k]] = next;
                }
                if (change <= opts.tolerance) break;
            }
            for (std::size_t k = i; k < j; ++k) spread(order[k]);
        }
        i = j;
    }
    return f;
}

std::vector<ProductLoss> product_losses(const SupplyGraph& g, std::span<const double> fraction) {
    if (fraction.size() != g.num_nodes())
        throw std::invalid_argument("product_losses: wrong number of fractions");
    std::vector<ProductLoss> out;
    std::vector<std::size_t> slot(g.num_commodities(), 0);
    for (auto c : g.end_products()) {
        slot[c] = out.size();
        out.push_back({c, 0, 0, 0});
    }
    for (NodeId n : g.end_producers()) {
        auto& p = out[slot[g.commodity(n)]];
        p.baseline += g.output(n);
        p.remaining += g.output(n) * fraction[n];
    }
    for (auto& p : out) p.loss = p.baseline > 0 ? 1.0 - p.remaining / p.baseline : 0.0;
    return out;
}

}  // namespace chokepoint
