#include "viz/sankey.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "viz/escape.hpp"
#include "viz/palette.hpp"

namespace chokepoint::viz {

namespace {

constexpr double kTop = 64, kBottom = 16, kLeft = 20, kRight = 80, kBandWidth = 16, kGap = 4;

struct Band {
    StageId stage;
    Country country;
    double share = 0;            // of its stage
    double y = 0, h = 0;         // position
    double out_y = 0, in_y = 0;  // next free place for ribbons
    double out_total = 0, in_total = 0;
};

struct Link {
    std::size_t from, to;  // bands
    double out_weight = 0, in_weight = 0;
};

double ratio(double a, double b) { return b > 0 ? a / b : 0.0; }

// A stage name broken into lines of at most `chars` characters (at word boundaries), at most
// three lines, as <tspan>s.
std::string wrapped(std::string_view text, std::size_t chars, double x) {
    std::vector<std::string> lines(1);
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const auto word = text.substr(start, end - start);
        if (!lines.back().empty() && lines.back().size() + 1 + word.size() > chars) {
            if (lines.size() == 3) {
                lines.back() += "…";
                break;
            }
            lines.emplace_back();
        }
        lines.back() += (lines.back().empty() ? "" : " ") + std::string(word);
        start = end + 1;
    }
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i)
        out += fmt::format("<tspan x=\"{:.1f}\" dy=\"{}\">{}</tspan>", x, i ? "1.2em" : "0",
                           escape_html(lines[i]));
    return out;
}

using Slots = std::map<std::pair<StageId, Country>, std::size_t>;

// Bands with their shares, ordered and placed; `slot` finds a (stage, country)'s band.
std::vector<Band> make_bands(const SupplyGraph& g, const SankeyOptions& opts, Slots& slot) {
    std::vector<double> total(g.num_commodities(), 0.0);
    for (NodeId n = 0; n < g.num_nodes(); ++n) total[g.commodity(n)] += g.output(n);
    std::set<std::pair<StageId, CommodityId>> produced;  // a commodity may span stages
    for (NodeId n = 0; n < g.num_nodes(); ++n) produced.emplace(g.stage(n), g.commodity(n));
    std::vector<std::size_t> markets(g.num_stages(), 0);
    for (const auto& [stage, c] : produced) ++markets[stage];
    std::map<std::pair<StageId, Country>, double> shares;
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        shares[{g.stage(n), g.country(n)}] += ratio(g.output(n), total[g.commodity(n)]) /
                                              double(std::max<std::size_t>(1, markets[g.stage(n)]));
    }
    std::vector<Band> bands;
    for (const auto& [key, share] : shares) bands.push_back({key.first, key.second, share});
    std::sort(bands.begin(), bands.end(), [](const Band& a, const Band& b) {
        if (a.stage != b.stage) return a.stage < b.stage;
        if (a.share != b.share) return a.share > b.share;
        return country_code(a.country) < country_code(b.country);
    });
    // Every column spans the same height, with gaps between bands.
    const double usable = opts.height - kTop - kBottom;
    for (std::size_t i = 0, j = 0; i < bands.size(); i = j) {
        double sum = 0;
        for (j = i; j < bands.size() && bands[j].stage == bands[i].stage; ++j)
            sum += bands[j].share;
        const double scale = (usable - kGap * double(j - i - 1)) / std::max(sum, 1e-12);
        double y = kTop;
        for (std::size_t k = i; k < j; ++k) {
            bands[k].y = bands[k].out_y = bands[k].in_y = y;
            bands[k].h = std::max(1.0, bands[k].share * scale);
            y += bands[k].h + kGap;
            slot[{bands[k].stage, bands[k].country}] = k;
        }
    }
    return bands;
}

// Forward links between bands, sorted by (from, to); adds their weights to the bands' totals.
std::vector<Link> make_links(const SupplyGraph& g, std::vector<Band>& bands, Slots& slot) {
    std::map<std::pair<std::size_t, CommodityId>, double> inflow;  // per band and input commodity
    for (EdgeId e = 0; e < g.num_edges(); ++e)
        inflow[{slot[{g.stage(g.to(e)), g.country(g.to(e))}], g.commodity(g.from(e))}] += g.flow(e);
    std::map<std::pair<std::size_t, std::size_t>, Link> links;
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        const NodeId a = g.from(e), b = g.to(e);
        if (g.stage(b) <= g.stage(a)) continue;
        const auto from = slot[{g.stage(a), g.country(a)}], to = slot[{g.stage(b), g.country(b)}];
        auto& l = links.try_emplace({from, to}, Link{from, to}).first->second;
        l.out_weight += g.flow(e);
        l.in_weight += ratio(g.flow(e), inflow[{to, g.commodity(a)}]);
    }
    std::vector<Link> out;
    for (const auto& [key, l] : links) {
        bands[l.from].out_total += l.out_weight;
        bands[l.to].in_total += l.in_weight;
        out.push_back(l);
    }
    return out;
}

// Ribbons stacked at each band in the order of their other end, so they do not cross needlessly.
void draw_ribbons(std::string& svg, std::vector<Band>& bands, const std::vector<Link>& links,
                  const std::function<double(StageId)>& x_of) {
    std::vector<double> left_y(links.size()), right_y(links.size());
    for (std::size_t i = 0; i < links.size(); ++i) {
        auto& b = bands[links[i].from];
        left_y[i] = b.out_y;
        b.out_y += b.h * ratio(links[i].out_weight, b.out_total);
    }
    std::vector<std::size_t> by_target(links.size());
    for (std::size_t i = 0; i < links.size(); ++i) by_target[i] = i;
    std::stable_sort(by_target.begin(), by_target.end(), [&](auto x, auto y) {
        return std::pair(links[x].to, links[x].from) < std::pair(links[y].to, links[y].from);
    });
    for (auto i : by_target) {
        auto& b = bands[links[i].to];
        right_y[i] = b.in_y;
        b.in_y += b.h * ratio(links[i].in_weight, b.in_total);
    }
    for (std::size_t i = 0; i < links.size(); ++i) {
        const auto& a = bands[links[i].from];
        const auto& b = bands[links[i].to];
        const double h1 = a.h * ratio(links[i].out_weight, a.out_total);
        const double h2 = b.h * ratio(links[i].in_weight, b.in_total);
        const double x1 = x_of(a.stage) + kBandWidth, x2 = x_of(b.stage), mx = (x1 + x2) / 2;
        svg += fmt::format(
            "<path d=\"M{0:.1f},{1:.1f} C{2:.1f},{1:.1f} {2:.1f},{3:.1f} {4:.1f},{3:.1f} "
            "L{4:.1f},{5:.1f} C{2:.1f},{5:.1f} {2:.1f},{6:.1f} {0:.1f},{6:.1f} Z\" fill=\"{7}\" "
            "fill-opacity=\"{11}\"><title>{8} → {9}: {10:g}</title></path>\n",
            x1, left_y[i], mx, right_y[i], x2, right_y[i] + h2, left_y[i] + h1,
            country_colour(a.country), country_code(a.country), country_code(b.country),
            links[i].out_weight,
            b.stage == a.stage + 1 ? "0.45" : "0.2");  // ribbons that skip a stage recede
    }
}

void draw_bands(std::string& svg, const std::vector<Band>& bands, const SankeyOptions& opts,
                const std::function<double(StageId)>& x_of) {
    for (const auto& b : bands) {
        svg += fmt::format(
            "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{}\" height=\"{:.1f}\" fill=\"{}\" "
            "stroke=\"#333\" stroke-width=\"0.5\"><title>{}: {:.1f}%</title></rect>\n",
            x_of(b.stage), b.y, kBandWidth, b.h, country_colour(b.country),
            escape_html(country_name(b.country)), 100 * b.share);
        if (b.h >= opts.min_label_height) {
            svg += fmt::format(
                "<text x=\"{:.1f}\" y=\"{:.1f}\" dominant-baseline=\"middle\" stroke=\"#fff\" "
                "stroke-width=\"3\" paint-order=\"stroke\">{} {:.0f}%</text>\n",
                x_of(b.stage) + kBandWidth + 4, b.y + b.h / 2, country_code(b.country),
                100 * b.share);
        }
    }
}

}  // namespace

std::string sankey_svg(const SupplyGraph& g, const SankeyOptions& opts) {
    Slots slot;
    auto bands = make_bands(g, opts, slot);
    const auto links = make_links(g, bands, slot);
    const std::size_t stages = g.num_stages();
    const double step =
        stages > 1 ? (opts.width - kLeft - kRight - kBandWidth) / double(stages - 1) : 0;
    const std::function<double(StageId)> x_of = [&](StageId s) { return kLeft + step * s; };
    std::string svg = fmt::format(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
        "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"Helvetica,Arial,sans-serif\" "
        "font-size=\"11\">\n",
        opts.width, opts.height);
    const auto chars = std::size_t(std::max(8.0, (stages > 1 ? step : opts.width) / 7.0));
    for (StageId s = 0; s < stages; ++s) {
        const auto& info = g.stage_info(s);
        svg += fmt::format("<text y=\"16\" font-weight=\"bold\" font-size=\"12\">{}</text>\n",
                           wrapped(info.name.empty() ? info.id : info.name, chars, x_of(s)));
    }
    draw_ribbons(svg, bands, links, x_of);
    draw_bands(svg, bands, opts, x_of);
    return svg + "</svg>\n";
}

}  // namespace chokepoint::viz
