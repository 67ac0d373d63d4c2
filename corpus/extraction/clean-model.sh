#!/bin/sh
# Train slant-clean's shipped line model (make models) on the 91 pages of the
# article-extraction benchmark in ../shared/data/extraction beside the
# checkout: their full-page text (fulltext.tsv) and true article bodies
# (ground-truth.json, written out as a docs file, keys in sorted order).
# Training is deterministic: the same data give the same file, byte for byte.
# Usage: corpus/extraction/clean-model.sh [BINDIR] [OUT] [DATADIR]
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
BIN=${1:-$TOP/bin}
OUT=${2:-$TOP/models/clean.model}
DATA=${3:-$TOP/../shared/data/extraction}
if [ ! -f "$DATA/ground-truth.json" ]; then
	echo "clean-model.sh: no benchmark data in $DATA; models/clean.model left as it is" >&2
	exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
/usr/bin/python3 - "$DATA/ground-truth.json" "$T/truth.tsv" <<'PY'
import json, sys
truth = json.load(open(sys.argv[1], encoding="utf-8"))
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("id\ttext\n")
    for k in sorted(truth):
        f.write("%s\t%s\n" % (k, esc(truth[k]["articleBody"])))
PY
"$BIN/slant-clean" -q -f --train "$T/truth.tsv" -o "$OUT" "$DATA/fulltext.tsv"
