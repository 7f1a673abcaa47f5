#pragma once
// Runs the chokepoint CLI in-process for tests: chokepoint::cli::run with captured streams.

#include <sstream>
#include <string>
#include <vector>

#include "tools/cli.hpp"

namespace chokepoint::test {

struct CliResult {
    int code;
    std::string out, err;
};

inline CliResult run_cli(const std::vector<std::string>& args) {
    std::vector<std::string> words{"chokepoint"};
    words.insert(words.end(), args.begin(), args.end());
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    std::ostringstream out, err;
    const int code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

inline std::string fixture(const std::string& name) {
    return std::string(CHOKEPOINT_SOURCE_DIR) + "/tests/fixtures/" + name;
}

}  // namespace chokepoint::test
