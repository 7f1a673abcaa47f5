#include "algorithms/explain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace chokepoint {

namespace {

// A cause as one sortable key: removed nodes (kind 0) before cut edges (kind 1), then by id.
using Key = std::uint64_t;
constexpr Key kEdgeBit = Key{1} << 32;

struct Causes {
    std::vector<Key> keys;  // sorted, at most max_causes
    bool more = false;
};

struct Share {
    CommodityId commodity;
    double baseline, surviving;
};

// The input commodities of n whose surviving share is within tolerance of n's fraction.
std::vector<CommodityId> short_inputs(const SupplyGraph& g, const Disruption& d,
                                      std::span<const double> f, NodeId n, double tolerance) {
    std::vector<Share> shares;
    for (EdgeId e : g.in_edges(n)) {
        const NodeId s = g.from(e);
        const double survive = (!d.cut.empty() && d.cut[e]) ? 0.0 : g.flow(e) * f[s];
        auto it = std::find_if(shares.begin(), shares.end(),
                               [&](const Share& x) { return x.commodity == g.commodity(s); });
        if (it == shares.end())
            shares.push_back({g.commodity(s), g.flow(e), survive});
        else
            it->baseline += g.flow(e), it->surviving += survive;
    }
    std::vector<CommodityId> out;
    for (const auto& x : shares)
        if (x.surviving / x.baseline <= f[n] + tolerance) out.push_back(x.commodity);
    std::sort(out.begin(), out.end());
    return out;
}

// n's causes from its suppliers' current causes; returns whether they changed.
bool update_causes(const SupplyGraph& g, const Disruption& d, std::span<const double> f, NodeId n,
                   const HitNode& hit, const ExplainOptions& opts, std::vector<Causes>& causes) {
    Causes next;
    if (hit.limited) next.keys.push_back(n);
    // A node whose own limit binds is explanation enough: its inputs would not restore it.
    for (EdgeId e : hit.limited ? std::span<const EdgeId>{} : g.in_edges(n)) {
        const NodeId s = g.from(e);
        if (!std::binary_search(hit.short_of.begin(), hit.short_of.end(), g.commodity(s))) continue;
        if (!d.cut.empty() && d.cut[e]) {
            next.keys.push_back(kEdgeBit | e);
        } else if (f[s] < 1.0 - opts.tolerance) {
            next.keys.insert(next.keys.end(), causes[s].keys.begin(), causes[s].keys.end());
            next.more = next.more || causes[s].more;
        }
    }
    std::sort(next.keys.begin(), next.keys.end());
    next.keys.erase(std::unique(next.keys.begin(), next.keys.end()), next.keys.end());
    if (next.keys.size() > opts.max_causes) {
        next.keys.resize(opts.max_causes);
        next.more = true;
    }
    const bool changed = next.keys != causes[n].keys || next.more != causes[n].more;
    causes[n] = std::move(next);
    return changed;
}

}  // namespace

std::vector<HitNode> explain_hits(const SupplyGraph& g, const Disruption& d,
                                  std::span<const double> fraction, const ExplainOptions& opts) {
    if (fraction.size() != g.num_nodes() || (!d.limit.empty() && d.limit.size() != g.num_nodes()) ||
        (!d.cut.empty() && d.cut.size() != g.num_edges())) {
        throw std::invalid_argument("explain_hits: fractions or disruption do not match the graph");
    }
    const double tol = opts.tolerance;
    std::vector<std::int64_t> slot(g.num_nodes(), -1);
    std::vector<HitNode> hits;
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        if (fraction[n] >= 1.0 - tol) continue;
        const double limit = d.limit.empty() ? 1.0 : d.limit[n];
        slot[n] = static_cast<std::int64_t>(hits.size());
        hits.push_back(
            {n, fraction[n], limit <= fraction[n] + tol, short_inputs(g, d, fraction, n, tol)});
    }
    std::vector<Causes> causes(g.num_nodes());
    const auto order = g.topological_order();
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i + 1;
        while (j < order.size() && g.component(order[j]) == g.component(order[i])) ++j;
        // Inside a cycle the lists only grow toward their fixed point: j − i + 1 rounds suffice.
        for (std::size_t round = 0; round <= j - i; ++round) {
            bool changed = false;
            for (std::size_t k = i; k < j; ++k) {
                const NodeId n = order[k];
                if (slot[n] >= 0)
                    changed =
                        update_causes(g, d, fraction, n, hits[slot[n]], opts, causes) || changed;
            }
            if (!changed || j - i == 1) break;
        }
        i = j;
    }
    for (auto& h : hits) {
        for (Key k : causes[h.node].keys) {
            if (k & kEdgeBit)
                h.cut.push_back(static_cast<EdgeId>(k & ~kEdgeBit));
            else
                h.removed.push_back(static_cast<NodeId>(k));
        }
        h.more = causes[h.node].more;
    }
    // Rounded so that rounding noise does not reorder nodes that lost the same share.
    auto key = [](const HitNode& h) { return std::round(h.fraction * 1e9); };
    std::sort(hits.begin(), hits.end(), [&](const HitNode& a, const HitNode& b) {
        return key(a) != key(b) ? key(a) < key(b) : a.node < b.node;
    });
    return hits;
}

}  // namespace chokepoint
