#!/usr/bin/env python3
"""Cross-checks `chokepoint stress` against an independent Python implementation.

Usage: stress_scipy.py CHOKEPOINT_BINARY SOURCE_DIR

On 24 seeded generated datasets (AND inputs, parallel suppliers, cycles, owners, embargoes) and
several scenarios each, compares
  - the immediate model: a plain Python fixed point from all-ones (Jacobi, not the binary's
    topological Gauss-Seidel), losses and hit-node fractions within 1e-9;
  - the rerouting model: scipy.optimize.linprog (HiGHS) on the program written out directly;
    for market links with explicit producer x consumer shipment variables (not hubs), embargoes
    as forbidden pairs. remaining_fraction within 1e-6.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import coo_matrix

COUNTRIES = ["CN", "US", "CD", "AU", "DE", "JP", "KR"]


def generate(seed):
    rng = random.Random(seed)
    n_stages = rng.randint(3, 5)
    nodes, edges = [], {}
    by_stage = []
    for s in range(n_stages):
        commodities = [f"c{s}_{k}" for k in range(rng.randint(1, 2))]
        layer = []
        for i in range(rng.randint(3, 7)):
            nid = f"n{s}_{i}"
            out = float(rng.randint(5, 100))
            node = {"id": nid, "stage": f"s{s}", "commodity": rng.choice(commodities),
                    "country": rng.choice(COUNTRIES), "output": out,
                    "capacity": out * rng.choice([1.0, 1.0, 1.25, 1.5, 2.0])}
            if rng.random() < 0.4:
                k = rng.randint(1, 3)
                shares = [rng.randint(1, 9) for _ in range(k)]
                total = sum(shares)
                node["owners"] = [{"name": f"firm{rng.randint(0, 9)}",
                                   "country": rng.choice(COUNTRIES),
                                   "share": sh / total} for sh in shares]
                node["owners"][-1]["share"] = 1.0 - sum(o["share"] for o in node["owners"][:-1])
            nodes.append(node)
            layer.append(node)
        by_stage.append(layer)
    for s in range(1, n_stages):
        for node in by_stage[s]:
            # AND: every commodity of one earlier stage; OR: 1-3 suppliers of each.
            src_stage = by_stage[s - 1] if rng.random() < 0.8 else by_stage[rng.randrange(s)]
            commodities = sorted({n["commodity"] for n in src_stage})
            for c in commodities:
                sup = [n for n in src_stage if n["commodity"] == c]
                for n in rng.sample(sup, min(len(sup), rng.randint(1, 3))):
                    edges[(n["id"], node["id"])] = float(rng.randint(1, 30))
    if seed % 2 == 0:  # recycling loops back to an earlier stage
        for _ in range(rng.randint(1, 3)):
            a = rng.choice(by_stage[-1] + by_stage[-2])
            b = rng.choice(by_stage[1])
            if a["id"] != b["id"] and (b["id"], a["id"]) != (a["id"], b["id"]):
                edges[(a["id"], b["id"])] = float(rng.randint(1, 5))
    return {
        "format": "chokepoint/1", "name": f"generated {seed}",
        "sources": [{"id": "gen", "citation": "generated"}],
        "stages": [{"id": f"s{s}", "name": f"s{s}"} for s in range(n_stages)],
        "nodes": nodes,
        "edges": [{"from": a, "to": b, "flow": f} for (a, b), f in sorted(edges.items())],
    }


def control_country(n):
    owners = n.get("owners")
    if not owners:
        return n["country"]
    best = owners[0]
    for o in owners[1:]:
        if o["share"] > best["share"]:
            best = o
    return best["country"] if best["share"] >= 0.5 else n["country"]


def disruption(d, scenario):
    """limit per node id, cut set of (from, to), embargoed countries."""
    cut_countries, by, keep, removed = scenario
    nodes = d["nodes"]
    is_cut = (lambda c: c not in cut_countries) if keep else (lambda c: c in cut_countries)
    limit = {}
    for n in nodes:
        if by == "location":
            limit[n["id"]] = 0.0 if is_cut(n["country"]) else 1.0
        elif by == "owner":
            limit[n["id"]] = 0.0 if is_cut(control_country(n)) else 1.0
        elif by == "owner-equity":
            owners = n.get("owners") or [{"country": n["country"], "share": 1.0}]
            lost = sum(o["share"] for o in owners if is_cut(o["country"]))
            limit[n["id"]] = min(1.0, max(0.0, 1.0 - lost))
        else:
            limit[n["id"]] = 1.0
    for r in removed:
        limit[r] = 0.0
    country = {n["id"]: n["country"] for n in nodes}
    cut, embargoed = set(), set()
    if by == "embargo":
        embargoed = {c for c in COUNTRIES if is_cut(c)}
        for e in d["edges"]:
            a, b = country[e["from"]], country[e["to"]]
            if a != b and is_cut(a):
                cut.add((e["from"], e["to"]))
    return limit, cut, embargoed


def immediate(d, limit, cut):
    com = {n["id"]: n["commodity"] for n in d["nodes"]}
    ins = {n["id"]: [] for n in d["nodes"]}
    for e in d["edges"]:
        ins[e["to"]].append(e)
    f = {n["id"]: 1.0 for n in d["nodes"]}
    for _ in range(100000):
        nxt = {}
        for nid in f:
            frac = limit[nid]
            if frac > 0 and ins[nid]:
                base, surv = {}, {}
                for e in ins[nid]:
                    c = com[e["from"]]
                    base[c] = base.get(c, 0.0) + e["flow"]
                    s = 0.0 if (e["from"], e["to"]) in cut else e["flow"] * f[e["from"]]
                    surv[c] = surv.get(c, 0.0) + s
                frac = min([frac] + [surv[c] / base[c] for c in base])
            nxt[nid] = frac
        change = max(abs(nxt[k] - f[k]) for k in f)
        f = nxt
        if change < 1e-15:
            break
    return f


def end_products(d):
    has_out = {e["from"] for e in d["edges"]}
    ends = [n for n in d["nodes"] if n["id"] not in has_out]
    return sorted({n["commodity"] for n in ends}), ends


def rerouting(d, limit, cut, embargoed, market):
    """{product: remaining fraction} by linprog on the explicit program."""
    nodes = d["nodes"]
    idx = {n["id"]: i for i, n in enumerate(nodes)}
    node = {n["id"]: n for n in nodes}
    V = len(nodes)
    inflow = {}  # (consumer, commodity) -> baseline inflow
    for e in d["edges"]:
        key = (e["to"], node[e["from"]]["commodity"])
        inflow[key] = inflow.get(key, 0.0) + e["flow"]
    if market:
        arcs = []  # shipments (producer, consumer)
        for (m, c) in sorted(inflow):
            for s in nodes:
                if s["commodity"] != c:
                    continue
                if s["country"] in embargoed and node[m]["country"] != s["country"]:
                    continue
                arcs.append((s["id"], m))
    else:
        arcs = [(e["from"], e["to"]) for e in d["edges"]]
    rows, cols, vals = [], [], []
    r = 0
    ship_row = {}
    for k, (s, m) in enumerate(arcs):
        if s not in ship_row:
            ship_row[s] = r
            rows.append(r); cols.append(idx[s]); vals.append(-1.0)
            r += 1
        rows.append(ship_row[s]); cols.append(V + k); vals.append(1.0)
    need_row = {}
    for (m, c), q in sorted(inflow.items()):
        need_row[(m, c)] = r
        rows.append(r); cols.append(idx[m]); vals.append(q / node[m]["output"])
        r += 1
    for k, (s, m) in enumerate(arcs):
        rows.append(need_row[(m, node[s]["commodity"])]); cols.append(V + k); vals.append(-1.0)
    A = coo_matrix((vals, (rows, cols)), shape=(r, V + len(arcs))).tocsr()
    bounds = [(0.0, n.get("capacity", n["output"]) * limit[n["id"]]) for n in nodes]
    bounds += [(0.0, 0.0) if (not market and a in cut) else (0.0, None) for a in arcs]
    products, ends = end_products(d)
    out = {}
    for p in products:
        c = np.zeros(V + len(arcs))
        base = 0.0
        for n in ends:
            if n["commodity"] == p:
                c[idx[n["id"]]] = -1.0
                base += n["output"]
        for k, (s, m) in enumerate(arcs):
            if node[s]["commodity"] == p and c[idx[s]] == -1.0:
                c[V + k] = 1.0  # net output: what an end producer ships away does not count
        res = linprog(c, A_ub=A, b_ub=np.zeros(r), bounds=bounds, method="highs")
        assert res.status == 0, res.message
        out[p] = -res.fun / base
    return out


def scenarios_for(d, rng):
    ids = [n["id"] for n in d["nodes"]]
    a, b, c = rng.sample(COUNTRIES, 3)
    return [
        ((), "location", False, [], "baseline"),
        ((a,), "location", False, [], f"remove {a} by location"),
        ((a, b), "owner", False, [], f"remove {a},{b} by owner"),
        ((a,), "owner-equity", False, [], f"remove {a} by owner-equity"),
        ((a,), "embargo", False, [], f"remove {a} by embargo"),
        ((a, b), "embargo", False, [], f"remove {a},{b} by embargo"),
        ((a, b, c), "location", True, [], f"keep {a},{b},{c} by location"),
        ((), "location", False, [ids[0], ids[-1]], f"remove node:{ids[0]},node:{ids[-1]}"),
    ]


def run(binary, path, texts, extra):
    args = [binary, "stress", path, "--format", "json"] + extra
    for t in texts:
        args += ["--scenario", t]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited {p.returncode}: {p.stderr}")
    return json.loads(p.stdout)["scenarios"]


def main():
    binary = sys.argv[1]
    failures, checks = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(24):
            d = generate(seed)
            path = os.path.join(tmp, f"gen{seed}.json")
            with open(path, "w") as fh:
                json.dump(d, fh)
            rng = random.Random(1000 + seed)
            scen = scenarios_for(d, rng)
            texts = [s[4] for s in scen if s[4] != "baseline"]
            both = run(binary, path, texts, ["--model", "both"])
            market = run(binary, path, texts, ["--model", "rerouting", "--links", "market"])
            base_both = run(binary, path, [], ["--model", "both"])
            base_market = run(binary, path, [], ["--model", "rerouting", "--links", "market"])
            got_both = base_both + both
            got_market = base_market + market
            products, ends = end_products(d)
            for i, (countries, by, keep, removed, label) in enumerate(scen):
                limit, cut, emb = disruption(d, (set(countries), by, keep, removed))
                f = immediate(d, limit, cut)
                im, rr, mk = got_both[2 * i], got_both[2 * i + 1], got_market[i]
                assert im["model"] == "immediate" and rr["model"] == "rerouting"
                for p in im["products"]:
                    prods = [n for n in ends if n["commodity"] == p["product"]]
                    base = sum(n["output"] for n in prods)
                    want = 1.0 - sum(n["output"] * f[n["id"]] for n in prods) / base
                    checks += 1
                    if abs(p["loss"] - want) > 1e-9:
                        failures.append(f"seed {seed} {label} {p['product']}: immediate loss "
                                        f"{p['loss']} != {want}")
                hit = {n["id"]: n["fraction"] for n in im["nodes"]}
                for nid, want in f.items():
                    checks += 1
                    if abs(hit.get(nid, 1.0) - want) > 1e-9:
                        failures.append(f"seed {seed} {label} {nid}: fraction "
                                        f"{hit.get(nid, 1.0)} != {want}")
                for got, mkt in ((rr, False), (mk, True)):
                    want = rerouting(d, limit, cut, emb, mkt)
                    for p in got["products"]:
                        checks += 1
                        w = want[p["product"]]
                        if abs(p["remaining_fraction"] - w) > 1e-6:
                            failures.append(f"seed {seed} {label} {p['product']} "
                                            f"{'market' if mkt else 'existing'}: "
                                            f"{p['remaining_fraction']} != {w}")
    for f in failures[:20]:
        print(f)
    print(f"{checks} checks, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
