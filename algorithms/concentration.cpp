#include "algorithms/concentration.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <stdexcept>

namespace chokepoint {

namespace {

using View = ConcentrationView;

constexpr std::array<std::pair<View, std::string_view>, 4> kViewNames{{
    {View::location, "location"},
    {View::owner, "owner"},
    {View::owner_control, "owner-control"},
    {View::company, "company"},
}};

// Sums output per dense key and forgets only the keys it touched, so one instance serves every
// market in O(holders) per market whatever the size of the key space.
class Accumulator {
public:
    explicit Accumulator(std::size_t keys) : sum_(keys, 0.0) {}
    void add(std::size_t key, double v) {
        if (sum_[key] == 0.0) touched_.push_back(static_cast<std::uint32_t>(key));
        sum_[key] += v;
    }
    double at(std::size_t key) const { return sum_[key]; }
    /// Calls f(key, sum) for every touched key (in first-touched order), then resets.
    template <class F>
    void drain(F&& f) {
        for (auto k : touched_) {
            f(k, sum_[k]);
            sum_[k] = 0.0;
        }
        touched_.clear();
    }

private:
    std::vector<double> sum_;
    std::vector<std::uint32_t> touched_;
};

double owner_share_sum(std::span<const Owner> owners) {
    double s = 0;
    for (const auto& o : owners) s += o.share;
    return s;
}

// Country views: calls add(country, amount) for each part of node n's output under view v.
template <class Add>
void split_by_country(const SupplyGraph& g, NodeId n, View v, Add&& add) {
    const double out = g.output(n);
    if (v == View::location) {
        add(g.country(n), out);
    } else if (v == View::owner_control) {
        add(g.control_country(n), out);
    } else {
        double s = 0;
        for (const auto& cs : g.equity(n)) s += cs.share;
        for (const auto& cs : g.equity(n)) add(cs.country, out * cs.share / s);
    }
}

bool by_share(const HolderShare& a, const HolderShare& b) {
    return a.output != b.output ? a.output > b.output : a.key < b.key;
}

// Turns vc.shares, holding each holder's output, into sorted shares and every measure.
void finish_view(ViewConcentration& vc, double total) {
    for (auto& h : vc.shares) h.share = total > 0 ? h.output / total : 0.0;
    std::sort(vc.shares.begin(), vc.shares.end(), by_share);
    double sum_sq = 0;
    for (const auto& h : vc.shares) sum_sq += h.output * h.output;
    // One division of (nearly) exact sums keeps integer markets exact at the thresholds.
    vc.hhi = total > 0 ? sum_sq * 10000.0 / (total * total) : 0.0;
    vc.effective_suppliers =
        vc.hhi > 0 ? 10000.0 / vc.hhi : std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < vc.shares.size() && i < 3; ++i) {
        if (i == 0) vc.cr1 = vc.shares[i].share;
        vc.cr3 += vc.shares[i].share;
    }
    vc.flags = concentration_flags(vc.hhi, vc.cr1, is_country_view(vc.view));
}

// Company holders: owner names summed by NameId; nodes without owners count under their name,
// merged with an owner or another node of the same name by sorting this market's names (a
// graph-wide name index would cost more than every market's sort together).
void collect_companies(const SupplyGraph& g, std::span<const NodeId> producers, Accumulator& acc,
                       std::vector<HolderShare>& out) {
    std::size_t loose = 0;
    for (auto n : producers) {
        const auto own = g.owners(n);
        if (own.empty()) {
            out.push_back({g.name(n), g.output(n)});
            ++loose;
        }
        const double s = owner_share_sum(own);
        for (const auto& o : own) acc.add(o.name, g.output(n) * o.share / s);
    }
    acc.drain([&](std::uint32_t k, double v) { out.push_back({g.owner_name(k), v}); });
    if (loose == 0 || out.size() < 2) return;
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.key < b.key; });
    std::size_t w = 0;
    for (std::size_t r = 1; r < out.size(); ++r) {
        if (out[r].key == out[w].key)
            out[w].output += out[r].output;
        else
            out[++w] = out[r];
    }
    out.resize(w + 1);
}

struct Workspace {
    Accumulator countries{kNumCountries};
    Accumulator pairs{kNumCountries * kNumCountries};
    std::optional<Accumulator> owner_names;
    std::vector<const CountryGroup*> groups;
};

ViewConcentration measure_view(const SupplyGraph& g, std::span<const NodeId> producers,
                               double total, View v, Workspace& ws) {
    ViewConcentration vc;
    vc.view = v;
    if (v == View::company) {
        collect_companies(g, producers, *ws.owner_names, vc.shares);
        finish_view(vc, total);
        return vc;
    }
    for (auto n : producers)
        split_by_country(g, n, v, [&](Country c, double x) { ws.countries.add(c, x); });
    for (const auto* grp : ws.groups) {
        GroupShare gs{grp->id};
        for (auto c : grp->members) gs.output += ws.countries.at(c);
        gs.share = total > 0 ? gs.output / total : 0.0;
        vc.groups.push_back(gs);
    }
    ws.countries.drain([&](std::uint32_t k, double out) {
        vc.shares.push_back({country_code(Country(k)), out});
    });
    finish_view(vc, total);
    return vc;
}

Crosstab make_crosstab(const SupplyGraph& g, std::span<const NodeId> producers, double total,
                       View owner_view, Workspace& ws) {
    Crosstab ct;
    ct.owner_view = owner_view;
    ct.locations = measure_view(g, producers, total, View::location, ws).shares;
    ct.owners = measure_view(g, producers, total, owner_view, ws).shares;
    for (auto n : producers) {
        const std::size_t row = std::size_t(g.country(n)) * kNumCountries;
        split_by_country(g, n, owner_view, [&](Country c, double x) { ws.pairs.add(row + c, x); });
    }
    ws.pairs.drain([&](std::uint32_t k, double out) {
        ct.cells.push_back({country_code(Country(k / kNumCountries)),
                            country_code(Country(k % kNumCountries)), out,
                            total > 0 ? out / total : 0.0});
    });
    std::sort(ct.cells.begin(), ct.cells.end(), [](const auto& a, const auto& b) {
        if (a.output != b.output) return a.output > b.output;
        return a.location != b.location ? a.location < b.location : a.owner < b.owner;
    });
    return ct;
}

void check_options(const SupplyGraph& g, const ConcentrationOptions& o) {
    const std::string fn = "measure_concentration: ";
    if (o.views.empty()) throw std::invalid_argument(fn + "no views");
    for (std::size_t i = 0; i < o.views.size(); ++i) {
        if (std::find(o.views.begin(), o.views.begin() + long(i), o.views[i]) !=
            o.views.begin() + long(i))
            throw std::invalid_argument(fn + "repeated view " + std::string(view_name(o.views[i])));
    }
    for (auto c : o.commodities)
        if (c >= g.num_commodities()) throw std::invalid_argument(fn + "unknown commodity");
    for (auto s : o.stages)
        if (s >= g.num_stages()) throw std::invalid_argument(fn + "unknown stage");
    for (const auto& id : o.groups)
        if (!g.find_group(id)) throw std::invalid_argument(fn + "unknown group " + id);
    if (o.crosstab && o.crosstab_owner != View::owner && o.crosstab_owner != View::owner_control)
        throw std::invalid_argument(fn + "crosstab_owner must be owner or owner-control");
}

std::vector<CommodityId> selected_markets(const SupplyGraph& g, const ConcentrationOptions& o) {
    std::vector<CommodityId> out;
    for (CommodityId c = 0; c < g.num_commodities(); ++c) {
        const auto p = g.producers(c);
        if (p.empty()) continue;
        if (!o.commodities.empty() &&
            std::find(o.commodities.begin(), o.commodities.end(), c) == o.commodities.end())
            continue;
        if (!o.stages.empty() &&
            std::find(o.stages.begin(), o.stages.end(), g.stage(p.front())) == o.stages.end())
            continue;
        out.push_back(c);
    }
    std::sort(out.begin(), out.end(), [&](CommodityId a, CommodityId b) {
        const auto sa = g.stage(g.producers(a).front()), sb = g.stage(g.producers(b).front());
        return sa != sb ? sa < sb : g.commodity_name(a) < g.commodity_name(b);
    });
    return out;
}

}  // namespace

ConcentrationView parse_concentration_view(std::string_view text) {
    for (const auto& [v, name] : kViewNames)
        if (name == text) return v;
    throw std::invalid_argument("unknown view \"" + std::string(text) +
                                "\" (expected location, owner, owner-control or company)");
}

std::string_view view_name(ConcentrationView v) {
    return kViewNames[static_cast<std::size_t>(v)].second;
}

bool is_country_view(ConcentrationView v) { return v != ConcentrationView::company; }

std::uint8_t concentration_flags(double hhi, double top_share, bool country_view) {
    std::uint8_t f = 0;
    if (hhi >= 1500 && hhi <= 2500) f |= kDoj2010Moderate;
    if (hhi > 2500) f |= kDoj2010High;
    if (hhi > 1800) f |= kDoj2023;
    if (hhi > 4000) f |= kEcDependency;
    if (country_view && top_share > 0.65) f |= kCrma65;
    return f;
}

std::vector<std::string_view> flag_names(std::uint8_t flags) {
    static constexpr std::array<std::pair<std::uint8_t, std::string_view>, 5> kNames{{
        {kDoj2010Moderate, "doj2010-moderate"},
        {kDoj2010High, "doj2010-high"},
        {kDoj2023, "doj2023"},
        {kEcDependency, "ec-dependency"},
        {kCrma65, "crma-65"},
    }};
    std::vector<std::string_view> out;
    for (const auto& [bit, name] : kNames)
        if (flags & bit) out.push_back(name);
    return out;
}

ConcentrationResult measure_concentration(const SupplyGraph& g, const ConcentrationOptions& opts) {
    check_options(g, opts);
    ConcentrationResult r;
    r.views = opts.views;
    Workspace ws;
    for (const auto& id : opts.groups) ws.groups.push_back(g.find_group(id));
    if (std::find(opts.views.begin(), opts.views.end(), View::company) != opts.views.end()) {
        ws.owner_names.emplace(g.num_owner_names());
    }
    for (auto c : selected_markets(g, opts)) {
        const auto producers = g.producers(c);
        MarketConcentration m;
        m.commodity = c;
        m.stage = g.stage(producers.front());
        m.unit = g.commodity_unit(c);
        m.producers = producers.size();
        for (auto n : producers) m.total += g.output(n);
        for (auto v : opts.views) m.views.push_back(measure_view(g, producers, m.total, v, ws));
        for (std::size_t i = 1; i < m.views.size(); ++i) {
            const auto &a = m.views.front(), &b = m.views[i];
            m.comparisons.push_back({a.view, b.view, b.hhi - a.hhi,
                                     a.shares.empty() ? "" : a.shares.front().key,
                                     b.shares.empty() ? "" : b.shares.front().key});
        }
        if (opts.crosstab)
            m.crosstab = make_crosstab(g, producers, m.total, opts.crosstab_owner, ws);
        r.markets.push_back(std::move(m));
    }
    return r;
}

}  // namespace chokepoint
