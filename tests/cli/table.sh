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
finish
