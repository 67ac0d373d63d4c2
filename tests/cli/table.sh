# slant-table: top terms, shares, tf-idf variants, formats, ties, errors.
. "$(dirname "$0")/lib.sh"

# Two groups; 'zeta' and 'alpha' tie in cnn; 'x|y' and 'a,"b"' need quoting.
cat >"$T/c.tsv" <<'EOF'
group	term	n	df
	slant-counts=2	0	0
	tokenizer=test	0	0
	ngrams=1	0	0
	by=source	0	0
cnn		20	4
cnn	a,"b"	1	1
cnn	alpha	3	2
cnn	the	10	4
cnn	x|y	2	1
cnn	zeta	3	1
fox		10	6
fox	alpha	1	1
fox	the	5	3
EOF

run slant-table "$T/c.tsv"
expect "table tsv" 0
golden "table tsv golden" "$T/out" table-long.tsv
# independent check of share, per-million and both tf-idf variants (N = 10 docs)
awk -F'\t' 'NR > 1 {
	tot = ($1 == "cnn") ? 20 : 10
	cdf = ($3 == "the") ? 7 : ($3 == "alpha") ? 3 : 1
	q = $4 * log(10 / cdf) / log(10)
	if (sprintf("%.6g", $4 / tot) != $5 || sprintf("%.2f", 1e6 * $4 / tot) != $6 ||
	    sprintf("%.4f", q) != $8) { print "bad: " $0; bad = 1 }
} END { exit bad }' "$T/out"
if [ $? -eq 0 ]; then pass "share, per_million, quanteda tf-idf"; else fail "table values" "see above"; fi
run slant-table --tfidf sklearn "$T/c.tsv"
expect "table --tfidf sklearn" 0
awk -F'\t' 'NR > 1 {
	cdf = ($3 == "the") ? 7 : ($3 == "alpha") ? 3 : 1
	if (sprintf("%.4f", $4 * (log(11 / (1 + cdf)) + 1)) != $8) { print "bad: " $0; bad = 1 }
} END { exit bad }' "$T/out"
if [ $? -eq 0 ]; then pass "sklearn tf-idf"; else fail "sklearn tf-idf" "see above"; fi

run slant-table -n 2 "$T/c.tsv"
if [ "$(cut -f1-4 "$T/out" | tr '\t\n' ' |')" = "group rank term n|cnn 1 the 10|cnn 2 alpha 3|fox 1 the 5|fox 2 alpha 1|" ]; then
	pass "-n 2 with a tie broken by term"
else fail "-n 2" "$(tr '\n' '|' <"$T/out")"; fi

run slant-table --format csv -n 0 "$T/c.tsv"
expect "table csv" 0
golden "table csv golden (RFC 4180)" "$T/out" table-long.csv
run slant-table --format md --wide -n 4 "$T/c.tsv"
expect "table md wide" 0
golden "table markdown wide golden" "$T/out" table-wide.md
run slant-table --wide "$T/c.tsv" -o "$T/wide.tsv"
expect "table -o" 0
if [ "$(head -n 1 "$T/wide.tsv")" = "$(printf 'rank\tcnn\tcnn n\tfox\tfox n')" ]; then pass "wide header"; else fail "wide header" "$(head -n 1 "$T/wide.tsv")"; fi

run slant-table --by source -n 1 "$T/c.tsv"
expect "--by matching the counts" 0
run slant-table --by label "$T/c.tsv"
expect "--by not matching the counts" 1 "counted by source, not by 'label'"

# errors
printf 'id\ttext\n1\thello\n' >"$T/docs.tsv"
run slant-table "$T/docs.tsv"
expect "table refuses a docs file" 1 "not a counts file"
run slant-table --format xml "$T/c.tsv"
expect "--format xml" 2 "Try 'slant-table --help'"
run slant-table -n ten "$T/c.tsv"
expect "-n ten" 2
run slant-table --tfidf bm25 "$T/c.tsv"
expect "--tfidf bm25" 2
run slant-table "$T/c.tsv" "$T/c.tsv"
expect "two inputs" 2 "slant-merge"
run slant-table "$T/c.tsv" -o /dev/full
expect "table to a full disk" 1
# every tf-idf variant against table.R (quanteda's and scikit-learn's
# definitions in base R), on the test counts and on real counts
slant-docs -q --meta "$TOP/corpus/mexico/sources.tsv" "$TOP/corpus/mexico/raw" |
	slant-count -q --by source --ngrams 1-2 >"$T/seeds.counts"
for f in "$T/c.tsv" "$T/seeds.counts"; do
	for v in "quanteda count 0" "quanteda log 0" "quanteda prop 0" "quanteda count 1" \
		"sklearn count 0" "sklearn log 0" "sklearn count 1" "sklearn log 1" "plain count 0" \
		"plain log 1" "sklearn prop 0"; do
		set -- $v
		case $1 in quanteda) o="--tfidf quanteda" ;; sklearn) o="--tfidf sklearn" ;;
			plain) o="--tfidf sklearn --no-smooth" ;; esac
		[ "$3" = 1 ] && o="$o --l2"
		slant-table -n 0 --digits 17 $o --tf "$2" "$f" >"$T/tv.tsv"
		run Rscript --vanilla "$HERE/table.R" "$f" "$T/tv.tsv" "$(echo "$1" | sed s/sklearn/smooth/)" "$2" "$3"
		expect "tf-idf $v ($(basename "$f")) equals R" 0
	done
done
# --digits 17 reads back as the same doubles: each number is the shortest
# that %.17g gives for itself; --digits 3 is rounded
slant-table -n 0 --digits 17 --tfidf sklearn --l2 "$T/seeds.counts" >"$T/d17.tsv"
if awk -F'\t' 'NR > 1 { for (i = 5; i <= 8; i++) if (i != 7 && sprintf("%.17g", $i + 0) != $i) { print $i; bad++ } }
	END { exit bad > 0 || NR < 10 }' "$T/d17.tsv" >"$T/d17.bad"; then pass "--digits 17 round-trips"
else fail "--digits 17" "$(head -3 "$T/d17.bad")"; fi
run slant-table -n 3 --digits 3 "$T/c.tsv"
if [ "$(awk -F'\t' 'NR == 2 { print $5, $6, $8 }' "$T/out")" = "0.5 5e+05 1.55" ]; then pass "--digits 3"
else fail "--digits 3" "$(sed -n 2p "$T/out")"; fi
run slant-table --no-smooth "$T/c.tsv"
expect "--no-smooth needs sklearn" 2 "--tfidf sklearn"
run slant-table --tf raw "$T/c.tsv"
expect "--tf unknown" 2 "not count, log or prop"
run slant-table --digits 18 "$T/c.tsv"
expect "--digits 18" 2 "digits"
finish
