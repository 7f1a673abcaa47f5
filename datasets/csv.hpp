#pragma once
// RFC 4180 CSV tables for the importers and exporters: UTF-8 with or without a byte order mark,
// comma or semicolon delimiter (detected from the header row), a header row required.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint {

/// One CSV file: its header and data rows, each row with the line it starts on (the header is
/// line 1). Rows whose fields are all empty are dropped (spreadsheets leave them behind).
struct CsvTable {
    std::string file;  // the name messages start with
    char delimiter = ',';
    std::vector<std::string> header;
    std::vector<std::size_t> lines;  // the line each data row starts on
    // The fields of all rows back to back (header.size() per row): 8 bytes of offset per field.
    std::string cells;
    std::vector<std::uint64_t> ends{0};

    std::size_t num_rows() const { return lines.size(); }
    std::string_view field(std::size_t row, std::size_t col) const {
        const std::size_t i = row * header.size() + col;
        return std::string_view(cells).substr(ends[i], ends[i + 1] - ends[i]);
    }
    /// A copy of one row (for tests and small tables).
    std::vector<std::string> row(std::size_t r) const;

    /// Position of a header column, or nullopt.
    std::optional<std::size_t> column(std::string_view name) const;
    /// `FILE:LINE: column "NAME": message`, the form every CSV content error takes.
    std::string error(std::size_t row, std::string_view column, std::string_view message) const;
    /// `FILE:LINE: message`.
    std::string error(std::size_t row, std::string_view message) const;
};

/// Parses CSV text; `display_name` prefixes messages. Throws DatasetError naming the file and
/// line: not UTF-8, unterminated quote, text after a closing quote, a row with a different
/// number of fields than the header, an empty or duplicate column name, no header row.
CsvTable parse_csv(std::string_view text, std::string_view display_name);

/// Reads and parses a file; messages name it by `display_name` (default: the path).
CsvTable load_csv(const std::string& path, std::string_view display_name = {});

/// One CSV field, quoted when it holds the delimiter, a quote, CR or LF, or starts or ends with
/// a space (RFC 4180).
std::string csv_quote(std::string_view field, char delimiter = ',');

/// Writes one row terminated by CRLF-free "\n" (RFC 4180 allows either on reading).
void write_csv_row(std::ostream& os, const std::vector<std::string>& fields);

/// Parses a decimal number with optional surrounding spaces; with `decimal_comma`, a single ','
/// (and no '.') is read as the decimal point. nullopt when it is not a finite number.
std::optional<double> parse_csv_number(std::string_view s, bool decimal_comma);

}  // namespace chokepoint
