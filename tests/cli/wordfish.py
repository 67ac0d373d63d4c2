# Independent check of slant-scale wordfish: from the counts and the
# reported parameters, recompute the Poisson log-likelihood (Slapin &
# Proksch 2008: y ~ Poisson(exp(alpha_i + psi_j + beta_j theta_i))), the
# log posterior with quanteda's default priors (alpha, psi flat; beta
# N(0, 3^2); theta N(0, 1)) and the standard errors, and check that no
# small step away from the solution raises the posterior (stationarity).
# The report is theta standardised (mean 0, sd 1); the likelihood does not
# change along theta * a, beta / a, so the posterior mode is theta * s,
# beta / s with s^4 = sum(beta^2) / (9 (n - 1)), where its two prior terms
# balance.
# Usage: wordfish.py COUNTS DOCS.tsv WORDS.tsv LOGLIK LOGPOST DIR_A DIR_B
import sys
import numpy as np
import pandas as pd
from scipy.special import gammaln

counts, docs, words = sys.argv[1:4]
ll_rep, lp_rep = float(sys.argv[4]), float(sys.argv[5])
c = pd.read_csv(counts, sep="\t", dtype={"group": str, "term": str}, keep_default_na=False, quoting=3)
c = c[~((c.group == "") & (c.n == 0) & c.term.str.contains("="))]
c = c[c.term != ""]
Y = c.pivot_table(index="group", columns="term", values="n", aggfunc="sum", fill_value=0).astype(float)
d = pd.read_csv(docs, sep="\t", dtype={"group": str}, keep_default_na=False, quoting=3).set_index("group")
w = pd.read_csv(words, sep="\t", dtype={"term": str}, keep_default_na=False, quoting=3).set_index("term")
Y = Y.loc[d.index, w.index].values
theta, se, alpha = d.theta.values, d.se.values, d.alpha.values
psi, beta = w.psi.values, w.beta.values
n = len(theta)
bad = []

def loglik(a, p, b, t):
    eta = a[:, None] + p[None, :] + t[:, None] * b[None, :]
    return float(np.sum(Y * eta - np.exp(eta) - gammaln(Y + 1)))

def logpost(a, p, b, t):
    return loglik(a, p, b, t) - 0.5 * np.sum(b * b) / 9 - 0.5 * np.sum(t * t)

def near(x, y, tol):
    return abs(x - y) <= tol * max(1.0, abs(y))

if not (near(theta.mean(), 0, 1e-9) and near(theta.std(ddof=1), 1, 1e-9)):
    bad.append("theta mean %g sd %g" % (theta.mean(), theta.std(ddof=1)))
if not theta[list(d.index).index(sys.argv[6])] < theta[list(d.index).index(sys.argv[7])]:
    bad.append("direction")
ll = loglik(alpha, psi, beta, theta)
if not near(ll, ll_rep, 1e-9):
    bad.append("log-likelihood %r, reported %r" % (ll, ll_rep))
s = (np.sum(beta ** 2) / (9 * (n - 1))) ** 0.25
mode = [alpha, psi, beta / s, theta * s]
lp = logpost(*mode)
if not near(lp, lp_rep, 1e-9):
    bad.append("log posterior %r, reported %r" % (lp, lp_rep))
# se: the inverse negative Hessian of each part's (alpha_i, theta_i) block
a, p, b, t = mode
lam = np.exp(a[:, None] + p[None, :] + t[:, None] * b[None, :])
haa, hab, hbb = lam.sum(1), (lam * b).sum(1), (lam * b * b).sum(1) + 1
se2 = np.sqrt(haa / (haa * hbb - hab ** 2)) / s
if not np.allclose(se, se2, rtol=1e-6):
    bad.append("se %r vs %r" % (se[:3], se2[:3]))
# stationarity: random directions over all parameters, and each theta alone
rng = np.random.default_rng(1)
worse = 0
for k in range(40):
    dirs = [rng.standard_normal(len(x)) for x in mode]
    norm = np.sqrt(sum(np.sum(x * x) for x in dirs))
    for eps in (1e-4, 1e-3, 1e-2):
        q = [x + eps * dx / norm for x, dx in zip(mode, dirs)]
        if logpost(*q) > lp + 1e-10 * abs(lp):
            worse += 1
for i in range(n):
    for eps in (-1e-3, 1e-3):
        t2 = t.copy()
        t2[i] += eps
        if logpost(a, p, b, t2) > lp + 1e-10 * abs(lp):
            worse += 1
if worse:
    bad.append("%d perturbed points have a higher log posterior" % worse)
print("%d groups, %d terms, log-likelihood %.6f, log posterior %.6f" % (n, len(psi), ll, lp))
for x in bad:
    print("bad:", x)
sys.exit(1 if bad else 0)
