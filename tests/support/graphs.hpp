#pragma once
// Small graphs for tests, written as text so each test shows its picture:
//   make_graph("a:mine:ore:CD b:refine:metal:CN", "a>b:10")
// nodes "id:stage:commodity:country[:output[:capacity]]" (output 100 unless given, capacity =
// output unless given, stages in first-seen order), edges "from>to:flow".

#include <sstream>
#include <string>

#include "graph/supply_graph.hpp"

namespace chokepoint::test {

inline std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream in(s);
    while (std::getline(in, cur, sep)) out.push_back(cur);
    return out;
}

inline SupplyGraph make_graph(const std::string& nodes, const std::string& edges) {
    SupplyGraphBuilder b;
    std::istringstream nin(nodes), ein(edges);
    std::string tok;
    while (nin >> tok) {
        auto f = split(tok, ':');
        if (!b.find_stage(f.at(1))) b.add_stage(f[1]);
        NodeSpec spec;
        spec.id = f.at(0);
        spec.stage = f[1];
        spec.commodity = f.at(2);
        spec.country = f.at(3);
        spec.output = f.size() > 4 ? std::stod(f[4]) : 100.0;
        if (f.size() > 5) spec.capacity = std::stod(f[5]);
        b.add_node(spec);
    }
    while (ein >> tok) {
        auto arrow = tok.find('>'), colon = tok.find(':');
        b.add_edge(tok.substr(0, arrow), tok.substr(arrow + 1, colon - arrow - 1),
                   std::stod(tok.substr(colon + 1)));
    }
    return b.freeze();
}

/// A joint-venture mine feeding one refiner:
///   jv(CD; CMOC CN 0.8, Gecamines CD 0.2) --100--> r(FI)
inline SupplyGraph make_joint_venture() {
    SupplyGraphBuilder b;
    b.add_stage("mine");
    b.add_stage("refine");
    b.add_node({.id = "jv",
                .stage = "mine",
                .commodity = "ore",
                .country = "CD",
                .owners = {{"CMOC", "CN", 0.8}, {"Gecamines", "CD", 0.2}},
                .output = 100});
    b.add_node(
        {.id = "r", .stage = "refine", .commodity = "metal", .country = "FI", .output = 100});
    b.add_edge("jv", "r", 100);
    return b.freeze();
}

}  // namespace chokepoint::test
