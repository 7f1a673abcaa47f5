// CSV files -> Dataset, the big tables: nodes.csv, owners.csv (one row per owner), edges.csv.
#include <cstdint>

#include "datasets/csv_import_detail.hpp"

namespace chokepoint::detail {

namespace {

std::string num(double v) { return fmt::format("{:g}", v); }

}  // namespace

void CsvImporter::check_sources(const Cells& c, std::size_t row, std::size_t k,
                                std::vector<std::string_view>& out) {
    out.clear();
    for (auto s : split_list(c.str(row, k))) {
        if (source_ids_.count(std::string(s)))
            out.push_back(s);
        else
            c.error(row, k, fmt::format("unknown source \"{}\"", s));
    }
}

// Declares the stage on first use, unless the stages are fixed by --stages or stages.csv.
void CsvImporter::use_stage(const Cells& c, std::size_t row, std::size_t k) {
    const auto id = c.str(row, k);
    if (stage_ids_.count(std::string(id))) return;
    if (stages_fixed_) {
        c.error(row, k, fmt::format("unknown stage \"{}\"", id));
        return;
    }
    stage_ids_.emplace(id, stage_list_.size());
    stage_list_.emplace_back(id, id);
}

void CsvImporter::read_nodes() {
    enum { id, name, stage, commodity, country, output, capacity, unit, inventory, sources, note };
    Columns cols(*nodes_,
                 {{"id", true},
                  {"name", false},
                  {"stage", true},
                  {"commodity", true},
                  {"country", true},
                  {"output", true},
                  {"capacity", false},
                  {"unit", false},
                  {"inventory_days", false},
                  {"sources", false},
                  {"note", false}},
                 p_);
    nodes_ok_ = cols.ok();
    if (!nodes_ok_) return;
    Cells c(*nodes_, cols, p_);
    node_rows_.reserve(c.rows());
    for (std::size_t r = 0; r < c.rows(); ++r) {
        NodeRow n;
        auto& s = n.spec;
        s.id = c.str(r, id);
        if (c.required(r, id)) {
            const auto [it, fresh] = node_ids_.emplace(s.id, r);  // node_rows_[r] is row r
            if (!fresh) {
                c.error(r, id,
                        fmt::format("duplicate node id \"{}\" (first on line {})", s.id,
                                    c.line(it->second)));
            }
        }
        s.name = c.str(r, name);
        s.stage = c.str(r, stage);
        if (c.required(r, stage)) use_stage(c, r, stage);
        s.commodity = c.str(r, commodity);
        c.required(r, commodity);
        s.country = c.str(r, country);
        c.country(r, country);
        s.output = c.number(r, output, true);
        if (s.output <= 0) c.error(r, output, fmt::format("must be > 0, got {}", num(s.output)));
        s.capacity = c.number(r, capacity, false);
        if (s.capacity < s.output) {
            c.error(r, capacity,
                    fmt::format("must be >= output ({}), got {}", num(s.output), num(s.capacity)));
        }
        s.unit = c.str(r, unit);
        s.inventory_days = c.number(r, inventory, false);
        if (s.inventory_days < 0)
            c.error(r, inventory, fmt::format("must be >= 0, got {}", num(s.inventory_days)));
        check_sources(c, r, sources, s.sources);
        s.note = c.str(r, note);
        node_rows_.push_back(std::move(n));
    }
}

void CsvImporter::read_owners() {
    owners_ = open(files_.owners);
    if (!owners_ || !nodes_ok_) return;  // without node ids every row would be an error
    enum { node, name, country, share };
    Columns cols(*owners_, {{"node", true}, {"name", true}, {"country", true}, {"share", true}},
                 p_);
    if (!cols.ok()) return;
    Cells c(*owners_, cols, p_);
    for (std::size_t r = 0; r < c.rows(); ++r) {
        const auto it = node_ids_.find(c.str(r, node));
        if (c.required(r, node) && it == node_ids_.end())
            c.error(r, node, fmt::format("unknown node \"{}\"", c.str(r, node)));
        c.required(r, name);
        c.country(r, country);
        const double x = c.number(r, share, true);
        if (!(x > 0 && x <= 1) && !std::isnan(x))
            c.error(r, share, fmt::format("must be in (0, 1], got {}", num(x)));
        if (it == node_ids_.end()) continue;
        auto& n = node_rows_[it->second];
        if (n.spec.owners.empty()) n.owner_line = r;
        n.spec.owners.push_back({c.str(r, name), c.str(r, country), x});
        n.owner_total += x;
    }
    for (const auto& n : node_rows_) {
        if (!n.spec.owners.empty() && std::abs(n.owner_total - 1.0) > 0.001 &&
            !std::isnan(n.owner_total)) {
            p_.error(owners_->error(n.owner_line, fmt::format("owner shares of node \"{}\" sum "
                                                              "to {}, not 1",
                                                              n.spec.id, num(n.owner_total))));
        }
    }
}

void CsvImporter::read_edges() {
    edges_ = open(files_.edges);
    if (!edges_ || !nodes_ok_) return;
    enum { from, to, flow, sources, note };
    Columns cols(
        *edges_,
        {{"from", true}, {"to", true}, {"flow", true}, {"sources", false}, {"note", false}}, p_);
    if (!cols.ok()) return;
    Cells c(*edges_, cols, p_);
    std::unordered_map<std::uint64_t, std::size_t> first_line;
    edge_rows_.reserve(c.rows());
    for (std::size_t r = 0; r < c.rows(); ++r) {
        EdgeRow e{};
        bool ends = true;
        for (auto [k, end] : {std::pair{std::size_t(from), &e.from}, {std::size_t(to), &e.to}}) {
            if (!c.required(r, k)) {
                ends = false;
            } else if (auto it = node_ids_.find(c.str(r, k)); it != node_ids_.end()) {
                *end = static_cast<NodeId>(it->second);
            } else {
                c.error(r, k, fmt::format("unknown node \"{}\"", c.str(r, k)));
                ends = false;
            }
        }
        e.flow = c.number(r, flow, true);
        if (e.flow <= 0) c.error(r, flow, fmt::format("must be > 0, got {}", num(e.flow)));
        check_sources(c, r, sources, e.sources);
        e.note = c.str(r, note);
        if (!ends) continue;
        if (e.from == e.to) {
            p_.error(edges_->error(r, fmt::format("self-loop on node \"{}\"", c.str(r, from))));
            continue;
        }
        const auto [it, fresh] = first_line.emplace(std::uint64_t{e.from} << 32 | e.to, c.line(r));
        if (!fresh) {
            p_.error(edges_->error(r, fmt::format("repeated edge \"{}\" -> \"{}\" (first on line "
                                                  "{})",
                                                  c.str(r, from), c.str(r, to), it->second)));
            continue;
        }
        edge_rows_.push_back(std::move(e));
    }
}

}  // namespace chokepoint::detail
