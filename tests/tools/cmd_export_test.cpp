// CLI smoke tests for `chokepoint export csv|graphml|dot|json` through cli::run.
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "tests/support/cli.hpp"
#include "tests/support/files.hpp"
#include "tools/cli.hpp"

using chokepoint::test::read_file;
using chokepoint::test::source_path;
using chokepoint::test::TempDir;

namespace {

using Run = chokepoint::test::CliResult;

Run run(const std::vector<std::string>& args) { return chokepoint::test::run_cli(args); }

const std::string kFixture = "tests/fixtures/csv/spreadsheet.json";

}  // namespace

TEST_CASE("export csv: a folder that import csv reads back to the same JSON") {
    TempDir d;
    const auto dir = d / "out/csv";  // created, parents too
    const auto r = run({"export", "csv", source_path(kFixture), "-o", dir});
    CHECK(r.code == 0);
    for (const char* f :
         {"dataset.csv", "sources.csv", "stages.csv", "nodes.csv", "owners.csv", "edges.csv"})
        CHECK(std::filesystem::exists(std::filesystem::path(dir) / f));
    CHECK_FALSE(std::filesystem::exists(std::filesystem::path(dir) / "groups.csv"));
    CHECK(run({"import", "csv", dir, "-o", d / "back.json"}).code == 0);
    CHECK(read_file(d / "back.json") == read_file(source_path(kFixture)));
}

TEST_CASE("export graphml|dot|json: to standard output") {
    const auto g = run({"export", "graphml", source_path(kFixture)});
    CHECK(g.code == 0);
    CHECK(g.out.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml"));
    CHECK(g.out.find("<node id=\"mine-cd\">") != std::string::npos);
    const auto d = run({"export", "DOT", source_path(kFixture)});
    CHECK(d.code == 0);
    CHECK(d.out.starts_with("digraph \"Cobalt chain (spreadsheet example)\" {\n"));
    CHECK(d.out.find("  \"mine-cd\" -> \"refinery-cn\" [flow=\"80\"];\n") != std::string::npos);
    const auto j = run({"export", "json", source_path(kFixture)});
    CHECK(j.code == 0);
    CHECK(j.out == read_file(source_path(kFixture)));
}

TEST_CASE("export: usage errors and broken input exit 2") {
    TempDir d;
    const auto no_dir = run({"export", "csv", source_path(kFixture)});
    CHECK(no_dir.code == 2);
    CHECK(no_dir.err == "chokepoint: export csv: give -o DIR (a folder)\n");
    CHECK(run({"export", "svg", source_path(kFixture)}).code == 2);
    const auto bad = d.write("bad.json", "{\"format\": ");
    const auto r = run({"export", "json", bad});
    CHECK(r.code == 2);
    CHECK(r.err.starts_with(bad + ":1:12: "));
    const auto file = d.write("file", "x");
    CHECK(run({"export", "csv", source_path(kFixture), "-o", file}).code == 2);
}
