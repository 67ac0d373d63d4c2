#!/bin/sh
# Main-text extraction on the 91 pages of the article-extraction benchmark
# (../shared/data/extraction/README.md), every row scored by
# bench/extract_score.py (4-word shingles; per-page precision and recall
# averaged over pages; F1 their harmonic mean).  Prints TSV, one row per
# system: system, input, F1, precision, recall.  Rows: every peer in
# peers.json (their published outputs), the uncleaned full text (the
# baseline), and slant-clean on fulltext.tsv.  One function per row group:
# add a row by adding a function and calling it below.
# Usage: bench/extract.sh [DATADIR]
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

clean_row() {
	"$BIN/slant-clean" -q -o "$T/clean.tsv" "$DATA/fulltext.tsv"
	row slant-clean fulltext "$T/clean.tsv"
}

printf 'system\tinput\tF1\tprecision\trecall\n'
peer_rows
fulltext_row
clean_row
