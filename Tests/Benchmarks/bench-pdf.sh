#!/usr/bin/env bash
# Benchmark of PDF printing (docs/performance.md, docs/printing.md): one class's transcripts as one
# PDF (goal ≤ 3 s) and the class ledger as PDF, beside the HTML alone; signing one transcript.
# Needs chromium (and openssl for the signing line). Run as root (the demo acts as every account).
# Usage: Tests/Benchmarks/bench-pdf.sh [--bin PATH] [--data DIR] [--runs N]
#   --bin / --data reuse a built binary and an existing demo directory (else: release build, new demo).
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="" data="" runs=3
while (( $# )); do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
done
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ -z "$bin" ]]; then
  swift build -c release --product sodiem >/dev/null
  bin="$(swift build -c release --show-bin-path)/sodiem"
fi
if [[ -z "$data" ]]; then
  data="$work/demo"
  "$bin" demo --data "$data" --terms 2 >/dev/null
fi

# Wall time in ms, and CPU time (user + system of the command and the helpers it waited for) beside it:
# the machine is shared, and CPU time hardly depends on the load.
ms() {
  local TIMEFORMAT='%R %U %S' t
  t=$( { time "$@" >/dev/null 2>&1; } 2>&1 )
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d %d", a[1] * 1000, (a[2] + a[3]) * 1000 }'
}
best() { local b=999999 c=0 t w u; for _ in $(seq "$runs"); do t=$(ms "$@"); w=${t% *}; u=${t#* }; (( w < b )) && { b=$w; c=$u; }; done; echo "$b ms (cpu $c ms)"; }

html_t=$(best "$bin" --data "$data" print-transcript --class 6A1 --out "$work/hb-html")
pdf_t=$(best "$bin" --data "$data" print-transcript --class 6A1 --format pdf --out "$work/hb-6A1.pdf")
html_l=$(best "$bin" --data "$data" print-ledger --class 6A1 --term year --out "$work/so.html")
pdf_l=$(best "$bin" --data "$data" print-ledger --class 6A1 --term year --out "$work/so.pdf")
pages_t=$(pdfinfo "$work/hb-6A1.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
pages_l=$(pdfinfo "$work/so.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')

sign_t="-"
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/k.pem" -out "$work/c.pem" -subj "/CN=Bench Signer" -days 2 2>/dev/null
  homeroom=$("$bin" --data "$data" class list | awk '$1 == "6A1"' | sed -E 's/.*\(([^)]*)\).*/\1/')
  sign_t=$(best "$bin" --data "$data" --as "$homeroom" print-transcript --student "$("$bin" --data "$data" students --class 6A1 --format json | sed -E 's/.*"id": *"([^"]+)".*/\1/;q' )" \
           --out "$work/signed.pdf" --sign --key "$work/k.pem" --cert "$work/c.pem")
fi

printf 'print-transcript --class 6A1, HTML files (best of %d): %s\n' "$runs" "$html_t"
printf 'print-transcript --class 6A1, one PDF, %s pages:        %s  (goal 3000 ms)\n' "${pages_t:-?}" "$pdf_t"
printf 'print-ledger --class 6A1 --term year, HTML:             %s\n' "$html_l"
printf 'print-ledger --class 6A1 --term year, PDF, %s pages:     %s\n' "${pages_l:-?}" "$pdf_l"
printf 'print-transcript --student … --sign (PDF + signature):  %s\n' "$sign_t"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
