#!/usr/bin/env bash
# cmake --install, then build a separate project against the installed package with
# find_package(chokepoint) and run it. Skipped (exit 77) in the sanitizer build.
set -euo pipefail
src=$2
build=${CHOKEPOINT_BUILD_DIR:?}
if grep -q "CHOKEPOINT_SANITIZE:BOOL=ON" "$build/CMakeCache.txt"; then
  echo "skipped: sanitizer build"; exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
cmake -S "$src/tests/install" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" >/dev/null
cmake --build "$tmp/consumer" -j2 >/dev/null
out=$("$tmp/consumer/consumer" "$src/tests/fixtures/good/tiny.json")
echo "$out"
[ "$out" = "3 nodes; without CD: refined cobalt loss 1" ]
