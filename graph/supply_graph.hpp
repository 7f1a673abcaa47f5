#pragma once
// SupplyGraph: the frozen, compact, read-only supply chain every analysis runs on, and
// SupplyGraphBuilder, the editable form that makes one. Meaning of every field: docs/format.md.

#include <cmath>
#include <cstdint>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "graph/countries.hpp"
#include "graph/string_table.hpp"

namespace chokepoint {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
using StageId = std::uint16_t;
using CommodityId = std::uint32_t;
using NameId = std::uint32_t;    // an interned owner name
using SourceId = std::uint32_t;  // index into SupplyGraph::sources()

struct Owner {
    NameId name;
    Country country;
    double share;  // in (0, 1]
};

struct CountryShare {
    Country country;
    double share;
};

struct SourceInfo {
    std::string id;
    std::string citation;
    std::string url, title, publisher, locator, license;
    std::optional<int> year;
};

struct StageInfo {
    std::string id;
    std::string name;
};

struct DatasetInfo {
    std::string name;
    std::string description, license, notes;
    std::optional<int> year;
};

/// Builder input for one owner; strings are copied.
struct OwnerSpec {
    std::string_view name;
    std::string_view country;  // ISO alpha-2
    double share = 1.0;
};

/// Builder input for one node; strings are copied. `capacity` NaN means "same as output",
/// `inventory_days` NaN means "not given".
struct NodeSpec {
    std::string_view id;
    std::string_view name;  // empty: the id
    std::string_view stage;
    std::string_view commodity;
    std::string_view country;
    std::vector<OwnerSpec> owners;
    double output = 0;
    double capacity = NAN;
    std::string_view unit;
    double inventory_days = NAN;
    std::vector<std::string_view> sources;
    std::string_view note;
};

class SupplyGraphBuilder;

class SupplyGraph {
public:
    SupplyGraph() = default;  // the empty graph

    const DatasetInfo& info() const { return info_; }
    std::size_t num_nodes() const { return stage_.size(); }
    std::size_t num_edges() const { return from_.size(); }

    // Nodes.
    std::string_view id(NodeId n) const { return ids_[n]; }
    std::string_view name(NodeId n) const { return names_[n]; }
    std::string_view note(NodeId n) const { return node_notes_[n]; }
    StageId stage(NodeId n) const { return stage_[n]; }
    CommodityId commodity(NodeId n) const { return commodity_[n]; }
    Country country(NodeId n) const { return country_[n]; }
    double output(NodeId n) const { return output_[n]; }
    double capacity(NodeId n) const { return capacity_[n]; }
    /// NaN when the dataset does not give it.
    double inventory_days(NodeId n) const { return inventory_days_[n]; }
    std::string_view unit(NodeId n) const { return units_[unit_[n]]; }
    /// As listed in the dataset; empty when the node has no owners field.
    std::span<const Owner> owners(NodeId n) const { return span_of(owners_, owner_offset_, n); }
    /// Equity view: output split among owner countries (summed per country, sorted by country);
    /// a node without owners is {location, 1}.
    std::span<const CountryShare> equity(NodeId n) const {
        return span_of(equity_, equity_offset_, n);
    }
    /// Control view: the largest owner's country when it holds >= 0.5 (ties: first listed),
    /// else the location country.
    Country control_country(NodeId n) const { return control_[n]; }
    std::span<const SourceId> sources_of(NodeId n) const {
        return span_of(node_sources_, node_source_offset_, n);
    }
    std::optional<NodeId> find(std::string_view id) const;

    // Edges, sorted by (from, to); the out-edges of n are one contiguous range.
    NodeId from(EdgeId e) const { return from_[e]; }
    NodeId to(EdgeId e) const { return to_[e]; }
    double flow(EdgeId e) const { return flow_[e]; }
    std::string_view edge_note(EdgeId e) const { return edge_notes_[e]; }
    std::span<const SourceId> edge_sources(EdgeId e) const {
        return span_of(edge_sources_, edge_source_offset_, e);
    }
    auto out_edges(NodeId n) const { return std::views::iota(out_offset_[n], out_offset_[n + 1]); }
    std::span<const EdgeId> in_edges(NodeId n) const { return span_of(in_edges_, in_offset_, n); }
    std::size_t out_degree(NodeId n) const { return out_offset_[n + 1] - out_offset_[n]; }
    std::size_t in_degree(NodeId n) const { return in_offset_[n + 1] - in_offset_[n]; }
    /// Raw CSR arrays for hot loops: out-edges of n are [out_offsets()[n], out_offsets()[n+1]).
    std::span<const EdgeId> out_offsets() const { return out_offset_; }
    std::span<const NodeId> edge_targets() const { return to_; }

    // Interned strings.
    std::size_t num_stages() const { return stages_.size(); }
    const StageInfo& stage_info(StageId s) const { return stages_[s]; }
    std::optional<StageId> find_stage(std::string_view id) const;
    std::size_t num_commodities() const { return commodities_.size(); }
    std::string_view commodity_name(CommodityId c) const { return commodities_[c]; }
    std::optional<CommodityId> find_commodity(std::string_view name) const;
    /// The unit of the commodity's producers (the first producer's, by NodeId).
    std::string_view commodity_unit(CommodityId c) const;
    std::string_view owner_name(NameId k) const { return owner_names_[k]; }
    std::size_t num_owner_names() const { return owner_names_.size(); }

    // Lookups.
    std::span<const NodeId> producers(CommodityId c) const {
        return span_of(producers_, producer_offset_, c);
    }
    std::span<const NodeId> nodes_in(Country c) const {
        return span_of(country_nodes_, country_offset_, c);
    }
    /// Nodes with no incoming edges, ascending.
    std::span<const NodeId> source_nodes() const { return source_nodes_; }
    /// Nodes with no outgoing edges, ascending.
    std::span<const NodeId> end_producers() const { return end_producers_; }
    /// Commodities of end producers, ascending.
    std::span<const CommodityId> end_products() const { return end_products_; }
    /// Countries where at least one node is located, ascending.
    std::span<const Country> countries() const { return countries_; }

    // Citations and groups.
    std::span<const SourceInfo> sources() const { return sources_; }
    std::optional<SourceId> find_source(std::string_view id) const;
    /// Built-in groups followed by the dataset's own (a dataset group replaces a built-in one
    /// with the same id).
    std::span<const CountryGroup> groups() const { return groups_; }
    /// Case-insensitive lookup of a group id.
    const CountryGroup* find_group(std::string_view id) const;

    /// All nodes such that every edge goes from an earlier to a later position, except edges
    /// inside a strongly connected component; components are contiguous, ordered by their
    /// longest-path depth from the sources, ties by smallest NodeId.
    std::span<const NodeId> topological_order() const { return topo_; }
    /// Strongly connected component of n; components are numbered in topological order.
    std::uint32_t component(NodeId n) const { return component_[n]; }
    std::size_t num_components() const { return num_components_; }
    bool is_acyclic() const { return num_components_ == num_nodes(); }

private:
    friend class SupplyGraphBuilder;

    template <class T>
    static std::span<const T> span_of(const std::vector<T>& v,
                                      const std::vector<std::uint32_t>& off, std::size_t i) {
        return {v.data() + off[i], v.data() + off[i + 1]};
    }
    void build_indexes();
    bool component_levels(std::vector<std::uint32_t>& level) const;
    void order_components(const std::vector<std::uint32_t>& level);

    DatasetInfo info_;
    StringTable ids_, names_, node_notes_;
    IdIndex index_;
    std::vector<StageId> stage_;
    std::vector<CommodityId> commodity_;
    std::vector<Country> country_, control_;
    std::vector<double> output_, capacity_, inventory_days_;
    std::vector<std::uint32_t> unit_;
    std::vector<std::uint32_t> owner_offset_{0}, equity_offset_{0}, node_source_offset_{0};
    std::vector<Owner> owners_;
    std::vector<CountryShare> equity_;
    std::vector<SourceId> node_sources_;

    std::vector<NodeId> from_, to_;
    std::vector<double> flow_;
    StringTable edge_notes_;
    std::vector<std::uint32_t> edge_source_offset_{0};
    std::vector<SourceId> edge_sources_;
    std::vector<EdgeId> out_offset_{0}, in_offset_{0}, in_edges_;

    std::vector<StageInfo> stages_;
    Interner commodities_, units_, owner_names_;
    std::vector<std::uint32_t> producer_offset_{0}, country_offset_;
    std::vector<NodeId> producers_, country_nodes_;
    std::vector<NodeId> source_nodes_, end_producers_;
    std::vector<CommodityId> end_products_;
    std::vector<Country> countries_;
    std::vector<SourceInfo> sources_;
    std::vector<CountryGroup> groups_;
    std::vector<NodeId> topo_;
    std::vector<std::uint32_t> component_;
    std::size_t num_components_ = 0;
};

/// Collects a dataset, then freezes it. Methods throw std::invalid_argument naming the problem
/// (the loader checks everything first, so its users see located messages instead).
class SupplyGraphBuilder {
public:
    SupplyGraphBuilder();

    void set_info(DatasetInfo info) { g_.info_ = std::move(info); }
    StageId add_stage(std::string_view id, std::string_view name = {});
    SourceId add_source(SourceInfo source);
    /// Adds a group, replacing a built-in or earlier one with the same id.
    void add_group(CountryGroup group);
    NodeId add_node(const NodeSpec& spec);
    /// `note` may be empty. Self-loops and repeated pairs are rejected by freeze().
    EdgeId add_edge(NodeId from, NodeId to, double flow,
                    std::span<const std::string_view> sources = {}, std::string_view note = {});
    EdgeId add_edge(std::string_view from, std::string_view to, double flow);

    std::optional<NodeId> find_node(std::string_view id) const { return g_.find(id); }
    /// A hint that add_node() will soon be called with this id: a bulk loader calling it a few
    /// nodes ahead hides the id index's cache misses.
    void prefetch_node(std::string_view id) const { g_.index_.prefetch(id); }
    std::optional<StageId> find_stage(std::string_view id) const { return g_.find_stage(id); }
    std::optional<SourceId> find_source(std::string_view id) const { return g_.find_source(id); }
    std::size_t num_nodes() const { return g_.num_nodes(); }
    std::size_t num_edges() const { return g_.num_edges(); }
    void reserve(std::size_t nodes, std::size_t edges);

    /// Sorts edges, builds both adjacency directions and all lookups. Leaves the builder empty.
    SupplyGraph freeze();

private:
    SupplyGraph g_;
    std::vector<SourceId> scratch_sources_;
};

}  // namespace chokepoint
