#include "graph/string_table.hpp"

#include <bit>
#include <functional>

namespace chokepoint {

namespace {

std::size_t hash_of(std::string_view s) { return std::hash<std::string_view>{}(s); }

}  // namespace

std::optional<std::uint32_t> IdIndex::find(const StringTable& table, std::string_view key) const {
    if (slots_.empty()) return std::nullopt;
    const std::size_t h = hash_of(key), mask = slots_.size() - 1;
    const std::uint64_t tag = h >> 32 << 32;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == kEmpty) return std::nullopt;
        const auto pos = static_cast<std::uint32_t>(slot);
        if ((slot & ~kEmpty) == tag && table[pos] == key) return pos;
    }
}

std::optional<std::uint32_t> IdIndex::insert(const StringTable& table, std::uint32_t pos) {
    if (2 * (count_ + 1) > slots_.size())
        rehash(table, std::max<std::size_t>(16, 2 * slots_.size()));
    const std::string_view key = table[pos];
    const std::size_t h = hash_of(key), mask = slots_.size() - 1;
    const std::uint64_t tag = h >> 32 << 32;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
        const std::uint64_t slot = slots_[i];
        if (slot == kEmpty) {
            slots_[i] = tag | pos;
            ++count_;
            return std::nullopt;
        }
        const auto other = static_cast<std::uint32_t>(slot);
        if ((slot & ~kEmpty) == tag && table[other] == key) return other;
    }
}

void IdIndex::prefetch(std::string_view key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash_of(key) & (slots_.size() - 1)]);
}

void IdIndex::reserve(const StringTable& table, std::size_t n) {
    const std::size_t want = std::bit_ceil(std::max<std::size_t>(16, 2 * n));
    if (want > slots_.size()) rehash(table, want);
}

void IdIndex::rehash(const StringTable& table, std::size_t slots) {
    std::vector<std::uint64_t> old(slots, kEmpty);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t slot : old) {
        if (slot == kEmpty) continue;
        std::size_t i = hash_of(table[static_cast<std::uint32_t>(slot)]) & mask;
        while (slots_[i] != kEmpty) i = (i + 1) & mask;
        slots_[i] = slot;
    }
}

}  // namespace chokepoint
