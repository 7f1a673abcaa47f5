#include "graph/string_table.hpp"

#include <bit>
#include <functional>

namespace chokepoint {

namespace {

std::size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

std::optional<std::uint32_t> IdIndex::find(const StringTable& table, std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash_of(key) & mask;; i = (i + 1) & mask) {
        const std::uint32_t pos = slots_[i];
        if (pos == kEmpty) return std::nullopt;
        if (table[pos] == key) return pos;
    }
}

std::optional<std::uint32_t> IdIndex::insert(const StringTable& table, std::uint32_t pos) {
    if (2 * (count_ + 1) > slots_.size())
        rehash(table, std::max<std::size_t>(16, 2 * slots_.size()));
    const std::string_view key = table[pos];
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash_of(key) & mask;; i = (i + 1) & mask) {
        if (slots_[i] == kEmpty) {
            slots_[i] = pos;
            ++count_;
            return std::nullopt;
        }
        if (table[slots_[i]] == key) return slots_[i];
    }
}

void IdIndex::reserve(const StringTable& table, std::size_t n) {
    const std::size_t want = std::bit_ceil(std::max<std::size_t>(16, 2 * n));
    if (want > slots_.size()) rehash(table, want);
}

void IdIndex::rehash(const StringTable& table, std::size_t slots) {
    std::vector<std::uint32_t> old(slots, kEmpty);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint32_t pos : old) {
        if (pos == kEmpty) continue;
        std::size_t i = hash_of(table[pos]) & mask;
        while (slots_[i] != kEmpty) i = (i + 1) & mask;
        slots_[i] = pos;
    }
}

}  // namespace chokepoint
