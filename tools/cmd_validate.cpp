// chokepoint validate FILE...: every problem in each file; exit 1 when any file is invalid.
#include "tools/cli.hpp"

namespace chokepoint::cli {

void add_validate_command(CLI::App& app, Context& ctx) {
    auto files = std::make_shared<std::vector<std::string>>();
    auto quiet = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand(
        "validate", "Check dataset files against the format; print errors and warnings");
    cmd->add_option("FILE", *files, "Dataset files ('-' reads standard input)")->required();
    cmd->add_flag("-q,--quiet", *quiet, "Print only errors, not warnings or the per-file summary");
    cmd->footer(
        "Exit 0 when every file is valid, 1 when any is not.\n"
        "Example:\n  chokepoint validate datasets/cobalt_mini.json");
    cmd->callback([files, quiet, &ctx] {
        for (const auto& f : *files) {
            try {
                const Dataset d = load_dataset(f);
                if (*quiet) continue;
                for (const auto& w : d.warnings) *ctx.err << w << '\n';
                *ctx.out << (f == "-" ? "<stdin>" : f) << ": valid (" << d.graph.num_nodes()
                         << " nodes, " << d.graph.num_edges() << " edges, " << d.warning_count()
                         << (d.warning_count() == 1 ? " warning)\n" : " warnings)\n");
            } catch (const DatasetError& e) {
                for (const auto& m : e.messages()) *ctx.err << m << '\n';
                ctx.exit_code = 1;
            }
        }
    });
}

}  // namespace chokepoint::cli
