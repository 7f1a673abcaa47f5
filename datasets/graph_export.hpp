#pragma once
// A dataset as a plain graph for other tools: GraphML (networkx, Gephi, yEd, Cytoscape) and
// Graphviz DOT without layout.

#include <ostream>

#include "graph/supply_graph.hpp"

namespace chokepoint {

/// GraphML 1.0, directed, one <node> per node in NodeId order (id = the dataset id) and one
/// <edge> per edge in (from, to) order. Typed attributes: graph `name`; nodes `label` (the
/// name), `stage`, `commodity`, `country` (location), `owner_country` (control view),
/// `output`, `capacity` (double), `unit` and `inventory_days` (only when given); edges `flow`
/// (double). Strings are XML-escaped; characters XML 1.0 forbids become U+FFFD.
void write_graphml(const SupplyGraph& g, std::ostream& out);

/// A structural `digraph` with the same attributes as quoted DOT attributes (label = name),
/// no positions or styling. Quotes, backslashes and newlines inside strings are escaped.
void write_dot(const SupplyGraph& g, std::ostream& out);

}  // namespace chokepoint
