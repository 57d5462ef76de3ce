#!/usr/bin/env bash
# Benchmark of the foundation (not a timed test): on the example school (`sodiem demo`), the median
# cost of a read-only command (`students --class 6A1`, `verify`) and of a single-event write
# (`class add`, `user add`) beside that of `sodiem --version`. The goal: reads and single writes
# stay within 2× of --version. Uses hyperfine when installed (apt-get install -y hyperfine), else a
# loop timed with `date +%s%N`. Run as root (the demo and --as need root or an admin).
#
#   Tests/Benchmarks/bench-foundation.sh [RUNS]      # default 30 runs per command
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-30}"
swift build -c release --product sodiem >/dev/null
BIN="$(swift build -c release --show-bin-path)/sodiem"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
DATA="$WORK/demo"
export SODIEM_LANG=en
"$BIN" demo --data "$DATA" >/dev/null
students=$(grep -c . < <("$BIN" --data "$DATA" students --class 6A1 --format csv))
events=$(wc -l < "$DATA/audit.log")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(uname -sr)"
echo "example school: $events events in audit.log, $(( students - 1 )) students in 6A1, $(du -sh "$DATA" | cut -f1) on disk"
echo "binary: $BIN (release)"

# Each write adds one event with a new name: a counter file gives every run its own.
COUNTER="$WORK/n"
echo 0 > "$COUNTER"
cat > "$WORK/class-add.sh" <<SH
#!/usr/bin/env bash
n=\$(( \$(cat "$COUNTER") + 1 )); echo \$n > "$COUNTER"
exec "$BIN" --data "$DATA" class add "6B\$n" --grade 6 >/dev/null
SH
cat > "$WORK/user-add.sh" <<SH
#!/usr/bin/env bash
n=\$(( \$(cat "$COUNTER") + 1 )); echo \$n > "$COUNTER"
exec "$BIN" --data "$DATA" user add "bench.\$n" --name "Người Đo \$n" --role teacher >/dev/null
SH
# The wrapper's own cost (bash + cat + echo) is measured alone and subtracted.
cat > "$WORK/wrapper-only.sh" <<SH
#!/usr/bin/env bash
n=\$(( \$(cat "$COUNTER") + 0 )); echo \$n > "$WORK/m"
exec "$BIN" --version >/dev/null
SH
chmod +x "$WORK"/*.sh


declare -A CMD=(
  [version]="$BIN --version"
  [students]="$BIN --data $DATA students --class 6A1"
  [verify]="$BIN --data $DATA verify"
  [class-add]="$WORK/class-add.sh"
  [user-add]="$WORK/user-add.sh"
  [wrapper]="$WORK/wrapper-only.sh"
)
ORDER=(version students verify wrapper class-add user-add)

ROUNDS="${ROUNDS:-5}"
# The machine is shared: commands are measured in alternating rounds (every command once per round,
# a few runs each) and the figure is the median over all rounds, so that a burst of load elsewhere
# touches every command alike. CPU time (user + system) is shown too: it hardly depends on load.
PER_ROUND=$(( (RUNS + ROUNDS - 1) / ROUNDS ))
: > "$WORK/samples"
if command -v hyperfine >/dev/null; then
  METHOD="hyperfine -N, $ROUNDS alternating rounds × $PER_ROUND runs (3 warm-up runs each), median over rounds of the round medians"
  for round in $(seq "$ROUNDS"); do
    args=()
    for name in "${ORDER[@]}"; do args+=( -n "$name" "${CMD[$name]}" ); done
    hyperfine -N --warmup 3 --runs "$PER_ROUND" --export-json "$WORK/r$round.json" "${args[@]}" >/dev/null 2>&1
    python3 - "$WORK/r$round.json" >> "$WORK/samples" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["command"], "%.3f" % (r["median"] * 1000), "%.3f" % ((r["user"] + r["system"]) * 1000))
PY
  done
else
  METHOD="bash loop, date +%s%N, $ROUNDS alternating rounds × $PER_ROUND runs, median of all runs (no CPU figure)"
  for name in "${ORDER[@]}"; do for _ in 1 2 3; do ${CMD[$name]} >/dev/null 2>&1; done; done
  for round in $(seq "$ROUNDS"); do
    for name in "${ORDER[@]}"; do
      for _ in $(seq "$PER_ROUND"); do
        t0=$(date +%s%N); ${CMD[$name]} >/dev/null 2>&1; t1=$(date +%s%N)
        echo "$name $(awk -v d=$(( t1 - t0 )) 'BEGIN {printf "%.3f", d / 1e6}') nan" >> "$WORK/samples"
      done
    done
  done
fi
median_of() {  # median of column $2 for command $1
  awk -v n="$1" -v c="$2" '$1 == n {print $c}' "$WORK/samples" | sort -g |
    awk '{a[NR]=$1} END {if (NR == 0 || a[1] == "nan") {print "nan"; exit} m = (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2; printf "%.2f", m}'
}
declare -A MED CPU
for name in "${ORDER[@]}"; do MED[$name]=$(median_of "$name" 2); CPU[$name]=$(median_of "$name" 3); done

echo "method: $METHOD"
printf '%-32s %9s %7s %9s %7s\n' "command" "wall ms" "× ver" "cpu ms" "× ver"
base=${MED[version]}
cbase=${CPU[version]}
wrap=$(awk -v w="${MED[wrapper]}" -v b="$base" 'BEGIN {printf "%.2f", w - b}')
cwrap=$(awk -v w="${CPU[wrapper]}" -v b="$cbase" 'BEGIN {printf "%.2f", w - b}')
status=0
for name in version students verify class-add user-add; do
  ms=${MED[$name]}; cpu=${CPU[$name]}
  case $name in class-add|user-add)
    ms=$(awk -v m="$ms" -v w="$wrap" 'BEGIN {printf "%.2f", m - w}')
    cpu=$(awk -v m="$cpu" -v w="$cwrap" 'BEGIN {printf "%.2f", m - w}') ;;
  esac
  ratio=$(awk -v m="$ms" -v b="$base" 'BEGIN {printf "%.2f", m / b}')
  cratio=$(awk -v m="$cpu" -v b="$cbase" 'BEGIN {if (b == "nan" || b == 0) print "-"; else printf "%.2f", m / b}')
  label=$name
  case $name in
    version) label="sodiem --version" ;;
    students) label="students --class 6A1 (read)" ;;
    verify) label="verify (replays the whole log)" ;;
    class-add) label="class add (1 event)" ;;
    user-add) label="user add (1 event)" ;;
  esac
  verdict=""
  if [ "$name" != version ] && [ "$name" != verify ]; then
    if awk -v r="$ratio" 'BEGIN {exit !(r <= 2.0)}'; then verdict="ok (≤ 2×)"; else verdict="OVER 2×"; status=1; fi
  fi
  printf '%-32s %9s %7s %9s %7s  %s\n' "$label" "$ms" "$ratio" "$cpu" "$cratio" "$verdict"
done
echo "(write rows: the wrapper's own cost, ${wrap} ms wall / ${cwrap} ms cpu, subtracted; verify is shown, not held to 2×: it replays everything by design)"
"$BIN" --data "$DATA" verify >/dev/null
exit $status
