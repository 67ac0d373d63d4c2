#!/bin/sh
# Every tool tokenizes alike: slant-count (tokens by 64-byte batches, in
# worker threads under -j), slant-kwic, slant-frame and slant-stance
# (txt_tok_next) must see the same tokens, over random text built to run
# words, joins, numbers, URLs and addresses into each other, and over real
# news text.  Compared: per document, every token and its count (count vs
# kwic, whose match column is the token's text where folding leaves the
# text as it is); tokens per document (count vs frame); the vocabulary of
# words and word pairs, which also compares sentence breaks (count vs the
# stance model's).
. "$(dirname "$0")/lib.sh"

# Random docs: pieces of words (lower case, as NFKC case folding leaves
# them) joined by what joins or ends tokens, between separators.
awk -v seed=15 'BEGIN {
	srand(seed)
	np = split("ab cd x org y9 12 é ñandú α ж 中 www http u", part, " ")
	nj = split("- - - \047 . . . .@ @ @ :// , _ % + # / : .. -- .- .+", join, " ")
	ns = split("_ _ _ _ \\n ._ ,_ !_ _( )_ \"_ ;_", sep, " ")
	for (i = 1; i <= ns; i++)
		gsub(/_/, " ", sep[i])
	print "id\tsource\ttext"
	for (d = 1; d <= 150; d++) {
		s = ""
		for (i = 0; i < 200; i++) {
			k = 1 + int(rand() * 5)
			for (j = 1; j <= k; j++)
				s = s (j > 1 ? join[1 + int(rand() * nj)] : "") part[1 + int(rand() * np)]
			s = s sep[1 + int(rand() * ns)]
		}
		printf "r%03d\ts%d\t%s\n", d, d % 3, s
	}
}' >"$T/random.tsv"
cp "$TOP/tests/data/mexico-seeds-docs.tsv" "$T/real.tsv"
shared=$TOP/../shared/data/extraction/fulltext.tsv
if [ -f "$shared" ]; then
	cut -f 1,2,4 "$shared" >>"$T/real.tsv.more"
	tail -n +2 "$T/real.tsv.more" >>"$T/real.tsv"
else
	echo "SKIP tokens: $shared absent (only the shipped real text is compared)"
fi
# Under --no-fold a token is its text, but for ’ and U+2010/2011 (written ' -).
sed "s/’/'/g; s/‐/-/g; s/‑/-/g" "$T/real.tsv" >"$T/real-nf.tsv"

# id, token, count from a counts file (--by id), without group totals.
count_rows() {
	counts_rows "$1" | awk -F'\t' '$2 == "" { next } { print $1 "\t" $2 "\t" $3 }' |
		grep -v '^group' | LC_ALL=C sort
}

# The same from kwic's matches of '*' (columns id source token byte left match right).
kwic_rows() {
	awk -F'\t' 'NR > 1 { n[$1 "\t" $6]++ } END { for (k in n) print k "\t" n[k] }' "$1" |
		LC_ALL=C sort
}

for kind in random real; do
	rm -f "$T"/c*.tsv "$T/k.tsv" "$T/fr.tsv" "$T/m.gz"
	f=$T/$kind.tsv
	nf=
	[ "$kind" = real ] && { f=$T/real-nf.tsv; nf=--no-fold; }

	run slant-count --by id $nf -o "$T/c1.tsv" "$f"
	expect "tokens $kind: count" 0
	run slant-count --by id $nf -j 2 -o "$T/c2.tsv" "$f"
	expect "tokens $kind: count -j 2" 0
	same "tokens $kind: count -j 1 and -j 2" "$T/c1.tsv" "$T/c2.tsv"

	run slant-kwic -w 0 --format tsv $nf -o "$T/k.tsv" '*' "$f"
	expect "tokens $kind: kwic" 0
	count_rows "$T/c1.tsv" >"$T/c.rows"
	kwic_rows "$T/k.tsv" >"$T/k.rows"
	if [ "$(wc -l <"$T/c.rows")" -gt 1000 ]; then
		same "tokens $kind: count and kwic see the same tokens" "$T/c.rows" "$T/k.rows"
	else
		fail "tokens $kind: count and kwic see the same tokens" "too few rows: $(wc -l <"$T/c.rows")"
	fi

	# tokens per document: count's group totals and frame's token column
	f=$T/$kind.tsv
	run slant-count --by id -o "$T/c.tsv" "$f"
	counts_rows "$T/c.tsv" | awk -F'\t' '$2 == "" { print $1 "\t" $3 }' |
		LC_ALL=C sort >"$T/c.tot"
	printf 'f\tab\n' >"$T/lex.tsv"
	run slant-frame -l "$T/lex.tsv" --per-doc -B 0 -o "$T/fr.tsv" "$f"
	expect "tokens $kind: frame" 0
	awk -F'\t' 'NR > 1 { print $1 "\t" $4 }' "$T/fr.tsv" | LC_ALL=C sort >"$T/fr.tot"
	same "tokens $kind: count and frame count the same tokens per document" "$T/c.tot" "$T/fr.tot"

	# words and word pairs: count's terms and the stance model's vocabulary
	awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { print $0, "label"; next }
		{ print $0, NR % 2 ? "A" : "B" }' "$f" >"$T/lab.tsv"
	run slant-stance train --word-ngrams 1-2 --char-ngrams 0 -q -o "$T/m.gz" "$T/lab.tsv"
	expect "tokens $kind: stance" 0
	gzip -dc "$T/m.gz" | awk -F'\t' '/^w:/ { print substr($1, 3) }' | LC_ALL=C sort -u >"$T/s.voc"
	run slant-count --ngrams 1-2 -o "$T/c12.tsv" "$f"
	counts_rows "$T/c12.tsv" | awk -F'\t' '$2 != "" { print $2 }' |
		LC_ALL=C sort -u >"$T/c.voc"
	same "tokens $kind: count and stance have the same words and pairs" "$T/c.voc" "$T/s.voc"
done
finish
