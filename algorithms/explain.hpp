#pragma once
// Why a node lost output in the immediate model: the input commodities that ran short and the
// removed nodes and cut edges upstream that the shortage traces back to.

#include <cstddef>
#include <span>
#include <vector>

#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

struct ExplainOptions {
    std::size_t max_causes = 8;  // removed nodes + cut edges kept per hit node (lowest ids first)
    double tolerance = 1e-12;    // fractions within this of each other count as equal
};

struct HitNode {
    NodeId node;
    double fraction = 0;                // output fraction in the immediate model, < 1
    bool limited = false;               // its own limit binds: removed, or shrunk by equity
    std::vector<CommodityId> short_of;  // input commodities whose surviving share = fraction
    std::vector<NodeId> removed;        // limited nodes upstream (itself included) it traces to
    std::vector<EdgeId> cut;            // cut edges on those paths
    bool more = false;                  // the cause lists were truncated at max_causes
};

/// Every node with fraction < 1 − tolerance, by fraction (to 1e-9) ascending, then NodeId. short_of
/// holds the input commodities c with surviving inflow share ≤ fraction + tolerance (each alone
/// explains the loss), ascending CommodityId. The causes are found by walking upstream through
/// short commodities only: along a cut edge (a cause), or to a supplier with fraction < 1 whose
/// own causes are inherited; a node whose limit binds is its own, only cause. The lists keep the
/// max_causes smallest ids (nodes before edges) of that union; cycles iterate to a fixed point.
/// `fraction` is immediate_fractions(g, d). Time O((V + E) · max_causes · log max_causes).
std::vector<HitNode> explain_hits(const SupplyGraph& g, const Disruption& d,
                                  std::span<const double> fraction,
                                  const ExplainOptions& opts = {});

}  // namespace chokepoint
