#include "tools/viz_support.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "algorithms/dominators.hpp"
#include "algorithms/spof.hpp"
#include "tools/cli.hpp"

namespace chokepoint::cli {

ScenarioOutcome scenario_outcome(const SupplyGraph& g, const Scenario& s) {
    ScenarioOutcome out;
    const Disruption d = apply_scenario(g, s);
    out.fraction = immediate_fractions(g, d);
    out.losses = product_losses(g, out.fraction);
    auto& o = out.overlay;
    o.fraction = out.fraction;
    o.removed.assign(g.num_nodes(), 0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) o.removed[n] = d.limit[n] <= 0;
    o.cut_edge.assign(g.num_edges(), 0);
    for (EdgeId e = 0; e < g.num_edges(); ++e)
        o.cut_edge[e] = (!d.cut.empty() && d.cut[e]) || out.fraction[g.from(e)] <= 0;
    o.title_lines.push_back("Scenario: " + s.label + " (immediate model, no rerouting)");
    for (const auto& p : out.losses) {
        o.title_lines.push_back(
            fmt::format("{}: {:.1f}% lost", g.commodity_name(p.product), 100 * p.loss));
    }
    return out;
}

std::vector<double> flow_through_shares(const SupplyGraph& g) {
    std::vector<double> d(g.num_nodes(), 0.0), end_total(g.num_commodities(), 0.0);
    if (g.end_products().empty()) return d;
    const double products = double(g.end_products().size());
    for (NodeId n : g.end_producers()) end_total[g.commodity(n)] += g.output(n);
    for (NodeId n : g.end_producers())
        if (end_total[g.commodity(n)] > 0)
            d[n] = g.output(n) / end_total[g.commodity(n)] / products;
    // Inflow of each commodity into each node: the denominator of a supplier's part.
    std::vector<double> inflow(g.num_edges(), 0.0);
    std::vector<std::pair<CommodityId, double>> sums;
    for (NodeId m = 0; m < g.num_nodes(); ++m) {
        sums.clear();
        for (EdgeId e : g.in_edges(m)) {
            const auto c = g.commodity(g.from(e));
            auto it = std::find_if(sums.begin(), sums.end(), [c](auto& x) { return x.first == c; });
            if (it == sums.end())
                sums.emplace_back(c, g.flow(e));
            else
                it->second += g.flow(e);
        }
        for (EdgeId e : g.in_edges(m)) {
            const auto c = g.commodity(g.from(e));
            inflow[e] = std::find_if(sums.begin(), sums.end(), [c](auto& x) {
                            return x.first == c;
                        })->second;
        }
    }
    const auto order = g.topological_order();
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const NodeId n = *it;
        for (EdgeId e : g.out_edges(n))
            if (inflow[e] > 0) d[n] += g.flow(e) / inflow[e] * d[g.to(e)];
        d[n] = std::min(d[n], 1.0);
    }
    return d;
}

std::vector<NodeId> single_points_of_failure(const SupplyGraph& g) {
    return single_points_of_failure(g, find_spofs(g));
}

std::vector<NodeId> single_points_of_failure(const SupplyGraph& g,
                                             std::span<const ProductSpof> spofs) {
    std::vector<NodeId> out;
    for (const auto& p : spofs) {
        for (NodeId n : p.nodes)
            if (g.out_degree(n) > 0) out.push_back(n);  // an end producer is its product
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<NodeId> most_central(const SupplyGraph& g, std::size_t n) {
    const auto share = flow_through_shares(g);
    std::vector<NodeId> order(g.num_nodes());
    std::iota(order.begin(), order.end(), NodeId{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](NodeId a, NodeId b) { return share[a] > share[b]; });
    std::vector<NodeId> out;
    for (NodeId x : order) {
        if (out.size() == n || share[x] <= 0) break;
        out.push_back(x);
    }
    return out;
}

viz::Aggregation choose_aggregation(const SupplyGraph& g, std::string_view mode,
                                    std::ostream& err) {
    if (mode == "country") return viz::Aggregation::country;
    if (mode == "none") return viz::Aggregation::none;
    if (g.num_nodes() <= kMaxFacilityNodes && g.num_edges() <= kMaxFacilityEdges)
        return viz::Aggregation::none;
    err << "chokepoint: " << g.num_nodes() << " nodes and " << g.num_edges()
        << " edges are too many to draw one by one; drawing "
        << "one box per stage and country (--aggregate none draws every facility)\n";
    return viz::Aggregation::country;
}

Scenario parse_scenario_arg(const SupplyGraph& g, std::string_view text) {
    try {
        return parse_scenario(g, text);
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--scenario: ") + e.what());
    }
}

viz::Highlight parse_highlight(const SupplyGraph& g, std::string_view spec) {
    if (spec == "spof")
        return {single_points_of_failure(g),
                "single point of failure (removal stops an end product)"};
    if (spec == "dominators") {
        const auto tree = find_dominators(g);
        std::vector<NodeId> nodes;
        for (CommodityId p : g.end_products()) {
            const auto d = product_dominators(g, tree, p);
            nodes.insert(nodes.end(), d.begin(), d.end());
        }
        std::sort(nodes.begin(), nodes.end());
        nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
        return {nodes, "dominator (every path from the sources to an end product passes it)"};
    }
    if (spec.substr(0, 7) == "central") {
        std::size_t n = 5;
        if (spec.size() > 7) {
            const auto digits = spec.substr(spec.size() > 8 ? 8 : 7);
            if (spec[7] != ':' || digits.empty() ||
                !std::all_of(digits.begin(), digits.end(),
                             [](char c) { return c >= '0' && c <= '9'; }) ||
                digits.size() > 9)
                throw UsageError("--highlight: expected central:N with N a number, got '" +
                                 std::string(spec) + "'");
            n = std::stoul(std::string(digits));
        }
        return {most_central(g, n), fmt::format("top {} by flow-through share", n)};
    }
    throw UsageError("--highlight: expected spof, dominators or central[:N], got '" +
                     std::string(spec) + "'");
}

}  // namespace chokepoint::cli
