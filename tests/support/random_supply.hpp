#pragma once
// Seeded random supply graphs for brute-force cross-checks: layered stages, two commodities per
// stage (so customers have AND inputs), one to three suppliers per input (OR), a few recycling
// edges back upstream (cycles), six countries, some nodes owned from abroad.

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint::test {

struct RandomSupplyOptions {
    int layers = 4;
    int width = 5;       // nodes per layer
    int back_edges = 0;  // recycling edges from a later layer to an earlier one
    int isolated = 0;    // extra nodes with no edges
};

inline SupplyGraph random_supply_graph(unsigned seed, const RandomSupplyOptions& o = {}) {
    static const char* kCountries[] = {"CN", "CD", "AU", "US", "JP", "DE"};
    static const char* kOwners[] = {"Owner0", "Owner1", "Owner2"};
    std::mt19937 rng(seed);
    auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
    SupplyGraphBuilder b;
    std::vector<std::vector<int>> layer(static_cast<std::size_t>(o.layers));
    std::vector<std::string> ids, stages, commodities;
    std::vector<int> commodity_of;
    for (int l = 0; l < o.layers; ++l) stages.push_back("s" + std::to_string(l));
    for (const auto& s : stages) b.add_stage(s);
    const int total = o.layers * o.width + o.isolated;
    ids.reserve(static_cast<std::size_t>(total));
    commodities.reserve(static_cast<std::size_t>(total));
    for (int i = 0; i < total; ++i) {
        const int l = i < o.layers * o.width ? i / o.width : 0;
        ids.push_back("n" + std::to_string(i));
        commodities.push_back("c" + std::to_string(l) + (pick(2) ? "a" : "b"));
        NodeSpec spec{.id = ids.back(),
                      .stage = stages[static_cast<std::size_t>(l)],
                      .commodity = commodities.back(),
                      .country = kCountries[pick(6)],
                      .output = double(10 + pick(90))};
        if (pick(4) == 0) spec.owners = {{kOwners[pick(3)], kCountries[pick(6)], 1.0}};
        b.add_node(spec);
        if (i < o.layers * o.width) layer[static_cast<std::size_t>(l)].push_back(i);
    }
    std::set<std::pair<int, int>> edges;
    for (int l = 1; l < o.layers; ++l) {
        for (int v : layer[static_cast<std::size_t>(l)]) {
            const auto& up = layer[static_cast<std::size_t>(l - 1)];
            const int suppliers = 1 + pick(3);
            for (int k = 0; k < suppliers; ++k)
                edges.insert({up[static_cast<std::size_t>(pick(int(up.size())))], v});
        }
    }
    for (int k = 0; k < o.back_edges && o.layers > 1; ++k) {
        const int l = 1 + pick(o.layers - 1);
        const auto& from = layer[static_cast<std::size_t>(l)];
        const auto& to = layer[static_cast<std::size_t>(pick(l))];
        edges.insert({from[static_cast<std::size_t>(pick(int(from.size())))],
                      to[static_cast<std::size_t>(pick(int(to.size())))]});
    }
    for (auto [f, t] : edges) b.add_edge(NodeId(f), NodeId(t), double(1 + pick(20)));
    return b.freeze();
}

}  // namespace chokepoint::test
