"""docs/datasets.md's generated tables are up to date with the bundled datasets.

usage: dataset_tables.py CHOKEPOINT_BINARY SOURCE_DIR
Fix a failure with: /usr/bin/python3 tools/dataset_tables.py --update docs/datasets.md
"""
import subprocess
import sys

src = sys.argv[2]
p = subprocess.run(["/usr/bin/python3", "tools/dataset_tables.py", "--root", src, "--check", "docs/datasets.md",
                    "--chokepoint", sys.argv[1]],
                   cwd=src, capture_output=True, text=True)
sys.stdout.write(p.stdout + p.stderr)
sys.exit(p.returncode)
