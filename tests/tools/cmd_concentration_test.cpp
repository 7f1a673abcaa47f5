// chokepoint concentration through the whole CLI: exit codes, formats and the JSON contract.
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/cli.hpp"
#include "tools/cli.hpp"

namespace {

using Run = chokepoint::test::CliResult;

Run concentration(std::vector<std::string> args) {
    args.insert(args.begin(), {"concentration", chokepoint::test::fixture("owned_cobalt.json")});
    return chokepoint::test::run_cli(args);
}

}  // namespace

TEST_CASE("concentration command: bad arguments exit 2 with one clear message") {
    for (const auto& [args, message] :
         std::vector<std::pair<std::vector<std::string>, std::string>>{
             {{"--by", "equity"}, "--by: unknown view \"equity\""},
             {{"--by", "owner,owner"}, "--by names owner twice"},
             {{"--commodity", "gold"}, "unknown commodity \"gold\""},
             {{"--stage", "smelting"}, "unknown stage \"smelting\""},
             {{"--group", "NATO"}, "unknown group \"NATO\""},
             {{"--top", "-2"}, "--top: must be 0 or more"}}) {
        const auto r = concentration(args);
        CHECK(r.code == 2);
        CHECK(r.err.find(message) != std::string::npos);
        CHECK(r.out.empty());
    }
}

TEST_CASE("concentration command: JSON follows the contract") {
    const auto r = concentration({"--by", "location,owner", "--commodity", "refined cobalt",
                                  "--group", "g7", "--format", "json", "--top", "1"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("\"views\": [\"location\", \"owner\"]") != std::string::npos);
    CHECK(r.out.find("\"commodity\": \"refined cobalt\"") != std::string::npos);
    CHECK(r.out.find("\"hhi\": 6608") != std::string::npos);
    CHECK(r.out.find(
              "\"key\": \"CN\",\n              \"share\": 0.8,\n              \"output\": 80000") !=
          std::string::npos);
    CHECK(r.out.find("\"key\": \"FI\"") == std::string::npos);  // --top 1
    CHECK(r.out.find("\"holders\": 3") != std::string::npos);
    CHECK(r.out.find("\"group\": \"G7\"") != std::string::npos);
    CHECK(r.out.find("cobalt hydroxide") == std::string::npos);
}

TEST_CASE("concentration command: table and CSV") {
    auto r = concentration({"--by", "location,company", "--top", "2"});
    REQUIRE(r.code == 0);
    CHECK(r.out.rfind("cobalt hydroxide · mining · 100,000 t Co · 6 producers\n", 0) == 0);
    CHECK(r.out.find("company vs location: ΔHHI -4,944, top holder CD → Alpine Resources\n") !=
          std::string::npos);
    r = concentration({"--format", "csv", "--crosstab", "--stage", "refining"});
    CHECK(r.out ==
          "commodity,stage,unit,total,owner_view,location,owner,share,output\r\n"
          "refined cobalt,refining,t Co,100000,owner,CN,CN,0.8,80000\r\n"
          "refined cobalt,refining,t Co,100000,owner,FI,JP,0.12,12000\r\n"
          "refined cobalt,refining,t Co,100000,owner,CA,CA,0.08,8000\r\n");
}
