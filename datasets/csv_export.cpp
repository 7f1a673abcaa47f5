// SupplyGraph -> the CSV files import_csv reads back.
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "datasets/csv.hpp"
#include "datasets/csv_import.hpp"

namespace chokepoint {

namespace {

// Shortest text that reads back as the same double.
std::string number(double v) { return std::isnan(v) ? std::string() : fmt::format("{}", v); }

std::string list(const SupplyGraph& g, std::span<const SourceId> ids) {
    std::string out;
    for (auto s : ids) {
        const auto& id = g.sources()[s].id;
        if (id.find('|') != std::string::npos)
            throw std::invalid_argument("export_csv: source id \"" + id + "\" contains '|'");
        out += (out.empty() ? "" : "|") + id;
    }
    return out;
}

void write_dataset_table(const SupplyGraph& g, std::ostream& os) {
    const auto& info = g.info();
    write_csv_row(os, {"field", "value"});
    write_csv_row(os, {"name", info.name});
    if (!info.description.empty()) write_csv_row(os, {"description", info.description});
    if (info.year) write_csv_row(os, {"year", std::to_string(*info.year)});
    if (!info.license.empty()) write_csv_row(os, {"license", info.license});
    if (!info.notes.empty()) write_csv_row(os, {"notes", info.notes});
}

void write_sources(const SupplyGraph& g, std::ostream& os) {
    write_csv_row(os,
                  {"id", "citation", "url", "title", "publisher", "year", "locator", "license"});
    for (const auto& s : g.sources()) {
        write_csv_row(os, {s.id, s.citation, s.url, s.title, s.publisher,
                           s.year ? std::to_string(*s.year) : "", s.locator, s.license});
    }
}

void write_stages(const SupplyGraph& g, std::ostream& os) {
    write_csv_row(os, {"id", "name"});
    for (StageId s = 0; s < g.num_stages(); ++s)
        write_csv_row(os, {g.stage_info(s).id, g.stage_info(s).name});
}

void write_groups(const SupplyGraph& g, std::ostream& os) {
    write_csv_row(os, {"id", "name", "members"});
    for (const auto& grp : g.groups()) {
        if (grp.builtin) continue;
        std::string members;
        for (auto c : grp.members)
            members += (members.empty() ? "" : "|") + std::string(country_code(c));
        write_csv_row(os, {grp.id, grp.name, members});
    }
}

void write_nodes(const SupplyGraph& g, std::ostream& os) {
    write_csv_row(os, {"id", "name", "stage", "commodity", "country", "output", "capacity", "unit",
                       "inventory_days", "sources", "note"});
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        write_csv_row(
            os, {std::string(g.id(n)), std::string(g.name(n)), g.stage_info(g.stage(n)).id,
                 std::string(g.commodity_name(g.commodity(n))),
                 std::string(country_code(g.country(n))), number(g.output(n)),
                 g.capacity(n) == g.output(n) ? "" : number(g.capacity(n)), std::string(g.unit(n)),
                 number(g.inventory_days(n)), list(g, g.sources_of(n)), std::string(g.note(n))});
    }
}

void write_owners(const SupplyGraph& g, std::ostream& os) {
    write_csv_row(os, {"node", "name", "country", "share"});
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        for (const auto& o : g.owners(n)) {
            write_csv_row(os, {std::string(g.id(n)), std::string(g.owner_name(o.name)),
                               std::string(country_code(o.country)), number(o.share)});
        }
    }
}

void write_edges(const SupplyGraph& g, std::ostream& os) {
    write_csv_row(os, {"from", "to", "flow", "sources", "note"});
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        write_csv_row(os,
                      {std::string(g.id(g.from(e))), std::string(g.id(g.to(e))), number(g.flow(e)),
                       list(g, g.edge_sources(e)), std::string(g.edge_note(e))});
    }
}

}  // namespace

std::vector<CsvExportFile> export_csv(const SupplyGraph& g) {
    for (const auto& s : g.sources()) {
        if (s.id.find('|') != std::string::npos)
            throw std::invalid_argument("export_csv: source id \"" + s.id + "\" contains '|'");
    }
    auto bind = [&g](void (*f)(const SupplyGraph&, std::ostream&)) {
        return [&g, f](std::ostream& os) { f(g, os); };
    };
    std::vector<CsvExportFile> files{{"dataset.csv", bind(write_dataset_table)},
                                     {"sources.csv", bind(write_sources)},
                                     {"stages.csv", bind(write_stages)}};
    for (const auto& grp : g.groups()) {
        if (!grp.builtin) {
            files.push_back({"groups.csv", bind(write_groups)});
            break;
        }
    }
    files.push_back({"nodes.csv", bind(write_nodes)});
    files.push_back({"owners.csv", bind(write_owners)});
    files.push_back({"edges.csv", bind(write_edges)});
    return files;
}

}  // namespace chokepoint
