// chokepoint render FILE -o OUT.(svg|png|pdf|dot): a diagram of the supply chain.
#include <filesystem>
#include <map>

#include "tools/cli.hpp"
#include "tools/viz_support.hpp"
#include "viz/graphviz.hpp"

namespace chokepoint::cli {

namespace {

struct RenderOpts {
    std::string file, output, format, highlight, scenario, aggregate = "auto", layout = "dot";
    double dpi = 0;
};

std::string output_format(const RenderOpts& o) {
    std::string f = o.format;
    if (f.empty() && (o.output.empty() || o.output == "-"))
        throw UsageError("render: give -o FILE.(svg|png|pdf|dot), or --format for standard output");
    if (f.empty()) {
        f = std::filesystem::path(o.output).extension().string();
        if (!f.empty()) f.erase(0, 1);
        for (auto& ch : f) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    }
    if (f != "svg" && f != "png" && f != "pdf" && f != "dot") {
        throw UsageError("cannot tell the output format from '" + o.output +
                         "': use a .svg, .png, .pdf or .dot file name, or --format");
    }
    return f;
}

}  // namespace

void add_render_command(CLI::App& app, Context& ctx) {
    auto o = std::make_shared<RenderOpts>();
    auto* cmd = app.add_subcommand(
        "render", "Draw the supply chain: stages left to right, boxes coloured by country");
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("-o,--output", o->output,
                    "Write the diagram to FILE (atomically); the extension picks the format. "
                    "Without it (or with '-') the diagram goes to standard output: give --format");
    cmd->add_option("--format", o->format, "svg, png, pdf or dot (default: from the extension)")
        ->check(CLI::IsMember({"svg", "png", "pdf", "dot"}));
    cmd->add_option("--highlight", o->highlight,
                    "Outline chokepoints in red: spof, dominators or central[:N]");
    cmd->add_option("--scenario", o->scenario,
                    "Draw a scenario, e.g. \"remove CN by location\" (same syntax as stress)");
    cmd->add_option("--aggregate", o->aggregate,
                    "none, country (one box per stage and country) or auto (country above " +
                        std::to_string(kMaxFacilityNodes) + " nodes or " +
                        std::to_string(kMaxFacilityEdges) + " edges; default)")
        ->check(CLI::IsMember({"none", "country", "auto"}));
    cmd->add_option("--layout", o->layout, "dot (layered, default) or sfdp (force-directed)")
        ->check(CLI::IsMember({"dot", "sfdp"}));
    cmd->add_option("--dpi", o->dpi, "Resolution of PNG output (default 96)")
        ->check(CLI::Range(10.0, 600.0));
    cmd->footer(
        "Example:\n  chokepoint render datasets/cobalt_mini.json --scenario \"remove CN\" "
        "-o cobalt.svg");
    cmd->callback([o, &ctx] {
        const auto format = output_format(*o);
        const Dataset d = load(ctx, o->file);
        const auto& g = d.graph;
        viz::Overlay overlay;
        if (!o->scenario.empty())
            overlay = scenario_outcome(g, parse_scenario_arg(g, o->scenario)).overlay;
        viz::Highlight highlight;
        if (!o->highlight.empty()) highlight = parse_highlight(g, o->highlight);
        const auto diagram =
            viz::make_diagram(g, overlay, highlight,
                              {.aggregation = choose_aggregation(g, o->aggregate, *ctx.err),
                               .layout = o->layout == "sfdp" ? viz::Layout::sfdp : viz::Layout::dot,
                               .dpi = o->dpi});
        const std::string bytes = viz::render_diagram(diagram, format);
        write_output(ctx, {.path = o->output}, [&](std::ostream& os) { os << bytes; });
    });
}

}  // namespace chokepoint::cli
