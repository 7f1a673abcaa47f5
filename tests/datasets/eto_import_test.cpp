// import_eto on the made-up fixture tests/fixtures/eto/mini (same layout as the ETO files; no
// ETO data). The fixture's chain, with shares in percent:
//
//   Design software (orgs: Acme US 75, Orchid GB 25; country row USA 80 unused)
//        | goes_into Chip design (process, S1) -> stage S1 "Design" (US 60, TW 30, Various 10)
//        v
//   Design --Chip design goes_into Deposition (process, S2)--> Fabrication (TW 70, US 30)
//   Litho tools (Polder NL 90, Sakura JP 10) --> Deposition --> Fabrication
//     EUV tools is_type_of Litho tools (Polder 100): not used, its class has shares
//   Gases (only "provides", no share) --> Deposition: no nodes
//   Toolkits (no shares) --> Etching (S2); Saws (Kiwi NZ 100) and Probes (Fjord NO 60,
//     Various companies 40) are its subtypes: used, feeding Fabrication
//   Etching --> Finished chip (ultimate output, no shares): Fabrication is the end product
#include "datasets/eto_import.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "datasets/writer.hpp"
#include "tests/support/files.hpp"

using namespace chokepoint;
using chokepoint::test::read_file;
using chokepoint::test::source_path;
using chokepoint::test::TempDir;

namespace {

const std::string kDir = "tests/fixtures/eto/mini";

std::vector<std::string> ids(const SupplyGraph& g) {
    std::vector<std::string> out;
    for (NodeId n = 0; n < g.num_nodes(); ++n) out.emplace_back(g.id(n));
    return out;
}

double flow(const SupplyGraph& g, std::string_view a, std::string_view b) {
    const NodeId from = *g.find(a), to = *g.find(b);
    for (auto e : g.out_edges(from))
        if (g.to(e) == to) return g.flow(e);
    return 0;
}

// A copy of the fixture with one file replaced; messages start with "D/".
std::vector<std::string> errors_with(const std::string& file, const std::string& text,
                                     std::size_t first = 10) {
    TempDir d;
    for (const auto& f : std::filesystem::directory_iterator(source_path(kDir)))
        d.write(f.path().filename().string(), read_file(f.path().string()));
    d.write(file, text);
    try {
        import_eto(d.path().string());
    } catch (const DatasetError& e) {
        auto v = e.messages();
        for (auto& m : v) m = "D" + m.substr(d.path().string().size());
        v.resize(std::min(v.size(), first));
        return v;
    }
    return {};
}

}  // namespace

TEST_CASE("import_eto: providers with shares become nodes, by stage and share") {
    const auto d = import_eto(source_path(kDir));
    const auto& g = d.graph;
    CHECK(ids(g) == std::vector<std::string>{
                        "design-software/acme-design", "design-software/orchid-eda",
                        "design/united-states", "design/taiwan", "litho-tools/polder-litho",
                        "litho-tools/sakura-optics", "saws/kiwi-saws", "probes/fjord-probes",
                        "fabrication/taiwan", "fabrication/united-states"});
    std::vector<std::string> stages;
    for (StageId s = 0; s < g.num_stages(); ++s)
        stages.push_back(g.stage_info(s).id + "=" + g.stage_info(s).name);
    CHECK(stages == std::vector<std::string>{"design-inputs=Design inputs", "design=Design",
                                             "fabrication-inputs=Fabrication inputs",
                                             "fabrication=Fabrication"});
    const NodeId acme = *g.find("design-software/acme-design");
    CHECK(g.name(acme) == "Acme Design");
    CHECK(g.commodity_name(g.commodity(acme)) == "Design software");
    CHECK(country_code(g.country(acme)) == "US");  // USA -> US
    CHECK(g.output(acme) == 75);
    CHECK(g.unit(acme) == "% of global market");
    CHECK(g.note(acme) == "ETO P10 provides N4 (2024)");
    CHECK(country_code(g.country(*g.find("saws/kiwi-saws"))) == "NZ");
    CHECK(g.name(*g.find("fabrication/taiwan")) == "Taiwan");  // the country's alias
    CHECK(g.output(*g.find("probes/fjord-probes")) == 60);     // "Various companies" dropped
    CHECK_FALSE(g.find_commodity("EUV tools"));
    CHECK_FALSE(g.find_commodity("Gases"));
    REQUIRE(g.end_products().size() == 1);
    CHECK(g.commodity_name(g.end_products()[0]) == "Fabrication");
}

TEST_CASE("import_eto: goes_into edges split each output by the customers' shares") {
    const auto g = import_eto(source_path(kDir)).graph;
    CHECK(g.num_edges() == 16);
    // Acme 75 to Design (US 60, TW 30 of 90); Orchid 25 likewise.
    CHECK(flow(g, "design-software/acme-design", "design/united-states") == Approx(50));
    CHECK(flow(g, "design-software/acme-design", "design/taiwan") == Approx(25));
    CHECK(flow(g, "design-software/orchid-eda", "design/united-states") == Approx(50.0 / 3));
    // Chip design feeds Deposition: Design -> Fabrication (TW 70, US 30 of 100).
    CHECK(flow(g, "design/united-states", "fabrication/taiwan") == Approx(42));
    CHECK(flow(g, "design/taiwan", "fabrication/united-states") == Approx(9));
    CHECK(flow(g, "litho-tools/polder-litho", "fabrication/taiwan") == Approx(63));
    CHECK(flow(g, "litho-tools/sakura-optics", "fabrication/united-states") == Approx(3));
    // Subtypes of a class without shares inherit its goes_into (Toolkits -> Etching).
    CHECK(flow(g, "saws/kiwi-saws", "fabrication/taiwan") == Approx(70));
    CHECK(flow(g, "probes/fjord-probes", "fabrication/united-states") == Approx(18));
    // Processes of one stage feeding each other make no edges.
    CHECK(flow(g, "fabrication/taiwan", "fabrication/united-states") == 0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        double shipped = 0;
        for (auto e : g.out_edges(n)) shipped += g.flow(e);
        if (g.out_degree(n) > 0) CHECK(shipped == Approx(g.output(n)));
    }
}

TEST_CASE("import_eto: what is dropped is said, and the result validates") {
    const auto d = import_eto(source_path(kDir));
    const std::string p = source_path(kDir);
    CHECK(d.warnings ==
          std::vector<std::string>{
              p + "/provision.csv: warning: rows without a share (empty or 0) are not used: 1 "
                  "(first on line 13)",
              p + "/provision.csv: warning: rows of providers without an ISO 3166-1 country "
                  "(Various countries) are not used: 2 (first on line 4)",
              p + "/provision.csv: warning: rows of the country breakdown are not used where "
                  "organisation shares exist (the two must not be added): 1",
              p + "/sequence.csv: warning: subtypes with shares are not used because a class "
                  "above them has its own shares: 1 (EUV tools)"});
    const auto& info = d.graph.info();
    CHECK(info.license.starts_with("CC BY-NC 4.0."));
    CHECK(info.license.find("Emerging Technology Observatory") != std::string::npos);
    CHECK(info.license.find("(CSET)") != std::string::npos);
    CHECK(info.notes.starts_with("Not used by the import: rows without a share"));
    CHECK(d.graph.sources()[0].license == "CC BY-NC 4.0");
    CHECK(d.graph.sources()[2].citation == "Made-up vendor report, 2024");
    std::ostringstream os;
    write_dataset(d.graph, os);
    const auto again = parse_dataset(os.str(), "eto.json");
    CHECK(again.warnings.empty());
    CHECK(again.graph.num_nodes() == 10);
}

TEST_CASE("import_eto: the fixture gives the committed JSON byte for byte") {
    // Regenerate: chokepoint import eto tests/fixtures/eto/mini -o tests/fixtures/eto/mini.json
    std::ostringstream os;
    write_dataset(import_eto(source_path(kDir)).graph, os);
    CHECK(os.str() == read_file(source_path("tests/fixtures/eto/mini.json")));
}

TEST_CASE("import_eto: --prefer countries uses the country breakdown where both exist") {
    const auto d = import_eto(source_path(kDir), {.prefer_countries = true});
    const auto& g = d.graph;
    CHECK(g.find("design-software/united-states"));
    CHECK_FALSE(g.find("design-software/acme-design"));
    CHECK(g.output(*g.find("design-software/united-states")) == 80);
    CHECK(g.find("litho-tools/polder-litho"));  // no country breakdown: organisations
    CHECK(d.warnings.at(2).ends_with(
        "rows of the organisation breakdown are not used where country shares exist (the two "
        "must not be added): 2"));
}

TEST_CASE("import_eto: broken tables are refused with located messages") {
    CHECK(errors_with("provision.csv",
                      "provider_id,provided_id,share_provided\nP99,N5,10\nP12,N77,10\n"
                      "P12,N5,150\nP12,N5,x\nP12,N5,-1\n") ==
          std::vector<std::string>{
              "D/provision.csv:2: column \"provider_id\": unknown provider \"P99\"",
              "D/provision.csv:3: column \"provided_id\": unknown input or stage \"N77\"",
              "D/provision.csv:4: column \"share_provided\": must be a percentage (0 to 100), "
              "got 150",
              "D/provision.csv:5: column \"share_provided\": \"x\" is not a number",
              "D/provision.csv:6: column \"share_provided\": must be a percentage (0 to 100), "
              "got -1"});
    CHECK(errors_with("providers.csv",
                      "provider_name,alias,provider_id,provider_type,country\n"
                      "A,,P1,company,USA\nB,,P2,organization,USA\nC,,P2,organization,USA\n",
                      2) ==
          std::vector<std::string>{
              "D/providers.csv:2: column \"provider_type\": \"company\" is neither \"country\" "
              "nor \"organization\"",
              "D/providers.csv:4: column \"provider_id\": provider id \"P2\" is used for two "
              "different providers"});
    CHECK(errors_with("sequence.csv", "input_id,goes_into_id,is_type_of_id\nN4,N404,\n") ==
          std::vector<std::string>{
              "D/sequence.csv:2: column \"goes_into_id\": unknown input \"N404\""});
    CHECK(errors_with("inputs.csv", "input_id,input_name,type\nN1,A,process\nN1,B,process\n", 1) ==
          std::vector<std::string>{"D/inputs.csv:3: column \"input_id\": duplicate id \"N1\""});
    CHECK(errors_with("stages.csv", "stage_id\nS1\n") ==
          std::vector<std::string>{"D/stages.csv:1: missing required column \"stage_name\""});
}

TEST_CASE("import_eto: a goes_into cycle between inputs terminates and validates") {
    //  Design software <--> Litho tools --> Deposition (Fabrication)
    TempDir d;
    for (const auto& f : std::filesystem::directory_iterator(source_path(kDir)))
        d.write(f.path().filename().string(), read_file(f.path().string()));
    d.write("sequence.csv", "input_id,goes_into_id,is_type_of_id\nN4,N5,\nN5,N4,\nN5,N2,\n");
    const auto g = import_eto(d.path().string()).graph;
    CHECK(flow(g, "design-software/acme-design", "litho-tools/polder-litho") == Approx(67.5));
    CHECK(flow(g, "litho-tools/polder-litho", "design-software/acme-design") == Approx(33.75));
    CHECK(flow(g, "litho-tools/polder-litho", "fabrication/taiwan") == Approx(31.5));
    CHECK_FALSE(g.is_acyclic());
    std::ostringstream os;
    write_dataset(g, os);
    CHECK_NOTHROW(parse_dataset(os.str(), "cycle.json"));
}

TEST_CASE("import_eto: a folder without the files") {
    TempDir d;
    CHECK_THROWS_WITH(import_eto(d.path().string()),
                      d / "stages.csv" + ": cannot open: No such file or directory");
}
