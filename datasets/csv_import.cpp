// CSV files -> Dataset, the small tables: dataset.csv, sources.csv, groups.csv, stages.csv; and
// the final build. Nodes, owners and edges: csv_import_nodes.cpp.
#include "datasets/csv_import.hpp"

#include <filesystem>

#include "datasets/csv_import_detail.hpp"

namespace chokepoint {

namespace detail {

void CsvImporter::read_dataset() {
    dataset_ = open(files_.dataset);
    if (!dataset_) return;
    Columns cols(*dataset_, {{"field", true}, {"value", true}}, p_);
    if (!cols.ok()) return;
    Cells c(*dataset_, cols, p_);
    for (std::size_t r = 0; r < c.rows(); ++r) {
        const auto field = c.str(r, 0);
        const std::string value(c.str(r, 1));
        if (field == "name")
            info_.name = value;
        else if (field == "description")
            info_.description = value;
        else if (field == "license")
            info_.license = value;
        else if (field == "notes")
            info_.notes = value;
        else if (field == "year")
            info_.year = c.year(r, 1);
        else
            p_.warnings.push_back(fmt::format("{}:{}: warning: unknown field \"{}\" is ignored",
                                              dataset_->file, c.line(r), field));
    }
}

void CsvImporter::read_sources() {
    sources_ = open(files_.sources);
    if (!sources_) {
        const std::string files = files_.nodes + (files_.edges.empty() ? "" : ", " + files_.edges);
        source_list_.push_back({"csv-import", "Spreadsheet data: " + files, {}, {}, {}, {}, {}});
        source_ids_.emplace("csv-import", 0);
        p_.warnings.push_back(fmt::format(
            "{}: warning: no sources.csv given; the dataset cites the CSV files as its only "
            "source",
            files_.nodes));
        return;
    }
    enum { id, citation, url, title, publisher, year, locator, license };
    Columns cols(*sources_,
                 {{"id", true},
                  {"citation", true},
                  {"url", false},
                  {"title", false},
                  {"publisher", false},
                  {"year", false},
                  {"locator", false},
                  {"license", false}},
                 p_);
    if (!cols.ok()) return;
    Cells c(*sources_, cols, p_);
    for (std::size_t r = 0; r < c.rows(); ++r) {
        c.required(r, citation);
        if (!c.required(r, id)) continue;
        const std::string sid(c.str(r, id));
        if (!source_ids_.emplace(sid, source_list_.size()).second) {
            c.error(r, id, fmt::format("duplicate source id \"{}\"", sid));
            continue;
        }
        auto s = [&](int k) { return std::string(c.str(r, static_cast<std::size_t>(k))); };
        source_list_.push_back({sid, s(citation), s(url), s(title), s(publisher), s(locator),
                                s(license), c.year(r, year)});
    }
    if (c.rows() == 0) p_.error(sources_->file + ": must list at least one source");
}

void CsvImporter::read_groups() {
    groups_ = open(files_.groups);
    if (!groups_) return;
    enum { id, name, members };
    Columns cols(*groups_, {{"id", true}, {"name", false}, {"members", true}}, p_);
    if (!cols.ok()) return;
    Cells c(*groups_, cols, p_);
    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t r = 0; r < c.rows(); ++r) {
        if (!c.required(r, id)) continue;
        if (!seen.emplace(c.str(r, id), c.line(r)).second) {
            c.error(r, id, fmt::format("duplicate group id \"{}\"", c.str(r, id)));
            continue;
        }
        CountryGroup g{std::string(c.str(r, id)), std::string(c.str(r, name)), {}};
        for (auto m : split_list(c.str(r, members))) {
            if (auto country = parse_country(m))
                g.members.push_back(*country);
            else
                c.error(r, members, fmt::format("\"{}\" is not an ISO 3166-1 code", m));
        }
        std::sort(g.members.begin(), g.members.end());
        g.members.erase(std::unique(g.members.begin(), g.members.end()), g.members.end());
        group_list_.push_back(std::move(g));
    }
}

void CsvImporter::read_stages() {
    for (const auto& s : opts_.stage_order) {
        if (!stage_ids_.emplace(s, stage_list_.size()).second)
            throw DatasetError({fmt::format("--stages: stage \"{}\" is listed twice", s)});
        stage_list_.emplace_back(s, "");
    }
    stages_ = open(files_.stages);
    if (stages_) {
        Columns cols(*stages_, {{"id", true}, {"name", false}}, p_);
        if (!cols.ok()) return;
        Cells c(*stages_, cols, p_);
        std::unordered_map<std::string_view, std::size_t> seen;
        for (std::size_t r = 0; r < c.rows(); ++r) {
            if (!c.required(r, 0)) continue;
            const std::string sid(c.str(r, 0));
            if (!seen.emplace(c.str(r, 0), r).second) {
                c.error(r, 0, fmt::format("duplicate stage id \"{}\"", sid));
                continue;
            }
            if (opts_.stage_order.empty()) {
                stage_ids_.emplace(sid, stage_list_.size());
                stage_list_.emplace_back(sid, c.str(r, 1));
            } else if (auto it = stage_ids_.find(sid); it != stage_ids_.end()) {
                stage_list_[it->second].second = c.str(r, 1);
            } else {
                c.error(r, 0, fmt::format("stage \"{}\" is not in --stages", sid));
            }
        }
    }
    stages_fixed_ = !opts_.stage_order.empty() || stages_.has_value();
}

Dataset CsvImporter::run() {
    nodes_ = open(files_.nodes);
    if (!nodes_) throw DatasetError({"no nodes file given"});
    read_dataset();
    read_sources();
    read_groups();
    read_stages();
    read_nodes();
    read_owners();
    read_edges();
    if (!p_.errors.empty()) {
        if (p_.truncated)
            p_.errors.push_back(fmt::format("too many errors; stopped after {}", kMaxErrors));
        throw DatasetError(std::move(p_.errors));
    }
    if (info_.name.empty()) {
        info_.name =
            opts_.name.empty()
                ? "Imported from " + std::filesystem::path(files_.nodes).filename().string()
                : opts_.name;
    }
    SupplyGraphBuilder b;
    b.set_info(std::move(info_));
    for (auto& s : source_list_) b.add_source(std::move(s));
    for (auto& g : group_list_) b.add_group(std::move(g));
    for (const auto& [id, name] : stage_list_) b.add_stage(id, name);
    b.reserve(node_rows_.size(), edge_rows_.size());
    for (const auto& n : node_rows_) b.add_node(n.spec);
    for (const auto& e : edge_rows_) b.add_edge(e.from, e.to, e.flow, e.sources, e.note);
    return {b.freeze(), std::move(p_.warnings)};
}

}  // namespace detail

CsvFiles csv_files_in(const std::string& dir) {
    namespace fs = std::filesystem;
    auto file = [&](const char* name) {
        const fs::path p = fs::path(dir) / name;
        std::error_code ec;
        return fs::exists(p, ec) ? p.string() : std::string();
    };
    return {file("nodes.csv"),  file("edges.csv"),  file("owners.csv"), file("sources.csv"),
            file("stages.csv"), file("groups.csv"), file("dataset.csv")};
}

Dataset import_csv(const CsvFiles& files, const CsvImportOptions& options) {
    return detail::CsvImporter(files, options).run();
}

}  // namespace chokepoint
