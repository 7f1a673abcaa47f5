#include "viz/html_report.hpp"

#include <catch2/catch.hpp>
#include <sstream>

using namespace chokepoint;
using namespace chokepoint::viz;

TEST_CASE("write_html_report: escaped text, sortable tables, prefixed figure ids") {
    HtmlReport r{"<Title> & co", "sub", {}};
    HtmlSection s{"s1", "Section \"one\"", {"para <b>"}, {}, {}, {"item & more"}};
    s.tables.push_back({"cap",
                        {"Name", "Value"},
                        {{{"x<y"}, {"12%", 0.12, heat_colour(0.5), {}}},
                         {{"cn", NAN, {}, *parse_country("CN")}, {"5"}}}});
    s.figures.push_back({"<?xml version=\"1.0\"?>\n<svg id=\"a\"><g id=\"b\"/></svg>", "fig"});
    r.sections.push_back(s);
    std::ostringstream out;
    write_html_report(out, r);
    const auto html = out.str();
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("<title>&lt;Title&gt; &amp; co</title>") != std::string::npos);
    CHECK(html.find("Section &quot;one&quot;") != std::string::npos);
    CHECK(html.find("<p>para &lt;b&gt;</p>") != std::string::npos);
    CHECK(html.find("<li>item &amp; more</li>") != std::string::npos);
    CHECK(html.find("<td>x&lt;y</td>") != std::string::npos);
    CHECK(html.find("class=\"num\" data-sort=\"0.12\"") != std::string::npos);
    CHECK(html.find(">CN</span>cn</td>") != std::string::npos);
    CHECK(html.find("<svg id=\"f1-a\"><g id=\"f1-b\"/></svg>") != std::string::npos);
    CHECK(html.find("<?xml") == std::string::npos);
    CHECK(html.find("table class=\"sortable\"") != std::string::npos);
    CHECK(html.find(" src=") == std::string::npos);  // nothing loaded from elsewhere
}

TEST_CASE("heat_colour: white to dark red, clamped") {
    CHECK(heat_colour(0) == "#FFFFFF");
    CHECK(heat_colour(1) == "#B2182B");
    CHECK(heat_colour(2) == "#B2182B");
    CHECK(heat_colour(-1) == "#FFFFFF");
    CHECK(heat_colour(NAN) == "#FFFFFF");
    CHECK(heat_colour(0.5) == "#D98C95");
}
