#pragma once
// What a supply-chain diagram shows, independent of how it is laid out: one box per facility (or
// per stage and country), coloured by country, sized by market share, plus a scenario overlay and
// highlighted chokepoints that the caller computes. graphviz.hpp draws it.

#include <cstdint>
#include <string>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint::viz {

/// A scenario drawn on the graph. Empty vectors mean "nothing happened".
struct Overlay {
    std::vector<double> fraction;          // per node: remaining output fraction, 0-1
    std::vector<std::uint8_t> removed;     // per node: taken out by the scenario itself
    std::vector<std::uint8_t> cut_edge;    // per edge: carries nothing
    std::vector<std::string> title_lines;  // e.g. the scenario and the loss per end product
};

/// Nodes to outline in red, and what the legend calls them ("single point of failure").
struct Highlight {
    std::vector<NodeId> nodes;
    std::string legend;
};

enum class Aggregation { none, country };
enum class Layout { dot, sfdp };

struct DiagramOptions {
    Aggregation aggregation = Aggregation::none;
    Layout layout = Layout::dot;
    std::string subtitle;  // a line under the title; empty: "<year> · <n> facilities ..."
    double dpi = 0;        // resolution of bitmap output; 0: Graphviz's default (96)
};

struct DiagramNode {
    std::string key;  // unique, stable Graphviz node name
    std::string name;
    std::string tooltip;
    StageId stage = 0;
    Country country = 0;
    Country owner = 0;       // controlling country; == country unless foreign-controlled
    double share = 0;        // share of its market (aggregated: mean over the stage's markets)
    std::string share_text;  // "73.1% of mined cobalt"
    double fraction = 1;     // remaining under the overlay
    bool removed = false;
    bool highlighted = false;
};

struct DiagramEdge {
    std::uint32_t from = 0, to = 0;  // indexes into Diagram::nodes
    double flow = 0;
    double weight = 0;  // flow as a share of the supplier's market, 0-1 (drives pen width)
    bool cut = false;
};

struct Diagram {
    std::string title, subtitle;
    std::vector<std::string> title_lines;  // from the overlay
    std::vector<std::string> stages;       // stage names, left to right
    std::vector<DiagramNode> nodes;        // stage asc, then as the dataset lists them
    std::vector<DiagramEdge> edges;        // (from, to) asc, unique
    std::vector<Country> countries;        // located countries present, ascending by code
    std::vector<Country> owner_countries;  // foreign controlling countries present
    std::string highlight_legend;          // empty: no highlight entry
    std::vector<std::string> sources;      // short citations for the footer
    bool aggregated = false;
    std::size_t hidden_edges = 0;  // aggregated: thin flows not drawn (see make_diagram)
    Layout layout = Layout::dot;
    double dpi = 0;
};

/// The diagram of a graph with an overlay and a highlight. Throws std::invalid_argument when an
/// overlay vector has the wrong length or a highlighted node does not exist. With
/// Aggregation::country nodes are merged per (stage, country): outputs and flows summed, the
/// remaining fraction output-weighted, removed/cut only when every member is; when that still
/// leaves more than 1,000 edges, flows under 5% of their customer box's inputs are not drawn
/// (except its largest input and cut edges) and hidden_edges counts them. Time O(V + E log E).
Diagram make_diagram(const SupplyGraph& g, const Overlay& overlay = {},
                     const Highlight& highlight = {}, const DiagramOptions& opts = {});

}  // namespace chokepoint::viz
