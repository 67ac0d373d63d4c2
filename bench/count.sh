#!/bin/sh
# bench/count.sh: slant-count against wc -w, a mawk one-liner and a
# tr|sort|uniq pipeline on one >= 150 MB English corpus; prints times,
# ratios and slant-count's peak memory.  Not part of `make test`.
# Usage: [RUNS=5] sh bench/count.sh [MB]   (run `make` first; corpus cached
# in bench/work/; each command runs RUNS times, the fastest run counts)
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

# timeit NAME CMD VAR: runs CMD (a shell string) $RUNS times, records the
# fastest wall time and the largest peak KiB.  On a shared or virtual
# machine single runs vary by +-20 %; the minimum is the least disturbed.
RUNS=${RUNS:-5}
timeit() {
	best= peak=0 i=0
	while [ $i -lt "$RUNS" ]; do
		/usr/bin/time -f '%e %M' -o "$work/time" sh -c "$2" >/dev/null
		read -r secs kib <"$work/time"
		best=$(awk -v a="$secs" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
		[ "$kib" -gt "$peak" ] && peak=$kib
		i=$((i + 1))
	done
	printf '%-32s %8.2f s  %8d KiB peak\n' "$1" "$best" "$peak"
	eval "t_$3=$best; m_$3=$peak"
}

cat "$docs" "$txt" "$docs.gz" >/dev/null # warm the page cache
timeit "wc -w" "wc -w '$txt'" wc
timeit "slant-count (unigrams)" "'$bin/slant-count' -q '$docs'" uni
cores=$(nproc)
timeit "slant-count -j $cores" "'$bin/slant-count' -q -j $cores '$docs'" unij
timeit "slant-count --ngrams 2 -j $cores" "'$bin/slant-count' -q -j $cores --ngrams 2 '$docs'" bij
timeit "slant-count --ngrams 2" "'$bin/slant-count' -q --ngrams 2 '$docs'" bi
timeit "slant-count on .gz" "'$bin/slant-count' -q '$docs.gz'" gz
timeit "gzip -dc" "gzip -dc '$docs.gz'" gunzip
timeit "mawk one-liner" "mawk '{\$0=tolower(\$0); gsub(/[^a-z0-9]+/,\" \"); for(i=1;i<=NF;i++) c[\$i]++} END {for (w in c) print c[w], w}' '$txt'" awk
timeit "tr | sort | uniq -c" "tr -cs A-Za-z '\\n' <'$txt' | tr A-Z a-z | sort | uniq -c" tr

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
