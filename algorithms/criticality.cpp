// Criticality: the immediate model re-run on one failed node's downstream cone only.
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <queue>
#include <stdexcept>

#include "algorithms/spof.hpp"

namespace chokepoint {

namespace {

struct Inflow {
    CommodityId commodity;
    double baseline, surviving;
};

// Topological positions and per-product totals, shared by all propagations.
struct Layout {
    explicit Layout(const SupplyGraph& g) : position(g.num_nodes()) {
        const auto order = g.topological_order();
        for (std::size_t i = 0; i < order.size(); ++i)
            position[order[i]] = static_cast<std::uint32_t>(i);
        slot.assign(g.num_commodities(), 0);
        for (std::size_t k = 0; k < g.end_products().size(); ++k)
            slot[g.end_products()[k]] = static_cast<std::uint32_t>(k);
        baseline.assign(g.end_products().size(), 0.0);
        makers.assign(g.end_products().size(), 0);
        for (NodeId n : g.end_producers()) {
            baseline[slot[g.commodity(n)]] += g.output(n);
            ++makers[slot[g.commodity(n)]];
        }
    }
    std::vector<std::uint32_t> position, slot;
    std::vector<double> baseline;     // by slot: Σ output of the end producers
    std::vector<std::size_t> makers;  // by slot: number of end producers
};

// One thread's scratch: fractions (1 unless touched) and the cone's work queue.
struct Cone {
    explicit Cone(std::size_t n) : f(n, 1.0), state(n, 0) {}
    std::vector<double> f;
    std::vector<std::uint8_t> state;  // 0 untouched, 1 queued, 2 done
    std::vector<NodeId> touched;
    std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, std::greater<>> queue;
    std::vector<Inflow> scratch;
};

// Same arithmetic, in the same order, as the full model (algorithms/cascade.cpp).
double node_fraction(const SupplyGraph& g, NodeId n, NodeId failed, Cone& c) {
    if (n == failed) return 0.0;
    const auto in = g.in_edges(n);
    if (in.empty()) return 1.0;
    c.scratch.clear();
    for (EdgeId e : in) {
        const NodeId s = g.from(e);
        const double survive = g.flow(e) * c.f[s];
        const CommodityId k = g.commodity(s);
        auto it = std::find_if(c.scratch.begin(), c.scratch.end(),
                               [k](const Inflow& x) { return x.commodity == k; });
        if (it == c.scratch.end())
            c.scratch.push_back({k, g.flow(e), survive});
        else
            it->baseline += g.flow(e), it->surviving += survive;
    }
    double frac = 1.0;
    for (const auto& x : c.scratch) frac = std::min(frac, x.surviving / x.baseline);
    return frac;
}

// Processes the cone in topological position order. Inside a strongly connected component a
// node is queued again whenever a supplier in it moved by more than the model's tolerance, so a
// cycle is iterated only where the failure reaches (chaotic iteration from the all-ones start
// down to the same fixed point as the full model's sweeps, within its tolerance). Outside cycles
// every node is computed once, with the full model's arithmetic, so acyclic results are equal to
// the last bit.
// Returns false when the sweep cap stopped a draining loop before it converged.
bool propagate(const SupplyGraph& g, const Layout& l, NodeId failed, Cone& c,
               std::size_t max_sweeps) {
    const auto order = g.topological_order();
    const double tolerance = CascadeOptions{}.tolerance;
    auto enqueue = [&](NodeId m) {
        if (c.state[m] == 0) c.touched.push_back(m);
        c.state[m] = 1;
        c.queue.push(l.position[m]);
    };
    enqueue(failed);
    // Past the cap, loops are no longer re-swept: what is queued is evaluated once more with the
    // current (too high) fractions, so downstream nodes still see the failure.
    std::size_t evaluations = 0;
    bool capped = false;
    while (!c.queue.empty()) {
        const NodeId n = order[c.queue.top()];
        c.queue.pop();
        if (c.state[n] != 1) continue;
        capped = capped || ++evaluations > max_sweeps * c.touched.size();
        c.state[n] = 2;
        const double before = c.f[n];
        c.f[n] = node_fraction(g, n, failed, c);
        const double change = before - c.f[n];
        if (change <= 0) continue;  // customers see exactly the same inputs
        for (EdgeId e : g.out_edges(n)) {
            const NodeId m = g.to(e);
            const bool same_cycle = g.component(m) == g.component(n);
            if (c.state[m] == 0 || (!capped && same_cycle && c.state[m] == 2 && change > tolerance))
                enqueue(m);
        }
    }
    return !capped;
}

void reset(Cone& c) {
    for (NodeId n : c.touched) c.f[n] = 1.0, c.state[n] = 0;
    c.touched.clear();
}

// Output lost per end product (by slot) and how many of its end producers stopped entirely.
void add_losses(const SupplyGraph& g, const Layout& l, const Cone& c, std::vector<double>& lost,
                std::vector<std::size_t>& stopped) {
    std::fill(lost.begin(), lost.end(), 0.0);
    std::fill(stopped.begin(), stopped.end(), 0);
    for (NodeId n : c.touched) {
        if (g.out_degree(n) > 0) continue;
        lost[l.slot[g.commodity(n)]] += g.output(n) * (1.0 - c.f[n]);
        stopped[l.slot[g.commodity(n)]] += c.f[n] == 0.0;
    }
}

bool before(const Criticality& a, const Criticality& b) {
    if (a.loss != b.loss) return a.loss > b.loss;
    return a.node != b.node ? a.node < b.node : a.product < b.product;
}

void keep_top(std::vector<Criticality>& v, std::size_t top) {
    if (top == 0 || v.size() <= top) return;
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(top) - 1, v.end(), before);
    v.resize(top);
}

}  // namespace

std::vector<ProductLoss> single_failure_losses(const SupplyGraph& g, NodeId node) {
    if (node >= g.num_nodes()) throw std::invalid_argument("single_failure_losses: no such node");
    const Layout l(g);
    Cone c(g.num_nodes());
    propagate(g, l, node, c, std::numeric_limits<std::size_t>::max() / (g.num_nodes() + 1));
    // remaining = baseline − Σ over touched end producers of output × (1 − f), summed as the
    // full model does (all end producers in order) so both agree to the last bit.
    std::vector<double> f(g.num_nodes(), 1.0);
    for (NodeId n : c.touched) f[n] = c.f[n];
    return product_losses(g, f);
}

std::vector<Criticality> rank_criticality(const SupplyGraph& g, const CriticalityOptions& opts) {
    const std::size_t top = opts.top;
    const Layout l(g);
    const auto products = g.end_products();
    std::vector<std::vector<Criticality>> found(static_cast<std::size_t>(omp_get_max_threads()));
    const auto n = static_cast<std::int64_t>(g.num_nodes());
#pragma omp parallel
    {
        Cone c(g.num_nodes());
        std::vector<double> lost(products.size());
        std::vector<std::size_t> stopped(products.size());
        auto& mine = found[static_cast<std::size_t>(omp_get_thread_num())];
#pragma omp for schedule(dynamic, 64)
        for (std::int64_t i = 0; i < n; ++i) {
            const auto failed = static_cast<NodeId>(i);
            const bool exact = propagate(g, l, failed, c, opts.max_sweeps);
            add_losses(g, l, c, lost, stopped);
            for (std::size_t k = 0; k < products.size(); ++k) {
                if (opts.product && products[k] != *opts.product) continue;
                // All makers stopped is a loss of exactly 1, whatever the rounding of the sum.
                const double loss =
                    stopped[k] == l.makers[k] ? 1.0 : std::min(lost[k] / l.baseline[k], 1.0);
                if (loss > 0) mine.push_back({failed, products[k], loss, exact});
            }
            reset(c);
            if (top > 0 && mine.size() > 4 * top + 1024) keep_top(mine, top);
        }
    }
    std::vector<Criticality> all;
    for (auto& v : found) all.insert(all.end(), v.begin(), v.end());
    keep_top(all, top);
    std::sort(all.begin(), all.end(), before);
    return all;
}

}  // namespace chokepoint
