#pragma once
// Internal to datasets/: a RapidJSON SAX handler that fills Records.

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "datasets/records.hpp"

namespace chokepoint::detail {

enum class Ctx;

class SaxReader {
public:
    SaxReader(Records& recs, Diagnostics& diag);
    ~SaxReader();

    bool Null();
    bool Bool(bool);
    bool Int(int i);
    bool Uint(unsigned u);
    bool Int64(std::int64_t i);
    bool Uint64(std::uint64_t u);
    bool Double(double d);
    bool RawNumber(const char*, unsigned, bool) { return true; }
    bool String(const char* s, unsigned len, bool copy);
    bool StartObject();
    bool Key(const char* s, unsigned len, bool copy);
    bool EndObject(unsigned members);
    bool StartArray();
    bool EndArray(unsigned elements);

private:
    struct Frame;
    std::string pointer() const;
    Str store(const char* s, unsigned len);
    static Str node_end(std::uint32_t n, unsigned len);
    Str intern(const char* s, unsigned len);
    EdgeExtra& edge_extra();
    void type_error(std::string_view expected, std::string_view got);
    bool accept(std::string_view got, bool is_string, bool is_number, bool is_int);
    bool scalar(std::string_view got, bool is_number, bool is_int, double v);
    void after_value();
    void set_string(const char* s, unsigned len);
    void set_number(double v);
    Str* str_slot();
    Num* num_slot();
    Range* range_slot(Frame& owner);
    bool* root_array_flag(std::string_view key);
    void mark_bad();
    void push(Ctx ctx, bool is_array);
    void open_range(Frame& owner, bool open);

    Records& recs_;
    Diagnostics& diag_;
    std::vector<std::unique_ptr<Frame>> frames_;
    std::size_t depth_ = 0;
    struct LastEnd {
        std::string id;
        std::uint32_t node = kNoIndex;
    };
    LastEnd last_end_[2];  // the last edge "from" and "to" looked up, and their nodes
    // Edge ends waiting for their node: the index slot is prefetched when the id is read and
    // looked up kLookahead ends later, when it is in cache (ids in files come in random order).
    struct PendingEnd {
        std::uint32_t edge = 0;
        bool to = false;
        std::uint64_t hash = 0;
        std::string id;
    };
    static constexpr std::size_t kLookahead = 16;
    std::array<PendingEnd, kLookahead> pending_;
    std::size_t pending_first_ = 0, pending_count_ = 0;
    void defer_end(std::string_view id, bool to);
    void resolve_pending();
    void resolve_all_pending();
    std::vector<Str> shared_;  // distinct values of the fields that repeat (stage, country ...)
    ViewIndex shared_index_;
};

}  // namespace chokepoint::detail
