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

ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
best() { local b=999999 t; for _ in $(seq "$runs"); do t=$(ms "$@"); (( t < b )) && b=$t; done; echo "$b"; }

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

printf 'print-transcript --class 6A1, HTML files (best of %d): %6d ms\n' "$runs" "$html_t"
printf 'print-transcript --class 6A1, one PDF, %s pages:        %6d ms  (goal 3000)\n' "${pages_t:-?}" "$pdf_t"
printf 'print-ledger --class 6A1 --term year, HTML:             %6d ms\n' "$html_l"
printf 'print-ledger --class 6A1 --term year, PDF, %s pages:     %6d ms\n' "${pages_l:-?}" "$pdf_l"
printf 'print-transcript --student … --sign (PDF + signature):  %6s ms\n' "$sign_t"
printf 'load average: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
