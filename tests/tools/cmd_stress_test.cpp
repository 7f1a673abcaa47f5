#include <rapidjson/document.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>

#include "tests/support/cli.hpp"

using chokepoint::test::fixture;
using chokepoint::test::run_cli;

namespace {
rapidjson::Document parse(const std::string& text) {
    rapidjson::Document d;
    d.Parse(text.c_str());
    REQUIRE_FALSE(d.HasParseError());
    return d;
}
// A temporary scenario file holding `text`, removed when the test ends.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& text)
        : path(std::string(CHOKEPOINT_BINARY_DIR) + "/stress_test_scenarios.json") {
        std::ofstream(path) << text;
    }
    ~TempFile() { std::remove(path.c_str()); }
};
}  // namespace

TEST_CASE("chokepoint stress: baseline, then an embargo by hand") {
    const auto chain = fixture("battery_chain.json");
    auto r = run_cli({"stress", chain, "--format", "json"});
    REQUIRE(r.code == 0);
    auto d = parse(r.out);
    REQUIRE(d["scenarios"].Size() == 1);
    CHECK(std::string(d["scenarios"][0]["label"].GetString()) == "baseline");
    CHECK(d["scenarios"][0]["products"][0]["loss"].GetDouble() == 0.0);
    CHECK(d["scenarios"][0]["nodes"].Size() == 0);

    // Cut: ref-cn-1>cathode-kr (5 of 25 refined cobalt), ref-cn-1>alloy-us (5 of 10),
    // cathode-cn>cell-pl (10 of 15). cathode-kr and cell-kr keep 80%, cell-pl 5·0.8/15.
    r = run_cli({"stress", chain, "--remove", "CN", "--by", "embargo", "--format", "json"});
    REQUIRE(r.code == 0);
    d = parse(r.out);
    const auto& s = d["scenarios"][0];
    CHECK(std::string(s["label"].GetString()) == "remove CN by embargo");
    CHECK(std::string(s["remove"][0].GetString()) == "CN");
    CHECK(std::string(s["model"].GetString()) == "immediate");
    CHECK(std::string(s["products"][0]["product"].GetString()) == "EV battery cells");
    CHECK(s["products"][0]["remaining"].GetDouble() == Approx(60 + 20 + 4));
    CHECK(s["products"][0]["loss"].GetDouble() == Approx(0.16));
    CHECK(s["products"][1]["loss"].GetDouble() == Approx(0.5));
    REQUIRE(s["nodes"].Size() == 4);
    CHECK(std::string(s["nodes"][0]["id"].GetString()) == "cell-pl");
    CHECK(s["nodes"][0]["fraction"].GetDouble() == Approx(4.0 / 15));
    CHECK(std::string(s["nodes"][0]["short_of"][0].GetString()) == "NMC cathode");
    CHECK(s["nodes"][0]["traces_to"]["edges"].Size() == 2);
}

TEST_CASE("chokepoint stress: both models, several scenarios, CSV") {
    const auto chain = fixture("battery_chain.json");
    auto r =
        run_cli({"stress", chain, "--remove-group", "partners", "--scenario", "remove CD",
                 "--scenario", "keep partners by owner", "--model", "both", "--format", "json"});
    REQUIRE(r.code == 0);
    auto d = parse(r.out);
    REQUIRE(d["scenarios"].Size() == 6);
    CHECK(std::string(d["scenarios"][0]["label"].GetString()) == "remove partners by location");
    CHECK(std::string(d["scenarios"][1]["model"].GetString()) == "rerouting");
    CHECK(d["scenarios"][1]["products"][0].HasMember("remaining_fraction"));
    CHECK(std::string(d["scenarios"][5]["keep"][0].GetString()) == "AU");
    CHECK(std::string(d["scenarios"][5]["by"].GetString()) == "owner");
    r = run_cli({"stress", chain, "--remove-node", "ref-fi", "--format", "csv"});
    REQUIRE(r.code == 0);
    CHECK(r.out.rfind("scenario,by,model,product,baseline,remaining,remaining_fraction,loss\r\n"
                      "remove node:ref-fi by location,location,immediate,EV battery cells,",
                      0) == 0);
    r = run_cli({"stress", chain, "--keep-group", "partners", "--model", "rerouting"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("[1] keep partners by location") != std::string::npos);
}

TEST_CASE("chokepoint stress: scenario file and bad arguments exit 2") {
    const auto chain = fixture("battery_chain.json");
    auto r = run_cli({"stress", chain, "--scenario-file", fixture("battery_scenarios.json"),
                      "--format", "json"});
    REQUIRE(r.code == 0);
    auto d = parse(r.out);
    REQUIRE(d["scenarios"].Size() == 4);
    CHECK(std::string(d["scenarios"][1]["label"].GetString()) == "China by owner");

    r = run_cli({"stress", chain, "--remove", "XX"});
    CHECK(r.code == 2);
    CHECK(r.err == "chokepoint: \"XX\" is neither an ISO 3166-1 alpha-2 code nor a group\n");
    r = run_cli({"stress", chain, "--remove-group", "nato"});
    CHECK(r.code == 2);
    CHECK(r.err == "chokepoint: unknown group \"nato\"\n");
    r = run_cli({"stress", chain, "--remove-node", "nowhere"});
    CHECK(r.err == "chokepoint: unknown node \"nowhere\"\n");
    r = run_cli({"stress", chain, "--keep-group", "G7", "--remove", "CN"});
    CHECK(r.code == 2);
    r = run_cli({"stress", chain, "--scenario", "remove CN by sea"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown cut \"sea\"") != std::string::npos);
    r = run_cli({"stress", chain, "--model", "psychic"});
    CHECK(r.code == 2);

    {
        TempFile f("{\"scenarios\": [\"remove CN\", {\"remove\": [\"CN\", \"QQ\"]}]}");
        r = run_cli({"stress", chain, "--scenario-file", f.path});
        CHECK(r.code == 2);
        CHECK(r.err == "chokepoint: " + f.path +
                           ": /scenarios/1/remove/1: \"QQ\" is neither an ISO 3166-1 alpha-2 code "
                           "nor a group\n");
    }
    {
        TempFile f("{\"scenarios\": [\n  {\"remove\": [\"CN\"],}\n]}");
        r = run_cli({"stress", chain, "--scenario-file", f.path});
        CHECK(r.code == 2);
        CHECK(r.err.find(f.path + ":2:21: Missing a name for object member.\n") !=
              std::string::npos);
    }
    {
        TempFile f("{\"scenarios\": [{\"remvoe\": [\"CN\"]}, 3]}");
        r = run_cli({"stress", chain, "--scenario-file", f.path});
        CHECK(r.err == "chokepoint: " + f.path +
                           ": /scenarios/0/remvoe: unknown field (expected label, remove, keep, "
                           "remove_nodes or by)\n");
    }
    {
        TempFile f("{\"scenarios\": [{\"keep\": [\"G7\"], \"remove\": [\"CN\"]}]}");
        r = run_cli({"stress", chain, "--scenario-file", f.path});
        CHECK(r.err.find("/scenarios/0/keep: ") != std::string::npos);
    }
    {
        TempFile f("[]");
        r = run_cli({"stress", chain, "--scenario-file", f.path});
        CHECK(r.err ==
              "chokepoint: " + f.path + ": expected an object with a \"scenarios\" array\n");
    }
    r = run_cli({"stress", chain, "--scenario-file", "/nonexistent/s.json"});
    CHECK(r.code == 2);
    CHECK(r.err == "chokepoint: /nonexistent/s.json: cannot read the scenario file\n");
}
