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

TEST_CASE("report: chokepoints list single points of failure with the products they dominate") {
    // cells: mine -> refinery -> {maker-a, maker-b}: mine and refinery are on every path (they
    // dominate cells) and each stops them. packs: ore-1 -> part-1 and ore-2 -> part-2, both parts
    // needed by the packer: each of the four stops packs alone, but none is on every path.
    const auto file = scratch("dominated.json");
    std::ofstream(file) << R"({"format": "chokepoint/1", "name": "Dominated chain",
  "sources": [{"id": "s", "citation": "test"}],
  "stages": [{"id": "mining"}, {"id": "refining"}, {"id": "making"}],
  "nodes": [
    {"id": "mine", "stage": "mining", "commodity": "ore", "country": "CD", "output": 100, "unit": "t", "sources": ["s"]},
    {"id": "refinery", "stage": "refining", "commodity": "metal", "country": "CN", "output": 80, "unit": "t", "sources": ["s"]},
    {"id": "maker-a", "stage": "making", "commodity": "cells", "country": "KR", "output": 40, "unit": "t", "sources": ["s"]},
    {"id": "maker-b", "stage": "making", "commodity": "cells", "country": "JP", "output": 40, "unit": "t", "sources": ["s"]},
    {"id": "ore-1", "stage": "mining", "commodity": "lithium ore", "country": "AU", "output": 10, "unit": "t", "sources": ["s"]},
    {"id": "part-1", "stage": "refining", "commodity": "lithium", "country": "US", "output": 10, "unit": "t", "sources": ["s"]},
    {"id": "ore-2", "stage": "mining", "commodity": "nickel ore", "country": "CL", "output": 10, "unit": "t", "sources": ["s"]},
    {"id": "part-2", "stage": "refining", "commodity": "nickel", "country": "DE", "output": 10, "unit": "t", "sources": ["s"]},
    {"id": "packer", "stage": "making", "commodity": "packs", "country": "FR", "output": 10, "unit": "t", "sources": ["s"]}],
  "edges": [
    {"from": "mine", "to": "refinery", "flow": 80, "sources": ["s"]},
    {"from": "refinery", "to": "maker-a", "flow": 40, "sources": ["s"]},
    {"from": "refinery", "to": "maker-b", "flow": 40, "sources": ["s"]},
    {"from": "ore-1", "to": "part-1", "flow": 10, "sources": ["s"]},
    {"from": "ore-2", "to": "part-2", "flow": 10, "sources": ["s"]},
    {"from": "part-1", "to": "packer", "flow": 10, "sources": ["s"]},
    {"from": "part-2", "to": "packer", "flow": 10, "sources": ["s"]}]})";
    const auto out = scratch("dominated.html");
    REQUIRE(run({"report", file.string(), "-o", out.string()}) == 0);
    const auto html = slurp(out);
    REQUIRE(has(html, "<caption>Single points of failure</caption>"));
    const auto table = html.substr(html.find("<caption>Single points of failure</caption>"));
    const auto rows = table.substr(0, table.find("</table>"));
    CHECK(has(rows, "<th>Dominator of</th>"));
    auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto at = rows.find(needle); at != std::string::npos; at = rows.find(needle, at + 1))
            ++n;
        return n;
    };
    CHECK(count("<tr>") == 7);  // the header and six facilities; no end producer
    CHECK(count("<td>cells</td><td>cells</td></tr>") == 2);
    CHECK(count("<td>packs</td><td>–</td></tr>") == 4);
    for (const char* id : {"mine", "refinery", "ore-1", "part-1", "ore-2", "part-2"})
        CHECK(has(rows, std::string("<td>") + id + "</td>"));
    CHECK_FALSE(has(rows, "maker-a"));
}
