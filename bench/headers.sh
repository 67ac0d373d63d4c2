#!/bin/sh
# bench/headers.sh: wide headers (issue 15.5).  slant-docs on a TSV of 40,000
# columns and a JSON Lines file of 40,000 keys, slant-count on a TSV of
# 100,000 columns, each against pandas reading the same file in the same run
# (read_csv / read_json, which also refuse or rename duplicate names); prints
# seconds and the ratio slant / pandas.  The duplicate-name checks are by
# hashing, so the ratio stays near or below 1 as the width grows; the old
# pairwise checks took 20-45 s here.  Not part of `make test`.
# Usage: [RUNS=3] sh bench/headers.sh   (run `make` first)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/bin
PY=/usr/bin/python3
RUNS=${RUNS:-3}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

"$PY" - "$w" <<'EOF'
import json, sys
w = sys.argv[1]
def tsv(name, first, n, rows=2):
    with open(w + "/" + name, "w") as f:
        f.write("\t".join(first + ["c%d" % i for i in range(n)]) + "\n")
        for r in range(rows):
            f.write("\t".join(["d%d" % r] + ["s"] * (len(first) - 2) + ["some words here"] + ["x"] * n) + "\n")
tsv("w40k.tsv", ["id", "text"], 40000)
tsv("w100k.tsv", ["id", "source", "text"], 100000)
with open(w + "/w40k.jsonl", "w") as f:
    for r in range(2):
        d = {"id": "d%d" % r, "text": "some words here"}
        d.update(("c%d" % i, "x") for i in range(40000))
        f.write(json.dumps(d) + "\n")
EOF

# best of RUNS wall-clock seconds of a command
best() {
	b=
	i=0
	while [ $i -lt "$RUNS" ]; do
		s=$(date +%s.%N)
		sh -c "$1" >/dev/null
		e=$(date +%s.%N)
		t=$(echo "$e - $s" | bc -l)
		if [ -z "$b" ] || [ "$(echo "$t < $b" | bc -l)" = 1 ]; then b=$t; fi
		i=$((i + 1))
	done
	echo "$b"
}

printf '%-34s %10s %10s %8s\n' case slant pandas ratio
row() { # name, slant command, pandas expression over the file f
	a=$(best "$2")
	b=$(best "'$PY' -c \"import pandas as pd; f='$4'; x = $3\"")
	printf '%-34s %10.3f %10.3f %8.2f\n' "$1" "$a" "$b" "$(echo "$a / $b" | bc -l)"
}
row "slant-docs, 40,000 columns (TSV)" "'$bin/slant-docs' '$w/w40k.tsv'" "pd.read_csv(f, sep='\\\\t')" "$w/w40k.tsv"
row "slant-docs, 40,000 keys (JSONL)" "'$bin/slant-docs' '$w/w40k.jsonl'" "pd.read_json(f, lines=True)" "$w/w40k.jsonl"
row "slant-count, 100,000 columns" "'$bin/slant-count' '$w/w100k.tsv'" "pd.read_csv(f, sep='\\\\t')" "$w/w100k.tsv"
