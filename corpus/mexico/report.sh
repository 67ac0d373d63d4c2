#!/bin/sh
# The report on the shipped corpus (run by `make report`): the 122 annotated
# sentences of the five seed articles (corpus/mexico/stance.tsv, with their
# outlet and stance label), grouped by outlet, through slant-report.  Stance
# quality comes from cross-validation on those labels; no model is asked to
# predict the sentences it was trained on.
#
# Usage: corpus/mexico/report.sh [OUTDIR]      (default report/)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=${SLANT_BIN:-$top/bin}   # the tests point this at a sanitizer build
out=${1:-report}
mkdir -p "$out"
# One article names no outlet anywhere: say so rather than leave it blank.
awk -F'\t' -v OFS='\t' 'NR > 1 && $2 == "" { $2 = "(outlet not named)" } 1' \
	corpus/mexico/stance.tsv >"$out/sentences-by-outlet.tsv"
"$bin/slant-report" -f -q --by outlet --label-col label --lexicon intervention \
	--title 'How five outlets framed one story' -o "$out" "$out/sentences-by-outlet.tsv"
echo "slant report written: $out/index.html and $out/report.md" >&2
