// chokepoint report FILE -o report.html: one self-contained HTML page with the analyses, the
// diagrams and the sources; the key findings also go to standard output.
#include <fmt/format.h>

#include <algorithm>

#include "algorithms/concentration.hpp"
#include "algorithms/dominators.hpp"
#include "algorithms/spof.hpp"
#include "tools/cli.hpp"
#include "tools/report_data.hpp"
#include "tools/table.hpp"
#include "tools/viz_support.hpp"
#include "viz/graphviz.hpp"
#include "viz/html_report.hpp"
#include "viz/sankey.hpp"

namespace chokepoint::cli {

namespace {

using viz::HtmlCell;
using viz::HtmlTable;

HtmlCell num(double v, std::string text, std::string background = {}) {
    return {std::move(text), v, std::move(background), {}};
}
HtmlCell ordered(double v, std::string text) { return {std::move(text), v, {}, {}, true}; }
HtmlCell pct(double v, bool heat = false) {
    return num(v, format_percent(v), heat ? viz::heat_colour(v) : std::string());
}
HtmlCell country(Country c, std::string text = {}) {
    return {text.empty() ? std::string(country_name(c)) : std::move(text), NAN, {}, c};
}
std::string name(const SupplyGraph& g, NodeId n) { return std::string(g.name(n)); }
std::string stage_name(const SupplyGraph& g, StageId s) {
    return g.stage_info(s).name.empty() ? g.stage_info(s).id : g.stage_info(s).name;
}

// DOJ/FTC 2010 Horizontal Merger Guidelines §5.3 bands.
std::string hhi_level(double hhi) {
    return hhi > 2500 ? "high" : hhi >= 1500 ? "moderate" : "unconcentrated";
}

HtmlTable concentration_table(const SupplyGraph& g, const ConcentrationResult& c,
                              std::size_t view) {
    HtmlTable t{
        view == 0 ? "By location (where production happens)"
                  : "By owner (output split by owners' countries)",
        {"Market", "Stage", "Producers", "Top country", "Top share", "Top 3", "HHI", "Level"},
        {}};
    for (const auto& m : c.markets) {
        const auto& v = m.views[view];
        if (v.shares.empty()) continue;
        std::string top3;
        for (std::size_t i = 0; i < v.shares.size() && i < 3; ++i) {
            top3 += fmt::format("{}{} {}", i ? ", " : "", v.shares[i].key,
                                format_percent(v.shares[i].share));
        }
        const auto top = parse_country(v.shares[0].key);
        t.rows.push_back({{std::string(g.commodity_name(m.commodity))},
                          {stage_name(g, m.stage)},
                          num(double(m.producers), format_number(double(m.producers))),
                          top ? country(*top) : HtmlCell{std::string(v.shares[0].key)},
                          pct(v.cr1, true),
                          ordered(v.cr3, top3),
                          num(v.hhi, format_number(v.hhi), viz::heat_colour(v.hhi / 10000)),
                          {hhi_level(v.hhi)}});
    }
    return t;
}

viz::HtmlSection chokepoints_section(const SupplyGraph& g, const std::vector<NodeId>& spof,
                                     const std::vector<ProductSpof>& product_spofs) {
    viz::HtmlSection s{"chokepoints", "Chokepoints", {}, {}, {}, {}};
    s.paragraphs.push_back(
        "Single points of failure: facilities whose removal alone stops an end product completely "
        "(immediate model, no rerouting; end producers left out). A dominator of an end product "
        "is a facility that every supply path from the raw materials to its makers passes "
        "through; every dominator is a single point of failure, but a facility can also stop a "
        "product by being the only source of one of several inputs it needs.");
    // Per facility: the products it stops, and those it dominates.
    std::vector<std::string> stops(g.num_nodes()), dominates(g.num_nodes());
    auto add = [&](std::string& list, CommodityId p) {
        list += (list.empty() ? "" : ", ") + std::string(g.commodity_name(p));
    };
    for (const auto& p : product_spofs)
        for (NodeId n : p.nodes) add(stops[n], p.product);
    const auto tree = find_dominators(g);
    for (CommodityId p : g.end_products())
        for (NodeId n : product_dominators(g, tree, p)) add(dominates[n], p);
    HtmlTable t{"Single points of failure",
                {"Facility", "Stage", "Country", "End products stopped", "Dominator of"},
                {}};
    for (NodeId n : spof) {
        t.rows.push_back({{name(g, n)},
                          {stage_name(g, g.stage(n))},
                          country(g.country(n)),
                          {stops[n]},
                          {dominates[n].empty() ? "–" : dominates[n]}});
    }
    s.tables.push_back(std::move(t));
    const auto share = flow_through_shares(g);
    HtmlTable c{"Most central: share of end-product output whose supply runs through the facility",
                {"Facility", "Stage", "Country", "Flow-through share"},
                {}};
    for (NodeId n : most_central(g, 10))
        c.rows.push_back({{name(g, n)},
                          {stage_name(g, g.stage(n))},
                          country(g.country(n)),
                          pct(share[n], true)});
    s.tables.push_back(std::move(c));
    return s;
}

HtmlTable sweep_table(const SupplyGraph& g, const std::vector<CountryLoss>& sweep) {
    HtmlTable t{"Loss of each end product when a country is cut off by location", {"Country"}, {}};
    for (CommodityId p : g.end_products()) t.headers.emplace_back(g.commodity_name(p));
    t.headers.insert(t.headers.end(), {"Worst", "Mean"});
    for (const auto& r : sweep) {
        std::vector<HtmlCell> row{country(r.country)};
        for (double l : r.loss) row.push_back(pct(l, true));
        row.push_back(pct(r.worst, true));
        row.push_back(pct(r.mean, true));
        t.rows.push_back(std::move(row));
    }
    return t;
}

std::string diagram_svg(const SupplyGraph& g, const viz::Overlay& o, const viz::Highlight& h,
                        viz::Aggregation a) {
    return viz::render_diagram(viz::make_diagram(g, o, h, {.aggregation = a}), "svg");
}

// The first row of the sweep that is a real country: ZZ (rest of world) is a placeholder.
const CountryLoss* worst_country(const std::vector<CountryLoss>& sweep) {
    for (const auto& r : sweep)
        if (country_code(r.country) != "ZZ") return &r;
    return nullptr;
}

using Findings = std::vector<std::pair<std::string, std::string>>;

Findings key_findings(const SupplyGraph& g, const ConcentrationResult& concentration,
                      const std::vector<CountryLoss>& sweep, const std::vector<NodeId>& spof) {
    Findings f;
    const auto& markets = concentration.markets;
    const auto top = std::max_element(markets.begin(), markets.end(), [](auto& a, auto& b) {
        return a.views[0].hhi < b.views[0].hhi;
    });
    if (top != markets.end() && !top->views[0].shares.empty()) {
        const auto& v = top->views[0];
        f.emplace_back("most concentrated market",
                       fmt::format("{}: {} {} (HHI {})", g.commodity_name(top->commodity),
                                   v.shares[0].key, format_percent(v.cr1), format_number(v.hhi)));
    }
    if (const auto* worst = worst_country(sweep); worst && !g.end_products().empty()) {
        const auto& w = *worst;
        const auto k = std::size_t(std::max_element(w.loss.begin(), w.loss.end()) - w.loss.begin());
        f.emplace_back("worst country cut-off",
                       fmt::format("remove {} by location: {} -{}", country_code(w.country),
                                   g.commodity_name(g.end_products()[k]), format_percent(w.worst)));
    }
    f.emplace_back("single points of failure", format_number(double(spof.size())));
    if (const auto central = most_central(g, 1); !central.empty()) {
        f.emplace_back("most central facility",
                       fmt::format("{} ({}, {} of end output)", g.name(central[0]),
                                   country_code(g.country(central[0])),
                                   format_percent(flow_through_shares(g)[central[0]])));
    }
    return f;
}

viz::HtmlSection summary_section(const SupplyGraph& g, const Findings& findings) {
    viz::HtmlSection s{"summary", "Summary", {}, {}, {}, {}};
    if (!g.info().description.empty()) s.paragraphs.push_back(g.info().description);
    if (!g.info().notes.empty()) s.paragraphs.push_back(g.info().notes);
    HtmlTable t{"Key findings", {"Finding", "Value"}, {}};
    for (const auto& [k, v] : findings) t.rows.push_back({{k}, {v}});
    s.tables.push_back(std::move(t));
    HtmlTable stages{"Stages", {"Stage", "Facilities", "Countries"}, {}};
    std::vector<std::size_t> count(g.num_stages(), 0);
    std::vector<std::vector<bool>> seen(g.num_stages(), std::vector<bool>(kNumCountries, false));
    std::vector<std::size_t> countries(g.num_stages(), 0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        ++count[g.stage(n)];
        if (!seen[g.stage(n)][g.country(n)])
            seen[g.stage(n)][g.country(n)] = true, ++countries[g.stage(n)];
    }
    for (StageId st = 0; st < g.num_stages(); ++st) {
        stages.rows.push_back({ordered(double(st), stage_name(g, st)),
                               num(double(count[st]), format_number(double(count[st]))),
                               num(double(countries[st]), format_number(double(countries[st])))});
    }
    s.tables.push_back(std::move(stages));
    return s;
}

viz::HtmlSection diagrams_section(const SupplyGraph& g, const std::vector<CountryLoss>& sweep,
                                  const std::optional<Scenario>& extra, viz::Aggregation a) {
    viz::HtmlSection s{"diagrams", "Diagrams", {}, {}, {}, {}};
    s.paragraphs.push_back(
        "Stages run left to right; boxes are coloured by location country and sized by market "
        "share; a double border marks control from another country. Click a diagram to see it at "
        "full size.");
    s.figures.push_back({diagram_svg(g, {}, {}, a), "Baseline"});
    std::vector<Scenario> scenarios;
    if (extra) scenarios.push_back(*extra);
    if (const auto* worst = worst_country(sweep); worst && worst->worst > 0) {
        const Country c = worst->country;
        scenarios.push_back(
            {.label = "remove " + std::string(country_code(c)) + " by location", .countries = {c}});
    }
    for (const auto& sc : scenarios) {
        const auto outcome = scenario_outcome(g, sc);
        s.figures.push_back(
            {diagram_svg(g, outcome.overlay, {}, a),
             "Scenario: " + sc.label +
                 (extra && &sc == &scenarios.front() ? "" : " (the worst single country)")});
    }
    return s;
}

viz::HtmlSection sources_section(const SupplyGraph& g) {
    viz::HtmlSection s{"sources", "Sources", {}, {}, {}, {}};
    for (const auto& src : g.sources()) {
        std::string item = "[" + src.id + "] " + src.citation;
        if (!src.locator.empty()) item += " (" + src.locator + ")";
        if (!src.url.empty()) item += " " + src.url;
        s.items.push_back(std::move(item));
    }
    if (!g.info().license.empty()) s.paragraphs.push_back("License: " + g.info().license);
    return s;
}

viz::HtmlReport build_report(const SupplyGraph& g, const ConcentrationResult& concentration,
                             const Findings& findings, const std::vector<CountryLoss>& sweep,
                             const std::vector<NodeId>& spof,
                             const std::vector<ProductSpof>& product_spofs,
                             const std::optional<Scenario>& extra, viz::Aggregation aggregation) {
    viz::HtmlReport r{g.info().name.empty() ? "chokepoint report" : g.info().name, {}, {}};
    r.subtitle =
        fmt::format("{}{} facilities, {} links, {} countries · chokepoint {}",
                    g.info().year ? std::to_string(*g.info().year) + " · " : "",
                    format_number(double(g.num_nodes())), format_number(double(g.num_edges())),
                    g.countries().size(), CHOKEPOINT_VERSION);
    r.sections.push_back(summary_section(g, findings));
    r.sections.push_back(
        {"concentration",
         "Concentration",
         {"Country shares of each market's output. HHI = 10,000 × Σ share²; "
          "levels follow the 2010 US Horizontal Merger Guidelines (above "
          "2,500 high, 1,500-2,500 moderate)."},
         {concentration_table(g, concentration, 0), concentration_table(g, concentration, 1)},
         {},
         {}});
    r.sections.push_back(chokepoints_section(g, spof, product_spofs));
    r.sections.push_back({"sweep",
                          "Country sweep",
                          {"Every country where a facility is located, cut off in turn "
                           "(immediate model: no rerouting, no stocks)."},
                          {sweep_table(g, sweep)},
                          {},
                          {}});
    r.sections.push_back(diagrams_section(g, sweep, extra, aggregation));
    r.sections.push_back({"sankey",
                          "Flows by country",
                          {"Stages as columns, countries as bands (height: share of the "
                           "stage); ribbons carry the flows between countries."},
                          {},
                          {{viz::sankey_svg(g), "Sankey of the baseline"}},
                          {}});
    r.sections.push_back(sources_section(g));
    return r;
}

struct ReportOpts {
    std::string file, output, scenario;
};

}  // namespace

void add_report_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<ReportOpts>();
    auto* cmd = app.add_subcommand(
        "report",
        "Write one self-contained HTML report: concentration, chokepoints, country "
        "sweep, diagrams, Sankey, sources");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("-o,--output", o->output, "Write the report to FILE (atomically)")->required();
    cmd->add_option("--scenario", o->scenario,
                    "Also draw this scenario, e.g. \"remove CN by owner\" (same syntax as stress)");
    cmd->footer(
        "Prints the key findings and the report's path.\nExample:\n  chokepoint report "
        "datasets/cobalt_mini.json -o cobalt.html");
    cmd->callback([o, &ctx] {
        const Dataset d = load(ctx, o->file);
        const auto& g = d.graph;
        std::optional<Scenario> extra;
        if (!o->scenario.empty()) extra = parse_scenario_arg(g, o->scenario);
        const auto aggregation = choose_aggregation(g, "auto", *ctx.err);
        const auto product_spofs = find_spofs(g);
        const auto spof = single_points_of_failure(g, product_spofs);
        const auto sweep = country_sweep(g);
        const auto concentration = measure_concentration(
            g, {.views = {ConcentrationView::location, ConcentrationView::owner}});
        const auto findings = key_findings(g, concentration, sweep, spof);

        const auto r = build_report(g, concentration, findings, sweep, spof, product_spofs, extra,
                                    aggregation);
        write_output(ctx, {.path = o->output},
                     [&](std::ostream& os) { viz::write_html_report(os, r); });
        Table t({"finding", "value"});
        for (const auto& [k, v] : findings) t.add_row({k, v});
        t.write_text(*ctx.out);
        *ctx.out << "\nReport written to " << o->output << '\n';
    });
}

}  // namespace chokepoint::cli
