#include "algorithms/sweep.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace chokepoint {

namespace {

// Losses of every end product under one scenario, without explanations.
std::vector<double> scenario_losses(const SupplyGraph& g, const Scenario& s,
                                    const SweepOptions& opts) {
    const Disruption d = apply_scenario(g, s);
    std::vector<double> loss;
    loss.reserve(g.end_products().size());
    if (opts.model == Model::rerouting) {
        for (const auto& p : rerouted_products(g, d, {.links = opts.links})) loss.push_back(p.loss);
    } else {
        for (const auto& p : product_losses(g, immediate_fractions(g, d))) loss.push_back(p.loss);
    }
    return loss;
}

Scenario country_scenario(std::vector<Country> countries, CutBy by) {
    Scenario s;
    for (std::size_t i = 0; i < countries.size(); ++i)
        s.label += (i ? "+" : "") + std::string(country_code(countries[i]));
    s.countries = std::move(countries);
    s.by = by;
    return s;
}

}  // namespace

std::vector<Country> sweep_countries(const SupplyGraph& g, CutBy by) {
    std::vector<std::uint8_t> present(kNumCountries, 0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        if (by == CutBy::owner) {
            present[g.control_country(n)] = 1;
        } else if (by == CutBy::owner_equity) {
            for (const auto& cs : g.equity(n)) present[cs.country] = 1;
        } else {
            present[g.country(n)] = 1;
        }
    }
    std::vector<Country> out;
    for (Country c = 0; c < kNumCountries; ++c)
        if (present[c]) out.push_back(c);
    return out;
}

std::vector<Scenario> sweep_scenarios(const SupplyGraph& g, const SweepOptions& opts) {
    if (opts.k != 1 && opts.k != 2)
        throw std::invalid_argument("sweep_scenarios: k must be 1 or 2");
    const auto countries = sweep_countries(g, opts.by);
    std::vector<Scenario> out;
    for (Country c : countries) out.push_back(country_scenario({c}, opts.by));
    if (opts.k == 2) {
        for (std::size_t i = 0; i < countries.size(); ++i)
            for (std::size_t j = i + 1; j < countries.size(); ++j)
                out.push_back(country_scenario({countries[i], countries[j]}, opts.by));
    }
    if (opts.groups) {
        for (const auto& grp : g.groups()) {
            const bool present = std::any_of(grp.members.begin(), grp.members.end(), [&](auto c) {
                return std::binary_search(countries.begin(), countries.end(), c);
            });
            if (!present) continue;
            Scenario s = country_scenario(grp.members, opts.by);
            s.label = grp.id;
            out.push_back(std::move(s));
        }
    }
    return out;
}

std::vector<SweepRow> run_sweep(const SupplyGraph& g, std::span<const Scenario> scenarios,
                                const SweepOptions& opts) {
    std::vector<SweepRow> rows(scenarios.size());
    const auto total = static_cast<std::int64_t>(scenarios.size());
    std::size_t done = 0;  // only touched inside the critical section: calls see 1, 2, ..., total
    const int threads = opts.threads > 0 ? opts.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::int64_t i = 0; i < total; ++i) {
        const auto& s = scenarios[static_cast<std::size_t>(i)];
        rows[static_cast<std::size_t>(i)] = {s, scenario_losses(g, s, opts)};
        if (opts.progress) {
#pragma omp critical(chokepoint_sweep_progress)
            opts.progress(++done, scenarios.size());
        }
    }
    return rows;
}

std::vector<std::size_t> rank_rows(std::span<const SweepRow> rows, std::size_t product) {
    std::vector<std::size_t> order(rows.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        auto key = [&](std::size_t r) {  // an unsolved program (NaN) ranks last
            const double v = rows[r].loss.at(product);
            return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
        };
        return key(a) > key(b);
    });
    return order;
}

}  // namespace chokepoint
