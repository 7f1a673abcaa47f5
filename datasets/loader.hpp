#pragma once
// Reads chokepoint/1 dataset files (docs/format.md) into a SupplyGraph, refusing bad input with
// compiler-style messages that name the place.

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "graph/supply_graph.hpp"

namespace chokepoint {

/// Every problem found in one input, each message already prefixed with the file name:
/// `FILE:LINE:COL: message` for syntax errors, `FILE: /json/pointer: message` for content errors.
class DatasetError : public std::runtime_error {
public:
    explicit DatasetError(std::vector<std::string> messages);
    const std::vector<std::string>& messages() const { return messages_; }

private:
    std::vector<std::string> messages_;
};

struct Dataset {
    SupplyGraph graph;
    /// `FILE: /pointer: warning: message`; past the first kMaxErrors, one last line says how many
    /// more there are (`FILE: warning: N more warnings not shown`).
    std::vector<std::string> warnings;
    std::size_t unlisted_warnings = 0;  // the N of that last line, else 0
    /// Every warning found, listed or not.
    std::size_t warning_count() const {
        return unlisted_warnings > 0 ? warnings.size() - 1 + unlisted_warnings : warnings.size();
    }
};

/// At most this many content errors are reported per file.
inline constexpr std::size_t kMaxErrors = 100;

/// Loads a dataset file; "-" reads standard input. Throws DatasetError listing every problem
/// (syntax errors stop at the first; content errors are all reported, up to kMaxErrors).
/// Streams the file: memory is the graph plus a copy of its strings, not the whole document.
Dataset load_dataset(const std::string& path);

/// Same as load_dataset on text already in memory; `display_name` prefixes the messages.
Dataset parse_dataset(std::string_view text, std::string_view display_name);

}  // namespace chokepoint
