// chokepoint spof FILE: dominators, AND/OR single points of failure, criticality, articulation
// points and bridges, minimum country cut sets.
#include <fmt/format.h>

#include <chrono>

#include "algorithms/biconnected.hpp"
#include "algorithms/country_cuts.hpp"
#include "algorithms/dominators.hpp"
#include "algorithms/spof.hpp"
#include "tools/cli.hpp"
#include "tools/json_out.hpp"
#include "tools/table.hpp"

namespace chokepoint::cli {

namespace {

struct Opts {
    std::string file, product, by = "location";
    std::size_t k = 3, top = 20;
    double threshold = 1.0;
    std::string criticality = "auto";
    bool timing = false;
    OutputOptions out;
};

// --timing: the wall time of each phase, to standard error ("timing: dominators 0.212034 s").
class PhaseTimer {
public:
    PhaseTimer(std::ostream* err, bool on) : err_(on ? err : nullptr) {}
    void done(std::string_view phase) {
        const auto now = std::chrono::steady_clock::now();
        if (err_)
            *err_ << fmt::format("timing: {} {:.6f} s\n", phase,
                                 std::chrono::duration<double>(now - start_).count());
        start_ = now;
    }

private:
    std::ostream* err_;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

struct ProductReport {
    CommodityId product;
    std::size_t makers = 0;
    std::vector<NodeId> dominators, spof;
    std::vector<CountryCut> cuts;
};

struct Report {
    std::vector<ProductReport> products;
    Biconnected cuts;
    std::vector<Criticality> criticality;
    std::string criticality_note;  // why criticality was not computed, or is partly approximate
};

// One failure per node, each re-solving the recycling loops below it: quadratic in the size of
// the largest loop. `auto` skips it above this many nodes in one strongly connected component.
constexpr std::size_t kCriticalityLoopLimit = 2000;

std::size_t largest_loop(const SupplyGraph& g) {
    std::vector<std::size_t> size(g.num_components(), 0);
    std::size_t largest = 0;
    for (NodeId n = 0; n < g.num_nodes(); ++n) largest = std::max(largest, ++size[g.component(n)]);
    return largest;
}

Report analyse(const SupplyGraph& g, const Opts& o, std::optional<CommodityId> only,
               PhaseTimer& timer) {
    Report r;
    const auto tree = find_dominators(g);
    timer.done("dominators");
    const auto spofs = find_spofs(g);
    timer.done("and-or-spof");
    const auto cuts =
        o.k == 0
            ? std::vector<ProductCuts>{}
            : minimum_country_cuts(
                  g,
                  {.by = parse_cut_by(o.by), .k = o.k, .threshold = o.threshold, .product = only});
    timer.done("country-cuts");
    for (std::size_t i = 0; i < spofs.size(); ++i) {
        const CommodityId p = spofs[i].product;
        if (only && p != *only) continue;
        ProductReport pr{p, 0, product_dominators(g, tree, p), spofs[i].nodes, {}};
        for (NodeId n : g.end_producers()) pr.makers += g.commodity(n) == p;
        if (!cuts.empty()) pr.cuts = cuts[i].cuts;
        r.products.push_back(std::move(pr));
    }
    r.cuts = find_biconnected(g);
    timer.done("articulation");
    const std::size_t loop = largest_loop(g);
    if (o.criticality == "off") {
        r.criticality_note = "not computed (--criticality off)";
    } else if (o.criticality == "auto" && loop > kCriticalityLoopLimit) {
        r.criticality_note = fmt::format(
            "not computed: a recycling loop of {} nodes makes it quadratic (--criticality on "
            "forces it)",
            loop);
    } else {
        r.criticality = rank_criticality(g, {.top = o.top, .product = only});
        const auto approx = std::count_if(r.criticality.begin(), r.criticality.end(),
                                          [](const Criticality& c) { return !c.exact; });
        if (approx > 0)
            r.criticality_note = fmt::format(
                "{} rows marked ~ are lower bounds: a recycling loop was still draining after {} "
                "sweeps",
                approx, CriticalityOptions{}.max_sweeps);
    }
    timer.done("criticality");
    return r;
}

std::string codes(const CountryCut& c) {
    std::string s;
    for (auto k : c.countries) s += (s.empty() ? "" : "+") + std::string(country_code(k));
    return s;
}

void ids(Json& j, const SupplyGraph& g, const std::vector<NodeId>& nodes) {
    j.begin_array();
    for (NodeId n : nodes) j.str(g.id(n));
    j.end_array();
}

void write_json(std::ostream& os, const SupplyGraph& g, const Report& r) {
    Json j(os);
    j.begin_object().key("products").begin_array();
    for (const auto& p : r.products) {
        j.begin_object().kv("product", g.commodity_name(p.product)).key("dominators");
        ids(j, g, p.dominators);
        j.key("spof");
        ids(j, g, p.spof);
        j.key("country_cuts").begin_array();
        for (const auto& c : p.cuts) {
            j.begin_object().key("countries").begin_array();
            for (auto k : c.countries) j.str(country_code(k));
            j.end_array().kv("loss", c.loss).end_object();
        }
        j.end_array().end_object();
    }
    j.end_array().key("articulation_points");
    ids(j, g, r.cuts.articulation_points);
    j.key("bridges").begin_array();
    for (auto [a, b] : r.cuts.bridges) j.begin_array().str(g.id(a)).str(g.id(b)).end_array();
    j.end_array().key("criticality").begin_array();
    for (const auto& c : r.criticality) {
        j.begin_object()
            .kv("id", g.id(c.node))
            .kv("product", g.commodity_name(c.product))
            .kv("loss", c.loss);
        if (!c.exact) j.key("exact").boolean(false);
        j.end_object();
    }
    j.end_array();
    if (!r.criticality_note.empty()) j.kv("criticality_note", r.criticality_note);
    j.end_object();
    os << '\n';
}

std::string list(const SupplyGraph& g, const std::vector<NodeId>& nodes) {
    if (nodes.empty()) return "none";
    std::string s;
    for (NodeId n : nodes) s += (s.empty() ? "" : ", ") + std::string(g.id(n));
    return s;
}

void write_text(std::ostream& os, const SupplyGraph& g, const Report& r, const Opts& o) {
    for (const auto& p : r.products) {
        os << g.commodity_name(p.product) << " (" << p.makers << " end producer"
           << (p.makers == 1 ? "" : "s") << ")\n";
        os << "  dominators:               " << list(g, p.dominators) << '\n';
        os << "  single points of failure: " << list(g, p.spof) << '\n';
        os << "  country cuts (by " << o.by << ", loss >= " << format_percent(o.threshold) << "): ";
        if (o.k == 0) os << "not searched (--k 0)";
        if (o.k > 0 && p.cuts.empty()) os << "none with up to " << o.k << " countries";
        for (std::size_t i = 0; i < p.cuts.size(); ++i)
            os << (i ? ", " : "") << codes(p.cuts[i]) << " (" << format_percent(p.cuts[i].loss)
               << ")";
        os << "\n\n";
    }
    os << "Articulation points: " << list(g, r.cuts.articulation_points) << '\n';
    os << "Bridges: ";
    if (r.cuts.bridges.empty()) os << "none";
    for (std::size_t i = 0; i < r.cuts.bridges.size(); ++i)
        os << (i ? ", " : "") << g.id(r.cuts.bridges[i].first) << " -> "
           << g.id(r.cuts.bridges[i].second);
    os << "\n\nCriticality: loss of each end product when one node alone fails\n";
    Table t({">#", "node", "country", "product", ">loss"});
    for (std::size_t i = 0; i < r.criticality.size(); ++i) {
        const auto& c = r.criticality[i];
        t.add_row({std::to_string(i + 1), std::string(g.id(c.node)),
                   std::string(country_code(g.country(c.node))),
                   std::string(g.commodity_name(c.product)),
                   (c.exact ? "" : "~") + format_percent(c.loss)});
    }
    t.write_text(os);
    if (!r.criticality_note.empty()) os << "Criticality " << r.criticality_note << '\n';
}

void write_csv(std::ostream& os, const SupplyGraph& g, const Report& r) {
    Table t({"section", "product", "item", "loss"});
    for (const auto& p : r.products) {
        const std::string name(g.commodity_name(p.product));
        for (NodeId n : p.dominators) t.add_row({"dominator", name, std::string(g.id(n)), ""});
        for (NodeId n : p.spof) t.add_row({"spof", name, std::string(g.id(n)), "1"});
        for (const auto& c : p.cuts)
            t.add_row({"country_cut", name, codes(c), fmt::format("{}", c.loss)});
    }
    for (NodeId n : r.cuts.articulation_points)
        t.add_row({"articulation_point", "", std::string(g.id(n)), ""});
    for (auto [a, b] : r.cuts.bridges)
        t.add_row({"bridge", "", std::string(g.id(a)) + ">" + std::string(g.id(b)), ""});
    for (const auto& c : r.criticality) {
        t.add_row({"criticality", std::string(g.commodity_name(c.product)),
                   std::string(g.id(c.node)), fmt::format("{}", c.loss)});
    }
    t.write_csv(os);
}

std::optional<CommodityId> end_product(const SupplyGraph& g, const std::string& name) {
    if (name.empty()) return std::nullopt;
    const auto c = g.find_commodity(name);
    if (!c) throw UsageError("unknown commodity \"" + name + "\"");
    const auto ends = g.end_products();
    if (std::find(ends.begin(), ends.end(), *c) == ends.end())
        throw UsageError("\"" + name + "\" is not an end product (no end producer makes it)");
    return c;
}

}  // namespace

void add_spof_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "spof",
        "Single points of failure: dominators, AND/OR fatal nodes, criticality ranking, "
        "articulation points and bridges, minimum country cut sets");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("-p,--product", o->product, "Only this end product (a commodity name)");
    cmd->add_option("--k", o->k, "Country cuts: largest set tried (0: skip the search)")
        ->capture_default_str();
    cmd->add_option("--by", o->by, "Country cuts: remove countries by location or owner")
        ->check(CLI::IsMember({"location", "owner"}))
        ->capture_default_str();
    cmd->add_option("--threshold", o->threshold, "Country cuts: loss that counts as a cut")
        ->check(CLI::Range(1e-9, 1.0))
        ->capture_default_str();
    cmd->add_option("--top", o->top, "Criticality rows (0: all)")->capture_default_str();
    cmd->add_option("--criticality", o->criticality,
                    "Criticality ranking: auto (skipped when one recycling loop has over 2,000 "
                    "nodes), on, off")
        ->check(CLI::IsMember({"auto", "on", "off"}))
        ->capture_default_str();
    cmd->add_flag("--timing", o->timing,
                  "Print the wall time of each phase to standard error (load, dominators, "
                  "and-or-spof, country-cuts, articulation, criticality, output)");
    add_output_options(cmd, o->out);
    cmd->footer(
        "Losses follow the immediate (no rerouting) model of docs/format.md.\nExample:\n"
        "  chokepoint spof datasets/cobalt_mini.json --k 2 --threshold 0.5");
    cmd->callback([o, &ctx] {
        PhaseTimer timer(ctx.err, o->timing);
        const Dataset d = load(ctx, o->file);
        timer.done("load");
        const auto report = analyse(d.graph, *o, end_product(d.graph, o->product), timer);
        write_output(ctx, o->out, [&](std::ostream& os) {
            switch (o->out.format) {
                case Format::table:
                    write_text(os, d.graph, report, *o);
                    break;
                case Format::json:
                    write_json(os, d.graph, report);
                    break;
                case Format::csv:
                    write_csv(os, d.graph, report);
                    break;
            }
        });
        timer.done("output");
    });
}

}  // namespace chokepoint::cli
