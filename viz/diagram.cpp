#include "viz/diagram.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <numeric>
#include <set>
#include <stdexcept>

namespace chokepoint::viz {

namespace {

std::string percent(double f) { return fmt::format("{:.1f}%", 100.0 * f); }

std::vector<double> market_totals(const SupplyGraph& g) {
    std::vector<double> total(g.num_commodities(), 0.0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) total[g.commodity(n)] += g.output(n);
    return total;
}

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

void check_overlay(const SupplyGraph& g, const Overlay& o, const Highlight& h) {
    auto bad = [](std::size_t size, std::size_t want) { return size != 0 && size != want; };
    if (bad(o.fraction.size(), g.num_nodes()) || bad(o.removed.size(), g.num_nodes()) ||
        bad(o.cut_edge.size(), g.num_edges())) {
        throw std::invalid_argument("make_diagram: overlay does not match the graph");
    }
    for (NodeId n : h.nodes)
        if (n >= g.num_nodes()) throw std::invalid_argument("make_diagram: no such node");
}

std::string short_source(const SourceInfo& s) {
    std::string who = !s.publisher.empty() ? s.publisher : !s.title.empty() ? s.title : s.id;
    return s.year ? fmt::format("{} ({})", who, *s.year) : who;
}

std::vector<std::string> short_sources(const SupplyGraph& g) {
    std::vector<std::string> out;
    for (const auto& s : g.sources()) {
        auto text = short_source(s);
        if (std::find(out.begin(), out.end(), text) == out.end()) out.push_back(std::move(text));
    }
    return out;
}

// One diagram node per facility, in stage order.
std::vector<std::uint32_t> add_facilities(const SupplyGraph& g, const Overlay& o, Diagram& d) {
    const auto total = market_totals(g);
    std::vector<NodeId> order(g.num_nodes());
    std::iota(order.begin(), order.end(), NodeId{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](NodeId a, NodeId b) { return g.stage(a) < g.stage(b); });
    std::vector<std::uint32_t> slot(g.num_nodes());
    for (NodeId n : order) {
        slot[n] = std::uint32_t(d.nodes.size());
        DiagramNode x;
        x.key = std::string(g.id(n));
        x.name = std::string(g.name(n));
        x.stage = g.stage(n);
        x.country = g.country(n);
        x.owner = g.control_country(n);
        x.share = ratio(g.output(n), total[g.commodity(n)]);
        x.share_text = percent(x.share) + " of " + std::string(g.commodity_name(g.commodity(n)));
        x.tooltip =
            fmt::format("{} ({}): {} {}", g.id(n), country_name(x.country), g.output(n), g.unit(n));
        if (!o.fraction.empty()) x.fraction = o.fraction[n];
        x.removed = !o.removed.empty() && o.removed[n];
        d.nodes.push_back(std::move(x));
    }
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        const NodeId a = g.from(e), b = g.to(e);
        d.edges.push_back({slot[a], slot[b], g.flow(e), ratio(g.flow(e), total[g.commodity(a)]),
                           !o.cut_edge.empty() && o.cut_edge[e] != 0});
    }
    return slot;
}

struct Group {
    double output = 0, surviving = 0, share_sum = 0;
    bool all_removed = true;
    std::map<Country, double> control;  // output by controlling country
};
using GroupKey = std::pair<StageId, Country>;

// The commodities produced in each stage (a commodity may be produced in several).
std::vector<std::vector<CommodityId>> stage_markets(const SupplyGraph& g) {
    std::set<std::pair<StageId, CommodityId>> seen;
    for (NodeId n = 0; n < g.num_nodes(); ++n) seen.emplace(g.stage(n), g.commodity(n));
    std::vector<std::vector<CommodityId>> markets(g.num_stages());
    for (const auto& [s, c] : seen) markets[s].push_back(c);
    return markets;
}

std::map<GroupKey, Group> collect_groups(const SupplyGraph& g, const Overlay& o,
                                         const std::vector<double>& total) {
    std::map<GroupKey, Group> groups;
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        auto& x = groups[{g.stage(n), g.country(n)}];
        const double f = o.fraction.empty() ? 1.0 : o.fraction[n];
        x.output += g.output(n);
        x.surviving += g.output(n) * f;
        x.share_sum += ratio(g.output(n), total[g.commodity(n)]);
        x.all_removed = x.all_removed && !o.removed.empty() && o.removed[n];
        x.control[g.control_country(n)] += g.output(n);
    }
    return groups;
}

DiagramNode group_node(const SupplyGraph& g, GroupKey key, const Group& x,
                       const std::vector<CommodityId>& markets) {
    const auto [stage, country] = key;
    const auto k = std::max<std::size_t>(1, markets.size());
    DiagramNode y;
    y.key = g.stage_info(stage).id + "/" + std::string(country_code(country));
    y.name = std::string(country_name(country));
    y.stage = stage;
    y.country = y.owner = country;
    const auto top = std::max_element(x.control.begin(), x.control.end(),
                                      [](auto& a, auto& b) { return a.second < b.second; });
    if (top->second >= 0.5 * x.output) y.owner = top->first;
    y.share = x.share_sum / double(k);
    y.share_text = markets.size() == 1
                       ? percent(y.share) + " of " + std::string(g.commodity_name(markets[0]))
                       : fmt::format("{} avg of {} markets", percent(y.share), k);
    y.tooltip = fmt::format("{}, {}", country_name(country), g.stage_info(stage).name);
    y.fraction = x.output > 0 ? x.surviving / x.output : 1.0;
    y.removed = x.all_removed;
    return y;
}

// One diagram node per (stage, country); shares are means over the stage's markets.
std::vector<std::uint32_t> add_aggregates(const SupplyGraph& g, const Overlay& o, Diagram& d) {
    const auto total = market_totals(g);
    const auto markets = stage_markets(g);
    std::map<GroupKey, std::uint32_t> slot;
    for (const auto& [key, x] : collect_groups(g, o, total)) {
        slot[key] = std::uint32_t(d.nodes.size());
        d.nodes.push_back(group_node(g, key, x, markets[key.first]));
    }
    std::vector<std::uint32_t> node_slot(g.num_nodes());
    for (NodeId n = 0; n < g.num_nodes(); ++n) node_slot[n] = slot[{g.stage(n), g.country(n)}];
    std::map<std::pair<std::uint32_t, std::uint32_t>, DiagramEdge> edges;
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        const NodeId a = g.from(e);
        const auto from = node_slot[a], to = node_slot[g.to(e)];
        if (from == to) continue;
        auto& y = edges.try_emplace({from, to}, DiagramEdge{from, to, 0, 0, true}).first->second;
        y.flow += g.flow(e);
        y.weight += ratio(g.flow(e), total[g.commodity(a)]) /
                    double(std::max<std::size_t>(1, markets[g.stage(a)].size()));
        y.cut = y.cut && !o.cut_edge.empty() && o.cut_edge[e];
    }
    for (auto& [key, e] : edges) d.edges.push_back(e);
    return node_slot;
}

// Aggregated diagrams of large graphs link nearly every box to every box of the next stage;
// above kMaxDrawnEdges, only the flows that matter to their customer box are drawn: at least
// kThinFlow of its inputs, or its largest input, or cut by the scenario. Returns how many
// edges were dropped.
constexpr std::size_t kMaxDrawnEdges = 1000;
constexpr double kThinFlow = 0.05;

std::size_t drop_thin_flows(Diagram& d) {
    if (d.edges.size() <= kMaxDrawnEdges) return 0;
    std::vector<double> inflow(d.nodes.size(), 0.0), largest(d.nodes.size(), 0.0);
    for (const auto& e : d.edges) {
        inflow[e.to] += e.flow;
        largest[e.to] = std::max(largest[e.to], e.flow);
    }
    const auto before = d.edges.size();
    std::erase_if(d.edges, [&](const DiagramEdge& e) {
        return !e.cut && e.flow < kThinFlow * inflow[e.to] && e.flow < largest[e.to];
    });
    return before - d.edges.size();
}

std::string default_subtitle(const SupplyGraph& g, const Diagram& d) {
    std::string s = g.info().year ? std::to_string(*g.info().year) + " · " : "";
    if (d.aggregated && d.hidden_edges > 0)
        return s + fmt::format(
                       "{} facilities merged by stage and country · {} thin flows (< {:g}% of a "
                       "box's inputs) not drawn",
                       g.num_nodes(), d.hidden_edges, 100 * kThinFlow);
    if (d.aggregated)
        return s + fmt::format("{} facilities merged by stage and country", g.num_nodes());
    return s + fmt::format("{} facilities, {} links, {} countries", g.num_nodes(), g.num_edges(),
                           g.countries().size());
}

}  // namespace

Diagram make_diagram(const SupplyGraph& g, const Overlay& overlay, const Highlight& highlight,
                     const DiagramOptions& opts) {
    check_overlay(g, overlay, highlight);
    Diagram d;
    d.title = g.info().name;
    d.aggregated = opts.aggregation == Aggregation::country;
    d.layout = opts.layout;
    d.dpi = opts.dpi;
    d.title_lines = overlay.title_lines;
    for (StageId s = 0; s < g.num_stages(); ++s) {
        const auto& info = g.stage_info(s);
        d.stages.push_back(info.name.empty() ? info.id : info.name);
    }
    const auto slot = d.aggregated ? add_aggregates(g, overlay, d) : add_facilities(g, overlay, d);
    if (d.aggregated) d.hidden_edges = drop_thin_flows(d);
    d.subtitle = opts.subtitle.empty() ? default_subtitle(g, d) : opts.subtitle;
    std::sort(d.edges.begin(), d.edges.end(), [](const auto& a, const auto& b) {
        return std::pair(a.from, a.to) < std::pair(b.from, b.to);
    });
    if (!highlight.nodes.empty()) {
        d.highlight_legend = highlight.legend.empty() ? "highlighted" : highlight.legend;
        for (NodeId n : highlight.nodes) d.nodes[slot[n]].highlighted = true;
    }
    std::vector<bool> seen(kNumCountries, false), seen_owner(kNumCountries, false);
    for (const auto& x : d.nodes) {
        seen[x.country] = true;
        if (x.owner != x.country) seen_owner[x.owner] = true;
    }
    for (Country c = 0; c < kNumCountries; ++c) {
        if (seen[c]) d.countries.push_back(c);
        if (seen_owner[c]) d.owner_countries.push_back(c);
    }
    d.sources = short_sources(g);
    return d;
}

}  // namespace chokepoint::viz
