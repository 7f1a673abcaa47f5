#pragma once
// Synthetic supply networks of any size, for benchmarks and scale tests (docs/scale.md).

#include <cstddef>
#include <cstdint>
#include <ostream>

namespace chokepoint {

struct GenerateOptions {
    std::size_t nodes = 1000;
    std::size_t tiers = 6;       // stages, upstream -> downstream; 2..1000
    std::size_t countries = 60;  // real ISO codes, drawn Zipf-like; 1..249
    std::uint64_t seed = 1;
    double feedback = 0;  // extra edges from later tiers back to earlier ones, as a fraction of
                          // the forward edges; in [0, 1]
};

struct GenerateSummary {
    std::size_t nodes = 0, edges = 0, feedback_edges = 0, commodities = 0;
};

/// Writes a chokepoint/1 dataset shaped like a firm-level supply network: `tiers` stages with a
/// few commodities each; every node of tier t >= 1 needs the 1-3 input commodities of its
/// commodity's recipe (from earlier tiers) and buys each from a heavy-tailed number of suppliers
/// (P(k >= x) = 1/x^2) picked with a skew towards large suppliers; every node has at least one
/// edge. Countries follow a Zipf law over real ISO codes; about 12% of nodes have a foreign owner
/// and 8% are joint ventures. Volumes are consistent: a node ships 70-95% of its output, receives
/// coefficient x output of each input, and has 0-50% spare capacity. Feedback edges take half of
/// the supplier's unshipped output, so no supplier ships more than it makes; they are the only
/// edges the loader warns about (a later stage shipping to an earlier one).
/// Deterministic: the same options give the same bytes on every platform (SplitMix64 and
/// IEEE-exact arithmetic only). Streams the document: memory is about 30 bytes per node.
/// Throws std::invalid_argument on options out of range. Time O(nodes + edges).
GenerateSummary generate_dataset(const GenerateOptions& opts, std::ostream& os);

}  // namespace chokepoint
