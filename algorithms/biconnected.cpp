#include "algorithms/biconnected.hpp"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/biconnected_components.hpp>
#include <iterator>

namespace chokepoint {

namespace {

using UGraph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, boost::no_property,
                          boost::property<boost::edge_index_t, std::size_t>>;

}  // namespace

Biconnected find_biconnected(const SupplyGraph& g) {
    Biconnected out;
    // One undirected edge per linked pair: a 2-cycle a⇄b is a single edge, as in networkx.
    std::vector<std::pair<NodeId, NodeId>> pairs;  // (min, max)
    std::vector<EdgeId> first;                     // the shipment each pair came from
    pairs.reserve(g.num_edges());
    for (EdgeId e = 0; e < g.num_edges(); ++e) pairs.push_back(std::minmax(g.from(e), g.to(e)));
    std::vector<EdgeId> order(g.num_edges());
    for (EdgeId e = 0; e < g.num_edges(); ++e) order[e] = e;
    std::stable_sort(order.begin(), order.end(),
                     [&](EdgeId a, EdgeId b) { return pairs[a] < pairs[b]; });
    UGraph ug(g.num_nodes());
    std::size_t count = 0;
    for (std::size_t i = 0; i < order.size(); ++i) {
        if (i > 0 && pairs[order[i]] == pairs[order[i - 1]]) continue;
        boost::add_edge(pairs[order[i]].first, pairs[order[i]].second, count++, ug);
        first.push_back(order[i]);
    }
    std::vector<std::size_t> component(count);
    std::vector<UGraph::vertex_descriptor> cut;
    boost::biconnected_components(
        ug, boost::make_iterator_property_map(component.begin(), boost::get(boost::edge_index, ug)),
        std::back_inserter(cut));
    for (auto v : cut) out.articulation_points.push_back(static_cast<NodeId>(v));
    std::sort(out.articulation_points.begin(), out.articulation_points.end());
    // A biconnected component of exactly one edge is a bridge.
    std::vector<std::size_t> edges_in(count, 0);
    for (auto c : component) ++edges_in[c];
    for (std::size_t i = 0; i < count; ++i)
        if (edges_in[component[i]] == 1) out.bridges.emplace_back(g.from(first[i]), g.to(first[i]));
    std::sort(out.bridges.begin(), out.bridges.end());
    return out;
}

}  // namespace chokepoint
