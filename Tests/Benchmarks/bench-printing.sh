#!/usr/bin/env bash
# Benchmark of printing (docs/printing.md): a class ledger in ≤ 300 ms, transcripts for the whole
# example school in ≤ 5 s. Release build, demo school. Run as root (the demo acts as every account).
# Usage: Tests/Benchmarks/bench-printing.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/../.."
[[ "${1:-}" == "--no-build" ]] || swift build -c release --product sodiem >/dev/null
bin="$(swift build -c release --show-bin-path)/sodiem"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
data="$work/demo"
"$bin" demo --data "$data" >/dev/null

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
best() { local b=999999 t; for _ in 1 2 3 4 5; do t=$(ms "$@"); (( t < b )) && b=$t; done; echo "$b"; }

ledger1=$(best "$bin" --data "$data" print-ledger --class 6A1 --term 1 --out "$work/so-6A1-hk1.html")
ledgery=$(best "$bin" --data "$data" print-ledger --class 6A1 --term year --out "$work/so-6A1-cn.html")
blank=$(best "$bin" --data "$data" print-ledger --teacher gv.long01 --blank --term 1 --out "$work/so-trang.html")
classes=$("$bin" --data "$data" class list | awk 'NR>2 {print $1}')
s=$(date +%s%N)
count=0
mkdir -p "$work/hoc-ba"
for c in $classes; do
  "$bin" --data "$data" print-transcript --class "$c" --out "$work/hoc-ba/$c" >/dev/null
  count=$((count + 1))
done
e=$(date +%s%N)
all=$(( (e - s) / 1000000 ))
files=$(find "$work/hoc-ba" -name 'HS*.html' | wc -l)
bytes=$(du -sk "$work/hoc-ba" | cut -f1)

printf 'class ledger 6A1, term 1 (best of 5):   %5d ms  (limit 300)\n' "$ledger1"
printf 'class ledger 6A1, whole year (best of 5): %3d ms  (limit 300)\n' "$ledgery"
printf 'blank gradebook gv.long01 (best of 5):  %5d ms\n' "$blank"
printf 'transcripts, %d classes, %d students:   %5d ms  (limit 5000), %d KiB\n' "$count" "$files" "$all" "$bytes"
status=0
(( ledger1 <= 300 && ledgery <= 300 )) || { echo "FAIL: class ledger over 300 ms"; status=1; }
(( all <= 5000 )) || { echo "FAIL: transcripts over 5 s"; status=1; }
exit $status
