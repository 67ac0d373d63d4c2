#!/bin/sh
# Tokenizer throughput against wc -w on about 150 MB of English (the State of
# the Union and inaugural addresses, repeated).  Not part of `make test`.
# Usage: sh bench/tok-speed.sh [MB]   (run from the top of the tree, after make;
# the data is ../shared/data beside the checkout, or $SLANT_DATA)
set -eu
export SLANT_MODELS="${SLANT_MODELS:-$PWD/models}"
mb=${1:-150}
data=${SLANT_DATA:-$(cd "$(dirname "$0")/../.." && pwd)/shared/data}
tmp=${TMPDIR:-/tmp}/slant-tok-bench.$$
mkdir -p "$tmp"
trap 'rm -rf "$tmp"' EXIT
cat "$data"/state_union/*.txt "$data"/inaugural/*.txt >"$tmp/one.txt"
one=$(wc -c <"$tmp/one.txt")
n=$(( mb * 1000000 / one + 1 ))
i=0
while [ $i -lt $n ]; do cat "$tmp/one.txt"; i=$((i + 1)); done >"$tmp/big.txt"
cc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L -Ilibtext bench/tok-speed.c libtext/libtext.a \
	-lutf8proc -lstemmer -lz -o "$tmp/tok-speed"
echo "corpus: $(wc -c <"$tmp/big.txt") bytes"
cpu() { # label, command...: user+sys CPU seconds
	label=$1; shift
	/usr/bin/time -f "%U %S" -o "$tmp/t" "$@" >/dev/null
	awk -v l="$label" '{printf "%-22s %.2f s cpu\n", l, $1 + $2}' "$tmp/t"
}
cat "$tmp/big.txt" >/dev/null
cpu "wc -w ($(locale | sed -n 's/^LC_CTYPE=//p' | tr -d '"'))" wc -w "$tmp/big.txt"
LC_ALL=C cpu "LC_ALL=C wc -w" wc -w "$tmp/big.txt"
cpu "tok-speed (process)" "$tmp/tok-speed" "$tmp/big.txt"
"$tmp/tok-speed" "$tmp/big.txt"
"$tmp/tok-speed" -s "$tmp/big.txt"
