#pragma once
// Sweeps: the same stress test for every country present (and optionally every pair and every
// group), losses per end product, in parallel over scenarios.

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "algorithms/scenario.hpp"
#include "algorithms/stress.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

struct SweepOptions {
    CutBy by = CutBy::location;
    Model model = Model::immediate;
    Links links = Links::existing;  // rerouting only
    int k = 1;                      // 1: every country; 2: and every pair of countries
    bool groups = false;            // and every group with a member present
    int threads = 0;                // OpenMP threads; 0: the OpenMP default
    /// Called after each scenario with (scenarios done, total): 1, 2, ... total in that order,
    /// never by two threads at once.
    std::function<void(std::size_t, std::size_t)> progress;
};

struct SweepRow {
    Scenario scenario;
    std::vector<double> loss;  // per end product, in g.end_products() order
};

/// The countries a sweep cuts one by one: where nodes are (location, embargo), the controlling
/// owners' countries (owner) or every country holding equity (owner-equity); ascending.
std::vector<Country> sweep_countries(const SupplyGraph& g, CutBy by);

/// The sweep's scenarios in order: each country (label "CN"), then with k = 2 each pair ("CN+RU",
/// lexicographic), then with groups each group having a member among the countries (label = id,
/// in g.groups() order). Throws std::invalid_argument unless k is 1 or 2.
std::vector<Scenario> sweep_scenarios(const SupplyGraph& g, const SweepOptions& opts);

/// Runs every scenario (each on its own, OpenMP-parallel, results independent of the thread
/// count): loss = 1 − remaining / baseline of each end product under opts.model. Time: scenarios
/// × one stress test (O(V + E) each for the immediate model).
std::vector<SweepRow> run_sweep(const SupplyGraph& g, std::span<const Scenario> scenarios,
                                const SweepOptions& opts = {});

/// Row indices ranked by the loss of end product number `product` (index into end_products()):
/// loss descending, then row order.
std::vector<std::size_t> rank_rows(std::span<const SweepRow> rows, std::size_t product);

}  // namespace chokepoint
