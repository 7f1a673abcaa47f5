"""Re-runs every example in docs/analyses/concentration.md and compares the output byte for byte.

Usage (ctest does this): python3 concentration_docs.py CHOKEPOINT_BINARY SOURCE_DIR
With --update, rewrites the outputs in the document instead (run from anywhere).
"""

import re
import shlex
import subprocess
import sys
from pathlib import Path

BLOCK = re.compile(r"```console\n\$ (chokepoint [^\n]*)\n(.*?)```", re.S)


def run(binary, source, command):
    args = shlex.split(command)
    return subprocess.run([binary, *args[1:]], cwd=source, capture_output=True, text=True,
                          check=True).stdout


def main():
    binary, source = sys.argv[1], Path(sys.argv[2])
    doc = source / "docs/analyses/concentration.md"
    text = doc.read_text()
    if "--update" in sys.argv:
        text = BLOCK.sub(lambda m: f"```console\n$ {m[1]}\n{run(binary, source, m[1])}```", text)
        doc.write_text(text)
        return
    examples = BLOCK.findall(text)
    assert examples, "no console examples found"
    for command, shown in examples:
        got = run(binary, source, command)
        if got != shown:
            sys.exit(f"{doc}: output of `{command}` differs:\n--- documented\n{shown}"
                     f"--- actual\n{got}")
    print(f"{len(examples)} documented examples match")


if __name__ == "__main__":
    main()
