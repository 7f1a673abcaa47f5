#pragma once
// Text escaping for the formats viz writes, so names render literally whatever they contain.

#include <string>
#include <string_view>

namespace chokepoint::viz {

/// For HTML/XML text and attribute values (and Graphviz HTML-like labels): & < > " ' become
/// entities; with `line_breaks`, "\n" becomes `<BR/>` (Graphviz) instead of staying a newline.
std::string escape_html(std::string_view text, bool line_breaks = false);

/// For text inside Graphviz HTML-like labels: escape_html with line breaks, and a backslash
/// doubled, because Graphviz expands "\N", "\G" ... there too.
std::string escape_graphviz_html(std::string_view text);

/// For Graphviz escString attributes (plain labels, tooltips): a backslash becomes "\\" so that
/// "\N", "\n" ... stay literal, and a newline becomes the "\n" escape. Quoting is cgraph's job.
std::string escape_dot_text(std::string_view text);

}  // namespace chokepoint::viz
