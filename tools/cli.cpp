#include "tools/cli.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace chokepoint::cli {

void add_output_options(CLI::App* cmd, OutputOptions& opts) {
    static const std::map<std::string, Format> kFormats{
        {"table", Format::table}, {"json", Format::json}, {"csv", Format::csv}};
    cmd->add_option("--format", opts.format, "Output format: table (default), json or csv")
        ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case));
    cmd->add_option("-o,--output", opts.path,
                    "Write to FILE (atomically) instead of standard output");
}

void write_output(const Context& ctx, const OutputOptions& opts,
                  const std::function<void(std::ostream&)>& write) {
    if (opts.path.empty() || opts.path == "-") {
        write(*ctx.out);
        ctx.out->flush();
        return;
    }
    const std::filesystem::path target(opts.path);
    std::string tmpl =
        (target.has_parent_path() ? target.parent_path() / "" : std::filesystem::path()).string() +
        "." + target.filename().string() + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0) throw UsageError("cannot write " + opts.path + ": " + std::strerror(errno));
    ::close(fd);
    try {
        {
            std::ofstream file(tmpl, std::ios::binary | std::ios::trunc);
            write(file);
            file.flush();
            if (!file) throw UsageError("cannot write " + opts.path + ": write failed");
        }
        std::filesystem::permissions(
            tmpl, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write |
                      std::filesystem::perms::group_read | std::filesystem::perms::others_read);
        std::filesystem::rename(tmpl, target);
    } catch (...) {
        std::remove(tmpl.c_str());
        throw;
    }
}

Dataset load(const Context& ctx, const std::string& path) {
    Dataset d = load_dataset(path);
    for (const auto& w : d.warnings) *ctx.err << w << '\n';
    return d;
}

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    CLI::App app{
        "chokepoint: where supply chains are concentrated, which facilities, firms and countries\n"
        "are chokepoints, and what survives when a country is cut off.",
        "chokepoint"};
    app.set_version_flag("--version", std::string("chokepoint ") + CHOKEPOINT_VERSION);
    app.require_subcommand(1);
    app.footer(
        "Run 'chokepoint COMMAND --help' for a command's options and an example.\n"
        "Exit codes: 0 ok, 1 the answer is no (e.g. validate found errors), 2 bad usage or input.\n"
        "Documentation: docs/cli.md, docs/format.md.");
    Context ctx{0, &out, &err};
    add_validate_command(app, ctx);
    add_info_command(app, ctx);
    add_concentration_command(app, ctx);
    add_stress_command(app, ctx);
    add_sweep_command(app, ctx);
    add_import_command(app, ctx);
    add_export_command(app, ctx);
    add_generate_command(app, ctx);
    add_render_command(app, ctx);
    add_report_command(app, ctx);
    add_centrality_command(app, ctx);
    add_spof_command(app, ctx);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e, out, err);
        return code == 0 ? 0 : 2;
    } catch (const DatasetError& e) {
        for (const auto& m : e.messages()) err << m << '\n';
        return 2;
    } catch (const UsageError& e) {
        err << "chokepoint: " << e.what() << '\n';
        return 2;
    } catch (const std::exception& e) {
        err << "chokepoint: internal error: " << e.what() << '\n';
        return 2;
    }
    return ctx.exit_code;
}

}  // namespace chokepoint::cli
