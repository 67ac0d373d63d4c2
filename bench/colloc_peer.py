#!/usr/bin/python3
"""bench/colloc_peer.py: the peer of slant-colloc in bench/colloc.sh: the
same lambda and z for two-word expressions (Blaheta & Johnson 2001, as
quanteda's textstat_collocations defines them), written plainly in Python.

Reads a docs TSV (id, source, text with \\n escapes) and writes
collocation, count, lambda, z in decreasing z.  Tokens: lower-cased runs of
letters and digits (with inner ' or -); any other character that is not
a space (punctuation), and a line break, is a boundary no bigram crosses.
For a bigram x = (a, b) seen at least --min-count times, over all N
bigrams: n11 = count(x), n10 = bigrams starting with a but not ending in
b, n01 = ending in b but not starting with a, n00 = the rest; with 0.5
added to each, lambda = log n11 - log n10 - log n01 + log n00 and
z = lambda / sqrt(1/n11 + 1/n10 + 1/n01 + 1/n00).

Usage: colloc_peer.py DOCS.tsv [MIN_COUNT] > out.tsv
"""
import math
import re
import sys
from collections import Counter

TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*|[^\w\s]|\n")


def bigrams(text):
    prev = None
    for tok in TOKEN.findall(text):
        if tok[0].isalnum():
            if prev is not None:
                yield prev, tok
            prev = tok
        else:
            prev = None  # punctuation or a line break: a boundary


def main():
    path = sys.argv[1]
    min_count = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    counts = Counter()
    with open(path, encoding="utf-8", errors="replace") as f:
        cols = f.readline().rstrip("\n").split("\t")
        ti = cols.index("text")
        for line in f:
            text = line.rstrip("\n").split("\t")[ti]
            text = text.replace("\\n", "\n").replace("\\t", " ").replace("\\\\", "\\")
            counts.update(bigrams(text.lower()))
    first, second = Counter(), Counter()
    for (a, b), n in counts.items():
        first[a] += n
        second[b] += n
    total = sum(counts.values())
    rows = []
    for (a, b), n in counts.items():
        if n < min_count:
            continue
        n11 = n + 0.5
        n10 = first[a] - n + 0.5
        n01 = second[b] - n + 0.5
        n00 = total - first[a] - second[b] + n + 0.5
        lam = math.log(n11) - math.log(n10) - math.log(n01) + math.log(n00)
        z = lam / math.sqrt(1 / n11 + 1 / n10 + 1 / n01 + 1 / n00)
        rows.append((-z, a + " " + b, n, lam, z))
    rows.sort()
    out = sys.stdout
    out.write("collocation\tcount\tlambda\tz\n")
    for _, c, n, lam, z in rows:
        out.write("%s\t%d\t%.6g\t%.6g\n" % (c, n, lam, z))


if __name__ == "__main__":
    main()
