#pragma once
// Internal to datasets/: the raw records the SAX reader collects before validation.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::detail {

/// A string in the reader's arena: stable across arena growth. 8 bytes, so the arena holds at
/// most 4 GiB. `bad`: the member was there with the wrong type (already reported; no "missing"
/// error). `node`: an edge end resolved while reading: `off` is the node's index in `nodes`.
struct Str {
    std::uint32_t off = 0;
    std::uint32_t len : 29 = 0;
    std::uint32_t present : 1 = 0;
    std::uint32_t bad : 1 = 0;
    std::uint32_t node : 1 = 0;
};

inline constexpr std::uint32_t kNoIndex = 0xFFFFFFFFu;

/// A vector in fixed blocks: no reallocation peak and no copying as it grows.
template <class T>
class Chunked {
public:
    T& emplace_back() {
        if ((size_ >> kShift) == blocks_.size()) blocks_.push_back(std::make_unique<T[]>(kBlock));
        T& x = (*this)[size_++];
        x = T{};
        return x;
    }
    void push_back(const T& v) { emplace_back() = v; }
    T& back() { return (*this)[size_ - 1]; }
    T& operator[](std::size_t i) { return blocks_[i >> kShift][i & (kBlock - 1)]; }
    const T& operator[](std::size_t i) const { return blocks_[i >> kShift][i & (kBlock - 1)]; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    void clear() {
        blocks_.clear();
        size_ = 0;
    }
    /// Frees the block holding element i when i is its last element (for one pass that
    /// consumes the elements in order); the elements of freed blocks must not be used again.
    void release_after(std::size_t i) {
        if ((i & (kBlock - 1)) == kBlock - 1 || i + 1 == size_) blocks_[i >> kShift].reset();
    }

private:
    static constexpr std::size_t kShift = 14, kBlock = std::size_t{1} << kShift;
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t size_ = 0;
};

/// Open-addressing map from strings in the arena to indices. A slot holds keys of up to 8 bytes
/// itself and longer ones' place in the arena plus 32 hash bits, so most lookups touch one slot
/// and nothing else. 16 bytes a slot, load <= 1/2.
class ViewIndex {
public:
    /// The index stored under `key`, or kNoIndex.
    std::uint32_t find(std::string_view key, const std::string& arena) const {
        return find(key, hash(key), arena);
    }
    /// The same with the key's hash(), computed earlier.
    std::uint32_t find(std::string_view key, std::uint64_t h, const std::string& arena) const {
        if (slots_.empty()) return kNoIndex;
        const Slot want = make_slot(key, kNoIndex, 0, h);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (s.value == kNoIndex) return kNoIndex;
            if (same(s, want, key, arena)) return s.value;
        }
    }
    /// Stores `value` under `key` (a string in `arena`) unless the key is there already;
    /// returns the index stored under the key.
    std::uint32_t insert(Str key, std::uint32_t value, const std::string& arena) {
        if (2 * (count_ + 1) > slots_.size()) grow(arena);
        const std::string_view k = std::string_view(arena).substr(key.off, key.len);
        const std::uint64_t h = hash(k);
        const Slot fresh = make_slot(k, value, key.off, h);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            Slot& s = slots_[i];
            if (s.value == kNoIndex) {
                s = fresh;
                ++count_;
                return value;
            }
            if (same(s, fresh, k, arena)) return s.value;
        }
    }
    /// Asks the processor to fetch the slot a lookup of a key with hash `h` starts at.
    void prefetch(std::uint64_t h) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[h & (slots_.size() - 1)]);
    }
    static std::uint64_t hash(std::string_view s) {  // FNV-1a, then a final mix
        std::uint64_t h = 0xcbf29ce484222325u;
        for (unsigned char c : s) h = (h ^ c) * 0x100000001b3u;
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdu;
        return h ^ (h >> 33);
    }

private:
    struct Slot {
        std::uint32_t value = kNoIndex, len = 0;
        std::uint64_t key = 0;  // len <= 8: the bytes; else arena offset << 32 | hash bits
    };
    static Slot make_slot(std::string_view k, std::uint32_t value, std::uint32_t off,
                          std::uint64_t h) {
        Slot s{value, static_cast<std::uint32_t>(k.size()), 0};
        if (k.size() <= 8)
            std::memcpy(&s.key, k.data(), k.size());
        else
            s.key = std::uint64_t{off} << 32 | (h >> 32);
        return s;
    }
    static bool same(const Slot& s, const Slot& want, std::string_view key,
                     const std::string& arena) {
        if (s.len != want.len) return false;
        if (s.len <= 8) return s.key == want.key;
        return static_cast<std::uint32_t>(s.key) == static_cast<std::uint32_t>(want.key) &&
               arena.compare(s.key >> 32, s.len, key) == 0;
    }
    void grow(const std::string& arena) {
        std::vector<Slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
        old.swap(slots_);
        const std::size_t mask = slots_.size() - 1;
        for (const Slot& s : old) {
            if (s.value == kNoIndex) continue;
            const std::uint64_t h =
                s.len <= 8 ? hash(std::string_view(reinterpret_cast<const char*>(&s.key), s.len))
                           : hash(std::string_view(arena).substr(s.key >> 32, s.len));
            std::size_t i = h & mask;
            while (slots_[i].value != kNoIndex) i = (i + 1) & mask;
            slots_[i] = s;
        }
    }
    std::vector<Slot> slots_;
    std::size_t count_ = 0;
};

struct Num {
    double value = NAN;
    bool present = false;
    bool bad = false;
};

/// A [begin, end) range into one of the Records lists.
struct Range {
    std::uint32_t begin = 0, end = 0;
    bool present = false;
    bool bad = false;  // some element had the wrong type
};

struct SourceRec {
    Str id, citation, url, title, publisher, locator, license;
    Num year;
};
struct GroupRec {
    Str id, name;
    Range members;  // into strs
};
struct StageRec {
    Str id, name;
};
struct OwnerRec {
    Str name, country;
    Num share;
};
struct NodeRec {
    Str id, name, stage, commodity, country, unit, note;
    Num output, capacity, inventory_days;
    Range owners, sources;
};
// Edges are most of a big file: the rare members live in EdgeExtra.
struct EdgeRec {
    Str from, to;
    Num flow;
    std::uint32_t extra = kNoIndex;  // into Records::edge_extras
};
struct EdgeExtra {
    Str note;
    Range sources;
};

struct Records {
    std::string arena;
    Str format, name, description, license, notes;
    Num year;
    bool has_sources = false, has_groups = false, has_stages = false, has_nodes = false,
         has_edges = false;
    bool root_bad = false;  // the document is not an object: nothing else is reported
    std::vector<SourceRec> sources;
    std::vector<GroupRec> groups;
    std::vector<StageRec> stages;
    Chunked<NodeRec> nodes;
    Chunked<EdgeRec> edges;
    std::vector<EdgeExtra> edge_extras;
    Chunked<OwnerRec> owners;
    Chunked<Str> strs;
    ViewIndex node_index;  // nodes by id, the first of duplicates; filled while reading
    std::vector<std::uint32_t> duplicate_nodes;  // ascending: nodes whose id came earlier

    std::string_view view(const Str& s) const {
        if (s.node) return view(nodes[s.off].id);
        return std::string_view(arena).substr(s.off, s.len);
    }
    /// Index of the node with this id, or kNoIndex.
    std::uint32_t find_node(std::string_view id) const { return node_index.find(id, arena); }
    EdgeExtra extra(const EdgeRec& e) const {
        return e.extra == kNoIndex ? EdgeExtra{} : edge_extras[e.extra];
    }
};

/// Collects problems: errors and warnings, each already formatted with the file name.
struct Diagnostics {
    std::string file;
    std::vector<std::string> errors, warnings;
    bool truncated = false;
    std::size_t suppressed = 0;  // warnings beyond the first kMaxErrors

    void error(std::string_view pointer, std::string_view message);
    void warning(std::string_view pointer, std::string_view message);
};

/// JSON pointer syntax for one reference token (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace chokepoint::detail
