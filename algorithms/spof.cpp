// AND/OR single points of failure by fatal-set propagation.
#include "algorithms/spof.hpp"

#include <algorithm>
#include <iterator>
#include <optional>

namespace chokepoint {

namespace {

using Set = std::vector<NodeId>;  // sorted, unique

Set intersect(const Set& a, const Set& b) {
    Set out;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
    return out;
}

// F(n) from the current sets of its suppliers: {n} ∪ ⋃_c ⋂_{s supplies c} F(s).
Set fatal_set(const SupplyGraph& g, NodeId n, const std::vector<Set>& fatal,
              std::vector<std::pair<CommodityId, NodeId>>& inputs) {
    inputs.clear();
    for (EdgeId e : g.in_edges(n)) inputs.emplace_back(g.commodity(g.from(e)), g.from(e));
    std::sort(inputs.begin(), inputs.end());
    Set out{n};
    for (std::size_t i = 0, j = 0; i < inputs.size(); i = j) {
        Set common = fatal[inputs[i].second];
        for (j = i + 1; j < inputs.size() && inputs[j].first == inputs[i].first; ++j)
            common = intersect(common, fatal[inputs[j].second]);
        Set merged;
        std::set_union(out.begin(), out.end(), common.begin(), common.end(),
                       std::back_inserter(merged));
        out.swap(merged);
    }
    return out;
}

// Least fixed point on one strongly connected component: sets only grow from {n}.
void solve_component(const SupplyGraph& g, std::span<const NodeId> members, std::vector<Set>& fatal,
                     std::vector<std::pair<CommodityId, NodeId>>& inputs) {
    for (NodeId n : members) fatal[n] = {n};
    for (bool changed = true; changed;) {
        changed = false;
        for (NodeId n : members) {
            Set next = fatal_set(g, n, fatal, inputs);
            if (next.size() != fatal[n].size()) changed = true, fatal[n].swap(next);
        }
    }
}

}  // namespace

std::vector<ProductSpof> find_spofs(const SupplyGraph& g) {
    std::vector<Set> fatal(g.num_nodes());
    std::vector<std::size_t> pending(g.num_nodes());
    for (NodeId n = 0; n < g.num_nodes(); ++n) pending[n] = g.out_degree(n);
    std::vector<std::optional<Set>> product(g.num_commodities());
    std::vector<std::pair<CommodityId, NodeId>> inputs;
    const auto order = g.topological_order();
    for (std::size_t i = 0, j = 0; i < order.size(); i = j) {
        for (j = i + 1; j < order.size() && g.component(order[j]) == g.component(order[i]);) ++j;
        const auto members = order.subspan(i, j - i);
        if (members.size() == 1)
            fatal[members[0]] = fatal_set(g, members[0], fatal, inputs);
        else
            solve_component(g, members, fatal, inputs);
        for (NodeId n : members) {
            if (g.out_degree(n) == 0) {
                auto& acc = product[g.commodity(n)];
                acc = acc ? intersect(*acc, fatal[n]) : fatal[n];
                Set().swap(fatal[n]);
            }
            // Every customer of a supplier has read its set once the supplier's count hits 0.
            for (EdgeId e : g.in_edges(n))
                if (--pending[g.from(e)] == 0) Set().swap(fatal[g.from(e)]);
        }
    }
    std::vector<ProductSpof> out;
    for (CommodityId p : g.end_products()) out.push_back({p, product[p].value_or(Set{})});
    return out;
}

}  // namespace chokepoint
