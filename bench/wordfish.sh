#!/bin/sh
# bench/wordfish.sh: Wordfish on the inaugural speeches (one document per
# speech, ../shared/data/inaugural beside the checkout): the convergence
# summary, the speeches at both ends of the first dimension, and the
# Pearson correlation of theta with the year (computed here, in awk).
# tests/cli/scale.sh asserts r >= 0.9 on the same run.
# Usage: sh bench/wordfish.sh   (run `make` first)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/bin
D=${SLANT_DATA:-$top/../shared/data}/inaugural
[ -d "$D" ] || { echo "bench/wordfish.sh: no $D" >&2; exit 1; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$bin/slant-docs" -q "$D" | awk -F'\t' 'NR == 1 || $1 ~ /^[0-9][0-9][0-9][0-9]-/' |
	"$bin/slant-count" -q --by id >"$T/speeches.counts"
"$bin/slant-scale" wordfish -v --digits 4 --dir 1789-Washington,2021-Biden "$T/speeches.counts" >"$T/wf.tsv" 2>"$T/log"
sed "s/^slant-scale: //" "$T/log"
sort -t "$(printf '\t')" -k2,2g "$T/wf.tsv" | awk -F'\t' '$1 != "group"' >"$T/sorted.tsv"
echo "lowest theta:  $(head -n 5 "$T/sorted.tsv" | cut -f1 | tr '\n' ' ')"
echo "highest theta: $(tail -n 5 "$T/sorted.tsv" | cut -f1 | tr '\n' ' ')"
awk -F'\t' 'NR > 1 { y = substr($1, 1, 4); x = $2; n++; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y }
	END { printf "speeches: %d; correlation of theta with the year: r = %.3f\n", n,
		(n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy)) }' "$T/wf.tsv"
