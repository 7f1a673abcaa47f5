#!/usr/bin/python3
"""The chokepoint benchmark, in one command (bench/README.md):

    /usr/bin/python3 bench/run.py

Builds chokepoint and the limit helpers (Release, in build-bench/), generates supply networks of
10^3 .. 10^6 nodes with and without --feedback 0.05, runs every kernel and its peers (igraph,
graph-tool, networkx, plain Python) at least 3 times each and writes bench/RESULTS.md and
bench/results.json. A kernel whose chokepoint command does not exist yet is "pending"; a run
that would take over 10 minutes (estimated from the smaller sizes) is skipped and marked so; a
run that takes over 2 minutes is timed once (marked "1 run").
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY = "/usr/bin/python3"
PEERS = os.path.join(ROOT, "bench", "peers.py")
BUDGET_S = 600  # a single run estimated above this is skipped
LONG_S = 120  # a run longer than this is not repeated (its median would cost up to 30 min)
SEED = 1

# Each kernel: the chokepoint command ({file}, {tmp} filled in), the largest graph it runs on,
# its peers (value: largest size, or a string saying why the peer cannot run), the limit it is
# compared with, and how its time grows with the graph (for skip estimates).
KERNELS = [
    {"name": "load", "args": ["info", "{file}", "--format", "json"], "max_n": 10**6,
     "peers": {"networkx": None}, "limit": "raw_parse", "growth": 1.0},
    {"name": "betweenness-sp",
     "args": ["centrality", "{file}", "--measure", "betweenness-sp", "--exact", "--format", "json"],
     "max_n": 10**5, "growth": 2.0, "limit": None,
     "peers": {"igraph": "n/a: python-igraph 0.10.2 (Debian) has no sources/targets",
               "graph-tool": None, "networkx": None}},
    {"name": "betweenness",
     "args": ["centrality", "{file}", "--measure", "betweenness", "--exact", "--format", "json"],
     "max_n": 10**5, "growth": 2.0, "limit": None,
     "peers": {"igraph": None, "graph-tool": None, "networkx": None}},
    # The dominator part of spof: its own time is the "dominators" phase that --timing reports
    # (the other phases, articulation points and AND/OR SPOFs, are not dominators).
    {"name": "dominators", "args": ["spof", "{file}", "--k", "0", "--criticality", "off",
                                    "--format", "json", "--timing"],
     "max_n": 10**6, "phase": "dominators",
     "peers": {"networkx": None}, "limit": "dfs", "growth": 1.1},
    {"name": "sweep", "args": ["sweep", "{file}", "--format", "json"], "max_n": 10**6,
     "peers": {"python": 10**4}, "limit": "scan", "growth": 1.0},
    {"name": "concentration",
     "args": ["concentration", "{file}", "--by", "location,owner", "--format", "json"],
     "max_n": 10**6, "peers": {"python": None}, "limit": None, "growth": 1.0},
    {"name": "render", "args": ["render", "{file}", "--aggregate", "country", "-o", "{tmp}/render.svg"],
     "max_n": 10**6, "peers": {}, "limit": None, "growth": 1.0},
]
LIMIT_TITLES = {"raw_parse": "RapidJSON raw DOM parse", "dfs": "one DFS over the CSR",
                "scan": "bare CSR edge scan x scenarios"}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_measured(cmd, timeout, capture=False):
    """Runs cmd under /usr/bin/time; returns (wall seconds, peak RSS in KB, exit code, stdout,
    stderr). On timeout kills the whole process group and returns exit code None."""
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as tf:
        t0 = time.perf_counter()
        p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", tf.name] + cmd,
                             stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True, text=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return time.perf_counter() - t0, None, None, "", "timeout"
        wall = time.perf_counter() - t0
        text = tf.read().split()
        rss = int(text[-1]) if text and text[-1].isdigit() else None
    return wall, rss, p.returncode, out or "", err or ""


def machine():
    def first(path, key):
        try:
            for line in open(path, encoding="utf-8"):
                if line.startswith(key):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1]
        except OSError:
            pass
        return "?"

    def version(code):
        p = subprocess.run([PY, "-c", code], capture_output=True, text=True)
        return p.stdout.strip() or "not installed"

    cxx = subprocess.run(["c++", "--version"], capture_output=True, text=True).stdout
    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory_gb": round(int(first("/proc/meminfo", "MemTotal").split()[0]) / 2**20, 1),
        "os": first("/etc/os-release", "PRETTY_NAME").strip().strip('"'),
        "kernel": platform.release(),
        "compiler": cxx.splitlines()[0] if cxx else "?",
        "python": platform.python_version(),
        "networkx": version("import networkx; print(networkx.__version__)"),
        "igraph": version("import igraph; print(igraph.__version__)"),
        "graph-tool": version("import graph_tool; print(graph_tool.__version__.split()[0])"),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
    }


def build(args):
    bdir = os.path.join(ROOT, "build-bench")
    if not args.no_build:
        log("building chokepoint and the limit helpers (Release) in build-bench/ ...")
        subprocess.run(["cmake", "-S", ROOT, "-B", bdir, "-DCMAKE_BUILD_TYPE=Release",
                        "-DCHOKEPOINT_BUILD_TESTS=OFF", "-DCHOKEPOINT_BUILD_BENCH=ON"],
                       check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["cmake", "--build", bdir, "-j", str(os.cpu_count() or 2), "--target",
                        "chokepoint", "raw_parse", "limits"], check=True, stdout=subprocess.DEVNULL)
    exe = args.chokepoint or os.path.join(bdir, "tools", "chokepoint")
    helpers = {h: os.path.join(bdir, "bench", h) for h in ("raw_parse", "limits")}
    return exe, {h: p for h, p in helpers.items() if os.access(p, os.X_OK)}


def subcommands(exe):
    text = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
    section = text.split("Subcommands:", 1)[-1] if "Subcommands:" in text else ""
    return set(re.findall(r"^\s+([a-z][\w-]*)\s", section, re.M))


def generate(exe, out_dir, n, feedback):
    path = os.path.join(out_dir, f"gen_n{n}_f{feedback:g}_s{SEED}.json")
    p = subprocess.run([exe, "generate", "--nodes", str(n), "--feedback", str(feedback),
                        "--seed", str(SEED), "-o", path], capture_output=True, text=True, check=True)
    m = re.search(r"(\d+) nodes, (\d+) edges", p.stderr)
    return {"nodes": n, "feedback": feedback, "file": path, "edges": int(m.group(2)),
            "bytes": os.path.getsize(path)}


class Series:
    """Times of one (kernel, runner, feedback) across sizes, to estimate the next size."""

    def __init__(self):
        self.points = {}

    def estimate(self, key, n, growth):
        pts = sorted(self.points.get(key, []))
        if not pts:
            return None
        if pts[-1][1] is None:
            return math.inf  # skipped or failed at a smaller size
        (n2, t2) = pts[-1]
        if len(pts) >= 2 and pts[-2][1] and pts[-2][1] > 0.05 and t2 > 0.05:
            n1, t1 = pts[-2]
            growth = min(3.0, max(1.0, math.log(t2 / t1) / math.log(n2 / n1)))
        return t2 * (n / n2) ** growth

    def add(self, key, n, seconds):
        self.points.setdefault(key, []).append((n, seconds))


def repeat(cmd, repeats, timeout, capture=False):
    """Median wall time, max RSS and the runs; stops at the first failure, and after one run
    that took over LONG_S."""
    runs = []
    for _ in range(repeats):
        wall, rss, code, out, err = run_measured(cmd, timeout, capture)
        if code != 0:
            first = (err.strip().splitlines() or ["exit code %s" % code])[0][:200]
            return {"status": "timeout" if code is None else "error", "note": first}
        runs.append({"wall_s": wall, "rss_kb": rss, "out": out, "err": err})
        if wall > LONG_S:
            break
    return {"status": "ok", "runs": runs, "seconds": statistics.median(r["wall_s"] for r in runs),
            "rss_kb": max((r["rss_kb"] or 0) for r in runs)}


def run_chokepoint(exe, k, g, tmp, args, series, load_s):
    key = (k["name"], "chokepoint", g["feedback"])
    est = series.estimate(key, g["nodes"], k["growth"])
    if est is not None and est > BUDGET_S:
        series.add(key, g["nodes"], None)
        return {"status": "skipped", "note": f"estimated {est:.0f} s per run"}
    cmd = [exe] + [a.format(file=g["file"], tmp=tmp) for a in k["args"]]
    r = repeat(cmd, args.repeats, 2 * BUDGET_S)
    phase_s = []
    for run in r.get("runs", []):
        run.pop("out", None)
        err = run.pop("err", "")
        if k.get("phase"):
            m = re.search(r"^timing: %s ([0-9.]+) s$" % re.escape(k["phase"]), err, re.M)
            if m:
                run["kernel_s"] = float(m.group(1))
                phase_s.append(run["kernel_s"])
    series.add(key, g["nodes"], r.get("seconds"))
    if r["status"] == "ok" and phase_s:
        r["kernel_s"] = statistics.median(phase_s)  # the phase itself, timed in the process
    elif r["status"] == "ok" and k["name"] != "load" and load_s is not None:
        r["kernel_s"] = max(r["seconds"] - load_s, 0.0)  # minus the median load of this file
    r["command"] = "chokepoint " + " ".join(k["args"]).replace("{file}", os.path.basename(g["file"]))
    return r


def run_peer(k, peer, limit_n, g, args, series):
    if isinstance(limit_n, str):
        return {"status": "n/a", "note": limit_n}
    if limit_n is not None and g["nodes"] > limit_n:
        return {"status": "skipped", "note": f"run up to {limit_n:,} nodes only"}
    key = (k["name"], peer, g["feedback"])
    est = series.estimate(key, g["nodes"], k["growth"])
    if est is not None and est > BUDGET_S:
        series.add(key, g["nodes"], None)
        return {"status": "skipped", "note": f"estimated {est:.0f} s per run (> 10 min)"}
    r = repeat([PY, PEERS, k["name"], peer, g["file"]], args.repeats, 2 * BUDGET_S, capture=True)
    if r["status"] != "ok":
        series.add(key, g["nodes"], None)
        return r
    for run in r["runs"]:
        run.pop("err", None)
    reports = [json.loads(run.pop("out").strip().splitlines()[-1]) for run in r["runs"]]
    for run, rep in zip(r["runs"], reports):
        run["kernel_s"] = rep["seconds"]
    r["seconds"] = statistics.median(rep["seconds"] for rep in reports)
    r["note"] = reports[0].get("note", "")
    series.add(key, g["nodes"], r["seconds"])
    return r


def run_limits(helpers, g, args):
    out = {}
    if "raw_parse" in helpers:
        runs = []
        for _ in range(args.repeats):
            wall, rss, code, text, _err = run_measured([helpers["raw_parse"], g["file"]], BUDGET_S,
                                                       capture=True)
            if code == 0:
                runs.append((json.loads(text)["total_s"], rss))
        if runs:
            out["raw_parse"] = {"seconds": statistics.median(t for t, _ in runs),
                                "rss_kb": max(r or 0 for _, r in runs)}
    if "limits" in helpers:
        _wall, _rss, code, text, _err = run_measured(
            [helpers["limits"], g["file"], str(args.repeats)], BUDGET_S, capture=True)
        if code == 0:
            rep = json.loads(text)
            out["dfs"] = {"seconds": rep["dfs_s"]}
            out["scan"] = {"seconds": rep["scan_s"], "scenarios": rep["scenarios"]}
    return out


def run_all(args):
    exe, helpers = build(args)
    have = subcommands(exe)
    # load always runs: the other kernels' own time is their time minus the load's
    wanted = [k for k in KERNELS if not args.kernels or k["name"] in args.kernels + ["load"]]
    out_dir = args.out_dir or os.path.join(ROOT, "bench", "out")
    os.makedirs(out_dir, exist_ok=True)
    result = {"machine": machine(), "started": now(), "command": " ".join(sys.argv),
              "repeats": args.repeats, "seed": SEED, "graphs": [], "results": []}
    series = Series()
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            for fb in args.feedback:
                log(f"graph: {n:,} nodes, feedback {fb:g}")
                g = generate(exe, out_dir, n, fb)
                inside = g["file"].startswith(ROOT + os.sep)
                result["graphs"].append(
                    dict(g, file=os.path.relpath(g["file"], ROOT) if inside else g["file"]))
                limits = run_limits(helpers, g, args) if n <= 10**6 else {}
                load = None
                for k in wanted:
                    if n > k["max_n"]:
                        continue
                    sub = k["args"][0]
                    entry = {"kernel": k["name"], "nodes": n, "edges": g["edges"], "feedback": fb,
                             "bytes": g["bytes"], "limit": None, "peers": {}}
                    if sub not in have:
                        entry["chokepoint"] = {"status": "pending",
                                               "note": f"no '{sub}' command on this build yet"}
                    else:
                        entry["chokepoint"] = run_chokepoint(exe, k, g, tmp, args, series,
                                                             load["seconds"] if load else None)
                    if k["name"] == "load" and entry["chokepoint"]["status"] == "ok":
                        load = entry["chokepoint"]
                    if k["limit"] and k["limit"] in limits:
                        entry["limit"] = dict(limits[k["limit"]], name=k["limit"])
                    for peer, limit_n in k["peers"].items():
                        if entry["chokepoint"]["status"] != "ok" and not args.peers_always:
                            entry["peers"][peer] = {"status": "not run",
                                                    "note": "chokepoint kernel not available"}
                            continue
                        log(f"  {k['name']}: {peer}")
                        entry["peers"][peer] = run_peer(k, peer, limit_n, g, args, series)
                    log(f"  {k['name']}: chokepoint {entry['chokepoint']['status']} "
                        f"{entry['chokepoint'].get('seconds', '')}")
                    result["results"].append(entry)
    result["finished"] = now()
    result["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    return result


def now():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000,1000000",
                    help="node counts, comma-separated")
    ap.add_argument("--feedback", default="0,0.05", help="feedback fractions, comma-separated")
    ap.add_argument("--kernels", default="", help="only these kernels (comma-separated)")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--chokepoint", help="use this binary instead of building one")
    ap.add_argument("--no-build", action="store_true", help="do not run cmake")
    ap.add_argument("--out-dir", help="where generated graphs go (default bench/out)")
    ap.add_argument("--no-write", action="store_true",
                    help="print the results as JSON instead of writing RESULTS.md/results.json")
    ap.add_argument("--peers-always", action="store_true",
                    help="run peers even where the chokepoint kernel is pending")
    args = ap.parse_args()
    args.sizes = [int(float(s)) for s in args.sizes.split(",")]
    args.feedback = [float(f) for f in args.feedback.split(",")]
    args.kernels = [k for k in args.kernels.split(",") if k]
    unknown = set(args.kernels) - {k["name"] for k in KERNELS}
    if unknown:
        ap.error("unknown kernels: " + ", ".join(sorted(unknown)))
    if args.repeats < 1:
        ap.error("--repeats must be >= 1")
    result = run_all(args)
    if args.no_write:
        json.dump(result, sys.stdout, indent=1)
        print()
        return
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from report import write_markdown  # noqa: E402  (bench/report.py)

    with open(os.path.join(ROOT, "bench", "results.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    with open(os.path.join(ROOT, "bench", "RESULTS.md"), "w", encoding="utf-8") as f:
        f.write(write_markdown(result))
    log("wrote bench/RESULTS.md and bench/results.json")


if __name__ == "__main__":
    main()
