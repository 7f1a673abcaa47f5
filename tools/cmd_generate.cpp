// chokepoint generate: a synthetic supply network of any size, for benchmarks and scale tests.
#include <fmt/format.h>

#include <stdexcept>

#include "datasets/generate.hpp"
#include "tools/cli.hpp"

namespace chokepoint::cli {

void add_generate_command(CLI::App& app, Context& ctx) {
    struct Opts {
        GenerateOptions gen;
        OutputOptions out;
    };
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand(
        "generate", "Write a synthetic, supply-chain-shaped dataset (deterministic by --seed)");
    cmd->add_option("--nodes", o->gen.nodes, "Number of nodes (firms)")->required();
    cmd->add_option("--tiers", o->gen.tiers, "Number of stages, upstream to downstream")
        ->capture_default_str();
    cmd->add_option("--countries", o->gen.countries, "Number of countries (real ISO codes)")
        ->capture_default_str();
    cmd->add_option("--seed", o->gen.seed, "Random seed")->capture_default_str();
    cmd->add_option("--feedback", o->gen.feedback,
                    "Extra edges from later tiers back to earlier ones, as a fraction of the "
                    "forward edges (recycling, equipment); creates cycles")
        ->capture_default_str();
    cmd->add_option("-o,--output", o->out.path,
                    "Write to FILE (atomically) instead of standard output");
    cmd->footer(
        "Feedback edges make the loader warn that a later stage ships to an earlier one.\n"
        "Example:\n  chokepoint generate --nodes 100000 --feedback 0.05 --seed 7 -o big.json");
    cmd->callback([o, &ctx] {
        GenerateSummary s;
        try {
            write_output(ctx, o->out, [&](std::ostream& os) { s = generate_dataset(o->gen, os); });
        } catch (const std::invalid_argument& e) {
            throw UsageError(e.what());
        }
        if (!o->out.path.empty() && o->out.path != "-") {
            *ctx.err << fmt::format("wrote {}: {} nodes, {} edges ({} feedback), {} commodities\n",
                                    o->out.path, s.nodes, s.edges, s.feedback_edges, s.commodities);
        }
    });
}

}  // namespace chokepoint::cli
