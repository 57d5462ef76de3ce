#!/usr/bin/env bash
# Median cost of `remind` on the example school (every class involved) beside `sodiem --version`,
# on the release build; the budget (issue 7) is 2x --version per class involved.
# Run as root (the demo school and SODIEM_NOW need it). Timed with date +%s%N, RUNS runs each.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-21}
DATE=${DATE:-2024-10-31}   # mid term I: tx1/tx2 overdue everywhere, attendance open: ~480 items
swift build -c release >/dev/null
BIN="$(swift build -c release --show-bin-path)/sodiem"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" demo --data "$WORK/demo" >/dev/null
export SODIEM_NOW=$DATE
CLASSES=$("$BIN" --data "$WORK/demo" class list | grep -cE '^[6-9]A[0-9]+ ' || true)
ITEMS=$("$BIN" --data "$WORK/demo" remind | tail -n +4 | wc -l)
"$BIN" --data "$WORK/demo" remind >/dev/null   # warm the page cache

median_us() { sort -n | awk '{ a[NR] = $1 } END { printf "%d", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
times_v=(); times_r=()
for _ in $(seq "$RUNS"); do
  t0=$(date +%s%N); "$BIN" --version >/dev/null; t1=$(date +%s%N); times_v+=($(( (t1 - t0) / 1000 )))
  t0=$(date +%s%N); "$BIN" --data "$WORK/demo" remind >/dev/null; t1=$(date +%s%N); times_r+=($(( (t1 - t0) / 1000 )))
done
v=$(printf '%s\n' "${times_v[@]}" | median_us); r=$(printf '%s\n' "${times_r[@]}" | median_us)
awk -v v="$v" -v r="$r" -v c="$CLASSES" -v n="$ITEMS" 'BEGIN {
  printf "sodiem --version          median %7.1f ms\n", v / 1000
  printf "remind (%d classes, %d items) median %7.1f ms = %.2f ms per class (%.2fx --version per class; budget 2x)\n",
         c, n, r / 1000, r / 1000 / c, r / c / v
  exit (r / c <= 2 * v) ? 0 : 1 }'
