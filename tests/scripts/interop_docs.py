"""Re-runs the ```console examples of docs/interop.md and compares standard output byte for byte.

Usage: interop_docs.py CHOKEPOINT_BINARY SOURCE_DIR. Commands with -o (they write a committed
fixture; golden tests compare those) run with -o redirected to a temporary file whose content must
equal the named file. Exit 0 = pass.
"""

import os
import re
import shlex
import subprocess
import sys
import tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
text = open(os.path.join(SRC, "docs/interop.md"), encoding="utf-8").read()
blocks = re.findall(r"```console\n\$ (.*?)\n(.*?)```", text, re.S)
failures = []
with tempfile.TemporaryDirectory() as tmp:
    for cmd, expected in blocks:
        args = shlex.split(cmd)
        assert args[0] == "chokepoint", cmd
        args = args[1:]
        target = None
        if "-o" in args:
            i = args.index("-o")
            target = os.path.join(SRC, args[i + 1])
            args[i + 1] = os.path.join(tmp, "out")
        r = subprocess.run([BIN, *args], cwd=SRC, capture_output=True, text=True)
        if r.returncode != 0 or r.stdout != expected:
            failures.append(f"$ {cmd}\n--- expected\n{expected}--- got ({r.returncode})\n{r.stdout}")
        if target is not None:
            with open(target, encoding="utf-8") as a, open(args[args.index("-o") + 1],
                                                            encoding="utf-8") as b:
                if a.read() != b.read():
                    failures.append(f"$ {cmd}: output differs from {target}")
print(f"{len(blocks)} examples checked")
if failures:
    print("\n".join(failures))
    sys.exit(1)
