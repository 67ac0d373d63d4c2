#!/bin/sh
# bench/scale.sh: slant-count time and peak memory against corpus size
# (1x, 2x, 4x, 8x the 150 MB benchmark corpus of bench/count.sh), for
# unigrams and trigrams (--ngrams 3: trigrams only), each with -j 1 and
# -j $(nproc); then trigrams with --max-mem at the largest size, checked
# (cmp) against the in-memory output.  Prints a Markdown table and how the
# cost grows with input (least squares, computed here).  Not part of `make test`.
# Usage: sh bench/scale.sh [MAXMULT]   (1, 2, 4 or 8; default 8; run `make` first)
# Corpora are cached in bench/work/ (docs TSV only; 8x is 1.2 GB, all four 2.3 GB).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
work=${SLANT_BENCH_WORK:-$top/bench/work}
bin=$top/bin
max=${1:-8}
case $max in 1 | 2 | 4 | 8) ;; *) echo "usage: sh bench/scale.sh [1|2|4|8]" >&2; exit 2 ;; esac
cores=$(nproc)
maxmem=16M # the smallest --max-mem allowed: the trigram table must spill
export LC_ALL=C
mkdir -p "$work"

# ---- corpora: 1x is bench/corpus.sh's docs-150.tsv; kx is k copies of
# its rows with ids made unique (":COPY" appended) ----
base=$(sh "$top/bench/corpus.sh" 150)
mults=1
m=2
while [ $m -le "$max" ]; do mults="$mults $m"; m=$((m * 2)); done
for k in $mults; do
	f=$work/scale-${k}x.tsv
	[ $k -eq 1 ] && { [ "$base" = "$f" ] || ln -sf docs-150.tsv "$f"; continue; }
	[ -s "$f" ] && continue
	{
		head -n 1 "$base"
		c=0
		while [ $c -lt $k ]; do
			tail -n +2 "$base" | sed "s/\t/:$c\t/"
			c=$((c + 1))
		done
	} >"$f.tmp"
	mv "$f.tmp" "$f"
done

# timed NAME CMD...: run once, output to $work/out-NAME.tsv; sets secs, kib
timed() {
	name=$1
	shift
	/usr/bin/time -f '%e %M' -o "$work/time" "$@" -q -f -o "$work/out-$name.tsv" 2>"$work/err" ||
		{ cat "$work/err" >&2; exit 1; }
	read -r secs kib <"$work/time"
}

echo "slant-count scale: $(date -u '+%Y-%m-%d %H:%M UTC'), $cores cores, $(uname -m)"
echo "load before: $(uptime | sed 's/.*load average/load average/')"
echo
echo "| n-grams | size (MB) | tokens | -j 1 (s) | MB/s | peak (MiB) | -j $cores (s) | MB/s | peak (MiB) | speed-up |"
echo "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
: >"$work/points"
for g in 1 3; do
	for k in $mults; do
		f=$work/scale-${k}x.tsv
		cat "$f" >/dev/null # warm the page cache
		mb=$(($(wc -c <"$f") / 1000000))
		timed "g$g-j1" "$bin/slant-count" --ngrams $g "$f"
		s1=$secs k1=$kib
		timed "g$g-jn" "$bin/slant-count" --ngrams $g -j "$cores" "$f"
		sn=$secs kn=$kib
		cmp -s "$work/out-g$g-j1.tsv" "$work/out-g$g-jn.tsv" ||
			{ echo "scale.sh: -j $cores output differs from -j 1 (--ngrams $g, ${k}x)" >&2; exit 1; }
		tokens=-
		[ $g -eq 1 ] && tokens=$(awk -F'\t' '$1 == "all" && $2 == "" { print $3 }' "$work/out-g1-j1.tsv")
		awk -v g=$g -v mb=$mb -v tok="$tokens" -v s1=$s1 -v k1=$k1 -v sn=$sn -v kn=$kn 'BEGIN {
			name = g == 1 ? "unigrams" : "trigrams"
			printf "| %s | %d | %s | %.2f | %.0f | %.1f | %.2f | %.0f | %.1f | %.2f |\n",
				name, mb, tok, s1, mb / s1, k1 / 1024, sn, mb / sn, kn / 1024, s1 / sn }'
		echo "$g $mb $s1 $sn" >>"$work/points"
	done
done

# Trigrams under --max-mem at the largest size: bounded memory, same output.
f=$work/scale-${max}x.tsv
mb=$(($(wc -c <"$f") / 1000000))
export SLANT_TRACE_SPILL=1
timed g3-mm "$bin/slant-count" --ngrams 3 --max-mem $maxmem "$f"
unset SLANT_TRACE_SPILL
runs=$(grep -c '^slant-count: run ' "$work/err" || true)
if cmp -s "$work/out-g3-j1.tsv" "$work/out-g3-mm.tsv"; then same="identical to the in-memory output (cmp)"; else same="DIFFERS from the in-memory output"; fi
awk -v mb=$mb -v s=$secs -v k=$kib -v mm=$maxmem 'BEGIN {
	printf "| trigrams, --max-mem %s | %d | - | %.2f | %.0f | %.1f | | | | |\n", mm, mb, s, mb / s, k / 1024 }'
echo
echo "--max-mem $maxmem at ${max}x: $runs sorted runs written to \$TMPDIR; output $same."
rm -f "$work"/out-*.tsv

# How cost grows: least-squares fit of seconds = a + b * MB per series, and
# of log(seconds) = c + e * log(MB) (e = 1: linear); time per MB at the
# smallest vs the largest size.
echo
awk -v cores=$cores '
	{ for (j = 0; j < 2; j++) { key = $1 " " j; t = $(3 + j); n[key]++
		sx[key] += $2; sy[key] += t; sxx[key] += $2 * $2; sxy[key] += $2 * t
		lx = log($2); ly = log(t); lsx[key] += lx; lsy[key] += ly; lsxx[key] += lx * lx; lsxy[key] += lx * ly
		if (!(key in lo)) { lo[key] = $2; tlo[key] = t } hi[key] = $2; thi[key] = t } }
	END { for (g = 1; g <= 3; g += 2) for (j = 0; j < 2; j++) { key = g " " j; m = n[key]
		if (m < 2) { print "- (one size: no fit; use MAXMULT 2 or more)"; continue }
		d = m * sxx[key] - sx[key] ^ 2; b = (m * sxy[key] - sx[key] * sy[key]) / d; a = (sy[key] - b * sx[key]) / m
		ld = m * lsxx[key] - lsx[key] ^ 2; e = (m * lsxy[key] - lsx[key] * lsy[key]) / ld
		printf "- %s, -j %d: seconds = %.3f + %.4f x MB (%.0f MB/s marginal); time grows as size^%.2f; %.2f ms/MB at %d MB, %.2f ms/MB at %d MB\n",
			g == 1 ? "unigrams" : "trigrams", j ? cores : 1, a, b, 1 / b, e,
			1000 * tlo[key] / lo[key], lo[key], 1000 * thi[key] / hi[key], hi[key] } }' "$work/points"
echo
echo "load after: $(uptime | sed 's/.*load average/load average/')"
