#pragma once
// Internal to datasets/: the raw records the SAX reader collects before validation.

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::detail {

/// A string in the reader's arena: stable across arena growth.
// `bad`: the member was there with the wrong type (already reported; no "missing" error).
struct Str {
    std::uint64_t off = 0;
    std::uint32_t len = 0;
    bool present = false;
    bool bad = false;
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
struct EdgeRec {
    Str from, to, note;
    Num flow;
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
    std::vector<NodeRec> nodes;
    std::vector<EdgeRec> edges;
    std::vector<OwnerRec> owners;
    std::vector<Str> strs;

    std::string_view view(const Str& s) const {
        return std::string_view(arena).substr(s.off, s.len);
    }
};

/// Collects problems: errors and warnings, each already formatted with the file name.
struct Diagnostics {
    std::string file;
    std::vector<std::string> errors, warnings;
    bool truncated = false;

    void error(std::string_view pointer, std::string_view message);
    void warning(std::string_view pointer, std::string_view message);
};

/// JSON pointer syntax for one reference token (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string pointer_token(std::string_view key);

}  // namespace chokepoint::detail
