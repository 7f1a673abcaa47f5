#!/usr/bin/python3
"""Computes the per-dataset tables of docs/datasets.md from the bundled datasets.

For each dataset, two Markdown tables:
  units:  stage, commodity, unit, producer nodes, total output (one row per commodity);
  shares: stage, commodity, the top country by location and by owner with its share of the
          commodity's output, the share located in ZZ ("Rest of world"), and the sources.

Shares follow docs/format.md: a commodity's market is all nodes producing it, measured over
`output`. Location view: a node's output goes to its `country`. Owner view (equity): a node's
output is split among its owners' countries by share; a node without owners counts fully for its
location. ZZ is not a country, so it is never the "top country"; its location share is shown
apart. Ties go to the country code that sorts first.

Sources: a source id marked * is the source of a row in datasets/<name>.figures.csv that checks
the number shown (tests/datasets/bundled_test.cpp compares those rows with the data, tolerance
0.01). Without such a row, the source shown is the one cited by the largest part of the
commodity's output (modelling sources `chokepoint-*` left out).

The shares come from the tool itself: `chokepoint concentration FILE --by location,owner
--format json` (--chokepoint BIN names the program, default build/tools/chokepoint); this script
only picks the top non-ZZ country and lays out the Markdown.

usage:
  /usr/bin/python3 tools/dataset_tables.py [--chokepoint BIN]   print the tables
  /usr/bin/python3 tools/dataset_tables.py --update docs/datasets.md
  /usr/bin/python3 tools/dataset_tables.py --check docs/datasets.md
The doc holds each dataset's tables between `<!-- dataset_tables NAME -->` and
`<!-- /dataset_tables NAME -->`; --update rewrites those regions, --check exits 1 if any differs.
Run from the repository root (or pass --root DIR).
"""
import argparse
import csv
import json
import math
import os
import re
import subprocess
import sys

DATASETS = ["cobalt_batteries", "semiconductors", "solar_pv", "cobalt_mini"]


def format_number(v, max_decimals=3):
    """Same rule as tools/table.cpp format_number: integers and values >= 100 without decimals,
    else up to `max_decimals` significant decimals, thousands separated by commas."""
    a = abs(v)
    if a >= 100 or a == math.floor(a):
        s = f"{a:,.0f}"
    else:
        decimals = max_decimals - 1 if a >= 1 else max_decimals + max(0, -math.floor(math.log10(a)) - 1)
        s = f"{a:.{min(decimals, 12)}f}".rstrip("0").rstrip(".")
        whole, _, frac = s.partition(".")
        s = f"{int(whole):,}" + ("." + frac if frac else "")
    return ("-" if v < 0 and s != "0" else "") + s


def percent(fraction):
    return f"{fraction * 100:.1f}%"


def load(root, name):
    with open(os.path.join(root, "datasets", name + ".json"), encoding="utf-8") as f:
        data = json.load(f)
    figures = []
    path = os.path.join(root, "datasets", name + ".figures.csv")
    if os.path.exists(path):
        with open(path, encoding="utf-8", newline="") as f:
            figures = list(csv.DictReader(f))
    return data, figures


def commodities(data):
    """Commodities in stage order, then in order of their first producer in the file."""
    stage_rank = {s["id"]: i for i, s in enumerate(data["stages"])}
    order = {}
    for i, n in enumerate(data["nodes"]):
        c = n["commodity"]
        if c not in order:
            order[c] = (stage_rank[n["stage"]], i, n["stage"], n.get("unit", ""))
    return sorted(order.items(), key=lambda kv: kv[1][:2])


def concentration(chokepoint, root, name):
    """Commodity -> {"location": {country: share}, "owner": {country: share}} from the tool."""
    out = subprocess.run([chokepoint, "concentration", os.path.join("datasets", name + ".json"),
                          "--by", "location,owner", "--format", "json"],
                         cwd=root, capture_output=True, text=True, check=True).stdout
    return {m["commodity"]: {view: {s["key"]: s["share"] for s in m["by"][view]["shares"]}
                             for view in ("location", "owner")}
            for m in json.loads(out)["markets"]}


def top(share_by_country):
    ranked = sorted(((-s, k) for k, s in share_by_country.items() if k != "ZZ" and s > 0))
    return (ranked[0][1], -ranked[0][0]) if ranked else (None, 0.0)


def main_source(nodes):
    weight = {}
    for n in nodes:
        for s in n.get("sources", []):
            if not s.startswith("chokepoint-"):
                weight[s] = weight.get(s, 0.0) + n["output"]
    return min(weight, key=lambda s: (-weight[s], s)) if weight else "chokepoint-allocation"


def tables(data, figures, conc):
    rows_units, rows_shares = [], []
    for commodity, (_, _, stage, unit) in commodities(data):
        nodes = [n for n in data["nodes"] if n["commodity"] == commodity]
        total = sum(n["output"] for n in nodes)
        rows_units.append([stage, commodity, unit, str(len(nodes)), format_number(total)])
        loc, own = conc[commodity]["location"], conc[commodity]["owner"]
        (lk, ls), (ok, os_) = top(loc), top(own)
        cited = []
        for f in figures:
            if f["commodity"] != commodity:
                continue
            if (f["view"], f["key"]) in (("location", lk), ("owner", ok)):
                mark = f["source"] + "*"
                if mark not in cited:
                    cited.append(mark)
        sources = ", ".join(cited) if cited else main_source(nodes)
        zz = loc.get("ZZ", 0.0)
        rows_shares.append([
            stage, commodity,
            f"{lk} {percent(ls)}" if lk else "—",
            f"{ok} {percent(os_)}" if ok else "—",
            percent(zz) if zz > 0 else "—",
            sources,
        ])
    return (markdown(["stage", "commodity", "unit", "nodes", "total output"], rows_units, right={3, 4}),
            markdown(["stage", "commodity", "top country by location", "top country by owner",
                      "in ZZ", "source"], rows_shares, right={2, 3, 4}))


def markdown(headers, rows, right=()):
    align = ["---:" if i in right else "---" for i in range(len(headers))]
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def block(root, name, chokepoint):
    data, figures = load(root, name)
    units, share_table = tables(data, figures, concentration(chokepoint, root, name))
    body = f"Units ({format_number(len(data['nodes']))} nodes, {format_number(len(data['edges']))} edges):\n\n{units}\n"
    body += f"Top country per commodity:\n\n{share_table}"
    return body


def region(name):
    return re.compile(rf"(<!-- dataset_tables {re.escape(name)} -->\n)(.*?)(<!-- /dataset_tables {re.escape(name)} -->)",
                      re.S)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", default=".")
    ap.add_argument("--update", metavar="DOC")
    ap.add_argument("--check", metavar="DOC")
    ap.add_argument("--chokepoint", default="build/tools/chokepoint", metavar="BIN")
    args = ap.parse_args()
    chokepoint = os.path.abspath(args.chokepoint)
    blocks = {name: block(args.root, name, chokepoint) for name in DATASETS}
    doc = args.update or args.check
    if not doc:
        for name, b in blocks.items():
            print(f"<!-- dataset_tables {name} -->\n{b}<!-- /dataset_tables {name} -->\n")
        return 0
    path = doc if os.path.isabs(doc) else os.path.join(args.root, doc)
    text = open(path, encoding="utf-8").read()
    new, stale = text, []
    for name, b in blocks.items():
        m = region(name).search(new)
        if not m:
            stale.append(f"{name} (no marked region)")
            continue
        if m.group(2) != b:
            stale.append(name)
            new = new[:m.start(2)] + b + new[m.end(2):]
    if args.check:
        for s in stale:
            print(f"{doc}: tables for {s} are out of date; run "
                  f"/usr/bin/python3 tools/dataset_tables.py --update {doc}")
        return 1 if stale else 0
    if new != text:
        open(path, "w", encoding="utf-8").write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
