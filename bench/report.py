"""bench/results.json -> bench/RESULTS.md (used by bench/run.py; also runnable on its own:
/usr/bin/python3 bench/report.py rewrites RESULTS.md from results.json)."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TITLES = {
    "load": "Load (`chokepoint info`)",
    "betweenness-sp": "Betweenness, source → end producer, exact "
                      "(`centrality --measure betweenness-sp --exact`)",
    "betweenness": "Betweenness, all pairs, exact (`centrality --measure betweenness --exact`)",
    "dominators": "Dominators (`spof`)",
    "sweep": "All-country sweep, immediate model (`sweep`)",
    "concentration": "Concentration (`concentration --by location,owner`)",
    "render": "Render, aggregated (`render --aggregate country`)",
}
LIMITS = {"raw_parse": "RapidJSON raw DOM parse", "dfs": "one DFS over the CSR",
          "scan": "bare CSR edge scan × scenarios"}


def secs(x):
    if x is None:
        return "–"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


PEER_TIMEOUT_S = 1200  # run.py kills a run after 2 × BUDGET_S: a timeout is a lower bound


def status(r):
    if r is None:
        return "–"
    if r.get("status") == "timeout":
        return f"timeout (> {PEER_TIMEOUT_S} s)"
    if r.get("status") == "ok":
        once = len(r.get("runs", [])) == 1 and r.get("repeats", 3) > 1
        return secs(r.get("seconds")) + (" (1 run)" if once else "")
    note = r.get("note", "")
    return r["status"] + (f" ({note})" if note and r["status"] in ("skipped", "error") else "")


def own_time(entry):
    c = entry["chokepoint"]
    if c.get("status") != "ok":
        return None
    return c.get("kernel_s", c.get("seconds")) if entry["kernel"] != "load" else c["seconds"]


def ratio(a, b):
    return f"{a / b:.1f}×" if a and b else "–"


def kernel_table(kernel, entries):
    peers = list(entries[0]["peers"].keys())
    limit = next((e["limit"]["name"] for e in entries if e["limit"]), None)
    head = ["nodes", "edges", "feedback", "chokepoint s"]
    if kernel != "load":
        head.append("own s")
    head += ["peak RSS MB", "RSS B/edge"]
    for p in peers:
        head += [f"{p} s", f"{p} ÷ chokepoint"]
    if limit:
        head += [f"limit: {LIMITS[limit]} s",
                 "rate vs limit" if kernel == "load" else "chokepoint ÷ limit"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for e in entries:
        c = e["chokepoint"]
        own = own_time(e)
        rss = c.get("rss_kb")
        row = [f"{e['nodes']:,}", f"{e['edges']:,}", f"{e['feedback']:g}", status(c)]
        if kernel != "load":
            row.append(secs(c.get("kernel_s")) if c.get("status") == "ok" else "")
        row += [f"{rss / 1024:.0f}" if rss else "–",
                f"{rss * 1024 / e['edges']:.0f}" if rss and e["edges"] else "–"]
        for p in peers:
            r = e["peers"].get(p)
            if r and r.get("status") == "timeout" and own:
                row += [status(r), f"> {PEER_TIMEOUT_S / own:.0f}×"]
                continue
            row += [status(r), ratio(r.get("seconds"), own) if r and r.get("status") == "ok" else ""]
        if limit:
            lim = (e["limit"] or {}).get("seconds")
            row.append(secs(lim))
            if kernel == "load":
                row.append(f"{100 * lim / own:.0f}% of raw parse rate" if lim and own else "–")
            else:
                row.append(ratio(own, lim))
        rows.append("| " + " | ".join(row) + " |")
    return "\n".join(rows)


def find(result, kernel, nodes, feedback=None):
    return [e for e in result["results"] if e["kernel"] == kernel and e["nodes"] == nodes
            and (feedback is None or e["feedback"] == feedback)]


def verdict(ok, text):
    return ("met" if ok else "**missed**") + ": " + text


def targets(result):
    out = []
    for e in find(result, "betweenness-sp", 10**5):
        own = own_time(e)
        if own is None:
            out.append(f"- betweenness-sp at 10⁵ (feedback {e['feedback']:g}): "
                       f"{e['chokepoint']['status']}")
            continue
        for peer, need in (("igraph", 1.0), ("graph-tool", 1.0), ("networkx", 100.0)):
            r = e["peers"].get(peer, {})
            if r.get("status") == "timeout":
                x = PEER_TIMEOUT_S / own
                out.append(f"- betweenness-sp at 10⁵ vs {peer} (feedback {e['feedback']:g}), target "
                           f"≥ {need:g}× faster: " + verdict(x >= need, f"> {x:.0f}× ({peer} "
                                                                        f"killed after {PEER_TIMEOUT_S} s)"))
                continue
            if r.get("status") != "ok":
                out.append(f"- betweenness-sp at 10⁵ vs {peer} (feedback {e['feedback']:g}): "
                           f"{status(r)}")
                continue
            x = r["seconds"] / own
            out.append(f"- betweenness-sp at 10⁵ vs {peer} (feedback {e['feedback']:g}), target "
                       f"≥ {need:g}× faster: " + verdict(x >= need, f"{x:.1f}×"))
    for kernel, lim_name, need in (("sweep", "scan", 3.0), ("dominators", "dfs", 3.0)):
        sizes = sorted({e["nodes"] for e in result["results"] if e["kernel"] == kernel})
        for e in find(result, kernel, sizes[-1]) if sizes else []:
            own, lim = own_time(e), (e["limit"] or {}).get("seconds")
            label = f"- {kernel} at {e['nodes']:,} nodes (feedback {e['feedback']:g}), target " \
                    f"within {need:g}× of {LIMITS[lim_name]}: "
            out.append(label + (verdict(own / lim <= need, f"{own / lim:.1f}×") if own and lim
                                else e["chokepoint"]["status"]))
    sizes = sorted({e["nodes"] for e in result["results"] if e["kernel"] == "load"})
    for e in find(result, "load", sizes[-1]) if sizes else []:
        own, lim = own_time(e), (e["limit"] or {}).get("seconds")
        rss = e["chokepoint"].get("rss_kb")
        tag = f"{e['nodes']:,} nodes, feedback {e['feedback']:g}"
        if own and lim:
            out.append(f"- load at {tag}, target ≥ 50% of the raw parse rate: "
                       + verdict(lim / own >= 0.5, f"{100 * lim / own:.0f}%"))
        if rss:
            per = rss * 1024 / e["edges"]
            out.append(f"- peak memory of load at {tag}, target ≤ 150 B/edge: "
                       + verdict(per <= 150, f"{per:.0f} B/edge ({rss / 1024:.0f} MB)"))
    return "\n".join(out)


def write_markdown(result):
    m = result["machine"]
    lines = [
        "# Benchmark results",
        "",
        "Written by `/usr/bin/python3 bench/run.py` (bench/README.md explains the method). "
        f"Run: `{result['command']}`, {result['started']} – {result['finished']}, "
        f"median of {result['repeats']} runs, generator seed {result['seed']}.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; {m['os']}, Linux "
        f"{m['kernel']}; {m['compiler']}; Python {m['python']}, networkx {m['networkx']}, "
        f"python-igraph {m['igraph']}, graph-tool {m['graph-tool']}. Load average "
        f"{m['load_average_start']} at the start and {m.get('load_average_end')} at the end "
        "(the machine is shared: wall times are noisy).",
        "",
        "Times are wall seconds. chokepoint's time is the whole process (load included); "
        "\"own s\" is the kernel alone: the median load time of the same file subtracted, "
        "except for dominators, where it is the `dominators` phase that `spof --timing` "
        "reports (spof also finds articulation points and AND/OR SPOFs). Peers time their kernel "
        "alone (graph already built), except for load where networkx reads and builds. "
        "\"peer ÷ chokepoint\" > 1 means chokepoint is faster.",
        "",
        "## Targets",
        "",
        targets(result) or "(nothing measured yet)",
        "",
    ]
    notes = os.path.join(HERE, "notes.md")
    if os.path.exists(notes):
        lines += [open(notes, encoding="utf-8").read().rstrip(), ""]
    lines += ["## Graphs", "", "| nodes | feedback | edges | file MB |", "|---|---|---|---|"]
    for g in result["graphs"]:
        lines.append(f"| {g['nodes']:,} | {g['feedback']:g} | {g['edges']:,} | "
                     f"{g['bytes'] / 2**20:.1f} |")
    lines.append("")
    kernels = []
    for e in result["results"]:
        if e["kernel"] not in kernels:
            kernels.append(e["kernel"])
    for k in kernels:
        entries = [e for e in result["results"] if e["kernel"] == k]
        lines += [f"## {TITLES.get(k, k)}", "", kernel_table(k, entries), ""]
        notes_k = sorted({f"{p}: {r['note']}" for e in entries for p, r in e["peers"].items()
                          if r.get("status") == "ok" and r.get("note")})
        if notes_k:
            lines += ["Peer notes: " + "; ".join(notes_k) + ".", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    with open(os.path.join(HERE, "results.json"), encoding="utf-8") as f:
        res = json.load(f)
    with open(os.path.join(HERE, "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write(write_markdown(res))
