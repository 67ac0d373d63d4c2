#!/bin/sh
# bench/corpus.sh: the benchmark corpus, built once into bench/work/ (or
# $SLANT_BENCH_WORK): copies of the State of the Union and inaugural
# addresses until at least MB megabytes, as
#   docs-MB.tsv      docs rows (id, source, text with \n escapes), for slant
#   docs-MB.tsv.gz   the same, compressed
#   corpus-MB.txt    the raw text of the same copies (for wc, mawk, tr)
# Usage: sh bench/corpus.sh [MB]   (default 150); prints the docs file's path.
# The data is ../shared/data beside the checkout, or $SLANT_DATA.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
data=${SLANT_DATA:-$top/../shared/data}
[ -d "$data/state_union" ] || { echo "corpus.sh: no data in $data (set SLANT_DATA)" >&2; exit 1; }
work=${SLANT_BENCH_WORK:-$top/bench/work}
mb=${1:-150}
export LC_ALL=C
mkdir -p "$work"
docs=$work/docs-$mb.tsv
if [ ! -s "$docs" ] || [ ! -s "$docs.gz" ] || [ ! -s "$work/corpus-$mb.txt" ]; then
	one=$work/one.tsv
	for f in "$data"/state_union/*.txt "$data"/inaugural/*.txt; do
		b=$(basename "$f" .txt)
		src=${b#*-}
		printf '%s\t%s\t' "$b" "${src%%-*}"
		sed 's/\\/\\\\/g; s/\t/\\t/g; s/\r$//' "$f" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 } END { print "" }'
	done >"$one"
	cat "$data"/state_union/*.txt "$data"/inaugural/*.txt >"$work/one.txt"
	size=$(wc -c <"$one")
	copies=$(((mb * 1000000 + size - 1) / size))
	{
		printf 'id\tsource\ttext\n'
		i=0
		while [ $i -lt $copies ]; do
			awk -v c=$i 'BEGIN { FS = OFS = "\t" } { $1 = $1 "." c; print }' "$one"
			i=$((i + 1))
		done
	} >"$docs.tmp"
	mv "$docs.tmp" "$docs"
	i=0
	while [ $i -lt $copies ]; do cat "$work/one.txt"; i=$((i + 1)); done >"$work/corpus-$mb.txt"
	gzip -c "$docs" >"$docs.gz"
	rm -f "$one" "$work/one.txt"
fi
echo "$docs"
