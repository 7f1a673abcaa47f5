// chokepoint sweep FILE: the stress test for every country (pair, group), ranked by loss.
#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <map>

#include "algorithms/sweep.hpp"
#include "tools/cli.hpp"
#include "tools/json_out.hpp"
#include "tools/table.hpp"

namespace chokepoint::cli {

namespace {

struct Opts {
    std::string file;
    SweepOptions sweep;
    std::string model = "immediate";
    std::size_t top = 10;
    OutputOptions out;
};

std::string percent(double v) { return format_percent(std::abs(v) < 5e-4 ? 0.0 : v); }

std::vector<double> baselines(const SupplyGraph& g) {
    std::vector<double> by_commodity(g.num_commodities(), 0.0), out;
    for (NodeId n : g.end_producers()) by_commodity[g.commodity(n)] += g.output(n);
    for (CommodityId c : g.end_products()) out.push_back(by_commodity[c]);
    return out;
}

void write_text(std::ostream& os, const SupplyGraph& g, const std::vector<SweepRow>& rows,
                const Opts& o) {
    os << "Sweep by " << cut_by_name(o.sweep.by) << ", " << model_name(o.sweep.model) << " model"
       << (o.sweep.model == Model::rerouting ? fmt::format(" ({} links)", links_name(o.sweep.links))
                                             : "")
       << ": " << rows.size() << " scenario" << (rows.size() == 1 ? "" : "s") << '\n';
    const auto base = baselines(g);
    for (std::size_t p = 0; p < g.end_products().size(); ++p) {
        const CommodityId c = g.end_products()[p];
        const auto ranked = rank_rows(rows, p);
        const std::size_t shown = o.top == 0 ? ranked.size() : std::min(o.top, ranked.size());
        os << '\n'
           << g.commodity_name(c) << " (" << g.commodity_unit(c) << ", baseline "
           << format_number(base[p]) << "): loss by scenario, top " << shown << '\n';
        Table t({">rank", "removed", ">loss", ">remaining"});
        for (std::size_t i = 0; i < shown; ++i) {
            const auto& r = rows[ranked[i]];
            t.add_row({std::to_string(i + 1), r.scenario.label, percent(r.loss[p]),
                       format_number(base[p] * (1.0 - r.loss[p]))});
        }
        t.write_text(os);
    }
    os << "\nLoss by scenario and end product\n";
    std::vector<std::string> head{"removed"};
    for (CommodityId c : g.end_products()) head.push_back(">" + std::string(g.commodity_name(c)));
    Table matrix(head);
    for (const auto& r : rows) {
        std::vector<std::string> cells{r.scenario.label};
        for (double l : r.loss) cells.push_back(percent(l));
        matrix.add_row(std::move(cells));
    }
    matrix.write_text(os);
}

void write_json(std::ostream& os, const SupplyGraph& g, const std::vector<SweepRow>& rows,
                const Opts& o) {
    Json j(os);
    j.begin_object().kv("by", cut_by_name(o.sweep.by)).kv("model", model_name(o.sweep.model));
    if (o.sweep.model == Model::rerouting) j.kv("links", links_name(o.sweep.links));
    j.key("rows").begin_array();
    for (const auto& r : rows) {
        j.begin_object().kv("label", r.scenario.label).key("remove").begin_array();
        for (Country c : r.scenario.countries) j.str(country_code(c));
        j.end_array().key("products").begin_object();
        for (std::size_t p = 0; p < r.loss.size(); ++p)
            j.kv(g.commodity_name(g.end_products()[p]), r.loss[p]);
        j.end_object().end_object();
    }
    j.end_array().end_object();
    os << '\n';
}

void write_csv(std::ostream& os, const SupplyGraph& g, const std::vector<SweepRow>& rows) {
    std::vector<std::string> head{"removed"};
    for (CommodityId c : g.end_products()) head.emplace_back(g.commodity_name(c));
    Table t(head);
    for (const auto& r : rows) {
        std::vector<std::string> cells{r.scenario.label};
        for (double l : r.loss) cells.push_back(fmt::format("{}", l));
        t.add_row(std::move(cells));
    }
    t.write_csv(os);
}

// A progress line redrawn at most ten times a second, only on an interactive standard error.
std::function<void(std::size_t, std::size_t)> progress_line(const Context& ctx) {
    if (ctx.err != &std::cerr || !::isatty(STDERR_FILENO)) return {};
    auto last = std::make_shared<std::chrono::steady_clock::time_point>();
    return [last, &ctx](std::size_t done, std::size_t total) {
        const auto now = std::chrono::steady_clock::now();
        if (done < total && now - *last < std::chrono::milliseconds(100)) return;
        *last = now;
        *ctx.err << fmt::format("\rsweep: {}/{} scenarios", done, total)
                 << (done == total ? "\n" : "") << std::flush;
    };
}

void run_sweep_command(const Context& ctx, Opts& o) {
    const Dataset d = load(ctx, o.file);
    const auto& g = d.graph;
    o.sweep.model = o.model == "rerouting" ? Model::rerouting : Model::immediate;
    const auto scenarios = sweep_scenarios(g, o.sweep);
    const auto countries = sweep_countries(g, o.sweep.by).size();
    *ctx.err << "sweep: " << scenarios.size() << " scenario" << (scenarios.size() == 1 ? "" : "s")
             << " (" << countries << " countries by " << cut_by_name(o.sweep.by)
             << (o.sweep.k == 2 ? fmt::format(", {} pairs", countries * (countries - 1) / 2) : "")
             << (o.sweep.groups ? ", groups" : "") << ")\n";
    o.sweep.progress = progress_line(ctx);
    const auto rows = run_sweep(g, scenarios, o.sweep);
    write_output(ctx, o.out, [&](std::ostream& os) {
        if (o.out.format == Format::json)
            write_json(os, g, rows, o);
        else if (o.out.format == Format::csv)
            write_csv(os, g, rows);
        else
            write_text(os, g, rows, o);
    });
}

}  // namespace

void add_sweep_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "sweep", "Cut off every country in turn (and pairs, groups): losses ranked per product");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    static const std::map<std::string, CutBy> kBy{{"location", CutBy::location},
                                                  {"owner", CutBy::owner},
                                                  {"owner-equity", CutBy::owner_equity},
                                                  {"embargo", CutBy::embargo}};
    cmd->add_option("--by", o->sweep.by,
                    "How a country is cut: location (default), owner, owner-equity or embargo")
        ->transform(CLI::CheckedTransformer(kBy, CLI::ignore_case));
    cmd->add_option("--model", o->model, "immediate (default) or rerouting")
        ->check(CLI::IsMember({"immediate", "rerouting"}));
    static const std::map<std::string, Links> kLinks{{"existing", Links::existing},
                                                     {"market", Links::market}};
    cmd->add_option("--links", o->sweep.links,
                    "Rerouting over existing edges (default) or the market")
        ->transform(CLI::CheckedTransformer(kLinks, CLI::ignore_case));
    cmd->add_option("--k", o->sweep.k, "1: every country (default); 2: and every pair")
        ->check(CLI::Range(1, 2));
    cmd->add_flag("--groups", o->sweep.groups,
                  "Also cut every country group with a member present");
    cmd->add_option("--top", o->top, "Scenarios ranked per end product in the table (0: all)");
    cmd->add_option("--threads", o->sweep.threads, "Threads (default: all cores)")
        ->check(CLI::NonNegativeNumber);
    add_output_options(cmd, o->out);
    cmd->footer(
        "The scenario count goes to standard error first; a progress line follows on a terminal.\n"
        "Example:\n  chokepoint sweep datasets/cobalt_mini.json --k 2 --top 5");
    cmd->callback([o, &ctx] { run_sweep_command(ctx, *o); });
}

}  // namespace chokepoint::cli
