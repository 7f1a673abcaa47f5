#!/usr/bin/env python3
"""Re-runs every example in docs/analyses/stress.md and compares its output byte for byte.

Usage: stress_docs.py CHOKEPOINT_BINARY SOURCE_DIR
Examples are ```console blocks: a "$ chokepoint ARGS" line, then the exact standard output.
Regenerate them after an intended change with: stress_docs.py BINARY SOURCE_DIR --update
"""
import os
import re
import shlex
import subprocess
import sys

BLOCK = re.compile(r"```console\n\$ chokepoint ([^\n]*)\n(.*?)```", re.S)


def run(binary, source, args):
    p = subprocess.run([binary] + shlex.split(args), cwd=source, capture_output=True, text=True)
    return p.stdout


def main():
    binary, source = os.path.abspath(sys.argv[1]), sys.argv[2]
    path = os.path.join(source, "docs", "analyses", "stress.md")
    text = open(path, encoding="utf-8").read()
    if "--update" in sys.argv:
        text = BLOCK.sub(lambda m: "```console\n$ chokepoint " + m.group(1) + "\n" +
                         run(binary, source, m.group(1)) + "```", text)
        open(path, "w", encoding="utf-8").write(text)
        return 0
    failures = 0
    blocks = BLOCK.findall(text)
    for args, want in blocks:
        got = run(binary, source, args)
        if got != want:
            failures += 1
            print(f"example differs: chokepoint {args}\n--- documented\n{want}--- actual\n{got}")
    print(f"{len(blocks)} examples, {failures} differ")
    return 1 if failures or not blocks else 0


if __name__ == "__main__":
    sys.exit(main())
