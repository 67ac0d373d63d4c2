# slant-keyness: golden tables, values against R, options and errors.
. "$(dirname "$0")/lib.sh"
C=$TOP/tests/cli/data/keyness-counts.tsv

run slant-keyness --format md "$C"
expect "keyness each group vs rest" 0
golden "keyness rest md" "$T/out" keyness-rest.md

run slant-keyness -t cnn -r fox --all --fisher --adjust bh "$C"
expect "keyness target vs reference, all measures" 0
golden "keyness all tsv" "$T/out" keyness-all.tsv

run slant-keyness --compat quanteda -m g2 -t fox -F csv "$C"
expect "keyness quanteda compat" 0
golden "keyness quanteda csv" "$T/out" keyness-quanteda.csv

# cnn vs fox for "border" is the 2x2 table (10, 3, 990, 1997); R 4.2.2 gives
# chisq.test(correct = TRUE) 9.2806005511060761 and fisher.test p
# 0.0016120567435735638 (tests/unit/stats_expected.h, row 1).
near() { # NAME GOT WANT
	if awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 1e-9 * w) }'; then
		pass "$1"; else fail "$1" "got $2, expected $3"; fi
}
run slant-keyness -t cnn -r fox --fisher --digits 17 "$C"
near "keyness chi2 equals R" "$(awk -F'\t' '$2 == "border" { print $7 }' "$T/out")" 9.2806005511060761
near "keyness fisher p equals R" "$(awk -F'\t' '$2 == "border" { print $8 }' "$T/out")" 0.0016120567435735638

run slant-keyness -n 1 "$C"
expect "keyness -n 1" 0
n=$(tail -n +2 "$T/out" | cut -f1 | sort | uniq -c | awk '$1 != 1' | wc -l)
if [ "$(wc -l <"$T/out")" -eq 4 ] && [ "$n" -eq 0 ]; then pass "keyness one row per group"; else
	fail "keyness one row per group" "$(cat "$T/out")"; fi

run slant-keyness -n 2 --both -t cnn "$C"
expect "keyness --both" 0
got=$(cut -f2 "$T/out" | tr '\n' ' ')
if [ "$got" = "term cartel border sovereignty invasion " ]; then pass "keyness both ends"; else
	fail "keyness both ends" "$got"; fi

# A reference file: the same counts summed, so n_reference is the total.
run slant-keyness -t rt -R "$C" -m lr "$C"
expect "keyness --ref-file" 0
if awk -F'\t' '$2 == "border" && $4 == 13 { ok = 1 } END { exit !ok }' "$T/out"; then
	pass "keyness ref-file sums groups"; else fail "keyness ref-file sums groups" "$(cat "$T/out")"; fi

gzip -c "$C" >"$T/c.tsv.gz"
slant-keyness "$C" >"$T/plain"
run sh -c "slant-keyness - <'$T/c.tsv.gz'"
expect "keyness gzip stdin" 0
same "keyness gzip equals plain" "$T/out" "$T/plain"

run slant-keyness -m logodds --prior uninformative -o "$T/k.tsv.gz" "$C"
expect "keyness -o gz" 0
if gzip -t "$T/k.tsv.gz" 2>/dev/null; then pass "keyness writes gzip"; else fail "keyness writes gzip" "not gzip"; fi

# The pipeline: slant-count's output feeds slant-keyness.
printf 'id\tsource\ttext\n1\tcnn\tThe border wall. The border.\n2\tfox\tThe invasion at the border, an invasion.\n3\tfox\tInvasion!\n' >"$T/d.tsv"
slant-count --by source "$T/d.tsv" >"$T/cnt.tsv"
run slant-keyness -n 1 "$T/cnt.tsv"
expect "keyness reads slant-count output" 0
got=$(tail -n +2 "$T/out" | cut -f1,2 | tr '\t\n' ':,')
if [ "$got" = "cnn:border,fox:invasion," ]; then pass "keyness pipeline top terms"; else
	fail "keyness pipeline top terms" "$got"; fi

# Errors.
run slant-keyness -t nosuch "$C"
expect "keyness unknown group" 1 "no group 'nosuch'"
run slant-keyness -m bogus "$C"
expect "keyness bad measure" 2 "Try 'slant-keyness --help'"
run slant-keyness -m chi2 -c williams "$C"
expect "keyness correction mismatch" 2 "does not apply"
run slant-keyness --compat quanteda -m logodds "$C"
expect "keyness compat measure" 2 "must be chi2, g2 or pmi"
printf 'id\tsource\ttext\nd1\tcnn\thello\n' >"$T/docs.tsv"
run slant-keyness "$T/docs.tsv"
expect "keyness wrong file kind" 1 "not a counts file"
# (hand-made counts files: the header and metadata rows of a real one)
counts_head "$C" >"$T/head.tsv"
{ cat "$T/head.tsv"; printf 'a\t\t9\t2\na\tx\t3\t1\na\ty\tlots\t1\nb\t\t1\t1\nb\tx\t1\t1\n'; } >"$T/bad.tsv"
run slant-keyness "$T/bad.tsv"
l=$(($(wc -l <"$T/head.tsv") + 3))
expect "keyness bad count names the line" 1 "bad.tsv:$l: n 'lots' is not a count"
{ cat "$T/head.tsv"; printf 'a\t\t9\t2\na\tx\t3\t1\n'; } >"$T/one.tsv"
run slant-keyness "$T/one.tsv"
expect "keyness one group" 1 "one group only"
{ cat "$T/head.tsv"; printf 'a\t\t9\t2\na\tx\t3\t1\nb\t\t1\t1\nb\tx\t1\t1\na\ty\t1\t1\n'; } >"$T/unsorted.tsv"
run slant-keyness "$T/unsorted.tsv"
expect "keyness unsorted groups" 1 "unsorted.tsv:[0-9]+: rows not sorted"
sed 's/^\tngrams=1\t/\tngrams=2\t/' "$C" >"$T/bigrams.tsv"
run slant-keyness -R "$T/bigrams.tsv" "$C"
expect "keyness refuses mixed tokenisation" 1 "ngrams=2 differs"
run slant-keyness -o /dev/full "$C"
expect "keyness full disk" 1
: >"$T/empty.tsv"
run slant-keyness "$T/empty.tsv"
expect "keyness empty input" 1 "empty"
run slant-keyness --help
expect "keyness --help" 0
finish
