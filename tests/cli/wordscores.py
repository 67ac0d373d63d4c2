# Independent Wordscores (Laver, Benoit & Garry 2003) from the counts and a
# table of reference scores, compared with slant-scale's output.
# Usage: wordscores.py COUNTS REFS.tsv KEYCOL REFCOL OUT.tsv [all]
import sys
import numpy as np
import pandas as pd

counts, refs, key, col, out = sys.argv[1:6]
lbg_all = len(sys.argv) > 6
c = pd.read_csv(counts, sep="\t", dtype={"group": str, "term": str}, keep_default_na=False, quoting=3)
c = c[~((c.group == "") & (c.n == 0) & c.term.str.contains("="))]
groups = list(dict.fromkeys(c.group))
c = c[c.term != ""]
X = c.pivot_table(index="group", columns="term", values="n", aggfunc="sum",
                  fill_value=0).reindex(groups, fill_value=0).astype(float)
r = pd.read_csv(refs, sep="\t", dtype=str, keep_default_na=False, quoting=3)
A = pd.Series(np.nan, index=groups)
for g, v in zip(r[key], r[col]):
    if g in A.index and v not in ("", "NA"):
        A[g] = float(v)
isref = ~A.isna()
F = X[isref].div(X[isref].sum(1), axis=0)          # F_wr
P = F / F.sum(0)                                     # eq. 1, P_wr
Sw = (P.mul(A[isref], axis=0)).sum(0)[F.sum(0) > 0]  # eq. 2, S_w of scored words
Xs = X[Sw.index]
N = Xs.sum(1)
Fv = Xs.div(N, axis=0)
raw = Fv @ Sw                                        # eq. 3
se = np.sqrt((Fv * (Sw.values[None, :] - raw.values[:, None]) ** 2).sum(1) / N)
use = raw if lbg_all else raw[~isref]
lbg = (raw - use.mean()) * (A[isref].std(ddof=1) / use.std(ddof=1)) + use.mean()
lo, hi = A[isref].idxmin(), A[isref].idxmax()
mv = (raw - raw[lo]) * (A[hi] - A[lo]) / (raw[hi] - raw[lo]) + A[lo]
o = pd.read_csv(out, sep="\t", dtype={"group": str}, keep_default_na=False, quoting=3).set_index("group")
bad = 0
for g in groups:
    for name, want in (("theta", raw[g]), ("se", se[g]), ("theta_lbg", lbg[g]), ("theta_mv", mv[g])):
        got = float("nan") if o.loc[g, name] == "NA" else float(o.loc[g, name])
        if not (np.isnan(got) and np.isnan(want)) and not abs(got - want) <= 1e-9 * max(1, abs(want)):
            bad += 1
            print("bad", g, name, got, want)
print(len(groups), "groups,", len(Sw), "scored words,", bad, "wrong")
sys.exit(1 if bad else 0)
