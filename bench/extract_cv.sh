#!/bin/sh
# A check that the article extraction generalises beyond the pages it was
# written on: its four numbers (text_extract_score.c: the shortest block
# that scores, the sibling share, the link density and the weak-hint sum
# that drop a block) are tuned on half of the 91 benchmark pages (a grid of
# 3^4 settings) and scored on the other half, both ways (even and odd
# positions in keys.txt).  If the defaults overfit the pages, the tuned
# settings would score better in-fold than out; if the method generalises,
# the out-of-fold F1 stays near the in-sample F1.  Prints TSV.
# Usage: bench/extract_cv.sh [DATADIR]
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-$TOP/../shared/data/extraction}
PY=/usr/bin/python3
[ -f "$DATA/ground-truth.json" ] || { echo "extract_cv.sh: no benchmark data in $DATA" >&2; exit 1; }
make -s -C "$TOP" libtext/libtext.a >&2
mkdir -p "$TOP/bench/work"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DEXTRACT_TUNE \
	-I"$TOP/libtext" -I/usr/include/libxml2 -o "$TOP/bench/work/extract_cv" \
	"$TOP/bench/extract_cv.c" "$TOP/libtext/text_extract_score.c" "$TOP/libtext/libtext.a" \
	-lxml2 -ljansson -lutf8proc -lcld2 -lstdc++ -lz -lm -pthread
"$TOP/bench/work/extract_cv" "$T" "$DATA"/html/*.html.gz >"$T/grid.txt"
PYTHONPATH="$TOP/bench" "$PY" - "$DATA" "$T" <<'PY'
import sys
import extract_score as sc
tmp = sys.argv[2]
truth, folds = sc.halves(sys.argv[1])
grid = [l.split() for l in open(tmp + "/grid.txt")]
default = next(g[0] for g in grid if g[1:] == ["25", "0.2", "0.5", "-4"])
f1 = {}  # (setting, fold) -> F1
for g in grid:
    pred = sc.load("%s/%s.tsv" % (tmp, g[0]))
    for name, ks in folds.items():
        f1[g[0], name] = sc.score({k: truth[k] for k in ks}, pred)[0]
print("fold\tpages\tF1 defaults\tsetting tuned on the other fold\tF1 out of fold\tF1 in fold (tuned here)")
for name, other in (("even", "odd"), ("odd", "even")):
    best = max(grid, key=lambda g: (f1[g[0], other], g[0] == default))
    here = max(f1[g[0], name] for g in grid)
    print("%s\t%d\t%.3f\t%s\t%.3f\t%.3f" % (name, len(folds[name]), f1[default, name],
          " ".join(best[1:]), f1[best[0], name], here))
PY
