#include "tools/report_data.hpp"

#include <algorithm>

#include "algorithms/cascade.hpp"
#include "algorithms/scenario.hpp"

namespace chokepoint::cli {

std::vector<MarketShares> market_shares(const SupplyGraph& g, ShareView view) {
    std::vector<MarketShares> out;
    std::vector<double> by_country(kNumCountries, 0.0);
    for (CommodityId c = 0; c < g.num_commodities(); ++c) {
        MarketShares m{c, g.stage(g.producers(c).front()), 0, g.producers(c).size(), {}, 0};
        std::vector<Country> touched;
        for (NodeId n : g.producers(c)) {
            m.total += g.output(n);
            auto add = [&](Country k, double v) {
                if (by_country[k] == 0) touched.push_back(k);
                by_country[k] += v;
            };
            if (view == ShareView::location) {
                add(g.country(n), g.output(n));
            } else {
                for (const auto& e : g.equity(n)) add(e.country, g.output(n) * e.share);
            }
        }
        for (Country k : touched) {
            const double share = m.total > 0 ? by_country[k] / m.total : 0.0;
            if (by_country[k] > 0) m.shares.push_back({k, share});
            m.hhi += 10000 * share * share;
            by_country[k] = 0;
        }
        std::sort(m.shares.begin(), m.shares.end(), [](const auto& a, const auto& b) {
            return a.share != b.share ? a.share > b.share : a.country < b.country;
        });
        out.push_back(std::move(m));
    }
    std::sort(out.begin(), out.end(), [&](const auto& a, const auto& b) {
        if (a.stage != b.stage) return a.stage < b.stage;
        return g.commodity_name(a.commodity) < g.commodity_name(b.commodity);
    });
    return out;
}

std::vector<SweepRow> country_sweep(const SupplyGraph& g) {
    std::vector<SweepRow> rows;
    for (Country c : g.countries()) {
        Scenario s{.label = "remove " + std::string(country_code(c)), .countries = {c}};
        const auto losses = product_losses(g, immediate_fractions(g, apply_scenario(g, s)));
        SweepRow r{c, {}, 0, 0};
        for (const auto& p : losses) {
            r.loss.push_back(p.loss);
            r.worst = std::max(r.worst, p.loss);
            r.mean += p.loss / double(losses.size());
        }
        rows.push_back(std::move(r));
    }
    std::sort(rows.begin(), rows.end(), [](const SweepRow& a, const SweepRow& b) {
        if (a.worst != b.worst) return a.worst > b.worst;
        if (a.mean != b.mean) return a.mean > b.mean;
        return a.country < b.country;
    });
    return rows;
}

}  // namespace chokepoint::cli
