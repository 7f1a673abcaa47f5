// GraphML and DOT writers: text only, no XML or Graphviz library needed.
#include <fmt/format.h>

#include <cmath>

#include "datasets/graph_export.hpp"

namespace chokepoint {

namespace {

std::string number(double v) { return fmt::format("{}", v); }

std::string xml(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
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
            case '\r':
                out += "&#13;";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n')
                    out += "\xEF\xBF\xBD";  // U+FFFD: XML 1.0 has no way to write it
                else
                    out += c;
        }
    }
    return out;
}

std::string dot(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += {'\\', c};
        else if (c == '\n')
            out += "\\n";
        else if (c != '\r')
            out += c;
    }
    return out + '"';
}

struct Attr {
    const char* name;
    std::string value;
};

// The attributes shared by both formats, in key order; optional ones only when set.
std::vector<Attr> node_attrs(const SupplyGraph& g, NodeId n) {
    std::vector<Attr> a{{"label", std::string(g.name(n))},
                        {"stage", g.stage_info(g.stage(n)).id},
                        {"commodity", std::string(g.commodity_name(g.commodity(n)))},
                        {"country", std::string(country_code(g.country(n)))},
                        {"owner_country", std::string(country_code(g.control_country(n)))},
                        {"output", number(g.output(n))},
                        {"capacity", number(g.capacity(n))}};
    if (!g.unit(n).empty()) a.push_back({"unit", std::string(g.unit(n))});
    if (!std::isnan(g.inventory_days(n)))
        a.push_back({"inventory_days", number(g.inventory_days(n))});
    return a;
}

}  // namespace

void write_graphml(const SupplyGraph& g, std::ostream& os) {
    os << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
          "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
    const std::pair<const char*, const char*> keys[] = {
        {"label", "string"},    {"stage", "string"},         {"commodity", "string"},
        {"country", "string"},  {"owner_country", "string"}, {"output", "double"},
        {"capacity", "double"}, {"unit", "string"},          {"inventory_days", "double"}};
    os << "  <key id=\"name\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n";
    for (auto [k, type] : keys) {
        os << fmt::format("  <key id=\"{0}\" for=\"node\" attr.name=\"{0}\" attr.type=\"{1}\"/>\n",
                          k, type);
    }
    os << "  <key id=\"flow\" for=\"edge\" attr.name=\"flow\" attr.type=\"double\"/>\n"
       << "  <graph id=\"G\" edgedefault=\"directed\">\n"
       << "    <data key=\"name\">" << xml(g.info().name) << "</data>\n";
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        os << "    <node id=\"" << xml(g.id(n)) << "\">\n";
        for (const auto& a : node_attrs(g, n))
            os << "      <data key=\"" << a.name << "\">" << xml(a.value) << "</data>\n";
        os << "    </node>\n";
    }
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        os << "    <edge source=\"" << xml(g.id(g.from(e))) << "\" target=\"" << xml(g.id(g.to(e)))
           << "\">\n      <data key=\"flow\">" << number(g.flow(e)) << "</data>\n    </edge>\n";
    }
    os << "  </graph>\n</graphml>\n";
}

void write_dot(const SupplyGraph& g, std::ostream& os) {
    os << "digraph " << dot(g.info().name) << " {\n  node [shape=box];\n";
    for (NodeId n = 0; n < g.num_nodes(); ++n) {
        os << "  " << dot(g.id(n)) << " [";
        const auto attrs = node_attrs(g, n);
        for (std::size_t i = 0; i < attrs.size(); ++i)
            os << (i ? ", " : "") << attrs[i].name << '=' << dot(attrs[i].value);
        os << "];\n";
    }
    for (EdgeId e = 0; e < g.num_edges(); ++e) {
        os << "  " << dot(g.id(g.from(e))) << " -> " << dot(g.id(g.to(e)))
           << " [flow=" << dot(number(g.flow(e))) << "];\n";
    }
    os << "}\n";
}

}  // namespace chokepoint
