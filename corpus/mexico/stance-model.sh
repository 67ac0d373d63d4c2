#!/bin/sh
# Train the shipped stance model from the annotated sentences (make models).
# Usage: corpus/mexico/stance-model.sh [BINDIR] [OUT]
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$TOP/bin}
OUT=${2:-$TOP/models/stance-intervention.model.gz}
mkdir -p "$(dirname "$OUT")"
"$BIN/slant-stance" train -f -q --class-weight balanced -C 0.1,0.3,1,3,10 \
	--metric f-avg:FAVOR,AGAINST --seed 1 -o "$OUT" "$TOP/corpus/mexico/stance.tsv"
