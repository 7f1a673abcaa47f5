#include "viz/escape.hpp"

namespace chokepoint::viz {

std::string escape_html(std::string_view text, bool line_breaks) {
    std::string out;
    out.reserve(text.size() + 8);
    for (char ch : text) {
        switch (ch) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            case '\r':
                break;
            case '\n':
                out += line_breaks ? "<BR/>" : "\n";
                break;
            default:
                out += ch;
        }
    }
    return out;
}

std::string escape_graphviz_html(std::string_view text) {
    std::string doubled;
    doubled.reserve(text.size());
    for (char ch : text) {
        if (ch == '\\') doubled += '\\';
        doubled += ch;
    }
    return escape_html(doubled, true);
}

std::string escape_dot_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 4);
    for (char ch : text) {
        if (ch == '\\')
            out += "\\\\";
        else if (ch == '\n')
            out += "\\n";
        else if (ch != '\r')
            out += ch;
    }
    return out;
}

}  // namespace chokepoint::viz
