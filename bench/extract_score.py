#!/usr/bin/python3
"""Scores main-text extraction as the article-extraction benchmark does
(../shared/data/extraction/README.md): 4-word shingles of Unicode word runs,
per-page tp/fp/fn normalised to sum 1, precision and recall averaged over
pages, F1 the harmonic mean of the two means.

usage: extract_score.py GROUND_TRUTH.json PRED [PRED...]
PRED: a JSON object {key: text}, or a docs TSV (id ... text, linear-TSV
escapes) whose id is the key.  Prints "name F1 precision recall pages".
A key missing from PRED counts as an empty prediction."""
import collections, json, re, sys

WORD = re.compile(r"\w+")


def shingles(text):
    words = WORD.findall(text)
    if len(words) < 4:
        return collections.Counter([tuple(words)]) if words else collections.Counter()
    return collections.Counter(tuple(words[i:i + 4]) for i in range(len(words) - 3))


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            out.append({"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def load(path):
    with open(path, encoding="utf-8") as f:
        data = f.read()
    if data.lstrip().startswith("{"):
        return json.loads(data)
    lines = [l for l in data.split("\n") if l and not l.startswith("#")]
    head = lines[0].split("\t")
    idc, tc = head.index("id"), head.index("text")
    out = {}
    for l in lines[1:]:
        f = l.split("\t")
        key = unescape(f[idc])
        key = key.split("#")[0]          # slant-split ids DOC#N: join back
        out[key] = (out.get(key, "") + "\n" + unescape(f[tc])) if key in out else unescape(f[tc])
    return out


def score(truth, pred):
    ps, rs = [], []
    for key, t in truth.items():
        ts, es = shingles(t), shingles(pred.get(key, ""))
        tp = sum((ts & es).values())
        fp = sum((es - ts).values())
        fn = sum((ts - es).values())
        n = tp + fp + fn
        if n == 0:
            continue
        tp, fp, fn = tp / n, fp / n, fn / n
        if es:
            ps.append(tp / (tp + fp) if tp + fp else 1.0)
        if ts:
            rs.append(tp / (tp + fn) if tp + fn else 1.0)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r


def read_truth(path):
    """{key: article text} from the benchmark's ground-truth.json."""
    return {k: v["articleBody"] for k, v in json.load(open(path, encoding="utf-8")).items()}


def halves(data):
    """The benchmark in directory DATA as (truth, folds): folds splits
    keys.txt by position into "even" and "odd" halves (two-fold
    cross-validation)."""
    keys = [k.strip() for k in open(data + "/keys.txt") if k.strip()]
    return read_truth(data + "/ground-truth.json"), {"even": keys[0::2], "odd": keys[1::2]}


def main():
    truth = read_truth(sys.argv[1])
    for path in sys.argv[2:]:
        f1, p, r = score(truth, load(path))
        print("%s\t%.3f\t%.3f\t%.3f" % (path, f1, p, r))


if __name__ == "__main__":
    main()
