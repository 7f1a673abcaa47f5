#include "datasets/loader.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "datasets/writer.hpp"

using namespace chokepoint;
namespace fs = std::filesystem;

namespace {

const std::string kFixtures = std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/fixtures/";

std::vector<std::string> errors_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const DatasetError& e) {
        return e.messages();
    }
    return {};
}

std::string write(const SupplyGraph& g) {
    std::ostringstream out;
    write_dataset(g, out);
    return out.str();
}

}  // namespace

TEST_CASE("load_dataset: every broken fixture fails with its pinned message") {
    std::ifstream expected(kFixtures + "broken/EXPECTED.tsv");
    REQUIRE(expected);
    std::size_t pinned = 0;
    for (std::string line; std::getline(expected, line);) {
        const auto tab = line.find('\t');
        const std::string name = line.substr(0, tab), suffix = line.substr(tab + 1);
        const std::string path = kFixtures + "broken/" + name + ".json";
        INFO(name);
        auto errors = errors_of([&] { load_dataset(path); });
        REQUIRE_FALSE(errors.empty());
        CHECK(errors.front() == path + suffix);
        ++pinned;
    }
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(kFixtures + "broken"))
        files += entry.path().extension() == ".json";
    CHECK(pinned == files);
    CHECK(pinned >= 40);
}

TEST_CASE("load_dataset: warnings name the place and the file still loads") {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"unknown_field", ": /nodes/0/colour: warning: unknown field \"colour\" ignored"},
        {"ships_more_than_output",
         ": /nodes/0: warning: node \"tenke\" ships 31000 but its output is 30000"},
        {"backward_edge",
         ": /edges/2: warning: edge \"huayou\" -> \"kcc\" goes from stage \"refining\" back to "
         "earlier stage "
         "\"mining\""},
        {"isolated_node", ": /nodes/3: warning: node \"lonely\" is isolated (no edges)"},
        {"mixed_units",
         ": /nodes/1/unit: warning: commodity \"cobalt hydroxide\" is in \"kt Co\" here but in \"t "
         "Co\" at node "
         "\"tenke\""},
    };
    for (const auto& [name, suffix] : cases) {
        const std::string path = kFixtures + "warnings/" + name + ".json";
        const Dataset d = load_dataset(path);
        REQUIRE(d.warnings.size() == 1);
        CHECK(d.warnings[0] == path + suffix);
    }
    CHECK(load_dataset(kFixtures + "good/tiny.json").warnings.empty());
}

TEST_CASE("load_dataset: files that cannot be read") {
    CHECK(
        errors_of([] { load_dataset(kFixtures + "nope.json"); }) ==
        std::vector<std::string>{kFixtures + "nope.json: cannot open: No such file or directory"});
    CHECK(errors_of([] { load_dataset(kFixtures + "good"); }) ==
          std::vector<std::string>{kFixtures + "good: is a directory"});
}

TEST_CASE("parse_dataset: all content errors are reported, capped at 100") {
    std::string doc =
        R"({"format":"chokepoint/1","name":"n","sources":[{"id":"s","citation":"c"}],)"
        R"("stages":[{"id":"a"}],"edges":[],"nodes":[)";
    for (int i = 0; i < 150; ++i) {
        doc += (i ? "," : "") + std::string(R"({"id":"n)") + std::to_string(i) +
               R"(","stage":"a","commodity":"c","country":"XX","output":1})";
    }
    doc += "]}";
    auto errors = errors_of([&] { parse_dataset(doc, "big.json"); });
    REQUIRE(errors.size() == 101);
    CHECK(errors[0] ==
          "big.json: /nodes/0/country: \"XX\" is not an ISO 3166-1 alpha-2 country code");
    CHECK(errors[99] ==
          "big.json: /nodes/99/country: \"XX\" is not an ISO 3166-1 alpha-2 country code");
    CHECK(errors[100] == "big.json: too many errors; stopped after 100");
}

TEST_CASE("parse_dataset: deep nesting cannot overflow the stack") {
    const int depth = 200000;
    std::string doc =
        R"({"format":"chokepoint/1","name":"n","sources":[{"id":"s","citation":"c"}],)"
        R"("stages":[],"nodes":[],"edges":[],"extra":)";
    doc += std::string(depth, '[') + std::string(depth, ']') + "}";
    const Dataset d = parse_dataset(doc, "deep.json");
    CHECK(d.graph.num_nodes() == 0);
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0] == "deep.json: /extra: warning: unknown field \"extra\" ignored");
    auto errors = errors_of([&] { parse_dataset(std::string(depth, '['), "open.json"); });
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].rfind("open.json:1:", 0) == 0);
}

TEST_CASE("parse_dataset: a UTF-8 byte order mark is skipped; JSON pointers escape ~ and /") {
    std::string doc =
        "\xEF\xBB\xBF"
        R"({"format":"chokepoint/1","name":"n","sources":[{"id":"s","citation":"c"}],)"
        R"("stages":[],"nodes":[],"edges":[],"a/b~c":1})";
    const Dataset d = parse_dataset(doc, "bom.json");
    REQUIRE(d.warnings.size() == 1);
    CHECK(d.warnings[0] == "bom.json: /a~1b~0c: warning: unknown field \"a/b~c\" ignored");
}

TEST_CASE("write_dataset: load -> write -> load gives the same graph") {
    for (const std::string& path :
         {kFixtures + "good/tiny.json",
          std::string(CHOKEPOINT_SOURCE_DIR) + "/datasets/cobalt_mini.json"}) {
        INFO(path);
        const Dataset a = load_dataset(path);
        const std::string text = write(a.graph);
        const Dataset b = parse_dataset(text, "roundtrip.json");
        CHECK(b.warnings.empty());
        CHECK(write(b.graph) == text);
        const auto &ga = a.graph, &gb = b.graph;
        REQUIRE(ga.num_nodes() == gb.num_nodes());
        REQUIRE(ga.num_edges() == gb.num_edges());
        for (NodeId n = 0; n < ga.num_nodes(); ++n) {
            CHECK(ga.id(n) == gb.id(n));
            CHECK(ga.name(n) == gb.name(n));
            CHECK(ga.output(n) == gb.output(n));
            CHECK(ga.capacity(n) == gb.capacity(n));
            CHECK(ga.country(n) == gb.country(n));
            CHECK(ga.control_country(n) == gb.control_country(n));
            CHECK(ga.commodity_name(ga.commodity(n)) == gb.commodity_name(gb.commodity(n)));
            CHECK(ga.sources_of(n).size() == gb.sources_of(n).size());
        }
        for (EdgeId e = 0; e < ga.num_edges(); ++e) {
            CHECK(ga.id(ga.from(e)) == gb.id(gb.from(e)));
            CHECK(ga.id(ga.to(e)) == gb.id(gb.to(e)));
            CHECK(ga.flow(e) == gb.flow(e));
        }
        CHECK(ga.info().name == gb.info().name);
        CHECK(ga.sources().size() == gb.sources().size());
    }
}

TEST_CASE("load_dataset: the tiny fixture as documented") {
    const Dataset d = load_dataset(kFixtures + "good/tiny.json");
    const auto& g = d.graph;
    CHECK(g.num_nodes() == 3);
    const NodeId tenke = *g.find("tenke");
    CHECK(g.capacity(tenke) == 35000);
    CHECK(g.inventory_days(tenke) == 20);
    CHECK(std::isnan(g.inventory_days(*g.find("kcc"))));
    CHECK(country_code(g.control_country(tenke)) == "CN");
    CHECK(g.find_group("DRC-partners")->members.size() == 2);
    CHECK(g.info().year == 2023);
    CHECK(g.commodity_unit(g.commodity(tenke)) == "t Co");
}
