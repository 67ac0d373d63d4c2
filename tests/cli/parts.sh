# slant-table --dispersion and --similarity: Gries (2008)'s worked example,
# and every value against parts.py (numpy, from the papers' formulas).
. "$(dirname "$0")/lib.sh"

# Gries (2008: 410-415): a corpus of five parts (9, 10, 10, 10, 11 words)
# where 'a' occurs 1, 2, 3, 4, 5 times and 'b' twice in each part; he gives
# DP = 0.18 for 'a' and 0.02 for 'b'.
printf 'id\ttext\np1\tb a m n i b e u p\np2\tb a s a t b e w q n\np3\tb c a g a b e s t a\np4\tb a g h a b e a a t\np5\tb a h a a b e a x a t\n' >"$T/g.tsv"
slant-count -q --by id "$T/g.tsv" >"$T/g.counts"
run slant-table --dispersion --parts id -n 2 "$T/g.counts"
expect "dispersion of Gries' example" 0
if [ "$(cut -f1,2,3,5 "$T/out" | tr '\t\n' ' |')" = "term n parts dp|a 15 5 0.18|b 10 5 0.02|" ]; then
	pass "Gries (2008): DP of a 0.18, of b 0.02"
else fail "Gries (2008) DP" "$(tr '\n' '|' <"$T/out")"; fi

check() { # name counts options...
	name=$1 f=$2; shift 2
	slant-table -n 0 --digits 17 "$@" "$f" >"$T/v.tsv"
	run /usr/bin/python3 "$HERE/parts.py" "$f" "$T/v.tsv"
	expect "$name equals numpy" 0
}
ALL=cosine,jaccard,correlation,euclidean,jsd
check "dispersion (Gries' example)" "$T/g.counts" --dispersion
check "similarity (Gries' example)" "$T/g.counts" --similarity $ALL
slant-docs -q --meta "$TOP/corpus/mexico/sources.tsv" "$TOP/corpus/mexico/raw" >"$T/seeds.tsv"
slant-count -q --by source "$T/seeds.tsv" >"$T/seeds.counts"
slant-count -q --by id --ngrams 2 "$T/seeds.tsv" >"$T/seeds2.counts"
check "dispersion over sources" "$T/seeds.counts" --dispersion
check "dispersion of bigrams over documents" "$T/seeds2.counts" --dispersion
check "similarity of sources" "$T/seeds.counts" --similarity $ALL
D=$TOP/../shared/data/inaugural
if [ -d "$D" ]; then
	slant-docs -q "$D" | slant-count -q --by id >"$T/inaug.counts"
	check "dispersion over the 60 inaugural speeches" "$T/inaug.counts" --dispersion
	check "similarity of the inaugural speeches" "$T/inaug.counts" --similarity $ALL
else
	echo "SKIP parts: no $D"
fi

# formats and an empty part: a group of size 0 is not a part
run slant-table --similarity cosine --format md "$T/g.counts"
if [ "$(sed -n 2p "$T/out")" = "| --- | --- | --- | ---: |" ]; then pass "similarity as markdown"
else fail "similarity md" "$(sed -n 1,2p "$T/out" | tr '\n' '|')"; fi
printf 'id\ttext\np1\ta b\np2\t\np3\ta a\n' >"$T/e.tsv"
slant-count -q --by id "$T/e.tsv" >"$T/e.counts"
run slant-table --dispersion "$T/e.counts"
if [ "$(sed -n 2p "$T/out" | cut -f1-3,5)" = "$(printf 'a\t3\t2\t0.166667')" ]; then
	pass "an empty document is not a part"
else fail "empty part" "$(tr '\n' '|' <"$T/out")"; fi
run slant-table --similarity cosine,jsd "$T/e.counts"
if grep -q "^p1	p2	cosine	NA$" "$T/out"; then pass "similarity with an empty part is NA"
else fail "empty similarity" "$(tr '\n' '|' <"$T/out")"; fi

# errors
slant-count -q --by id --min-count 2 "$T/g.tsv" >"$T/pruned.counts"
run slant-table --dispersion "$T/pruned.counts"
expect "dispersion refuses pruned counts" 1 "pruned"
run slant-table --dispersion --parts source "$T/g.counts"
expect "--parts not matching the counts" 1 "counted by id, not by 'source'"
run slant-table --similarity cosine,manhattan "$T/g.counts"
expect "unknown measure" 2 "manhattan"
run slant-table --similarity cosine --dispersion "$T/g.counts"
expect "--similarity and --dispersion" 2 "not both"
run slant-table --dispersion "$T/g.counts" -o /dev/full
expect "dispersion to a full disk" 1
finish
