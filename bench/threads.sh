#!/bin/sh
# bench/threads.sh: slant-docs and slant-clean with -j 1 and -j $(nproc) on
# the benchmark corpus (bench/count.sh's docs-150.tsv, or scale.sh's copy):
# slant-docs on it as TSV, CSV, JSON Lines and a directory of text files,
# slant-clean on its first MB megabytes.  Prints a Markdown table (wall
# seconds, user CPU seconds, MB/s, speed-up) and checks every -j output
# equals -j 1 (cmp).  Not part of `make test`.
# Usage: sh bench/threads.sh [MB]   (MB for slant-clean, default 20; run `make` first)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=${SLANT_BENCH_WORK:-$top/bench/work}
bin=$top/bin
cmb=${1:-20}
cores=$(nproc)
export LC_ALL=C
base=$work/docs-150.tsv
[ -s "$base" ] || base=$work/scale-1x.tsv
[ -s "$base" ] || { echo "threads.sh: run sh bench/count.sh (or bench/scale.sh 1) first" >&2; exit 1; }

# Inputs, cached: ids made unique (the corpus repeats speeches).
t=$work/thr
mkdir -p "$t"
if [ ! -s "$t/big.tsv" ]; then
	awk 'BEGIN { FS = OFS = "\t" } NR > 1 { $1 = $1 "." NR } { print }' "$base" >"$t/big.tsv"
	# JSON Lines: linear-TSV escapes are JSON escapes; only quotes need one.
	awk -F'\t' 'NR > 1 { for (i = 1; i <= 3; i++) gsub(/"/, "\\\"", $i)
		printf "{\"id\":\"%s\",\"source\":\"%s\",\"text\":\"%s\"}\n", $1, $2, $3 }' \
		"$t/big.tsv" >"$t/big.jsonl"
	# CSV (RFC 4180): escapes undone (\\ first, through a placeholder), quoted.
	awk -F'\t' 'function un(s) { gsub(/\\\\/, "\001", s); gsub(/\\n/, "\n", s); gsub(/\\t/, "\t", s)
			gsub(/\\r/, "\r", s); gsub(/\001/, "\\", s); gsub(/"/, "\"\"", s); return "\"" s "\"" }
		{ print un($1) "," un($2) "," un($3) }' "$t/big.tsv" >"$t/big.csv"
	mkdir -p "$t/dir"
	awk -F'\t' -v d="$t/dir" 'NR > 1 { f = sprintf("%s/d%06d.txt", d, NR)
		gsub(/\\n/, "\n", $3); print $3 > f; close(f) }' "$t/big.tsv"
	head -c $((cmb * 1000000)) "$t/big.tsv" | sed '$d' >"$t/clean.tsv"
fi

# timed CMD...: wall and user seconds of one run, output to $t/out
timed() {
	/usr/bin/time -f '%e %U' -o "$t/time" "$@" -q -f -o "$t/out" || exit 1
	read -r wall user <"$t/time"
}

row() { # row NAME MB CMD...: -j 1 and -j $cores, outputs compared
	name=$1 mb=$2
	shift 2
	cat "$@" >/dev/null 2>&1 || true
	timed "$@" -j 1
	w1=$wall u1=$user
	mv "$t/out" "$t/out1"
	timed "$@" -j "$cores"
	cmp -s "$t/out" "$t/out1" || { echo "threads.sh: $name: -j $cores output differs" >&2; exit 1; }
	awk -v n="$name" -v mb=$mb -v w1=$w1 -v u1=$u1 -v w=$wall -v u=$user -v c=$cores 'BEGIN {
		printf "| %s | %d | %.2f | %.2f | %.0f | %.2f | %.2f | %.0f | %.2f |\n",
			n, mb, w1, u1, mb / w1, w, u, mb / w, w1 / w }'
}

mb() { echo $(($(du -sb "$1" | cut -f1) / 1000000)); }
echo "slant-docs, slant-clean -j: $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo
echo "| run | MB | -j 1 wall (s) | user (s) | MB/s | -j $cores wall (s) | user (s) | MB/s | speed-up |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|"
row "slant-docs JSONL" "$(mb "$t/big.jsonl")" "$bin/slant-docs" "$t/big.jsonl"
row "slant-docs CSV (one thread)" "$(mb "$t/big.csv")" "$bin/slant-docs" "$t/big.csv"
row "slant-docs TSV (one thread)" "$(mb "$t/big.tsv")" "$bin/slant-docs" "$t/big.tsv"
row "slant-docs directory (one thread)" "$(mb "$t/dir")" "$bin/slant-docs" "$t/dir"
row "slant-clean" "$(mb "$t/clean.tsv")" "$bin/slant-clean" "$t/clean.tsv"
row "slant-clean --no-repeat" "$(mb "$t/clean.tsv")" "$bin/slant-clean" --no-repeat "$t/clean.tsv"
rm -f "$t/out" "$t/out1" "$t/time"
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"
