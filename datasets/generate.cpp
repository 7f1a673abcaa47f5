// The synthetic network generator: a layout (tiers, commodities, recipes, producer lists), one
// backward pass that sizes every node from its customers' demand, then a replay that writes.
// Every random choice comes from a SplitMix64 stream keyed by (seed, purpose, node), so the
// replay regenerates the same edges without storing them.
#include "datasets/generate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "datasets/generate_detail.hpp"
#include "graph/countries.hpp"

namespace chokepoint {

namespace detail {

namespace {

// Big economies and producers first, so a Zipf draw over the first K looks like real trade.
constexpr std::array kCountryOrder = {
    "CN", "US", "DE", "JP", "KR", "IN", "TW", "FR", "GB", "IT", "BR", "CA", "RU", "MX", "ID",
    "AU", "ES", "NL", "SA", "TR", "CH", "PL", "SE", "BE", "TH", "AR", "AT", "NO", "IE", "IL",
    "AE", "SG", "MY", "VN", "PH", "ZA", "CL", "CO", "EG", "NG", "PK", "BD", "FI", "DK", "CZ",
    "RO", "PT", "NZ", "PE", "KZ", "HU", "GR", "QA", "DZ", "UA", "CD", "MA", "KE", "ET", "ZM"};

std::vector<Country> pick_countries(std::size_t k) {
    std::vector<Country> out;
    std::vector<bool> used(kNumCountries, false);
    for (const char* code : kCountryOrder) {
        if (out.size() == k) return out;
        out.push_back(*parse_country(code));
        used[out.back()] = true;
    }
    const Country zz = *parse_country("ZZ");
    for (Country c = 0; c < kNumCountries && out.size() < k; ++c) {
        if (!used[c] && c != zz) out.push_back(c);
    }
    return out;
}

}  // namespace

Zipf::Zipf(std::size_t n) : cdf_(n) {
    double total = 0;
    for (std::size_t i = 0; i < n; ++i) cdf_[i] = total += 1.0 / static_cast<double>(i + 1);
}

std::size_t Zipf::operator()(Rng& rng) const {
    const double x = rng.uniform() * cdf_.back();
    const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), x);
    return std::min(static_cast<std::size_t>(it - cdf_.begin()), cdf_.size() - 1);
}

Layout::Layout(const GenerateOptions& o)
    : opts(o),
      countries(pick_countries(o.countries)),
      country_zipf(o.countries),
      group_zipf(std::max<std::size_t>(10, o.nodes / 1000)) {
    const std::size_t n = o.nodes, t_count = o.tiers;
    const auto per_tier = static_cast<std::size_t>(
        std::clamp(std::round(std::cbrt(static_cast<double>(n)) / 2), 3.0, 50.0));
    tier_start.push_back(0);
    com_start.push_back(0);
    for (std::size_t t = 0; t < t_count; ++t) {
        const std::size_t size = n / t_count + (t < n % t_count ? 1 : 0);
        tier_start.push_back(static_cast<std::uint32_t>(tier_start.back() + size));
        com_start.push_back(
            static_cast<std::uint32_t>(com_start.back() + std::min(per_tier, size)));
    }
    commodity.resize(n);
    for (std::size_t t = 0; t < t_count; ++t) assign_commodities(t);
    build_producers();
    for (std::size_t t = 1; t < t_count; ++t) build_recipes(t);
    consumers.assign(num_commodities(), 0);
    for (std::uint32_t d = 0; d < num_commodities(); ++d) {
        for (std::uint32_t i = 0; i < recipes[d].size; ++i)
            consumers[recipes[d].input[i]] += producer_count(d);
    }
}

// The first C nodes of a tier make commodity 0..C-1 (every commodity has a producer); the rest
// draw Zipf-like, so some markets have many producers and some very few.
void Layout::assign_commodities(std::size_t t) {
    const std::uint32_t c0 = com_start[t], count = com_start[t + 1] - c0;
    const Zipf zipf(count);
    for (std::uint32_t v = tier_start[t], i = 0; v < tier_start[t + 1]; ++v, ++i) {
        Rng rng(opts.seed, Stream::commodity, v);
        commodity[v] = c0 + (i < count ? i : static_cast<std::uint32_t>(zipf(rng)));
    }
}

void Layout::build_producers() {
    prod_off.assign(num_commodities() + 1, 0);
    for (auto c : commodity) ++prod_off[c + 1];
    for (std::size_t c = 0; c < num_commodities(); ++c) prod_off[c + 1] += prod_off[c];
    producers.resize(commodity.size());
    std::vector<std::uint32_t> next(prod_off.begin(), prod_off.end() - 1);
    for (std::uint32_t v = 0; v < commodity.size(); ++v) producers[next[commodity[v]]++] = v;
}

// Recipes of tier t: 1-3 inputs from earlier tiers, the first from tier t-1. The commodities of
// tier t-1 are dealt out (shuffled) over the recipes first, so each of them has a customer.
void Layout::build_recipes(std::size_t t) {
    Rng rng(opts.seed, Stream::recipe, t);
    const std::uint32_t c0 = com_start[t], count = com_start[t + 1] - c0;
    const std::uint32_t p0 = com_start[t - 1], pcount = com_start[t] - p0;
    std::vector<std::uint32_t> deck(pcount);
    for (std::uint32_t i = 0; i < pcount; ++i) deck[i] = p0 + i;
    for (std::uint32_t i = pcount; i > 1; --i) std::swap(deck[i - 1], deck[rng.below(i)]);
    recipes.resize(com_start[t + 1]);
    for (std::uint32_t i = 0; i < count; ++i) {
        const double r = rng.uniform();
        recipes[c0 + i].size = r < 0.4 ? 1 : r < 0.8 ? 2 : 3;
    }
    for (std::uint32_t k = 0; k < pcount; ++k) {  // at most 3 per recipe: pcount <= 3 * count
        Recipe& rec = recipes[c0 + k % count];
        const std::uint32_t slot = k / count;
        rec.input[slot] = deck[k];
        rec.size = std::max(rec.size, slot + 1);
        rec.filled = slot + 1;
    }
    for (std::uint32_t i = 0; i < count; ++i) {
        Recipe& rec = recipes[c0 + i];
        for (std::uint32_t s = rec.filled; s < rec.size; ++s) {
            std::uint32_t c = 0;
            for (int attempt = 0; attempt < 8; ++attempt) {
                c = rng.uniform() < 0.6 ? p0 + rng.below(pcount) : rng.below(com_start[t]);
                if (std::find(rec.input.begin(), rec.input.begin() + s, c) == rec.input.begin() + s)
                    break;
                c = kNone;
            }
            if (c == kNone) {
                rec.size = s;
                break;
            }
            rec.input[s] = c;
        }
        for (std::uint32_t s = 0; s < rec.size; ++s) rec.coef[s] = 0.5 + 1.5 * rng.uniform();
    }
}

std::size_t Layout::tier_of(std::uint32_t v) const {
    return static_cast<std::size_t>(std::upper_bound(tier_start.begin(), tier_start.end(), v) -
                                    tier_start.begin() - 1);
}

std::size_t Layout::commodity_tier(std::uint32_t c) const {
    return static_cast<std::size_t>(std::upper_bound(com_start.begin(), com_start.end(), c) -
                                    com_start.begin() - 1);
}

NodeAttr Layout::attributes(std::uint32_t v) const {
    Rng rng(opts.seed, Stream::attributes, v);
    NodeAttr a;
    a.home = countries[country_zipf(rng)];
    a.base = 100 * std::min(1 / std::sqrt(rng.open()), 1000.0);
    a.ship_share = 0.7 + 0.25 * rng.uniform();
    const double spare = rng.uniform();
    a.spare = spare < 0.25 ? 0 : 0.5 * spare * spare;
    const double kind = rng.uniform();
    a.owner = kind < 0.8 ? OwnerKind::none : kind < 0.92 ? OwnerKind::foreign : OwnerKind::joint;
    a.group = static_cast<std::uint32_t>(group_zipf(rng));
    a.jv_share = 0.3 + 0.1 * static_cast<double>(rng.below(5));
    a.foreign = a.home;
    for (int attempt = 0; attempt < 16 && a.foreign == a.home; ++attempt)
        a.foreign = countries[country_zipf(rng)];
    if (a.foreign == a.home) a.owner = OwnerKind::none;
    return a;
}

}  // namespace detail

GenerateSummary generate_dataset(const GenerateOptions& opts, std::ostream& os) {
    if (opts.tiers < 2 || opts.tiers > 1000)
        throw std::invalid_argument("generate: --tiers must be in 2..1000");
    if (opts.nodes < opts.tiers || opts.nodes > 0xFFFFFFF0u)
        throw std::invalid_argument("generate: --nodes must be at least --tiers (" +
                                    std::to_string(opts.tiers) + ")");
    if (opts.countries < 1 || opts.countries > kNumCountries - 1)
        throw std::invalid_argument("generate: --countries must be in 1..249");
    if (!(opts.feedback >= 0 && opts.feedback <= 1))
        throw std::invalid_argument("generate: --feedback must be in [0, 1]");
    const detail::Layout layout(opts);
    detail::Flows flows(layout);
    flows.size_nodes();
    flows.count_feedback();
    return detail::write_generated(layout, flows, os);
}

}  // namespace chokepoint
