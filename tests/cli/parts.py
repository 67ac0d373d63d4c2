# Independent check of slant-table --dispersion and --similarity: the
# measures written out from their papers' formulas with numpy on the dense
# part-by-term matrix of a counts file.
# Usage: parts.py COUNTS DISPERSION.tsv|SIMILARITY.tsv
import sys
import numpy as np
import pandas as pd

counts, out = sys.argv[1], sys.argv[2]
c = pd.read_csv(counts, sep="\t", dtype={"group": str, "term": str}, keep_default_na=False,
                quoting=3)
c = c[~((c.group == "") & (c.n == 0) & c.term.str.contains("="))]   # metadata rows
size = c[c.term == ""].set_index("group").n.astype(float)
cells = c[c.term != ""]
X = cells.pivot_table(index="group", columns="term", values="n", aggfunc="sum",
                      fill_value=0).reindex(size.index, fill_value=0).astype(float)
res = pd.read_csv(out, sep="\t", keep_default_na=False, quoting=3, dtype=str)
bad = 0

def close(a, b):
    if np.isnan(a) or np.isnan(b):
        return np.isnan(a) and np.isnan(b)
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))

def num(s):
    return float("nan") if s == "NA" else float(s)

if "dp" in res.columns:
    keep = size > 0
    W, Xk = size[keep].values, X[keep]
    s = W / W.sum()
    for _, r in res.iterrows():
        f = Xk[r.term].values
        F = f.sum()
        dp = 0.5 * np.abs(f / F - s).sum()            # Gries 2008: 415
        dpn = dp / (1 - s.min())                       # Lijffijt & Gries 2012
        rate = f / W
        k = len(f)
        d = 1 - (rate.std(ddof=0) / rate.mean()) / np.sqrt(k - 1) if k > 1 else float("nan")
        want = [F, (f > 0).sum(), d, dp, dpn]
        got = [num(r.n), num(r.parts), num(r.juilland_d), num(r.dp), num(r.dp_norm)]
        if not all(close(g, w) for g, w in zip(got, want)):
            bad += 1
            if bad < 4:
                print("dispersion", r.term, got, want)
else:
    V = X.shape[1]
    for _, r in res.iterrows():
        x, y = X.loc[r.a].values, X.loc[r.b].values
        m = r.measure
        if m == "cosine":
            w = x @ y / np.sqrt((x @ x) * (y @ y))
        elif m == "jaccard":
            w = ((x > 0) & (y > 0)).sum() / ((x > 0) | (y > 0)).sum()
        elif m == "correlation":
            w = np.corrcoef(x, y)[0, 1]
        elif m == "euclidean":
            w = np.sqrt(((x - y) ** 2).sum())
        else:
            p, q = x / x.sum(), y / y.sum()
            mm = (p + q) / 2
            kl = lambda a: np.sum(a[a > 0] * np.log2(a[a > 0] / mm[a > 0]))
            w = 0.5 * kl(p) + 0.5 * kl(q)
        if not close(num(r.value), w):
            bad += 1
            if bad < 4:
                print("similarity", r.a, r.b, m, r.value, w)
print(len(res), "rows", bad, "wrong")
sys.exit(1 if bad or len(res) == 0 else 0)
