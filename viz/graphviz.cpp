#include "viz/graphviz.hpp"

#include <fmt/format.h>
#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "viz/escape.hpp"
#include "viz/palette.hpp"

namespace chokepoint::viz {

namespace {

// Graphviz 2.42 takes char* where it only reads: the one place that drops const.
char* gv(const char* s) { return const_cast<char*>(s); }

using GraphPtr = std::unique_ptr<Agraph_t, decltype(&agclose)>;

// The one Graphviz context of the process, locked while in use (gvc is not re-entrant). It is
// never freed, deliberately: Graphviz 2.42's pango plugin keeps a pointer into the font table of
// the context it last measured text for and compares against it on the next call, so freeing a
// context and creating another reads freed memory (AddressSanitizer: heap-use-after-free in
// textspan_size, seen when the report renders its second diagram).
class Context {
public:
    Context() : lock_(shared().mutex) {
        if (!shared().gvc) throw std::runtime_error("Graphviz: cannot create a context");
    }
    GVC_t* get() const { return shared().gvc; }

private:
    struct Shared {
        GVC_t* gvc;
        std::mutex mutex;
    };
    static Shared& shared() {
        static Shared s{gvContext(), {}};
        return s;
    }
    std::lock_guard<std::mutex> lock_;
};

// A layout that is freed before its graph is closed.
class LaidOut {
public:
    LaidOut(const Context& gvc, Agraph_t* g, const char* engine) : gvc_(gvc), g_(g) {
        if (gvLayout(gvc_.get(), g_, gv(engine)) != 0)
            throw std::runtime_error(std::string("Graphviz: ") + engine + " layout failed");
    }
    ~LaidOut() { gvFreeLayout(gvc_.get(), g_); }
    LaidOut(const LaidOut&) = delete;
    LaidOut& operator=(const LaidOut&) = delete;

private:
    const Context& gvc_;
    Agraph_t* g_;
};

void set(void* obj, const char* name, const std::string& value) {
    agsafeset(obj, gv(name), gv(value.c_str()), gv(""));
}

void set_html(Agraph_t* g, void* obj, const char* name, const std::string& html) {
    char* label = agstrdup_html(g, gv(html.c_str()));
    agsafeset(obj, gv(name), label, gv(""));
    agstrfree(g, label);
}

std::string font(const std::string& html, double size, std::string_view colour = {}) {
    return fmt::format("<FONT POINT-SIZE=\"{:.0f}\"{}>{}</FONT>", size,
                       colour.empty() ? "" : fmt::format(" COLOR=\"{}\"", colour), html);
}

Agnode_t* helper_node(Agraph_t* g, const std::string& base) {
    std::string name = base;
    while (agnode(g, gv(name.c_str()), 0)) name += "'";
    return agnode(g, gv(name.c_str()), 1);
}

// Graphviz's HTML parser rejects an empty <B></B>.
std::string bold(const std::string& text) {
    return text.empty() ? std::string() : "<B>" + escape_graphviz_html(text) + "</B>";
}

// cgraph writes names between quotes without escaping backslashes, so a name ending in one
// would break the DOT text: such nodes get a neutral name (their label still shows the id).
Agnode_t* add_node(Agraph_t* g, const std::string& key, std::size_t index) {
    if (key.find('\\') == std::string::npos && key.rfind("chokepoint:", 0) != 0)
        return agnode(g, gv(key.c_str()), 1);
    return helper_node(g, fmt::format("chokepoint:node:{}", index));
}

std::string title_html(const Diagram& d) {
    std::string rows;
    if (!d.title.empty())
        rows += fmt::format("<TR><TD ALIGN=\"LEFT\">{}</TD></TR>", font(bold(d.title), 20));
    rows += fmt::format("<TR><TD ALIGN=\"LEFT\">{}</TD></TR>",
                        font(escape_graphviz_html(d.subtitle), 12, "#444444"));
    for (const auto& line : d.title_lines)
        rows += fmt::format("<TR><TD ALIGN=\"LEFT\">{}</TD></TR>",
                            font(escape_graphviz_html(line), 12, "#A50F15"));
    return "<TABLE BORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"0\">" + rows + "</TABLE>";
}

std::string node_label(const DiagramNode& x) {
    const double k = std::sqrt(std::clamp(x.share, 0.0, 1.0));
    std::string detail = std::string(country_code(x.country));
    if (x.owner != x.country) detail += ", controlled from " + std::string(country_code(x.owner));
    detail += " · " + x.share_text;
    std::string label = font(bold(x.name.empty() ? x.key : x.name), 10 + 8 * k) + "<BR/>" +
                        font(escape_graphviz_html(detail), 8 + 4 * k);
    if (x.removed)
        label += "<BR/>" + font("<B>removed</B>", 9);
    else if (x.fraction < 1 - 1e-9)
        label += "<BR/>" + font(fmt::format("<B>{:.0f}% left</B>", 100 * x.fraction), 9);
    return label;
}

void style_node(Agraph_t* g, Agnode_t* n, const DiagramNode& x) {
    const double k = std::sqrt(std::clamp(x.share, 0.0, 1.0));
    const std::string fill(x.removed ? "#E8E8E8" : country_colour(x.country));
    std::string style = "rounded,filled";
    set(n, "fillcolor", fill);
    if (x.removed) {
        style = "rounded,filled,dashed";
        set(n, "fontcolor", "#777777");
    } else if (x.fraction < 1 - 1e-9) {
        // A bar: the coloured part is what remains, grey what is lost.
        style = "striped";
        set(n, "fillcolor", fmt::format("{};{:.3f}:#E8E8E8", fill, std::max(0.001, x.fraction)));
        set(n, "fontcolor", x.fraction >= 0.5 ? std::string(text_colour_on(fill)) : "#000000");
    } else {
        set(n, "fontcolor", std::string(text_colour_on(fill)));
    }
    if (x.owner != x.country) {
        set(n, "peripheries", "2");
        set(n, "color", std::string(country_colour(x.owner)));
        set(n, "penwidth", "2");
    }
    if (x.highlighted) {
        set(n, "color", "#E41A1C");
        set(n, "penwidth", "4");
    }
    set(n, "style", style);
    set(n, "width", fmt::format("{:.2f}", 1.4 + 2.2 * k));
    set(n, "height", fmt::format("{:.2f}", 0.4 + 0.8 * k));
    set(n, "tooltip", escape_dot_text(x.tooltip));
    set_html(g, n, "label", node_label(x));
}

std::string swatch(std::string_view colour, const std::string& text, std::string_view border) {
    return fmt::format(
        "<TR><TD WIDTH=\"18\" HEIGHT=\"12\" BGCOLOR=\"{}\" COLOR=\"{}\" BORDER=\"{}\"></TD>"
        "<TD ALIGN=\"LEFT\">{}</TD></TR>",
        colour, border.empty() ? "#444444" : border, border.empty() ? 1 : 3, text);
}

std::string legend_html(const Diagram& d) {
    std::string rows = "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Location</B></TD></TR>";
    std::string others;
    for (Country c : d.countries) {
        if (!has_own_colour(c)) {
            others += (others.empty() ? "" : ", ") + std::string(country_code(c));
            continue;
        }
        rows += swatch(
            country_colour(c),
            escape_graphviz_html(std::string(country_code(c)) + " " + std::string(country_name(c))),
            {});
    }
    if (!others.empty()) rows += swatch(kOtherColour, "other: " + escape_graphviz_html(others), {});
    if (!d.owner_countries.empty()) {
        rows +=
            "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\"><B>Double border: controlled from</B></TD></TR>";
        for (Country c : d.owner_countries)
            rows += swatch("#FFFFFF", std::string(country_code(c)), country_colour(c));
    }
    if (!d.highlight_legend.empty())
        rows += swatch("#FFFFFF", escape_graphviz_html(d.highlight_legend), "#E41A1C");
    if (!d.title_lines.empty()) {
        rows += swatch("#E8E8E8", "removed by the scenario", {});
        rows += swatch("#FFFFFF", "bar: share of output left", {});
    }
    rows +=
        "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">Box size: share of its market<BR ALIGN=\"LEFT\"/>"
        "Line width: flow (log scale)<BR ALIGN=\"LEFT\"/></TD></TR>";
    std::string sources;
    for (const auto& s : d.sources) sources += "<BR ALIGN=\"LEFT\"/>" + escape_graphviz_html(s);
    rows += "<TR><TD COLSPAN=\"2\" ALIGN=\"LEFT\">" + font("Sources:" + sources, 9, "#444444") +
            "<BR ALIGN=\"LEFT\"/></TD></TR>";
    return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"3\" CELLPADDING=\"1\">" + rows +
           "</TABLE>";
}

void set_defaults(Agraph_t* g, const Diagram& d) {
    const char* fontname = "Helvetica,Arial,sans-serif";
    agattr(g, AGRAPH, gv("fontname"), gv(fontname));
    agattr(g, AGNODE, gv("fontname"), gv(fontname));
    agattr(g, AGEDGE, gv("fontname"), gv(fontname));
    agattr(g, AGNODE, gv("shape"), gv("box"));
    agattr(g, AGNODE, gv("margin"), gv("0.08,0.04"));
    agattr(g, AGEDGE, gv("arrowsize"), gv("0.5"));
    agattr(g, AGEDGE, gv("color"), gv("#4D4D4D80"));
    set(g, "rankdir", "LR");
    set(g, "layout", d.layout == Layout::sfdp ? "sfdp" : "dot");
    if (d.layout == Layout::sfdp) set(g, "overlap", "prism");
    if (d.dpi > 0) set(g, "dpi", fmt::format("{:g}", d.dpi));
    set(g, "ranksep", "1.1");
    set(g, "nodesep", "0.12");
    set(g, "outputorder", "edgesfirst");
    set(g, "bgcolor", "#FFFFFF");
    set(g, "pad", "0.3");
    set(g, "labelloc", "t");
    set(g, "labeljust", "l");
    set_html(g, g, "label", title_html(d));
}

void add_edges(Agraph_t* g, const Diagram& d, const std::vector<Agnode_t*>& nodes) {
    for (const auto& x : d.edges) {
        Agedge_t* e = agedge(g, nodes[x.from], nodes[x.to], nullptr, 1);
        const double w = std::log10(1 + 99 * std::clamp(x.weight, 0.0, 1.0)) / 2;
        set(e, "penwidth", fmt::format("{:.2f}", 0.5 + 5 * w));
        set(e, "tooltip",
            escape_dot_text(
                fmt::format("{} → {}: {:g}", d.nodes[x.from].name, d.nodes[x.to].name, x.flow)));
        if (x.cut) {
            set(e, "style", "dotted");
            set(e, "color", "#999999");
        }
    }
}

GraphPtr build_graph(const Diagram& d) {
    GraphPtr g(agopen(gv("chokepoint"), Agstrictdirected, nullptr), &agclose);
    set_defaults(g.get(), d);
    std::vector<Agnode_t*> nodes(d.nodes.size());
    std::vector<Agnode_t*> headers;
    std::size_t i = 0;
    for (StageId s = 0; s < d.stages.size(); ++s) {
        // Anonymous: cgraph orders named subgraphs by string address, which varies run to run.
        Agraph_t* rank = agsubg(g.get(), nullptr, 1);
        set(rank, "rank", "same");
        Agnode_t* h = helper_node(g.get(), fmt::format("chokepoint:stage:{}", s));
        agsubnode(rank, h, 1);
        set(h, "shape", "plaintext");
        set_html(g.get(), h, "label", font(bold(d.stages[s]), 16));
        if (!headers.empty()) {
            Agedge_t* e = agedge(g.get(), headers.back(), h, nullptr, 1);
            set(e, "style", "invis");
            set(e, "weight", "100");
        }
        headers.push_back(h);
        for (; i < d.nodes.size() && d.nodes[i].stage == s; ++i) {
            nodes[i] = add_node(g.get(), d.nodes[i].key, i);
            agsubnode(rank, nodes[i], 1);
            style_node(g.get(), nodes[i], d.nodes[i]);
        }
    }
    add_edges(g.get(), d, nodes);
    Agnode_t* legend = helper_node(g.get(), "chokepoint:legend");
    set(legend, "shape", "plaintext");
    set_html(g.get(), legend, "label", legend_html(d));
    if (!headers.empty()) {
        Agedge_t* e = agedge(g.get(), headers.back(), legend, nullptr, 1);
        set(e, "style", "invis");
    }
    return g;
}

std::string write_dot(Agraph_t* g) {
    char* buf = nullptr;
    std::size_t len = 0;
    FILE* f = open_memstream(&buf, &len);
    if (!f) throw std::runtime_error("Graphviz: cannot open a memory stream");
    const int rc = agwrite(g, f);
    std::fclose(f);
    std::string out(buf, len);
    std::free(buf);
    if (rc != 0) throw std::runtime_error("Graphviz: cannot write DOT");
    return out;
}

}  // namespace

std::string diagram_dot(const Diagram& d) { return write_dot(build_graph(d).get()); }

std::string render_diagram(const Diagram& d, std::string_view format) {
    if (format == "dot") return diagram_dot(d);
    if (format != "svg" && format != "png" && format != "pdf")
        throw std::invalid_argument("render_diagram: unknown format " + std::string(format));
    Context gvc;
    GraphPtr g = build_graph(d);
    LaidOut layout(gvc, g.get(), d.layout == Layout::sfdp ? "sfdp" : "dot");
    char* data = nullptr;
    unsigned int len = 0;
    const std::string fmt_name(format);
    if (gvRenderData(gvc.get(), g.get(), gv(fmt_name.c_str()), &data, &len) != 0)
        throw std::runtime_error("Graphviz: cannot render " + fmt_name);
    std::string out(data, len);
    gvFreeRenderData(data);
    return out;
}

}  // namespace chokepoint::viz
