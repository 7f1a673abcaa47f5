// Records that passed every check -> SupplyGraph, plus the warnings of FORMAT.md.
#include <fmt/format.h>

#include <cstdio>
#include <ctime>
#include <unordered_map>

#include "datasets/build.hpp"

namespace chokepoint::detail {

namespace {

void views(const Records& r, const Range& range, std::vector<std::string_view>& out) {
    out.clear();
    for (auto i = range.begin; i < range.end; ++i) out.push_back(r.view(r.strs[i]));
}

NodeId from_of(std::uint64_t pair) { return static_cast<NodeId>(pair >> 32); }
NodeId to_of(std::uint64_t pair) { return static_cast<NodeId>(pair); }

struct BackwardEdge {
    std::size_t index;
    NodeId from, to;
};

void add_warnings(const std::vector<BackwardEdge>& backward, const std::vector<double>& shipped,
                  const SupplyGraph& g, Diagnostics& d) {
    for (const auto& [i, a, b] : backward) {
        d.warning(fmt::format("/edges/{}", i),
                  fmt::format(
                      "edge \"{}\" -> \"{}\" goes from stage \"{}\" back to earlier stage \"{}\"",
                      g.id(a), g.id(b), g.stage_info(g.stage(a)).id, g.stage_info(g.stage(b)).id));
    }
    const std::size_t n = g.num_nodes();
    std::unordered_map<CommodityId, NodeId> first_unit;
    for (NodeId v = 0; v < n; ++v) {  // loader NodeIds follow the file order
        const auto at = [v] { return fmt::format("/nodes/{}", v); };
        if (shipped[v] > g.output(v) * 1.001) {
            d.warning(at(), fmt::format("node \"{}\" ships {:g} but its output is {:g}", g.id(v),
                                        shipped[v], g.output(v)));
        }
        if (g.in_degree(v) == 0 && g.out_degree(v) == 0 && n > 1) {
            d.warning(at(), fmt::format("node \"{}\" is isolated (no edges)", g.id(v)));
        }
        auto [it, fresh] = first_unit.emplace(g.commodity(v), v);
        if (!fresh && g.unit(it->second) != g.unit(v)) {
            d.warning(at() + "/unit",
                      fmt::format("commodity \"{}\" is in \"{}\" here but in \"{}\" at node \"{}\"",
                                  g.commodity_name(g.commodity(v)), g.unit(v), g.unit(it->second),
                                  g.id(it->second)));
        }
    }
}

void add_header(const Records& r, SupplyGraphBuilder& b) {
    auto s = [&](const Str& x) { return r.view(x); };
    DatasetInfo info{std::string(s(r.name)), std::string(s(r.description)),
                     std::string(s(r.license)), std::string(s(r.notes)), std::nullopt};
    if (r.year.present) info.year = static_cast<int>(r.year.value);
    b.set_info(std::move(info));
    for (const auto& x : r.sources) {
        SourceInfo si{std::string(s(x.id)),        std::string(s(x.citation)),
                      std::string(s(x.url)),       std::string(s(x.title)),
                      std::string(s(x.publisher)), std::string(s(x.locator)),
                      std::string(s(x.license)),   std::nullopt};
        if (x.year.present) si.year = static_cast<int>(x.year.value);
        b.add_source(std::move(si));
    }
    for (const auto& x : r.groups) {
        CountryGroup grp{std::string(s(x.id)), std::string(s(x.name)), {}};
        for (auto m = x.members.begin; m < x.members.end; ++m)
            grp.members.push_back(*parse_country(s(r.strs[m])));
        b.add_group(std::move(grp));
    }
    for (const auto& x : r.stages) b.add_stage(s(x.id), s(x.name));
}

// Frees the node records as they are copied (edge ends are already resolved); returns the
// stage of every node.
std::vector<StageId> add_nodes(Records& r, SupplyGraphBuilder& b) {
    auto s = [&](const Str& x) { return r.view(x); };
    std::vector<StageId> stages(r.nodes.size());
    NodeSpec spec;
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < r.nodes.size(); ++i) {
        if (i + kAhead < r.nodes.size()) b.prefetch_node(s(r.nodes[i + kAhead].id));
        const NodeRec& x = r.nodes[i];
        spec.id = s(x.id);
        spec.name = s(x.name);
        spec.stage = s(x.stage);
        spec.commodity = s(x.commodity);
        spec.country = s(x.country);
        spec.owners.clear();
        for (auto o = x.owners.begin; o < x.owners.end; ++o) {
            spec.owners.push_back(
                {s(r.owners[o].name), s(r.owners[o].country), r.owners[o].share.value});
        }
        spec.output = x.output.value;
        spec.capacity = x.capacity.present ? x.capacity.value : NAN;
        spec.unit = s(x.unit);
        spec.inventory_days = x.inventory_days.present ? x.inventory_days.value : NAN;
        views(r, x.sources, spec.sources);
        spec.note = s(x.note);
        b.add_node(spec);
        stages[i] = *b.find_stage(spec.stage);
        r.nodes.release_after(i);
    }
    return stages;
}

}  // namespace

Dataset assemble(Records& r, Diagnostics& d, std::vector<std::uint64_t> ends) {
    SupplyGraphBuilder b;
    add_header(r, b);
    b.reserve(r.nodes.size(), r.edges.size());
    std::vector<StageId> stages = add_nodes(r, b);
    std::vector<double> shipped(r.nodes.size(), 0.0);
    r.nodes.clear();
    r.node_index = ViewIndex();
    // Only the first kMaxErrors warnings are kept, and edge warnings come first.
    std::vector<BackwardEdge> backward;
    std::vector<std::string_view> srcs;
    for (std::size_t i = 0; i < r.edges.size(); ++i) {
        const EdgeRec& x = r.edges[i];
        const EdgeExtra extra = r.extra(x);
        const NodeId a = from_of(ends[i]), c = to_of(ends[i]);
        views(r, extra.sources, srcs);
        shipped[a] += x.flow.value;
        b.add_edge(a, c, x.flow.value, srcs, r.view(extra.note));
        if (stages[a] > stages[c]) {
            if (backward.size() < kMaxErrors)
                backward.push_back({i, a, c});
            else
                ++d.suppressed;
        }
        r.edges.release_after(i);
    }
    r = Records();  // everything is in the builder: free before freezing
    std::vector<std::uint64_t>().swap(ends);
    std::vector<StageId>().swap(stages);
    Dataset out{b.freeze(), {}};
    add_warnings(backward, shipped, out.graph, d);
    if (d.suppressed > 0) {
        d.warnings.push_back(
            fmt::format("{}: warning: {} more warnings not shown", d.file, d.suppressed));
        out.unlisted_warnings = d.suppressed;
    }
    out.warnings = std::move(d.warnings);
    return out;
}

}  // namespace chokepoint::detail
