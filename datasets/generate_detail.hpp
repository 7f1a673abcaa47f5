#pragma once
// Internal to datasets/generate*.cpp: the generator's random streams, layout and passes.

#include <array>
#include <cstdint>
#include <ostream>
#include <vector>

#include "datasets/generate.hpp"
#include "graph/countries.hpp"

namespace chokepoint::detail {

inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

enum class Stream : std::uint64_t { commodity = 1, recipe, attributes, inputs, feedback };

/// SplitMix64 (Steele, Lea & Flood 2014), one independent stream per (seed, purpose, index).
/// Spelled out here rather than std:: distributions, whose results differ between libraries.
class Rng {
public:
    Rng(std::uint64_t seed, Stream stream, std::uint64_t index)
        : state_(
              mix(mix(seed + 0x9E3779B97F4A7C15u * static_cast<std::uint64_t>(stream)) ^ index)) {}
    std::uint64_t next() { return mix(state_ += 0x9E3779B97F4A7C15u); }
    /// In [0, 1), 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    /// In (0, 1).
    double open() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
    /// In [0, n), n > 0.
    std::uint32_t below(std::uint64_t n) {
        const auto i = static_cast<std::uint64_t>(uniform() * static_cast<double>(n));
        return static_cast<std::uint32_t>(i < n ? i : n - 1);
    }

private:
    static std::uint64_t mix(std::uint64_t z) {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
        return z ^ (z >> 31);
    }
    std::uint64_t state_;
};

/// P(i) proportional to 1/(i+1) over [0, n), by inverse CDF.
class Zipf {
public:
    explicit Zipf(std::size_t n);
    std::size_t operator()(Rng& rng) const;

private:
    std::vector<double> cdf_;
};

struct Recipe {
    std::uint32_t size = 0, filled = 0;
    std::array<std::uint32_t, 3> input{kNone, kNone, kNone};
    std::array<double, 3> coef{};  // units of input per unit of output
};

enum class OwnerKind { none, foreign, joint };

struct NodeAttr {
    Country home = 0, foreign = 0;
    double base = 0, ship_share = 0, spare = 0, jv_share = 0;
    OwnerKind owner = OwnerKind::none;
    std::uint32_t group = 0;
};

/// Everything that does not depend on volumes: O(nodes + commodities) memory.
struct Layout {
    explicit Layout(const GenerateOptions& o);
    std::uint32_t num_commodities() const { return com_start.back(); }
    std::uint32_t producer_count(std::uint32_t c) const { return prod_off[c + 1] - prod_off[c]; }
    std::size_t tier_of(std::uint32_t v) const;
    std::size_t commodity_tier(std::uint32_t c) const;
    NodeAttr attributes(std::uint32_t v) const;

    GenerateOptions opts;
    std::vector<Country> countries;
    Zipf country_zipf, group_zipf;
    std::vector<std::uint32_t> tier_start, com_start;  // size tiers + 1
    std::vector<std::uint32_t> commodity;              // per node
    std::vector<std::uint32_t> prod_off, producers;    // nodes by commodity
    std::vector<Recipe> recipes;                       // per commodity (tier 0: empty)
    std::vector<std::uint32_t> consumers;              // nodes whose recipe uses the commodity

private:
    void assign_commodities(std::size_t t);
    void build_producers();
    void build_recipes(std::size_t t);
};

/// Volumes: outputs from a backward pass over the tiers, then the feedback counts.
class Flows {
public:
    explicit Flows(const Layout& layout);
    void size_nodes();
    void count_feedback();
    /// Calls emit(supplier, flow) for every input edge of v, in the order of the first pass.
    /// Forward inputs must be replayed for all nodes in for_each_customer() order.
    template <class Emit>
    void forward_inputs(std::uint32_t v, Emit&& emit);
    template <class Emit>
    void feedback_inputs(std::uint32_t v, Emit&& emit);
    /// Visits the nodes with inputs, most downstream tier first; resets the round-robin state.
    template <class Visit>
    void for_each_customer(Visit&& visit);

    double output(std::uint32_t v) const { return output_[v]; }
    std::size_t forward_edges() const { return forward_edges_; }
    std::size_t feedback_edges() const { return feedback_edges_; }
    /// Each feedback customer of w gets an equal part of half of w's unshipped output.
    double feedback_flow(std::uint32_t w) const {
        return 0.5 * (output_[w] - shipped_[w]) / fb_count_[w];
    }

private:
    std::uint32_t pick(std::uint32_t c, std::uint32_t stamp, Rng& rng);
    const Layout& l_;
    std::vector<double> output_, shipped_;
    std::vector<std::uint32_t> fb_count_, cursor_, mark_;
    std::vector<std::uint32_t> picks_;
    std::vector<double> weights_;
    double fb_rate_ = 0;
    std::uint32_t stamp_ = 0;
    std::size_t forward_edges_ = 0, feedback_edges_ = 0;
};

GenerateSummary write_generated(const Layout& layout, Flows& flows, std::ostream& os);

}  // namespace chokepoint::detail
