// chokepoint import csv|eto: spreadsheets and the ETO chip-explorer tables to a dataset file.
#include <sstream>

#include "datasets/csv_import.hpp"
#include "datasets/eto_import.hpp"
#include "datasets/writer.hpp"
#include "tools/cli.hpp"

namespace chokepoint::cli {

namespace {

// Writes the dataset after loading the written text back: the output is known to validate,
// and the format's own warnings (a supplier ships more than its output ...) are printed too.
// Takes the dataset by value so its graph is freed before the text is parsed again.
void write_checked(const Context& ctx, const OutputOptions& out, Dataset d) {
    for (const auto& w : d.warnings) *ctx.err << w << '\n';
    std::ostringstream os;
    write_dataset(d.graph, os);
    d = Dataset{};
    const std::string text = std::move(os).str();
    const std::string name = out.path.empty() || out.path == "-" ? "<stdout>" : out.path;
    for (const auto& w : parse_dataset(text, name).warnings) *ctx.err << w << '\n';
    write_output(ctx, out, [&](std::ostream& o) { o << text; });
}

// Files not named by an option come from the folder, when it has them.
void fill_from_dir(CsvFiles& files, const std::string& dir) {
    const CsvFiles found = csv_files_in(dir);
    auto pick = [](std::string& given, const std::string& f) {
        if (given.empty()) given = f;
    };
    pick(files.nodes, found.nodes);
    pick(files.edges, found.edges);
    pick(files.owners, found.owners);
    pick(files.sources, found.sources);
    pick(files.stages, found.stages);
    pick(files.groups, found.groups);
    pick(files.dataset, found.dataset);
}

void add_csv(CLI::App* import, Context& ctx) {
    struct Opts {
        std::string dir;
        CsvFiles files;
        std::string stages;
        CsvImportOptions options;
        OutputOptions out;
    };
    auto o = std::make_shared<Opts>();
    auto* cmd = import->add_subcommand("csv", "Read a dataset from CSV files (docs/interop.md)");
    cmd->add_option("DIR", o->dir,
                    "Folder holding nodes.csv, edges.csv, owners.csv, sources.csv, stages.csv, "
                    "groups.csv, dataset.csv (those present are read)");
    cmd->add_option("--nodes", o->files.nodes, "Nodes file (required unless DIR has nodes.csv)");
    cmd->add_option("--edges", o->files.edges, "Edges file: from, to, flow");
    cmd->add_option("--owners", o->files.owners, "Owners file: node, name, country, share");
    cmd->add_option("--sources", o->files.sources, "Sources file: id, citation, url ...");
    cmd->add_option("--stage-table", o->files.stages, "Stages file: id, name (in order)");
    cmd->add_option("--groups", o->files.groups, "Country groups file: id, name, members");
    cmd->add_option("--dataset", o->files.dataset, "Dataset fields file: field, value");
    cmd->add_option("--stages", o->stages,
                    "Stage ids upstream to downstream, comma-separated (default: the stage "
                    "table's order, else first appearance in the nodes file)");
    cmd->add_option("--name", o->options.name, "Dataset name when no dataset file gives one");
    cmd->add_option("-o,--output", o->out.path, "Write the JSON dataset to FILE (atomically)");
    cmd->footer(
        "Example:\n  chokepoint import csv tests/fixtures/csv/spreadsheet -o spreadsheet.json");
    cmd->callback([o, &ctx] {
        if (!o->dir.empty()) fill_from_dir(o->files, o->dir);
        if (o->files.nodes.empty())
            throw UsageError("import csv: give --nodes FILE or a DIR holding nodes.csv");
        std::stringstream list(o->stages);
        for (std::string s; std::getline(list, s, ',');) {
            s.erase(0, s.find_first_not_of(' '));
            s.erase(s.find_last_not_of(' ') + 1);
            if (!s.empty()) o->options.stage_order.push_back(s);
        }
        write_checked(ctx, o->out, import_csv(o->files, o->options));
    });
}

void add_eto(CLI::App* import, Context& ctx) {
    struct Opts {
        std::string dir, prefer = "organizations";
        OutputOptions out;
    };
    auto o = std::make_shared<Opts>();
    auto* cmd = import->add_subcommand(
        "eto", "Read the CSET/ETO Advanced Semiconductor Supply Chain CSV files (CC BY-NC 4.0)");
    cmd->add_option("DIR", o->dir,
                    "Folder holding stages.csv, inputs.csv, sequence.csv, providers.csv, "
                    "provision.csv")
        ->required();
    cmd->add_option("--prefer", o->prefer,
                    "Breakdown used where ETO gives both: organizations (default) or countries")
        ->check(CLI::IsMember({"organizations", "countries"}));
    cmd->add_option("-o,--output", o->out.path, "Write the JSON dataset to FILE (atomically)");
    cmd->footer(
        "The result is CC BY-NC 4.0 (its license field says so): do not redistribute it\n"
        "commercially. docs/interop.md says what the mapping keeps and loses.\nExample:\n"
        "  chokepoint import eto tests/fixtures/eto/mini -o eto.json");
    cmd->callback([o, &ctx] {
        write_checked(ctx, o->out,
                      import_eto(o->dir, {.prefer_countries = o->prefer == "countries"}));
    });
}

}  // namespace

void add_import_command(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("import", "Make a dataset from CSV spreadsheets or ETO data");
    cmd->require_subcommand(1);
    add_csv(cmd, ctx);
    add_eto(cmd, ctx);
}

}  // namespace chokepoint::cli
