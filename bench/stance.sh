#!/bin/sh
# 10-fold cross-validation (the `fold` column) on the sentence polarity and
# subjectivity data sets: slant-stance cv with default settings, and, when
# scikit-learn is installed (Debian python3-sklearn), the same folds with
# TfidfVectorizer (word 1-2 + char 2-5) + LinearSVC; prints accuracy, seconds
# and the time ratio.  Usage: bench/stance.sh [DATADIR]
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
DATA=${1:-$TOP/../shared/data/polarity}
BIN=${SLANT_BIN:-$TOP/bin}
PY=/usr/bin/python3
have_sk=0
if [ -x "$PY" ] && "$PY" -c 'import sklearn' 2>/dev/null; then have_sk=1; fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

now() { date +%s.%N; }

cat >"$T/sk.py" <<'PY'
import sys, csv, time
import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC
csv.field_size_limit(1 << 30)
rows = list(csv.reader(open(sys.argv[1], encoding='utf-8'), delimiter='\t', quoting=csv.QUOTE_NONE))
h = rows[0]; rows = rows[1:]
ti, li, fi = h.index('text'), h.index('label'), h.index('fold')
text = [r[ti] for r in rows]; y = np.array([r[li] for r in rows]); fold = np.array([r[fi] for r in rows])
ok = 0
for f in sorted(set(fold)):
    tr = np.where(fold != f)[0]; te = np.where(fold == f)[0]
    w = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
    c = TfidfVectorizer(analyzer='char', ngram_range=(2, 5), sublinear_tf=True)
    xtr = hstack([w.fit_transform([text[i] for i in tr]), c.fit_transform([text[i] for i in tr])]).tocsr()
    xte = hstack([w.transform([text[i] for i in te]), c.transform([text[i] for i in te])]).tocsr()
    m = LinearSVC(C=1.0).fit(xtr, y[tr])
    ok += int((m.predict(xte) == y[te]).sum())
print("%.4f" % (ok / len(y)))
PY

printf 'data\ttool\taccuracy\tseconds\n'
for set in rt-polarity subj; do
	f=$DATA/$set.tsv
	t0=$(now)
	acc=$("$BIN/slant-stance" cv --fold-col fold -q "$f" | awk -F'\t' '$1 == "all" && $2 == "accuracy" { print $5 }')
	t1=$(now)
	st=$(echo "$t1 - $t0" | bc -l)
	printf '%s\tslant-stance\t%s\t%.2f\n' "$set" "$acc" "$st"
	if [ "$have_sk" = 1 ]; then
		t0=$(now)
		acc=$("$PY" "$T/sk.py" "$f")
		t1=$(now)
		sk=$(echo "$t1 - $t0" | bc -l)
		printf '%s\tscikit-learn\t%s\t%.2f\n' "$set" "$acc" "$sk"
		printf '%s\tratio\t\t%.3f\n' "$set" "$(echo "$st / $sk" | bc -l)"
	fi
done
[ "$have_sk" = 1 ] || echo "scikit-learn not installed (apt-get install python3-sklearn): no comparison" >&2
