// chokepoint concentration FILE: HHI, CR1/CR3 and threshold flags per market, by location,
// owner and company.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "algorithms/concentration.hpp"
#include "tools/cli.hpp"
#include "tools/json_out.hpp"
#include "tools/table.hpp"

namespace chokepoint::cli {

namespace {

struct Opts {
    std::string file;
    std::vector<std::string> by{"location"}, commodities, stages, groups;
    std::size_t top = 0;
    bool crosstab = false;
    OutputOptions out;
};

std::size_t shown(std::size_t n, std::size_t top) { return top == 0 ? n : std::min(n, top); }

std::string join(const std::vector<std::string_view>& parts, std::string_view sep) {
    std::string s;
    for (std::size_t i = 0; i < parts.size(); ++i) (s += i ? sep : "") += parts[i];
    return s;
}

// One decimal with an explicit sign; rounding noise prints as 0.
std::string signed_number(double v) {
    v = std::round(v * 10) / 10;
    return (v > 0 ? "+" : "") + format_number(v == 0 ? 0.0 : v, 1);
}

ConcentrationOptions to_options(const SupplyGraph& g, const Opts& o) {
    ConcentrationOptions c;
    c.views.clear();
    try {
        for (const auto& v : o.by) {
            const auto view = parse_concentration_view(v);
            if (std::find(c.views.begin(), c.views.end(), view) != c.views.end())
                throw UsageError("--by names " + v + " twice");
            c.views.push_back(view);
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(std::string("--by: ") + e.what());
    }
    for (const auto& name : o.commodities) {
        const auto id = g.find_commodity(name);
        if (!id) throw UsageError("unknown commodity \"" + name + "\" (see chokepoint info)");
        c.commodities.push_back(*id);
    }
    for (const auto& name : o.stages) {
        const auto id = g.find_stage(name);
        if (!id) throw UsageError("unknown stage \"" + name + "\" (see chokepoint info)");
        c.stages.push_back(*id);
    }
    for (const auto& id : o.groups) {
        if (!g.find_group(id)) throw UsageError("unknown group \"" + id + "\"");
        c.groups.push_back(id);
    }
    c.crosstab = o.crosstab;
    const auto has = [&](ConcentrationView v) {
        return std::find(c.views.begin(), c.views.end(), v) != c.views.end();
    };
    if (has(ConcentrationView::owner_control) && !has(ConcentrationView::owner))
        c.crosstab_owner = ConcentrationView::owner_control;
    return c;
}

void write_json(std::ostream& os, const SupplyGraph& g, const ConcentrationResult& r,
                std::size_t top) {
    Json j(os);
    j.begin_object().key("views").begin_array();
    for (auto v : r.views) j.str(view_name(v));
    j.end_array().key("markets").begin_array();
    for (const auto& m : r.markets) {
        j.begin_object()
            .kv("commodity", g.commodity_name(m.commodity))
            .kv("stage", g.stage_info(m.stage).id)
            .kv("unit", m.unit)
            .kv("total", m.total)
            .kv("producers", double(m.producers));
        j.key("by").begin_object();
        for (const auto& v : m.views) {
            j.key(view_name(v.view)).begin_object();
            j.kv("hhi", v.hhi).kv("cr1", v.cr1).kv("cr3", v.cr3);
            j.kv("effective_suppliers", v.effective_suppliers).key("flags").begin_array();
            for (auto f : flag_names(v.flags)) j.str(f);
            j.end_array().kv("holders", double(v.shares.size())).key("shares").begin_array();
            for (std::size_t i = 0; i < shown(v.shares.size(), top); ++i) {
                const auto& h = v.shares[i];
                j.begin_object().kv("key", h.key).kv("share", h.share).kv("output", h.output);
                j.end_object();
            }
            j.end_array().key("groups").begin_array();
            for (const auto& gs : v.groups) {
                j.begin_object().kv("group", gs.group).kv("share", gs.share);
                j.kv("output", gs.output).end_object();
            }
            j.end_array().end_object();
        }
        j.end_object().key("comparisons").begin_array();
        for (const auto& c : m.comparisons) {
            j.begin_object().kv("from", view_name(c.from)).kv("to", view_name(c.to));
            j.kv("delta_hhi", c.delta_hhi).kv("top_from", c.top_from).kv("top_to", c.top_to);
            j.key("top_changed").boolean(c.top_from != c.top_to).end_object();
        }
        j.end_array();
        if (m.crosstab) {
            const auto& ct = *m.crosstab;
            j.key("crosstab").begin_object().kv("owner_view", view_name(ct.owner_view));
            j.key("cells").begin_array();
            for (const auto& cell : ct.cells) {
                j.begin_object().kv("location", cell.location).kv("owner", cell.owner);
                j.kv("share", cell.share).kv("output", cell.output).end_object();
            }
            j.end_array().end_object();
        }
        j.end_object();
    }
    j.end_array().end_object();
    os << '\n';
}

void write_crosstab_text(std::ostream& os, const Crosstab& ct, std::size_t top) {
    const std::size_t rows = shown(ct.locations.size(), top), cols = shown(ct.owners.size(), top);
    const bool other_row = rows < ct.locations.size(), other_col = cols < ct.owners.size();
    os << "\nlocation × " << view_name(ct.owner_view) << ", share of total output\n";
    std::vector<std::string> head{"location"};
    for (std::size_t c = 0; c < cols; ++c) head.push_back(">" + std::string(ct.owners[c].key));
    if (other_col) head.push_back(">other");
    head.push_back(">total");
    // cell[r][c] over the shown rows/columns plus "other" at index rows/cols.
    std::vector<std::vector<double>> cell(rows + 1, std::vector<double>(cols + 1, 0.0));
    auto index = [](const std::vector<HolderShare>& hs, std::size_t n, std::string_view key) {
        for (std::size_t i = 0; i < n; ++i)
            if (hs[i].key == key) return i;
        return n;
    };
    for (const auto& x : ct.cells)
        cell[index(ct.locations, rows, x.location)][index(ct.owners, cols, x.owner)] += x.share;
    Table t(head);
    auto add = [&](std::string label, const std::vector<double>& values, double total) {
        std::vector<std::string> row{std::move(label)};
        for (std::size_t c = 0; c < cols + (other_col ? 1 : 0); ++c)
            row.push_back(values[c] > 0 ? format_percent(values[c]) : "");
        row.push_back(format_percent(total));
        t.add_row(std::move(row));
    };
    std::vector<double> col_total(cols + 1, 0.0);
    for (std::size_t i = 0; i <= rows; ++i) {
        double total = 0;
        for (std::size_t c = 0; c <= cols; ++c) (total += cell[i][c], col_total[c] += cell[i][c]);
        if (i < rows) add(std::string(ct.locations[i].key), cell[i], total);
        if (i == rows && other_row) add("other", cell[i], total);
    }
    add("total", col_total, 1.0);
    t.write_text(os);
}

void write_summary_text(std::ostream& os, const SupplyGraph& g, const MarketConcentration& m) {
    os << g.commodity_name(m.commodity) << " · " << g.stage_info(m.stage).id << " · "
       << format_number(m.total) << (m.unit.empty() ? "" : " ") << m.unit << " · "
       << format_number(double(m.producers)) << (m.producers == 1 ? " producer\n" : " producers\n");
    Table metrics({"view", ">HHI", ">CR1", ">CR3", ">effective suppliers", "flags"});
    for (const auto& v : m.views) {
        metrics.add_row({std::string(view_name(v.view)), format_number(v.hhi),
                         format_percent(v.cr1), format_percent(v.cr3),
                         format_number(v.effective_suppliers, 3),
                         v.flags ? join(flag_names(v.flags), ", ") : "-"});
    }
    metrics.write_text(os);
    for (const auto& c : m.comparisons) {
        os << view_name(c.to) << " vs " << view_name(c.from) << ": ΔHHI "
           << signed_number(c.delta_hhi) << ", top holder "
           << (c.top_from == c.top_to ? std::string(c.top_to) + " (unchanged)"
                                      : fmt::format("{} → {}", c.top_from, c.top_to))
           << '\n';
    }
}

// The holders of every view side by side, one rank per row.
void write_holders_text(std::ostream& os, const MarketConcentration& m, std::size_t top) {
    std::vector<std::string> head{">#"};
    std::size_t rows = 0;
    for (const auto& v : m.views) {
        head.insert(head.end(), {std::string(view_name(v.view)), ">share", ">output"});
        rows = std::max(rows, shown(v.shares.size(), top));
    }
    Table holders(head);
    for (std::size_t i = 0; i < rows; ++i) {
        std::vector<std::string> row{std::to_string(i + 1)};
        for (const auto& v : m.views) {
            if (i >= v.shares.size()) {
                row.insert(row.end(), 3, "");
                continue;
            }
            const auto& h = v.shares[i];
            row.insert(row.end(),
                       {std::string(h.key), format_percent(h.share), format_number(h.output)});
        }
        holders.add_row(std::move(row));
    }
    os << '\n';
    holders.write_text(os);
}

void write_groups_text(std::ostream& os, const MarketConcentration& m) {
    const auto first = std::find_if(m.views.begin(), m.views.end(),
                                    [](const auto& v) { return !v.groups.empty(); });
    if (first == m.views.end()) return;
    std::vector<std::string> head{"group"};
    for (const auto& v : m.views)
        if (is_country_view(v.view)) head.push_back(">" + std::string(view_name(v.view)));
    Table groups(head);
    for (std::size_t k = 0; k < first->groups.size(); ++k) {
        std::vector<std::string> row{std::string(first->groups[k].group)};
        for (const auto& v : m.views)
            if (is_country_view(v.view)) row.push_back(format_percent(v.groups[k].share));
        groups.add_row(std::move(row));
    }
    os << '\n';
    groups.write_text(os);
}

void write_text(std::ostream& os, const SupplyGraph& g, const ConcentrationResult& r,
                std::size_t top) {
    if (r.markets.empty()) os << "No markets.\n";
    for (std::size_t i = 0; i < r.markets.size(); ++i) {
        if (i) os << '\n';
        write_summary_text(os, g, r.markets[i]);
        write_holders_text(os, r.markets[i], top);
        write_groups_text(os, r.markets[i]);
        if (r.markets[i].crosstab) write_crosstab_text(os, *r.markets[i].crosstab, top);
    }
}

std::string num(double v) { return fmt::format("{}", v); }

void write_csv(std::ostream& os, const SupplyGraph& g, const ConcentrationResult& r,
               const std::vector<std::string>& groups, std::size_t top, bool crosstab) {
    std::vector<std::string> head{"commodity", "stage", "unit", "total"};
    if (crosstab) {
        head.insert(head.end(), {"owner_view", "location", "owner", "share", "output"});
    } else {
        head.insert(head.end(), {"view", "hhi", "cr1", "cr3", "effective_suppliers", "flags",
                                 "rank", "key", "share", "output"});
        for (const auto& id : groups) head.push_back("group_" + g.find_group(id)->id);
    }
    Table t(head);
    for (const auto& m : r.markets) {
        const std::vector<std::string> market{std::string(g.commodity_name(m.commodity)),
                                              g.stage_info(m.stage).id, std::string(m.unit),
                                              num(m.total)};
        if (crosstab) {
            for (const auto& c : m.crosstab->cells) {
                auto row = market;
                row.insert(row.end(),
                           {std::string(view_name(m.crosstab->owner_view)), std::string(c.location),
                            std::string(c.owner), num(c.share), num(c.output)});
                t.add_row(std::move(row));
            }
            continue;
        }
        for (const auto& v : m.views) {
            for (std::size_t i = 0; i < shown(v.shares.size(), top); ++i) {
                auto row = market;
                row.insert(row.end(),
                           {std::string(view_name(v.view)), num(v.hhi), num(v.cr1), num(v.cr3),
                            num(v.effective_suppliers), join(flag_names(v.flags), ";"),
                            std::to_string(i + 1), std::string(v.shares[i].key),
                            num(v.shares[i].share), num(v.shares[i].output)});
                for (const auto& gs : v.groups) row.push_back(num(gs.share));
                t.add_row(std::move(row));
            }
        }
    }
    t.write_csv(os);
}

}  // namespace

void add_concentration_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "concentration",
        "Market concentration per commodity: HHI, CR1/CR3, effective suppliers and threshold "
        "flags, by location, owner (equity), owner-control and company");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("--by", o->by,
                    "Views, comma-separated: location (default), owner, owner-control, company")
        ->delimiter(',');
    cmd->add_option("--commodity", o->commodities, "Only these commodities (comma-separated)")
        ->delimiter(',');
    cmd->add_option("--stage", o->stages, "Only markets of these stages (comma-separated ids)")
        ->delimiter(',');
    cmd->add_option("--group", o->groups,
                    "Add each country group's share per market (built-in or dataset groups)")
        ->delimiter(',');
    cmd->add_option("--top", o->top, "List only the N largest holders per view (0: all)")
        ->check(CLI::Validator(
            [](std::string& s) { return s.find('-') == 0 ? "must be 0 or more" : ""; }, "N"));
    cmd->add_flag("--crosstab", o->crosstab,
                  "Also print the location × owner matrix per market (CSV: only the matrix)");
    add_output_options(cmd, o->out);
    cmd->footer(
        "Flags: doj2010-moderate (1,500 <= HHI <= 2,500), doj2010-high (HHI > 2,500), doj2023 "
        "(HHI > 1,800),\nec-dependency (HHI > 4,000), crma-65 (one country > 65%). See "
        "docs/analyses/concentration.md.\nExample:\n  chokepoint concentration "
        "datasets/cobalt_mini.json --by location,owner --top 3");
    cmd->callback([o, &ctx] {
        const Dataset d = load(ctx, o->file);
        const auto result = measure_concentration(d.graph, to_options(d.graph, *o));
        write_output(ctx, o->out, [&](std::ostream& os) {
            switch (o->out.format) {
                case Format::table:
                    write_text(os, d.graph, result, o->top);
                    break;
                case Format::json:
                    write_json(os, d.graph, result, o->top);
                    break;
                case Format::csv:
                    write_csv(os, d.graph, result, o->groups, o->top, o->crosstab);
                    break;
            }
        });
    });
}

}  // namespace chokepoint::cli
