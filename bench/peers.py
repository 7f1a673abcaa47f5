#!/usr/bin/python3
"""The peers bench/run.py runs chokepoint against, one kernel per process.

    /usr/bin/python3 bench/peers.py KERNEL PEER FILE

Prints one JSON line: {"seconds": time of the kernel alone, "build_s": time to read the JSON and
build the peer's graph, "note": ...}. For the load kernel "seconds" is the whole read-and-build.
Peers: networkx, igraph, graph-tool (2 OpenMP threads) and plain Python ("python").
"""
import json
import sys
import time
from collections import defaultdict


def read(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def nx_graph(doc):
    import networkx as nx

    g = nx.DiGraph()
    for n in doc["nodes"]:
        g.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    for e in doc["edges"]:
        g.add_edge(e["from"], e["to"], flow=e["flow"])
    return g


def index_edges(doc):
    index = {n["id"]: i for i, n in enumerate(doc["nodes"])}
    return len(index), [(index[e["from"]], index[e["to"]]) for e in doc["edges"]]


def ends(n, edges):
    indeg, outdeg = [0] * n, [0] * n
    for a, b in edges:
        outdeg[a] += 1
        indeg[b] += 1
    return [v for v in range(n) if indeg[v] == 0], [v for v in range(n) if outdeg[v] == 0]


def timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


# Each runner returns (kernel seconds, note); building the graph is timed by the caller.
def build(peer, doc):
    if peer == "networkx":
        return nx_graph(doc)
    n, edges = index_edges(doc)
    if peer == "igraph":
        import igraph

        return igraph.Graph(n=n, edges=edges, directed=True), n, edges
    if peer == "graph-tool":
        import graph_tool

        graph_tool.openmp_set_num_threads(2)
        g = graph_tool.Graph(directed=True)
        g.add_vertex(n)
        g.add_edge_list(edges)
        return g, n, edges
    return doc


def betweenness_sp(peer, g):
    if peer == "networkx":
        import networkx as nx

        src = [v for v, d in g.in_degree() if d == 0]
        dst = [v for v, d in g.out_degree() if d == 0]
        return timed(lambda: nx.betweenness_centrality_subset(g, src, dst, normalized=False)), ""
    if peer == "graph-tool":
        from graph_tool.centrality import betweenness

        gg, n, edges = g
        src, _ = ends(n, edges)
        note = "sources to all targets (graph-tool has no target subset)"
        return timed(lambda: betweenness(gg, pivots=src, norm=False)), note
    raise KeyError(peer)


def betweenness(peer, g):
    if peer == "networkx":
        import networkx as nx

        return timed(lambda: nx.betweenness_centrality(g, normalized=False)), ""
    if peer == "igraph":
        return timed(lambda: g[0].betweenness(directed=True)), ""
    if peer == "graph-tool":
        from graph_tool.centrality import betweenness as gt_betweenness

        return timed(lambda: gt_betweenness(g[0], norm=False)), ""
    raise KeyError(peer)


def dominators(peer, g):
    import networkx as nx

    root = ("__root__",)
    g.add_node(root)
    g.add_edges_from((root, v) for v, d in list(g.in_degree()) if d == 0 and v != root)
    return timed(lambda: nx.immediate_dominators(g, root)), ""


def sweep(peer, doc):
    """The immediate model of FORMAT.md, one scenario per location country, written plainly."""
    nodes = {n["id"]: n for n in doc["nodes"]}
    inputs = defaultdict(lambda: defaultdict(list))  # node -> commodity -> [(supplier, flow)]
    has_out = set()
    for e in doc["edges"]:
        inputs[e["to"]][nodes[e["from"]]["commodity"]].append((e["from"], e["flow"]))
        has_out.add(e["from"])
    ends_ = [v for v in nodes if v not in has_out]

    def run():
        losses = {}
        for country in sorted({n["country"] for n in nodes.values()}):
            frac = {v: 1.0 for v in nodes}
            for _ in range(100):  # to the fixed point (one round when acyclic and sorted)
                changed = False
                for v, n in nodes.items():
                    if n["country"] == country:
                        f = 0.0
                    elif v not in inputs:
                        f = 1.0
                    else:
                        f = min(sum(q * frac[s] for s, q in sup) / sum(q for _, q in sup)
                                for sup in inputs[v].values())
                    if abs(f - frac[v]) > 1e-12:
                        frac[v], changed = f, True
                if not changed:
                    break
            by = defaultdict(lambda: [0.0, 0.0])
            for v in ends_:
                by[nodes[v]["commodity"]][0] += nodes[v]["output"] * frac[v]
                by[nodes[v]["commodity"]][1] += nodes[v]["output"]
            losses[country] = {p: 1 - a / b for p, (a, b) in by.items()}
        return losses

    return timed(run), "fixed-point iteration in file order"


def concentration(peer, doc):
    """HHI, CR1 and CR3 per commodity by location and by controlling owner country."""
    def control(n):
        owners = n.get("owners") or []
        top = max(owners, key=lambda o: o["share"], default=None)
        return top["country"] if top and top["share"] >= 0.5 else n["country"]

    def run():
        out = {}
        for view, key in (("location", lambda n: n["country"]), ("owner", control)):
            totals = defaultdict(lambda: defaultdict(float))
            for n in doc["nodes"]:
                totals[n["commodity"]][key(n)] += n["output"]
            for c, per in totals.items():
                total = sum(per.values())
                shares = sorted((x / total for x in per.values()), reverse=True)
                out[(view, c)] = (sum(s * s for s in shares), shares[0], sum(shares[:3]))
        return out

    return timed(run), ""


KERNELS = {"betweenness-sp": betweenness_sp, "betweenness": betweenness,
           "dominators": dominators, "sweep": sweep, "concentration": concentration}


def main():
    kernel, peer, path = sys.argv[1:4]
    t0 = time.perf_counter()
    doc = read(path)
    if kernel == "load":
        nx_graph(doc)
        print(json.dumps({"seconds": time.perf_counter() - t0, "build_s": None, "note": ""}))
        return
    g = build(peer, doc)
    build_s = time.perf_counter() - t0
    seconds, note = KERNELS[kernel](peer, g)
    print(json.dumps({"seconds": seconds, "build_s": build_s, "note": note}))


if __name__ == "__main__":
    main()
