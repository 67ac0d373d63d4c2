# slant-split: boundaries against a hand-made reference, paragraphs, ids, errors.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data

slant-clean "$D/mexico-seeds-docs.tsv" >"$T/clean.tsv" 2>"$T/err" ||
	fail "split: clean seeds" "$(cat "$T/err")"
run slant-split "$T/clean.tsv"
expect "split seeds" 0
cp "$T/out" "$T/sent.tsv"

# Same layout as the reference: "## ID" then one sentence per line.
awk -F'\t' 'NR > 1 { split($1, a, "#"); if (a[1] != last) { print "## " a[1]; last = a[1] } print $4 }' \
	"$T/sent.tsv" >"$T/got.txt"
grep -v '^# ' "$D/split-seeds-expected.txt" >"$T/want.txt"

# Boundaries as character offsets in each document's sentences joined by
# one space; the joined texts must be equal (nothing lost or added).
offsets() {
	awk '/^## / { doc = $2; pos = 0; next }
	{ pos += length($0) + 1; print doc, pos; text[doc] = text[doc] $0 " " }
	END { for (d in text) print "TEXT", d, text[d] > "/dev/stderr" }' "$1"
}
offsets "$T/want.txt" 2>"$T/want.text" | sort >"$T/want.b"
offsets "$T/got.txt" 2>"$T/got.text" | sort >"$T/got.b"
sort -o "$T/want.text" "$T/want.text"
sort -o "$T/got.text" "$T/got.text"
same "split keeps all text" "$T/want.text" "$T/got.text"
both=$(comm -12 "$T/want.b" "$T/got.b" | wc -l)
nw=$(wc -l <"$T/want.b")
ng=$(wc -l <"$T/got.b")
echo "split boundaries: $both agree; reference $nw, slant-split $ng"
if [ "$nw" -gt 100 ] && [ $((both * 100)) -ge $((nw * 98)) ] && [ $((both * 100)) -ge $((ng * 98)) ]; then
	pass "split: >=98% of boundaries agree ($both/$nw, $both/$ng)"
else
	fail "split: >=98% of boundaries agree" "$both of $nw reference, $ng found"
fi

# ids and copied columns
head -n 3 "$T/sent.tsv" | cut -f1,2 >"$T/ids"
printf 'id\tsource\n000_bff44e9ddde9e345#1\ts000\n000_bff44e9ddde9e345#2\ts000\n' >"$T/ids.want"
same "split ids DOC#N and copied columns" "$T/ids" "$T/ids.want"
head -n 1 "$T/sent.tsv" | grep -q "^id	source	title	text$" && pass "split header" || fail "split header" "$(head -n 1 "$T/sent.tsv")"

# paragraphs
printf 'id\tsource\ttext\nd1\ts\tOne. Two and\\nstill two.\\n\\nThree.\nd2\ts\tA line.\\nAnother line.\n' >"$T/p.tsv"
run slant-split --unit paragraph "$T/p.tsv"
expect "split paragraphs" 0
printf 'id\tsource\ttext\nd1#1\ts\tOne. Two and\\nstill two.\nd1#2\ts\tThree.\nd2#1\ts\tA line.\nd2#2\ts\tAnother line.\n' >"$T/p.want"
same "split paragraph units" "$T/out" "$T/p.want"
run slant-split -u sentence "$T/p.tsv"
expect "split sentences small" 0
printf 'id\tsource\ttext\nd1#1\ts\tOne.\nd1#2\ts\tTwo and still two.\nd1#3\ts\tThree.\nd2#1\ts\tA line.\nd2#2\ts\tAnother line.\n' >"$T/s.want"
same "split wrapped line joins with a space" "$T/out" "$T/s.want"

# errors and formats
run slant-split --unit word "$T/p.tsv"
expect "split bad unit" 2 "not sentence or paragraph"
printf 'id\tsource\n' >"$T/nodocs.tsv"
run slant-split "$T/nodocs.tsv"
expect "split wrong file kind" 1 "not a docs file"
run slant-split -z -o "$T/s.tsv.gz" "$T/p.tsv"
expect "split -z" 0
gzip -dc "$T/s.tsv.gz" | cmp -s - "$T/s.want" && pass "split gzip output" || fail "split gzip output" "differs"
printf 'id\tsource\ttext\nd1\ts\t\n' >"$T/e.tsv"
run slant-split "$T/e.tsv"
expect "split empty text" 0
[ "$(wc -l <"$T/out")" -eq 1 ] && pass "split empty text gives no rows" || fail "split empty text gives no rows" "$(cat "$T/out")"
run slant-split -o /dev/full "$T/p.tsv"
[ "$rc" -ne 0 ] && pass "split /dev/full fails" || fail "split /dev/full fails" "exit 0"
run slant-split --help
expect "split --help" 0
finish
