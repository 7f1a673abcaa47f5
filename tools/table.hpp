#pragma once
// Tabular output shared by the commands: aligned text tables and RFC 4180 CSV, plus the number
// formats the tables use.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace chokepoint::cli {

/// 1234567.8 -> "1,234,568"; values under 100 keep up to `max_decimals` significant decimals
/// ("12.5", "0.004"). Non-finite values print as "-".
std::string format_number(double v, int max_decimals = 3);
/// 0.7351 -> "73.5%".
std::string format_percent(double fraction);
/// One CSV field, quoted when it holds a comma, quote, CR or LF (RFC 4180).
std::string csv_field(std::string_view s);

class Table {
public:
    /// A column whose header starts with '>' is right-aligned (the '>' is not printed).
    explicit Table(std::vector<std::string> headers);
    void add_row(std::vector<std::string> cells);
    std::size_t rows() const { return rows_.size(); }
    /// Columns separated by two spaces, a dashed rule under the header.
    void write_text(std::ostream& out) const;
    void write_csv(std::ostream& out) const;

private:
    std::vector<std::string> headers_;
    std::vector<bool> right_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace chokepoint::cli
