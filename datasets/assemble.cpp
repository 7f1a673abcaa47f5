// Records that passed every check -> SupplyGraph, plus the warnings of FORMAT.md.
#include <fmt/format.h>

#include <unordered_map>

#include "datasets/build.hpp"

namespace chokepoint::detail {

namespace {

std::vector<std::string_view> views(const Records& r, const Range& range) {
    std::vector<std::string_view> out;
    for (auto i = range.begin; i < range.end; ++i) out.push_back(r.view(r.strs[i]));
    return out;
}

void add_warnings(const Records& r, const SupplyGraph& g, Diagnostics& d) {
    const std::size_t n = r.nodes.size();
    std::vector<double> shipped(n, 0.0);
    for (std::size_t i = 0; i < r.edges.size(); ++i) {
        const NodeId a = *g.find(r.view(r.edges[i].from)), b = *g.find(r.view(r.edges[i].to));
        shipped[a] += r.edges[i].flow.value;
        if (g.stage(a) > g.stage(b)) {
            d.warning(
                fmt::format("/edges/{}", i),
                fmt::format(
                    "edge \"{}\" -> \"{}\" goes from stage \"{}\" back to earlier stage \"{}\"",
                    g.id(a), g.id(b), g.stage_info(g.stage(a)).id, g.stage_info(g.stage(b)).id));
        }
    }
    std::unordered_map<CommodityId, NodeId> first_unit;
    for (NodeId v = 0; v < n; ++v) {  // loader NodeIds follow the file order
        const std::string at = fmt::format("/nodes/{}", v);
        if (shipped[v] > g.output(v) * 1.001) {
            d.warning(at, fmt::format("node \"{}\" ships {:g} but its output is {:g}", g.id(v),
                                      shipped[v], g.output(v)));
        }
        if (g.in_degree(v) == 0 && g.out_degree(v) == 0 && n > 1) {
            d.warning(at, fmt::format("node \"{}\" is isolated (no edges)", g.id(v)));
        }
        auto [it, fresh] = first_unit.emplace(g.commodity(v), v);
        if (!fresh && g.unit(it->second) != g.unit(v)) {
            d.warning(at + "/unit",
                      fmt::format("commodity \"{}\" is in \"{}\" here but in \"{}\" at node \"{}\"",
                                  g.commodity_name(g.commodity(v)), g.unit(v), g.unit(it->second),
                                  g.id(it->second)));
        }
    }
}

}  // namespace

Dataset assemble(const Records& r, Diagnostics& d) {
    auto s = [&](const Str& x) { return r.view(x); };
    SupplyGraphBuilder b;
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
    b.reserve(r.nodes.size(), r.edges.size());
    NodeSpec spec;
    for (const auto& x : r.nodes) {
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
        spec.sources = views(r, x.sources);
        spec.note = s(x.note);
        b.add_node(spec);
    }
    for (const auto& x : r.edges) {
        const auto srcs = views(r, x.sources);
        b.add_edge(*b.find_node(s(x.from)), *b.find_node(s(x.to)), x.flow.value, srcs, s(x.note));
    }
    Dataset out{b.freeze(), {}};
    add_warnings(r, out.graph, d);
    out.warnings = std::move(d.warnings);
    return out;
}

}  // namespace chokepoint::detail
