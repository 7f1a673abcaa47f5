#pragma once
// Scenarios as the stress command takes them: from command-line words and from scenario files
// (schema: docs/analyses/stress.md).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint::cli {

/// A country code ("CN") or a group id ("G7", case-insensitive): its countries, or nullopt.
std::optional<std::vector<Country>> resolve_countries(const SupplyGraph& g, std::string_view item);

/// The words of the stress command's removal options.
struct ScenarioOptions {
    std::vector<std::string> remove;        // countries or groups
    std::vector<std::string> remove_group;  // groups only
    std::vector<std::string> keep_group;    // groups only
    std::vector<std::string> remove_node;   // node ids
};

/// The one scenario the removal options describe (label "remove CN,G7,node:x by owner"), or
/// nullopt when none is given. Throws UsageError for unknown names and for keep mixed with
/// removals.
std::optional<Scenario> scenario_from_options(const SupplyGraph& g, const ScenarioOptions& o,
                                              CutBy by);

/// Parses one --scenario text (parse_scenario syntax); without "by" the cut is `default_by`.
/// Throws UsageError.
Scenario scenario_from_text(const SupplyGraph& g, std::string_view text, CutBy default_by);

/// Reads a scenario file: {"scenarios": [TEXT | {"label", "remove", "keep", "remove_nodes",
/// "by"}, ...]}. Throws UsageError "FILE:LINE:COL: ..." for bad JSON and "FILE: /pointer: ..."
/// for bad content.
std::vector<Scenario> read_scenario_file(const SupplyGraph& g, const std::string& path,
                                         CutBy default_by);

}  // namespace chokepoint::cli
