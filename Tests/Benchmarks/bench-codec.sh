#!/usr/bin/env bash
# Our JSON codec vs Foundation's (JSONSerialization, JSONDecoder/JSONEncoder) on a full class file
# of 40 students with a year of scores. Compiles codec-bench.swift with SodiemCore's sources, -O.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp Tests/Benchmarks/codec-bench.swift "$WORK/main.swift"
swiftc -O -module-name CodecBench -o "$WORK/codec-bench" $(find Sources/SodiemCore -name '*.swift') "$WORK/main.swift"
"$WORK/codec-bench"
