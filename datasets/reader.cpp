// The SAX half of the loader: RapidJSON events -> Records, with type errors, duplicate keys and
// unknown-field warnings located by JSON pointer.
#include "datasets/reader.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>
#include <utility>

#include "datasets/loader.hpp"

namespace chokepoint::detail {

enum class Ctx {
    Root,
    Sources,
    Source,
    Groups,
    Group,
    Members,
    Stages,
    Stage,
    Nodes,
    Node,
    Owners,
    Owner,
    StrList,
    Edges,
    Edge,
    Skip
};

namespace {

enum class Kind { Str, Int, Num, Array };

struct Field {
    Ctx ctx;
    std::string_view key;
    Kind kind;
    Ctx child = Ctx::Skip;  // for arrays: the context of the array itself
};

constexpr std::array kFields = {
    Field{Ctx::Root, "format", Kind::Str},
    Field{Ctx::Root, "name", Kind::Str},
    Field{Ctx::Root, "description", Kind::Str},
    Field{Ctx::Root, "license", Kind::Str},
    Field{Ctx::Root, "notes", Kind::Str},
    Field{Ctx::Root, "year", Kind::Int},
    Field{Ctx::Root, "sources", Kind::Array, Ctx::Sources},
    Field{Ctx::Root, "groups", Kind::Array, Ctx::Groups},
    Field{Ctx::Root, "stages", Kind::Array, Ctx::Stages},
    Field{Ctx::Root, "nodes", Kind::Array, Ctx::Nodes},
    Field{Ctx::Root, "edges", Kind::Array, Ctx::Edges},
    Field{Ctx::Source, "id", Kind::Str},
    Field{Ctx::Source, "citation", Kind::Str},
    Field{Ctx::Source, "url", Kind::Str},
    Field{Ctx::Source, "title", Kind::Str},
    Field{Ctx::Source, "publisher", Kind::Str},
    Field{Ctx::Source, "locator", Kind::Str},
    Field{Ctx::Source, "license", Kind::Str},
    Field{Ctx::Source, "year", Kind::Int},
    Field{Ctx::Group, "id", Kind::Str},
    Field{Ctx::Group, "name", Kind::Str},
    Field{Ctx::Group, "members", Kind::Array, Ctx::Members},
    Field{Ctx::Stage, "id", Kind::Str},
    Field{Ctx::Stage, "name", Kind::Str},
    Field{Ctx::Node, "id", Kind::Str},
    Field{Ctx::Node, "name", Kind::Str},
    Field{Ctx::Node, "stage", Kind::Str},
    Field{Ctx::Node, "commodity", Kind::Str},
    Field{Ctx::Node, "country", Kind::Str},
    Field{Ctx::Node, "unit", Kind::Str},
    Field{Ctx::Node, "note", Kind::Str},
    Field{Ctx::Node, "output", Kind::Num},
    Field{Ctx::Node, "capacity", Kind::Num},
    Field{Ctx::Node, "inventory_days", Kind::Num},
    Field{Ctx::Node, "owners", Kind::Array, Ctx::Owners},
    Field{Ctx::Node, "sources", Kind::Array, Ctx::StrList},
    Field{Ctx::Owner, "name", Kind::Str},
    Field{Ctx::Owner, "country", Kind::Str},
    Field{Ctx::Owner, "share", Kind::Num},
    Field{Ctx::Edge, "from", Kind::Str},
    Field{Ctx::Edge, "to", Kind::Str},
    Field{Ctx::Edge, "note", Kind::Str},
    Field{Ctx::Edge, "flow", Kind::Num},
    Field{Ctx::Edge, "sources", Kind::Array, Ctx::StrList},
};

static_assert(kFields.size() <= 64, "Frame::seen_fields has a bit per field");

// kFields lists each context's fields together: [begin, end) of each context, by Ctx value.
constexpr auto kFieldRanges = [] {
    std::array<std::pair<std::size_t, std::size_t>, static_cast<std::size_t>(Ctx::Skip) + 1> r{};
    for (std::size_t i = kFields.size(); i-- > 0;) {
        auto& range = r[static_cast<std::size_t>(kFields[i].ctx)];
        if (range.second == 0) range.second = i + 1;
        range.first = i;
    }
    return r;
}();
static_assert(
    [] {
        for (std::size_t i = 1; i < kFields.size(); ++i) {
            if (kFields[i].ctx != kFields[i - 1].ctx &&
                kFieldRanges[static_cast<std::size_t>(kFields[i].ctx)].first != i)
                return false;
        }
        return true;
    }(),
    "kFields lists each context's fields together");

const Field* find_field(Ctx ctx, std::string_view key) {
    const auto [begin, end] = kFieldRanges[static_cast<std::size_t>(ctx)];
    for (std::size_t i = begin; i < end; ++i) {
        if (kFields[i].key == key) return &kFields[i];
    }
    return nullptr;
}

// The record context an array's elements open, or Skip when they are strings.
Ctx element_of(Ctx array) {
    switch (array) {
        case Ctx::Sources:
            return Ctx::Source;
        case Ctx::Groups:
            return Ctx::Group;
        case Ctx::Stages:
            return Ctx::Stage;
        case Ctx::Nodes:
            return Ctx::Node;
        case Ctx::Owners:
            return Ctx::Owner;
        case Ctx::Edges:
            return Ctx::Edge;
        default:
            return Ctx::Skip;
    }
}

}  // namespace

struct SaxReader::Frame {
    Ctx ctx = Ctx::Skip;
    bool is_array = false;
    std::uint32_t index = 0;        // arrays: the current element
    std::string key;                // objects: the current member name when it is unknown
    const Field* field = nullptr;   // objects: what the current member is, null when unknown
    std::uint64_t seen_fields = 0;  // objects: known members so far, a bit per kFields entry
    std::vector<std::string> seen;  // objects: unknown member names so far (small objects)
    std::unordered_set<std::string> seen_many;  // objects with many members
    bool bad_element = false;                   // arrays: some element had the wrong type
};

SaxReader::SaxReader(Records& recs, Diagnostics& diag) : recs_(recs), diag_(diag) {}
SaxReader::~SaxReader() = default;

std::string SaxReader::pointer() const {
    std::string p;
    for (std::size_t i = 0; i < depth_; ++i) {
        const Frame& f = *frames_[i];
        p += '/';
        p += f.is_array ? std::to_string(f.index)
                        : pointer_token(f.field ? f.field->key : std::string_view(f.key));
    }
    return p.empty() ? "/" : p;
}

// An edge end that names node n (an id of `len` bytes).
Str SaxReader::node_end(std::uint32_t n, unsigned len) {
    Str out;
    out.off = n;
    out.len = len & ((1u << 29) - 1);
    out.present = true;
    out.node = true;
    return out;
}

Str SaxReader::store(const char* s, unsigned len) {
    if (recs_.arena.size() + len > 0xFFFFFFFFu || len >= (1u << 29))
        throw DatasetError({diag_.file + ": too large: more than 4 GiB of text in strings"});
    Str out;
    out.off = static_cast<std::uint32_t>(recs_.arena.size());
    out.len = len & ((1u << 29) - 1);
    out.present = true;
    recs_.arena.append(s, len);
    return out;
}

// Strings that repeat across records are stored once.
Str SaxReader::intern(const char* s, unsigned len) {
    const std::uint32_t i = shared_index_.find(std::string_view(s, len), recs_.arena);
    if (i != kNoIndex) return shared_[i];
    shared_.push_back(store(s, len));
    shared_index_.insert(shared_.back(), static_cast<std::uint32_t>(shared_.size() - 1),
                         recs_.arena);
    return shared_.back();
}

EdgeExtra& SaxReader::edge_extra() {
    EdgeRec& e = recs_.edges.back();
    if (e.extra == kNoIndex) {
        e.extra = static_cast<std::uint32_t>(recs_.edge_extras.size());
        recs_.edge_extras.emplace_back();
    }
    return recs_.edge_extras[e.extra];
}

void SaxReader::type_error(std::string_view expected, std::string_view got) {
    diag_.error(pointer(), "expected " + std::string(expected) + ", got " + std::string(got));
    mark_bad();
}

// Where a scalar or container that is about to start belongs: nullptr when it is to be skipped.
// Reports a type error when the place expects another kind of value.
bool SaxReader::accept(std::string_view got, bool is_string, bool is_number, bool is_int) {
    if (depth_ == 0) {
        diag_.error("/", "expected an object, got " + std::string(got));
        recs_.root_bad = true;
        return false;
    }
    Frame& f = (*frames_[depth_ - 1]);
    if (f.ctx == Ctx::Skip) return false;
    if (f.is_array) {
        if (element_of(f.ctx) != Ctx::Skip) {
            type_error("an object", got);
            return false;
        }
        if (!is_string) type_error("a string", got);
        return is_string;
    }
    if (!f.field) return false;  // unknown member, already warned about
    switch (f.field->kind) {
        case Kind::Str:
            if (!is_string) type_error("a string", got);
            return is_string;
        case Kind::Num:
            if (!is_number) type_error("a number", got);
            return is_number;
        case Kind::Int:
            if (!is_int) type_error("an integer", got);
            return is_int;
        case Kind::Array:
            type_error("an array", got);
            return false;
    }
    return false;
}

void SaxReader::after_value() {
    if (depth_ > 0 && (*frames_[depth_ - 1]).is_array) ++(*frames_[depth_ - 1]).index;
}

// Where the current member of the innermost object goes (nullptr for root arrays).
Str* SaxReader::str_slot() {
    const Frame& f = *frames_[depth_ - 1];
    const std::string_view k = f.field->key;
    auto pick = [&](std::initializer_list<std::pair<std::string_view, Str*>> options) -> Str* {
        for (auto [name, slot] : options) {
            if (name == k) return slot;
        }
        return nullptr;
    };
    switch (f.ctx) {
        case Ctx::Root:
            return pick({{"format", &recs_.format},
                         {"name", &recs_.name},
                         {"description", &recs_.description},
                         {"license", &recs_.license},
                         {"notes", &recs_.notes}});
        case Ctx::Source: {
            auto& r = recs_.sources.back();
            return pick({{"id", &r.id},
                         {"citation", &r.citation},
                         {"url", &r.url},
                         {"title", &r.title},
                         {"publisher", &r.publisher},
                         {"locator", &r.locator},
                         {"license", &r.license}});
        }
        case Ctx::Group:
            return pick({{"id", &recs_.groups.back().id}, {"name", &recs_.groups.back().name}});
        case Ctx::Stage:
            return pick({{"id", &recs_.stages.back().id}, {"name", &recs_.stages.back().name}});
        case Ctx::Node: {
            auto& r = recs_.nodes.back();
            return pick({{"id", &r.id},
                         {"name", &r.name},
                         {"stage", &r.stage},
                         {"commodity", &r.commodity},
                         {"country", &r.country},
                         {"unit", &r.unit},
                         {"note", &r.note}});
        }
        case Ctx::Owner:
            return pick(
                {{"name", &recs_.owners.back().name}, {"country", &recs_.owners.back().country}});
        case Ctx::Edge: {
            auto& r = recs_.edges.back();
            if (k == "note") return &edge_extra().note;
            return k == "from" ? &r.from : &r.to;
        }
        default:
            return nullptr;
    }
}

Num* SaxReader::num_slot() {
    const Frame& f = *frames_[depth_ - 1];
    const std::string_view k = f.field->key;
    switch (f.ctx) {
        case Ctx::Root:
            return &recs_.year;
        case Ctx::Source:
            return &recs_.sources.back().year;
        case Ctx::Node: {
            auto& r = recs_.nodes.back();
            return k == "output" ? &r.output : k == "capacity" ? &r.capacity : &r.inventory_days;
        }
        case Ctx::Owner:
            return &recs_.owners.back().share;
        case Ctx::Edge:
            return &recs_.edges.back().flow;
        default:
            return nullptr;
    }
}

Range* SaxReader::range_slot(Frame& owner) {
    const std::string_view k = owner.field->key;
    switch (owner.ctx) {
        case Ctx::Group:
            return &recs_.groups.back().members;
        case Ctx::Node:
            return k == "owners" ? &recs_.nodes.back().owners : &recs_.nodes.back().sources;
        case Ctx::Edge:
            return &edge_extra().sources;
        default:
            return nullptr;
    }
}

bool* SaxReader::root_array_flag(std::string_view key) {
    return key == "sources"  ? &recs_.has_sources
           : key == "stages" ? &recs_.has_stages
           : key == "nodes"  ? &recs_.has_nodes
           : key == "edges"  ? &recs_.has_edges
                             : &recs_.has_groups;
}

// After a type error on the current member: it was there, so no "missing member" error follows.
void SaxReader::mark_bad() {
    Frame& f = *frames_[depth_ - 1];
    if (f.is_array) {
        f.bad_element = true;
        return;
    }
    switch (f.field->kind) {
        case Kind::Str:
            if (auto* x = str_slot()) x->bad = true;
            break;
        case Kind::Num:
        case Kind::Int:
            if (auto* x = num_slot()) x->bad = true;
            break;
        case Kind::Array:
            if (f.ctx == Ctx::Root)
                *root_array_flag(f.field->key) = true;
            else if (auto* r = range_slot(f))
                r->bad = r->present = true;
            break;
    }
}

void SaxReader::set_string(const char* s, unsigned len) {
    Frame& f = *frames_[depth_ - 1];
    if (f.is_array) {
        recs_.strs.push_back(intern(s, len));
        return;
    }
    Str* slot = str_slot();
    if (!slot) return;
    const std::string_view k = f.field->key;
    switch (f.ctx) {
        case Ctx::Edge:
            if (k != "note") {  // an edge end: the node's id when the node came first
                // Files list edges grouped by supplier or by customer: remember the last ones.
                const bool to = k != "from";
                const LastEnd& last = last_end_[to ? 1 : 0];
                const std::string_view id(s, len);
                if (last.node != kNoIndex && last.id == id) {
                    *slot = node_end(last.node, len);
                } else {
                    *slot = Str();
                    slot->present = true;  // filled in by resolve_pending()
                    defer_end(id, to);
                }
                return;
            }
            break;
        case Ctx::Node:
            if (k == "stage" || k == "commodity" || k == "country" || k == "unit") {
                *slot = intern(s, len);
                return;
            }
            // The id goes into the index at the end of the node: fetch its slot meanwhile.
            if (k == "id") recs_.node_index.prefetch(ViewIndex::hash(std::string_view(s, len)));
            break;
        case Ctx::Owner:
            *slot = intern(s, len);
            return;
        default:
            break;
    }
    *slot = store(s, len);
}

void SaxReader::defer_end(std::string_view id, bool to) {
    if (pending_count_ == kLookahead) resolve_pending();
    PendingEnd& p = pending_[(pending_first_ + pending_count_++) % kLookahead];
    p.edge = static_cast<std::uint32_t>(recs_.edges.size() - 1);
    p.to = to;
    p.hash = ViewIndex::hash(id);
    p.id.assign(id);
    recs_.node_index.prefetch(p.hash);
}

// Looks up the oldest pending edge end: its node, or its id stored for later when no node has
// that id (yet: nodes may follow edges in a file).
void SaxReader::resolve_pending() {
    PendingEnd& p = pending_[pending_first_];
    pending_first_ = (pending_first_ + 1) % kLookahead;
    --pending_count_;
    const std::uint32_t n = recs_.node_index.find(p.id, p.hash, recs_.arena);
    EdgeRec& e = recs_.edges[p.edge];
    Str& slot = p.to ? e.to : e.from;
    const auto len = static_cast<unsigned>(p.id.size());
    slot = n != kNoIndex ? node_end(n, len) : store(p.id.data(), len);
    LastEnd& last = last_end_[p.to ? 1 : 0];
    last.id.swap(p.id);
    last.node = n;
}

void SaxReader::resolve_all_pending() {
    while (pending_count_ > 0) resolve_pending();
}

void SaxReader::set_number(double v) {
    if (auto* slot = num_slot()) *slot = Num{v, true, false};
}

bool SaxReader::scalar(std::string_view got, bool is_number, bool is_int, double v) {
    if (accept(got, false, is_number, is_int)) set_number(v);
    after_value();
    return true;
}

bool SaxReader::Null() { return scalar("null", false, false, 0); }
bool SaxReader::Bool(bool) { return scalar("a boolean", false, false, 0); }
bool SaxReader::Int(int i) { return scalar("a number", true, true, i); }
bool SaxReader::Uint(unsigned u) { return scalar("a number", true, true, u); }
bool SaxReader::Int64(std::int64_t i) {
    return scalar("a number", true, true, static_cast<double>(i));
}
bool SaxReader::Uint64(std::uint64_t u) {
    return scalar("a number", true, true, static_cast<double>(u));
}
bool SaxReader::Double(double d) { return scalar("a number", true, false, d); }

bool SaxReader::String(const char* s, unsigned len, bool) {
    if (accept("a string", true, false, false)) set_string(s, len);
    after_value();
    return true;
}

// Known members are tracked by a bit per field, so the common case stores no strings.
bool SaxReader::Key(const char* s, unsigned len, bool) {
    Frame& f = (*frames_[depth_ - 1]);
    const std::string_view key(s, len);
    f.field = f.ctx == Ctx::Skip ? nullptr : find_field(f.ctx, key);
    bool dup;
    if (f.field) {
        const std::uint64_t bit = std::uint64_t{1} << (f.field - kFields.data());
        dup = (f.seen_fields & bit) != 0;
        f.seen_fields |= bit;
    } else {
        f.key.assign(s, len);
        if (f.seen_many.empty() && f.seen.size() < 32) {
            dup = std::find(f.seen.begin(), f.seen.end(), f.key) != f.seen.end();
            if (!dup) f.seen.push_back(f.key);
        } else {
            if (f.seen_many.empty()) f.seen_many.insert(f.seen.begin(), f.seen.end());
            dup = !f.seen_many.insert(f.key).second;
        }
    }
    if (dup) diag_.error(pointer(), "duplicate key \"" + std::string(key) + "\"");
    if (!f.field && f.ctx != Ctx::Skip) {
        diag_.warning(pointer(), "unknown field \"" + f.key + "\" ignored");
    }
    return true;
}

void SaxReader::push(Ctx ctx, bool is_array) {
    if (frames_.size() <= depth_) frames_.emplace_back(std::make_unique<Frame>());
    Frame& f = *frames_[depth_++];
    f.ctx = ctx;
    f.is_array = is_array;
    f.index = 0;
    f.field = nullptr;
    f.seen.clear();
    f.seen_many.clear();
    f.seen_fields = 0;
    f.bad_element = false;
}

bool SaxReader::StartObject() {
    Ctx ctx = Ctx::Skip;
    if (depth_ == 0) {
        ctx = Ctx::Root;
    } else {
        Frame& p = (*frames_[depth_ - 1]);
        if (p.ctx != Ctx::Skip && p.is_array && element_of(p.ctx) != Ctx::Skip) {
            ctx = element_of(p.ctx);
            switch (ctx) {
                case Ctx::Source:
                    recs_.sources.emplace_back();
                    break;
                case Ctx::Group:
                    recs_.groups.emplace_back();
                    break;
                case Ctx::Stage:
                    recs_.stages.emplace_back();
                    break;
                case Ctx::Node:
                    recs_.nodes.emplace_back();
                    break;
                case Ctx::Owner:
                    recs_.owners.emplace_back();
                    break;
                case Ctx::Edge:
                    recs_.edges.emplace_back();
                    break;
                default:
                    break;
            }
        } else {
            accept("an object", false, false, false);
        }
    }
    push(ctx, false);
    return true;
}

bool SaxReader::EndObject(unsigned) {
    if (frames_[depth_ - 1]->ctx == Ctx::Node) {
        const Str& id = recs_.nodes.back().id;
        const auto n = static_cast<std::uint32_t>(recs_.nodes.size() - 1);
        if (id.present && !id.bad && id.len > 0 && recs_.node_index.insert(id, n, recs_.arena) != n)
            recs_.duplicate_nodes.push_back(n);
    }
    --depth_;
    after_value();
    return true;
}

bool SaxReader::StartArray() {
    Ctx ctx = Ctx::Skip;
    if (depth_ == 0) {
        diag_.error("/", "expected an object, got an array");
        recs_.root_bad = true;
    } else {
        Frame& p = (*frames_[depth_ - 1]);
        if (p.ctx != Ctx::Skip && !p.is_array && p.field && p.field->kind == Kind::Array) {
            ctx = p.field->child;
            open_range(p, true);
        } else {
            accept("an array", false, false, false);
        }
    }
    push(ctx, true);
    return true;
}

bool SaxReader::EndArray(unsigned) {
    --depth_;
    if (frames_[depth_]->ctx == Ctx::Edges) resolve_all_pending();
    if (frames_[depth_]->ctx != Ctx::Skip) {
        Frame& owner = *frames_[depth_ - 1];
        open_range(owner, false);
        if (frames_[depth_]->bad_element && owner.ctx != Ctx::Root) {
            if (auto* r = range_slot(owner)) r->bad = true;
        }
    }
    after_value();
    return true;
}

// Marks where the list a member holds begins (open) or ends (!open) in the shared vectors.
void SaxReader::open_range(Frame& owner, bool open) {
    if (owner.ctx == Ctx::Root) {
        *root_array_flag(owner.field->key) = true;
        return;
    }
    Range* r = range_slot(owner);
    if (!r) return;
    const bool owners = owner.ctx == Ctx::Node && owner.field->key == "owners";
    const auto size = static_cast<std::uint32_t>(owners ? recs_.owners.size() : recs_.strs.size());
    (open ? r->begin : r->end) = size;
    r->present = true;
}

}  // namespace chokepoint::detail
