// CLI smoke tests for `chokepoint import csv|eto` through cli::run.
#include <catch2/catch.hpp>
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

}  // namespace

TEST_CASE("import csv: a folder of CSV files to the committed JSON, then validate") {
    TempDir d;
    const auto r =
        run({"import", "csv", source_path("tests/fixtures/csv/spreadsheet"), "-o", d / "s.json"});
    CHECK(r.code == 0);
    CHECK(r.out.empty());
    CHECK(r.err.empty());
    CHECK(read_file(d / "s.json") == read_file(source_path("tests/fixtures/csv/spreadsheet.json")));
    CHECK(run({"validate", d / "s.json"}).code == 0);
}

TEST_CASE("import csv: explicit files, --stages, standard output") {
    TempDir d;
    const auto nodes = d.write("n.csv",
                               "id,stage,commodity,country,output\nb,refine,metal,CN,5\n"
                               "a,mine,ore,CD,10\n");
    const auto edges = d.write("e.csv", "from,to,flow\na,b,4\n");
    const auto r = run({"import", "csv", "--nodes", nodes, "--edges", edges, "--stages",
                        "mine,refine", "--name", "Mini"});
    CHECK(r.code == 0);
    CHECK(r.out.find("\"name\": \"Mini\"") != std::string::npos);
    CHECK(r.out.find("\"stages\": [{\n      \"id\": \"mine\"") != std::string::npos);
    CHECK(r.err == nodes +
                       ": warning: no sources.csv given; the dataset cites the CSV files as "
                       "its only source\n");
}

TEST_CASE("import csv: format warnings of the result name the output file") {
    TempDir d;
    const auto nodes = d.write("n.csv",
                               "id,stage,commodity,country,output\na,m,o,CD,1\n"
                               "b,r,p,CN,5\n");
    const auto edges = d.write("e.csv", "from,to,flow\na,b,4\n");
    const auto r = run({"import", "csv", "--nodes", nodes, "--edges", edges, "-o", d / "x.json"});
    CHECK(r.code == 0);
    CHECK(
        r.err.find(d / "x.json" + ": /nodes/0: warning: node \"a\" ships 4 but its output is 1") !=
        std::string::npos);
}

TEST_CASE("import csv: bad input exits 2 with located errors and writes nothing") {
    TempDir d;
    const auto nodes = d.write("nodes.csv", "id,stage,commodity,country,output\na,m,o,XX,1\n");
    const auto r = run({"import", "csv", "--nodes", nodes, "-o", d / "x.json"});
    CHECK(r.code == 2);
    CHECK(r.err == nodes + ":2: column \"country\": \"XX\" is not an ISO 3166-1 code\n");
    CHECK_FALSE(std::filesystem::exists(d / "x.json"));
    const auto none = run({"import", "csv"});
    CHECK(none.code == 2);
    CHECK(none.err == "chokepoint: import csv: give --nodes FILE or a DIR holding nodes.csv\n");
    CHECK(run({"import"}).code == 2);
}

TEST_CASE("import eto: the fixture folder, and --prefer") {
    TempDir d;
    const auto r =
        run({"import", "eto", source_path("tests/fixtures/eto/mini"), "-o", d / "e.json"});
    CHECK(r.code == 0);
    CHECK(r.err.find("warning: subtypes with shares are not used") != std::string::npos);
    CHECK(run({"validate", d / "e.json"}).code == 0);
    CHECK(
        run({"import", "eto", source_path("tests/fixtures/eto/mini"), "--prefer", "firms"}).code ==
        2);
    CHECK(run({"import", "eto", d / "missing"}).code == 2);
}

TEST_CASE("import: --help lists both sources") {
    const auto r = run({"import", "--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("csv") != std::string::npos);
    CHECK(r.out.find("eto") != std::string::npos);
}
