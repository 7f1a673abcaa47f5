"""Cross-check `chokepoint concentration` against an independent Python computation.

Usage (ctest does this): python3 concentration_crosscheck.py CHOKEPOINT_BINARY SOURCE_DIR

Writes seeded random datasets (owners, joint ventures, 50/50 ties, owner shares summing to
0.9995, nodes named like owners, a dataset group) to a temporary directory, runs the tool with
--format json and compares every number within 1e-9 (relative for large values).
"""

import json
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

TOL = 1e-9
COUNTRIES = ["AU", "CA", "CD", "CH", "CN", "DE", "FI", "ID", "JP", "KR", "US", "ZM"]
G7 = {"CA", "DE", "FR", "GB", "IT", "JP", "US"}
COMPANIES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
SPLITS = [[1.0], [0.8, 0.2], [0.5, 0.5], [0.6, 0.4], [0.4, 0.3, 0.3], [0.5, 0.4995],
          [0.25, 0.25, 0.5], [0.333, 0.333, 0.334]]
VIEWS = ["location", "owner", "owner-control", "company"]


def generate(seed):
    rng = random.Random(seed)
    n_stages = rng.randint(1, 3)
    stages = [f"s{i}" for i in range(n_stages)]
    n_comm = rng.randint(1, 5)
    commodity_stage = {f"c{rng.randint(0, 99):02d}x{i}": rng.randrange(n_stages)
                       for i in range(n_comm)}
    commodities = list(commodity_stage)
    n_nodes = 1 if seed == 0 else rng.randint(2, 60)
    local = rng.sample(COUNTRIES, rng.randint(1, 5))  # few countries: real concentration
    nodes = []
    for i in range(n_nodes):
        c = rng.choice(commodities)
        node = {"id": f"n{i}", "stage": stages[commodity_stage[c]], "commodity": c,
                "country": rng.choice(local),
                "output": rng.randint(1, 1000) if rng.random() < 0.7
                else round(rng.uniform(0.1, 500), 3),
                "unit": "t"}
        r = rng.random()
        if r < 0.2:
            node["name"] = rng.choice(COMPANIES)  # a node named like an owner
        elif r < 0.4:
            node["name"] = f"Plant {rng.randint(0, 3)}"  # shared plant names
        if rng.random() < 0.6:
            split = rng.choice(SPLITS)
            names = rng.sample(COMPANIES, len(split))
            node["owners"] = [{"name": nm, "country": rng.choice(COUNTRIES), "share": s}
                              for nm, s in zip(names, split)]
        nodes.append(node)
    edges, seen = [], set()
    for _ in range(n_nodes):
        a, b = rng.randrange(n_nodes), rng.randrange(n_nodes)
        if a != b and (a, b) not in seen:
            seen.add((a, b))
            edges.append({"from": f"n{a}", "to": f"n{b}", "flow": rng.randint(1, 5)})
    club = sorted(rng.sample(COUNTRIES, 3))
    return {"format": "chokepoint/1", "name": f"crosscheck {seed}",
            "sources": [{"id": "gen", "citation": "generated"}],
            "groups": [{"id": "club", "members": club}],
            "stages": [{"id": s} for s in stages], "nodes": nodes, "edges": edges}


def holders_of(ds, nodes, view):
    acc = defaultdict(float)
    for n in nodes:
        out, owners = n["output"], n.get("owners", [])
        if view == "location" or (view == "owner" and not owners):
            acc[n["country"]] += out
        elif view == "owner-control":
            top = None
            for o in owners:
                if top is None or o["share"] > top["share"]:
                    top = o
            acc[top["country"] if top and top["share"] >= 0.5 else n["country"]] += out
        elif not owners:  # company view
            acc[n.get("name", n["id"])] += out
        else:
            total = sum(o["share"] for o in owners)
            for o in owners:
                acc[o["country"] if view == "owner" else o["name"]] += out * o["share"] / total
    return acc


def expected_flags(hhi, cr1, country_view):
    f = []
    if 1500 <= hhi <= 2500:
        f.append("doj2010-moderate")
    if hhi > 2500:
        f.append("doj2010-high")
    if hhi > 1800:
        f.append("doj2023")
    if hhi > 4000:
        f.append("ec-dependency")
    if country_view and cr1 > 0.65:
        f.append("crma-65")
    return f


def expected(ds, groups):
    stage_index = {s["id"]: i for i, s in enumerate(ds["stages"])}
    by_comm = defaultdict(list)
    for n in ds["nodes"]:
        by_comm[n["commodity"]].append(n)
    group_members = {"G7": G7, "club": set(ds["groups"][0]["members"])}
    markets = []
    for c, nodes in by_comm.items():
        total = sum(n["output"] for n in nodes)
        m = {"commodity": c, "stage": nodes[0]["stage"], "unit": "t", "total": total,
             "producers": len(nodes), "by": {}}
        for view in VIEWS:
            acc = holders_of(ds, nodes, view)
            shares = sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))
            hhi = 10000 * sum(o * o for o in acc.values()) / total ** 2
            cr1 = shares[0][1] / total
            v = {"hhi": hhi, "cr1": cr1, "cr3": sum(o for _, o in shares[:3]) / total,
                 "effective_suppliers": 10000 / hhi,
                 "flags": expected_flags(hhi, cr1, view != "company"),
                 "holders": len(shares), "shares": dict(acc),
                 "groups": [] if view == "company" else
                 [sum(o for k, o in acc.items() if k in group_members[g]) / total for g in groups]}
            m["by"][view] = v
        cells = defaultdict(float)
        for n in nodes:
            owners = n.get("owners") or [{"country": n["country"], "share": 1.0}]
            total_share = sum(o["share"] for o in owners)
            for o in owners:
                cells[(n["country"], o["country"])] += n["output"] * o["share"] / total_share
        m["cells"] = cells
        markets.append(m)
    markets.sort(key=lambda m: (stage_index[m["stage"]], m["commodity"]))
    return markets


def close(a, b):
    return abs(a - b) <= TOL * max(1.0, abs(b))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def compare_view(where, got, want, view):
    for k in ("hhi", "cr1", "cr3", "effective_suppliers"):
        check(close(got[k], want[k]), f"{where}: {k} {got[k]} != {want[k]}")
    check(got["holders"] == want["holders"], f"{where}: holders")
    check(got["flags"] == want["flags"], f"{where}: flags {got['flags']} != {want['flags']}")
    shares = got["shares"]
    check(len(shares) == want["holders"], f"{where}: shares listed")
    check({s["key"] for s in shares} == set(want["shares"]), f"{where}: keys")
    for s in shares:
        w = want["shares"][s["key"]]
        check(close(s["output"], w), f"{where}: output of {s['key']}")
    for a, b in zip(shares, shares[1:]):  # share desc, exact ties by key asc
        check(a["share"] >= b["share"], f"{where}: order {a['key']} {b['key']}")
        check(a["share"] != b["share"] or a["key"] < b["key"], f"{where}: tie order")
    for gv, wv in zip(got["groups"], want["groups"]):
        check(close(gv["share"], wv), f"{where}: group {gv['group']}")
    check(len(got["groups"]) == len(want["groups"]), f"{where}: group count")


def run(binary, path, *args):
    out = subprocess.run([binary, "concentration", str(path), "--format", "json", *args],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def check_dataset(binary, path, ds):
    groups = ["G7", "club"]
    got = run(binary, path, "--by", ",".join(VIEWS), "--group", ",".join(groups), "--crosstab")
    want = expected(ds, groups)
    check(got["views"] == VIEWS, "views")
    check([m["commodity"] for m in got["markets"]] == [m["commodity"] for m in want],
          "market order")
    for gm, wm in zip(got["markets"], want):
        where = f"{path.name} {gm['commodity']}"
        for k in ("stage", "unit", "producers"):
            check(gm[k] == wm[k], f"{where}: {k}")
        check(close(gm["total"], wm["total"]), f"{where}: total")
        for view in VIEWS:
            compare_view(f"{where} {view}", gm["by"][view], wm["by"][view], view)
        for comp, view in zip(gm["comparisons"], VIEWS[1:]):
            check(comp["from"] == "location" and comp["to"] == view, f"{where}: comparison")
            delta = wm["by"][view]["hhi"] - wm["by"]["location"]["hhi"]
            check(abs(comp["delta_hhi"] - delta) <= 1e-9 * 10000, f"{where}: delta_hhi")
            check(comp["top_to"] == gm["by"][view]["shares"][0]["key"], f"{where}: top_to")
        cells = {(c["location"], c["owner"]): c["output"] for c in gm["crosstab"]["cells"]}
        check(set(cells) == set(wm["cells"]), f"{where}: crosstab cells")
        for k, v in cells.items():
            check(close(v, wm["cells"][k]), f"{where}: cell {k}")
    # --top and the filters only select what is shown.
    top = run(binary, path, "--by", "company", "--top", "2")
    for gm, wm in zip(top["markets"], want):
        check(len(gm["by"]["company"]["shares"]) == min(2, wm["by"]["company"]["holders"]),
              "--top")
    stage = ds["stages"][-1]["id"]
    only = run(binary, path, "--stage", stage)
    check([m["commodity"] for m in only["markets"]] ==
          [m["commodity"] for m in want if m["stage"] == stage], "--stage")
    c = want[-1]["commodity"]
    check([m["commodity"] for m in run(binary, path, "--commodity", c)["markets"]] == [c],
          "--commodity")


def main():
    binary = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(24):
            ds = generate(seed)
            path = Path(tmp) / f"gen{seed}.json"
            path.write_text(json.dumps(ds))
            check_dataset(binary, path, ds)
    print("concentration crosscheck: 24 datasets agree")


if __name__ == "__main__":
    main()
