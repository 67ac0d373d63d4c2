# Sharded counting with GNU parallel (README "Sharded runs"): cut the docs
# into blocks of whole lines, each with the header, count every block in its
# own job, merge the shards; the result equals counting everything at once.
. "$(dirname "$0")/lib.sh"
# 100 copies of the seed corpus under new ids (about 900 KB)
slant-docs -q --meta "$TOP/corpus/mexico/sources.tsv" "$TOP/corpus/mexico/raw" >"$T/seed.tsv" ||
	fail "make docs" "slant-docs failed"
awk -F'\t' -v OFS='\t' 'NR == 1 { print; next } { row[++n] = $0 }
	END { for (c = 1; c <= 100; c++) for (i = 1; i <= n; i++) { $0 = row[i]; $1 = $1 "-" c; print } }' \
	"$T/seed.tsv" >"$T/docs.tsv"
for opts in "--by source --ngrams 1-2" "--stopwords en --ngrams 1-3" "--ngrams 2 --min-count 2"; do
	rm -f "$T"/shard-*.tsv.gz "$T/whole.tsv" "$T/merged.tsv"
	# shellcheck disable=SC2086
	slant-count $opts -o "$T/whole.tsv" -f "$T/docs.tsv"
	run parallel --will-cite -j 2 --pipe --header 1 --block 100k \
		"slant-count ${opts%--min-count*} -o $T/shard-{#}.tsv.gz" <"$T/docs.tsv"
	expect "parallel $opts: shards counted" 0
	n=$(ls "$T"/shard-*.tsv.gz | wc -l)
	if [ "$n" -ge 4 ]; then pass "parallel $opts: $n shards"; else fail "parallel $opts: shards" "only $n"; fi
	case $opts in
	*min-count*) # prune after summing, not per shard
		run slant-merge --min-count 2 -o "$T/merged.tsv" -f "$T"/shard-*.tsv.gz ;;
	*) run slant-merge -o "$T/merged.tsv" -f "$T"/shard-*.tsv.gz ;;
	esac
	expect "parallel $opts: merge" 0
	same "parallel $opts: shards + merge == one run" "$T/whole.tsv" "$T/merged.tsv"
done
finish
