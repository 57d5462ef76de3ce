#!/usr/bin/env bash
# What history costs: for 1, 4 and 8 whole school years of the example school (make-history.sh),
# side by side in one run: verify, verify --full, one score entry, one class sheet, results of a
# class, a class's transcripts, archive, verify --archive, restore and log --class — wall time (median), CPU time (median)
# and peak memory (max RSS) — against `sodiem --version` and sqlite3's one durable insert as its
# own process (PRAGMA synchronous=FULL on a WAL database, one row per process run).
#
#   Tests/Benchmarks/bench-history.sh [RUNS]        # default 7 rounds; release build; as root
#
# HISTORY=/tmp/sodiem-history (kept between runs; REBUILD=1 to remake), YEARS="1 4 8",
# BIN=path/to/sodiem to measure another build. Commands are measured in alternating rounds
# (the machine is shared): each figure is the median of its rounds. Writes go to a copy of
# each directory, made once; each write changes something (the score and the sheet alternate
# between two values), so every run appends one event.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-${RUNS:-7}}
HISTORY=${HISTORY:-/tmp/sodiem-history}
YEARS=${YEARS:-"1 4 8"}
if [ -z "${BIN:-}" ]; then
  swift build -c release >/dev/null
  BIN="$(swift build -c release --show-bin-path)/sodiem"
fi
export BIN
# shellcheck disable=SC2086
Tests/Benchmarks/make-history.sh "$HISTORY" $YEARS >&2
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 - "$BIN" "$HISTORY" "$WORK" "$RUNS" $YEARS <<'PY'
import json, os, shutil, statistics, subprocess, sys, time

bin_, history, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
years = [int(y) for y in sys.argv[5:]]
base_env = dict(os.environ, SODIEM_LANG="en")

def run(cmd, env=None, stdout=subprocess.DEVNULL):
    """One process: wall ms, CPU ms (user+sys), peak RSS KiB, exit status, output."""
    t0 = time.perf_counter_ns()
    p = subprocess.Popen(cmd, env=env or base_env, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = (time.perf_counter_ns() - t0) / 1e6
    err = p.stderr.read().decode(errors="replace") if p.stderr else ""
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, (usage.ru_utime + usage.ru_stime) * 1000, usage.ru_maxrss, p.returncode, err

def check(cmd, env=None):
    r = subprocess.run(cmd, env=env or base_env, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}\n{r.stderr}")
    return r.stdout

supports_full = "--full" in check([bin_, "help", "verify"])

# sqlite3's one durable row, as its own process.
db = os.path.join(work, "peer.db")
check(["sqlite3", db, "PRAGMA journal_mode=WAL; CREATE TABLE scores(student TEXT, subject TEXT, term INT, col TEXT, tenths INT);"])
counter = [0]
def sqlite_cmd():
    counter[0] += 1
    return ["sqlite3", db, f"PRAGMA synchronous=FULL; INSERT INTO scores VALUES('HS{counter[0]:04d}','toan',1,'tx1',{counter[0] % 100});"]

cases = {}   # (years, name) -> command maker
for n in years:
    src = os.path.join(history, f"y{n}")
    runner = os.path.join(work, f"y{n}")
    shutil.copytree(src, runner, symlinks=True)
    year = f"{2024 + n}-{2025 + n}"
    y = json.load(open(os.path.join(runner, "years", year, "year.json")))
    klass = "6A1"
    teacher = y["assignments"]["toan"][klass]["enterers"][0] if "assignments" in y and "toan" in y["assignments"] else None
    cls = json.load(open(os.path.join(runner, "years", year, "classes", f"{klass}.json")))
    student = sorted(cls["students"].keys())[0]
    now = f"{2024 + n}-12-28"
    wenv = dict(base_env, SODIEM_NOW=now)
    ledger = check([bin_, "--data", runner, "print-ledger", "--class", klass, "--subject", "toan", "--term", "1", "--format", "csv"], wenv)
    sheets = []
    for k in range(2):
        lines = ledger.strip().split("\n")
        out = [lines[0]]
        for i, line in enumerate(lines[1:]):
            f = line.split(",")
            head, cols = f[:2], len(f) - 2
            out.append(",".join(head + [str(3 + (i + k + c) % 7) for c in range(cols)]))
        path = os.path.join(work, f"sheet-{n}-{k}.csv")
        open(path, "w").write("\n".join(out) + "\n")
        sheets.append(path)
    as_ = ["--as", teacher] if teacher else []
    flip = {"score": 0, "sheet": 0}   # one per history: each run changes the value
    def score(runner=runner, as_=as_, student=student, wenv=wenv, flip=flip):
        flip["score"] ^= 1
        return [bin_, "--data", runner] + as_ + ["enter-score", "--class", klass, "--subject", "toan", "--term", "1",
                "--student", student, "--column", "tx1", "--score", "0,5" if flip["score"] else "1,5"], wenv
    def sheet(runner=runner, as_=as_, sheets=sheets, wenv=wenv, flip=flip):
        flip["sheet"] ^= 1
        return [bin_, "--data", runner] + as_ + ["enter-score", "--class", klass, "--subject", "toan", "--term", "1",
                "--file", sheets[flip["sheet"]]], wenv
    def transcripts(runner=runner, n=n):
        out = os.path.join(work, f"tr-{n}")
        shutil.rmtree(out, ignore_errors=True)
        return [bin_, "--data", runner, "print-transcript", "--class", klass, "--out", out], None
    def archive(runner=runner, n=n):
        out = os.path.join(work, f"a-{n}.zip")
        if os.path.exists(out): os.remove(out)
        return [bin_, "--data", runner, "archive", "--out", out], None
    cases[(n, "verify")] = lambda runner=runner: ([bin_, "--data", runner, "verify"], None)
    if supports_full:
        cases[(n, "verify --full")] = lambda runner=runner: ([bin_, "--data", runner, "verify", "--full"], None)
    cases[(n, "enter-score (1 score)")] = score
    cases[(n, "enter-score (1 sheet)")] = sheet
    cases[(n, "results --class")] = lambda runner=runner: ([bin_, "--data", runner, "results", "--class", klass, "--term", "1"], None)
    cases[(n, "print-transcript --class")] = transcripts
    cases[(n, "archive")] = archive
    cases[(n, "log --class")] = lambda runner=runner: ([bin_, "--data", runner, "log", "--class", klass], None)
    # An archive made once of the unchanged history, checked and restored (both stream its entries).
    made = os.path.join(work, f"made-{n}.zip")
    check([bin_, "--data", src, "archive", "--out", made])
    cases[(n, "verify --archive")] = lambda made=made: ([bin_, "verify", "--archive", made], None)
    def restore(made=made, n=n):
        out = os.path.join(work, f"restored-{n}")
        shutil.rmtree(out, ignore_errors=True)
        return [bin_, "restore", "--archive", made, "--data", out], None
    cases[(n, "restore")] = restore
    events = sum(1 for _ in open(os.path.join(src, "audit.log"), "rb"))
    cases[(n, "#events")] = events
    cases[(n, "#log")] = os.path.getsize(os.path.join(src, "audit.log"))

results = {}
def measure(key, maker):
    cmd, env = maker()
    wall, cpu, rss, code, err = run(cmd, env)
    if code != 0:
        sys.exit(f"failed ({code}): {' '.join(cmd)}\n{err}")
    results.setdefault(key, []).append((wall, cpu, rss))

for _ in range(runs):
    measure("version", lambda: ([bin_, "--version"], None))
    measure("sqlite3 insert", lambda: (sqlite_cmd(), None))
    for key, maker in cases.items():
        if not key[1].startswith("#"):
            measure(key, maker)

def med(key, i): return statistics.median(r[i] for r in results[key])
def peak(key): return max(r[2] for r in results[key]) / 1024
v, v_cpu, sq = med("version", 0), med("version", 1), med("sqlite3 insert", 0)
print(f"\n{runs} rounds. sodiem --version: {v:.1f} ms wall, {v_cpu:.1f} ms CPU, {peak('version'):.1f} MiB;"
      f" sqlite3 one durable insert: {sq:.1f} ms wall, {med('sqlite3 insert', 1):.1f} ms CPU, {peak('sqlite3 insert'):.1f} MiB")
print("history: " + ", ".join(f"{n} years = {cases[(n, '#events')]} events, log {cases[(n, '#log')] / 1e6:.1f} MB" for n in years))
names = [k for (n, k) in cases if n == years[0] and not k.startswith("#")]
head = f"{'command':26}" + "".join(f"| {str(n) + ' y ms':>9} {'CPU':>7} {'MiB':>6} " for n in years)
head += f"| {years[-1]}y/{years[0]}y time  mem | ×version ×sqlite3 ({years[-1]} y)"
print(head)
print("-" * len(head))
for name in names:
    row = f"{name:26}"
    for n in years:
        row += f"| {med((n, name), 0):9.1f} {med((n, name), 1):7.1f} {peak((n, name)):6.1f} "
    a, b = (years[0], name), (years[-1], name)
    row += f"| {med(b, 0) / med(a, 0):9.2f} {peak(b) / peak(a):5.2f} | {med(b, 0) / v:7.2f} {med(b, 0) / sq:7.2f}"
    print(row)
PY
