#!/usr/bin/env bash
# Builds data directories with N whole school years of the example school (20 classes × ~40
# students) and term I of the year after, through the same operations the commands use:
# `sodiem demo --years N` (docs/commands/demo.md): both terms of sheets, attendance and conduct,
# both terms locked, `year create --from --promote --force`, grade-6 classes and assignments,
# a new grade-6 intake. Run as root (SODIEM_NOW and --as need it).
#
#   Tests/Benchmarks/make-history.sh [OUT-DIR] [YEARS…]     # default /tmp/sodiem-history 1 4 8
#
# Prints, per directory: the time it took, events, log size, directory size.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-/tmp/sodiem-history}
shift || true
YEARS=("$@")
[ ${#YEARS[@]} -gt 0 ] || YEARS=(1 4 8)
BIN=${BIN:-}
if [ -z "$BIN" ]; then
  swift build -c release >/dev/null
  BIN="$(swift build -c release --show-bin-path)/sodiem"
fi
mkdir -p "$OUT"
for n in "${YEARS[@]}"; do
  dir="$OUT/y$n"
  if [ -f "$dir/audit.log" ] && [ -z "${REBUILD:-}" ]; then
    echo "y$n: kept ($dir; REBUILD=1 to make it again)"
  else
    rm -rf "$dir"
    t0=$(date +%s%N)
    "$BIN" demo --years "$n" --data "$dir" >/dev/null
    t1=$(date +%s%N)
    echo "y$n: built in $(( (t1 - t0) / 1000000 )) ms"
  fi
  printf '  %s events, audit.log %s bytes, directory %s\n' "$(wc -l < "$dir/audit.log")" "$(stat -c %s "$dir/audit.log")" "$(du -sh "$dir" | cut -f1)"
done
