#!/usr/bin/env bash
# CLI smoke tests: help, version, exit codes, formats, atomic -o, standard input.
#   usage: cli_smoke.sh CHOKEPOINT_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
fx=$src/tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; sed 's/^/  stderr: /' "$tmp/err" | head -5
    fails=$((fails + 1))
  fi
}
contains() {  # contains NAME FILE TEXT
  if ! grep -qF -- "$3" "$2"; then echo "FAIL $1: '$3' not in $2:"; head -5 "$2"; fails=$((fails + 1)); fi
}

check help 0 "$bin" --help
contains help "$tmp/out" "validate"
contains help "$tmp/out" "Exit codes"
check version 0 "$bin" --version
contains version "$tmp/out" "chokepoint 0."
check no-command 2 "$bin"
check unknown-command 2 "$bin" frobnicate
for cmd in validate info; do
  check "help-$cmd" 0 "$bin" "$cmd" --help
  contains "help-$cmd" "$tmp/out" "Example:"
done

check validate-good 0 "$bin" validate "$fx/good/tiny.json" "$src/datasets/cobalt_mini.json"
contains validate-good "$tmp/out" "tiny.json: valid (3 nodes, 2 edges, 0 warnings)"
for f in "$fx"/broken/*.json; do
  check "validate-$(basename "$f")" 1 "$bin" validate "$f"
  name=$(basename "$f" .json)
  want=$(awk -F'\t' -v n="$name" '$1 == n {print $2}' "$fx/broken/EXPECTED.tsv")
  contains "message-$name" "$tmp/err" "$f$want"
done
check validate-mixed 1 "$bin" validate "$fx/good/tiny.json" "$fx/broken/bad_country.json"
contains validate-mixed "$tmp/out" "tiny.json: valid"
# Over 100 warnings: 100 listed, one line for the rest, and the summary counts them all.
check generate-feedback 0 "$bin" generate --nodes 3000 --feedback 0.05 --seed 3 -o "$tmp/fb.json"
feedback=$(sed -n 's/.*edges (\([0-9]*\) feedback).*/\1/p' "$tmp/err")
check validate-many-warnings 0 "$bin" validate "$tmp/fb.json"
contains validate-many-warnings "$tmp/out" "edges, $feedback warnings)"
contains validate-many-warnings "$tmp/err" "warning: $((feedback - 100)) more warnings not shown"
if [ "$(grep -c 'back to earlier stage' "$tmp/err")" != 100 ]; then
  echo "FAIL validate-many-warnings: not 100 listed warnings"; fails=$((fails + 1))
fi
check validate-missing 1 "$bin" validate "$tmp/nope.json"
contains validate-missing "$tmp/err" "nope.json: cannot open: No such file or directory"
check validate-warning 0 "$bin" validate "$fx/warnings/unknown_field.json"
contains validate-warning "$tmp/err" "warning: unknown field \"colour\" ignored"
check validate-stdin 0 sh -c "\"$bin\" validate - < \"$fx/good/tiny.json\""
contains validate-stdin "$tmp/out" "<stdin>: valid"

check info-table 0 "$bin" info "$src/datasets/cobalt_mini.json"
contains info-table "$tmp/out" "314,600"
check info-json 0 "$bin" info "$src/datasets/cobalt_mini.json" --format json
/usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['nodes']==23 and d['edges']==130, d" "$tmp/out" ||
  { echo "FAIL info-json: bad JSON"; fails=$((fails + 1)); }
check info-csv 0 "$bin" info "$src/datasets/cobalt_mini.json" --format csv
contains info-csv "$tmp/out" "commodity,stage,producers,total_output,unit,end_product"
check info-bad-format 2 "$bin" info "$src/datasets/cobalt_mini.json" --format xml
check info-missing 2 "$bin" info "$tmp/nope.json"
check info-invalid 2 "$bin" info "$fx/broken/bad_country.json"

# -o writes atomically: the file appears on success, and an existing file survives a failure.
check info-o 0 "$bin" info "$fx/good/tiny.json" -o "$tmp/info.txt"
contains info-o "$tmp/info.txt" "Tiny cobalt chain"
echo keep >"$tmp/keep.txt"
check info-o-fail 2 "$bin" info "$fx/broken/bad_country.json" -o "$tmp/keep.txt"
contains info-o-fail "$tmp/keep.txt" "keep"
check info-o-none 2 "$bin" info "$fx/broken/bad_country.json" -o "$tmp/new.txt"
[ ! -e "$tmp/new.txt" ] || { echo "FAIL info-o-none: file written on failure"; fails=$((fails + 1)); }
leftovers=$(find "$tmp" -name '*.tmp-*' | wc -l)
[ "$leftovers" = 0 ] || { echo "FAIL temp files left: $leftovers"; fails=$((fails + 1)); }
check info-o-dir 2 "$bin" info "$fx/good/tiny.json" -o "$tmp/no/such/dir/x.txt"

echo "cli_smoke: $fails failed"
[ "$fails" = 0 ]
