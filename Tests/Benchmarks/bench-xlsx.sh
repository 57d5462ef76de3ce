#!/usr/bin/env bash
# The cost of reading a 40-student subject sheet as .xlsx beside the same sheet as CSV and
# beside `sodiem --version` (issue 12's goal: an xlsx sheet costs at most 1.5x the CSV one).
# Both are read by `enter-score --dry-run` (parse, check every cell, change nothing), on the
# release build. The xlsx is deflate-compressed by openpyxl, as Excel and LibreOffice save.
# Run as root (the demo school and SODIEM_NOW need it); needs python3 with openpyxl.
# Uses hyperfine when installed (apt-get install -y hyperfine), else a loop timed with date +%s%N.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-31}
CLASS=${CLASS:-7A3}        # 40 students in the example school
# SCRATCH=DIR builds in another folder (while a test run holds .build).
BUILD=(swift build -c release ${SCRATCH:+--scratch-path "$SCRATCH"})
"${BUILD[@]}" >/dev/null
BIN="$("${BUILD[@]}" --show-bin-path)/sodiem"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN" demo --data "$WORK/data" --terms 0 >/dev/null
export SODIEM_NOW=2024-10-01
"$BIN" --data "$WORK/data" print-ledger --class "$CLASS" --subject toan --term 1 --format csv \
  | awk -F, 'NR == 1 { print; next } { printf "%s,%s,%d,%d.5,%d,%d,%d,%d\n", $1, $2, 5 + NR % 5, 4 + NR % 6, 6 + NR % 4, 5 + NR % 5, 7 + NR % 3, 6 + NR % 4 }' \
  > "$WORK/sheet.csv"
test "$(($(wc -l < "$WORK/sheet.csv") - 1))" -ge 40 || { echo "the sheet has fewer than 40 students" >&2; exit 1; }
python3 - "$WORK/sheet.csv" "$WORK/sheet.xlsx" <<'PY'
import csv, sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
for r, row in enumerate(csv.reader(open(sys.argv[1], encoding='utf-8'))):
    ws.append([float(v) if r and i >= 2 and v else v for i, v in enumerate(row)])
wb.save(sys.argv[2])
PY
LEAD=$("$BIN" --data "$WORK/data" assignments --class "$CLASS" --format csv | awk -F, '$1 == "toan" { print $4 }')
ENTER="$BIN --data $WORK/data --as $LEAD enter-score --class $CLASS --subject toan --term 1 --dry-run --file"
$ENTER "$WORK/sheet.csv" >/dev/null && $ENTER "$WORK/sheet.xlsx" >/dev/null   # both must be accepted
ls -l "$WORK/sheet.csv" "$WORK/sheet.xlsx" | awk '{ print $5, $NF }'

median_ms() { sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
if [ -z "${NO_HYPERFINE:-}" ] && command -v hyperfine >/dev/null; then
  hyperfine -N --style basic --runs "$RUNS" --warmup 3 --export-json "$WORK/h.json" \
    -n version "$BIN --version" -n csv "$ENTER $WORK/sheet.csv" -n xlsx "$ENTER $WORK/sheet.xlsx" >/dev/null
  python3 - "$WORK/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
v, c, x = (r[k]["median"] * 1000 for k in ("version", "csv", "xlsx"))
print(f"sodiem --version         median {v:7.2f} ms")
print(f"enter-score --dry-run csv  median {c:7.2f} ms  ({c / v:.2f}x --version)")
print(f"enter-score --dry-run xlsx median {x:7.2f} ms  ({x / v:.2f}x --version, {x / c:.2f}x csv)")
# CPU time (user + system) hardly depends on the other load on the machine.
cv, cc, cx = ((r[k]["user"] + r[k]["system"]) * 1000 for k in ("version", "csv", "xlsx"))
print(f"CPU ms (user+sys, mean): --version {cv:.2f}, csv {cc:.2f}, xlsx {cx:.2f} ({cx / cc:.2f}x csv)")
PY
else
  for name in version csv xlsx; do
    : > "$WORK/$name.t"
  done
  for _ in $(seq "$RUNS"); do   # interleaved, so that the load falls on all three alike
    t0=$(date +%s%N); "$BIN" --version >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )) >> "$WORK/version.t"
    t0=$(date +%s%N); $ENTER "$WORK/sheet.csv" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )) >> "$WORK/csv.t"
    t0=$(date +%s%N); $ENTER "$WORK/sheet.xlsx" >/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 )) >> "$WORK/xlsx.t"
  done
  v=$(median_ms < "$WORK/version.t"); c=$(median_ms < "$WORK/csv.t"); x=$(median_ms < "$WORK/xlsx.t")
  awk -v v="$v" -v c="$c" -v x="$x" 'BEGIN {
    printf "sodiem --version           median %8.1f us\n", v
    printf "enter-score --dry-run csv  median %8.1f us  (%.2fx --version)\n", c, c / v
    printf "enter-score --dry-run xlsx median %8.1f us  (%.2fx --version, %.2fx csv)\n", x, x / v, x / c }'
fi
