// chokepoint info FILE: what a dataset holds.
#include <fmt/format.h>

#include <algorithm>

#include "tools/cli.hpp"
#include "tools/json_out.hpp"
#include "tools/table.hpp"

namespace chokepoint::cli {

namespace {

struct CommodityRow {
    CommodityId c;
    std::string stage;
    double total = 0;
    std::size_t producers = 0;
    bool end_product = false;
};

std::vector<CommodityRow> commodity_rows(const SupplyGraph& g) {
    std::vector<CommodityRow> rows;
    std::vector<bool> is_end(g.num_commodities(), false);
    for (auto c : g.end_products()) is_end[c] = true;
    for (CommodityId c = 0; c < g.num_commodities(); ++c) {
        CommodityRow r{c, {}, 0, g.producers(c).size(), is_end[c]};
        for (auto n : g.producers(c)) r.total += g.output(n);
        r.stage = g.stage_info(g.stage(g.producers(c).front())).id;
        rows.push_back(std::move(r));
    }
    std::sort(rows.begin(), rows.end(), [&](const auto& a, const auto& b) {
        const auto sa = g.stage(g.producers(a.c).front()), sb = g.stage(g.producers(b.c).front());
        return sa != sb ? sa < sb : g.commodity_name(a.c) < g.commodity_name(b.c);
    });
    return rows;
}

std::string ids(const SupplyGraph& g, std::span<const NodeId> nodes, std::size_t limit) {
    std::string s;
    for (std::size_t i = 0; i < nodes.size() && i < limit; ++i)
        s += (i ? ", " : "") + std::string(g.id(nodes[i]));
    if (nodes.size() > limit) s += ", … (" + std::to_string(nodes.size() - limit) + " more)";
    return s;
}

void write_json(std::ostream& os, const Dataset& d) {
    const auto& g = d.graph;
    Json j(os);
    j.begin_object().kv("name", g.info().name).kv("description", g.info().description);
    j.key("year");
    if (g.info().year)
        j.num(*g.info().year);
    else
        j.null();
    j.kv("license", g.info().license)
        .kv("nodes", double(g.num_nodes()))
        .kv("edges", double(g.num_edges()));
    j.key("acyclic").boolean(g.is_acyclic());
    j.key("stages").begin_array();
    std::vector<std::size_t> per_stage(g.num_stages(), 0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) ++per_stage[g.stage(n)];
    for (StageId s = 0; s < g.num_stages(); ++s) {
        j.begin_object()
            .kv("id", g.stage_info(s).id)
            .kv("name", g.stage_info(s).name)
            .kv("nodes", double(per_stage[s]))
            .end_object();
    }
    j.end_array().key("commodities").begin_array();
    for (const auto& r : commodity_rows(g)) {
        j.begin_object()
            .kv("commodity", g.commodity_name(r.c))
            .kv("stage", r.stage)
            .kv("unit", g.commodity_unit(r.c));
        j.kv("producers", double(r.producers))
            .kv("total_output", r.total)
            .key("end_product")
            .boolean(r.end_product)
            .end_object();
    }
    j.end_array().key("countries").begin_array();
    for (auto c : g.countries()) {
        j.begin_object()
            .kv("code", country_code(c))
            .kv("name", country_name(c))
            .kv("nodes", double(g.nodes_in(c).size()))
            .end_object();
    }
    j.end_array().key("end_products").begin_array();
    for (auto c : g.end_products()) j.str(g.commodity_name(c));
    j.end_array().key("source_nodes").begin_array();
    for (auto n : g.source_nodes()) j.str(g.id(n));
    j.end_array().key("end_producers").begin_array();
    for (auto n : g.end_producers()) j.str(g.id(n));
    j.end_array().key("sources").begin_array();
    for (const auto& s : g.sources())
        j.begin_object().kv("id", s.id).kv("citation", s.citation).kv("url", s.url).end_object();
    j.end_array().key("warnings").begin_array();
    for (const auto& w : d.warnings) j.str(w);
    j.end_array().end_object();
    os << '\n';
}

void write_text(std::ostream& os, const Dataset& d) {
    const auto& g = d.graph;
    os << g.info().name << (g.info().year ? " (" + std::to_string(*g.info().year) + ")" : "")
       << '\n';
    if (!g.info().description.empty()) os << g.info().description << '\n';
    os << format_number(double(g.num_nodes())) << " nodes, " << format_number(double(g.num_edges()))
       << " edges, " << g.countries().size() << " countries"
       << (g.is_acyclic() ? "" : ", has cycles") << "\n\n";
    Table stages({"stage", "name", ">nodes"});
    std::vector<std::size_t> per_stage(g.num_stages(), 0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) ++per_stage[g.stage(n)];
    for (StageId s = 0; s < g.num_stages(); ++s) {
        stages.add_row(
            {g.stage_info(s).id, g.stage_info(s).name, format_number(double(per_stage[s]))});
    }
    stages.write_text(os);
    os << '\n';
    Table commodities({"commodity", "stage", ">producers", ">total output", "unit", "end product"});
    for (const auto& r : commodity_rows(g)) {
        commodities.add_row({std::string(g.commodity_name(r.c)), r.stage,
                             format_number(double(r.producers)), format_number(r.total),
                             std::string(g.commodity_unit(r.c)), r.end_product ? "yes" : ""});
    }
    commodities.write_text(os);
    os << "\nCountries: ";
    for (std::size_t i = 0; i < g.countries().size(); ++i) {
        os << (i ? ", " : "") << country_code(g.countries()[i]) << " ("
           << g.nodes_in(g.countries()[i]).size() << ")";
    }
    os << "\nSource nodes: " << ids(g, g.source_nodes(), 12)
       << "\nEnd producers: " << ids(g, g.end_producers(), 12) << '\n';
    os << "\nSources:\n";
    for (const auto& s : g.sources())
        os << "  [" << s.id << "] " << s.citation << (s.url.empty() ? "" : " " + s.url) << '\n';
    os << "\nWarnings: " << d.warnings.size() << '\n';
    for (const auto& w : d.warnings) os << "  " << w << '\n';
}

void write_csv(std::ostream& os, const Dataset& d) {
    const auto& g = d.graph;
    Table t({"commodity", "stage", "producers", "total_output", "unit", "end_product"});
    for (const auto& r : commodity_rows(g)) {
        t.add_row({std::string(g.commodity_name(r.c)), r.stage, std::to_string(r.producers),
                   fmt::format("{}", r.total), std::string(g.commodity_unit(r.c)),
                   r.end_product ? "true" : "false"});
    }
    t.write_csv(os);
}

}  // namespace

void add_info_command(CLI::App& app, Context& ctx) {
    struct Opts {
        std::string file;
        OutputOptions out;
    };
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "info", "Summarise a dataset: stages, commodities and their output, countries, sources");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    add_output_options(cmd, o->out);
    cmd->footer(
        "CSV output is the commodity table.\nExample:\n  chokepoint info datasets/cobalt_mini.json "
        "--format json");
    cmd->callback([o, &ctx] {
        const Dataset d = load_dataset(o->file);
        write_output(ctx, o->out, [&](std::ostream& os) {
            switch (o->out.format) {
                case Format::table:
                    write_text(os, d);
                    break;
                case Format::json:
                    write_json(os, d);
                    break;
                case Format::csv:
                    write_csv(os, d);
                    break;
            }
        });
    });
}

}  // namespace chokepoint::cli
