#!/usr/bin/env bash
# Median cost of entering one class sheet (40 students × 6 columns: tx1..tx4, gk, ck of toán,
# one score.sheet event of 240 changes) beside `sodiem --version`, on the release build.
# Run as root (the demo school and SODIEM_NOW need it). Uses hyperfine when installed
# (apt-get install -y hyperfine), else (or with NO_HYPERFINE=1) a loop timed with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-21}
CLASS=${CLASS:-7A3}        # 40 students in the example school
swift build -c release >/dev/null
BIN="$(swift build -c release --show-bin-path)/sodiem"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
BASE="$WORK/base"
"$BIN" demo --data "$BASE" >/dev/null
# The sheet: every student of the class, six columns, made-up scores.
SODIEM_NOW=2024-10-01 "$BIN" --data "$BASE" print-ledger --class "$CLASS" --subject toan --term 1 --format csv \
  | awk -F, 'NR == 1 { print; next } { printf "%s,%s,%d,%d.5,%d,%d,%d,%d\n", $1, $2, 5 + NR % 5, 4 + NR % 6, 6 + NR % 4, 5 + NR % 5, 7 + NR % 3, 6 + NR % 4 }' \
  > "$WORK/sheet.csv"
test "$(($(wc -l < "$WORK/sheet.csv") - 1))" -ge 40 || { echo "the sheet has fewer than 40 students" >&2; exit 1; }
ENTER=("$BIN" --data "$WORK/run" enter-score --class "$CLASS" --subject toan --term 1 --file "$WORK/sheet.csv")
export SODIEM_NOW=2024-10-20

median_ms() { sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
  hyperfine --style basic --runs "$RUNS" --warmup 3 --export-json "$WORK/h.json" \
    -n version "$BIN --version" \
    -n enter-sheet --prepare "rm -rf '$WORK/run' && cp -a '$BASE' '$WORK/run'" "${ENTER[*]}" >/dev/null
  python3 - "$WORK/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
v, e = r["version"]["median"] * 1000, r["enter-sheet"]["median"] * 1000
print(f"sodiem --version       median {v:7.1f} ms")
print(f"enter-score (1 sheet)  median {e:7.1f} ms   ({e / v:.1f}x --version)")
PY
else
  times_v=(); times_e=()
  for _ in $(seq "$RUNS"); do
    t0=$(date +%s%N); "$BIN" --version >/dev/null; t1=$(date +%s%N); times_v+=($(( (t1 - t0) / 1000 )))
    rm -rf "$WORK/run"; cp -a "$BASE" "$WORK/run"
    t0=$(date +%s%N); "${ENTER[@]}" >/dev/null; t1=$(date +%s%N); times_e+=($(( (t1 - t0) / 1000 )))
  done
  v=$(printf '%s\n' "${times_v[@]}" | median_ms); e=$(printf '%s\n' "${times_e[@]}" | median_ms)
  awk -v v="$v" -v e="$e" 'BEGIN { printf "sodiem --version       median %7.1f ms\nenter-score (1 sheet)  median %7.1f ms   (%.1fx --version)\n", v / 1000, e / 1000, e / v }'
fi
