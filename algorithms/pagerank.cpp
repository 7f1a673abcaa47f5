// PageRank by power iteration, networkx semantics (uniform teleport and dangling redistribution).
#include <cmath>
#include <stdexcept>

#include "algorithms/centrality.hpp"

namespace chokepoint {

std::vector<double> pagerank(const SupplyGraph& g, double damping, double tolerance) {
    if (!(damping >= 0 && damping < 1) || !(tolerance > 0))
        throw std::invalid_argument("pagerank: need 0 <= damping < 1 and tolerance > 0");
    const std::size_t n = g.num_nodes();
    if (n == 0) return {};
    const double share = 1.0 / static_cast<double>(n);
    std::vector<double> x(n, share), next(n);
    // Power iteration contracts the L1 error by `damping` per round; the cap only guards NaNs.
    for (int round = 0; round < 10000; ++round) {
        double dangling = 0;
        for (NodeId v = 0; v < n; ++v)
            if (g.out_degree(v) == 0) dangling += x[v];
        const double base = (1.0 - damping) * share + damping * dangling * share;
        double change = 0;
        for (NodeId v = 0; v < n; ++v) {
            double in = 0;
            for (EdgeId e : g.in_edges(v)) {
                const NodeId u = g.from(e);
                in += x[u] / static_cast<double>(g.out_degree(u));
            }
            next[v] = base + damping * in;
            change += std::abs(next[v] - x[v]);
        }
        x.swap(next);
        if (change < tolerance) break;
    }
    return x;
}

}  // namespace chokepoint
