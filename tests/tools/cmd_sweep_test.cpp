#include <rapidjson/document.h>

#include <catch2/catch.hpp>

#include "tests/support/cli.hpp"

using chokepoint::test::fixture;
using chokepoint::test::run_cli;

TEST_CASE("chokepoint sweep: JSON rows, pairs, groups") {
    const auto chain = fixture("battery_chain.json");
    auto r = run_cli({"sweep", chain, "--format", "json"});
    REQUIRE(r.code == 0);
    CHECK(r.err == "sweep: 10 scenarios (10 countries by location)\n");
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE_FALSE(d.HasParseError());
    CHECK(std::string(d["by"].GetString()) == "location");
    CHECK(std::string(d["model"].GetString()) == "immediate");
    REQUIRE(d["rows"].Size() == 10);
    // Rows by country code: AU, CD, CL, CN, ...; the embargo-free cut of PL costs its cells.
    const auto& cd = d["rows"][1];
    CHECK(std::string(cd["remove"][0].GetString()) == "CD");
    CHECK(cd["products"]["EV battery cells"].GetDouble() > 0.8);
    const auto& pl = d["rows"][8];
    CHECK(std::string(pl["label"].GetString()) == "PL");
    CHECK(pl["products"]["EV battery cells"].GetDouble() == Approx(0.15));
    CHECK(pl["products"]["superalloys"].GetDouble() == 0.0);

    r = run_cli({"sweep", chain, "--k", "2", "--groups", "--format", "csv"});
    REQUIRE(r.code == 0);
    CHECK(r.err.rfind("sweep: ", 0) == 0);
    CHECK(r.err.find("10 countries by location, 45 pairs, groups") != std::string::npos);
    CHECK(r.out.rfind("removed,EV battery cells,superalloys\r\nAU,", 0) == 0);
    CHECK(r.out.find("\r\nCD+CN,") != std::string::npos);
    CHECK(r.out.find("\r\npartners,") != std::string::npos);

    r = run_cli({"sweep", chain, "--by", "owner", "--model", "rerouting", "--links", "market",
                 "--format", "json"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("\"links\": \"market\"") != std::string::npos);
    r = run_cli({"sweep", chain, "--k", "3"});
    CHECK(r.code == 2);
}

TEST_CASE("chokepoint sweep: ranked table") {
    auto r = run_cli({"sweep", fixture("battery_chain.json"), "--top", "2"});
    REQUIRE(r.code == 0);
    CHECK(r.out.find("EV battery cells (GWh, baseline 100): loss by scenario, top 2\n") !=
          std::string::npos);
    CHECK(r.out.find("Loss by scenario and end product\n") != std::string::npos);
}
