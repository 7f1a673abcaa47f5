#include "viz/html_report.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "viz/escape.hpp"
#include "viz/palette.hpp"

namespace chokepoint::viz {

namespace {

constexpr const char* kStyle = R"(
body{font:15px/1.45 "Helvetica Neue",Helvetica,Arial,sans-serif;color:#222;margin:0;background:#fafafa}
header{background:#1d2b3a;color:#fff;padding:24px 40px}
header h1{margin:0 0 6px;font-size:26px}
header p{margin:0;color:#c9d3dd}
nav{padding:8px 40px;background:#eef1f4;border-bottom:1px solid #d5dbe1;font-size:14px}
nav a{margin-right:16px;color:#1d4f91;text-decoration:none}
main{padding:8px 40px 40px;max-width:1400px}
section{margin-top:28px}
h2{font-size:20px;border-bottom:2px solid #1d2b3a;padding-bottom:4px}
table{border-collapse:collapse;margin:10px 0 18px;background:#fff;font-size:13.5px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid #d5dbe1;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;cursor:pointer;user-select:none;white-space:nowrap}
th[aria-sort=ascending]::after{content:" \25B2"}
th[aria-sort=descending]::after{content:" \25BC"}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.chip{display:inline-block;min-width:22px;padding:0 4px;margin-right:5px;border-radius:3px;
  font-size:11px;font-weight:bold;text-align:center;border:1px solid rgba(0,0,0,.25)}
figure{margin:12px 0 24px;background:#fff;border:1px solid #d5dbe1;padding:8px;overflow:auto}
figure svg{max-width:100%;height:auto;cursor:zoom-in}
figure.full svg{max-width:none;cursor:zoom-out}
figcaption{font-size:13px;color:#555;margin-top:4px}
)";

constexpr const char* kScript = R"(
(function () {
  function key(cell) {
    var s = cell.getAttribute('data-sort');
    return s === null ? cell.textContent.trim().toLowerCase() : parseFloat(s);
  }
  document.querySelectorAll('table.sortable th').forEach(function (th, _) {
    th.addEventListener('click', function () {
      var table = th.closest('table'), body = table.tBodies[0];
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var asc = th.getAttribute('aria-sort') !== 'ascending';
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a.cells[col]), y = key(b.cells[col]);
        if (typeof x === 'number' && isNaN(x)) x = -Infinity;
        if (typeof y === 'number' && isNaN(y)) y = -Infinity;
        var c = x < y ? -1 : x > y ? 1 : 0;
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
  document.querySelectorAll('figure').forEach(function (f) {
    f.addEventListener('click', function () { f.classList.toggle('full'); });
  });
})();
)";

std::string inline_svg(const std::string& svg, std::size_t figure) {
    const auto start = svg.find("<svg");
    if (start == std::string::npos) return {};
    std::string out;
    const std::string prefix = fmt::format(" id=\"f{}-", figure);
    for (std::size_t i = start; i < svg.size();) {
        if (svg.compare(i, 5, " id=\"") == 0) {
            out += prefix;
            i += 5;
        } else {
            out += svg[i++];
        }
    }
    return out;
}

void write_cell(std::ostream& out, const HtmlCell& c) {
    out << "<td";
    if (!std::isnan(c.sort)) {
        if (!c.left) out << " class=\"num\"";
        out << " data-sort=\"" << fmt::format("{:.10g}", c.sort) << '"';
    }
    if (!c.background.empty())
        out << " style=\"background:" << c.background << ";color:" << text_colour_on(c.background)
            << '"';
    out << '>';
    if (c.country) {
        const auto bg = country_colour(*c.country);
        out << "<span class=\"chip\" style=\"background:" << bg << ";color:" << text_colour_on(bg)
            << "\" title=\"" << escape_html(country_name(*c.country)) << "\">"
            << escape_html(country_code(*c.country)) << "</span>";
    }
    out << escape_html(c.text) << "</td>";
}

void write_table(std::ostream& out, const HtmlTable& t) {
    out << "<table class=\"sortable\">";
    if (!t.caption.empty()) out << "<caption>" << escape_html(t.caption) << "</caption>";
    out << "<thead><tr>";
    for (const auto& h : t.headers) out << "<th>" << escape_html(h) << "</th>";
    out << "</tr></thead><tbody>\n";
    for (const auto& row : t.rows) {
        out << "<tr>";
        for (const auto& c : row) write_cell(out, c);
        out << "</tr>\n";
    }
    out << "</tbody></table>\n";
}

}  // namespace

std::string heat_colour(double value) {
    const double v = std::clamp(std::isnan(value) ? 0.0 : value, 0.0, 1.0);
    // White to #B2182B (ColorBrewer RdBu's dark red).
    auto mix = [v](int to) { return int(std::lround(255 + (to - 255) * v)); };
    return fmt::format("#{:02X}{:02X}{:02X}", mix(0xB2), mix(0x18), mix(0x2B));
}

void write_html_report(std::ostream& out, const HtmlReport& r) {
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << escape_html(r.title) << "</title>\n<style>" << kStyle << "</style>\n"
        << "</head><body>\n<header><h1>" << escape_html(r.title) << "</h1><p>"
        << escape_html(r.subtitle) << "</p></header>\n<nav>";
    for (const auto& s : r.sections)
        out << "<a href=\"#" << escape_html(s.id) << "\">" << escape_html(s.title) << "</a>";
    out << "</nav>\n<main>\n";
    std::size_t figure = 0;
    for (const auto& s : r.sections) {
        out << "<section id=\"" << escape_html(s.id) << "\"><h2>" << escape_html(s.title)
            << "</h2>\n";
        for (const auto& p : s.paragraphs) out << "<p>" << escape_html(p) << "</p>\n";
        for (const auto& t : s.tables) write_table(out, t);
        for (const auto& f : s.figures) {
            out << "<figure>" << inline_svg(f.svg, ++figure) << "<figcaption>"
                << escape_html(f.caption) << "</figcaption></figure>\n";
        }
        if (!s.items.empty()) {
            out << "<ul>";
            for (const auto& item : s.items) out << "<li>" << escape_html(item) << "</li>";
            out << "</ul>\n";
        }
        out << "</section>\n";
    }
    out << "</main>\n<script>" << kScript << "</script>\n</body></html>\n";
}

}  // namespace chokepoint::viz
