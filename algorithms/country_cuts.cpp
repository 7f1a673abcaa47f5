#include "algorithms/country_cuts.hpp"

#include <algorithm>
#include <stdexcept>

#include "algorithms/cascade.hpp"

namespace chokepoint {

namespace {

// Loss below the threshold by no more than rounding still counts.
constexpr double kSlack = 1e-12;

struct Search {
    const SupplyGraph& g;
    const CountryCutOptions& opts;
    std::vector<Country> candidates;
    std::vector<std::uint8_t> open;  // by slot in end_products(): still looking
    std::vector<ProductCuts>& out;
    std::size_t size = 0;  // the set size being enumerated
    std::vector<Country> chosen;

    std::vector<ProductLoss> losses(const std::vector<Country>& countries) const {
        const Scenario s{.countries = countries, .by = opts.by};
        return product_losses(g, immediate_fractions(g, apply_scenario(g, s)));
    }
    bool reaches_open(const std::vector<ProductLoss>& l) const {
        for (std::size_t k = 0; k < l.size(); ++k)
            if (open[k] && l[k].loss >= opts.threshold - kSlack) return true;
        return false;
    }
    void visit(std::size_t from) {
        if (chosen.size() == size) {
            const auto l = losses(chosen);
            for (std::size_t k = 0; k < l.size(); ++k)
                if (open[k] && l[k].loss >= opts.threshold - kSlack)
                    out[k].cuts.push_back({chosen, std::min(l[k].loss, 1.0)});
            return;
        }
        // Bound: everything still available removed at once.
        std::vector<Country> all = chosen;
        all.insert(all.end(), candidates.begin() + static_cast<std::ptrdiff_t>(from),
                   candidates.end());
        if (!reaches_open(losses(all))) return;
        for (std::size_t i = from; i + (size - chosen.size()) <= candidates.size(); ++i) {
            chosen.push_back(candidates[i]);
            visit(i + 1);
            chosen.pop_back();
        }
    }
};

std::vector<Country> candidate_countries(const SupplyGraph& g, CutBy by) {
    std::vector<Country> c;
    for (NodeId n = 0; n < g.num_nodes(); ++n)
        c.push_back(by == CutBy::location ? g.country(n) : g.control_country(n));
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    return c;
}

}  // namespace

std::vector<ProductCuts> minimum_country_cuts(const SupplyGraph& g, const CountryCutOptions& opts) {
    if (opts.by != CutBy::location && opts.by != CutBy::owner)
        throw std::invalid_argument("minimum_country_cuts: by location or owner only");
    std::vector<ProductCuts> out;
    for (CommodityId p : g.end_products()) out.push_back({p, {}});
    Search s{g, opts, candidate_countries(g, opts.by), std::vector<std::uint8_t>(out.size(), 1),
             out};
    if (opts.product) {
        for (std::size_t k = 0; k < out.size(); ++k) s.open[k] = out[k].product == *opts.product;
    }
    for (s.size = 1; s.size <= opts.k && s.size <= s.candidates.size(); ++s.size) {
        if (std::none_of(s.open.begin(), s.open.end(), [](auto o) { return o; })) break;
        s.visit(0);
        for (std::size_t k = 0; k < out.size(); ++k)
            if (!out[k].cuts.empty()) s.open[k] = 0;
    }
    for (auto& p : out) {
        std::sort(p.cuts.begin(), p.cuts.end(), [](const CountryCut& a, const CountryCut& b) {
            return a.loss != b.loss ? a.loss > b.loss : a.countries < b.countries;
        });
    }
    return out;
}

}  // namespace chokepoint
