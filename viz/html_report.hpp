#pragma once
// A self-contained HTML page: sections of text, sortable tables and inline SVG figures, with its
// CSS and a few lines of plain JavaScript (click a header to sort) inline; no network access.

#include <cmath>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "graph/countries.hpp"

namespace chokepoint::viz {

struct HtmlCell {
    std::string text;
    double sort = NAN;               // numeric sort key; NaN: sort by text
    std::string background;          // "#RRGGBB" or empty
    std::optional<Country> country;  // shows a country chip before the text
    bool left = false;               // numeric cells are right-aligned unless this is set
};

struct HtmlTable {
    std::string caption;
    std::vector<std::string> headers;
    std::vector<std::vector<HtmlCell>> rows;
};

struct HtmlFigure {
    std::string svg;  // an SVG document (an XML prolog and DOCTYPE are dropped)
    std::string caption;
};

struct HtmlSection {
    std::string id, title;
    std::vector<std::string> paragraphs;  // plain text
    std::vector<HtmlTable> tables;
    std::vector<HtmlFigure> figures;
    std::vector<std::string> items;  // a bulleted list of plain text
};

struct HtmlReport {
    std::string title, subtitle;
    std::vector<HtmlSection> sections;
};

/// Writes the page. All text is escaped; figure SVG is inserted as is (its ids prefixed so that
/// several figures can share a page). Deterministic: no dates, no random ids.
void write_html_report(std::ostream& out, const HtmlReport& report);

/// A colour between white (0) and dark red (1) for a loss or share in [0, 1].
std::string heat_colour(double value);

}  // namespace chokepoint::viz
