// The generator's volume passes and the streaming writer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "datasets/generate_detail.hpp"

namespace chokepoint::detail {

Flows::Flows(const Layout& layout) : l_(layout) {}

// Supplier of commodity c for one input: the first picks of each commodity go round-robin
// (every producer gets a customer), later ones lean towards the first producers (the index is
// P * u^3, so the top 1% get a fifth of them). `mark_` keeps one node's suppliers distinct.
std::uint32_t Flows::pick(std::uint32_t c, std::uint32_t stamp, Rng& rng) {
    const std::uint32_t count = l_.producer_count(c), base = l_.prod_off[c];
    auto take = [&](std::uint32_t w) {
        if (mark_[w] == stamp) return false;
        mark_[w] = stamp;
        return true;
    };
    while (cursor_[c] < count) {
        const std::uint32_t w = l_.producers[base + cursor_[c]++];
        if (take(w)) return w;
    }
    std::uint32_t idx = 0;
    for (int attempt = 0; attempt < 8; ++attempt) {
        const double u = rng.uniform();
        idx = std::min(count - 1, static_cast<std::uint32_t>(count * u * u * u));
        if (take(l_.producers[base + idx])) return l_.producers[base + idx];
    }
    for (std::uint32_t i = 1; i < count; ++i) {  // k <= count, so one is free
        const std::uint32_t w = l_.producers[base + (idx + i) % count];
        if (take(w)) return w;
    }
    return kNone;
}

template <class Emit>
void Flows::forward_inputs(std::uint32_t v, Emit&& emit) {
    const Recipe& rec = l_.recipes[l_.commodity[v]];
    Rng rng(l_.opts.seed, Stream::inputs, v);
    for (std::uint32_t s = 0; s < rec.size; ++s) {
        const std::uint32_t c = rec.input[s], count = l_.producer_count(c);
        const std::uint32_t at_least = (count + l_.consumers[c] - 1) / l_.consumers[c];
        const auto heavy = static_cast<std::uint32_t>(std::min(1 / std::sqrt(rng.open()), 64.0));
        const std::uint32_t k = std::min(count, std::max(at_least, heavy));
        const std::uint32_t stamp = ++stamp_;
        picks_.clear();
        weights_.clear();
        double total = 0;
        for (std::uint32_t j = 0; j < k; ++j) {
            picks_.push_back(pick(c, stamp, rng));
            weights_.push_back(1 / std::sqrt(rng.open()));
            total += weights_.back();
        }
        const double demand = rec.coef[s] * output_[v];
        for (std::uint32_t j = 0; j < k; ++j) emit(picks_[j], demand * weights_[j] / total);
    }
}

// Feedback inputs of v: suppliers in later tiers, any commodity there.
template <class Emit>
void Flows::feedback_inputs(std::uint32_t v, Emit&& emit) {
    Rng rng(l_.opts.seed, Stream::feedback, v);
    const double whole = std::floor(fb_rate_);
    const auto n = static_cast<std::uint32_t>(whole) + (rng.uniform() < fb_rate_ - whole ? 1 : 0);
    const std::size_t t = l_.tier_of(v), last = l_.opts.tiers - 1;
    const std::uint32_t stamp = ++stamp_;
    for (std::uint32_t i = 0; i < n; ++i) {
        for (int attempt = 0; attempt < 4; ++attempt) {
            const std::size_t t2 = t + 1 + rng.below(last - t);
            const std::uint32_t c =
                l_.com_start[t2] + rng.below(l_.com_start[t2 + 1] - l_.com_start[t2]);
            const double u = rng.uniform();
            const std::uint32_t count = l_.producer_count(c);
            const std::uint32_t w =
                l_.producers[l_.prod_off[c] +
                             std::min(count - 1, static_cast<std::uint32_t>(count * u * u * u))];
            if (mark_[w] == stamp) continue;
            mark_[w] = stamp;
            emit(w);
            break;
        }
    }
}

template <class Visit>
void Flows::for_each_customer(Visit&& visit) {
    cursor_.assign(l_.num_commodities(), 0);
    for (std::size_t t = l_.opts.tiers - 1; t >= 1; --t) {
        for (std::uint32_t v = l_.tier_start[t]; v < l_.tier_start[t + 1]; ++v) visit(v);
    }
}

// Customers come before their suppliers, so a node's output is final when it orders inputs.
void Flows::size_nodes() {
    const std::size_t n = l_.opts.nodes;
    output_.assign(n, 0);
    shipped_.assign(n, 0);
    mark_.assign(n, 0);
    auto size = [&](std::uint32_t v) {
        const NodeAttr a = l_.attributes(v);
        output_[v] = std::max(a.base, shipped_[v] / a.ship_share);
    };
    for_each_customer([&](std::uint32_t v) {
        size(v);
        forward_inputs(v, [&](std::uint32_t w, double f) {
            shipped_[w] += f;
            ++forward_edges_;
        });
    });
    for (std::uint32_t v = 0; v < l_.tier_start[1]; ++v) size(v);
}

void Flows::count_feedback() {
    const std::uint32_t eligible = l_.tier_start[l_.opts.tiers - 1];
    if (l_.opts.feedback == 0 || eligible == 0) return;
    fb_rate_ = l_.opts.feedback * static_cast<double>(forward_edges_) / eligible;
    fb_count_.assign(l_.opts.nodes, 0);
    for (std::uint32_t v = 0; v < eligible; ++v) {
        feedback_inputs(v, [&](std::uint32_t w) {
            ++fb_count_[w];
            ++feedback_edges_;
        });
    }
}

namespace {

// Buffered output; the document is never held whole.
class Out {
public:
    explicit Out(std::ostream& os) : os_(os) { buf_.reserve(kChunk + 4096); }
    ~Out() { flush(); }
    template <class... Args>
    void put(fmt::format_string<Args...> f, Args&&... args) {
        fmt::format_to(std::back_inserter(buf_), f, std::forward<Args>(args)...);
        if (buf_.size() >= kChunk) flush();
    }
    void flush() {
        os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        buf_.clear();
    }

private:
    static constexpr std::size_t kChunk = 1 << 20;
    std::ostream& os_;
    std::string buf_;
};

std::string stage_name(std::size_t t, std::size_t tiers) {
    static constexpr const char* kSix[] = {"Raw materials", "Refining", "Materials",
                                           "Components",    "Assembly", "Final products"};
    return tiers == 6 ? kSix[t] : fmt::format("Tier {}", t + 1);
}

void write_header(Out& out, const Layout& l) {
    const auto& o = l.opts;
    out.put(R"js({{"format":"chokepoint/1","name":"Synthetic supply network, {} nodes, seed {}",)js"
            "\n",
            o.nodes, o.seed);
    out.put(R"js("description":"Generated by: chokepoint generate --nodes {} --tiers {} )js"
            R"js(--countries {} --seed {} --feedback {}. Synthetic: not real firms.",)js"
            "\n",
            o.nodes, o.tiers, o.countries, o.seed, o.feedback);
    out.put(
        R"js("sources":[{{"id":"synthetic","citation":"chokepoint generate, synthetic data"}}],)js"
        "\n\"stages\":[");
    for (std::size_t t = 0; t < o.tiers; ++t)
        out.put(R"js({}{{"id":"tier{}","name":"{}"}})js", t ? "," : "", t + 1,
                stage_name(t, o.tiers));
    out.put("],\n");
}

void write_node(Out& out, const Layout& l, std::uint32_t v, double output) {
    const NodeAttr a = l.attributes(v);
    const std::uint32_t c = l.commodity[v];
    const std::size_t t = l.tier_of(v);
    out.put(R"({{"id":"n{}","name":"Firm {}","stage":"tier{}","commodity":"t{}-c{:02}",)", v, v,
            t + 1, t + 1, c - l.com_start[t]);
    out.put(R"("country":"{}","output":{:.6g},"capacity":{:.6g},"unit":"{}")", country_code(a.home),
            output, output * (1 + a.spare), 2 * t < l.opts.tiers ? "t" : "units");
    if (a.owner == OwnerKind::foreign) {
        out.put(R"(,"owners":[{{"name":"Group {}","country":"{}","share":1}}])", a.group,
                country_code(a.foreign));
    } else if (a.owner == OwnerKind::joint) {
        out.put(R"(,"owners":[{{"name":"Group {}","country":"{}","share":{:.1f}}},)"
                R"({{"name":"Firm {}","country":"{}","share":{:.1f}}}])",
                a.group, country_code(a.foreign), a.jv_share, v, country_code(a.home),
                1 - a.jv_share);
    }
    out.put("}}");
}

}  // namespace

GenerateSummary write_generated(const Layout& l, Flows& flows, std::ostream& os) {
    {
        Out out(os);
        write_header(out, l);
        out.put("\"nodes\":[\n");
        for (std::uint32_t v = 0; v < l.opts.nodes; ++v) {
            if (v) out.put(",\n");
            write_node(out, l, v, flows.output(v));
        }
        out.put("\n],\n\"edges\":[\n");
        bool first = true;
        auto edge = [&](std::uint32_t w, std::uint32_t v, double f) {
            out.put(R"({}{{"from":"n{}","to":"n{}","flow":{:.6g}}})", first ? "" : ",\n", w, v, f);
            first = false;
        };
        flows.for_each_customer([&](std::uint32_t v) {
            flows.forward_inputs(v, [&](std::uint32_t w, double f) { edge(w, v, f); });
        });
        for (std::uint32_t v = 0; v < l.tier_start[l.opts.tiers - 1]; ++v) {
            flows.feedback_inputs(v, [&](std::uint32_t w) { edge(w, v, flows.feedback_flow(w)); });
        }
        out.put("\n]}}\n");
    }
    return {l.opts.nodes, flows.forward_edges() + flows.feedback_edges(), flows.feedback_edges(),
            l.num_commodities()};
}

}  // namespace chokepoint::detail
