// CSV tables (datasets/csv.cpp) and every error import_csv reports, each message pinned.
#include "datasets/csv.hpp"

#include <catch2/catch.hpp>
#include <map>

#include "datasets/csv_import.hpp"
#include "tests/support/files.hpp"

using namespace chokepoint;
using chokepoint::test::TempDir;

namespace {

std::string parse_error(std::string_view text) {
    try {
        parse_csv(text, "t.csv");
    } catch (const DatasetError& e) {
        return e.messages().at(0);
    }
    return "";
}

const std::string kNodes =
    "id,stage,commodity,country,output\na,mine,ore,CD,10\nb,refine,metal,CN,5\n";
const std::string kEdges = "from,to,flow\na,b,4\n";

// Writes the files (nodes.csv and edges.csv default to kNodes/kEdges unless given; "" leaves
// a file out) and imports them; the messages with the folder prefix removed.
struct Result {
    std::vector<std::string> errors, warnings;
};
Result import(std::map<std::string, std::string> files, CsvImportOptions opts = {}) {
    TempDir d;
    files.emplace("nodes.csv", kNodes);
    files.emplace("edges.csv", kEdges);
    CsvFiles f;
    std::map<std::string, std::string*> slot{
        {"nodes.csv", &f.nodes},     {"edges.csv", &f.edges},   {"owners.csv", &f.owners},
        {"sources.csv", &f.sources}, {"stages.csv", &f.stages}, {"groups.csv", &f.groups},
        {"dataset.csv", &f.dataset}};
    for (const auto& [name, text] : files)
        if (!text.empty()) *slot.at(name) = d.write(name, text);
    const std::string prefix = d.path().string() + "/";
    auto strip = [&](std::vector<std::string> v) {
        for (auto& m : v)
            if (m.starts_with(prefix)) m.erase(0, prefix.size());
        return v;
    };
    try {
        return {{}, strip(import_csv(f, opts).warnings)};
    } catch (const DatasetError& e) {
        return {strip(e.messages()), {}};
    }
}

std::vector<std::string> errors(std::map<std::string, std::string> files,
                                CsvImportOptions opts = {}) {
    return import(std::move(files), std::move(opts)).errors;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("parse_csv: quoted fields hold delimiters, doubled quotes and newlines") {
    const auto t = parse_csv("a,b\n1,\"x, \"\"y\"\"\nz\"\n3,4\n", "t.csv");
    CHECK(t.delimiter == ',');
    CHECK(t.header == V{"a", "b"});
    REQUIRE(t.num_rows() == 2);
    CHECK(t.row(0) == V{"1", "x, \"y\"\nz"});
    CHECK(t.row(1) == V{"3", "4"});
    CHECK(t.lines == std::vector<std::size_t>{2, 4});  // the record after a 2-line field
}

TEST_CASE("parse_csv: CRLF, no final newline, blank and all-empty rows skipped") {
    const auto t = parse_csv("a,b\r\n1,2\r\n\r\n,\r\n3,\"4\"", "t.csv");
    REQUIRE(t.num_rows() == 2);
    CHECK(t.row(0) == V{"1", "2"});
    CHECK(t.row(1) == V{"3", "4"});
    CHECK(t.lines == std::vector<std::size_t>{2, 5});
}

TEST_CASE("parse_csv: a UTF-8 byte order mark is skipped and ';' is detected") {
    const auto t = parse_csv("\xEF\xBB\xBFid;name;\"x,y\"\nk;\"a;b\";1,5\n", "t.csv");
    CHECK(t.delimiter == ';');
    CHECK(t.header == V{"id", "name", "x,y"});
    CHECK(t.row(0) == V{"k", "a;b", "1,5"});
    CHECK(parse_csv("a;b,c,d\n1;2,3,4\n", "t.csv").delimiter == ',');  // more commas
}

TEST_CASE("parse_csv: a header with one column and an empty field") {
    const auto t = parse_csv("id\nx\n\ny\n", "t.csv");
    REQUIRE(t.num_rows() == 2);
    CHECK(t.row(0) == V{"x"});
    CHECK(t.row(1) == V{"y"});
    CHECK(t.field(1, 0) == "y");
    CHECK(parse_csv("a,b\n", "t.csv").num_rows() == 0);
}

TEST_CASE("parse_csv: syntax errors name the file and line") {
    CHECK(parse_error("") == "t.csv: empty file (a header row is required)");
    CHECK(parse_error("\n1\n") == "t.csv: empty file (a header row is required)");
    CHECK(parse_error("a,b\n1,\"2\n3\n") == "t.csv:2: quoted field is never closed");
    CHECK(parse_error("a,b\n1,\"2\"x\n") == "t.csv:2: text after the closing quote of a field");
    CHECK(parse_error("a,b\n1,2\"3\n") ==
          "t.csv:2: quote inside an unquoted field (quote the whole field and double the quote)");
    CHECK(parse_error("a,b\n1,2\n1,2,3\n") ==
          "t.csv:3: expected 2 fields (as in the header), got 3");
    CHECK(parse_error("a,b\n1\n") == "t.csv:2: expected 2 fields (as in the header), got 1");
    CHECK(parse_error("a,a\n") == "t.csv:1: duplicate column \"a\"");
    CHECK(parse_error("a,,b\n") == "t.csv:1: column 2 has an empty name");
    CHECK(parse_error("a\nok\n\xC3\x28\n") == "t.csv:3: text is not valid UTF-8");
    CHECK(parse_error("a\n\xED\xA0\x80\n") == "t.csv:2: text is not valid UTF-8");  // surrogate
    CHECK(parse_error(std::string("\xFF\xFE"
                                  "a\0",
                                  4)) == "t.csv: not UTF-8 text (looks like UTF-16 or UTF-32)");
}

TEST_CASE("load_csv: a missing file and a folder") {
    TempDir d;
    CHECK_THROWS_WITH(load_csv(d / "none.csv", "none.csv"),
                      "none.csv: cannot open: No such file or directory");
    CHECK_THROWS_WITH(load_csv(d.path().string(), "dir"), "dir: is a directory");
}

TEST_CASE("parse_csv_number: decimals, spaces, decimal comma only when asked") {
    CHECK(parse_csv_number("12.5", false) == 12.5);
    CHECK(parse_csv_number(" 7 ", false) == 7);
    CHECK(parse_csv_number("+3", false) == 3);
    CHECK(parse_csv_number("1e3", false) == 1000);
    CHECK(parse_csv_number("-0.25", false) == -0.25);
    CHECK(parse_csv_number("1,5", true) == 1.5);
    CHECK_FALSE(parse_csv_number("1,5", false));
    CHECK_FALSE(parse_csv_number("1,234.5", true));  // no thousands separators
    CHECK_FALSE(parse_csv_number("1,234,5", true));
    for (const char* bad : {"", " ", "abc", "12abc", "nan", "inf", "1e999", "++1"})
        CHECK_FALSE(parse_csv_number(bad, false));
}

TEST_CASE("csv_quote: quotes only when needed, doubling quotes") {
    CHECK(csv_quote("plain") == "plain");
    CHECK(csv_quote("a,b") == "\"a,b\"");
    CHECK(csv_quote("a;b") == "a;b");
    CHECK(csv_quote("a;b", ';') == "\"a;b\"");
    CHECK(csv_quote("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_quote("two\nlines") == "\"two\nlines\"");
    CHECK(csv_quote(" padded") == "\" padded\"");
    CHECK(csv_quote("") == "");
}

TEST_CASE("import_csv: node errors name file, line and column") {
    CHECK(errors({{"nodes.csv", "id,stage,commodity,country,output\na,mine,ore,XX,10\n"}}) ==
          V{"nodes.csv:2: column \"country\": \"XX\" is not an ISO 3166-1 code",
            "edges.csv:2: column \"to\": unknown node \"b\""});
    CHECK(errors({{"nodes.csv", "id,stage,commodity,output\na,mine,ore,10\n"}}) ==
          V{"nodes.csv:1: missing required column \"country\""});
    CHECK(errors({{"nodes.csv", kNodes + ",mine,ore,CD,1\n"}}) ==
          V{"nodes.csv:4: column \"id\": must not be empty"});
    CHECK(errors({{"nodes.csv", kNodes + "a,mine,ore,CD,1\n"}}) ==
          V{"nodes.csv:4: column \"id\": duplicate node id \"a\" (first on line 2)"});
    CHECK(errors({{"nodes.csv", kNodes + "c,mine,ore,cd,1\n"}}) ==
          V{"nodes.csv:4: column \"country\": \"cd\" is not an ISO 3166-1 code"});
    CHECK(errors({{"nodes.csv", kNodes + "c,mine,,CD,1\n"}}) ==
          V{"nodes.csv:4: column \"commodity\": must not be empty"});
    CHECK(errors({{"nodes.csv", kNodes + "c,,ore,CD,1\n"}}) ==
          V{"nodes.csv:4: column \"stage\": must not be empty"});
}

TEST_CASE("import_csv: number errors") {
    const std::string h = "id,stage,commodity,country,output,capacity,inventory_days\n";
    CHECK(errors({{"nodes.csv", h + "a,m,o,CD,ten,,\nb,m,o,CD,1,,\n"}}) ==
          V{"nodes.csv:2: column \"output\": \"ten\" is not a number"});
    CHECK(errors({{"nodes.csv", h + "a,m,o,CD,0,,\nb,m,o,CD,1,,\n"}}) ==
          V{"nodes.csv:2: column \"output\": must be > 0, got 0"});
    CHECK(errors({{"nodes.csv", h + "a,m,o,CD,,,\nb,m,o,CD,1,,\n"}}) ==
          V{"nodes.csv:2: column \"output\": must not be empty"});
    CHECK(errors({{"nodes.csv", h + "a,m,o,CD,10,5,\nb,m,o,CD,1,,\n"}}) ==
          V{"nodes.csv:2: column \"capacity\": must be >= output (10), got 5"});
    CHECK(errors({{"nodes.csv", h + "a,m,o,CD,10,,-1\nb,m,o,CD,1,,\n"}}) ==
          V{"nodes.csv:2: column \"inventory_days\": must be >= 0, got -1"});
    CHECK(errors({{"edges.csv", "from,to,flow\na,b,-4\n"}}) ==
          V{"edges.csv:2: column \"flow\": must be > 0, got -4"});
    CHECK(errors({{"edges.csv", "from,to,flow\na,b,x\n"}}) ==
          V{"edges.csv:2: column \"flow\": \"x\" is not a number"});
}

TEST_CASE("import_csv: stage errors") {
    CHECK(errors({}, {.stage_order = {"mine"}}) ==
          V{"nodes.csv:3: column \"stage\": unknown stage \"refine\""});
    CHECK(errors({{"stages.csv", "id,name\nmine,Mining\n"}}) ==
          V{"nodes.csv:3: column \"stage\": unknown stage \"refine\""});
    CHECK(errors({{"stages.csv", "id,name\nmine,M\nrefine,R\nmine,X\n"}}) ==
          V{"stages.csv:4: column \"id\": duplicate stage id \"mine\""});
    CHECK(errors({{"stages.csv", "id,name\nmine,M\nrefine,R\n"}}, {.stage_order = {"mine"}}) ==
          V{"stages.csv:3: column \"id\": stage \"refine\" is not in --stages",
            "nodes.csv:3: column \"stage\": unknown stage \"refine\""});
    CHECK(errors({}, {.stage_order = {"mine", "refine", "mine"}}) ==
          V{"--stages: stage \"mine\" is listed twice"});
}

TEST_CASE("import_csv: edge errors") {
    CHECK(errors({{"edges.csv", "from,to,flow\na,zz,4\n"}}) ==
          V{"edges.csv:2: column \"to\": unknown node \"zz\""});
    CHECK(errors({{"edges.csv", "from,to,flow\n,b,4\n"}}) ==
          V{"edges.csv:2: column \"from\": must not be empty"});
    CHECK(errors({{"edges.csv", "from,to,flow\na,a,4\n"}}) ==
          V{"edges.csv:2: self-loop on node \"a\""});
    CHECK(errors({{"edges.csv", "from,to,flow\na,b,4\nb,a,1\na,b,2\n"}}) ==
          V{"edges.csv:4: repeated edge \"a\" -> \"b\" (first on line 2)"});
    CHECK(errors({{"edges.csv", "from,flow\na,4\n"}}) ==
          V{"edges.csv:1: missing required column \"to\""});
}

TEST_CASE("import_csv: owner errors") {
    const std::string h = "node,name,country,share\n";
    CHECK(errors({{"owners.csv", h + "zz,X,CN,1\n"}}) ==
          V{"owners.csv:2: column \"node\": unknown node \"zz\""});
    CHECK(errors({{"owners.csv", h + "a,X,CN,1.5\n"}}) ==
          V{"owners.csv:2: column \"share\": must be in (0, 1], got 1.5",
            "owners.csv:2: owner shares of node \"a\" sum to 1.5, not 1"});
    CHECK(errors({{"owners.csv", h + "b,X,CN,1\na,X,CN,0.6\na,Y,CD,0.3\n"}}) ==
          V{"owners.csv:3: owner shares of node \"a\" sum to 0.9, not 1"});
    CHECK(errors({{"owners.csv", h + "a,X,QQ,1\n"}}) ==
          V{"owners.csv:2: column \"country\": \"QQ\" is not an ISO 3166-1 code"});
    CHECK(errors({{"owners.csv", h + "a,,CN,1\n"}}) ==
          V{"owners.csv:2: column \"name\": must not be empty"});
}

TEST_CASE("import_csv: source, group and dataset errors") {
    const std::string n = "id,stage,commodity,country,output,sources\na,m,o,CD,1,s|nope\n";
    CHECK(errors({{"nodes.csv", n},
                  {"edges.csv", "from,to,flow\n"},
                  {"sources.csv", "id,citation\ns,Somewhere\n"}}) ==
          V{"nodes.csv:2: column \"sources\": unknown source \"nope\""});
    CHECK(errors({{"sources.csv", "id,citation\ns,A\ns,B\nt,\n"}}) ==
          V{"sources.csv:3: column \"id\": duplicate source id \"s\"",
            "sources.csv:4: column \"citation\": must not be empty"});
    CHECK(errors({{"sources.csv", "id,citation\n"}}) ==
          V{"sources.csv: must list at least one source"});
    CHECK(errors({{"sources.csv", "id,citation,year\ns,A,2020.5\n"}}) ==
          V{"sources.csv:2: column \"year\": \"2020.5\" is not a year"});
    CHECK(errors({{"groups.csv", "id,name,members\nG,Gee,US|XX\nG,Again,US\n"}}) ==
          V{"groups.csv:2: column \"members\": \"XX\" is not an ISO 3166-1 code",
            "groups.csv:3: column \"id\": duplicate group id \"G\""});
    CHECK(errors({{"dataset.csv", "field,value\nname,N\nyear,soon\n"}}) ==
          V{"dataset.csv:3: column \"value\": \"soon\" is not a number"});
    CHECK(errors({{"dataset.csv", "name,N\n"}}) ==
          V{"dataset.csv:1: missing required column \"field\"",
            "dataset.csv:1: missing required column \"value\""});
}

TEST_CASE("import_csv: syntax errors stop at the first, content errors are all reported") {
    CHECK(errors({{"edges.csv", "from,to,flow\n\"a,b,4\n"}}) ==
          V{"edges.csv:2: quoted field is never closed"});
    CHECK(
        errors({{"nodes.csv", kNodes + "c,m,o,XX,0\n"}, {"edges.csv", "from,to,flow\na,a,1\n"}}) ==
        V{"nodes.csv:4: column \"country\": \"XX\" is not an ISO 3166-1 code",
          "nodes.csv:4: column \"output\": must be > 0, got 0",
          "edges.csv:2: self-loop on node \"a\""});
    std::string many = "id,stage,commodity,country,output\n";
    for (int i = 0; i < 150; ++i) many += "n" + std::to_string(i) + ",m,o,XX,1\n";
    const auto e = errors({{"nodes.csv", many}, {"edges.csv", ""}});
    REQUIRE(e.size() == kMaxErrors + 1);
    CHECK(e.back() == "too many errors; stopped after 100");
}

TEST_CASE("import_csv: unknown columns and missing sources are warnings") {
    const auto r = import({{"nodes.csv",
                            "id,stage,commodity,country,output,colour\n"
                            "a,m,o,CD,1,red\nb,m,o,CN,1,blue\n"},
                           {"dataset.csv", "field,value\nname,N\nauthor,me\n"}});
    CHECK(r.errors.empty());
    CHECK(r.warnings ==
          V{"dataset.csv:3: warning: unknown field \"author\" is ignored",
            "nodes.csv: warning: no sources.csv given; the dataset cites the CSV files as its "
            "only source",
            "nodes.csv:1: warning: unknown column \"colour\" is ignored"});
}

TEST_CASE("import_csv: without a nodes file") {
    CHECK_THROWS_WITH(import_csv(CsvFiles{}), "no nodes file given");
}
