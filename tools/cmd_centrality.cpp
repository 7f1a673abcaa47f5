// chokepoint centrality FILE --measure M: which nodes lie between the mines and the products.
#include <fmt/format.h>

#include <map>

#include "algorithms/centrality.hpp"
#include "tools/cli.hpp"
#include "tools/json_out.hpp"
#include "tools/table.hpp"

namespace chokepoint::cli {

namespace {

struct Opts {
    std::string file;
    std::string measure = "betweenness-sp";
    std::size_t top = 20;
    std::string by_country;
    bool normalized = false, exact = false;
    double epsilon = 0.01, delta = 0.1;
    std::uint64_t seed = 1;
    OutputOptions out;
};

std::size_t shown(std::size_t total, std::size_t top) {
    return top == 0 ? total : std::min(total, top);
}

std::string headline(const SupplyGraph& g, const CentralityResult& r) {
    std::string s = fmt::format("{} of {} nodes, ", measure_name(r.measure), g.num_nodes());
    if (r.exact) return s + "exact";
    return s + fmt::format(
                   "approximate: Riondato-Kornaropoulos sampling, {} samples; within "
                   "epsilon = {} (normalised) with probability >= {}",
                   format_number(double(r.samples)), r.epsilon, 1.0 - r.delta);
}

// The members every centrality JSON starts with: the measure and, when sampled, its guarantee.
void begin_result(Json& j, const CentralityResult& r, const Opts& o) {
    j.begin_object().kv("measure", measure_name(r.measure)).key("exact").boolean(r.exact);
    if (!r.exact) {
        j.kv("epsilon", r.epsilon).kv("delta", r.delta).kv("samples", double(r.samples));
        j.kv("seed", double(o.seed));
    }
}

void write_nodes(std::ostream& os, const SupplyGraph& g, const CentralityResult& r, const Opts& o) {
    const auto order = rank_by_value(g, r.value);
    const std::size_t n = shown(order.size(), o.top);
    if (o.out.format == Format::json) {
        Json j(os);
        begin_result(j, r, o);
        j.key("nodes").begin_array();
        for (std::size_t i = 0; i < n; ++i)
            j.begin_object().kv("id", g.id(order[i])).kv("value", r.value[order[i]]).end_object();
        j.end_array().end_object();
        os << '\n';
        return;
    }
    const bool csv = o.out.format == Format::csv;
    Table t(csv ? std::vector<std::string>{"id", "name", "country", "value"}
                : std::vector<std::string>{">#", "id", "name", "country", ">value"});
    for (std::size_t i = 0; i < n; ++i) {
        const NodeId v = order[i];
        const std::string country(country_code(g.country(v)));
        if (csv)
            t.add_row({std::string(g.id(v)), std::string(g.name(v)), country,
                       fmt::format("{}", r.value[v])});
        else
            t.add_row({std::to_string(i + 1), std::string(g.id(v)), std::string(g.name(v)), country,
                       format_number(r.value[v])});
    }
    if (csv) return t.write_csv(os);
    os << headline(g, r) << '\n';
    t.write_text(os);
}

void write_countries(std::ostream& os, const SupplyGraph& g, const CentralityResult& r,
                     const Opts& o) {
    const auto rows = sum_by_country(g, r.value, parse_cut_by(o.by_country));
    const std::size_t n = shown(rows.size(), o.top);
    if (o.out.format == Format::json) {
        Json j(os);
        begin_result(j, r, o);
        j.kv("by_country", o.by_country).key("countries").begin_array();
        for (std::size_t i = 0; i < n; ++i) {
            j.begin_object()
                .kv("country", country_code(rows[i].country))
                .kv("value", rows[i].value)
                .end_object();
        }
        j.end_array().end_object();
        os << '\n';
        return;
    }
    const bool csv = o.out.format == Format::csv;
    Table t(csv ? std::vector<std::string>{"country", "name", "value"}
                : std::vector<std::string>{">#", "country", "name", ">value"});
    for (std::size_t i = 0; i < n; ++i) {
        const std::string code(country_code(rows[i].country)), name(country_name(rows[i].country));
        if (csv)
            t.add_row({code, name, fmt::format("{}", rows[i].value)});
        else
            t.add_row({std::to_string(i + 1), code, name, format_number(rows[i].value)});
    }
    if (csv) return t.write_csv(os);
    os << headline(g, r) << ", summed by " << o.by_country << " country\n";
    t.write_text(os);
}

}  // namespace

void add_centrality_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "centrality", "Rank nodes by betweenness, PageRank, closeness, degree or flow share");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("-m,--measure", o->measure,
                    "betweenness, betweenness-sp (sources to end producers, default), pagerank, "
                    "closeness, in-degree, out-degree or flow")
        ->check(CLI::IsMember({"betweenness", "betweenness-sp", "pagerank", "closeness",
                               "in-degree", "out-degree", "flow"}));
    cmd->add_option("--top", o->top, "Rows to show (0: all)")->capture_default_str();
    cmd->add_option("--by-country", o->by_country, "Sum per country: location or owner")
        ->check(CLI::IsMember({"location", "owner"}));
    cmd->add_flag("--normalized", o->normalized,
                  "Betweenness / (n-1)(n-2), degree / (n-1), as networkx");
    cmd->add_flag("--exact", o->exact, "Never sample betweenness, however large the graph");
    cmd->add_option("--epsilon", o->epsilon, "Sampling: additive error on the normalised scale")
        ->check(CLI::Range(1e-6, 0.999))
        ->capture_default_str();
    cmd->add_option("--delta", o->delta, "Sampling: failure probability")
        ->check(CLI::Range(1e-9, 0.999))
        ->capture_default_str();
    cmd->add_option("--seed", o->seed, "Sampling: random seed")->capture_default_str();
    add_output_options(cmd, o->out);
    cmd->footer(
        "Betweenness is sampled when exact would visit over 1e9 edges (the output says so);\n"
        "--exact forces exact.\n"
        "Example:\n  chokepoint centrality datasets/cobalt_mini.json --measure betweenness-sp "
        "--top 5");
    cmd->callback([o, &ctx] {
        const Dataset d = load(ctx, o->file);
        const CentralityOptions opts{.measure = parse_measure(o->measure),
                                     .normalized = o->normalized,
                                     .exact = o->exact,
                                     .epsilon = o->epsilon,
                                     .delta = o->delta,
                                     .seed = o->seed};
        const auto r = compute_centrality(d.graph, opts);
        write_output(ctx, o->out, [&](std::ostream& os) {
            if (o->by_country.empty())
                write_nodes(os, d.graph, r, *o);
            else
                write_countries(os, d.graph, r, *o);
        });
    });
}

}  // namespace chokepoint::cli
