"""Smoke test of the benchmark harness: bench/run.py on 10^3-node graphs, one repeat, no files
written. Checks that every kernel either ran (with its peers) or is marked pending, that load ran,
and that the generated graphs validate. Usage: bench_smoke.py CHOKEPOINT_BINARY SOURCE_DIR"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

exe, src = sys.argv[1], sys.argv[2]
t0 = time.monotonic()
with tempfile.TemporaryDirectory() as tmp:
    p = subprocess.run(["/usr/bin/python3", os.path.join(src, "bench", "run.py"), "--chokepoint", exe,
                        "--no-build", "--sizes", "1000", "--repeats", "1", "--no-write",
                        "--out-dir", tmp], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    result = json.loads(p.stdout)
    for g in result["graphs"]:
        path = os.path.join(src, g["file"])  # repo-relative, or absolute outside the repo
        v = subprocess.run([exe, "validate", path], capture_output=True, text=True)
        assert v.returncode == 0, v.stdout + v.stderr
        assert (", 0 warnings)" in v.stdout) == (g["feedback"] == 0), v.stdout
    assert not os.path.exists(os.path.join(tmp, "RESULTS.md"))

helptext = subprocess.run([exe, "--help"], capture_output=True, text=True).stdout
commands = helptext.split("Subcommands:", 1)[1]
kernels = {e["kernel"] for e in result["results"]}
assert kernels == {"load", "betweenness-sp", "betweenness", "dominators", "sweep",
                   "concentration", "render"}, kernels
assert len(result["graphs"]) == 2 and all(g["edges"] > 1000 for g in result["graphs"])
for e in result["results"]:
    c = e["chokepoint"]
    assert c["status"] in ("ok", "pending"), (e["kernel"], c)
    if c["status"] == "pending":  # only when the build really lacks the command
        sub = c["note"].split("'")[1]
        assert not re.search(r"^\s+" + re.escape(sub) + r"\s", commands, re.M), (sub, commands)
    if c["status"] == "ok":
        assert c["seconds"] > 0 and c["rss_kb"] > 0, c
        for peer, r in e["peers"].items():
            assert r["status"] in ("ok", "n/a", "skipped"), (e["kernel"], peer, r)
    if e["kernel"] == "load":
        assert c["status"] == "ok", c
        assert e["peers"]["networkx"]["status"] == "ok", e["peers"]
elapsed = time.monotonic() - t0
assert elapsed < 60, f"smoke took {elapsed:.0f} s"
print(f"bench smoke ok in {elapsed:.1f} s")
