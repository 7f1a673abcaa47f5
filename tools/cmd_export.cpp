// chokepoint export csv|graphml|dot|json FILE: a dataset for spreadsheets and graph tools.
#include <filesystem>

#include "datasets/csv_import.hpp"
#include "datasets/graph_export.hpp"
#include "datasets/writer.hpp"
#include "tools/cli.hpp"

namespace chokepoint::cli {

namespace {

void export_csv_dir(const Context& ctx, const SupplyGraph& g, const std::string& dir) {
    if (dir.empty() || dir == "-") throw UsageError("export csv: give -o DIR (a folder)");
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (!std::filesystem::is_directory(dir))
        throw UsageError("export csv: cannot create folder " + dir);
    for (const auto& f : export_csv(g)) {
        OutputOptions out{Format::csv, (std::filesystem::path(dir) / f.name).string()};
        write_output(ctx, out, f.write);
    }
}

}  // namespace

void add_export_command(CLI::App& app, Context& ctx) {
    struct Opts {
        std::string format;
        std::string file;
        OutputOptions out;
    };
    auto o = std::make_shared<Opts>();
    auto* cmd = app.add_subcommand("export",
                                   "Write a dataset as CSV files, GraphML, DOT or normalised JSON");
    cmd->add_option("FORMAT", o->format, "csv, graphml, dot or json")
        ->required()
        ->transform(CLI::IsMember({"csv", "graphml", "dot", "json"}, CLI::ignore_case));
    cmd->add_option("FILE", o->file, "Dataset file ('-' reads standard input)")->required();
    cmd->add_option("-o,--output", o->out.path,
                    "Write to FILE (atomically); for csv a folder, created if missing");
    cmd->footer(
        "csv writes dataset.csv, sources.csv, stages.csv, nodes.csv, owners.csv, edges.csv\n"
        "(and groups.csv) into the folder; 'chokepoint import csv DIR' reads them back.\n"
        "Example:\n  chokepoint export graphml datasets/cobalt_mini.json -o cobalt.graphml");
    cmd->callback([o, &ctx] {
        const Dataset d = load(ctx, o->file);
        if (o->format == "csv") {
            export_csv_dir(ctx, d.graph, o->out.path);
        } else if (o->format == "graphml") {
            write_output(ctx, o->out, [&](std::ostream& os) { write_graphml(d.graph, os); });
        } else if (o->format == "dot") {
            write_output(ctx, o->out, [&](std::ostream& os) { write_dot(d.graph, os); });
        } else {
            write_output(ctx, o->out, [&](std::ostream& os) { write_dataset(d.graph, os); });
        }
    });
}

}  // namespace chokepoint::cli
