# slant-count and slant-merge: counts against an independent count, shards +
# merge == whole, golden output for small inputs, errors.
. "$(dirname "$0")/lib.sh"
TAB=$(printf '\t')
# the shared data beside the checkout, or $SLANT_DATA
RT=${SLANT_DATA:-$TOP/../shared/data}/polarity/rt-polarity.tsv
[ -f "$RT" ] || { echo "FAIL data: no $RT (set SLANT_DATA)"; exit 1; }

# ---- 1. independent count on rt-polarity ----
# Lines whose space-separated tokens are all a-z words or pure punctuation.
{
	printf 'id\ttext\n'
	awk -F'\t' 'NR > 1 { print $1 "\t" $2 }' "$RT" |
		LC_ALL=C grep -E "^[^$TAB]*$TAB *(([a-z]+|[[:punct:]]+) +)*([a-z]+|[[:punct:]]+)? *\$" |
		grep -v '\\'
} >"$T/rt.tsv"
lines=$(($(wc -l <"$T/rt.tsv") - 1))
if [ "$lines" -gt 4000 ]; then pass "rt subset has $lines documents"; else fail "rt subset" "only $lines lines"; fi
cut -f2 "$T/rt.tsv" | tail -n +2 | tr ' ' '\n' | grep -E '^[a-z]+$' | LC_ALL=C sort | uniq -c |
	awk '{ print $2 "\t" $1 }' >"$T/ref.n"
# df: documents containing the word, counted by awk
tail -n +2 "$T/rt.tsv" | cut -f2 | awk '{
	delete seen
	for (i = 1; i <= NF; i++) if ($i ~ /^[a-z]+$/ && !($i in seen)) { seen[$i] = 1; df[$i]++ }
} END { for (w in df) print w "\t" df[w] }' | LC_ALL=C sort >"$T/ref.df"
join -t "$TAB" "$T/ref.n" "$T/ref.df" | awk -v OFS="$TAB" '{ print "all", $0 }' >"$T/ref"
tokens=$(awk -F'\t' '{ s += $3 } END { print s }' "$T/ref")
run slant-count "$T/rt.tsv"
expect "count rt-polarity" 0
counts_rows "$T/out" | grep -v "^all$TAB$TAB" >"$T/got"
same "unigrams and df equal tr|grep|sort|uniq -c and awk" "$T/got" "$T/ref"
if grep -q "^all$TAB${TAB}$tokens$TAB$lines\$" "$T/out"; then pass "total row: tokens and documents"; else
	fail "total row" "expected all<TAB><TAB>$tokens<TAB>$lines: $(grep "^all$TAB$TAB" "$T/out")"
fi
counts_meta "$T/out" >"$T/meta"
if head -n 1 "$T/out" | grep -q "^group${TAB}term${TAB}n${TAB}df\$" &&
	[ "$(sed -n 2p "$T/out")" = "${TAB}slant-counts=2${TAB}0${TAB}0" ] && grep -q '^ngrams=1$' "$T/meta" &&
	grep -q '^tokenizer=.' "$T/meta" && grep -q '^by=$' "$T/meta"; then
	pass "header first, then the metadata rows"
else fail "metadata rows" "$(head -n 6 "$T/out" | tr '\n' '|')"; fi

# ---- 2. shards + merge == whole, byte for byte ----
awk -F'\t' 'NR > 1 { print $1 "\t" $3 "\t" $2 }' "$RT" | head -n 3000 >"$T/body"
{ printf 'id\tlabel\ttext\n'; cat "$T/body"; } >"$T/all.tsv"
for k in 1 2 3; do
	{ printf 'id\tlabel\ttext\n'; sed -n "$(((k - 1) * 1000 + 1)),$((k * 1000))p" "$T/body"; } >"$T/s$k.tsv"
done
for opt in "-g 1" "--by label -g 1-2" "--by id -g 2-3"; do
	# shellcheck disable=SC2086
	slant-count -q $opt "$T/all.tsv" -o "$T/whole.tsv" -f
	slant-count -q $opt "$T/s1.tsv" -o "$T/c1.tsv.gz" -f
	slant-count -q $opt "$T/s2.tsv" -o "$T/c2.tsv" -f
	slant-count -q $opt "$T/s3.tsv" -z >"$T/c3.gz"
	run slant-merge "$T/c3.gz" "$T/c1.tsv.gz" - -o "$T/merged.tsv" -f <"$T/c2.tsv"
	expect "merge ($opt)" 0
	same "shards + merge == whole ($opt)" "$T/merged.tsv" "$T/whole.tsv"
done
# the order is the one `sort` gives (C locale, by group then term)
counts_rows "$T/whole.tsv" >"$T/rows"
LC_ALL=C sort -t "$TAB" -k1,1 -k2,2 "$T/rows" >"$T/sorted"
same "rows in LC_ALL=C sort -k1,1 -k2,2 order" "$T/rows" "$T/sorted"

# pruning keeps the totals; merge can prune after summing
slant-count -q --by label "$T/all.tsv" -o "$T/full.tsv"
run slant-count -q --by label --min-count 5 --min-docs 3 "$T/all.tsv"
expect "count --min-count --min-docs" 0
grep "^[a-z]*$TAB$TAB" "$T/full.tsv" >"$T/tot.full"
grep "^[a-z]*$TAB$TAB" "$T/out" >"$T/tot.pruned"
same "group totals survive pruning" "$T/tot.pruned" "$T/tot.full"
counts_rows "$T/out" | awk -F'\t' '$2 != "" && ($3 < 5 || $4 < 3) { bad++ } END { exit bad > 0 }'
if [ $? -eq 0 ]; then pass "pruned rows are gone"; else fail "pruning" "rows below the thresholds remain"; fi
awk -F'\t' '$3 == "n" || $2 == "" || $3 == 0 || ($3 + 0 >= 5 && $4 + 0 >= 3)' "$T/full.tsv" >"$T/expect.pruned"
grep -v "^${TAB}pruned=" "$T/out" >"$T/got.pruned"
if grep -q "^${TAB}pruned=min-count=5 min-docs=3${TAB}0${TAB}0\$" "$T/out"; then pass "pruning recorded"; else fail "pruning recorded" "$(head -n 7 "$T/out" | tr '\n' '|')"; fi
same "pruned == filtered full counts" "$T/got.pruned" "$T/expect.pruned"
run slant-merge --min-count 5 --min-docs 3 "$T/full.tsv"
expect "merge --min-count" 0
grep -v "^${TAB}pruned=" "$T/out" >"$T/got.mp"
same "merge pruning == count pruning" "$T/got.mp" "$T/expect.pruned"

# ---- 3. golden output for a small corpus ----
printf 'id\tsource\ttext\nd1\tcnn\tthe cat sat. the dog ran\nd2\tfox\tthe cat\\nthe cat\nd3\tcnn\t\nd4\ta\\tb\tcat\n' >"$T/small.tsv"
run slant-count --by source --ngrams 1-2 "$T/small.tsv"
expect "count small corpus" 0
grep -v "^${TAB}tokenizer=" "$T/out" >"$T/small.counts"
golden "count small corpus golden" "$T/small.counts" count-small.tsv
run slant-count --ngrams 2 "$T/small.tsv"
grep -v "^${TAB}tokenizer=" "$T/out" >"$T/small2.counts"
golden "bigrams never cross a sentence end or line" "$T/small2.counts" count-small-bigrams.tsv

# stopwords go before n-grams are formed, leaving a gap no n-gram crosses;
# stemming applies to what is left
printf 'on\nthe\n' >"$T/stop.txt"
printf 'id\ttext\nd1\tthe war on drugs\nd2\tthe drug war\n' >"$T/war.tsv"
run slant-count --ngrams 2 --stopwords "$T/stop.txt" "$T/war.tsv"
expect "count --stopwords FILE" 0
if [ "$(counts_rows "$T/out" | tail -n +2 | cut -f2 | tr '\n' '|')" = "drug war|" ]; then
	pass "stopwords removed before n-grams, leaving a gap"
else fail "stopwords before n-grams" "$(tr '\n' '|' <"$T/out")"; fi
if counts_meta "$T/out" | grep -q '^tokenizer=.*stop'; then pass "stopwords recorded in tokenizer="; else fail "stopwords recorded" "$(counts_meta "$T/out")"; fi
run slant-count --ngrams 1-2 --stopwords en "$T/war.tsv"
if [ "$(counts_rows "$T/out" | tail -n +2 | cut -f2 | tr '\n' '|')" = "drug|drug war|drugs|war|" ]; then
	pass "--stopwords en (shipped list)"
else fail "--stopwords en" "$(tr '\n' '|' <"$T/out")"; fi

# n-grams never bridge a removed token (quanteda's padding = TRUE): the
# issue's two sentences, their Spanish twin, punctuation; the control
# sentence has the same bigram with nothing removed
printf 'id\ttext\nd1\t"But there is no subordination, nor can we allow an intervention."\nd2\tWe do not accept any intervention by a foreign government.\nd3\tWe allow intervention, and we accept intervention: never.\n' >"$T/pad.tsv"
slant-count -q --ngrams 2 --by id --stopwords en "$T/pad.tsv" >"$T/pad.counts"
got=$(counts_rows "$T/pad.counts" | awk -F'\t' '$2 != "" { print $1 ":" $2 }' | tr '\n' '|')
if [ "$got" = "d2:foreign government|d3:accept intervention|d3:allow intervention|" ]; then
	pass "padding: no bigram across stopwords or punctuation"
else fail "padding" "$got"; fi
printf 'id\ttext\nd1\tNi podemos permitir una intervención. Las medidas de intervención no son bienvenidas.\nd2\tLa intervención, bienvenidas o no.\n' >"$T/pad-es.tsv"
slant-count -q --ngrams 2 --stopwords es --stem spanish "$T/pad-es.tsv" >"$T/pad-es.counts"
got=$(counts_rows "$T/pad-es.counts" | awk -F'\t' '$2 != "" { print $2 }' | tr '\n' '|')
if [ "$got" = "pod permit|" ]; then
	pass "padding: the Spanish twin"
else fail "padding, Spanish" "$got"; fi
# --min-count prunes after counting: an n-gram never holds a pruned word
# (its count is at most each of its words'), so none bridges or holds one
slant-docs -q --meta "$TOP/corpus/mexico/sources.tsv" "$TOP/corpus/mexico/raw" | slant-count -q --ngrams 1-3 --by source --min-count 3 \
	--stopwords en | counts_rows /dev/stdin >"$T/pruned.counts"
awk -F'\t' '$2 == "" { next }
	NR == FNR { if ($2 !~ / /) uni[$1 SUBSEP $2] = 1; next }
	{ n = split($2, w, " "); for (i = 1; n > 1 && i <= n; i++)
	  if (!(($1 SUBSEP w[i]) in uni)) { print $1 ": " $2; bad++ } }
	END { exit bad > 0 }' "$T/pruned.counts" "$T/pruned.counts" >"$T/bridged" &&
	[ "$(grep -c ' ' "$T/pruned.counts")" -gt 10 ] &&
	pass "--min-count: no n-gram holds a pruned word" ||
	fail "--min-count and n-grams" "$(head -3 "$T/bridged")"
printf 'id\ttext\nd1\trunning runs\n' >"$T/run.tsv"
run slant-count --stem english "$T/run.tsv"
expect "count --stem english" 0
if grep -q "^all${TAB}run${TAB}2${TAB}1\$" "$T/out" && counts_meta "$T/out" | grep -q '^tokenizer=.*english'; then
	pass "stemming counts running and runs as run"
else fail "stemming" "$(tr '\n' '|' <"$T/out")"; fi
slant-count -q --stem english "$T/run.tsv" >"$T/stem.counts"
slant-count -q "$T/run.tsv" >"$T/nostem.counts"
run slant-merge "$T/stem.counts" "$T/nostem.counts"
expect "merge refuses stemmed + unstemmed" 1 "counted differently: tokenizer"

# gzip input and standard input give the same counts; empty input is valid
gzip -c "$T/small.tsv" >"$T/small.tsv.gz"
slant-count --by source "$T/small.tsv" >"$T/plain.counts"
run slant-count --by source "$T/small.tsv.gz"
same "gzip input == plain input" "$T/out" "$T/plain.counts"
run slant-count --by source - <"$T/small.tsv"
same "standard input == file" "$T/out" "$T/plain.counts"
printf 'id\tsource\ttext\n' >"$T/empty.tsv"
run slant-count --by source "$T/empty.tsv" -o "$T/empty.counts"
expect "count an empty corpus" 0
if [ "$(counts_rows "$T/empty.counts" | wc -l)" = 0 ]; then pass "empty corpus: header only"; else fail "empty corpus" "$(cat "$T/empty.counts")"; fi
run slant-merge "$T/empty.counts" "$T/plain.counts"
same "merging an empty counts file changes nothing" "$T/out" "$T/plain.counts"
# two inputs count like their concatenation
tail -n +2 "$T/small.tsv" >"$T/small.body"
{ cat "$T/small.tsv"; cat "$T/small.body"; } >"$T/double.tsv"
slant-count --by source "$T/double.tsv" >"$T/double.counts"
run slant-count --by source "$T/small.tsv" "$T/small.tsv.gz"
same "two inputs == their concatenation" "$T/out" "$T/double.counts"

# the DESIGN pipeline on the seed corpus: one total row per source, and the
# totals' df adds up to the number of documents
if [ -d "$TOP/corpus/mexico/raw" ]; then
	slant-docs "$TOP/corpus/mexico/raw" --meta "$TOP/corpus/mexico/sources.tsv" >"$T/seeds.tsv"
	run slant-count --by source --ngrams 1-2 "$T/seeds.tsv" -o "$T/seeds.counts.gz"
	expect "count the seed corpus" 0
	ndocs=$(($(wc -l <"$T/seeds.tsv") - 1))
	nsrc=$(tail -n +2 "$T/seeds.tsv" | cut -f2 | sort -u | wc -l)
	gzip -dc "$T/seeds.counts.gz" | awk -F'\t' 'NR > 1 && $2 == "" { g++; d += $4 } END { print g, d }' >"$T/seeds.tot"
	if [ "$(cat "$T/seeds.tot")" = "$nsrc $ndocs" ]; then pass "seed corpus: a total row per source"; else
		fail "seed corpus totals" "got $(cat "$T/seeds.tot"), expected $nsrc $ndocs"; fi
	run slant-table -n 5 --by source --format md "$T/seeds.counts.gz"
	expect "slant-table on the seed counts" 0
fi

# ---- 4. errors ----
run slant-count "$T/full.tsv"
expect "count refuses a counts file" 1 "not a docs file.*text"
run slant-count --by nosuch "$T/small.tsv"
expect "count --by a missing column" 1 "no 'nosuch' column"
run slant-count --ngrams 0 "$T/small.tsv"
expect "--ngrams 0" 2 "Try 'slant-count --help'"
run slant-count --ngrams 3-1 "$T/small.tsv"
expect "--ngrams 3-1" 2 "reversed"
run slant-count --min-count 1x "$T/small.tsv"
expect "--min-count 1x" 2 "min-count"
run slant-count --min-docs -2 "$T/small.tsv"
expect "--min-docs -2" 2 "min-docs"
run slant-count --stem klingon "$T/small.tsv"
expect "--stem unknown language" 2 "klingon"
run slant-count "$T/small.tsv" -o "$T/full.tsv"
expect "count refuses to replace a file without -f" 1
run slant-count "$T/small.tsv" -o /dev/full
expect "count to a full disk" 1
run slant-count "$T/nosuch.tsv" -o "$T/never.tsv"
expect "count a missing input" 1 "nosuch"
absent "no output left after an error" "$T/never.tsv"
run slant-count "$T/small.tsv"
expect "no progress when stderr is not a terminal" 0
slant-count -q --ngrams 1-2 "$T/small.tsv" >"$T/bi.tsv"
run slant-merge "$T/full.tsv" "$T/bi.tsv" -o "$T/never.tsv"
expect "merge refuses different tokenisations" 1 "counted differently"
absent "merge leaves no output after refusing" "$T/never.tsv"
run slant-merge "$T/small.tsv"
expect "merge refuses a docs file" 1 "not a counts file"
printf 'group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n\ttokenizer=x\t0\t0\n\tngrams=1\t0\t0\n\tby=\t0\t0\nall\t\t3\t1\nall\tb\t1\t1\nall\ta\t2\t1\n' >"$T/unsorted.tsv"
run slant-merge "$T/unsorted.tsv"
expect "merge refuses unsorted input" 1 "unsorted.tsv:8: rows not sorted"
printf 'group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n\ttokenizer=x\t0\t0\n\tngrams=1\t0\t0\n\tby=\t0\t0\nall\t\t3\t1\nall\ta\tthree\t1\n' >"$T/badnum.tsv"
run slant-merge "$T/badnum.tsv"
expect "merge refuses a bad number" 1 "badnum.tsv:7: n 'three' is not a count"
run slant-merge
expect "merge without inputs" 2 "Try 'slant-merge --help'"
run slant-merge - - <"$T/full.tsv"
expect "merge reads stdin once" 2
run slant-merge --min-docs x "$T/full.tsv"
expect "merge --min-docs x" 2
finish
