#pragma once
// What every chokepoint command shares: output formats, atomic output files, errors and exit
// codes (0 ok, 1 "the answer is no", 2 bad usage or invalid input).

#include <CLI/CLI.hpp>
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/loader.hpp"

namespace chokepoint::cli {

/// Bad usage that CLI11 cannot see (an unknown country, a missing commodity ...): exit 2.
class UsageError : public std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Format { table, json, csv };

struct OutputOptions {
    Format format = Format::table;
    std::string path;  // empty or "-": standard output
};

/// Shared state of one run: the exit code a command sets, and where data goes.
struct Context {
    int exit_code = 0;
    std::ostream* out = nullptr;  // standard output unless a test redirects it
    std::ostream* err = nullptr;
};

/// Adds --format table|json|csv and -o/--output FILE to a subcommand.
void add_output_options(CLI::App* cmd, OutputOptions& opts);

/// Calls `write` with a stream: standard output, or a temporary file beside `opts.path` that is
/// renamed over it only when `write` returns normally.
void write_output(const Context& ctx, const OutputOptions& opts,
                  const std::function<void(std::ostream&)>& write);

/// Loads a dataset, printing its warnings to ctx.err (DatasetError propagates: exit 2).
Dataset load(const Context& ctx, const std::string& path);

/// Each command: adds itself to the app. Implemented in tools/cmd_<name>.cpp.
void add_validate_command(CLI::App& app, Context& ctx);
void add_info_command(CLI::App& app, Context& ctx);
void add_concentration_command(CLI::App& app, Context& ctx);
void add_stress_command(CLI::App& app, Context& ctx);
void add_sweep_command(CLI::App& app, Context& ctx);
void add_import_command(CLI::App& app, Context& ctx);
void add_export_command(CLI::App& app, Context& ctx);
void add_generate_command(CLI::App& app, Context& ctx);
void add_render_command(CLI::App& app, Context& ctx);
void add_report_command(CLI::App& app, Context& ctx);
void add_centrality_command(CLI::App& app, Context& ctx);
void add_spof_command(CLI::App& app, Context& ctx);

/// The whole program, for main and for tests: parses argv, runs, returns the exit code.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace chokepoint::cli
