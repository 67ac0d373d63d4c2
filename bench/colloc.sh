#!/bin/sh
# bench/colloc.sh: slant-colloc against bench/colloc_peer.py (the same
# lambda and z for two-word expressions, in Python) on two ~150 MB corpora
# in one run: wall and CPU time and peak memory (/usr/bin/time), the ratio,
# and how far the two agree.  Not part of `make test`.
# Usage: sh bench/colloc.sh [MB] [DATA]   (run `make` first; default 150 MB
# and ../shared/data beside the checkout, or $SLANT_DATA)
#
# The corpora (built once into bench/work/): "copies", plain copies of the
# State of the Union and inaugural addresses (bench/corpus.sh, as
# bench/count.sh reads), whose 3 MB of bigrams repeat; and "shuffled"
# (colloc-MB.tsv), each copy with its documents' sentences shuffled and the
# words of half the sentences shuffled (seeded), so the distinct bigrams
# keep growing with the size as a real corpus's do.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
mb=${1:-150}
data=${2:-${SLANT_DATA:-$top/../shared/data}}
[ -d "$data/state_union" ] || { echo "colloc.sh: no data in $data (set SLANT_DATA)" >&2; exit 1; }
work=${SLANT_BENCH_WORK:-$top/bench/work}
bin=$top/bin
py=/usr/bin/python3
mkdir -p "$work"
docs=$work/colloc-$mb.tsv
if [ ! -s "$docs" ]; then
	$py - "$data" "$mb" "$docs.tmp" <<'PY'
import glob, os, random, re, sys
data, mb, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
r = random.Random(19)
docs = []
for f in sorted(glob.glob(data + "/state_union/*.txt") + glob.glob(data + "/inaugural/*.txt")):
    docs.append((os.path.basename(f)[:-4], open(f, encoding="utf-8", errors="replace").read()))
split = re.compile(r"(?<=[.!?])\s+")
size, copy = 0, 0
with open(out, "w", encoding="utf-8") as o:
    o.write("id\tsource\ttext\n")
    while size < mb * 1000000:
        for name, text in docs:
            sents = split.split(text)
            r.shuffle(sents)
            for i, s in enumerate(sents):
                if r.random() < 0.5:
                    w = s.split()
                    r.shuffle(w)
                    sents[i] = " ".join(w)
            t = " ".join(sents).replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "")
            t = t.replace("\n", "\\n")
            line = "%s.%d\t%s\t%s\n" % (name, copy, name.split("-")[1], t)
            o.write(line)
            size += len(line.encode("utf-8"))
        copy += 1
PY
	mv "$docs.tmp" "$docs"
fi
cores=$(nproc)
copies=$(SLANT_DATA=$data sh "$top/bench/corpus.sh" "$mb") # plain copies, as bench/count.sh reads

# t VAR LABEL CMD OUT: run once, print wall time and peak memory
t() {
	/usr/bin/time -f "%e %M %U %S" -o "$work/time.$1" sh -c "$3" >"$4"
	read -r s kib u k <"$work/time.$1"
	printf '  %-40s %8.2f s %8.2f s cpu %8d KiB peak\n' "$2" "$s" "$(awk -v a="$u" -v b="$k" 'BEGIN { print a + b }')" "$kib"
	eval "t_$1=$s m_$1=$kib"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
export TMPDIR="$work"

# bench NAME DOCS: slant-colloc (-j cores and 1, --max-mem 256M) and the
# peer on one corpus, one after the other
bench() {
	echo "$1: $(($(wc -c <"$2") / 1000000)) MB, $(($(wc -l <"$2") - 1)) documents; $cores cores; load $(cut -d' ' -f1 /proc/loadavg)"
	cat "$2" >/dev/null # warm the page cache
	t bound "slant-colloc -j $cores --max-mem 256M" \
		"'$bin/slant-colloc' -q -j $cores --max-mem 256M '$2'" "$work/colloc-slant.tsv"
	t one "slant-colloc -j 1 --max-mem 256M" "'$bin/slant-colloc' -q --max-mem 256M '$2'" "$work/colloc-one.tsv"
	t peer "python3 colloc_peer.py" "$py '$top/bench/colloc_peer.py' '$2'" "$work/colloc-peer.tsv"
	echo "  peer / slant-colloc -j $cores: $(ratio "$t_peer" "$t_bound") times faster; -j 1: $(ratio "$t_peer" "$t_one");" \
		"peak $((m_bound / 1024)) MiB (goal: 20 times, under 256 MiB)"
	cmp -s "$work/colloc-slant.tsv" "$work/colloc-one.tsv" &&
		echo "  slant-colloc: the same output at -j 1 and -j $cores" ||
		echo "  slant-colloc: OUTPUTS DIFFER between -j 1 and -j $cores"
	# the tokenizers differ (slant's abbreviations, apostrophes, sentence
	# ends), so compare the expressions both score: lambda within 1e-3
	awk -F'\t' 'NR == FNR { if (FNR > 1) l[$1] = $3; next }
		FNR > 1 && ($1 in l) { n++; d = l[$1] - $3; if (d < 0) d = -d; a = $3 < 0 ? -$3 : $3;
			if (d <= 1e-3 * (a > 1 ? a : 1)) ok++ }
		END { printf "  agreement: %d expressions scored by both, lambda equal (1e-3) for %d (%.1f%%)\n", n, ok, 100 * ok / n }' \
		"$work/colloc-peer.tsv" "$work/colloc-slant.tsv"
	echo "  rows: slant-colloc $(($(wc -l <"$work/colloc-slant.tsv") - 1)), peer $(($(wc -l <"$work/colloc-peer.tsv") - 1))"
}
bench "copies" "$copies"
bench "shuffled" "$docs"
