// import_csv / export_csv semantics and round trips (the error messages: csv_test.cpp).
#include "datasets/csv_import.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <sstream>

#include "datasets/writer.hpp"
#include "tests/support/files.hpp"

using namespace chokepoint;
using chokepoint::test::read_file;
using chokepoint::test::source_path;
using chokepoint::test::TempDir;

namespace {

std::string json(const SupplyGraph& g) {
    std::ostringstream os;
    write_dataset(g, os);
    return os.str();
}

// Exports g into a fresh folder and imports it back.
SupplyGraph round_trip(const SupplyGraph& g) {
    TempDir d;
    for (const auto& f : export_csv(g)) {
        std::ostringstream os;
        f.write(os);
        d.write(f.name, os.str());
    }
    return import_csv(csv_files_in(d.path().string())).graph;
}

std::vector<std::string> stage_ids(const SupplyGraph& g) {
    std::vector<std::string> out;
    for (StageId s = 0; s < g.num_stages(); ++s) out.push_back(g.stage_info(s).id);
    return out;
}

// A dataset using every optional field, with awkward text: delimiters, quotes, newlines,
// leading spaces, non-ASCII, and numbers that have no short decimal form.
SupplyGraph awkward_graph(unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> u(0.001, 1e6);
    SupplyGraphBuilder b;
    b.set_info({"Awkward, \"quoted\"; name", "Two\nlines", "CC0 ;-)", " notes ", 2024});
    b.add_source({"s1", "Citation, with comma", "https://x.test/a?b=c,d", "T\"itle", "Pub",
                  "p. 3; fig. 2", "CC BY", 2021});
    b.add_source({"s 2", "Ünïcödé citation"});
    b.add_group({"Pair", "Two countries", {*parse_country("CN"), *parse_country("US")}});
    b.add_group({"G7", "Not the built-in one", {*parse_country("FR")}});
    b.add_stage("up", "Up, stream");
    b.add_stage("down", "");
    const char* countries[] = {"CN", "CD", "US", "FI", "JP"};
    for (int i = 0; i < 12; ++i) {
        const std::string id = "n" + std::to_string(i) + (i % 3 ? "" : ",x");
        const double out = u(rng);
        NodeSpec s{.id = id,
                   .name = i % 2 ? std::string_view(" Lead space \"q\"") : std::string_view(),
                   .stage = i < 6 ? "up" : "down",
                   .commodity = i < 6 ? "ore; raw" : "metal\nrefined",
                   .country = countries[i % 5],
                   .output = out,
                   .capacity = i % 4 ? out * 1.5 + 1.0 / 3 : NAN,
                   .unit = i % 2 ? "t" : "",
                   .inventory_days = i % 3 ? NAN : 0.1 * i,
                   .sources = i % 2 ? std::vector<std::string_view>{"s1", "s 2"}
                                    : std::vector<std::string_view>{},
                   .note = i == 4 ? "note, with \"quotes\"\r\nand CRLF" : ""};
        if (i % 5 == 1) s.owners = {{"Owner A", "CN", 0.7}, {"Owner, B", "US", 0.3}};
        b.add_node(s);
    }
    const std::string_view es[] = {"s 2"};
    for (NodeId a = 0; a < 6; ++a)
        for (NodeId c = 6; c < 12; c += 1 + a % 2) b.add_edge(a, c, u(rng) / 7, es, "e, note");
    return b.freeze();
}

}  // namespace

TEST_CASE("import_csv: stages in order of first appearance, or as --stages says") {
    TempDir d;
    CsvFiles f;
    f.nodes = d.write("n.csv",
                      "id,stage,commodity,country,output\nc,make,car,US,1\na,mine,ore,CD,1\n"
                      "b,refine,metal,CN,1\n");
    CHECK(stage_ids(import_csv(f).graph) == std::vector<std::string>{"make", "mine", "refine"});
    const auto g = import_csv(f, {.stage_order = {"mine", "refine", "make", "sell"}}).graph;
    CHECK(stage_ids(g) == std::vector<std::string>{"mine", "refine", "make", "sell"});
    CHECK(g.info().name == "Imported from n.csv");
    CHECK(g.num_edges() == 0);
    REQUIRE(g.sources().size() == 1);
    CHECK(g.sources()[0].id == "csv-import");
    CHECK(import_csv(f, {.name = "Cars"}).graph.info().name == "Cars");
}

TEST_CASE("import_csv: semicolons, decimal commas, a BOM and '|' lists") {
    TempDir d;
    CsvFiles f;
    f.nodes = d.write("nodes.csv",
                      "\xEF\xBB\xBFid;stage;commodity;country;output;capacity;sources\n"
                      "a;mine;ore;CD;2,5;3;s | t\n"
                      "b;refine;\"metal; pure\";CN;1000;;\n");
    f.edges = d.write("edges.csv", "from;to;flow\na;b;1,25\n");
    f.sources = d.write("sources.csv", "id,citation\ns,One\nt,Two\n");
    f.owners = d.write("owners.csv", "node;name;country;share\na;X;CN;0,5\na;Y;CD;0,5\n");
    const auto g = import_csv(f).graph;
    REQUIRE(g.num_nodes() == 2);
    CHECK(g.output(0) == 2.5);
    CHECK(g.capacity(0) == 3);
    CHECK(g.capacity(1) == 1000);  // empty capacity = output
    CHECK(g.commodity_name(g.commodity(1)) == "metal; pure");
    REQUIRE(g.sources_of(0).size() == 2);
    CHECK(g.sources()[g.sources_of(0)[1]].id == "t");
    CHECK(g.flow(0) == 1.25);
    REQUIRE(g.owners(0).size() == 2);
    CHECK(g.owner_name(g.owners(0)[0].name) == "X");
    CHECK(g.control_country(0) == *parse_country("CN"));  // first listed wins a tie at 0.5
}

TEST_CASE("import_csv: the spreadsheet fixture gives the committed JSON byte for byte") {
    // Regenerate: chokepoint import csv tests/fixtures/csv/spreadsheet -o
    //   tests/fixtures/csv/spreadsheet.json
    const auto d = import_csv(csv_files_in(source_path("tests/fixtures/csv/spreadsheet")));
    CHECK(d.warnings.empty());
    CHECK(json(d.graph) == read_file(source_path("tests/fixtures/csv/spreadsheet.json")));
    const auto& g = d.graph;
    CHECK(g.num_nodes() == 6);
    CHECK(g.num_edges() == 6);
    CHECK(g.control_country(*g.find("mine-cd")) == *parse_country("CN"));
    CHECK(g.capacity(*g.find("mine-cd")) == 120);
    CHECK(g.info().year == 2023);
}

TEST_CASE("export_csv: file names, and groups.csv only with the dataset's own groups") {
    const auto g = load_dataset(source_path("tests/fixtures/csv/spreadsheet.json")).graph;
    std::vector<std::string> names;
    for (const auto& f : export_csv(g)) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"dataset.csv", "sources.csv", "stages.csv", "nodes.csv",
                                            "owners.csv", "edges.csv"});
    names.clear();
    for (const auto& f : export_csv(awkward_graph(1))) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"dataset.csv", "sources.csv", "stages.csv",
                                            "groups.csv", "nodes.csv", "owners.csv", "edges.csv"});
}

TEST_CASE("export_csv: the nodes and owners tables of the spreadsheet fixture") {
    const auto g = load_dataset(source_path("tests/fixtures/csv/spreadsheet.json")).graph;
    const auto files = export_csv(g);
    std::ostringstream nodes, owners;
    files[3].write(nodes);
    files[4].write(owners);
    CHECK(nodes.str() ==
          "id,name,stage,commodity,country,output,capacity,unit,inventory_days,sources,note\n"
          "mine-cd,Copperbelt mine,mining,cobalt hydroxide,CD,100,120,t Co,,example,\n"
          "mine-id,Sulawesi mine,mining,cobalt hydroxide,ID,30,,t Co,,example,\n"
          "refinery-cn,Coastal refinery,refining,cobalt sulfate,CN,90,100,t Co,,example,\n"
          "refinery-fi,Nordic refinery,refining,cobalt sulfate,FI,20,,t Co,,example,\n"
          "cathode-kr,\"Cathode plant, Korea\",cathode,NMC cathode,KR,60,,t Co,,example,\n"
          "cathode-cn,Cathode plant China,cathode,NMC cathode,CN,50,,t Co,,example,\n");
    CHECK(owners.str() ==
          "node,name,country,share\nmine-cd,Sino Mining,CN,0.8\nmine-cd,State Miner,CD,0.2\n"
          "refinery-fi,Nordic Metals,FI,1\n");
}

TEST_CASE("export_csv: refuses a source id that cannot go into a '|' list") {
    SupplyGraphBuilder b;
    b.add_source({"a|b", "x"});
    b.add_stage("s");
    CHECK_THROWS_WITH(export_csv(b.freeze()), "export_csv: source id \"a|b\" contains '|'");
}

TEST_CASE("round trip: JSON -> CSV -> JSON is the identity after normalisation") {
    // Empty graph, the fixture, and seeded awkward graphs using every optional field.
    SupplyGraphBuilder empty;
    empty.set_info({"Empty", "", "", "", std::nullopt});
    empty.add_source({"s", "c"});
    const auto e = empty.freeze();
    CHECK(json(round_trip(e)) == json(e));
    const auto fixture = load_dataset(source_path("tests/fixtures/csv/spreadsheet.json")).graph;
    CHECK(json(round_trip(fixture)) == json(fixture));
    for (unsigned seed : {1u, 2u, 3u}) {
        const auto g = parse_dataset(json(awkward_graph(seed)), "awkward").graph;
        const auto back = round_trip(g);
        CHECK(json(back) == json(g));
        CHECK(back.find_group("g7")->name == "Not the built-in one");
    }
}
