#include "algorithms/centrality.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>
#include <string>

namespace chokepoint {

namespace {

constexpr std::array<std::pair<Measure, std::string_view>, 7> kMeasures{{
    {Measure::betweenness, "betweenness"},
    {Measure::betweenness_sp, "betweenness-sp"},
    {Measure::pagerank, "pagerank"},
    {Measure::closeness, "closeness"},
    {Measure::in_degree, "in-degree"},
    {Measure::out_degree, "out-degree"},
    {Measure::flow, "flow"},
}};

std::vector<NodeId> all_nodes(const SupplyGraph& g) {
    std::vector<NodeId> v(g.num_nodes());
    std::iota(v.begin(), v.end(), NodeId{0});
    return v;
}

CentralityResult betweenness_result(const SupplyGraph& g, const CentralityOptions& opts) {
    CentralityResult r{opts.measure};
    const bool sp = opts.measure == Measure::betweenness_sp;
    const auto every = sp ? std::vector<NodeId>{} : all_nodes(g);
    const std::span<const NodeId> sources = sp ? g.source_nodes() : std::span<const NodeId>(every);
    const std::span<const NodeId> targets = sp ? g.end_producers() : std::span<const NodeId>(every);
    const std::size_t samples = rk_sample_size(g, opts.epsilon, opts.delta);
    if (!opts.exact && samples < sources.size() &&
        estimate_brandes_work(g, sources) > opts.exact_work_limit) {
        auto est = sampled_betweenness(g, sources, targets, opts.epsilon, opts.delta, opts.seed);
        r.exact = false;
        r.epsilon = opts.epsilon;
        r.delta = opts.delta;
        r.samples = est.samples;
        r.value = std::move(est.value);
    } else {
        r.value = betweenness(g, sources, targets);
    }
    const double n = static_cast<double>(g.num_nodes());
    if (opts.normalized && n > 2)
        for (auto& v : r.value) v /= (n - 1) * (n - 2);
    return r;
}

std::vector<double> degrees(const SupplyGraph& g, bool in, bool normalized) {
    std::vector<double> d(g.num_nodes());
    const double scale = normalized && g.num_nodes() > 1 ? 1.0 / double(g.num_nodes() - 1) : 1.0;
    for (NodeId v = 0; v < g.num_nodes(); ++v)
        d[v] = double(in ? g.in_degree(v) : g.out_degree(v)) * scale;
    return d;
}

}  // namespace

Measure parse_measure(std::string_view text) {
    for (const auto& [m, name] : kMeasures)
        if (name == text) return m;
    throw std::invalid_argument("unknown measure \"" + std::string(text) +
                                "\" (expected betweenness, betweenness-sp, pagerank, closeness, "
                                "in-degree, out-degree or flow)");
}

std::string_view measure_name(Measure m) {
    for (const auto& [k, name] : kMeasures)
        if (k == m) return name;
    return "";
}

CentralityResult compute_centrality(const SupplyGraph& g, const CentralityOptions& opts) {
    switch (opts.measure) {
        case Measure::betweenness:
        case Measure::betweenness_sp:
            return betweenness_result(g, opts);
        case Measure::pagerank:
            return {opts.measure, true, 0, 0, 0, pagerank(g)};
        case Measure::closeness:
            return {opts.measure, true, 0, 0, 0, closeness(g)};
        case Measure::in_degree:
        case Measure::out_degree:
            return {opts.measure,
                    true,
                    0,
                    0,
                    0,
                    degrees(g, opts.measure == Measure::in_degree, opts.normalized)};
        case Measure::flow:
            return {opts.measure, true, 0, 0, 0, flow_share(g)};
    }
    return {opts.measure};
}

std::vector<double> closeness(const SupplyGraph& g) {
    const std::size_t n = g.num_nodes();
    std::vector<double> out(n, 0.0);
    const auto nodes = static_cast<std::int64_t>(n);
#pragma omp parallel
    {
        std::vector<std::int32_t> dist(n, -1);
        std::vector<NodeId> queue;
#pragma omp for schedule(dynamic, 16)
        for (std::int64_t i = 0; i < nodes; ++i) {
            // BFS against the edges: who reaches v, and how far.
            const auto v = static_cast<NodeId>(i);
            queue.assign(1, v);
            dist[v] = 0;
            double total = 0;
            for (std::size_t head = 0; head < queue.size(); ++head) {
                const NodeId w = queue[head];
                total += dist[w];
                for (EdgeId e : g.in_edges(w)) {
                    const NodeId u = g.from(e);
                    if (dist[u] < 0) dist[u] = dist[w] + 1, queue.push_back(u);
                }
            }
            const double reach = static_cast<double>(queue.size() - 1);
            if (total > 0 && n > 1) out[v] = reach / total * reach / static_cast<double>(n - 1);
            for (NodeId w : queue) dist[w] = -1;
        }
    }
    return out;
}

std::vector<double> flow_share(const SupplyGraph& g) {
    std::vector<double> share(g.num_nodes(), 0.0);
    double total = 0;
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        share[g.from(e)] += g.flow(e);
        share[g.to(e)] += g.flow(e);
        total += g.flow(e);
    }
    if (total > 0)
        for (auto& s : share) s /= total;
    return share;
}

std::vector<NodeId> rank_by_value(const SupplyGraph& g, std::span<const double> value) {
    if (value.size() != g.num_nodes())
        throw std::invalid_argument("rank_by_value: wrong number of values");
    auto order = all_nodes(g);
    std::sort(order.begin(), order.end(), [&](NodeId a, NodeId b) {
        return value[a] != value[b] ? value[a] > value[b] : g.id(a) < g.id(b);
    });
    return order;
}

std::vector<CountryValue> sum_by_country(const SupplyGraph& g, std::span<const double> value,
                                         CutBy by) {
    if (value.size() != g.num_nodes())
        throw std::invalid_argument("sum_by_country: wrong number of values");
    if (by != CutBy::location && by != CutBy::owner)
        throw std::invalid_argument("sum_by_country: by location or owner only");
    std::vector<double> sum(kNumCountries, 0.0);
    std::vector<std::uint8_t> seen(kNumCountries, 0);
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
        const Country c = by == CutBy::location ? g.country(v) : g.control_country(v);
        sum[c] += value[v];
        seen[c] = 1;
    }
    std::vector<CountryValue> out;
    for (std::size_t c = 0; c < kNumCountries; ++c)
        if (seen[c]) out.push_back({static_cast<Country>(c), sum[c]});
    std::sort(out.begin(), out.end(), [](const CountryValue& a, const CountryValue& b) {
        return a.value != b.value ? a.value > b.value
                                  : country_code(a.country) < country_code(b.country);
    });
    return out;
}

}  // namespace chokepoint
