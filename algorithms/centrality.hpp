#pragma once
// Node centrality on the directed supply graph: who lies between mines and products (betweenness),
// who is fed by everything (PageRank, closeness), who handles most of the trade (degree, flow).

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "algorithms/scenario.hpp"
#include "graph/supply_graph.hpp"

namespace chokepoint {

enum class Measure {
    betweenness,
    betweenness_sp,
    pagerank,
    closeness,
    in_degree,
    out_degree,
    flow
};

/// "betweenness", "betweenness-sp", "pagerank", "closeness", "in-degree", "out-degree", "flow";
/// throws std::invalid_argument otherwise.
Measure parse_measure(std::string_view text);
std::string_view measure_name(Measure m);

struct CentralityOptions {
    Measure measure = Measure::betweenness;
    bool normalized = false;  // betweenness: divide by (n-1)(n-2) as networkx; degree: by n-1
    bool exact = false;       // never sample, whatever the size
    // Betweenness is sampled when exact Brandes would visit more edges than this (about 5 s
    // on one core) ...
    double exact_work_limit = 1e9;
    double epsilon = 0.01;  // ... with additive error epsilon on the normalised scale
    double delta = 0.1;     // ... with probability at least 1 - delta
    std::uint64_t seed = 1;
};

struct CentralityResult {
    Measure measure;
    bool exact = true;
    double epsilon = 0, delta = 0;  // the guarantee when !exact
    std::size_t samples = 0;        // sampled (source, target) pairs when !exact
    std::vector<double> value;      // indexed by NodeId
};

/// The chosen measure for every node. Betweenness is sampled (Riondato & Kornaropoulos 2016,
/// "Fast approximation of betweenness centrality through sampling") when `exact` is off, the
/// estimated work of exact Brandes exceeds `exact_work_limit` and fewer samples than exact
/// searches are needed; the result then says exact = false. Empty graph: empty values.
CentralityResult compute_centrality(const SupplyGraph& g, const CentralityOptions& opts = {});

/// Brandes betweenness over shortest directed paths from every s in `sources` to every t in
/// `targets` (t != s), endpoints excluded: Σ σ_st(v)/σ_st. All nodes as both sets is networkx
/// betweenness_centrality(normalized=False); otherwise betweenness_centrality_subset. Runs one
/// BFS per source in parallel (OpenMP), resetting only what it touched; sums in a fixed order, so
/// results do not depend on the thread count. Time O(|sources| (V + E)), memory O(V) per thread.
std::vector<double> betweenness(const SupplyGraph& g, std::span<const NodeId> sources,
                                std::span<const NodeId> targets);

struct SampledBetweenness {
    std::vector<double> value;  // estimates of the unnormalised betweenness
    std::size_t samples = 0;
};

/// Riondato–Kornaropoulos estimate of betweenness over (sources × targets) pairs: r pairs drawn
/// uniformly, one shortest path per pair drawn uniformly, r = (0.5/ε²)(⌊log2(VD−2)⌋ + 1 +
/// ln(1/δ)) with VD bounded by the longest path in the condensation, each SCC counting
/// min(size, ecc_in + ecc_out + 1) from one of its nodes.
/// With probability ≥ 1−δ every value/(|S||T|) is within ε of the truth. Deterministic per seed.
SampledBetweenness sampled_betweenness(const SupplyGraph& g, std::span<const NodeId> sources,
                                       std::span<const NodeId> targets, double epsilon,
                                       double delta, std::uint64_t seed);

/// Edges exact betweenness from `sources` would visit: |sources| × the mean reach (edges) of up
/// to 64 evenly spaced pilot searches. Time O(64 (V + E)).
double estimate_brandes_work(const SupplyGraph& g, std::span<const NodeId> sources);

/// Number of samples sampled_betweenness would draw.
std::size_t rk_sample_size(const SupplyGraph& g, double epsilon, double delta);

/// PageRank with damping `damping`, the mass of nodes without out-edges spread uniformly, power
/// iteration until the L1 change is below `tolerance` (networkx pagerank semantics). Values sum
/// to 1. Time O(iterations (V + E)).
std::vector<double> pagerank(const SupplyGraph& g, double damping = 0.85, double tolerance = 1e-13);

/// Closeness as networkx closeness_centrality (incoming distances, Wasserman–Faust scaling):
/// (r−1)/Σd · (r−1)/(n−1) over the r nodes that reach v; 0 when none does. Time O(V (V + E)).
std::vector<double> closeness(const SupplyGraph& g);

/// Share of all shipped volume on edges entering or leaving each node (in + out) / Σ flow;
/// values sum to 2 (each shipment has two ends). Volumes are summed in their own units.
std::vector<double> flow_share(const SupplyGraph& g);

/// Node ids ordered by value desc, then id string asc (the order every listing uses).
std::vector<NodeId> rank_by_value(const SupplyGraph& g, std::span<const double> value);

struct CountryValue {
    Country country;
    double value;
};

/// Sums per-node values per country: location country, or the controlling owner's country
/// (CutBy::owner). Sorted by value desc, then country code asc; countries with no node omitted.
std::vector<CountryValue> sum_by_country(const SupplyGraph& g, std::span<const double> value,
                                         CutBy by);

}  // namespace chokepoint
