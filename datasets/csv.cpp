#include "datasets/csv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "datasets/loader.hpp"

namespace chokepoint {

namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned min = 0;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    unsigned cp = c & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
}

void check_encoding(std::string_view text, const std::string& name) {
    if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF") ||
        text.substr(0, 64).find('\0') != std::string_view::npos) {
        throw DatasetError({name + ": not UTF-8 text (looks like UTF-16 or UTF-32)"});
    }
    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = utf8_length(text, i);
        if (n == 0) throw DatasetError({fmt::format("{}:{}: text is not valid UTF-8", name, line)});
        if (text[i] == '\n') ++line;
        i += n;
    }
}

// The delimiter of the header line: ';' when it has more unquoted semicolons than commas.
char detect_delimiter(std::string_view text) {
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        commas += c == ',';
        semicolons += c == ';';
    }
    return semicolons > commas ? ';' : ',';
}

// Appends the fields of one record at a time to an arena: `out` gets the text, `ends` the
// offset where each field ends.
class Parser {
public:
    Parser(std::string_view text, std::string name, char delim)
        : s_(text), name_(std::move(name)), delim_(delim) {}

    // Reads one record; its field count, or 0 at the end of the text. `start` gets its line.
    std::size_t record(std::string& out, std::vector<std::uint64_t>& ends, std::size_t& start) {
        if (i_ >= s_.size()) return 0;
        start = line_;
        std::size_t n = 0;
        while (true) {
            const bool more = field(out);
            ends.push_back(out.size());
            ++n;
            if (!more) return n;
        }
    }

private:
    // Reads one field; true when a delimiter follows (more fields in this record).
    bool field(std::string& out) {
        if (i_ < s_.size() && s_[i_] == '"') return quoted(out);
        const std::size_t begin = i_;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == delim_ || c == '\r' || c == '\n') break;
            if (c == '"') {
                throw DatasetError({fmt::format(
                    "{}:{}: quote inside an unquoted field (quote the whole field and double "
                    "the quote)",
                    name_, line_)});
            }
            ++i_;
        }
        out.append(s_.substr(begin, i_ - begin));
        if (i_ >= s_.size()) return false;
        if (s_[i_] == delim_) {
            ++i_;
            return true;
        }
        return end_of_line();
    }
    bool quoted(std::string& out) {
        const std::size_t opened = line_;
        ++i_;
        while (true) {
            if (i_ >= s_.size()) {
                throw DatasetError(
                    {fmt::format("{}:{}: quoted field is never closed", name_, opened)});
            }
            const char c = s_[i_++];
            if (c == '\n') ++line_;
            if (c != '"') {
                out += c;
                continue;
            }
            if (i_ < s_.size() && s_[i_] == '"') {
                out += '"';
                ++i_;
                continue;
            }
            break;
        }
        if (i_ >= s_.size()) return false;
        if (s_[i_] == delim_) {
            ++i_;
            return true;
        }
        if (s_[i_] == '\r' || s_[i_] == '\n') return end_of_line();
        throw DatasetError(
            {fmt::format("{}:{}: text after the closing quote of a field", name_, line_)});
    }
    bool end_of_line() {
        if (s_[i_] == '\r') ++i_;
        if (i_ < s_.size() && s_[i_] == '\n') ++i_;
        ++line_;
        return false;
    }

    std::string_view s_;
    std::string name_;
    char delim_;
    std::size_t i_ = 0, line_ = 1;
};

void check_header(const CsvTable& t) {
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        const auto& h = t.header[c];
        if (h.empty()) {
            throw DatasetError({fmt::format("{}:1: column {} has an empty name", t.file, c + 1)});
        }
        if (std::find(t.header.begin(), t.header.begin() + static_cast<std::ptrdiff_t>(c), h) !=
            t.header.begin() + static_cast<std::ptrdiff_t>(c)) {
            throw DatasetError({fmt::format("{}:1: duplicate column \"{}\"", t.file, h)});
        }
    }
}

}  // namespace

std::vector<std::string> CsvTable::row(std::size_t r) const {
    std::vector<std::string> out;
    for (std::size_t c = 0; c < header.size(); ++c) out.emplace_back(field(r, c));
    return out;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header.begin());
}

std::string CsvTable::error(std::size_t row, std::string_view col, std::string_view msg) const {
    return fmt::format("{}:{}: column \"{}\": {}", file, lines[row], col, msg);
}

std::string CsvTable::error(std::size_t row, std::string_view msg) const {
    return fmt::format("{}:{}: {}", file, lines[row], msg);
}

CsvTable parse_csv(std::string_view text, std::string_view display_name) {
    CsvTable t;
    t.file = std::string(display_name);
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    check_encoding(text, t.file);
    t.delimiter = detect_delimiter(text);
    Parser p(text, t.file, t.delimiter);
    std::size_t line = 0;
    std::string head;
    std::vector<std::uint64_t> head_ends{0};
    const std::size_t width = p.record(head, head_ends, line);
    if (width == 0 || (width == 1 && head.empty())) {
        throw DatasetError({t.file + ": empty file (a header row is required)"});
    }
    for (std::size_t c = 0; c < width; ++c)
        t.header.emplace_back(head, head_ends[c], head_ends[c + 1] - head_ends[c]);
    check_header(t);
    t.cells.reserve(text.size());
    while (true) {
        const std::size_t before = t.cells.size(), fields_before = t.ends.size();
        const std::size_t n = p.record(t.cells, t.ends, line);
        if (n == 0) break;
        if (t.cells.size() == before) {  // every field empty: a blank spreadsheet row
            t.ends.resize(fields_before);
            continue;
        }
        if (n != width) {
            throw DatasetError({fmt::format("{}:{}: expected {} fields (as in the header), got {}",
                                            t.file, line, width, n)});
        }
        t.lines.push_back(line);
    }
    t.cells.shrink_to_fit();
    return t;
}

CsvTable load_csv(const std::string& path, std::string_view display_name) {
    const std::string name = display_name.empty() ? path : std::string(display_name);
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw DatasetError({name + ": is a directory"});
    std::ifstream in(path, std::ios::binary);
    if (!in) throw DatasetError({name + ": cannot open: " + std::strerror(errno)});
    std::ostringstream ss;
    ss << in.rdbuf();
    return parse_csv(ss.str(), name);
}

std::string csv_quote(std::string_view s, char delimiter) {
    const bool quote = s.find_first_of("\"\r\n") != std::string_view::npos ||
                       s.find(delimiter) != std::string_view::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

void write_csv_row(std::ostream& os, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) os << (i ? "," : "") << csv_quote(fields[i]);
    os << '\n';
}

std::optional<double> parse_csv_number(std::string_view s, bool decimal_comma) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    std::string buf(s);
    if (decimal_comma && std::count(buf.begin(), buf.end(), ',') == 1 &&
        buf.find('.') == std::string::npos) {
        buf[buf.find(',')] = '.';
    }
    const char* begin = buf.data();
    if (!buf.empty() && buf[0] == '+') ++begin;
    double v = 0;
    const auto [end, ec] = std::from_chars(begin, buf.data() + buf.size(), v);
    if (ec != std::errc() || end != buf.data() + buf.size() || begin == end || !std::isfinite(v)) {
        return std::nullopt;
    }
    return v;
}

}  // namespace chokepoint
