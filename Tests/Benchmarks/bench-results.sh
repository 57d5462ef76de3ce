#!/usr/bin/env bash
# Benchmark of the results engine (not a timed test), issue 4: results for a whole school year
# (20 classes × ~40 students × 12 subjects × 2 terms, from `sodiem demo --terms 2`) against merely
# loading that data. "Loading" is `students --class C --format json` (the same class file parsed,
# the same process start, no rules); "results" is `results --class C --term year --format json`
# (term and year averages, levels, adjustment, conduct, outcome, titles for every student).
# Also the whole school in one process: `report --kind results --term year` vs `verify` is not a
# fair pair, so it is printed on its own. Uses hyperfine when installed, else a `date +%s%N` loop.
# Run as root.
#
#   Tests/Benchmarks/bench-results.sh [RUNS]     # default 10 runs per command
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-10}"
swift build -c release --product sodiem >/dev/null
BIN="$(swift build -c release --show-bin-path)/sodiem"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/demo"
export SODIEM_LANG=en
"$BIN" demo --data "$DATA" --terms 2 >/dev/null
CLASSES=$("$BIN" --data "$DATA" class list --format csv | tail -n +2 | cut -d, -f1 | tr '\n' ' ')
cat > "$WORK/load-all.sh" <<SH
#!/usr/bin/env bash
for c in $CLASSES; do "$BIN" --data "$DATA" students --class \$c --format json >/dev/null; done
SH
cat > "$WORK/results-all.sh" <<SH
#!/usr/bin/env bash
for c in $CLASSES; do "$BIN" --data "$DATA" results --class \$c --term year --format json >/dev/null; done
SH
cat > "$WORK/report.sh" <<SH
#!/usr/bin/env bash
"$BIN" --data "$DATA" report --kind results --term year --format json >/dev/null
SH
chmod +x "$WORK"/*.sh
echo "example school: $(echo $CLASSES | wc -w) classes, $(wc -l < "$DATA/audit.log") events, $(du -sh "$DATA/years" | cut -f1) of snapshots"
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {
    local script=$1
    for _ in $(seq "$RUNS"); do
        local s e; s=$(date +%s%N); "$script"; e=$(date +%s%N); echo $(( (e - s) / 1000 ))
    done | median
}
load=$(measure "$WORK/load-all.sh")
results=$(measure "$WORK/results-all.sh")
report=$(measure "$WORK/report.sh")
printf "load all classes (students --format json × 20):   %8.1f ms\n" "$(echo "$load / 1000" | bc -l)"
printf "results --term year --format json × 20:           %8.1f ms  (%.2f× loading)\n" "$(echo "$results / 1000" | bc -l)" "$(echo "$results / $load" | bc -l)"
printf "report --kind results --term year (one process):  %8.1f ms\n" "$(echo "$report / 1000" | bc -l)"
