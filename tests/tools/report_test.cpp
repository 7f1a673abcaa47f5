// chokepoint report through the CLI.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/cli.hpp"
#include "tests/support/files.hpp"
#include "tools/cli.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = CHOKEPOINT_SOURCE_DIR;

int run(const std::vector<std::string>& args, std::string* out = nullptr) {
    const auto r = chokepoint::test::run_cli(args);
    if (out) *out = r.out;
    return r.code;
}

std::string slurp(const fs::path& p) { return chokepoint::test::read_file(p.string()); }

fs::path scratch(const std::string& name) {
    const auto dir = fs::path(CHOKEPOINT_BINARY_DIR) / "test-output";
    fs::create_directories(dir);
    return dir / name;
}

bool has(const std::string& s, const std::string& needle) {
    return s.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("report: a self-contained page with every section") {
    const auto out = scratch("mini.html");
    std::string stdout_text;
    REQUIRE(run({"report", (kSource / "datasets/cobalt_mini.json").string(), "-o", out.string(),
                 "--scenario", "remove CD"},
                &stdout_text) == 0);
    CHECK(has(stdout_text, "most concentrated market  refined cobalt: CN 74.0% (HHI 5,614)"));
    CHECK(has(stdout_text, "Report written to " + out.string()));
    const auto html = slurp(out);
    for (const char* id :
         {"summary", "concentration", "chokepoints", "sweep", "diagrams", "sankey", "sources"})
        CHECK(has(html, std::string("<section id=\"") + id + "\">"));
    CHECK(has(html, "Scenario: remove CD"));
    CHECK(has(html, "Scenario: remove CN by location (the worst single country)"));
    CHECK(has(html, "https://pubs.usgs.gov/periodicals/mcs2026/mcs2026-cobalt.pdf"));
    CHECK_FALSE(has(html, " src="));
    CHECK_FALSE(has(html, "<link"));
    CHECK_FALSE(has(html, "@import"));
    REQUIRE(run({"report", (kSource / "datasets/cobalt_mini.json").string(), "-o",
                 scratch("mini2.html").string(), "--scenario", "remove CD"}) == 0);
    CHECK(slurp(scratch("mini2.html")) == html);  // deterministic
}

TEST_CASE("report: names are escaped") {
    const auto data = scratch("nasty.json");
    std::ofstream(data) << R"({"format": "chokepoint/1", "name": "<script>alert(1)</script>",
      "sources": [{"id": "s", "citation": "a & b"}],
      "stages": [{"id": "m", "name": "Mine \"<1>\""}, {"id": "r"}],
      "nodes": [
        {"id": "x", "name": "</td><b>x", "stage": "m", "commodity": "ore", "country": "CN",
         "output": 1, "sources": ["s"]},
        {"id": "y", "stage": "r", "commodity": "metal", "country": "US", "output": 1,
         "sources": ["s"]}],
      "edges": [{"from": "x", "to": "y", "flow": 1, "sources": ["s"]}]})";
    REQUIRE(run({"report", data.string(), "-o", scratch("nasty.html").string()}) == 0);
    const auto html = slurp(scratch("nasty.html"));
    CHECK_FALSE(has(html, "<script>alert"));
    CHECK(has(html, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"));
    CHECK(has(html, "&lt;/td&gt;&lt;b&gt;x"));
    CHECK(has(html, "[s] a &amp; b"));
}

TEST_CASE("report: bad usage exits 2") {
    const auto mini = (kSource / "datasets/cobalt_mini.json").string();
    CHECK(run({"report", mini}) == 2);
    CHECK(run({"report", mini, "-o", scratch("x.html").string(), "--scenario", "remove"}) == 2);
    CHECK(run({"report", (kSource / "tests/fixtures/broken/nan.json").string(), "-o",
               scratch("x.html").string()}) == 2);
}
