// CLI smoke tests for `chokepoint centrality` and `chokepoint spof` on the committed fixture.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli.hpp"
#include "tools/cli.hpp"

namespace {

const std::string kChain = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/fixtures/ev_chain.json";

using Run = chokepoint::test::CliResult;

Run run(const std::vector<std::string>& args) { return chokepoint::test::run_cli(args); }

}  // namespace

TEST_CASE("chokepoint centrality: help, JSON contract, by-country, bad measure") {
    CHECK(run({"centrality", "--help"}).code == 0);
    auto r =
        run({"centrality", kChain, "--measure", "betweenness", "--top", "1", "--format", "json"});
    REQUIRE(r.code == 0);
    CHECK(r.out ==
          "{\n  \"measure\": \"betweenness\",\n  \"exact\": true,\n  \"nodes\": [{\n"
          "      \"id\": \"cam-jp\",\n      \"value\": 22.166666666666666\n    }]\n}\n");
    r = run({"centrality", kChain, "--measure", "flow", "--by-country", "owner", "--format", "csv",
             "--top", "2"});
    CHECK(r.code == 0);
    CHECK(r.out.rfind("country,name,value\r\n", 0) == 0);
    CHECK(run({"centrality", kChain, "--measure", "eigenvector"}).code == 2);
    CHECK(run({"centrality", kChain, "--by-country", "planet"}).code == 2);
}

TEST_CASE("chokepoint spof: JSON contract, unknown product, broken file") {
    auto r = run({"spof", kChain, "--top", "1", "--format", "json"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("\"products\": [{\n      \"product\": \"electric vehicles\",\n"
                     "      \"dominators\": [],\n      \"spof\": [\"graphite-cn\"],\n"
                     "      \"country_cuts\": [{\n          \"countries\": [\"CN\"],\n"
                     "          \"loss\": 1\n") != std::string::npos);
    CHECK(r.out.find("\"articulation_points\": [\"cell-us\", \"pack-de\"]") != std::string::npos);
    CHECK(r.out.find("\"bridges\": [[\"cell-us\", \"ev-us\"], [\"pack-de\", \"ev-de\"]]") !=
          std::string::npos);
    CHECK(r.out.find("\"criticality\": [{\n      \"id\": \"graphite-cn\",\n      \"product\": "
                     "\"electric vehicles\",\n      \"loss\": 1\n    }]") != std::string::npos);
    r = run({"spof", kChain, "--product", "lithium carbonate"});
    CHECK(r.code == 2);
    CHECK(r.err.find("not an end product") != std::string::npos);
    CHECK(run({"spof", kChain, "--product", "unobtainium"}).code == 2);
    CHECK(run({"spof", kChain, "--k", "1", "--threshold", "0.5", "--format", "csv"}).code == 0);
    CHECK(run({"spof", std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/no_such_file.json"}).code == 2);
}

TEST_CASE("chokepoint spof --timing: one line per phase on standard error, output unchanged") {
    const auto plain = run({"spof", kChain, "--format", "json"});
    const auto timed = run({"spof", kChain, "--format", "json", "--timing"});
    REQUIRE(timed.code == 0);
    CHECK(timed.out == plain.out);
    std::vector<std::string> phases;
    std::istringstream lines(timed.err);
    for (std::string line; std::getline(lines, line);) {
        REQUIRE(line.rfind("timing: ", 0) == 0);
        REQUIRE(line.size() > 2);
        CHECK(line.substr(line.size() - 2) == " s");
        phases.push_back(line.substr(8, line.find(' ', 8) - 8));
    }
    CHECK(phases == std::vector<std::string>{"load", "dominators", "and-or-spof", "country-cuts",
                                             "articulation", "criticality", "output"});
    CHECK(plain.err.empty());
}
