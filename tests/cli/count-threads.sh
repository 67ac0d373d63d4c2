# slant-count -j N: threaded counts are byte-identical to one thread, for
# many option sets, several inputs, stdin and gzip; errors still name the line.
. "$(dirname "$0")/lib.sh"
# the shared data beside the checkout, or $SLANT_DATA
RT=${SLANT_DATA:-$TOP/../shared/data}/polarity/rt-polarity.tsv
[ -f "$RT" ] || { echo "FAIL data: no $RT (set SLANT_DATA)"; exit 1; }

# rt-polarity: 10662 short documents, so many batches of 256 documents go to
# each worker; the seed-like docs add long documents and a second file.
cp "$RT" "$T/rt.tsv"
awk -F'\t' 'NR == 1 || NR % 7 == 0' "$RT" >"$T/rt7.tsv"
gzip -c "$T/rt7.tsv" >"$T/rt7.tsv.gz"

check() { # check NAME ARGS...: -j 2, 3 and 0 equal -j 1
	name=$1
	shift
	run slant-count -q "$@"
	expect "$name: -j 1" 0
	mv "$T/out" "$T/one"
	for j in 2 3 0; do
		run slant-count -q -j $j "$@"
		expect "$name: -j $j" 0
		same "$name: -j $j == -j 1" "$T/out" "$T/one"
	done
}

check "unigrams" "$T/rt.tsv"
check "ngrams 1-3" --ngrams 1-3 "$T/rt.tsv"
check "by label, bigrams" --by label --ngrams 2 "$T/rt.tsv"
check "by id" --by id "$T/rt.tsv"
check "stopwords, 1-2" --stopwords en --ngrams 1-2 --by fold "$T/rt.tsv"
check "stem, pruning" --stem english --min-count 3 --min-docs 2 --by label "$T/rt.tsv"
check "punct, no-fold, hyphens" --punct --no-fold --split-hyphens "$T/rt.tsv"
check "two files, gzip" --by label "$T/rt.tsv" "$T/rt7.tsv.gz"
head -n 1 "$T/rt.tsv" >"$T/header.tsv"
check "header-only input" "$T/header.tsv"
check "header-only file and rows" --by label "$T/header.tsv" "$T/rt7.tsv" "$T/header.tsv"

# standard input
run slant-count -q --by label "$T/rt.tsv"
mv "$T/out" "$T/one"
run slant-count -q -j 2 --by label - <"$T/rt.tsv"
same "stdin, -j 2" "$T/out" "$T/one"

# the long form and a written output file
run slant-count -q --threads 2 -o "$T/o.tsv.gz" --by label "$T/rt.tsv"
expect "--threads 2 -o FILE.gz" 0
gzip -dc "$T/o.tsv.gz" >"$T/o.tsv"
same "--threads 2 output file" "$T/o.tsv" "$T/one"

# shards counted with -j, merged == whole with -j 1
head -n 5000 "$T/rt.tsv" >"$T/s1.tsv"
{ head -n 1 "$T/rt.tsv"; tail -n +5001 "$T/rt.tsv"; } >"$T/s2.tsv"
run slant-count -q -j 2 --by label --ngrams 1-2 -o "$T/c1.tsv" "$T/s1.tsv"
run slant-count -q -j 2 --by label --ngrams 1-2 -o "$T/c2.tsv" "$T/s2.tsv"
run slant-merge "$T/c1.tsv" "$T/c2.tsv"
mv "$T/out" "$T/merged"
run slant-count -q --by label --ngrams 1-2 "$T/rt.tsv"
same "-j 2 shards + merge == whole" "$T/merged" "$T/out"

# errors: a bad row late in the file is still reported with its line
{ cat "$T/rt.tsv"; printf 'x\tonly two\n'; } >"$T/bad.tsv"
run slant-count -q -j 2 "$T/bad.tsv"
expect "-j 2, short row" 1 "bad.tsv:10664: expected 4 fields, found 2"
absent "-j 2 error leaves no output" "$T/none.tsv"
run slant-count -q -j 2 -o "$T/none.tsv" "$T/bad.tsv"
expect "-j 2 -o, short row" 1 "bad.tsv:10664:"
absent "-j 2 error leaves no output file" "$T/none.tsv"
# rows are read in chunks of about 1 MB: the first bad row in input order
# is the one reported, with its line, whichever chunk a thread finished
# first
{ cat "$T/rt.tsv"; tail -n +2 "$T/rt.tsv"; } >"$T/rt2.tsv"
awk 'NR == 15000 { print "bad\trow" } { print } END { print "late\tbad" }' "$T/rt2.tsv" \
	>"$T/bad2.tsv"
# rt2 holds every row twice (about 2.4 MB: chunks cut inside it): each
# count and document frequency doubles
run slant-count -q --by label "$T/rt.tsv"
mv "$T/out" "$T/lf"
for j in 1 2; do
	run slant-count -q -j $j --by label "$T/rt2.tsv"
	awk -F'\t' 'FNR == NR { n[$1 FS $2] = $3 FS $4; next }
		$3 != "n" && n[$1 FS $2] != $3 / 2 FS $4 / 2 { bad++ }
		END { exit bad > 0 }' "$T/lf" "$T/out"
	if [ $? -eq 0 ] && [ "$(wc -l <"$T/out")" = "$(wc -l <"$T/lf")" ]; then
		pass "-j $j: rows twice, counts twice"
	else
		fail "-j $j: rows twice, counts twice" "a count is not doubled"
	fi
done
for j in 1 2 3; do
	run slant-count -q -j $j "$T/bad2.tsv"
	expect "-j $j, two bad rows: the first" 1 "^slant-count: .*bad2\.tsv:15000: expected 4 fields, found 2$"
done

# CRLF line ends read like LF ones; a document longer than a chunk; a last
# row without its newline
sed 's/$/\r/' "$T/rt.tsv" >"$T/crlf.tsv"
awk -F'\t' 'NR == 2 { printf "%s\t", $1; for (i = 0; i < 40000; i++) printf "%s ", $2;
	printf "\t%s\t%s\n", $3, $4; next } { print }' "$T/rt.tsv" >"$T/long.tsv"
head -c -1 "$T/rt.tsv" >"$T/nonl.tsv"
for j in 1 2; do
	run slant-count -q -j $j --by label "$T/crlf.tsv"
	same "-j $j: CRLF rows count as LF rows" "$T/out" "$T/lf"
	run slant-count -q -j $j --by label "$T/nonl.tsv"
	same "-j $j: a last row without newline is counted" "$T/out" "$T/lf"
done
check "a 4 MB document among short ones" --by label "$T/long.tsv"
awk -F'\t' '$1 == "pos" && $2 == "" { n = $3 } END { exit !(n > 40000 * 10) }' "$T/one"
if [ $? -eq 0 ]; then pass "the long document is counted whole"; else fail "the long document is counted whole" "token total too small"; fi
{ cat "$T/long.tsv"; printf 'x\n'; } >"$T/longbad.tsv"
run slant-count -q -j 2 "$T/longbad.tsv"
expect "-j 2: a bad row after a long one has its line" 1 "longbad\.tsv:10664: expected 4 fields, found 1"

threads_usage slant-count "$T/rt.tsv"
finish
