#pragma once
// Draws a Diagram with Graphviz (cgraph builds the graph, gvc lays it out and renders it in
// memory): stages as columns left to right, a title block on top, a legend on the right.

#include <string>
#include <string_view>

#include "viz/diagram.hpp"

namespace chokepoint::viz {

/// The Graphviz graph of a diagram as DOT text, before layout (run `dot -Tsvg` on it to draw).
/// Deterministic: the same diagram gives the same bytes.
std::string diagram_dot(const Diagram& d);

/// The diagram laid out (dot or sfdp, as d.layout says) and rendered in `format`: "svg", "png",
/// "pdf" or "dot" (the same as diagram_dot). Throws std::invalid_argument for another format and
/// std::runtime_error when Graphviz fails.
std::string render_diagram(const Diagram& d, std::string_view format);

}  // namespace chokepoint::viz
