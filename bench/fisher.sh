#!/bin/sh
# bench/fisher.sh: Fisher's exact test (issue 15.6).  slant-keyness --fisher
# on T terms of two groups against R's fisher.test on the same 2x2 tables
# in the same run, at totals R can hold (1e9 tokens a group, term counts
# 1e3-1e5); prints seconds and the ratio slant / R, and checks the p-values
# agree.  Then slant alone at totals of 1e12, where fisher.test cannot run
# (integer overflow; it lists the whole support): its time should be about
# the same as at 1e9, the cost not growing with the counts.  Not part of
# `make test`.  Usage: [T=100] sh bench/fisher.sh   (run `make` first)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/bin
T=${T:-100}
w=$(mktemp -d)
trap 'rm -rf "$w"' EXIT

# counts files: groups A and B, T terms; tables.tsv: a b c d for R
make_counts() { # total, file
	/usr/bin/python3 - "$1" "$2" "$w/tables-$1.tsv" "$T" <<'EOF'
import random, sys
tot, out, tab, T = float(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
tot = int(tot)
rnd = random.Random(6)
head = ("group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n"
        "\ttokenizer=fold=nfkc_cf hyphens=keep punct=drop stem=none stop=none\t0\t0\n"
        "\tngrams=1\t0\t0\n\tby=source\t0\t0\n")
terms = ["t%05d" % i for i in range(T)]
na = {t: int(10 ** rnd.uniform(3, 5)) for t in terms}
nb = {t: max(1, int(na[t] * rnd.uniform(0.97, 1.03))) for t in terms}
with open(out, "w") as f:
    f.write(head)
    for g, n in (("A", na), ("B", nb)):
        f.write("%s\t\t%d\t%d\n" % (g, tot, 1000))
        for t in terms:
            f.write("%s\t%s\t%d\t%d\n" % (g, t, n[t], 1))
with open(tab, "w") as f:
    for t in terms:
        f.write("%d\t%d\t%d\t%d\n" % (na[t], nb[t], tot - na[t], tot - nb[t]))
EOF
}
make_counts 1e9 "$w/c9.tsv"
make_counts 1e12 "$w/c12.tsv"

now() { date +%s.%N; }
s=$(now)
"$bin/slant-keyness" --fisher --digits 17 -n 0 -t A -o "$w/k9.tsv" "$w/c9.tsv"
e=$(now)
ts=$(echo "$e - $s" | bc -l)
tr=$(Rscript -e "x <- read.delim('$w/tables-1e9.tsv', header = FALSE)
t0 <- proc.time()[['elapsed']]
p <- apply(x, 1, function(r) fisher.test(matrix(c(r[1], r[3], r[2], r[4]), 2))\$p.value)
cat(proc.time()[['elapsed']] - t0)
write.table(data.frame(sprintf('t%05d', seq_len(nrow(x)) - 1), sprintf('%.17g', p)), '$w/r9.tsv', sep = '\t',
            row.names = FALSE, col.names = FALSE, quote = FALSE)")
s=$(now)
"$bin/slant-keyness" --fisher -n 0 -t A -o "$w/k12.tsv" "$w/c12.tsv"
e=$(now)
t12=$(echo "$e - $s" | bc -l)

# the p column of slant's output against R's, by term
pcol=$(head -n 1 "$w/k9.tsv" | tr '\t' '\n' | grep -n '^p$' | cut -d: -f1)
worst=$(awk -F'\t' -v c="$pcol" 'NR == FNR { r[$1] = $2; next } FNR > 1 && ($2 in r) {
	d = $c - r[$2]; if (d < 0) d = -d; s = r[$2] > 0 ? d / r[$2] : d; if (s > m) m = s; n++ }
	END { printf "%.2g over %d terms", m, n }' "$w/r9.tsv" "$w/k9.tsv")
printf '%-44s %10s\n' "case ($T tables)" seconds
printf '%-44s %10.3f\n' "slant-keyness --fisher, totals 1e9" "$ts"
printf '%-44s %10.3f\n' "R fisher.test, the same tables" "$tr"
printf '%-44s %10.4f\n' "ratio slant / R" "$(echo "$ts / $tr" | bc -l)"
printf '%-44s %10.3f\n' "slant-keyness --fisher, totals 1e12" "$t12"
echo "largest relative difference of p, slant vs R: $worst"
