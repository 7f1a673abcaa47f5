// EtoModel -> SupplyGraph: which inputs become commodities, which nodes they get, and how
// goes_into becomes edges (the rules are in eto_import.hpp and docs/interop.md).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "datasets/eto_detail.hpp"

namespace chokepoint::detail {

namespace {

constexpr int kMaxDepth = 64;  // is_type_of / goes_into chains longer than this are cycles

std::string slug(std::string_view s) {
    std::string out;
    for (char ch : s) {
        const auto u = static_cast<unsigned char>(ch);
        if (std::isalnum(u) || u >= 0x80)
            out += static_cast<char>(u < 0x80 ? std::tolower(u) : u);
        else if (!out.empty() && out.back() != '-')
            out += '-';
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    return out;
}

class Mapper {
public:
    Mapper(const EtoModel& m, const EtoImportOptions& o)
        : m_(m), n_(m.items.size()), prefer_countries_(o.prefer_countries) {
        shares_.resize(n_);
        for (std::size_t i = 0; i < n_; ++i) {
            const auto& x = m.items[i];
            const auto& first = o.prefer_countries ? x.countries : x.orgs;
            const auto& second = o.prefer_countries ? x.orgs : x.countries;
            shares_[i] = first.empty() ? &second : &first;
            if (!first.empty() && !second.empty()) unused_rows_ += second.size();
        }
        rep_.assign(n_, -2);
        level_.assign(n_, -2);
    }
    Dataset run();

private:
    bool has_shares(std::size_t i) const { return !shares_[i]->empty(); }
    // The topmost ancestor with shares, or -1 (subtypes of such an ancestor are not used).
    int class_with_shares(std::size_t i) const {
        int top = -1;
        int a = m_.items[i].parent;
        for (int d = 0; a >= 0 && d < kMaxDepth; ++d, a = m_.items[std::size_t(a)].parent)
            if (has_shares(std::size_t(a))) top = a;
        return top;
    }
    bool is_commodity(std::size_t i) const { return has_shares(i) && class_with_shares(i) < 0; }
    // The commodity that stands for item i, or -1 (then i passes its edges through).
    int rep(std::size_t i) {
        if (rep_[i] != -2) return rep_[i];
        int r = -1;
        if (is_commodity(i))
            r = int(i);
        else if (int top = class_with_shares(i); top >= 0)
            r = top;
        else if (int s = m_.items[i].stage;
                 s >= 0 && m_.items[i].type != "stage" && is_commodity(m_.stages[std::size_t(s)]))
            r = int(m_.stages[std::size_t(s)]);
        return rep_[i] = r;
    }
    // What item i feeds: its goes_into, or its nearest ancestor's.
    const std::vector<std::uint32_t>& targets(std::size_t i) const {
        int a = int(i);
        for (int d = 0; a >= 0 && d < kMaxDepth; ++d, a = m_.items[std::size_t(a)].parent)
            if (!m_.items[std::size_t(a)].goes_into.empty())
                return m_.items[std::size_t(a)].goes_into;
        return m_.items[i].goes_into;
    }
    void consumers(std::size_t i, std::vector<int>& out, std::unordered_set<std::size_t>& seen) {
        for (auto t : targets(i)) {
            if (!seen.insert(t).second) continue;
            if (const int r = rep(t); r >= 0)
                out.push_back(r);
            else
                consumers(t, out, seen);
        }
    }
    // Stage position of commodity c: 2k+1 for stage k (and processes with shares), 2k for the
    // inputs of stage k (the earliest stage it feeds), 2*stages when it feeds no stage.
    int level(std::size_t c, int depth = 0);
    Dataset build(const std::vector<std::size_t>& commodities);
    std::string stage_id(int level) const;
    void add_stages(SupplyGraphBuilder& b, const std::vector<std::size_t>& commodities);
    void add_nodes(SupplyGraphBuilder& b, const std::vector<std::size_t>& commodities);
    void add_edges(SupplyGraphBuilder& b, const std::vector<std::size_t>& commodities);
    std::vector<std::pair<std::string, std::string>> dropped() const;

    const EtoModel& m_;
    std::size_t n_;
    std::vector<const std::vector<EtoShare>*> shares_;
    std::vector<int> rep_, level_;
    std::vector<std::vector<int>> out_;  // consumer commodities of each commodity
    std::size_t unused_rows_ = 0;
    bool prefer_countries_;
    std::vector<NodeId> first_;   // first node of each commodity
    std::vector<double> total_;   // sum of its nodes' outputs
    std::vector<double> output_;  // by NodeId
};

int Mapper::level(std::size_t c, int depth) {
    if (level_[c] != -2) return level_[c];
    const int stage = m_.items[c].stage;
    if (stage >= 0) return level_[c] = 2 * stage + 1;
    int best = 2 * int(m_.stages.size());
    level_[c] = best;  // provisional: a cycle of inputs ends here
    if (depth < kMaxDepth) {
        for (int d : out_[c]) best = std::min(best, level(std::size_t(d), depth + 1) & ~1);
    }
    return level_[c] = best;
}

Dataset Mapper::run() {
    out_.resize(n_);
    std::vector<std::size_t> commodities;
    for (std::size_t i = 0; i < n_; ++i) {
        const int r = rep(i);
        if (r < 0) continue;
        if (r == int(i)) commodities.push_back(i);
        std::vector<int> cs;
        std::unordered_set<std::size_t> seen{i};
        consumers(i, cs, seen);
        for (int d : cs) {
            auto& o = out_[std::size_t(r)];
            if (d != r && std::find(o.begin(), o.end(), d) == o.end()) o.push_back(d);
        }
    }
    for (auto& o : out_) std::sort(o.begin(), o.end());
    std::stable_sort(commodities.begin(), commodities.end(),
                     [&](auto a, auto b) { return level(a) < level(b); });
    return build(commodities);
}

std::vector<std::pair<std::string, std::string>> Mapper::dropped() const {
    auto out = m_.dropped;
    if (unused_rows_ > 0) {
        out.emplace_back(m_.provision_file,
                         fmt::format("rows of the {} breakdown are not used where {} shares exist "
                                     "(the two must not be added): {}",
                                     prefer_countries_ ? "organisation" : "country",
                                     prefer_countries_ ? "country" : "organisation", unused_rows_));
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n_; ++i)
        if (has_shares(i) && class_with_shares(i) >= 0) names.push_back(m_.items[i].name);
    if (!names.empty()) {
        std::string list;
        for (std::size_t i = 0; i < names.size() && i < 3; ++i) list += (i ? ", " : "") + names[i];
        out.emplace_back(m_.sequence_file,
                         fmt::format("subtypes with shares are not used because a class above "
                                     "them has its own shares: {} ({}{})",
                                     names.size(), list, names.size() > 3 ? ", ..." : ""));
    }
    return out;
}

std::string Mapper::stage_id(int level) const {
    const auto s = std::size_t(level / 2);
    if (s >= m_.stages.size()) return "unlinked";
    return slug(m_.items[m_.stages[s]].name) + (level % 2 ? "" : "-inputs");
}

void Mapper::add_stages(SupplyGraphBuilder& b, const std::vector<std::size_t>& commodities) {
    std::vector<int> levels;
    for (auto c : commodities)
        if (levels.empty() || levels.back() != level(c)) levels.push_back(level(c));
    for (int l : levels) {
        const auto s = std::size_t(l / 2);
        if (s >= m_.stages.size())
            b.add_stage(stage_id(l), "Inputs that feed no stage");
        else
            b.add_stage(stage_id(l), m_.items[m_.stages[s]].name + (l % 2 ? "" : " inputs"));
    }
}

// Nodes of each commodity by share (largest first; ties in provision.csv order).
void Mapper::add_nodes(SupplyGraphBuilder& b, const std::vector<std::size_t>& commodities) {
    std::unordered_set<std::string> ids;
    first_.assign(n_, 0);
    total_.assign(n_, 0);
    for (auto c : commodities) {
        const auto& item = m_.items[c];
        auto shares = *shares_[c];
        std::stable_sort(shares.begin(), shares.end(),
                         [](const auto& x, const auto& y) { return x.share > y.share; });
        first_[c] = NodeId(b.num_nodes());
        const std::string stage = stage_id(level(c));
        for (const auto& x : shares) {
            const auto& p = m_.providers[x.provider];
            std::string id = slug(item.name) + "/" + slug(p.name);
            if (!ids.insert(id).second) ids.insert(id += "-" + slug(p.id));
            const auto k = std::find(m_.sources.begin(), m_.sources.end(), x.source);
            const std::string src = fmt::format("eto-source-{}", k - m_.sources.begin() + 1);
            std::vector<std::string_view> srcs{"eto-chip-explorer"};
            if (!x.source.empty()) srcs.push_back(src);
            const std::string note = fmt::format("ETO {} provides {}{}", p.id, item.id,
                                                 x.year.empty() ? "" : " (" + x.year + ")");
            b.add_node({.id = id,
                        .name = p.name,
                        .stage = stage,
                        .commodity = item.name,
                        .country = country_code(p.country),
                        .output = x.share,
                        .unit = "% of global market",
                        .sources = srcs,
                        .note = note});
            output_.push_back(x.share);
            total_[c] += x.share;
        }
    }
}

// Every node of c ships to every node of each commodity it feeds: its output split equally
// among those commodities, then in proportion to the customers' shares.
void Mapper::add_edges(SupplyGraphBuilder& b, const std::vector<std::size_t>& commodities) {
    const std::string_view src[] = {"eto-chip-explorer"};
    for (auto c : commodities) {
        const double k = double(out_[c].size());
        for (NodeId a = first_[c]; a < first_[c] + shares_[c]->size(); ++a) {
            for (int d : out_[c]) {
                const auto dc = std::size_t(d);
                for (NodeId v = first_[dc]; v < first_[dc] + shares_[dc]->size(); ++v)
                    b.add_edge(a, v, output_[a] * output_[v] / total_[dc] / k, src);
            }
        }
    }
}

Dataset Mapper::build(const std::vector<std::size_t>& commodities) {
    SupplyGraphBuilder b;
    DatasetInfo info{
        "Advanced semiconductor supply chain (CSET/ETO Chip Explorer)",
        "Market shares of the providers of each input to advanced logic chips, and country "
        "shares of design, fabrication and assembly/test/packaging, from the ETO Advanced "
        "Semiconductor Supply Chain dataset. Output is a share in percent; edge flows split each "
        "provider's share in proportion to its customers' shares (an assumption, not data).",
        "CC BY-NC 4.0. Derived from the Advanced Semiconductor Supply Chain dataset (Chip "
        "Explorer) by the Emerging Technology Observatory of the Center for Security and "
        "Emerging Technology (CSET), Georgetown University, https://eto.tech/dataset-docs/"
        "chipexplorer. Attribution required; non-commercial use only.",
        {},
        std::nullopt};
    const auto drops = dropped();
    for (const auto& [file, sentence] : drops)
        info.notes += (info.notes.empty() ? "Not used by the import: " : "; ") + sentence;
    b.set_info(std::move(info));
    b.add_source({"eto-chip-explorer",
                  "Emerging Technology Observatory (CSET, Georgetown University), Advanced "
                  "Semiconductor Supply Chain dataset: inputs, providers, provision, sequence "
                  "and stages tables",
                  "https://eto.tech/dataset-docs/chipexplorer",
                  "ETO Advanced Semiconductor "
                  "Supply Chain Dataset",
                  "Center for Security and Emerging Technology",
                  {},
                  "CC BY-NC 4.0",
                  std::nullopt});
    for (std::size_t k = 0; k < m_.sources.size(); ++k)
        b.add_source({fmt::format("eto-source-{}", k + 1), m_.sources[k]});
    add_stages(b, commodities);
    add_nodes(b, commodities);
    add_edges(b, commodities);
    Dataset out{b.freeze(), {}};
    for (const auto& [file, sentence] : drops)
        out.warnings.push_back(file + ": warning: " + sentence);
    return out;
}

}  // namespace

Dataset map_eto(const EtoModel& m, const EtoImportOptions& o) { return Mapper(m, o).run(); }

}  // namespace chokepoint::detail
