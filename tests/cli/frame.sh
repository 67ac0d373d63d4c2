# slant-frame: hand-counted hits, the three lexicon formats, bootstrap
# reproducibility, divergence, --overlap, --matches, errors.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/cli/data
DOCS=$D/frame-docs.tsv

run slant-frame -l "$D/frame-lex.tsv" -B 200 -s 3 "$DOCS"
expect "frame table" 0
golden "frame table golden" "$T/out" frame-table.tsv
cp "$T/out" "$T/table"

# By hand: left has 21 tokens, 1 military hit ("troops"; "foreign troops" is
# sovereignty, the longer match), 4 crime; right has 18 tokens, 6 military,
# 2 crime ("drug cartel" is one hit).
val() { awk -F'\t' -v g="$1" -v f="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
	$1 == g && $2 == f { print $(col[c]) }' "$T/table"; }
check() { # NAME GOT WANT
	if awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 1e-4 * (w < 0 ? -w : w) + 1e-9) }'; then
		pass "$1"; else fail "$1" "got '$2', expected $3"; fi
}
check "frame tokens left" "$(val left military tokens)" 21
check "frame hits left military" "$(val left military hits)" 1
check "frame hits left crime" "$(val left crime hits)" 4
check "frame hits right military" "$(val right military hits)" 6
check "frame hits right crime" "$(val right crime hits)" 2
check "frame per_1k right military" "$(val right military per_1k)" 333.333
check "frame diff right military" "$(val right military diff)" 285.714
check "frame share left sovereignty" "$(val left sovereignty share)" 0.333333

# A phrase never spans a sentence break: "drug. Cartel" is two crime hits.
printf 'id\tsource\ttext\nx\ts\tThey fear the drug. Cartel news.\ny\ts\tThe drug cartel.\n' >"$T/brk.tsv"
run slant-frame -l "$D/frame-lex.tsv" --per-doc "$T/brk.tsv"
expect "frame break run" 0
h=$(awk -F'\t' '$3 == "crime" { printf "%s ", $5 }' "$T/out")
if [ "$h" = "2 1 " ]; then pass "frame phrase stops at a sentence break"; else
	fail "frame phrase stops at a sentence break" "crime hits: $h"; fi

for fmt in yml dic; do
	run slant-frame -l "$D/frame-lex.$fmt" -B 200 -s 3 "$DOCS"
	expect "frame lexicon .$fmt" 0
	same "frame .$fmt equals tsv" "$T/out" "$T/table"
done

run slant-frame -l "$D/frame-lex.tsv" -B 200 -s 3 "$DOCS"
same "frame same seed same output" "$T/out" "$T/table"
run slant-frame -l "$D/frame-lex.tsv" -B 200 -s 4 "$DOCS"
if cmp -s "$T/out" "$T/table"; then fail "frame seed matters" "seed 4 gave the seed-3 table"; else pass "frame seed matters"; fi

run slant-frame -l "$D/frame-lex.tsv" --per-doc -F csv "$DOCS"
expect "frame per-doc" 0
golden "frame per-doc golden" "$T/out" frame-per-doc.csv

run slant-frame --divergence -F md "$DOCS"
expect "frame divergence" 0
golden "frame divergence golden" "$T/out" frame-divergence.md

run slant-frame -l intervention -B 50 "$DOCS"
expect "frame shipped lexicon by name" 0
run slant-frame -l policy-frames -B 50 "$DOCS"
expect "frame policy frames lexicon" 0

# Errors.
run slant-frame "$DOCS"
expect "frame no lexicon" 2 "no --lexicon"
printf 'crime\tcartel\nmilitary\n' >"$T/bad.tsv"
run slant-frame -l "$T/bad.tsv" "$DOCS"
expect "frame bad lexicon line" 1 "bad.tsv:2: expected frame<TAB>pattern"
run slant-frame -l "$T/nosuch.tsv" "$DOCS"
expect "frame missing lexicon" 1 "nosuch"
run slant-frame -l "$D/frame-lex.tsv" --by outlet "$DOCS"
expect "frame missing by column" 1 "no 'outlet' column"
printf 'id\tsource\n' >"$T/notdocs.tsv"
run slant-frame -l "$D/frame-lex.tsv" "$T/notdocs.tsv"
expect "frame not docs" 1 "no 'text' column"
printf 'id\tsource\ttext\n' >"$T/nodocs.tsv"
run slant-frame -l "$D/frame-lex.tsv" "$T/nodocs.tsv"
expect "frame no documents" 1 "no documents"
run slant-frame -l "$D/frame-lex.tsv" --boot -1 "$DOCS"
expect "frame bad --boot" 2 "Try 'slant-frame --help'"
run slant-frame -l "$D/frame-lex.tsv" -o /dev/full "$DOCS"
expect "frame full disk" 1
run slant-frame -l "$D/frame-lex.tsv" -o "$T/f.tsv" "$T/nodocs.tsv"
absent "frame no partial output" "$T/f.tsv"
# --overlap: liberty's "freedom" hides it from rights' free* under the
# longest-match rule; independent, each frame matches on its own (as
# quanteda's tokens_lookup); the overlap column says which rule counted
printf 'liberty\tfreedom\nrights\tfree*\n' >"$T/ov.tsv"
printf 'id\tsource\ttext\nd1\tx\tFreedom and free speech.\n' >"$T/ov-docs.tsv"
for m in longest independent; do
	run slant-frame -l "$T/ov.tsv" -B 0 --overlap $m "$T/ov-docs.tsv"
	expect "--overlap $m" 0
	awk -F'\t' 'NR > 1 { printf "%s:%s:%s|", $2, $5, $15 }' "$T/out" >"$T/ov.$m"
done
if [ "$(cat "$T/ov.longest")" = "liberty:1:longest|rights:1:longest|" ] &&
	[ "$(cat "$T/ov.independent")" = "liberty:1:independent|rights:2:independent|" ]; then
	pass "--overlap independent: each frame on its own"
else fail "--overlap" "$(cat "$T/ov.longest") / $(cat "$T/ov.independent")"; fi
run slant-frame -l "$T/ov.tsv" --overlap nested "$T/ov-docs.tsv"
expect "--overlap unknown" 2 "not longest or independent"
# --digits 17 reads back as the same doubles
run slant-frame -l "$D/frame-lex.tsv" -B 50 --digits 17 "$DOCS"
if awk -F'\t' 'NR > 1 { for (i = 3; i < NF; i++) if ($i != "NA" && sprintf("%.17g", $i + 0) != $i) { print $i; bad++ } }
	END { exit bad > 0 || NR < 3 }' "$T/out" >"$T/d17.bad"; then pass "frame --digits 17 round-trips"
else fail "frame --digits 17" "$(head -3 "$T/d17.bad")"; fi
# --matches: every match with its frame, pattern, the text as it stands, the
# docs line and its bytes in the text (offsets counted by hand below); a
# phrase does not cross the comma in d3, whose cartel* counts for both frames
# that list it; in each mode the rows agree with --per-doc's hits.
printf 'liberty\tfreedom\nrights\tfree*\nrights\tfree speech\ncrime\tdrug cartel\ncrime\tcartel*\nsecurity\tcartel*\n' >"$T/m.tsv"
{
	printf 'id\tsource\ttext\n'
	printf 'd1\ta\tFreedom of speech, and the drug cartel.\n'
	printf 'd2\tb\tNo match here.\\nFree speech again\n'
	printf 'd3\tb\tThe drug, cartel\n'
} >"$T/m-docs.tsv"
cat >"$T/m.longest" <<'EOF'
id	frame	pattern	match	line	start	end	overlap
d1	liberty	freedom	Freedom	2	0	7	longest
d1	crime	drug cartel	drug cartel	2	27	38	longest
d2	rights	free speech	Free speech	3	15	26	longest
d3	crime	cartel*	cartel	4	10	16	longest
d3	security	cartel*	cartel	4	10	16	longest
EOF
cat >"$T/m.independent" <<'EOF'
id	frame	pattern	match	line	start	end	overlap
d1	liberty	freedom	Freedom	2	0	7	independent
d1	rights	free*	Freedom	2	0	7	independent
d1	crime	drug cartel	drug cartel	2	27	38	independent
d1	security	cartel*	cartel	2	32	38	independent
d2	rights	free speech	Free speech	3	15	26	independent
d3	crime	cartel*	cartel	4	10	16	independent
d3	security	cartel*	cartel	4	10	16	independent
EOF
for m in longest independent; do
	run slant-frame -l "$T/m.tsv" --overlap $m --per-doc --matches "$T/matches.$m" "$T/m-docs.tsv"
	expect "--matches --overlap $m" 0
	same "--matches --overlap $m: rows by hand" "$T/matches.$m" "$T/m.$m"
	awk -F'\t' 'NR > 1 { n[$1 "\t" $2]++ } END { for (k in n) print k "\t" n[k] }' "$T/matches.$m" | sort >"$T/mc"
	awk -F'\t' 'NR > 1 && $5 > 0 { print $1 "\t" $3 "\t" $5 }' "$T/out" | sort >"$T/pc"
	same "--matches --overlap $m: as many rows as --per-doc hits" "$T/mc" "$T/pc"
done
run slant-frame -l "$T/m.tsv" -F csv --matches "$T/matches.csv" "$T/m-docs.tsv"
expect "--matches -F csv" 0
if /usr/bin/python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
text = {"d1": "Freedom of speech, and the drug cartel.", "d2": "No match here.\nFree speech again", "d3": "The drug, cartel"}
assert len(rows) == 5 and all(text[r["id"]].encode()[int(r["start"]):int(r["end"])].decode() == r["match"] for r in rows)
' "$T/matches.csv"; then pass "--matches csv: each match is the text at its bytes"; else fail "--matches csv" "$(cat "$T/matches.csv")"; fi
run slant-frame -l "$T/m.tsv" --matches "$T/matches.longest" "$T/m-docs.tsv"
expect "--matches refuses an existing file" 1 "exists"
printf 'id\tsource\ttext\nd1\ta\tfree speech\nd2\ta\n' >"$T/m-bad.tsv"
run slant-frame -l "$T/m.tsv" --matches "$T/m-bad.out" "$T/m-bad.tsv"
expect "--matches: bad row" 1 "m-bad.tsv:3:"
[ ! -e "$T/m-bad.out" ] && pass "--matches: no partial file" || fail "--matches: no partial file" "$T/m-bad.out left"
# a message built from an earlier one reads it whole, not garbled (issue 15.7)
printf 'punct\t!!!\n' >"$T/punct.tsv"
run slant-frame -l "$T/punct.tsv" "$DOCS"
expect "bad pattern: one clear message" 1 "^slant-frame: [^ ]*punct\.tsv:1: pattern word '!!!': no word characters\$"
if [ "$(grep -o 'punct\.tsv:1' "$T/err" | wc -l)" -eq 1 ]; then pass "bad pattern: the place named once"
else fail "bad pattern: the place named once" "$(cat "$T/err")"; fi
# a LIWC category number defined twice is an error naming both lines (15.8);
# a NUL byte in a lexicon or stopword file is an error with FILE:LINE (15.9)
printf '%%\n1\teconomy\n1\tcrime\n%%\ntrade\t1\ncartel\t1\n' >"$T/dup.dic"
run slant-frame -l "$T/dup.dic" "$DOCS"
expect "LIWC category defined twice" 1 "^slant-frame: [^ ]*dup\.dic:3: category 1 defined twice \(first at line 2\)"
printf 'crime\tcartel\nfear\tinva\000sion\n' >"$T/nul.tsv"
run slant-frame -l "$T/nul.tsv" "$DOCS"
expect "NUL in a lexicon" 1 "^slant-frame: [^ ]*nul\.tsv:2: NUL byte"
printf 'the\nt\000o\n' >"$T/stop-nul.txt"
run slant-count --stopwords "$T/stop-nul.txt" "$DOCS"
expect "NUL in a stopword file (count)" 1 "^slant-count: [^ ]*stop-nul\.txt:2: NUL byte"
finish
