#include "algorithms/dominators.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dominator_tree.hpp>
#include <limits>

namespace chokepoint {

namespace {

using BoostGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;
using Vertex = boost::graph_traits<BoostGraph>::vertex_descriptor;

// Depth below the virtual root (root children have depth 1), memoised; unreachable nodes: 0.
std::size_t depth(const DominatorTree& t, NodeId v, std::vector<std::size_t>& memo) {
    std::size_t d = 0;
    NodeId w = v;
    while (w < kUnreachable && memo[w] == 0) ++d, w = t.idom[w];
    const std::size_t base = w < kUnreachable ? memo[w] : 0;
    for (w = v; w < kUnreachable && memo[w] == 0; w = t.idom[w]) memo[w] = base + d--;
    return memo[v];
}

}  // namespace

DominatorTree find_dominators(const SupplyGraph& g) {
    const std::size_t n = g.num_nodes();
    DominatorTree t{std::vector<NodeId>(n, kUnreachable)};
    if (n == 0) return t;
    BoostGraph bg(n + 1);
    for (EdgeId e = 0; e < g.num_edges(); ++e) boost::add_edge(g.from(e), g.to(e), bg);
    for (NodeId s : g.source_nodes()) boost::add_edge(n, s, bg);
    const Vertex none = boost::graph_traits<BoostGraph>::null_vertex();
    const auto index = boost::get(boost::vertex_index, bg);
    std::vector<Vertex> dom(n + 1, none), parent(n + 1, none), by_dfnum(n + 1, none);
    // Boost 1.74's short overload numbers unreached vertices 0, like the entry, and then takes
    // them for ancestors; numbering them "infinite" makes its own unreachable-predecessor check
    // skip them.
    std::vector<std::size_t> dfnum(n + 1, std::numeric_limits<std::size_t>::max());
    boost::lengauer_tarjan_dominator_tree(
        bg, boost::vertex(n, bg), index, boost::make_iterator_property_map(dfnum.begin(), index),
        boost::make_iterator_property_map(parent.begin(), index), by_dfnum,
        boost::make_iterator_property_map(dom.begin(), index));
    for (NodeId v = 0; v < n; ++v) {
        if (dom[v] == none) continue;
        t.idom[v] = dom[v] == n ? kVirtualRoot : static_cast<NodeId>(dom[v]);
    }
    return t;
}

std::vector<NodeId> product_dominators(const SupplyGraph& g, const DominatorTree& tree,
                                       CommodityId product) {
    if (tree.idom.size() != g.num_nodes())
        throw std::invalid_argument("product_dominators: tree does not match the graph");
    std::vector<std::size_t> memo(g.num_nodes(), 0);
    NodeId lca = kUnreachable;
    bool any = false;
    for (NodeId e : g.end_producers()) {
        if (g.commodity(e) != product || tree.idom[e] == kUnreachable) continue;
        if (!any) {
            lca = e, any = true;
            continue;
        }
        NodeId a = lca, b = e;
        while (a != b && a != kVirtualRoot && b != kVirtualRoot) {
            const auto da = depth(tree, a, memo), db = depth(tree, b, memo);
            if (da >= db) a = tree.idom[a];
            if (db >= da) b = tree.idom[b];
        }
        lca = a == b ? a : kVirtualRoot;
    }
    std::vector<NodeId> chain;
    if (!any) return chain;
    for (NodeId w = lca; w != kVirtualRoot; w = tree.idom[w])
        if (g.out_degree(w) > 0) chain.push_back(w);
    std::reverse(chain.begin(), chain.end());
    return chain;
}

}  // namespace chokepoint
