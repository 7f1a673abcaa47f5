#pragma once
// Internal to datasets/: the cell checks and the importer state shared by csv_import*.cpp.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "datasets/csv.hpp"
#include "datasets/csv_import.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint::detail {

struct Problems {
    std::vector<std::string> errors, warnings;
    bool truncated = false;
    void error(std::string m) {
        if (errors.size() >= kMaxErrors)
            truncated = true;
        else
            errors.push_back(std::move(m));
    }
};

// The columns of one table a reader knows, by position in `names`; reports missing required
// columns and warns about unknown ones.
class Columns {
public:
    Columns(const CsvTable& t, std::vector<std::pair<const char*, bool>> specs, Problems& p)
        : t_(t) {
        for (auto [name, required] : specs) {
            const auto c = t.column(name);
            idx_.push_back(c ? static_cast<std::ptrdiff_t>(*c) : -1);
            names_.emplace_back(name);
            if (!c && required) {
                p.error(fmt::format("{}:1: missing required column \"{}\"", t.file, name));
                ok_ = false;
            }
        }
        for (const auto& h : t.header) {
            if (std::find(names_.begin(), names_.end(), h) == names_.end())
                p.warnings.push_back(
                    fmt::format("{}:1: warning: unknown column \"{}\" is ignored", t.file, h));
        }
    }
    bool ok() const { return ok_; }
    std::string_view operator()(std::size_t row, std::size_t k) const {
        return idx_[k] < 0 ? std::string_view() : t_.field(row, static_cast<std::size_t>(idx_[k]));
    }
    const std::string& name(std::size_t k) const { return names_[k]; }

private:
    const CsvTable& t_;
    std::vector<std::ptrdiff_t> idx_;
    std::vector<std::string> names_;
    bool ok_ = true;
};

// Checks one cell at a time, reporting `FILE:LINE: column "NAME": message`.
class Cells {
public:
    Cells(const CsvTable& t, const Columns& c, Problems& p) : t_(t), c_(c), p_(p) {}

    std::string_view str(std::size_t row, std::size_t k) const { return c_(row, k); }
    void error(std::size_t row, std::size_t k, std::string_view msg) const {
        p_.error(t_.error(row, c_.name(k), msg));
    }
    bool required(std::size_t row, std::size_t k) const {
        if (!c_(row, k).empty()) return true;
        error(row, k, "must not be empty");
        return false;
    }
    // NaN when the cell is empty and optional, or invalid (reported).
    double number(std::size_t row, std::size_t k, bool needed) const {
        const auto v = c_(row, k);
        if (v.empty()) {
            if (needed) error(row, k, "must not be empty");
            return NAN;
        }
        const auto x = parse_csv_number(v, t_.delimiter == ';');
        if (!x) error(row, k, fmt::format("\"{}\" is not a number", v));
        return x.value_or(NAN);
    }
    bool country(std::size_t row, std::size_t k) const {
        if (!required(row, k)) return false;
        if (parse_country(c_(row, k))) return true;
        error(row, k, fmt::format("\"{}\" is not an ISO 3166-1 code", c_(row, k)));
        return false;
    }
    std::optional<int> year(std::size_t row, std::size_t k) const {
        const double y = number(row, k, false);
        if (std::isnan(y)) return std::nullopt;
        if (y != std::floor(y) || std::abs(y) > 1e6) {
            error(row, k, fmt::format("\"{}\" is not a year", c_(row, k)));
            return std::nullopt;
        }
        return static_cast<int>(y);
    }
    std::size_t line(std::size_t row) const { return t_.lines[row]; }
    std::size_t rows() const { return t_.num_rows(); }
    const CsvTable& table() const { return t_; }

private:
    const CsvTable& t_;
    const Columns& c_;
    Problems& p_;
};

inline std::vector<std::string_view> split_list(std::string_view s) {
    std::vector<std::string_view> out;
    while (!s.empty()) {
        const auto bar = s.find('|');
        auto item = s.substr(0, bar);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.push_back(item);
        if (bar == std::string_view::npos) break;
        s.remove_prefix(bar + 1);
    }
    return out;
}

struct NodeRow {
    NodeSpec spec;
    std::size_t owner_line = 0;  // first owners.csv line of this node
    double owner_total = 0;
};

struct EdgeRow {
    NodeId from, to;
    double flow;
    std::vector<std::string_view> sources;
    std::string_view note;
};

// Holds the tables (the specs point into them) while the checks run.
class CsvImporter {
public:
    CsvImporter(const CsvFiles& f, const CsvImportOptions& o) : files_(f), opts_(o) {}
    Dataset run();

private:
    std::optional<CsvTable> open(const std::string& path) {
        if (path.empty()) return std::nullopt;
        return load_csv(path);
    }
    void read_dataset();
    void read_sources();
    void read_groups();
    void read_stages();
    void read_nodes();
    void use_stage(const Cells& c, std::size_t row, std::size_t k);
    void read_owners();
    void read_edges();
    void check_sources(const Cells& c, std::size_t row, std::size_t k,
                       std::vector<std::string_view>& out);

    const CsvFiles& files_;
    const CsvImportOptions& opts_;
    Problems p_;
    std::optional<CsvTable> dataset_, sources_, groups_, stages_, nodes_, owners_, edges_;
    DatasetInfo info_;
    std::vector<SourceInfo> source_list_;
    std::unordered_map<std::string, std::size_t> source_ids_;
    std::unordered_map<std::string_view, std::size_t> node_ids_;
    std::vector<CountryGroup> group_list_;
    std::vector<std::pair<std::string, std::string>> stage_list_;
    std::unordered_map<std::string, std::size_t> stage_ids_;
    bool stages_fixed_ = false;
    bool nodes_ok_ = false;  // nodes.csv has its required columns
    std::vector<NodeRow> node_rows_;
    std::vector<EdgeRow> edge_rows_;
};

}  // namespace chokepoint::detail
