#include "algorithms/scenario.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace chokepoint {

CutBy parse_cut_by(std::string_view text) {
    if (text == "location") return CutBy::location;
    if (text == "owner" || text == "owner-control") return CutBy::owner;
    if (text == "owner-equity" || text == "equity") return CutBy::owner_equity;
    if (text == "embargo") return CutBy::embargo;
    throw std::invalid_argument("unknown cut \"" + std::string(text) +
                                "\" (expected location, owner, owner-equity or embargo)");
}

std::string_view cut_by_name(CutBy by) {
    switch (by) {
        case CutBy::location:
            return "location";
        case CutBy::owner:
            return "owner";
        case CutBy::owner_equity:
            return "owner-equity";
        case CutBy::embargo:
            return "embargo";
    }
    return "";
}

Disruption apply_scenario(const SupplyGraph& g, const Scenario& s) {
    Disruption d{std::vector<double>(g.num_nodes(), 1.0),
                 std::vector<std::uint8_t>(g.num_edges(), 0)};
    std::vector<std::uint8_t> listed(kNumCountries, 0);
    for (auto c : s.countries) listed[c] = 1;
    auto cut = [&](Country c) { return listed[c] != static_cast<std::uint8_t>(s.keep); };
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        switch (s.by) {
            case CutBy::location:
                if (cut(g.country(n))) d.limit[n] = 0;
                break;
            case CutBy::owner:
                if (cut(g.control_country(n))) d.limit[n] = 0;
                break;
            case CutBy::owner_equity: {
                double lost = 0;
                for (const auto& cs : g.equity(n)) {
                    if (cut(cs.country)) lost += cs.share;
                }
                d.limit[n] = std::clamp(1.0 - lost, 0.0, 1.0);
                break;
            }
            case CutBy::embargo:
                break;
        }
    }
    if (s.by == CutBy::embargo) {
        d.embargoed.assign(kNumCountries, 0);
        for (Country c = 0; c < kNumCountries; ++c) d.embargoed[c] = cut(c) ? 1 : 0;
        for (EdgeId e = 0; e < g.num_edges(); ++e) {
            const Country a = g.country(g.from(e)), b = g.country(g.to(e));
            if (a != b && cut(a)) d.cut[e] = 1;
        }
    }
    for (NodeId n : s.nodes) {
        if (n >= g.num_nodes()) throw std::invalid_argument("apply_scenario: node out of range");
        d.limit[n] = 0;
    }
    return d;
}

Scenario parse_scenario(const SupplyGraph& g, std::string_view text) {
    std::istringstream in{std::string(text)};
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    Scenario s;
    s.label = std::string(text);
    std::size_t i = 0;
    bool removes = false;
    auto bad = [&](const std::string& why) {
        throw std::invalid_argument("scenario \"" + std::string(text) + "\": " + why);
    };
    while (i < words.size()) {
        const std::string& verb = words[i++];
        if (verb == "by") {
            if (i == words.size()) bad("\"by\" needs location, owner, owner-equity or embargo");
            try {
                s.by = parse_cut_by(words[i++]);
            } catch (const std::invalid_argument& e) {
                bad(e.what());
            }
            continue;
        }
        if (verb != "remove" && verb != "keep")
            bad("expected \"remove\", \"keep\" or \"by\", got \"" + verb + "\"");
        (verb == "keep" ? s.keep : removes) = true;
        if (i == words.size()) bad("\"" + verb + "\" needs a list of countries, groups or node:ID");
        std::istringstream list(words[i++]);
        for (std::string item; std::getline(list, item, ',');) {
            if (item.rfind("node:", 0) == 0) {
                auto n = g.find(item.substr(5));
                if (!n) bad("unknown node \"" + item.substr(5) + "\"");
                s.nodes.push_back(*n);
            } else if (auto c = parse_country(item)) {
                s.countries.push_back(*c);
            } else if (const auto* grp = g.find_group(item)) {
                s.countries.insert(s.countries.end(), grp->members.begin(), grp->members.end());
            } else {
                bad("\"" + item + "\" is neither an ISO 3166-1 alpha-2 code nor a group");
            }
        }
    }
    if (s.keep && !s.nodes.empty()) bad("\"keep\" takes countries or groups, not nodes");
    if (s.keep && removes) bad("\"keep\" and \"remove\" cannot be combined in one scenario");
    std::sort(s.countries.begin(), s.countries.end());
    s.countries.erase(std::unique(s.countries.begin(), s.countries.end()), s.countries.end());
    return s;
}

}  // namespace chokepoint
