#pragma once
// A stress test: one scenario run through the immediate cascade or the rerouting program, with
// the losses per end product, per stage and commodity, and the nodes hit and why.

#include <vector>

#include "algorithms/cascade.hpp"
#include "algorithms/explain.hpp"
#include "algorithms/rerouting.hpp"
#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

enum class Model { immediate, rerouting };

struct StressOptions {
    Model model = Model::immediate;
    Links links = Links::existing;  // rerouting only
    CascadeOptions cascade;
    ExplainOptions explain;
};

struct CommodityLoss {
    StageId stage;
    CommodityId commodity;
    double baseline = 0;   // Σ output of its producers in that stage
    double remaining = 0;  // Σ output × fraction
    double loss = 0;       // 1 − remaining / baseline
};

struct StressResult {
    Model model = Model::immediate;
    /// Per end product, ascending CommodityId. For the immediate model remaining_fraction is
    /// remaining / baseline and `optimal` is true.
    std::vector<ReroutedProduct> products;
    /// Immediate model only (empty for rerouting): per (stage, commodity), ascending.
    std::vector<CommodityLoss> commodities;
    /// Immediate model only: nodes with fraction < 1 and why (see explain_hits).
    std::vector<HitNode> hits;
};

/// Runs one scenario through the chosen model: immediate_fractions + product_losses +
/// explain_hits, or rerouted_products. Time O((V + E) · max_causes) for the immediate model; one
/// LP per end product for rerouting.
StressResult stress_test(const SupplyGraph& g, const Scenario& s, const StressOptions& opts = {});

/// "immediate" / "rerouting", "existing" / "market".
std::string_view model_name(Model m);
std::string_view links_name(Links l);

}  // namespace chokepoint
