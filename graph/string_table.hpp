#pragma once
// Compact string storage for the frozen graph: one character blob plus offsets, an
// open-addressing index from string to position, and an interner built from the two.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// Strings stored back to back: 8 bytes of offset per string plus its characters.
class StringTable {
public:
    std::uint32_t push_back(std::string_view s) {
        blob_.append(s);
        offsets_.push_back(blob_.size());
        return static_cast<std::uint32_t>(offsets_.size() - 2);
    }
    void pop_back() {
        offsets_.pop_back();
        blob_.resize(offsets_.back());
    }
    std::string_view operator[](std::size_t i) const {
        return std::string_view(blob_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
    }
    std::size_t size() const { return offsets_.size() - 1; }
    void reserve(std::size_t n, std::size_t chars) {
        offsets_.reserve(n + 1);
        blob_.reserve(chars);
    }

private:
    std::string blob_;
    std::vector<std::uint64_t> offsets_{0};
};

/// Maps each string of a StringTable to its position. Open addressing with linear probing,
/// load factor at most 1/2; 8 bytes per slot: the position and 32 bits of the hash, so a probe
/// reads the table's string only when those bits match.
class IdIndex {
public:
    /// Position of `key` in `table`, or nullopt.
    std::optional<std::uint32_t> find(const StringTable& table, std::string_view key) const;
    /// Records that table[pos] exists; returns the earlier position when the string is already
    /// there (and then records nothing).
    std::optional<std::uint32_t> insert(const StringTable& table, std::uint32_t pos);
    void reserve(const StringTable& table, std::size_t n);
    /// Asks the processor to fetch the slot where a probe for `key` starts.
    void prefetch(std::string_view key) const;

private:
    static constexpr std::uint64_t kEmpty = 0xFFFFFFFFu;  // position bits all set
    void rehash(const StringTable& table, std::size_t slots);
    std::vector<std::uint64_t> slots_;  // hash >> 32 << 32 | position
    std::size_t count_ = 0;
};

/// Distinct strings numbered 0, 1, 2 ... in first-seen order.
class Interner {
public:
    std::uint32_t intern(std::string_view s) {
        if (auto found = index_.find(table_, s)) return *found;
        auto pos = table_.push_back(s);
        index_.insert(table_, pos);
        return pos;
    }
    std::optional<std::uint32_t> find(std::string_view s) const { return index_.find(table_, s); }
    std::string_view operator[](std::size_t i) const { return table_[i]; }
    std::size_t size() const { return table_.size(); }

private:
    StringTable table_;
    IdIndex index_;
};

}  // namespace chokepoint
