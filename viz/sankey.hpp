#pragma once
// A Sankey diagram as inline SVG, drawn without Graphviz: stages as columns, countries as bands
// whose height is the country's share of the stage (the mean over the stage's markets, so mixed
// units never add up), ribbons for the flows between countries of different stages.

#include <string>

#include "graph/supply_graph.hpp"

namespace chokepoint::viz {

struct SankeyOptions {
    double width = 1100, height = 560;
    double min_label_height = 9;  // bands thinner than this (px) get no label
};

/// The Sankey of a graph as a standalone SVG document. Bands are ordered within each column by
/// baseline share (desc), then country code; ribbons at a band by the other end's position, so
/// the layout depends on the baseline only. A ribbon's end is its flow's part of the band's
/// outflow (left) or of its inflow of that commodity (right), scaled to the band; edges within a
/// stage or going back to an earlier stage are not drawn. Time O(V + E log E).
std::string sankey_svg(const SupplyGraph& g, const SankeyOptions& opts = {});

}  // namespace chokepoint::viz
