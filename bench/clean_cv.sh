#!/bin/sh
# A check that slant-clean's line model generalises beyond the pages it was
# trained on: on the 91 benchmark pages' full text (fulltext.tsv), a model
# is trained on half the pages (even or odd positions in keys.txt) with
# slant-clean --train and scored on the other half, both ways, beside the
# shipped model (trained on all 91) on the same half.  All scores by
# bench/extract_score.py.  Prints TSV.
# Usage: bench/clean_cv.sh [DATADIR]
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-$TOP/../shared/data/extraction}
BIN=${SLANT_BIN:-$TOP/bin}
PY=/usr/bin/python3
[ -f "$DATA/ground-truth.json" ] || { echo "clean_cv.sh: no benchmark data in $DATA" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# The truth of each half as a docs file (id, text).
PYTHONPATH="$TOP/bench" "$PY" - "$DATA" "$T" <<'PY'
import sys
import extract_score as sc
tmp = sys.argv[2]
truth, folds = sc.halves(sys.argv[1])
esc = lambda s: s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
for name, ks in folds.items():
    with open("%s/truth-%s.tsv" % (tmp, name), "w", encoding="utf-8") as f:
        f.write("id\ttext\n")
        for k in ks:
            f.write("%s\t%s\n" % (k, esc(truth[k])))
PY
"$BIN/slant-clean" -q -o "$T/shipped.tsv" "$DATA/fulltext.tsv"
for half in even odd; do
	"$BIN/slant-clean" -q --train "$T/truth-$half.tsv" -o "$T/model-$half" "$DATA/fulltext.tsv"
	"$BIN/slant-clean" -q --model "$T/model-$half" -o "$T/clean-$half.tsv" "$DATA/fulltext.tsv"
done
PYTHONPATH="$TOP/bench" "$PY" - "$DATA" "$T" <<'PY'
import sys
import extract_score as sc
data, tmp = sys.argv[1], sys.argv[2]
truth, folds = sc.halves(data)
shipped = sc.load(tmp + "/shipped.tsv")
print("scored on\tpages\ttrained on\tF1\tprecision\trecall\tshipped model F1\tP\tR")
pooled = {}
for name, other in (("even", "odd"), ("odd", "even")):
    t = {k: truth[k] for k in folds[name]}
    pred = sc.load("%s/clean-%s.tsv" % (tmp, other))
    pooled.update({k: pred.get(k, "") for k in folds[name]})
    f, p, r = sc.score(t, pred)
    fs, ps, rs = sc.score(t, shipped)
    print("%s\t%d\t%s\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f" % (name, len(t), other, f, p, r, fs, ps, rs))
f, p, r = sc.score(truth, pooled)
fs, ps, rs = sc.score(truth, shipped)
print("all (out of fold)\t%d\tthe other half\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f\t%.3f" % (len(truth), f, p, r, fs, ps, rs))
PY
