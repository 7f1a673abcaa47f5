// chokepoint render through the CLI, and the golden DOT files of the bundled datasets.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/cli.hpp"
#include "tests/support/files.hpp"
#include "tools/cli.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = CHOKEPOINT_SOURCE_DIR;

using Run = chokepoint::test::CliResult;

Run run(const std::vector<std::string>& args) { return chokepoint::test::run_cli(args); }

std::string slurp(const fs::path& p) { return chokepoint::test::read_file(p.string()); }

fs::path scratch(const std::string& name) {
    const auto dir = fs::path(CHOKEPOINT_BINARY_DIR) / "test-output";
    fs::create_directories(dir);
    return dir / name;
}

// Compares a rendering with tests/fixtures/golden/NAME.dot, or rewrites that file when
// CHOKEPOINT_REGENERATE is set.
void check_golden(const std::string& name, std::vector<std::string> args) {
    const auto out = scratch(name + ".dot");
    args.insert(args.begin(), "render");
    args.insert(args.end(), {"-o", out.string()});
    const auto r = run(args);
    REQUIRE(r.code == 0);
    const auto golden = kSource / "tests/fixtures/golden" / (name + ".dot");
    if (std::getenv("CHOKEPOINT_REGENERATE"))
        fs::copy_file(out, golden, fs::copy_options::overwrite_existing);
    CHECK(slurp(out) == slurp(golden));
}

}  // namespace

TEST_CASE("render golden: bundled datasets") {
    for (const char* name : {"cobalt_mini", "cobalt_batteries", "semiconductors", "solar_pv"}) {
        INFO(name);
        check_golden(name, {(kSource / "datasets" / (std::string(name) + ".json")).string()});
    }
}

TEST_CASE("render golden: scenario, highlight and aggregation") {
    const auto mini = (kSource / "datasets/cobalt_mini.json").string();
    check_golden("cobalt_mini_remove_cn",
                 {mini, "--scenario", "remove CN by location", "--highlight", "spof"});
    check_golden("cobalt_mini_aggregated",
                 {mini, "--aggregate", "country", "--highlight", "central:3"});
}

TEST_CASE("render: formats from the extension, written atomically") {
    const auto mini = (kSource / "datasets/cobalt_mini.json").string();
    for (const char* ext : {"svg", "png", "pdf"}) {
        const auto out = scratch(std::string("render-mini.") + ext);
        fs::remove(out);
        REQUIRE(run({"render", mini, "-o", out.string()}).code == 0);
        CHECK(fs::file_size(out) > 1000);
    }
    CHECK(slurp(scratch("render-mini.svg")).find("<svg") != std::string::npos);
    const auto r = run({"render", mini, "--format", "dot", "-o", "-"});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("strict digraph", 0) == 0);
    for (const auto& entry : fs::directory_iterator(scratch("").parent_path()))
        CHECK(entry.path().filename().string().rfind(".render-mini.", 0) !=
              0);  // no temporary left
}

TEST_CASE("render: automatic aggregation says so on stderr") {
    const auto semis = (kSource / "datasets/semiconductors.json").string();
    const auto r = run({"render", semis, "-o", scratch("semis.dot").string()});
    CHECK(r.code == 0);
    CHECK(r.err.find("one box per stage and country") != std::string::npos);
    const auto none =
        run({"render", semis, "--aggregate", "none", "-o", scratch("s.dot").string()});
    CHECK(none.err.empty());
}

TEST_CASE("render: bad usage exits 2") {
    const auto mini = (kSource / "datasets/cobalt_mini.json").string();
    const auto out = scratch("bad.svg").string();
    CHECK(run({"render", mini, "-o", scratch("x.gif").string()}).code == 2);
    CHECK(run({"render", mini, "-o", out, "--highlight", "hubs"}).code == 2);
    CHECK(run({"render", mini, "-o", out, "--scenario", "remove XX"}).code == 2);
    CHECK(run({"render", mini, "-o", out, "--layout", "neato"}).code == 2);
    CHECK(run({"render", mini}).code == 2);
    CHECK(run({"render", (kSource / "tests/fixtures/broken/nan.json").string(), "-o", out}).code ==
          2);
}
