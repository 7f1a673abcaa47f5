#include "algorithms/rerouting.hpp"

#include <cmath>
#include <coin/ClpSimplex.hpp>
#include <coin/CoinPackedMatrix.hpp>
#include <limits>
#include <stdexcept>
#include <unordered_map>

namespace chokepoint {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// The program in triplet form; columns and rows are appended as the model is built.
struct Lp {
    std::vector<double> col_lb, col_ub, row_lb, row_ub;
    std::vector<int> rows, cols;
    std::vector<double> values;

    int add_col(double ub) {
        col_lb.push_back(0);
        col_ub.push_back(ub);
        return static_cast<int>(col_lb.size() - 1);
    }
    int add_row(double lb, double ub) {
        row_lb.push_back(lb);
        row_ub.push_back(ub);
        return static_cast<int>(row_lb.size() - 1);
    }
    void add(int row, int col, double v) {
        rows.push_back(row);
        cols.push_back(col);
        values.push_back(v);
    }
};

// One input commodity of one node: the row "receipts − a(n,c)·x(n) ≥ 0".
struct InputGroup {
    CommodityId commodity;
    int row;
};

// Adds a need row per (node, input commodity); calls on_edge(e, row) for every in-edge and
// on_group(n, group) for every row.
template <class OnEdge, class OnGroup>
void add_need_rows(const SupplyGraph& g, Lp& lp, OnEdge on_edge, OnGroup on_group) {
    std::vector<InputGroup> scratch;
    std::vector<double> inflow;
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        scratch.clear();
        inflow.clear();
        for (EdgeId e : g.in_edges(n)) {
            const CommodityId c = g.commodity(g.from(e));
            std::size_t k = 0;
            while (k < scratch.size() && scratch[k].commodity != c) ++k;
            if (k == scratch.size()) {
                scratch.push_back({c, lp.add_row(0, kInf)});
                inflow.push_back(0);
            }
            inflow[k] += g.flow(e);
            on_edge(e, scratch[k].row);
        }
        for (std::size_t k = 0; k < scratch.size(); ++k) {
            lp.add(scratch[k].row, static_cast<int>(n), -inflow[k] / g.output(n));
            on_group(n, scratch[k]);
        }
    }
}

// Links::existing: one column per edge (upper bound 0 when cut), one ship row per supplier.
void build_existing(const SupplyGraph& g, const Disruption& d, Lp& lp) {
    const int first_edge_col = static_cast<int>(lp.col_lb.size());
    for (EdgeId e = 0; e < g.num_edges(); ++e) lp.add_col(!d.cut.empty() && d.cut[e] ? 0 : kInf);
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        if (g.out_degree(n) == 0) continue;
        const int row = lp.add_row(-kInf, 0);
        lp.add(row, static_cast<int>(n), -1);
        for (EdgeId e : g.out_edges(n)) lp.add(row, first_edge_col + static_cast<int>(e), 1);
    }
    add_need_rows(
        g, lp, [&](EdgeId e, int row) { lp.add(row, first_edge_col + static_cast<int>(e), 1); },
        [](NodeId, const InputGroup&) {});
}

// Links::market: a hub row per consumed commodity ("deliveries ≤ supplies"); producers in an
// embargoed country feed a domestic hub of their (commodity, country) instead, which only that
// country's consumers can draw on. Returns each node's supply column (−1: none).
std::vector<int> build_market(const SupplyGraph& g, const Disruption& d, Lp& lp) {
    auto embargoed = [&](Country c) { return !d.embargoed.empty() && d.embargoed[c]; };
    std::vector<int> hub(g.num_commodities(), -1);
    std::unordered_map<std::uint64_t, int> domestic;
    auto key = [](CommodityId c, Country k) { return std::uint64_t{c} * kNumCountries + k; };
    std::vector<std::pair<NodeId, InputGroup>> needs;
    add_need_rows(
        g, lp, [](EdgeId, int) {},
        [&](NodeId n, const InputGroup& group) {
            needs.push_back({n, group});
        });
    for (const auto& [n, need] : needs) {
        if (hub[need.commodity] < 0) hub[need.commodity] = lp.add_row(-kInf, 0);
    }
    std::vector<int> supply(g.num_nodes(), -1);
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        const CommodityId c = g.commodity(n);
        if (hub[c] < 0) continue;
        int into = hub[c];
        if (embargoed(g.country(n))) {
            auto [it, fresh] = domestic.try_emplace(key(c, g.country(n)), -1);
            if (fresh) it->second = lp.add_row(-kInf, 0);
            into = it->second;
        }
        supply[n] = lp.add_col(kInf);
        const int ship = lp.add_row(-kInf, 0);
        lp.add(ship, supply[n], 1);
        lp.add(ship, static_cast<int>(n), -1);
        lp.add(into, supply[n], -1);
    }
    for (const auto& [n, need] : needs) {
        const int from_hub = lp.add_col(kInf);
        lp.add(hub[need.commodity], from_hub, 1);
        lp.add(need.row, from_hub, 1);
        if (!embargoed(g.country(n))) continue;
        auto it = domestic.find(key(need.commodity, g.country(n)));
        if (it == domestic.end()) continue;
        const int from_home = lp.add_col(kInf);
        lp.add(it->second, from_home, 1);
        lp.add(need.row, from_home, 1);
    }
    return supply;
}

// Loads the program into Clp as a maximisation (objective set per product later).
void load(const Lp& lp, ClpSimplex& model) {
    CoinPackedMatrix matrix(true, lp.rows.data(), lp.cols.data(), lp.values.data(),
                            static_cast<CoinBigIndex>(lp.values.size()));
    // Triplets only size the matrix up to the last nonzero; rows and columns may be empty.
    matrix.setDimensions(static_cast<int>(lp.row_lb.size()), static_cast<int>(lp.col_lb.size()));
    model.setLogLevel(0);
    model.loadProblem(matrix, lp.col_lb.data(), lp.col_ub.data(), nullptr, lp.row_lb.data(),
                      lp.row_ub.data());
    model.setOptimizationDirection(-1);
}

// Solves for the current objective (warm start from the last basis) and reads the product off.
ReroutedProduct maximise(ClpSimplex& model, CommodityId p, double baseline,
                         const std::vector<std::pair<int, double>>& objective) {
    model.primal();
    ReroutedProduct r{p, baseline};
    r.optimal = model.isProvenOptimal();
    const double* x = model.primalColumnSolution();
    for (auto [col, v] : objective) r.remaining += v * x[col];
    // Simplex tolerances leave dust (up to ~1e-9 of the baseline) where the optimum is 0.
    if (r.remaining < 1e-9 * r.baseline) r.remaining = 0;
    if (!r.optimal) r.remaining = NAN;
    r.remaining_fraction = r.remaining / r.baseline;
    r.loss = 1.0 - r.remaining_fraction;
    return r;
}

}  // namespace

std::vector<ReroutedProduct> rerouted_products(const SupplyGraph& g, const Disruption& d,
                                               const ReroutingOptions& opts) {
    if ((!d.limit.empty() && d.limit.size() != g.num_nodes()) ||
        (!d.cut.empty() && d.cut.size() != g.num_edges()) ||
        (!d.embargoed.empty() && d.embargoed.size() != kNumCountries)) {
        throw std::invalid_argument("rerouted_products: disruption does not match the graph");
    }
    std::vector<ReroutedProduct> out;
    if (g.end_products().empty()) return out;
    Lp lp;
    for (NodeId n = 0; n < g.num_nodes(); ++n)
        lp.add_col(g.capacity(n) * (d.limit.empty() ? 1.0 : d.limit[n]));
    std::vector<int> supply;
    if (opts.links == Links::existing)
        build_existing(g, d, lp);
    else
        supply = build_market(g, d, lp);

    ClpSimplex model;
    load(lp, model);
    // The objective's columns for each product: +1 on outputs, −1 on market supplies.
    std::vector<std::vector<std::pair<int, double>>> objective(g.num_commodities());
    std::vector<double> baseline(g.num_commodities(), 0.0);
    for (NodeId n : g.end_producers()) {
        baseline[g.commodity(n)] += g.output(n);
        objective[g.commodity(n)].push_back({static_cast<int>(n), 1.0});
        if (!supply.empty() && supply[n] >= 0)
            objective[g.commodity(n)].push_back({supply[n], -1.0});
    }
    const std::vector<std::pair<int, double>>* previous = nullptr;
    for (CommodityId p : g.end_products()) {
        if (previous)
            for (auto [col, v] : *previous) model.setObjectiveCoefficient(col, 0.0);
        for (auto [col, v] : objective[p]) model.setObjectiveCoefficient(col, v);
        previous = &objective[p];
        out.push_back(maximise(model, p, baseline[p], objective[p]));
    }
    return out;
}

}  // namespace chokepoint
