#!/bin/sh
# Predicted stance shares per outlet for the seed articles (for make report):
# docs -> clean -> sentences -> slant-stance predict, then a Markdown table.
# Usage: corpus/mexico/stance-report.sh [BINDIR] [MODEL]
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$TOP/bin}
MODEL=${2:-$TOP/models/stance-intervention.model.gz}
"$BIN/slant-docs" "$TOP/corpus/mexico/raw" --meta "$TOP/corpus/mexico/sources.tsv" |
	"$BIN/slant-clean" | "$BIN/slant-split" | "$BIN/slant-stance" predict "$MODEL" |
	awk -F'\t' '
	NR == 1 { for (i = 1; i <= NF; i++) { if ($i == "source") s = i; if ($i == "pred") p = i }; next }
	{ o = $s == "" ? "(unknown)" : $s; n[o]++; c[o, $p]++ }
	END {
		print "| outlet | sentences | FAVOR | AGAINST | NONE |"
		print "| --- | ---: | ---: | ---: | ---: |"
		for (o in n) printf "| %s | %d | %.0f%% | %.0f%% | %.0f%% |\n", o, n[o],
			100 * c[o, "FAVOR"] / n[o], 100 * c[o, "AGAINST"] / n[o], 100 * c[o, "NONE"] / n[o]
	}' | { read -r h; read -r r; echo "$h"; echo "$r"; sort; }
