"""Cross-check of `chokepoint export graphml|dot|csv|json` against networkx and pygraphviz.

Usage: graphml_networkx.py CHOKEPOINT_BINARY SOURCE_DIR. Exports the bundled mini dataset (when
present), the CSV fixture, the ETO fixture (imported first) and seeded generated datasets with
awkward strings; reads the GraphML with networkx.read_graphml and the DOT with pygraphviz, and
checks that nodes, edges and every attribute match the JSON. Also checks that JSON -> CSV ->
JSON gives the normalised JSON back. Exit 0 = pass.
"""

import json
import os
import random
import subprocess
import sys
import tempfile

import networkx as nx
import pygraphviz

BIN, SRC = sys.argv[1], sys.argv[2]
failures = []


def run(*args):
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"chokepoint {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r.stdout


def check(cond, what):
    if not cond:
        failures.append(what)


def control_country(node):
    best = None
    for o in node.get("owners") or []:  # largest share, ties: first listed
        if best is None or o["share"] > best["share"]:
            best = o
    return best["country"] if best and best["share"] >= 0.5 else node["country"]


def expected_attrs(node):
    a = {
        "label": node.get("name", node["id"]),
        "stage": node["stage"],
        "commodity": node["commodity"],
        "country": node["country"],
        "owner_country": control_country(node),
        "output": float(node["output"]),
        "capacity": float(node.get("capacity", node["output"])),
    }
    if node.get("unit"):
        a["unit"] = node["unit"]
    if "inventory_days" in node:
        a["inventory_days"] = float(node["inventory_days"])
    return a


def check_graphml(name, data, path):
    g = nx.read_graphml(path)
    check(isinstance(g, nx.DiGraph), f"{name}: not directed")
    check(g.graph.get("name") == data["name"], f"{name}: graph name {g.graph.get('name')!r}")
    check(list(g.nodes) == [n["id"] for n in data["nodes"]], f"{name}: node ids or order differ")
    for n in data["nodes"]:
        got = g.nodes[n["id"]] if n["id"] in g else {}
        want = expected_attrs(n)
        check(got == want, f"{name}: node {n['id']!r}: {got} != {want}")
    want_edges = {(e["from"], e["to"]): float(e["flow"]) for e in data["edges"]}
    got_edges = {(a, b): d.get("flow") for a, b, d in g.edges(data=True)}
    check(got_edges == want_edges, f"{name}: edges differ")


def unescape_dot(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append("\n" if s[i + 1] == "n" else s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def check_dot(name, data, path):
    a = pygraphviz.AGraph(path)
    check(a.is_directed(), f"{name}: DOT not directed")
    check(sorted(a.nodes()) == sorted(n["id"] for n in data["nodes"]), f"{name}: DOT nodes differ")
    for n in data["nodes"]:
        attr = a.get_node(n["id"]).attr
        want = expected_attrs(n)
        for key in ("label", "stage", "commodity", "country", "owner_country"):
            got = unescape_dot(attr[key]) if key == "label" else attr[key]
            check(got == want[key], f"{name}: DOT node {n['id']!r} {key}: {got!r} != {want[key]!r}")
        check(float(attr["output"]) == want["output"], f"{name}: DOT output of {n['id']!r}")
    flows = {(e[0], e[1]): float(e.attr["flow"]) for e in a.edges()}
    want_edges = {(e["from"], e["to"]): float(e["flow"]) for e in data["edges"]}
    check(flows == want_edges, f"{name}: DOT edges differ")


def generated(seed):
    rng = random.Random(seed)
    countries = ["CN", "US", "CD", "JP", "DE", "KR", "TW", "AU", "CL", "ID"]
    stages = [{"id": f"s{k}", "name": f"Stage {k}, \"quoted\""} for k in range(4)]
    nodes = []
    for i in range(rng.randint(20, 60)):
        k = rng.randrange(4)
        n = {
            "id": f"n{i}" + (" & <x>" if i % 7 == 0 else ""),
            "name": f"Node {i}\nsecond line; ünïcode" if i % 3 == 0 else f"Node {i}",
            "stage": f"s{k}",
            "commodity": f"c{k}-{rng.randrange(2)}",
            "country": rng.choice(countries),
            "output": round(rng.uniform(0.5, 1e5), 3),
            "sources": ["gen"],
        }
        if rng.random() < 0.3:
            n["capacity"] = n["output"] * 1.25
        if rng.random() < 0.5:
            n["unit"] = "t"
        if rng.random() < 0.2:
            n["inventory_days"] = rng.randrange(0, 60)
        if rng.random() < 0.3:
            s = round(rng.uniform(0.2, 0.8), 2)
            n["owners"] = [{"name": "A, Inc.", "country": rng.choice(countries), "share": s},
                           {"name": "B \"Co\"", "country": rng.choice(countries),
                            "share": round(1 - s, 2)}]
        nodes.append(n)
    edges, seen = [], set()
    for _ in range(len(nodes) * 2):
        a, b = rng.sample(nodes, 2)
        if a["stage"] < b["stage"] and (a["id"], b["id"]) not in seen:
            seen.add((a["id"], b["id"]))
            edges.append({"from": a["id"], "to": b["id"], "flow": round(rng.uniform(0.1, 50), 2)})
    return {"format": "chokepoint/1", "name": f"Generated {seed} \"g\" & <h>",
            "sources": [{"id": "gen", "citation": "generated"}], "stages": stages,
            "nodes": nodes, "edges": edges}


with tempfile.TemporaryDirectory() as tmp:
    inputs = []
    mini = os.path.join(SRC, "datasets", "cobalt_mini.json")
    if os.path.exists(mini):
        inputs.append(("cobalt_mini", mini))
    else:
        print("note: datasets/cobalt_mini.json not present; skipped")
    inputs.append(("spreadsheet", os.path.join(SRC, "tests/fixtures/csv/spreadsheet.json")))
    eto = os.path.join(tmp, "eto.json")
    run("import", "eto", os.path.join(SRC, "tests/fixtures/eto/mini"), "-o", eto)
    inputs.append(("eto", eto))
    for seed in (1, 2, 3):
        p = os.path.join(tmp, f"gen{seed}.json")
        with open(p, "w", encoding="utf-8") as f:
            json.dump(generated(seed), f, ensure_ascii=False)
        inputs.append((f"generated-{seed}", p))

    for name, path in inputs:
        norm_text = run("export", "json", path)
        data = json.loads(norm_text)
        graphml = os.path.join(tmp, f"{name}.graphml")
        run("export", "graphml", path, "-o", graphml)
        check_graphml(name, data, graphml)
        dot = os.path.join(tmp, f"{name}.dot")
        run("export", "dot", path, "-o", dot)
        check_dot(name, data, dot)
        csvdir = os.path.join(tmp, f"{name}-csv")
        run("export", "csv", path, "-o", csvdir)
        check(run("import", "csv", csvdir) == norm_text, f"{name}: JSON -> CSV -> JSON differs")
        print(f"{name}: {len(data['nodes'])} nodes, {len(data['edges'])} edges checked")

if failures:
    print("\n".join(failures[:50]))
    sys.exit(1)
