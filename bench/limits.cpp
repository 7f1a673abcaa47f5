// The limits bench/run.py compares kernels with, on the loaded graph (load time excluded):
// one DFS from every source over the CSR (the dominators limit) and one bare edge scan in
// topological order per country scenario (the sweep limit). Prints one JSON line with the median
// of REPEATS runs of each.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "datasets/loader.hpp"

using namespace chokepoint;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Nodes reached from the sources, by an iterative DFS over out-edges.
std::size_t dfs(const SupplyGraph& g) {
    const auto off = g.out_offsets();
    const auto to = g.edge_targets();
    std::vector<char> seen(g.num_nodes(), 0);
    std::vector<NodeId> stack;
    std::size_t reached = 0;
    for (NodeId s : g.source_nodes()) {
        seen[s] = 1;
        stack.push_back(s);
        while (!stack.empty()) {
            const NodeId v = stack.back();
            stack.pop_back();
            ++reached;
            for (auto e = off[v]; e < off[v + 1]; ++e) {
                if (!seen[to[e]]) {
                    seen[to[e]] = 1;
                    stack.push_back(to[e]);
                }
            }
        }
    }
    return reached;
}

// One pass per country in topological order: a node's fraction is its surviving inflow share.
double scan(const SupplyGraph& g) {
    const std::size_t n = g.num_nodes();
    std::vector<double> base(n, 0), got(n), frac(n);
    for (EdgeId e = 0; e < g.num_edges(); ++e) base[g.to(e)] += g.flow(e);
    const auto off = g.out_offsets();
    const auto to = g.edge_targets();
    double total = 0;
    for (Country c : g.countries()) {
        std::fill(got.begin(), got.end(), 0.0);
        for (NodeId v : g.topological_order()) {
            const double f = g.country(v) == c ? 0.0
                             : base[v] > 0     ? std::min(1.0, got[v] / base[v])
                                               : 1.0;
            frac[v] = f;
            for (auto e = off[v]; e < off[v + 1]; ++e) got[to[e]] += g.flow(e) * f;
        }
        for (NodeId v : g.end_producers()) total += frac[v];
    }
    return total;
}

template <class F>
double median_time(int repeats, F&& f) {
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        f();
        t.push_back(seconds_since(t0));
    }
    std::sort(t.begin(), t.end());
    return t[t.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: limits FILE [REPEATS]\n");
        return 2;
    }
    const int repeats = argc > 2 ? std::max(1, std::stoi(argv[2])) : 3;
    const auto t0 = std::chrono::steady_clock::now();
    const Dataset d = load_dataset(argv[1]);
    const double load_s = seconds_since(t0);
    std::size_t reached = 0;
    double check = 0;
    const double dfs_s = median_time(repeats, [&] { reached = dfs(d.graph); });
    const double scan_s = median_time(repeats, [&] { check = scan(d.graph); });
    std::printf(
        "{\"load_s\":%.6f,\"dfs_s\":%.6f,\"reached\":%zu,\"scan_s\":%.6f,\"scenarios\":%zu,"
        "\"check\":%.6g}\n",
        load_s, dfs_s, reached, scan_s, d.graph.countries().size(), check);
    return 0;
}
