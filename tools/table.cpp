#include "tools/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace chokepoint::cli {

namespace {

// Display width of UTF-8 text: code points (good enough for Latin, Greek, CJK is rare here).
std::size_t width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string group_thousands(std::string digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace

std::string format_number(double v, int max_decimals) {
    if (!std::isfinite(v)) return "-";
    const bool neg = v < 0;
    const double a = std::abs(v);
    std::string s;
    if (a >= 100 || a == std::floor(a)) {
        s = group_thousands(fmt::format("{:.0f}", a));
    } else {
        const int decimals =
            a >= 1 ? max_decimals - 1
                   : max_decimals + std::max(0, -static_cast<int>(std::floor(std::log10(a))) - 1);
        s = fmt::format("{:.{}f}", a, std::min(decimals, 12));
        if (s.find('.') != std::string::npos) {
            while (s.back() == '0') s.pop_back();
            if (s.back() == '.') s.pop_back();
        }
        const auto dot = s.find('.');
        s = group_thousands(s.substr(0, dot)) + (dot == std::string::npos ? "" : s.substr(dot));
    }
    return (neg && s != "0" ? "-" : "") + s;
}

std::string format_percent(double fraction) {
    if (!std::isfinite(fraction)) return "-";
    return fmt::format("{:.1f}%", fraction * 100.0);
}

std::string csv_field(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

Table::Table(std::vector<std::string> headers) {
    for (auto& h : headers) {
        const bool right = !h.empty() && h.front() == '>';
        right_.push_back(right);
        headers_.push_back(right ? h.substr(1) : h);
    }
}

void Table::add_row(std::vector<std::string> cells) {
    cells.resize(headers_.size());
    rows_.push_back(std::move(cells));
}

void Table::write_text(std::ostream& out) const {
    std::vector<std::size_t> w(headers_.size());
    for (std::size_t c = 0; c < w.size(); ++c) {
        w[c] = width(headers_[c]);
        for (const auto& r : rows_) w[c] = std::max(w[c], width(r[c]));
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string s;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(w[c] - width(cells[c]), ' ');
            if (c > 0) s += "  ";
            s += right_[c] ? pad + cells[c] : (c + 1 == cells.size() ? cells[c] : cells[c] + pad);
        }
        while (!s.empty() && s.back() == ' ') s.pop_back();
        out << s << '\n';
    };
    line(headers_);
    std::vector<std::string> rule;
    for (auto x : w) rule.emplace_back(x, '-');
    line(rule);
    for (const auto& r : rows_) line(r);
}

void Table::write_csv(std::ostream& out) const {
    auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << csv_field(cells[c]);
        out << "\r\n";
    };
    line(headers_);
    for (const auto& r : rows_) line(r);
}

}  // namespace chokepoint::cli
