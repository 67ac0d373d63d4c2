#!/bin/sh
# bench/count.sh: slant-count against wc -w, a mawk one-liner and a
# tr|sort|uniq pipeline on one >= 150 MB English corpus; prints times,
# ratios and slant-count's peak memory.  Not part of `make test`.
# Usage: [RUNS=5] sh bench/count.sh [MB]   (run `make` first; corpus cached
# in bench/work/; RUNS rounds of every command, the fastest run counts)
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=${SLANT_BENCH_WORK:-$top/bench/work}
bin=$top/bin
mb=${1:-150}
export LC_ALL=C

# the corpus (built once): docs TSV for slant, the raw text for the peers
sh "$top/bench/corpus.sh" "$mb" >/dev/null
docs=$work/docs-$mb.tsv
txt=$work/corpus-$mb.txt
echo "corpus: $(($(wc -c <"$docs") / 1000000)) MB docs ($(($(tail -n +2 "$docs" | wc -l))) documents), $(($(wc -c <"$txt") / 1000000)) MB text"

# The commands, timed in RUNS rounds: each round runs every command once,
# so a slow spell of this shared virtual machine (single runs vary by
# 20-40 %) falls on all of them rather than on one; the fastest run of each
# counts, and its largest peak memory.
RUNS=${RUNS:-5}
cores=$(nproc)
set -- \
	wc "wc -w" "wc -w '$txt'" \
	uni "slant-count (unigrams)" "'$bin/slant-count' -q '$docs'" \
	unij "slant-count -j $cores" "'$bin/slant-count' -q -j $cores '$docs'" \
	bij "slant-count --ngrams 2 -j $cores" "'$bin/slant-count' -q -j $cores --ngrams 2 '$docs'" \
	bi "slant-count --ngrams 2" "'$bin/slant-count' -q --ngrams 2 '$docs'" \
	gz "slant-count on .gz" "'$bin/slant-count' -q '$docs.gz'" \
	gunzip "gzip -dc" "gzip -dc '$docs.gz'" \
	awk "mawk one-liner" "mawk '{\$0=tolower(\$0); gsub(/[^a-z0-9]+/,\" \"); for(i=1;i<=NF;i++) c[\$i]++} END {for (w in c) print c[w], w}' '$txt'" \
	tr "tr | sort | uniq -c" "tr -cs A-Za-z '\\n' <'$txt' | tr A-Z a-z | sort | uniq -c"

cat "$docs" "$txt" "$docs.gz" >/dev/null # warm the page cache
: >"$work/times"
round=0
while [ $round -lt "$RUNS" ]; do
	i=1
	while [ $i -le $# ]; do
		eval "var=\${$i} cmd=\${$((i + 2))}"
		/usr/bin/time -f "$var %e %M" -a -o "$work/times" sh -c "$cmd" >/dev/null
		i=$((i + 3))
	done
	round=$((round + 1))
done
i=1
while [ $i -le $# ]; do
	eval "var=\${$i} name=\${$((i + 1))}"
	best=$(awk -v v="$var" '$1 == v && (b == "" || $2 < b) { b = $2 } END { print b }' "$work/times")
	peak=$(awk -v v="$var" '$1 == v && $3 > m { m = $3 } END { print m + 0 }' "$work/times")
	printf '%-32s %8.2f s  %8d KiB peak\n' "$name" "$best" "$peak"
	eval "t_$var=$best; m_$var=$peak"
	i=$((i + 3))
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }'; }
echo
echo "slant unigrams / wc -w:        $(ratio "$t_uni" "$t_wc")   (goal <= 0.6)"
echo "slant -j $cores / wc -w:         $(ratio "$t_unij" "$t_wc")"
echo "speed-up -j $cores, unigrams:     $(ratio "$t_uni" "$t_unij")   (goal >= 1.7 on 2 cores)"
echo "speed-up -j $cores, bigrams:      $(ratio "$t_bi" "$t_bij")"
echo "mawk / slant unigrams:         $(ratio "$t_awk" "$t_uni")   (goal >= 10)"
echo "tr|sort|uniq / slant unigrams: $(ratio "$t_tr" "$t_uni")"
echo "slant bigrams / unigrams:      $(ratio "$t_bi" "$t_uni")   (goal <= 3)"
echo "slant .gz - plain:             $(awk -v a="$t_gz" -v b="$t_uni" 'BEGIN { printf "%.2f", a - b }') s  vs gzip -dc $t_gunzip s (goal: no more)"
echo "slant unigram peak memory:     $((m_uni / 1024)) MiB   (goal < 64), -j $cores: $((m_unij / 1024)) MiB"
