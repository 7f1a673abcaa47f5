#!/usr/bin/env bash
# Set-up, build and run chokepoint on a fresh Debian 12 machine (as root, or with sudo).
#   tools/build.sh demo   install what is missing, build, run the main job on a bundled dataset
#   tools/build.sh test   install what is missing, build (warnings are errors), run the whole test
#                         suite, then build again with AddressSanitizer + UBSan and run it again
#   tools/build.sh deps   only install what is missing (the browser test calls this for chromium)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-demo}

packages=(cmake g++ make pkg-config libboost-graph-dev rapidjson-dev libgraphviz-dev graphviz catch2
          libcli11-dev libfmt-dev coinor-libclp-dev iso-codes
          python3 python3-networkx python3-scipy python3-numpy python3-igraph python3-graph-tool
          python3-jsonschema python3-pygraphviz chromium)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

jobs=$(nproc)
build() {  # build DIR [cmake options...]
  local dir=$1; shift
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

case "$mode" in
  deps)
    ;;
  demo)
    build build -DCHOKEPOINT_BUILD_TESTS=OFF
    ./build/tools/chokepoint concentration datasets/cobalt_batteries.json --by location,owner \
      --commodity "mined cobalt" --top 5
    echo
    ./build/tools/chokepoint report datasets/cobalt_batteries.json -o build/report-cobalt_batteries.html
    ;;
  test)
    build build -DCHOKEPOINT_BUILD_TESTS=ON -DCHOKEPOINT_WERROR=ON
    ctest --test-dir build -j"$jobs" --output-on-failure
    build build-sanitize -DCHOKEPOINT_BUILD_TESTS=ON -DCHOKEPOINT_WERROR=ON -DCHOKEPOINT_SANITIZE=ON
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --test-dir build-sanitize -j"$jobs" --output-on-failure
    ;;
  *)
    echo "usage: tools/build.sh demo|test|deps" >&2
    exit 2
    ;;
esac
