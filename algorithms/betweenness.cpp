// Brandes betweenness on the CSR (exact, per source, in parallel) and Riondato–Kornaropoulos
// sampling. Both reset only the vertices a search touched, so a search costs its reach, not V.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>

#include "algorithms/centrality.hpp"

namespace chokepoint {

namespace {

// Fixed number of accumulation chunks: sources are split into this many contiguous ranges, each
// summed serially, the ranges summed in order. Results depend on neither threads nor schedule.
constexpr std::size_t kChunks = 8;

// One thread's BFS state; every array is all-reset between searches (only touched entries).
struct Search {
    explicit Search(std::size_t n) : dist(n, -1), sigma(n, 0.0), delta(n, 0.0) {}
    std::vector<std::int32_t> dist;
    std::vector<double> sigma, delta;
    std::vector<NodeId> order;  // BFS order: nondecreasing distance

    // Shortest-path counts from s; with a target, stops once every shortest path to it is counted.
    void bfs(const SupplyGraph& g, NodeId s, std::optional<NodeId> target = std::nullopt) {
        const auto off = g.out_offsets();
        const auto to = g.edge_targets();
        order.clear();
        order.push_back(s);
        dist[s] = 0;
        sigma[s] = 1;
        for (std::size_t head = 0; head < order.size(); ++head) {
            const NodeId v = order[head];
            if (target && dist[*target] >= 0 && dist[v] >= dist[*target]) break;
            for (EdgeId e = off[v]; e < off[v + 1]; ++e) {
                const NodeId w = to[e];
                if (dist[w] < 0) {
                    dist[w] = dist[v] + 1;
                    order.push_back(w);
                }
                if (dist[w] == dist[v] + 1) sigma[w] += sigma[v];
            }
        }
    }
    void reset() {
        for (NodeId v : order) dist[v] = -1, sigma[v] = 0, delta[v] = 0;
    }
};

// Brandes' dependency accumulation restricted to targets (is_target[w] && w != s).
void accumulate(const SupplyGraph& g, Search& st, NodeId s, const std::vector<std::uint8_t>& target,
                std::vector<double>& bc) {
    for (std::size_t i = st.order.size(); i-- > 0;) {
        const NodeId w = st.order[i];
        const double coeff = (st.delta[w] + (target[w] && w != s ? 1.0 : 0.0)) / st.sigma[w];
        for (EdgeId e : g.in_edges(w)) {
            const NodeId v = g.from(e);
            if (st.dist[v] >= 0 && st.dist[v] == st.dist[w] - 1) st.delta[v] += st.sigma[v] * coeff;
        }
        if (w != s) bc[w] += st.delta[w];
    }
}

// Walks one shortest s-t path back from t, each chosen with probability 1/σ_st, counting its
// interior vertices.
void count_random_path(const SupplyGraph& g, const Search& st, NodeId s, NodeId t,
                       std::mt19937_64& rng, std::vector<std::uint32_t>& hits) {
    std::uniform_real_distribution<double> u(0.0, 1.0);
    for (NodeId w = t;;) {
        double pick = u(rng) * st.sigma[w];
        NodeId next = s;
        for (EdgeId e : g.in_edges(w)) {
            const NodeId v = g.from(e);
            if (st.dist[v] < 0 || st.dist[v] != st.dist[w] - 1) continue;
            next = v;
            if ((pick -= st.sigma[v]) < 0) break;
        }
        if (next == s) return;
        ++hits[next];
        w = next;
    }
}

std::vector<std::uint8_t> mark(std::size_t n, std::span<const NodeId> nodes) {
    std::vector<std::uint8_t> m(n, 0);
    for (NodeId v : nodes) m[v] = 1;
    return m;
}

// Eccentricity of x inside its own component, following edges forwards or backwards.
std::int32_t eccentricity_within(const SupplyGraph& g, NodeId x, bool forward,
                                 std::vector<std::int32_t>& dist, std::vector<NodeId>& queue) {
    const auto c = g.component(x);
    queue.assign(1, x);
    dist[x] = 0;
    std::int32_t ecc = 0;
    for (std::size_t h = 0; h < queue.size(); ++h) {
        const NodeId v = queue[h];
        ecc = dist[v];
        auto visit = [&](NodeId w) {
            if (g.component(w) == c && dist[w] < 0) dist[w] = dist[v] + 1, queue.push_back(w);
        };
        if (forward)
            for (EdgeId e : g.out_edges(v)) visit(g.to(e));
        else
            for (EdgeId e : g.in_edges(v)) visit(g.from(e));
    }
    for (NodeId v : queue) dist[v] = -1;
    return ecc;
}

// Bound on the vertices of any shortest path: the longest path in the condensation, each
// component weighing the vertices a shortest path can spend in it. Such a segment is a shortest
// path inside the component, so it has at most ecc_in(x) + ecc_out(x) edges for any x there.
std::size_t vertex_diameter_bound(const SupplyGraph& g) {
    const auto order = g.topological_order();
    std::vector<std::size_t> longest(g.num_components(), 0);
    std::vector<std::int32_t> dist(g.num_nodes(), -1);
    std::vector<NodeId> queue;
    std::size_t vd = 0;
    for (std::size_t i = 0, j = 0; i < order.size(); i = j) {
        const auto c = g.component(order[i]);
        std::size_t best = 0;
        for (j = i; j < order.size() && g.component(order[j]) == c; ++j) {
            for (EdgeId e : g.in_edges(order[j])) {
                const auto p = g.component(g.from(e));
                if (p != c) best = std::max(best, longest[p]);
            }
        }
        std::size_t weight = j - i;
        if (weight > 2) {
            const auto span = eccentricity_within(g, order[i], true, dist, queue) +
                              eccentricity_within(g, order[i], false, dist, queue);
            weight = std::min(weight, static_cast<std::size_t>(span) + 1);
        }
        longest[c] = best + weight;
        vd = std::max(vd, longest[c]);
    }
    return vd;
}

}  // namespace

std::vector<double> betweenness(const SupplyGraph& g, std::span<const NodeId> sources,
                                std::span<const NodeId> targets) {
    const std::size_t n = g.num_nodes();
    const auto target = mark(n, targets);
    const std::size_t chunks = std::min(kChunks, std::max<std::size_t>(1, sources.size()));
    std::vector<std::vector<double>> part(chunks);
#pragma omp parallel
    {
        Search st(n);
#pragma omp for schedule(dynamic, 1)
        for (std::size_t c = 0; c < chunks; ++c) {
            part[c].assign(n, 0.0);
            const std::size_t lo = sources.size() * c / chunks,
                              hi = sources.size() * (c + 1) / chunks;
            for (std::size_t i = lo; i < hi; ++i) {
                st.bfs(g, sources[i]);
                accumulate(g, st, sources[i], target, part[c]);
                st.reset();
            }
        }
    }
    std::vector<double> bc(n, 0.0);
    for (const auto& p : part)
        for (std::size_t v = 0; v < n; ++v) bc[v] += p[v];
    return bc;
}

double estimate_brandes_work(const SupplyGraph& g, std::span<const NodeId> sources) {
    if (sources.empty()) return 0;
    const std::size_t pilots = std::min<std::size_t>(64, sources.size());
    Search st(g.num_nodes());
    double edges = 0;
    for (std::size_t i = 0; i < pilots; ++i) {
        st.bfs(g, sources[i * sources.size() / pilots]);
        for (NodeId v : st.order) edges += double(g.out_degree(v) + g.in_degree(v));
        st.reset();
    }
    return edges / double(pilots) * double(sources.size());
}

std::size_t rk_sample_size(const SupplyGraph& g, double epsilon, double delta) {
    const double vd = static_cast<double>(vertex_diameter_bound(g));
    const double lg = std::floor(std::log2(std::max(vd - 2.0, 1.0)));
    return static_cast<std::size_t>(
        std::ceil(0.5 / (epsilon * epsilon) * (lg + 1.0 + std::log(1.0 / delta))));
}

SampledBetweenness sampled_betweenness(const SupplyGraph& g, std::span<const NodeId> sources,
                                       std::span<const NodeId> targets, double epsilon,
                                       double delta, std::uint64_t seed) {
    if (!(epsilon > 0 && epsilon < 1 && delta > 0 && delta < 1))
        throw std::invalid_argument("sampled_betweenness: need 0 < epsilon, delta < 1");
    const std::size_t n = g.num_nodes();
    SampledBetweenness out{std::vector<double>(n, 0.0), rk_sample_size(g, epsilon, delta)};
    const auto is_source = mark(n, sources);
    std::size_t overlap = 0;
    for (NodeId t : targets) overlap += is_source[t];
    const double pairs = double(sources.size()) * double(targets.size()) - double(overlap);
    if (pairs <= 0) return out;
    const std::int64_t r = static_cast<std::int64_t>(out.samples);
    std::vector<std::vector<std::uint32_t>> hits(static_cast<std::size_t>(omp_get_max_threads()));
#pragma omp parallel
    {
        Search st(n);
        auto& mine = hits[static_cast<std::size_t>(omp_get_thread_num())];
        mine.assign(n, 0);
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t i = 0; i < r; ++i) {
            // Each sample has its own generator, so the draw does not depend on the schedule.
            std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(i));
            std::uniform_int_distribution<std::size_t> ps(0, sources.size() - 1),
                pt(0, targets.size() - 1);
            NodeId s, t;
            do s = sources[ps(rng)], t = targets[pt(rng)];
            while (s == t);
            st.bfs(g, s, t);
            if (st.dist[t] > 0) count_random_path(g, st, s, t, rng, mine);
            st.reset();
        }
    }
    // Integer counts: the sum is exact in any order.
    for (const auto& h : hits)
        for (std::size_t v = 0; v < h.size(); ++v) out.value[v] += h[v];
    for (auto& v : out.value) v *= pairs / static_cast<double>(r);
    return out;
}

}  // namespace chokepoint
