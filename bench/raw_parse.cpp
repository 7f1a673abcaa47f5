// The load limit for the benchmark: read a file and build a RapidJSON DOM of it, nothing else.
// Prints one JSON line: {"bytes":..., "read_s":..., "parse_s":..., "total_s":...}.
#include <rapidjson/document.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: raw_parse FILE\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(argv[1], "rb"), &std::fclose);
    if (!f) {
        std::perror(argv[1]);
        return 2;
    }
    std::string text;
    char buf[1 << 16];
    for (std::size_t got; (got = std::fread(buf, 1, sizeof buf, f.get())) > 0;)
        text.append(buf, got);
    const auto t1 = Clock::now();
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    const auto t2 = Clock::now();
    if (doc.HasParseError()) {
        std::fprintf(stderr, "%s: parse error at byte %zu\n", argv[1], doc.GetErrorOffset());
        return 1;
    }
    auto secs = [](auto d) { return std::chrono::duration<double>(d).count(); };
    std::printf(
        "{\"bytes\":%zu,\"read_s\":%.6f,\"parse_s\":%.6f,\"total_s\":%.6f,\"members\":%u}\n",
        text.size(), secs(t1 - t0), secs(t2 - t1), secs(t2 - t0), doc.MemberCount());
    return 0;
}
