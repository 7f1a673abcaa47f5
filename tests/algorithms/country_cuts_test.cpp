#include "algorithms/country_cuts.hpp"

#include <catch2/catch.hpp>

#include "algorithms/cascade.hpp"
#include "tests/support/graphs.hpp"
#include "tests/support/random_supply.hpp"

using namespace chokepoint;
using chokepoint::test::make_graph;

namespace {

std::vector<std::vector<std::string>> codes(const ProductCuts& p) {
    std::vector<std::vector<std::string>> out;
    for (const auto& c : p.cuts) {
        out.emplace_back();
        for (auto k : c.countries) out.back().emplace_back(country_code(k));
    }
    return out;
}

// The definition: try every set of 1..k candidate countries, smallest size first.
std::vector<ProductCuts> brute_cuts(const SupplyGraph& g, const CountryCutOptions& o) {
    std::vector<Country> cand;
    for (NodeId n = 0; n < g.num_nodes(); ++n)
        cand.push_back(o.by == CutBy::location ? g.country(n) : g.control_country(n));
    std::sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());
    std::vector<ProductCuts> out;
    for (CommodityId p : g.end_products()) out.push_back({p, {}});
    for (std::size_t size = 1; size <= o.k && size <= cand.size(); ++size) {
        std::vector<bool> pick(cand.size(), false);
        std::fill(pick.begin(), pick.begin() + static_cast<std::ptrdiff_t>(size), true);
        std::vector<std::vector<CountryCut>> found(out.size());
        do {
            Scenario s{.by = o.by};
            for (std::size_t i = 0; i < cand.size(); ++i)
                if (pick[i]) s.countries.push_back(cand[i]);
            const auto l = product_losses(g, immediate_fractions(g, apply_scenario(g, s)));
            for (std::size_t k = 0; k < l.size(); ++k)
                if (out[k].cuts.empty() && l[k].loss >= o.threshold - 1e-12)
                    found[k].push_back({s.countries, std::min(l[k].loss, 1.0)});
        } while (std::prev_permutation(pick.begin(), pick.end()));
        for (std::size_t k = 0; k < out.size(); ++k)
            if (out[k].cuts.empty()) out[k].cuts = found[k];
    }
    for (auto& p : out)
        std::sort(p.cuts.begin(), p.cuts.end(), [](const auto& a, const auto& b) {
            return a.loss != b.loss ? a.loss > b.loss : a.countries < b.countries;
        });
    return out;
}

}  // namespace

TEST_CASE("minimum_country_cuts: empty graph and one node") {
    CHECK(minimum_country_cuts(SupplyGraph{}).empty());
    auto one = make_graph("a:s:x:CN", "");
    auto r = minimum_country_cuts(one);
    REQUIRE(r.size() == 1);
    CHECK(codes(r[0]) == std::vector<std::vector<std::string>>{{"CN"}});
    CHECK(r[0].cuts[0].loss == 1.0);
}

TEST_CASE("minimum_country_cuts: two nodes with and without an edge") {
    //  a(CN) --> b(US)
    auto linked = make_graph("a:s:x:CN b:t:y:US", "a>b:1");
    CHECK(codes(minimum_country_cuts(linked)[0]) ==
          std::vector<std::vector<std::string>>{{"CN"}, {"US"}});
    //  a(CN)    b(US): x falls with CN only, y with US only
    auto apart = make_graph("a:s:x:CN b:t:y:US", "");
    auto r = minimum_country_cuts(apart);
    CHECK(codes(r[0]) == std::vector<std::vector<std::string>>{{"CN"}});
    CHECK(codes(r[1]) == std::vector<std::vector<std::string>>{{"US"}});
}

TEST_CASE("minimum_country_cuts: parallel suppliers need both countries; none up to k=1") {
    //  m1(CD) --30--+
    //                r(FI) --> c(FI)
    //  m2(ID) --10--+
    auto g = make_graph("m1:mine:ore:CD m2:mine:ore:ID r:refine:metal:FI c:cell:cell:FI",
                        "m1>r:30 m2>r:10 r>c:40");
    auto r = minimum_country_cuts(g, {.k = 3});
    CHECK(codes(r[0]) == std::vector<std::vector<std::string>>{{"FI"}});
    // Without FI: nothing single but FI; with threshold 0.5, CD alone (75%) also does it.
    auto half = minimum_country_cuts(g, {.threshold = 0.5});
    CHECK(codes(half[0]) == std::vector<std::vector<std::string>>{{"FI"}, {"CD"}});
    CHECK(half[0].cuts[1].loss == Approx(0.75));
    auto g2 = make_graph("m1:mine:ore:CD m2:mine:ore:ID r1:refine:metal:FI r2:refine:metal:CN",
                         "m1>r1:30 m2>r2:10");
    CHECK(minimum_country_cuts(g2, {.k = 1})[0].cuts.empty());
    CHECK(codes(minimum_country_cuts(g2, {.k = 2})[0]).size() == 4);  // {CD|FI} × {ID|CN}
}

TEST_CASE("minimum_country_cuts: AND inputs, a cycle, owner view and one product only") {
    //  cath(KR, owned from CN) --> cell(KR) <-- anode(JP)
    //                               ^    |
    //                               +----+ scrap loop: cell <-> rec(KR)
    SupplyGraphBuilder b;
    for (auto s : {"c", "d", "e"}) b.add_stage(s);
    b.add_node({.id = "cath",
                .stage = "c",
                .commodity = "cathode",
                .country = "KR",
                .owners = {{"CNco", "CN", 0.6}, {"KRco", "KR", 0.4}},
                .output = 50});
    b.add_node({.id = "anode", .stage = "c", .commodity = "anode", .country = "JP", .output = 20});
    b.add_node({.id = "cell", .stage = "d", .commodity = "cell", .country = "KR", .output = 70});
    b.add_node({.id = "rec", .stage = "d", .commodity = "scrap", .country = "KR", .output = 5});
    b.add_node({.id = "pack", .stage = "e", .commodity = "pack", .country = "US", .output = 70});
    b.add_edge("cath", "cell", 50);
    b.add_edge("anode", "cell", 20);
    b.add_edge("cell", "rec", 5);
    b.add_edge("rec", "cell", 5);
    b.add_edge("cell", "pack", 60);
    auto g = b.freeze();
    auto loc = minimum_country_cuts(g);
    CHECK(codes(loc[0]) == std::vector<std::vector<std::string>>{{"JP"}, {"KR"}, {"US"}});
    auto own = minimum_country_cuts(g, {.by = CutBy::owner, .product = g.find_commodity("pack")});
    CHECK(codes(own[0]) == std::vector<std::vector<std::string>>{{"CN"}, {"JP"}, {"KR"}, {"US"}});
    auto again = brute_cuts(g, {.by = CutBy::owner});
    CHECK(codes(again[0]) == codes(own[0]));
}

TEST_CASE("minimum_country_cuts: equals exhaustive search on random graphs") {
    for (unsigned seed = 1; seed <= 25; ++seed) {
        auto g =
            test::random_supply_graph(seed, {.layers = 3, .width = 4, .back_edges = int(seed % 3)});
        for (auto by : {CutBy::location, CutBy::owner}) {
            for (double threshold : {1.0, 0.5}) {
                const CountryCutOptions o{.by = by, .k = 3, .threshold = threshold};
                auto fast = minimum_country_cuts(g, o);
                auto slow = brute_cuts(g, o);
                REQUIRE(fast.size() == slow.size());
                for (std::size_t k = 0; k < fast.size(); ++k) {
                    INFO("seed " << seed << " product " << k);
                    CHECK(codes(fast[k]) == codes(slow[k]));
                }
            }
        }
    }
}
