#include "graph/supply_graph.hpp"

#include <algorithm>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/iterator/counting_iterator.hpp>
#include <boost/iterator/transform_iterator.hpp>
#include <cctype>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace chokepoint {

namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::invalid_argument("SupplyGraphBuilder: " + what);
}

// fail() with the message made of `prefix` and `parts` appended in turn.
template <class... Parts>
[[noreturn]] void fail_at(std::string prefix, const Parts&... parts) {
    (prefix.append(parts), ...);
    fail(prefix);
}

// Counting sort into CSR form: offsets (size buckets+1) and the items 0..n-1 grouped by key,
// in increasing order within a bucket.
template <class Key>
std::vector<std::uint32_t> bucket(std::size_t buckets, std::size_t n, Key key,
                                  std::vector<std::uint32_t>& items) {
    std::vector<std::uint32_t> offset(buckets + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++offset[key(i) + 1];
    std::partial_sum(offset.begin(), offset.end(), offset.begin());
    items.assign(n, 0);
    std::vector<std::uint32_t> next(offset.begin(), offset.end() - 1);
    for (std::size_t i = 0; i < n; ++i) items[next[key(i)]++] = static_cast<std::uint32_t>(i);
    return offset;
}

// Edge order by (from, to): a counting sort by `from`, then each supplier's few edges sorted by
// `to`. O(m) extra memory beyond the result.
std::vector<std::uint32_t> edge_order(std::size_t n, const std::vector<NodeId>& from,
                                      const std::vector<NodeId>& to) {
    std::vector<std::uint32_t> order;
    const auto offset = bucket(
        n, from.size(), [&](std::size_t e) { return from[e]; }, order);
    for (std::size_t v = 0; v < n; ++v) {
        std::sort(order.begin() + offset[v], order.begin() + offset[v + 1],
                  [&](std::uint32_t a, std::uint32_t b) { return to[a] < to[b]; });
    }
    return order;
}

}  // namespace

std::optional<NodeId> SupplyGraph::find(std::string_view id) const { return index_.find(ids_, id); }

std::optional<StageId> SupplyGraph::find_stage(std::string_view id) const {
    for (std::size_t s = 0; s < stages_.size(); ++s) {
        if (stages_[s].id == id) return static_cast<StageId>(s);
    }
    return std::nullopt;
}

std::optional<CommodityId> SupplyGraph::find_commodity(std::string_view name) const {
    return commodities_.find(name);
}

std::string_view SupplyGraph::commodity_unit(CommodityId c) const {
    auto p = producers(c);
    return p.empty() ? std::string_view() : unit(p.front());
}

std::optional<SourceId> SupplyGraph::find_source(std::string_view id) const {
    for (std::size_t s = 0; s < sources_.size(); ++s) {
        if (sources_[s].id == id) return static_cast<SourceId>(s);
    }
    return std::nullopt;
}

const CountryGroup* SupplyGraph::find_group(std::string_view id) const {
    auto lower = [](std::string_view s) {
        std::string out(s);
        for (char& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return out;
    };
    const std::string want = lower(id);
    for (const auto& g : groups_) {
        if (lower(g.id) == want) return &g;
    }
    return nullptr;
}

SupplyGraphBuilder::SupplyGraphBuilder() { g_.groups_ = builtin_groups(); }

StageId SupplyGraphBuilder::add_stage(std::string_view id, std::string_view name) {
    if (id.empty()) fail("empty stage id");
    if (g_.find_stage(id)) fail("duplicate stage \"" + std::string(id) + "\"");
    if (g_.stages_.size() >= 0xFFFF) fail("too many stages");
    g_.stages_.push_back({std::string(id), std::string(name.empty() ? id : name)});
    return static_cast<StageId>(g_.stages_.size() - 1);
}

SourceId SupplyGraphBuilder::add_source(SourceInfo source) {
    if (g_.find_source(source.id)) fail("duplicate source \"" + source.id + "\"");
    g_.sources_.push_back(std::move(source));
    return static_cast<SourceId>(g_.sources_.size() - 1);
}

void SupplyGraphBuilder::add_group(CountryGroup group) {
    std::sort(group.members.begin(), group.members.end());
    group.members.erase(std::unique(group.members.begin(), group.members.end()),
                        group.members.end());
    if (group.name.empty()) group.name = group.id;
    for (auto& existing : g_.groups_) {
        if (existing.id == group.id) {
            existing = std::move(group);
            return;
        }
    }
    g_.groups_.push_back(std::move(group));
}

void SupplyGraphBuilder::reserve(std::size_t nodes, std::size_t edges) {
    g_.ids_.reserve(nodes, nodes * 8);
    g_.index_.reserve(g_.ids_, nodes);
    for (auto* v : {&g_.output_, &g_.capacity_, &g_.inventory_days_}) v->reserve(nodes);
    g_.from_.reserve(edges);
    g_.to_.reserve(edges);
    g_.flow_.reserve(edges);
}

NodeId SupplyGraphBuilder::add_node(const NodeSpec& spec) {
    auto& g = g_;
    // The message prefix, built only on failure.
    auto what = [&] {
        std::string out = "node \"";
        out.append(spec.id).append("\": ");
        return out;
    };
    if (spec.id.empty()) fail("empty node id");
    if (g.num_nodes() >= 0xFFFFFFF0u) fail("too many nodes");
    auto stage = g.find_stage(spec.stage);
    if (!stage) fail_at(what(), "unknown stage \"", spec.stage, "\"");
    auto country = parse_country(spec.country);
    if (!country) fail_at(what(), "bad country \"", spec.country, "\"");
    if (!(spec.output > 0) || !std::isfinite(spec.output)) fail_at(what(), "output must be > 0");
    const double capacity = std::isnan(spec.capacity) ? spec.output : spec.capacity;
    if (!(capacity >= spec.output) || !std::isfinite(capacity))
        fail_at(what(), "capacity < output");
    double total = 0;
    for (const auto& o : spec.owners) {
        if (!parse_country(o.country)) fail_at(what(), "bad owner country \"", o.country, "\"");
        if (!(o.share > 0 && o.share <= 1)) fail_at(what(), "owner share outside (0, 1]");
        total += o.share;
    }
    if (!spec.owners.empty() && std::abs(total - 1.0) > 0.001) {
        fail_at(what(), "owner shares sum to ", std::to_string(total));
    }
    scratch_sources_.clear();
    for (auto s : spec.sources) {
        auto id = g.find_source(s);
        if (!id) fail_at(what(), "unknown source \"", s, "\"");
        scratch_sources_.push_back(*id);
    }

    // One hash probe checks for a duplicate and records the id.
    const auto n = static_cast<NodeId>(g.ids_.push_back(spec.id));
    if (g.index_.insert(g.ids_, n)) {
        g.ids_.pop_back();
        fail("duplicate node id \"" + std::string(spec.id) + "\"");
    }
    g.names_.push_back(spec.name.empty() ? spec.id : spec.name);
    g.node_notes_.push_back(spec.note);
    g.stage_.push_back(*stage);
    g.commodity_.push_back(g.commodities_.intern(spec.commodity));
    g.country_.push_back(*country);
    g.output_.push_back(spec.output);
    g.capacity_.push_back(capacity);
    g.inventory_days_.push_back(spec.inventory_days);
    g.unit_.push_back(g.units_.intern(spec.unit));
    for (const auto& o : spec.owners) {
        g.owners_.push_back({g.owner_names_.intern(o.name), *parse_country(o.country), o.share});
    }
    g.owner_offset_.push_back(static_cast<std::uint32_t>(g.owners_.size()));
    g.node_sources_.insert(g.node_sources_.end(), scratch_sources_.begin(), scratch_sources_.end());
    g.node_source_offset_.push_back(static_cast<std::uint32_t>(g.node_sources_.size()));
    return n;
}

EdgeId SupplyGraphBuilder::add_edge(NodeId from, NodeId to, double flow,
                                    std::span<const std::string_view> sources,
                                    std::string_view note) {
    auto& g = g_;
    if (from >= g.num_nodes() || to >= g.num_nodes()) fail("edge names a node that does not exist");
    if (!(flow > 0) || !std::isfinite(flow)) fail("edge flow must be > 0");
    scratch_sources_.clear();
    for (auto s : sources) {
        auto id = g.find_source(s);
        if (!id) fail("edge: unknown source \"" + std::string(s) + "\"");
        scratch_sources_.push_back(*id);
    }
    g.from_.push_back(from);
    g.to_.push_back(to);
    g.flow_.push_back(flow);
    g.edge_notes_.push_back(note);
    g.edge_sources_.insert(g.edge_sources_.end(), scratch_sources_.begin(), scratch_sources_.end());
    g.edge_source_offset_.push_back(static_cast<std::uint32_t>(g.edge_sources_.size()));
    return static_cast<EdgeId>(g.from_.size() - 1);
}

EdgeId SupplyGraphBuilder::add_edge(std::string_view from, std::string_view to, double flow) {
    auto f = find_node(from), t = find_node(to);
    if (!f) fail("unknown node \"" + std::string(from) + "\"");
    if (!t) fail("unknown node \"" + std::string(to) + "\"");
    return add_edge(*f, *t, flow);
}

SupplyGraph SupplyGraphBuilder::freeze() {
    SupplyGraph g = std::move(g_);
    g_ = SupplyGraph();
    g_.groups_ = builtin_groups();

    const std::size_t m = g.num_edges();
    // Sort edges by (from, to); carry flow, notes and sources along.
    const std::vector<std::uint32_t> order = edge_order(g.num_nodes(), g.from_, g.to_);
    for (std::size_t i = 0; i < m; ++i) {
        const auto e = order[i];
        if (g.from_[e] == g.to_[e])
            fail("self-loop on node \"" + std::string(g.id(g.from_[e])) + "\"");
        if (i > 0 && g.from_[e] == g.from_[order[i - 1]] && g.to_[e] == g.to_[order[i - 1]]) {
            fail("repeated edge \"" + std::string(g.id(g.from_[e])) + "\" -> \"" +
                 std::string(g.id(g.to_[e])) + "\"");
        }
    }
    bool sorted = true;  // files chokepoint writes list edges by supplier already
    for (std::size_t i = 0; i < m && sorted; ++i) sorted = order[i] == i;
    if (sorted) {
        g.build_indexes();
        return g;
    }
    auto permute = [&](auto& v) {
        std::remove_reference_t<decltype(v)> out;
        out.reserve(v.size());
        for (auto e : order) out.push_back(v[e]);
        v.swap(out);
    };
    permute(g.from_);
    permute(g.to_);
    permute(g.flow_);
    StringTable notes;
    std::vector<std::uint32_t> src_off{0};
    std::vector<SourceId> srcs;
    for (auto e : order) {
        notes.push_back(g.edge_notes_[e]);
        auto s = SupplyGraph::span_of(g.edge_sources_, g.edge_source_offset_, e);
        srcs.insert(srcs.end(), s.begin(), s.end());
        src_off.push_back(static_cast<std::uint32_t>(srcs.size()));
    }
    g.edge_notes_ = std::move(notes);
    g.edge_source_offset_ = std::move(src_off);
    g.edge_sources_ = std::move(srcs);
    g.build_indexes();
    return g;
}

void SupplyGraph::build_indexes() {
    const std::size_t n = num_nodes(), m = num_edges();
    out_offset_.assign(n + 1, 0);  // edges are sorted by `from`: count them
    for (auto f : from_) ++out_offset_[f + 1];
    std::partial_sum(out_offset_.begin(), out_offset_.end(), out_offset_.begin());
    in_offset_ = bucket(
        n, m, [&](std::size_t e) { return to_[e]; }, in_edges_);
    producer_offset_ = bucket(
        commodities_.size(), n, [&](std::size_t v) { return commodity_[v]; }, producers_);
    country_offset_ = bucket(
        kNumCountries, n, [&](std::size_t v) { return country_[v]; }, country_nodes_);

    for (std::size_t c = 0; c < kNumCountries; ++c) {
        if (country_offset_[c + 1] > country_offset_[c])
            countries_.push_back(static_cast<Country>(c));
    }
    std::vector<bool> is_end_product(commodities_.size(), false);
    for (NodeId v = 0; v < n; ++v) {
        if (in_degree(v) == 0) source_nodes_.push_back(v);
        if (out_degree(v) == 0) {
            end_producers_.push_back(v);
            is_end_product[commodity_[v]] = true;
        }
    }
    for (CommodityId c = 0; c < commodities_.size(); ++c) {
        if (is_end_product[c]) end_products_.push_back(c);
    }

    // Ownership views.
    control_.resize(n);
    for (NodeId v = 0; v < n; ++v) {
        auto own = owners(v);
        const Owner* top = nullptr;
        for (const auto& o : own) {
            if (!top || o.share > top->share) top = &o;
        }
        control_[v] = (top && top->share >= 0.5) ? top->country : country_[v];
        const auto start = equity_.size();
        if (own.empty()) equity_.push_back({country_[v], 1.0});
        for (const auto& o : own) {
            auto it =
                std::find_if(equity_.begin() + static_cast<std::ptrdiff_t>(start), equity_.end(),
                             [&](const CountryShare& cs) { return cs.country == o.country; });
            if (it == equity_.end())
                equity_.push_back({o.country, o.share});
            else
                it->share += o.share;
        }
        std::sort(
            equity_.begin() + static_cast<std::ptrdiff_t>(start), equity_.end(),
            [](const CountryShare& a, const CountryShare& b) { return a.country < b.country; });
        equity_offset_.push_back(static_cast<std::uint32_t>(equity_.size()));
    }

    // Acyclic graphs (the usual case) need no component search: try every node as its own
    // component first.
    component_.resize(n);
    std::iota(component_.begin(), component_.end(), 0u);
    num_components_ = n;
    std::vector<std::uint32_t> level;
    if (!component_levels(level)) {
        // Strongly connected components (BGL), on a copy of the edges in its CSR form with
        // 32-bit indices, built straight from the sorted edge arrays.
        using Csr = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                                       boost::no_property, boost::no_property,
                                                       NodeId, EdgeId>;
        auto edge_pair = [this](EdgeId e) { return std::pair<NodeId, NodeId>(from_[e], to_[e]); };
        const auto first =
            boost::make_transform_iterator(boost::counting_iterator<EdgeId>(0), edge_pair);
        const auto last = boost::make_transform_iterator(
            boost::counting_iterator<EdgeId>(static_cast<EdgeId>(m)), edge_pair);
        Csr csr(boost::edges_are_sorted, first, last, static_cast<NodeId>(n));
        num_components_ = static_cast<std::size_t>(boost::strong_components(
            csr,
            boost::make_iterator_property_map(component_.begin(), get(boost::vertex_index, csr))));
        component_levels(level);
    }
    order_components(level);
}

// Longest-path depth of every component from the source components in the condensation
// (Kahn's algorithm); false if some component is never reached, i.e. the components given
// are not those of a condensation (a cycle runs through several of them).
bool SupplyGraph::component_levels(std::vector<std::uint32_t>& level) const {
    const std::size_t n = num_nodes(), k = num_components_;
    std::vector<std::uint32_t> indeg(k, 0);
    for (EdgeId e = 0; e < num_edges(); ++e) {
        if (component_[from_[e]] != component_[to_[e]]) ++indeg[component_[to_[e]]];
    }
    // The members of each component; none needed when every node is its own component.
    std::vector<std::uint32_t> members, offset;
    bool singletons = k == n;  // and numbered by node: the acyclic attempt
    for (NodeId v = 0; v < n && singletons; ++v) singletons = component_[v] == v;
    if (!singletons)
        offset = bucket(
            k, n, [&](std::size_t v) { return component_[v]; }, members);
    std::vector<std::uint32_t> queue;
    queue.reserve(k);
    for (std::uint32_t c = 0; c < k; ++c) {
        if (indeg[c] == 0) queue.push_back(c);
    }
    level.assign(k, 0);
    for (std::size_t i = 0; i < queue.size(); ++i) {
        const auto c = queue[i];
        const std::uint32_t first = singletons ? c : offset[c],
                            last = singletons ? c + 1 : offset[c + 1];
        for (auto j = first; j < last; ++j) {
            for (auto e : out_edges(singletons ? j : members[j])) {
                const auto d = component_[to_[e]];
                if (d == c) continue;
                level[d] = std::max(level[d], level[c] + 1);
                if (--indeg[d] == 0) queue.push_back(d);
            }
        }
    }
    return queue.size() == k;
}

// Renumbers components in topological order of the condensation: by longest-path depth
// (`level`), ties by the smallest node id in the component; lays out topo_ accordingly
// (members of a component by id). Deterministic whatever numbering BGL produced.
void SupplyGraph::order_components(const std::vector<std::uint32_t>& level) {
    const std::size_t n = num_nodes(), k = num_components_;
    // Counting sort by level; visiting nodes by id places each component at its first node.
    const std::uint32_t depth = k == 0 ? 0 : *std::max_element(level.begin(), level.end()) + 1;
    std::vector<std::uint32_t> next(depth + 1, 0);
    for (std::uint32_t c = 0; c < k; ++c) ++next[level[c] + 1];
    std::partial_sum(next.begin(), next.end(), next.begin());
    constexpr auto kUnranked = std::numeric_limits<std::uint32_t>::max();
    std::vector<std::uint32_t> rank(k, kUnranked);
    for (NodeId v = 0; v < n; ++v) {
        const auto c = component_[v];
        if (rank[c] == kUnranked) rank[c] = next[level[c]]++;
    }
    for (auto& c : component_) c = rank[c];
    bucket(
        k, n, [&](std::size_t v) { return component_[v]; }, topo_);
}

}  // namespace chokepoint
