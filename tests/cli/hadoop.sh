# Hadoop Streaming and Spark RDD.pipe, simulated (README, "Hadoop Streaming and Spark"):
# the docs file is cut into line-aligned input splits (only the first holds
# the header), slant-count --fields --rows maps each, the shuffle is awk
# (partition by a hash of the key) and sort, slant-merge --rows --meta
# reduces each partition, slant-merge joins the part files.  The result must
# equal one plain slant-count run, byte for byte.
. "$(dirname "$0")/lib.sh"
TAB=$(printf '\t')
R=3 # reducers

# 30 copies of the seed corpus under new ids and sources whose escaped and
# raw orders differ (a tab in "X\tx" sorts first raw, after "Z" escaped);
# some ids and texts hold backslashes.
slant-docs -q --meta "$TOP/corpus/mexico/sources.tsv" "$TOP/corpus/mexico/raw" >"$T/seed.tsv" ||
	fail "make docs" "slant-docs failed"
awk -F'\t' -v OFS='\t' 'NR == 1 { print; next } { row[++n] = $0 }
	END { for (c = 1; c <= 30; c++) for (i = 1; i <= n; i++) {
		$0 = row[i]; $1 = $1 "-" c
		if (c % 7 == 0) $1 = $1 "\\\\"
		k = c % 4
		$2 = k == 0 ? $2 "\\tx" : k == 1 ? $2 : k == 2 ? $2 " b" : $2 "Z"
		if (c % 5 == 0) $NF = $NF " \\\\ a\\\\b \\\\\\\\ end."
		print } }' "$T/seed.tsv" >"$T/docs.tsv"
FIELDS=$(head -n 1 "$T/docs.tsv" | tr '\t' ',')
# input splits: 5 chunks of whole lines, by bytes, like TextInputFormat's
(cd "$T" && split -n l/5 -d docs.tsv split-)
n=$(ls "$T"/split-* | wc -l)
if [ "$n" -eq 5 ] && ! grep -q "^id$TAB" "$T"/split-0[1-4]; then pass "5 input splits, header in the first only"
else fail "input splits" "$n splits"; fi

# partition FIELDS FILE: rows to $T/part-r/in.tsv (r = hash of the key mod R)
partition() {
	rm -rf "$T"/part-*
	for r in $(seq 0 $((R - 1))); do mkdir "$T/part-$r" && : >"$T/part-$r/in.tsv"; done
	LC_ALL=C awk -F'\t' -v keys="$1" -v R=$R -v dir="$T" '
		BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i }
		function h(s,  i, v) { v = 0; for (i = 1; i <= length(s); i++) v = (v * 31 + ord[substr(s, i, 1)]) % 1000003; return v }
		{ k = keys == 1 ? $1 : $1 "\t" $2; print > (dir "/part-" (h(k) % R) "/in.tsv") }' "$2"
}

# shuffle_reduce NAME KEYS [REDUCER OPTION]...: sort each partition, reduce it
shuffle_reduce() {
	name=$1 keys=$2
	shift 2
	partition "$keys" "$T/mapped.tsv"
	for r in $(seq 0 $((R - 1))); do
		LC_ALL=C sort -t "$TAB" -k1,1 -k2,2 "$T/part-$r/in.tsv" >"$T/part-$r/sorted.tsv"
		run slant-merge --rows "$@" -o "$T/part-$r/out.tsv" "$T/part-$r/sorted.tsv"
		expect "$name: reducer $r" 0
	done
}

# zero_totals: do the parts hold 0 0 total rows (a group's total went elsewhere)?
zero_totals() { grep -q "^[^$TAB]*$TAB$TAB""0$TAB""0\$" "$T"/part-*/out.tsv; }

for opts in "--by source --stopwords en" "--by source --ngrams 1-2 --stopwords en" \
	"--by id --ngrams 1-2" "--by source --punct --ngrams 1-2"; do
	rm -f "$T"/whole* "$T"/merged* "$T/mapped.tsv" "$T"/split-*.rows
	# shellcheck disable=SC2086
	slant-count $opts -o "$T/whole.tsv" "$T/docs.tsv"
	# shellcheck disable=SC2086
	slant-count $opts --min-count 2 -o "$T/whole-min2.tsv" "$T/docs.tsv"
	# shellcheck disable=SC2086
	run slant-count $opts --meta-only -o "$T/meta.tsv" -f
	expect "$opts: --meta-only" 0
	counts_head "$T/whole.tsv" >"$T/whole.meta"
	counts_head "$T/meta.tsv" >"$T/meta.meta"
	same "$opts: --meta-only writes the header and metadata of the real run" "$T/whole.meta" "$T/meta.meta"
	if [ "$(counts_rows "$T/meta.tsv" | wc -l)" = 0 ]; then pass "$opts: --meta-only writes no rows"; else fail "$opts: --meta-only" "rows"; fi
	# the format's order is the shuffle sort's order (escapes, prefixes)
	counts_rows "$T/whole.tsv" >"$T/whole.rows"
	LC_ALL=C sort -t "$TAB" -k1,1 -k2,2 "$T/whole.rows" >"$T/whole.sorted"
	same "$opts: counts order == LC_ALL=C sort -k1,1 -k2,2" "$T/whole.rows" "$T/whole.sorted"

	# map: one mapper per split; the last one from standard input (Spark's pipe)
	for f in "$T"/split-0[0-3]; do
		# shellcheck disable=SC2086
		run slant-count $opts --fields "$FIELDS" --rows -o "$f.rows" "$f"
		expect "$opts: mapper $(basename "$f")" 0
	done
	# shellcheck disable=SC2086
	slant-count $opts -j 2 --fields "$FIELDS" --rows <"$T/split-04" >"$T/split-04.rows"
	if grep -q "^${TAB}[a-z-]*=.*${TAB}0${TAB}0\$" "$T"/split-*.rows || grep -q "^group${TAB}term" "$T"/split-*.rows; then
		fail "$opts: mappers write bare rows" "a metadata row or a header"
	else pass "$opts: mappers write bare rows"; fi
	cat "$T"/split-0*.rows >"$T/mapped.tsv"

	# Hadoop: reducers write bare rows; the part files are merged as bare
	# rows with the metadata
	for keys in 1 2; do
		case $keys in 1) how="on group" ;; 2) how="on group and term" ;; esac
		shuffle_reduce "$opts, Hadoop, partitioned $how" $keys
		if grep -q "^group${TAB}term" "$T"/part-*/out.tsv; then fail "$opts: Hadoop reducers" "a header"
		else pass "$opts, Hadoop, $how: reducers write bare rows"; fi
		run slant-merge --rows --meta "$T/meta.tsv" -o "$T/merged-h$keys.tsv" "$T"/part-*/out.tsv
		expect "$opts, Hadoop, $how: merge parts" 0
		same "$opts, Hadoop, $how: map + shuffle + reduce + merge == one run" "$T/whole.tsv" "$T/merged-h$keys.tsv"
		run slant-merge --rows --meta "$T/meta.tsv" --min-count 2 -o "$T/merged-h$keys-2.tsv" "$T"/part-*/out.tsv
		same "$opts, Hadoop, $how: --min-count in the final merge == one run" "$T/whole-min2.tsv" "$T/merged-h$keys-2.tsv"
	done

	# Spark: reducers write counts files; on the group, each is complete
	shuffle_reduce "$opts, Spark, partitioned on group" 1 --meta "$T/meta.tsv"
	if zero_totals; then fail "$opts: Spark, on group: parts" "a 0 0 total"
	else pass "$opts, Spark, on group: every part has the real totals"; fi
	# Hadoop's text output appends a tab to a line without one: every line
	# of a counts file has one, so Hadoop reducers may write these too
	if grep -qv "$TAB" "$T"/part-*/out.tsv; then fail "$opts: counts-file parts" "a line without a tab"
	else pass "$opts: every line of a counts-file part holds a tab"; fi
	run slant-merge -o "$T/merged.tsv" "$T"/part-*/out.tsv
	expect "$opts, Spark, on group: merge parts" 0
	same "$opts, Spark, on group: map + shuffle + reduce + merge == one run" "$T/whole.tsv" "$T/merged.tsv"
	run slant-merge --min-count 2 -o "$T/merged2.tsv" "$T"/part-*/out.tsv
	same "$opts, Spark, on group: --min-count in the final merge == one run" "$T/whole-min2.tsv" "$T/merged2.tsv"
	shuffle_reduce "$opts, Spark, on group, reducers prune" 1 --meta "$T/meta.tsv" --min-count 2
	run slant-merge --min-count 2 -o "$T/merged3.tsv" "$T"/part-*/out.tsv
	same "$opts, Spark, on group: --min-count in reducers and merge == one run" "$T/whole-min2.tsv" "$T/merged3.tsv"

	# partitioned on group and term: a group's rows (and total) spread over reducers
	shuffle_reduce "$opts, Spark, on key" 2 --meta "$T/meta.tsv"
	if zero_totals; then pass "$opts, Spark, on key: 0 0 totals where the total went elsewhere"
	else fail "$opts: Spark, on key: parts" "no group was split (the case is not exercised)"; fi
	run slant-merge -o "$T/merged-key.tsv" "$T"/part-*/out.tsv
	expect "$opts, Spark, on key: merge parts" 0
	same "$opts, Spark, on key: map + shuffle + reduce + merge == one run" "$T/whole.tsv" "$T/merged-key.tsv"

	# Spark: one partition, sorted rows through standard input
	LC_ALL=C sort -t "$TAB" -k1,1 -k2,2 "$T/mapped.tsv" | slant-merge --rows --meta "$T/meta.tsv" - >"$T/spark.tsv"
	same "$opts: Spark style (stdin '-') == one run" "$T/whole.tsv" "$T/spark.tsv"
done

# the first split reads the same with and without --fields
slant-count --by source --rows "$T/split-00" >"$T/h.rows"
slant-count --by source --fields "$FIELDS" --rows "$T/split-00" >"$T/f.rows"
same "--fields: the first split's header is skipped" "$T/h.rows" "$T/f.rows"

# empty splits and empty partitions
run slant-count --fields "$FIELDS" --rows /dev/null
if [ "$rc" -eq 0 ] && [ ! -s "$T/out" ]; then pass "mapper: empty split, no rows"; else fail "mapper: empty split" "exit $rc"; fi
slant-count --meta-only -o "$T/meta.tsv" -f
run slant-merge --rows --meta "$T/meta.tsv" </dev/null
expect "reducer: empty partition (stdin by default)" 0
same "reducer: empty partition gives an empty counts file" "$T/meta.tsv" "$T/out"

# errors
slant-count --rows "$T/docs.tsv" >"$T/all.rows"
cp "$T/mapped.tsv" "$T/all-maps.rows" # mappers' rows, not yet sorted
run slant-merge --rows --meta "$T/meta.tsv" -o "$T/bad.tsv" "$T/all-maps.rows"
expect "reducer: unsorted rows refused" 1 "^slant-merge: .*all-maps\.rows:[0-9]+: rows are not sorted by group, term$"
absent "reducer: unsorted rows leave no output" "$T/bad.tsv"
LC_ALL=C sort -r "$T/all.rows" | sed -n 1,3p >"$T/rev.rows"
run slant-merge --rows --meta "$T/meta.tsv" -o "$T/bad.tsv" - <"$T/rev.rows"
expect "reducer: unsorted stdin refused at its line" 1 "^slant-merge: \(stdin\):2: rows are not sorted by group, term$"
absent "reducer: unsorted stdin leaves no output" "$T/bad.tsv"
run slant-merge --rows --meta "$T/meta.tsv" -o "$T/bad.tsv" "$T/meta.tsv"
expect "reducer: a counts file is not bare rows" 1 "meta\.tsv:1: a header line: expected bare rows"
absent "reducer: refused input leaves no output" "$T/bad.tsv"
printf 'a\tb\t1\n' >"$T/short.rows"
run slant-merge --rows --meta "$T/meta.tsv" "$T/short.rows"
expect "reducer: rows need 4 fields" 1 "short\.rows:1: expected 4 fields"
run slant-merge --rows --min-count 2 "$T/all.rows"
expect "reducer: bare rows out are not pruned" 2 "prune where --meta is given"
run slant-merge --meta "$T/meta.tsv" "$T/whole.tsv"
expect "merge: --meta without --rows" 2 "--meta applies to --rows only"
run slant-merge --rows --meta "$T/docs.tsv" "$T/all.rows"
expect "reducer: --meta must be a counts file" 1 "docs\.tsv.*(not a counts|no 'group')"
# parts reduced with different --meta files do not merge
LC_ALL=C sort -t "$TAB" -k1,1 -k2,2 "$T/all.rows" >"$T/sorted.rows"
slant-count --ngrams 2 --meta-only -o "$T/meta2.tsv"
slant-merge --rows --meta "$T/meta.tsv" -o "$T/p1.tsv" "$T/sorted.rows"
slant-merge --rows --meta "$T/meta2.tsv" -o "$T/p2.tsv" "$T/sorted.rows"
run slant-merge -o "$T/bad.tsv" "$T/p1.tsv" "$T/p2.tsv"
expect "merge: parts with mismatched --meta refused" 1 "counted differently: ngrams '1' vs '2'"
absent "merge: mismatched parts leave no output" "$T/bad.tsv"
run slant-count --rows --min-count 2 "$T/docs.tsv"
expect "mapper: --rows refuses pruning" 2 "prune in slant-merge"
run slant-count --meta-only --min-docs 2
expect "--meta-only refuses pruning" 2 "prune in slant-merge"
run slant-count --meta-only "$T/docs.tsv"
expect "--meta-only takes no input" 2 "reads no input"
run slant-count --rows --meta-only
expect "--rows and --meta-only" 2 "exclude each other"
run slant-count --fields id,source "$T/split-01"
expect "--fields needs text" 2 "no 'text' column in 'id,source'"
run slant-count --fields id,text,id "$T/split-01"
expect "--fields: a name twice" 2 "'id' given twice"
run slant-count --by label --fields "$FIELDS" "$T/split-01"
expect "--fields: --by column must be listed" 2 "--by label: not among --fields"
run slant-count --fields id,source,text -o "$T/bad.tsv" "$T/split-01"
expect "--fields: wrong field count names file and line" 1 "^slant-count: .*split-01:1: expected 3 fields \(--fields\), found 7$"
absent "--fields: error leaves no output" "$T/bad.tsv"
sed '1s/^id/doc/' "$T/split-00" >"$T/other-header.tsv"
run slant-count --fields "$FIELDS" "$T/other-header.tsv"
expect "--fields: another header is refused, not counted" 1 "other-header\.tsv:1: a header that differs from --fields id,source,"
finish
