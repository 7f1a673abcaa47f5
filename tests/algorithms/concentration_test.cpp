#include "algorithms/concentration.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <tuple>

#include "tests/support/graphs.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;
using View = ConcentrationView;

namespace {

// A node with owners, for graphs make_graph cannot draw.
struct N {
    std::string id, commodity, country;
    double output = 100;
    std::vector<OwnerSpec> owners = {};
    std::string name = {};
    std::string stage = "s";
};

SupplyGraph build(const std::vector<N>& nodes,
                  const std::vector<std::tuple<std::string, std::string, double>>& edges = {}) {
    SupplyGraphBuilder b;
    for (const auto& n : nodes) {
        if (!b.find_stage(n.stage)) b.add_stage(n.stage);
        b.add_node({.id = n.id,
                    .name = n.name,
                    .stage = n.stage,
                    .commodity = n.commodity,
                    .country = n.country,
                    .owners = n.owners,
                    .output = n.output});
    }
    for (const auto& [from, to, flow] : edges) b.add_edge(from, to, flow);
    return b.freeze();
}

SupplyGraph market(const std::vector<double>& outputs) {
    static const char* kCountries[] = {"AU", "BR", "CA", "DE", "FR", "IN", "JP", "US"};
    std::vector<N> nodes;
    for (std::size_t i = 0; i < outputs.size(); ++i)
        nodes.push_back({"n" + std::to_string(i), "ore", kCountries[i], outputs[i]});
    return build(nodes);
}

ViewConcentration only_view(const ConcentrationResult& r) {
    REQUIRE(r.markets.size() == 1);
    REQUIRE(r.markets[0].views.size() == 1);
    return r.markets[0].views[0];
}

std::vector<std::pair<std::string, double>> shares(const ViewConcentration& v) {
    std::vector<std::pair<std::string, double>> out;
    for (const auto& h : v.shares) out.emplace_back(h.key, h.share);
    return out;
}

std::vector<std::string_view> flags(const SupplyGraph& g, View v = View::location) {
    return flag_names(only_view(measure_concentration(g, {.views = {v}})).flags);
}

using Flags = std::vector<std::string_view>;
using Shares = std::vector<std::pair<std::string, double>>;

}  // namespace

TEST_CASE("measure_concentration: empty graph has no markets") {
    const auto r = measure_concentration(SupplyGraph{});
    CHECK(r.markets.empty());
    CHECK(r.views == std::vector<View>{View::location});
}

TEST_CASE("measure_concentration: one holder has HHI 10,000 and every flag") {
    auto g = make_graph("a:mine:ore:CD:5", "");
    const auto r = measure_concentration(g);
    const auto& m = r.markets.at(0);
    CHECK(g.commodity_name(m.commodity) == "ore");
    CHECK(m.total == 5);
    CHECK(m.producers == 1);
    const auto& v = only_view(r);
    CHECK(v.hhi == 10000);
    CHECK(v.cr1 == 1);
    CHECK(v.cr3 == 1);
    CHECK(v.effective_suppliers == 1);
    CHECK(shares(v) == Shares{{"CD", 1.0}});
    CHECK(v.shares[0].output == 5);
    CHECK(flag_names(v.flags) == Flags{"doj2010-high", "doj2023", "ec-dependency", "crma-65"});
}

TEST_CASE("measure_concentration: two equal holders, with and without an edge") {
    //  a(ZM) ore 50    b(CD) ore 50        (no edge)
    auto apart = make_graph("a:mine:ore:ZM:50 b:mine:ore:CD:50", "");
    const auto& v = only_view(measure_concentration(apart));
    CHECK(v.hhi == 5000);
    CHECK(v.cr1 == 0.5);
    CHECK(v.cr3 == 1);
    CHECK(v.effective_suppliers == 2);
    CHECK(shares(v) == Shares{{"CD", 0.5}, {"ZM", 0.5}});  // tie: key ascending
    //  a(ZM) ore --10--> b(CD) metal: two markets of one holder each, mining first
    auto linked = make_graph("a:mine:ore:ZM:50 b:refine:metal:CD:50", "a>b:10");
    const auto r = measure_concentration(linked);
    REQUIRE(r.markets.size() == 2);
    CHECK(linked.commodity_name(r.markets[0].commodity) == "ore");
    CHECK(r.markets[1].views[0].hhi == 10000);
}

TEST_CASE("measure_concentration: markets sorted by stage, then commodity name") {
    //  z(CD) mine:zinc   m(CN) refine:metal   a(CD) mine:ore     (disconnected; NodeId order)
    auto g = make_graph("z:mine:zinc:CD m:refine:metal:CN a:mine:ore:CD", "");
    const auto r = measure_concentration(g);
    std::vector<std::string_view> names;
    for (const auto& m : r.markets) names.push_back(g.commodity_name(m.commodity));
    CHECK(names == std::vector<std::string_view>{"ore", "zinc", "metal"});
    CHECK(g.stage_info(r.markets[2].stage).id == "refine");
}

TEST_CASE("measure_concentration: parallel suppliers in one country merge; a cycle is ignored") {
    //  a(CD) 30 --> c(CN) 60 <--> d(CN) 40      b(CD) 70 --> c     (c and d recycle)
    //  markets: ore {CD: 30+70}, metal {CN: 60+40}
    auto g = make_graph("a:mine:ore:CD:30 b:mine:ore:CD:70 c:ref:metal:CN:60 d:ref:metal:CN:40",
                        "a>c:30 b>c:70 c>d:10 d>c:5");
    const auto r = measure_concentration(g);
    REQUIRE(r.markets.size() == 2);
    for (const auto& m : r.markets) {
        CHECK(m.total == 100);
        REQUIRE(m.views[0].shares.size() == 1);
        CHECK(m.views[0].shares[0].output == 100);
        CHECK(m.views[0].hhi == 10000);
    }
}

TEST_CASE("measure_concentration: a joint venture split 80/20") {
    //  tenke(CD) 100, owners CMOC(CN) 0.8, Gecamines(CD) 0.2
    auto g = build({{"tenke", "ore", "CD", 100, {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}}}});
    const auto r = measure_concentration(
        g, {.views = {View::location, View::owner, View::owner_control, View::company}});
    const auto& v = r.markets.at(0).views;
    CHECK(shares(v[0]) == Shares{{"CD", 1.0}});
    CHECK(shares(v[1]) == Shares{{"CN", 0.8}, {"CD", 0.2}});
    CHECK(v[1].hhi == Approx(6800).epsilon(1e-12));
    CHECK(v[1].cr1 == 0.8);
    CHECK(v[1].effective_suppliers == Approx(10000.0 / 6800));
    CHECK(shares(v[2]) == Shares{{"CN", 1.0}});
    CHECK(shares(v[3]) == Shares{{"CMOC", 0.8}, {"Gecamines", 0.2}});
    CHECK(flag_names(v[3].flags) == Flags{"doj2010-high", "doj2023", "ec-dependency"});
    const auto& c = r.markets[0].comparisons;
    REQUIRE(c.size() == 3);
    CHECK(c[0].from == View::location);
    CHECK(c[0].to == View::owner);
    CHECK(c[0].delta_hhi == Approx(-3200));
    CHECK(c[0].top_from == "CD");
    CHECK(c[0].top_to == "CN");
    CHECK(c[2].top_to == "CMOC");
}

TEST_CASE("measure_concentration: control view differs from equity view") {
    //  a(CD) 100: CN 0.6, US 0.4        -> controlled by CN
    //  b(CD) 100: US 0.5, CN 0.5        -> tie at 0.5: the first listed (US) controls
    //  c(ZM) 200: CN 0.4, CH 0.3, ZM 0.3 -> no majority: the location (ZM)
    auto g =
        build({{"a", "ore", "CD", 100, {{"A", "CN", 0.6}, {"B", "US", 0.4}}},
               {"b", "ore", "CD", 100, {{"B", "US", 0.5}, {"A", "CN", 0.5}}},
               {"c", "ore", "ZM", 200, {{"A", "CN", 0.4}, {"C", "CH", 0.3}, {"Z", "ZM", 0.3}}}});
    const auto r =
        measure_concentration(g, {.views = {View::location, View::owner, View::owner_control}});
    const auto& v = r.markets.at(0).views;
    CHECK(shares(v[0]) == Shares{{"CD", 0.5}, {"ZM", 0.5}});
    CHECK(v[0].hhi == 5000);
    // Equity: CN 60+50+80 = 190, US 40+50 = 90, CH 60, ZM 60 of 400.
    REQUIRE(v[1].shares.size() == 4);
    CHECK(v[1].shares[0].key == "CN");
    CHECK(v[1].shares[0].output == Approx(190));
    CHECK(v[1].shares[1].key == "US");
    CHECK(v[1].shares[2].key == "CH");  // tie with ZM at 60: key ascending
    CHECK(v[1].shares[3].key == "ZM");
    CHECK(v[1].hhi == Approx(3212.5));
    CHECK(v[1].cr3 == Approx(0.85));
    // Control: ZM 200, CN 100, US 100.
    CHECK(shares(v[2]) == Shares{{"ZM", 0.5}, {"CN", 0.25}, {"US", 0.25}});
    CHECK(v[2].hhi == 3750);
    CHECK(r.markets[0].comparisons[1].delta_hhi == -1250);
    CHECK(r.markets[0].comparisons[1].top_to == "ZM");
}

TEST_CASE("measure_concentration: company view uses owner names, else the node's name") {
    //  a(CD) 100: CMOC 0.8, Gecamines 0.2;  b(CD) 100 "Kamoto", no owners;  c(CD) 50: CMOC 1
    auto g = build({{"a", "ore", "CD", 100, {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}}},
                    {"b", "ore", "CD", 100, {}, "Kamoto"},
                    {"c", "ore", "CD", 50, {{"CMOC", "CN", 1}}}});
    const auto& v = only_view(measure_concentration(g, {.views = {View::company}}));
    CHECK(shares(v) == Shares{{"CMOC", 130.0 / 250}, {"Kamoto", 0.4}, {"Gecamines", 0.08}});
    CHECK(v.hhi == Approx(4368));
    CHECK(v.groups.empty());
    // A node named like an owner counts as that owner; an unnamed node counts under its id.
    auto same = build({{"a", "ore", "CD", 100, {{"CMOC", "CN", 1}}},
                       {"b", "ore", "CD", 100, {}, "CMOC"},
                       {"c", "ore", "CD", 200}});
    CHECK(shares(only_view(measure_concentration(same, {.views = {View::company}}))) ==
          Shares{{"CMOC", 0.5}, {"c", 0.5}});
}

TEST_CASE("measure_concentration: owner shares summing to 0.9995 are normalised") {
    auto g = build({{"a", "ore", "CD", 100, {{"A", "CN", 0.5}, {"B", "US", 0.4995}}}});
    for (auto view : {View::owner, View::company}) {
        const auto& v = only_view(measure_concentration(g, {.views = {view}}));
        double sum = 0;
        for (const auto& h : v.shares) sum += h.output;
        CHECK(sum == Approx(100).epsilon(1e-12));
        CHECK(v.shares[0].share == Approx(0.5 / 0.9995));
    }
}

TEST_CASE("concentration_flags: every threshold on both sides of its boundary") {
    CHECK(concentration_flags(1499.999, 0.1, true) == 0);
    CHECK(concentration_flags(1500, 0.1, true) == kDoj2010Moderate);
    CHECK(concentration_flags(1800, 0.1, true) == kDoj2010Moderate);
    CHECK(concentration_flags(1800.001, 0.1, true) == (kDoj2010Moderate | kDoj2023));
    CHECK(concentration_flags(2500, 0.1, true) == (kDoj2010Moderate | kDoj2023));
    CHECK(concentration_flags(2500.001, 0.1, true) == (kDoj2010High | kDoj2023));
    CHECK(concentration_flags(4000, 0.1, true) == (kDoj2010High | kDoj2023));
    CHECK(concentration_flags(4000.001, 0.1, true) == (kDoj2010High | kDoj2023 | kEcDependency));
    CHECK(concentration_flags(0, 0.65, true) == 0);
    CHECK(concentration_flags(0, 0.650001, true) == kCrma65);
    CHECK(concentration_flags(0, 0.9, false) == 0);  // crma-65 is about countries
    CHECK(flag_names(0).empty());
}

TEST_CASE("measure_concentration: integer markets hit each threshold exactly") {
    // HHI = 10,000 Σ o² / T², exact for these outputs: (2,2,3,3,3,3,4)/20 -> 1,500.
    CHECK(only_view(measure_concentration(market({2, 2, 3, 3, 3, 3, 4}))).hhi == 1500);
    CHECK(flags(market({2000, 2000, 3000, 3000, 3000, 3000, 4000})) == Flags{"doj2010-moderate"});
    CHECK(flags(market({2000, 2000, 3000, 3000, 3000, 3000, 3999})).empty());
    // (1,1,2,2,2,2)/10 -> 1,800
    CHECK(only_view(measure_concentration(market({1, 1, 2, 2, 2, 2}))).hhi == 1800);
    CHECK(flags(market({1000, 1000, 2000, 2000, 2000, 2000})) == Flags{"doj2010-moderate"});
    CHECK(flags(market({1000, 1000, 2000, 2000, 2000, 2001})) ==
          Flags{"doj2010-moderate", "doj2023"});
    // four equal -> 2,500
    CHECK(flags(market({1, 1, 1, 1})) == Flags{"doj2010-moderate", "doj2023"});
    CHECK(flags(market({1000, 1000, 1000, 1001})) == Flags{"doj2010-high", "doj2023"});
    // (1,1,1,1,6)/10 -> 4,000, and CR1 0.6
    CHECK(only_view(measure_concentration(market({1, 1, 1, 1, 6}))).hhi == 4000);
    CHECK(flags(market({1000, 1000, 1000, 1000, 6000})) == Flags{"doj2010-high", "doj2023"});
    CHECK(flags(market({1000, 1000, 1000, 1000, 6001})) ==
          Flags{"doj2010-high", "doj2023", "ec-dependency"});
    // one country at 65% exactly, then just over
    CHECK(flags(market({65, 35})) == Flags{"doj2010-high", "doj2023", "ec-dependency"});
    CHECK(flags(market({65001, 34999})) ==
          Flags{"doj2010-high", "doj2023", "ec-dependency", "crma-65"});
}

TEST_CASE("measure_concentration: group shares by each country view") {
    //  a(US) 100 owned by JP;  b(CN) 300 owned by CN;  dataset group "allies" = {JP}
    SupplyGraphBuilder b;
    b.add_stage("s");
    b.add_group({.id = "allies", .name = "Allies", .members = {*parse_country("JP")}});
    b.add_node({.id = "a",
                .stage = "s",
                .commodity = "ore",
                .country = "US",
                .owners = {{"J", "JP", 1}},
                .output = 100});
    b.add_node({.id = "b", .stage = "s", .commodity = "ore", .country = "CN", .output = 300});
    auto g = b.freeze();
    const auto r = measure_concentration(
        g, {.views = {View::location, View::owner, View::company}, .groups = {"g7", "allies"}});
    const auto& v = r.markets.at(0).views;
    REQUIRE(v[0].groups.size() == 2);
    CHECK(v[0].groups[0].group == "G7");
    CHECK(v[0].groups[0].share == 0.25);  // US located
    CHECK(v[0].groups[1].share == 0);
    CHECK(v[1].groups[0].share == 0.25);  // JP owned
    CHECK(v[1].groups[1].output == 100);
    CHECK(v[2].groups.empty());
    CHECK_THROWS_AS(measure_concentration(g, {.groups = {"NATO"}}), std::invalid_argument);
}

TEST_CASE("measure_concentration: location x owner cross-tab") {
    //  a(CD) 100: CN 0.8, CD 0.2;   b(CD) 100 no owners;   c(ZM) 100: CN 0.5, CH 0.5
    auto g = build({{"a", "ore", "CD", 100, {{"A", "CN", 0.8}, {"G", "CD", 0.2}}},
                    {"b", "ore", "CD", 100},
                    {"c", "ore", "ZM", 100, {{"A", "CN", 0.5}, {"S", "CH", 0.5}}}});
    const auto r = measure_concentration(g, {.crosstab = true});
    const auto& ct = *r.markets.at(0).crosstab;
    std::vector<std::tuple<std::string, std::string, double>> cells;
    for (const auto& c : ct.cells) cells.emplace_back(c.location, c.owner, c.output);
    using Cells = decltype(cells);
    CHECK(cells == Cells{{"CD", "CD", 120}, {"CD", "CN", 80}, {"ZM", "CH", 50}, {"ZM", "CN", 50}});
    CHECK(ct.cells[0].share == Approx(0.4));
    CHECK(ct.locations[0].key == "CD");
    CHECK(ct.owners[0].key == "CN");  // 130 of 300
    const auto control =
        measure_concentration(g, {.crosstab = true, .crosstab_owner = View::owner_control});
    cells.clear();
    for (const auto& c : control.markets[0].crosstab->cells)
        cells.emplace_back(c.location, c.owner, c.output);
    // c: the 0.5/0.5 tie goes to the first listed owner (CN).
    CHECK(cells == Cells{{"CD", "CD", 100}, {"CD", "CN", 100}, {"ZM", "CN", 100}});
}

TEST_CASE("measure_concentration: filters and bad arguments") {
    auto g = make_graph("a:mine:ore:CD b:mine:ore:ZM c:refine:metal:CN", "a>c:5");
    const auto metal = *g.find_commodity("metal");
    auto r = measure_concentration(g, {.commodities = {metal}});
    REQUIRE(r.markets.size() == 1);
    CHECK(r.markets[0].commodity == metal);
    r = measure_concentration(g, {.stages = {*g.find_stage("mine")}});
    REQUIRE(r.markets.size() == 1);
    CHECK(r.markets[0].views[0].hhi == 5000);
    CHECK(measure_concentration(g, {.commodities = {metal}, .stages = {0}}).markets.empty());
    CHECK_THROWS_AS(measure_concentration(g, {.views = {}}), std::invalid_argument);
    CHECK_THROWS_AS(measure_concentration(g, {.views = {View::owner, View::owner}}),
                    std::invalid_argument);
    CHECK_THROWS_AS(measure_concentration(g, {.commodities = {99}}), std::invalid_argument);
    CHECK_THROWS_AS(measure_concentration(g, {.crosstab = true, .crosstab_owner = View::company}),
                    std::invalid_argument);
}

TEST_CASE("parse_concentration_view: names round-trip") {
    for (auto v : {View::location, View::owner, View::owner_control, View::company})
        CHECK(parse_concentration_view(view_name(v)) == v);
    CHECK(view_name(View::owner_control) == "owner-control");
    CHECK_THROWS_AS(parse_concentration_view("equity"), std::invalid_argument);
}
