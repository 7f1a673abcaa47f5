#include "viz/escape.hpp"

#include <catch2/catch.hpp>

using namespace chokepoint::viz;

TEST_CASE("escape_html: markup characters become entities") {
    CHECK(escape_html(R"(a<b>&"c"'d)") == "a&lt;b&gt;&amp;&quot;c&quot;&#39;d");
    CHECK(escape_html("x\ny") == "x\ny");
    CHECK(escape_html("x\r\ny", true) == "x<BR/>y");
    CHECK(escape_html("{a|b} \\N") == "{a|b} \\N");
    CHECK(escape_html("") == "");
}

TEST_CASE("escape_dot_text: backslashes and newlines stay literal") {
    CHECK(escape_dot_text(R"(C:\N\n)") == R"(C:\\N\\n)");
    CHECK(escape_dot_text("a\nb") == R"(a\nb)");
    CHECK(escape_dot_text(R"("quoted" {brace} <x> &)") == R"("quoted" {brace} <x> &)");
}

TEST_CASE("escape_graphviz_html: backslashes doubled, newlines as <BR/>") {
    CHECK(escape_graphviz_html("a\\N <b>\nc") == "a\\\\N &lt;b&gt;<BR/>c");
    CHECK(escape_graphviz_html("") == "");
}
