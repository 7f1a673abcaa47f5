// chokepoint stress FILE: what survives when countries, groups or nodes are cut off.
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include "algorithms/stress.hpp"
#include "tools/cli.hpp"
#include "tools/json_out.hpp"
#include "tools/scenario_file.hpp"
#include "tools/table.hpp"

namespace chokepoint::cli {

namespace {

struct Opts {
    std::string file;
    std::vector<std::string> remove, remove_group, keep_group, remove_node, scenarios;
    std::string scenario_file;
    CutBy by = CutBy::location;
    std::string model = "immediate";
    Links links = Links::existing;
    std::size_t top = 10, max_causes = 8;
    OutputOptions out;
};

struct Run {
    const Scenario* scenario;
    StressResult result;
};

// -0.0% and "-0.0%" from simplex dust read as 0.0%.
std::string percent(double v) { return format_percent(std::abs(v) < 5e-4 ? 0.0 : v); }

std::vector<Scenario> all_scenarios(const SupplyGraph& g, const Opts& o) {
    std::vector<Scenario> out;
    if (auto s =
            scenario_from_options(g, {o.remove, o.remove_group, o.keep_group, o.remove_node}, o.by))
        out.push_back(std::move(*s));
    for (const auto& text : o.scenarios) out.push_back(scenario_from_text(g, text, o.by));
    if (!o.scenario_file.empty()) {
        auto more = read_scenario_file(g, o.scenario_file, o.by);
        out.insert(out.end(), more.begin(), more.end());
    }
    if (out.empty()) out.push_back(Scenario{.label = "baseline"});
    return out;
}

std::string column(const Run& r, std::size_t index) {
    return fmt::format("[{}] {}", index + 1, model_name(r.result.model));
}

// Scenario index of each run (runs are grouped by scenario, models in order).
std::size_t scenario_index(const std::vector<Run>& runs, std::size_t i) {
    std::size_t k = 0;
    for (std::size_t j = 1; j <= i; ++j)
        if (runs[j].scenario != runs[j - 1].scenario) ++k;
    return k;
}

std::string causes(const SupplyGraph& g, const HitNode& h) {
    std::vector<std::string> items;
    for (NodeId n : h.removed) items.emplace_back(g.id(n));
    for (EdgeId e : h.cut) items.push_back(fmt::format("{}>{}", g.id(g.from(e)), g.id(g.to(e))));
    if (h.more) items.emplace_back("…");
    return fmt::format("{}", fmt::join(items, ", "));
}

std::string short_of(const SupplyGraph& g, const HitNode& h) {
    std::vector<std::string> items;
    for (CommodityId c : h.short_of) items.emplace_back(g.commodity_name(c));
    return fmt::format("{}", fmt::join(items, ", "));
}

// Nodes whose own limit binds go on one line; the table lists the knock-on effects.
void write_hits(std::ostream& os, const SupplyGraph& g, const Run& r, std::size_t index,
                std::size_t top) {
    std::vector<const HitNode*> own, downstream;
    for (const auto& h : r.result.hits) (h.limited ? own : downstream).push_back(&h);
    const std::size_t cap = top == 0 ? SIZE_MAX : top;
    const std::size_t shown = std::min(cap, downstream.size());
    os << "\n[" << index + 1 << "] " << r.scenario->label << ": " << own.size()
       << " removed or cut back, " << downstream.size() << " hit downstream";
    if (shown < downstream.size()) os << " (showing " << shown << ")";
    os << '\n';
    if (!own.empty()) {
        os << "removed or cut back: ";
        for (std::size_t i = 0; i < own.size() && i < cap; ++i)
            os << (i ? ", " : "") << g.id(own[i]->node)
               << (own[i]->fraction > 0 ? " (" + percent(own[i]->fraction) + " left)" : "");
        if (own.size() > cap) os << ", … (" << own.size() - cap << " more)";
        os << '\n';
    }
    if (shown == 0) return;
    Table t({"node", ">output left", "short of", "traces back to"});
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& h = *downstream[i];
        t.add_row({std::string(g.id(h.node)), percent(h.fraction), short_of(g, h), causes(g, h)});
    }
    t.write_text(os);
}

void write_products(std::ostream& os, const SupplyGraph& g, const std::vector<Run>& runs) {
    os << "\nLoss of each end product (share of baseline output; negative = headroom)\n";
    std::vector<std::string> head{"product", "unit", ">baseline"};
    for (std::size_t i = 0; i < runs.size(); ++i)
        head.push_back(">" + column(runs[i], scenario_index(runs, i)));
    Table products(head);
    for (std::size_t p = 0; p < g.end_products().size(); ++p) {
        const CommodityId c = g.end_products()[p];
        std::vector<std::string> row{std::string(g.commodity_name(c)),
                                     std::string(g.commodity_unit(c)),
                                     format_number(runs[0].result.products[p].baseline)};
        for (const auto& r : runs) row.push_back(percent(r.result.products[p].loss));
        products.add_row(std::move(row));
    }
    products.write_text(os);
}

void write_commodities(std::ostream& os, const SupplyGraph& g, const std::vector<Run>& runs,
                       const std::vector<std::size_t>& immediate) {
    os << "\nOutput lost by stage and commodity (immediate model)\n";
    std::vector<std::string> head{"stage", "commodity", ">baseline"};
    for (auto i : immediate) head.push_back(fmt::format(">[{}]", scenario_index(runs, i) + 1));
    Table stages(head);
    const auto& first = runs[immediate[0]].result.commodities;
    for (std::size_t k = 0; k < first.size(); ++k) {
        std::vector<std::string> row{g.stage_info(first[k].stage).id,
                                     std::string(g.commodity_name(first[k].commodity)),
                                     format_number(first[k].baseline)};
        for (auto i : immediate) row.push_back(percent(runs[i].result.commodities[k].loss));
        stages.add_row(std::move(row));
    }
    stages.write_text(os);
}

void write_text(std::ostream& os, const SupplyGraph& g, const std::vector<Run>& runs,
                std::size_t top) {
    os << "Scenarios\n";
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (i == 0 || runs[i].scenario != runs[i - 1].scenario)
            os << "  [" << scenario_index(runs, i) + 1 << "] " << runs[i].scenario->label << '\n';
    write_products(os, g, runs);
    std::vector<std::size_t> immediate;
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (runs[i].result.model == Model::immediate) immediate.push_back(i);
    if (immediate.empty()) return;
    write_commodities(os, g, runs, immediate);
    for (auto i : immediate) write_hits(os, g, runs[i], scenario_index(runs, i), top);
}

void write_scenario_json(Json& j, const SupplyGraph& g, const Run& r) {
    const Scenario& s = *r.scenario;
    j.begin_object().kv("label", s.label);
    for (bool keep : {false, true}) {
        j.key(keep ? "keep" : "remove").begin_array();
        if (s.keep == keep)
            for (Country c : s.countries) j.str(country_code(c));
        j.end_array();
    }
    j.key("remove_nodes").begin_array();
    for (NodeId n : s.nodes) j.str(g.id(n));
    j.end_array().kv("by", cut_by_name(s.by)).kv("model", model_name(r.result.model));
}

void write_json(std::ostream& os, const SupplyGraph& g, const std::vector<Run>& runs, Links links) {
    Json j(os);
    j.begin_object().key("scenarios").begin_array();
    for (const auto& r : runs) {
        write_scenario_json(j, g, r);
        const bool lp = r.result.model == Model::rerouting;
        if (lp) j.kv("links", links_name(links));
        j.key("products").begin_array();
        for (const auto& p : r.result.products) {
            j.begin_object().kv("product", g.commodity_name(p.product));
            j.kv("baseline", p.baseline).kv("remaining", p.remaining).kv("loss", p.loss);
            if (lp) j.kv("remaining_fraction", p.remaining_fraction);
            j.end_object();
        }
        j.end_array().key("commodities").begin_array();
        for (const auto& c : r.result.commodities) {
            j.begin_object()
                .kv("stage", g.stage_info(c.stage).id)
                .kv("commodity", g.commodity_name(c.commodity))
                .kv("baseline", c.baseline)
                .kv("remaining", c.remaining)
                .kv("loss", c.loss)
                .end_object();
        }
        j.end_array().key("nodes").begin_array();
        for (const auto& h : r.result.hits) {
            j.begin_object().kv("id", g.id(h.node)).kv("fraction", h.fraction);
            j.key("removed").boolean(h.limited).key("short_of").begin_array();
            for (CommodityId c : h.short_of) j.str(g.commodity_name(c));
            j.end_array().key("traces_to").begin_object().key("nodes").begin_array();
            for (NodeId n : h.removed) j.str(g.id(n));
            j.end_array().key("edges").begin_array();
            for (EdgeId e : h.cut)
                j.begin_object().kv("from", g.id(g.from(e))).kv("to", g.id(g.to(e))).end_object();
            j.end_array().key("more").boolean(h.more).end_object().end_object();
        }
        j.end_array().end_object();
    }
    j.end_array().end_object();
    os << '\n';
}

void write_csv(std::ostream& os, const SupplyGraph& g, const std::vector<Run>& runs) {
    Table t({"scenario", "by", "model", "product", "baseline", "remaining", "remaining_fraction",
             "loss"});
    for (const auto& r : runs) {
        for (const auto& p : r.result.products) {
            t.add_row({r.scenario->label, std::string(cut_by_name(r.scenario->by)),
                       std::string(model_name(r.result.model)),
                       std::string(g.commodity_name(p.product)), fmt::format("{}", p.baseline),
                       fmt::format("{}", p.remaining), fmt::format("{}", p.remaining_fraction),
                       fmt::format("{}", p.loss)});
        }
    }
    t.write_csv(os);
}

void run_stress(const Context& ctx, const Opts& o) {
    const Dataset d = load(ctx, o.file);
    const auto& g = d.graph;
    const auto scenarios = all_scenarios(g, o);
    std::vector<Model> models;
    if (o.model != "rerouting") models.push_back(Model::immediate);
    if (o.model != "immediate") models.push_back(Model::rerouting);
    std::vector<Run> runs;
    for (const auto& s : scenarios)
        for (Model m : models)
            runs.push_back(
                {&s, stress_test(
                         g, s,
                         {.model = m, .links = o.links, .explain = {.max_causes = o.max_causes}})});
    write_output(ctx, o.out, [&](std::ostream& os) {
        if (o.out.format == Format::json)
            write_json(os, g, runs, o.links);
        else if (o.out.format == Format::csv)
            write_csv(os, g, runs);
        else
            write_text(os, g, runs, o.top);
    });
}

}  // namespace

void add_stress_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "stress",
        "What survives when countries, groups or nodes are cut off (docs/analyses/stress.md)");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("--remove", o->remove, "Countries (or groups) to cut off: CN,RU")
        ->delimiter(',');
    cmd->add_option("--remove-group", o->remove_group, "A country group to cut off: G7")
        ->delimiter(',');
    cmd->add_option("--keep-group", o->keep_group,
                    "Only this group produces (coalition self-sufficiency)")
        ->delimiter(',');
    cmd->add_option("--remove-node", o->remove_node, "Node ids to remove outright");
    static const std::map<std::string, CutBy> kBy{{"location", CutBy::location},
                                                  {"owner", CutBy::owner},
                                                  {"owner-equity", CutBy::owner_equity},
                                                  {"embargo", CutBy::embargo}};
    cmd->add_option("--by", o->by,
                    "How a country is cut: location (default), owner, owner-equity "
                    "or embargo")
        ->transform(CLI::CheckedTransformer(kBy, CLI::ignore_case));
    cmd->add_option("--model", o->model, "immediate (default), rerouting or both")
        ->check(CLI::IsMember({"immediate", "rerouting", "both"}));
    static const std::map<std::string, Links> kLinks{{"existing", Links::existing},
                                                     {"market", Links::market}};
    cmd->add_option("--links", o->links, "Rerouting over existing edges (default) or the market")
        ->transform(CLI::CheckedTransformer(kLinks, CLI::ignore_case));
    cmd->add_option("--scenario", o->scenarios,
                    "A scenario, repeatable: \"remove CN,RU by owner\", \"keep G7\", "
                    "\"remove node:ID\"");
    cmd->add_option("--scenario-file", o->scenario_file, "Scenarios from a JSON file");
    cmd->add_option("--top", o->top, "Hit nodes listed per scenario in the table (0: all)");
    cmd->add_option("--max-causes", o->max_causes, "Removed nodes/cut edges kept per hit node");
    add_output_options(cmd, o->out);
    cmd->footer(
        "Without any removal it reports the baseline (with rerouting: the headroom).\nExample:\n"
        "  chokepoint stress datasets/cobalt_mini.json --remove CD --model both");
    cmd->callback([o, &ctx] { run_stress(ctx, *o); });
}

}  // namespace chokepoint::cli
