#!/bin/sh
# Main-text extraction on the 91 pages of the article-extraction benchmark
# (../shared/data/extraction/README.md), every row scored by
# bench/extract_score.py (4-word shingles; per-page precision and recall
# averaged over pages; F1 their harmonic mean).  Prints TSV, one row per
# system: system, input, F1, precision, recall.  Rows: every peer in
# peers.json (their published outputs), the uncleaned full text (the
# baseline), slant-clean on fulltext.tsv, and slant-docs on the pages' HTML.
# Then, on one core, the speed of slant-docs, readability-lxml (Debian
# python3-readability) and Mozilla Readability (npm, with jsdom; installed
# into bench/work/node on first use, never a dependency of slant) on the
# same pages.  One function per row group: add a row by adding a function
# and calling it below.
# Usage: bench/extract.sh [DATADIR]     (SPEED=0: skip the speed table)
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-$TOP/../shared/data/extraction}
BIN=${SLANT_BIN:-$TOP/bin}
PY=/usr/bin/python3
SCORE="$PY $TOP/bench/extract_score.py"
TRUTH=$DATA/ground-truth.json
[ -f "$TRUTH" ] || { echo "extract.sh: no benchmark data in $DATA" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# row NAME INPUT PRED: score PRED and print the row.
row() {
	$SCORE "$TRUTH" "$3" | awk -F'\t' -v n="$1" -v i="$2" \
		'{ printf "%s\t%s\t%s\t%s\t%s\n", n, i, $2, $3, $4 }'
}

# The peers' own outputs, as published with the benchmark.
peers() {
	"$PY" - "$DATA/peers.json" "$T" <<'PY'
import json, sys
for name, pages in json.load(open(sys.argv[1], encoding="utf-8")).items():
    json.dump(pages, open("%s/peer-%s.json" % (sys.argv[2], name), "w", encoding="utf-8"))
    print(name)
PY
}

peer_rows() {
	for p in $(peers); do
		case $p in html-text) continue ;; esac # the baseline row below
		row "$p" html "$T/peer-$p.json"
	done
}

# The full visible text, uncleaned: what slant-clean starts from.
fulltext_row() {
	row "full text (html-text)" fulltext "$DATA/fulltext.tsv"
}

# slant-clean with its line model (models/clean.model), and with the rules alone.
clean_row() {
	"$BIN/slant-clean" -q -o "$T/clean.tsv" "$DATA/fulltext.tsv"
	row slant-clean fulltext "$T/clean.tsv"
	"$BIN/slant-clean" -q --no-model -o "$T/clean-rules.tsv" "$DATA/fulltext.tsv"
	row "slant-clean --no-model" fulltext "$T/clean-rules.tsv"
}

# slant-docs on the HTML: the article, and all visible text.
docs_rows() {
	"$BIN/slant-docs" -q -o "$T/docs.tsv" "$DATA/html"
	row slant-docs html "$T/docs.tsv"
	"$BIN/slant-docs" -q --html-text all -o "$T/docs-all.tsv" "$DATA/html"
	row "slant-docs --html-text all" html "$T/docs-all.tsv"
}

# ---- speed ----
NODE=$TOP/bench/work/node
now() { date +%s.%N; }

# Mozilla Readability and jsdom, into bench/work/node (npm registry).
node_peer() {
	command -v node >/dev/null || return 1
	[ -d "$NODE/node_modules/@mozilla/readability" ] && [ -d "$NODE/node_modules/jsdom" ] && return 0
	mkdir -p "$NODE"
	(cd "$NODE" && npm install --no-audit --no-fund --silent @mozilla/readability@0.6.0 jsdom@24) >&2
}

# speed_row NAME PAGES BYTES SECONDS REF_SECONDS
speed_row() {
	awk -v n="$1" -v p="$2" -v b="$3" -v s="$4" -v r="$5" 'BEGIN {
		printf "%s\t%.1f\t%.2f\t%.3f\t%.1f\n", n, p / s, b / s / 1e6, s, r / s }'
}

# One core (taskset -c 0) for every system, the same 91 .html.gz files.
# slant-docs: the whole command, best of 3 runs; the peers time their own
# loop (reading and gunzipping included, interpreter start-up not) in one
# run, and their output is scored too, to show what was timed.
speed_rows() {
	one="taskset -c 0"
	files=$(ls "$DATA"/html/*.html.gz)
	pages=$(echo "$files" | wc -l)
	# shellcheck disable=SC2086
	bytes=$(gzip -dc $files | wc -c)
	best=
	for i in 1 2 3; do
		s=$(now)
		$one "$BIN/slant-docs" -q -o /dev/null "$DATA/html"
		e=$(now)
		best=$(awk -v a="$best" -v s="$s" -v e="$e" 'BEGIN { d = e - s; print (a == "" || d < a) ? d : a }')
	done
	# shellcheck disable=SC2086
	$one $PY "$TOP/bench/extract_readability.py" "$T/rl.json" $files 2>"$T/rl.time"
	rl=$(cut -d' ' -f3 "$T/rl.time")
	rjs=
	if node_peer; then
		# shellcheck disable=SC2086
		NODE_PATH=$NODE/node_modules $one node "$TOP/bench/extract_readability.js" "$T/rjs.json" $files 2>"$T/rjs.time"
		rjs=$(cut -d' ' -f3 "$T/rjs.time")
	fi
	echo
	printf 'system (one core)\tpages/s\tMB/s\tseconds\tx readability-lxml\n'
	speed_row slant-docs "$pages" "$bytes" "$best" "$rl"
	speed_row readability-lxml "$pages" "$bytes" "$rl" "$rl"
	[ -n "$rjs" ] && speed_row "readability.js (jsdom)" "$pages" "$bytes" "$rjs" "$rl"
	echo
	printf 'timed peer output\tinput\tF1\tprecision\trecall\n'
	row "readability-lxml (this run)" html "$T/rl.json"
	[ -n "$rjs" ] && row "readability.js (this run)" html "$T/rjs.json"
	return 0
}

printf 'system\tinput\tF1\tprecision\trecall\n'
peer_rows
fulltext_row
clean_row
docs_rows
[ "${SPEED:-1}" = 0 ] || speed_rows
