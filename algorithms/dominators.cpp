#include "algorithms/dominators.hpp"

#include <algorithm>
#include <limits>

namespace chokepoint {

namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();

// Lengauer & Tarjan's algorithm, simple version (path compression without balancing,
// O(m log n)), on preorder numbers, with an iterative depth-first search and iterative path
// compression (no recursion, so no stack overflow on long paths) and buckets as linked lists
// (no allocation per vertex). Number 0 is the virtual root.
class LengauerTarjan {
public:
    explicit LengauerTarjan(const SupplyGraph& g)
        : g_(g), dfn_(g.num_nodes(), kNone), vertex_{kNone}, parent_{0} {}

    DominatorTree run() {
        search();
        const std::size_t count = vertex_.size();
        semi_.resize(count);
        for (std::uint32_t i = 0; i < count; ++i) semi_[i] = i;
        label_ = semi_;
        ancestor_.assign(count, kNone);
        idom_.assign(count, 0);
        bucket_head_.assign(count, kNone);
        bucket_next_.assign(count, kNone);
        for (std::uint32_t i = static_cast<std::uint32_t>(count); i-- > 1;) {
            const NodeId w = vertex_[i];
            if (g_.in_degree(w) == 0) semi_[i] = 0;  // fed by the root only
            for (EdgeId e : g_.in_edges(w)) {
                const std::uint32_t v = dfn_[g_.from(e)];
                if (v == kNone) continue;  // not reached from any source
                semi_[i] = std::min(semi_[i], semi_[eval(v)]);
            }
            bucket_next_[i] = bucket_head_[semi_[i]];
            bucket_head_[semi_[i]] = i;
            const std::uint32_t p = parent_[i];
            ancestor_[i] = p;
            for (std::uint32_t v = bucket_head_[p]; v != kNone; v = bucket_next_[v]) {
                const std::uint32_t u = eval(v);
                idom_[v] = semi_[u] < semi_[v] ? u : p;
            }
            bucket_head_[p] = kNone;
        }
        DominatorTree t{std::vector<NodeId>(g_.num_nodes(), kUnreachable)};
        for (std::uint32_t i = 1; i < count; ++i) {
            if (idom_[i] != semi_[i]) idom_[i] = idom_[idom_[i]];
            t.idom[vertex_[i]] = idom_[i] == 0 ? kVirtualRoot : vertex_[idom_[i]];
        }
        return t;
    }

private:
    // Preorder numbers from the root through every source (in id order), out-edges in order.
    void search() {
        struct Frame {
            NodeId node;
            EdgeId next, end;  // out-edges still to follow
        };
        std::vector<Frame> stack;
        auto visit = [&](NodeId v, std::uint32_t parent) {
            dfn_[v] = static_cast<std::uint32_t>(vertex_.size());
            vertex_.push_back(v);
            parent_.push_back(parent);
            const auto out = g_.out_edges(v);
            const EdgeId first = out.empty() ? 0 : out.front();
            stack.push_back({v, first, first + static_cast<EdgeId>(out.size())});
        };
        for (NodeId s : g_.source_nodes()) {
            if (dfn_[s] != kNone) continue;
            visit(s, 0);
            while (!stack.empty()) {
                Frame& f = stack.back();
                if (f.next == f.end) {
                    stack.pop_back();
                    continue;
                }
                const NodeId w = g_.to(f.next++);
                if (dfn_[w] == kNone) visit(w, dfn_[f.node]);
            }
        }
    }

    // The vertex with the smallest semi on the path from v up to (not including) the root of its
    // tree in the forest built so far; compresses that path.
    std::uint32_t eval(std::uint32_t v) {
        if (ancestor_[v] == kNone) return v;
        compress(v);
        return label_[v];
    }

    void compress(std::uint32_t v) {
        path_.clear();
        for (std::uint32_t x = v; ancestor_[ancestor_[x]] != kNone; x = ancestor_[x])
            path_.push_back(x);
        // Nearest the tree root first, as the recursive version unwinds.
        for (auto it = path_.rbegin(); it != path_.rend(); ++it) {
            const std::uint32_t x = *it, a = ancestor_[x];
            if (semi_[label_[a]] < semi_[label_[x]]) label_[x] = label_[a];
            ancestor_[x] = ancestor_[a];
        }
    }

    const SupplyGraph& g_;
    std::vector<std::uint32_t> dfn_;     // by node: preorder number, kNone if unreached
    std::vector<NodeId> vertex_;         // by number: the node (number 0: the root)
    std::vector<std::uint32_t> parent_;  // by number: parent's number in the search tree
    std::vector<std::uint32_t> semi_, label_, ancestor_, idom_, bucket_head_, bucket_next_;
    std::vector<std::uint32_t> path_;
};

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

DominatorTree find_dominators(const SupplyGraph& g) { return LengauerTarjan(g).run(); }

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
