// The content half of the loader: every FORMAT.md rule checked on the Records, then the graph.
#include "datasets/build.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace chokepoint::detail {

void Diagnostics::error(std::string_view pointer, std::string_view message) {
    if (errors.size() >= kMaxErrors) {
        truncated = true;
        return;
    }
    errors.push_back(fmt::format("{}: {}: {}", file, pointer, message));
}

void Diagnostics::warning(std::string_view pointer, std::string_view message) {
    if (warnings.size() >= kMaxErrors) {
        ++suppressed;
        return;
    }
    warnings.push_back(fmt::format("{}: {}: warning: {}", file, pointer, message));
}

std::string pointer_token(std::string_view key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

namespace {

// Checks one record kind at a time; `at(i)` is the pointer prefix of record i.
class Checker {
public:
    Checker(const Records& r, Diagnostics& d) : r_(r), d_(d) {}

    std::string_view s(const Str& x) const { return r_.view(x); }

    bool require_str(const Str& x, const std::string& at, std::string_view key,
                     bool non_empty = true) {
        if (x.bad) return false;
        if (!x.present) {
            d_.error(at, fmt::format("missing required member \"{}\"", key));
            return false;
        }
        if (non_empty && x.len == 0) {
            d_.error(at + "/" + std::string(key), "must not be empty");
            return false;
        }
        return true;
    }
    bool require_num(const Num& x, const std::string& at, std::string_view key) {
        if (x.bad) return false;
        if (!x.present) d_.error(at, fmt::format("missing required member \"{}\"", key));
        return x.present;
    }
    bool country(const Str& x, const std::string& at) {
        if (!parse_country(s(x))) {
            d_.error(at, fmt::format("\"{}\" is not an ISO 3166-1 alpha-2 country code", s(x)));
            return false;
        }
        return true;
    }
    // Source references in strs[range]; `at` is the pointer of the list.
    bool sources(const Range& range, const std::string& at,
                 const std::unordered_map<std::string_view, std::uint32_t>& declared) {
        bool ok = true;
        for (auto i = range.begin; i < range.end; ++i) {
            if (!declared.count(s(r_.strs[i]))) {
                d_.error(fmt::format("{}/{}", at, i - range.begin),
                         fmt::format("unknown source \"{}\"", s(r_.strs[i])));
                ok = false;
            }
        }
        return ok;
    }

private:
    const Records& r_;
    Diagnostics& d_;
};

std::string num(double v) { return fmt::format("{:g}", v); }

// Whether some (from, to) pair (packed from << 32 | to) occurs twice: edges bucketed by `from`,
// then one mark per target. O(nodes + edges), no sort.
bool has_repeats(const std::vector<std::uint64_t>& pairs, std::size_t n) {
    std::vector<std::uint32_t> offset(n + 1, 0), targets(pairs.size());
    for (auto p : pairs) ++offset[(p >> 32) + 1];
    for (std::size_t v = 0; v < n; ++v) offset[v + 1] += offset[v];
    std::vector<std::uint32_t> next(offset.begin(), offset.end() - 1);
    for (auto p : pairs) targets[next[p >> 32]++] = static_cast<std::uint32_t>(p);
    next.assign(n, kNoIndex);  // now: the last source node seen with each target
    for (std::uint32_t v = 0; v < n; ++v) {
        for (auto i = offset[v]; i < offset[v + 1]; ++i) {
            if (next[targets[i]] == v) return true;
            next[targets[i]] = v;
        }
    }
    return false;
}

}  // namespace

Dataset build_dataset(Records& r, Diagnostics& d) {
    Checker c(r, d);
    auto s = [&](const Str& x) { return r.view(x); };
    if (r.root_bad) throw DatasetError(std::move(d.errors));

    if (r.format.bad) {
    } else if (!r.format.present)
        d.error("/", "missing required member \"format\"");
    else if (s(r.format) != "chokepoint/1")
        d.error("/format", fmt::format("expected \"chokepoint/1\", got \"{}\"", s(r.format)));
    c.require_str(r.name, "/", "name");
    for (auto [has, key] : {std::pair{r.has_sources, "sources"},
                            {r.has_stages, "stages"},
                            {r.has_nodes, "nodes"},
                            {r.has_edges, "edges"}}) {
        if (!has) d.error("/", fmt::format("missing required member \"{}\"", key));
    }
    if (r.has_sources && r.sources.empty()) d.error("/sources", "must list at least one source");

    std::unordered_map<std::string_view, std::uint32_t> source_ids, stage_ids, group_ids;
    for (std::size_t i = 0; i < r.sources.size(); ++i) {
        const auto& x = r.sources[i];
        const std::string at = fmt::format("/sources/{}", i);
        c.require_str(x.citation, at, "citation");
        if (c.require_str(x.id, at, "id") && !source_ids.emplace(s(x.id), i).second) {
            d.error(at + "/id", fmt::format("duplicate source id \"{}\"", s(x.id)));
        }
    }
    for (std::size_t i = 0; i < r.groups.size(); ++i) {
        const auto& x = r.groups[i];
        const std::string at = fmt::format("/groups/{}", i);
        if (c.require_str(x.id, at, "id") && !group_ids.emplace(s(x.id), i).second) {
            d.error(at + "/id", fmt::format("duplicate group id \"{}\"", s(x.id)));
        }
        if (!x.members.present) d.error(at, "missing required member \"members\"");
        for (auto m = x.members.begin; m < x.members.end; ++m) {
            c.country(r.strs[m], fmt::format("{}/members/{}", at, m - x.members.begin));
        }
    }
    for (std::size_t i = 0; i < r.stages.size(); ++i) {
        const auto& x = r.stages[i];
        const std::string at = fmt::format("/stages/{}", i);
        if (c.require_str(x.id, at, "id") && !stage_ids.emplace(s(x.id), i).second) {
            d.error(at + "/id", fmt::format("duplicate stage id \"{}\"", s(x.id)));
        }
    }

    for (std::size_t i = 0; i < r.nodes.size(); ++i) {
        const auto& x = r.nodes[i];
        const std::string at = fmt::format("/nodes/{}", i);
        if (c.require_str(x.id, at, "id") &&
            std::binary_search(r.duplicate_nodes.begin(), r.duplicate_nodes.end(), i)) {
            d.error(at + "/id", fmt::format("duplicate node id \"{}\"", s(x.id)));
        }
        if (c.require_str(x.stage, at, "stage") && !stage_ids.count(s(x.stage))) {
            d.error(at + "/stage", fmt::format("unknown stage \"{}\"", s(x.stage)));
        }
        c.require_str(x.commodity, at, "commodity");
        if (c.require_str(x.country, at, "country")) c.country(x.country, at + "/country");
        if (c.require_num(x.output, at, "output") && !(x.output.value > 0)) {
            d.error(at + "/output", fmt::format("must be > 0, got {}", num(x.output.value)));
        }
        if (x.capacity.present && x.output.present && !(x.capacity.value >= x.output.value)) {
            d.error(at + "/capacity", fmt::format("must be >= output ({}), got {}",
                                                  num(x.output.value), num(x.capacity.value)));
        }
        if (x.inventory_days.present && !(x.inventory_days.value >= 0)) {
            d.error(at + "/inventory_days",
                    fmt::format("must be >= 0, got {}", num(x.inventory_days.value)));
        }
        double total = 0;
        bool shares_ok = !x.owners.bad;
        for (auto o = x.owners.begin; o < x.owners.end; ++o) {
            const auto& w = r.owners[o];
            const std::string oat = fmt::format("{}/owners/{}", at, o - x.owners.begin);
            c.require_str(w.name, oat, "name");
            if (c.require_str(w.country, oat, "country")) c.country(w.country, oat + "/country");
            if (c.require_num(w.share, oat, "share")) {
                if (!(w.share.value > 0 && w.share.value <= 1)) {
                    d.error(oat + "/share",
                            fmt::format("must be in (0, 1], got {}", num(w.share.value)));
                    shares_ok = false;
                }
                total += w.share.value;
            } else {
                shares_ok = false;
            }
        }
        if (x.owners.present && !x.owners.bad && x.owners.end == x.owners.begin)
            d.error(at + "/owners", "must list at least one owner");
        if (shares_ok && x.owners.end > x.owners.begin && std::abs(total - 1.0) > 0.001) {
            d.error(at + "/owners", fmt::format("owner shares sum to {}, not 1", num(total)));
        }
        c.sources(x.sources, at + "/sources", source_ids);
    }

    std::vector<std::uint64_t> pairs;
    pairs.reserve(r.edges.size());
    for (std::size_t i = 0; i < r.edges.size(); ++i) {
        const auto& x = r.edges[i];
        const std::string at = fmt::format("/edges/{}", i);
        bool ends = true;
        std::uint64_t a = 0, b = 0;
        for (auto [end, key, index] : {std::tuple{&x.from, "from", &a}, {&x.to, "to", &b}}) {
            if (!c.require_str(*end, at, key)) {
                ends = false;
                continue;
            }
            *index = end->node ? end->off : r.find_node(s(*end));
            if (*index == kNoIndex) {
                d.error(at + "/" + key, fmt::format("unknown node \"{}\"", s(*end)));
                ends = false;
            }
        }
        if (c.require_num(x.flow, at, "flow") && !(x.flow.value > 0)) {
            d.error(at + "/flow", fmt::format("must be > 0, got {}", num(x.flow.value)));
        }
        c.sources(r.extra(x).sources, at + "/sources", source_ids);
        if (!ends) continue;
        if (a == b) d.error(at, fmt::format("self-loop on node \"{}\"", s(x.from)));
        pairs.push_back(a << 32 | b);
    }
    if (d.errors.empty() && has_repeats(pairs, r.nodes.size())) {
        // Repeated (from, to) pairs: report the second and later occurrences.
        std::vector<std::uint32_t> order(pairs.size());
        for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(),
                         [&](auto a, auto b) { return pairs[a] < pairs[b]; });
        for (std::size_t k = 1; k < order.size(); ++k) {
            if (pairs[order[k]] == pairs[order[k - 1]]) {
                const auto& x = r.edges[order[k]];
                d.error(fmt::format("/edges/{}", order[k]),
                        fmt::format("repeated edge \"{}\" -> \"{}\" (first at /edges/{})",
                                    s(x.from), s(x.to), order[k - 1]));
            }
        }
    }
    if (!d.errors.empty()) {
        if (d.truncated)
            d.errors.push_back(
                fmt::format("{}: too many errors; stopped after {}", d.file, kMaxErrors));
        throw DatasetError(std::move(d.errors));
    }
    return assemble(r, d, std::move(pairs));
}

}  // namespace chokepoint::detail
