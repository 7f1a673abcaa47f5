"""Re-runs every example in README.md and docs/ and compares its output byte for byte.

An example is a ```console block: lines starting with "$ chokepoint ..." are commands (run from
the repository root, no shell), the lines after each command up to the next "$ " line or the end
of the block are its expected output (standard output and standard error, as they arrive through one pipe).

usage: doc_examples.py CHOKEPOINT_BINARY SOURCE_DIR [--update]
  --update rewrites the expected outputs in place (review the diff before committing).
"""
import atexit
import glob
import os
import re
import shlex
import subprocess
import shutil
import sys
import tempfile

binary, src = sys.argv[1], sys.argv[2]
update = "--update" in sys.argv[3:]
tmp = tempfile.mkdtemp(prefix="doc_examples-")
atexit.register(shutil.rmtree, tmp, True)
files = [os.path.join(src, "README.md")] + sorted(glob.glob(os.path.join(src, "docs", "**", "*.md"), recursive=True))
block_re = re.compile(r"^```console\n(.*?)^```\n", re.S | re.M)


def run(command):
    """Runs one example. An output file (-o/--output) goes to a temporary directory, never into
    the tree; when the tree has that file (a committed fixture), the two must be identical."""
    args = shlex.split(command)
    args[0] = binary
    target = None
    for flag in ("-o", "--output"):
        if flag in args[:-1]:
            i = args.index(flag) + 1
            target, args[i] = args[i], os.path.join(tmp, os.path.basename(args[i]))
    p = subprocess.run(args, cwd=src, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600)
    out = p.stdout
    committed = os.path.join(src, target) if target else None
    if committed and os.path.isfile(committed) and os.path.exists(args[i]):
        if open(committed, "rb").read() != open(args[i], "rb").read():
            out += f"[doc_examples: {target} differs from what the command writes]\n"
    return out


def check_block(body, where):
    out, fails, count = [], 0, 0
    parts = re.split(r"^(\$ .*\n)", body, flags=re.M)
    # parts: [preamble, cmd1, out1, cmd2, out2, ...]
    out.append(parts[0])
    for i in range(1, len(parts), 2):
        cmd, expected = parts[i], parts[i + 1]
        command = cmd[2:].strip()
        if not command.startswith("chokepoint "):
            out += [cmd, expected]
            continue
        count += 1
        got = run(command)
        if got and not got.endswith("\n"):
            got += "\n"
        norm = lambda s: "\n".join(line.rstrip() for line in s.splitlines())
        if norm(got) != norm(expected):
            fails += 1
            if not update:
                print(f"FAIL {where}: $ {command}\n--- expected\n{expected}--- got\n{got}")
        out += [cmd, got if update else expected]
    return "".join(out), fails, count


total = failed = 0
for f in files:
    if not os.path.exists(f):
        continue
    text = open(f, encoding="utf-8").read()
    new_text, pos = [], 0
    for m in block_re.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        body, fails, count = check_block(m.group(1), f"{os.path.relpath(f, src)}:{line}")
        total += count
        failed += fails
        new_text += [text[pos:m.start()], "```console\n", body, "```\n"]
        pos = m.end()
    new_text.append(text[pos:])
    if update and "".join(new_text) != text:
        open(f, "w", encoding="utf-8").write("".join(new_text))
        print(f"updated {os.path.relpath(f, src)}")
print(f"doc_examples: {total - failed} passed, {failed} failed")
sys.exit(1 if failed and not update else 0)
