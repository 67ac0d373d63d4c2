# slant-kwic: every occurrence at the right place, phrases, wildcards,
# windows, counts per source, errors.  Positions below were counted by hand.
. "$(dirname "$0")/lib.sh"

# d1 tokens: The(1) Sovereign(2,@4) nation defends its sovereignty(6,@33)
#   "." LF Sovereignty(7,@46) is not negotiable said the president
# d2 tokens: Military(1,@0) strikes(2) were rejected "." LF The president
#   rejected military(8,@55) LF strikes(9) again sovereign(11,@79) rights matter
printf 'id\tsource\ttext\n' >"$T/docs.tsv"
printf 'd1\talpha\tThe Sovereign nation defends its sovereignty.\\nSovereignty is not negotiable, said the president.\n' >>"$T/docs.tsv"
printf 'd2\tbeta\tMilitary strikes were rejected.\\nThe president rejected military\\nstrikes again; sovereign rights matter.\n' >>"$T/docs.tsv"
printf 'd3\talpha\tNothing to see here.\n' >>"$T/docs.tsv"
printf 'd4\tgamma\tNothing.\n' >>"$T/docs.tsv"

# hits FILE: "id token byte" per match line (TSV, header skipped)
hits() { awk -F '\t' 'NR > 1 { print $1, $3, $4 }' "$1" | tr '\n' ';'; }

run slant-kwic 'sovereign*' "$T/docs.tsv"
expect "wildcard runs" 0
head -n 1 "$T/out" | grep -q "^id	source	token	byte	left	match	right$" &&
	pass "tsv header" || fail "tsv header" "$(head -n 1 "$T/out")"
[ "$(hits "$T/out")" = "d1 2 4;d1 6 33;d1 7 46;d2 11 79;" ] && pass "wildcard finds every occurrence" ||
	fail "wildcard finds every occurrence" "$(hits "$T/out")"
awk -F '\t' 'NR > 1 { print $6 }' "$T/out" | tr '\n' ';' >"$T/m"
[ "$(cat "$T/m")" = "Sovereign;sovereignty;Sovereignty;sovereign;" ] && pass "match shows original text" ||
	fail "match shows original text" "$(cat "$T/m")"
# the byte column points at the match in the unescaped text
awk -F '\t' 'NR == 3 { print $4 }' "$T/out" >"$T/b"
printf 'The Sovereign nation defends its sovereignty.\nSovereignty is' | tail -c +"$(($(cat "$T/b") + 1))" | head -c 11 >"$T/at"
[ "$(cat "$T/at")" = sovereignty ] && pass "byte offset" || fail "byte offset" "$(cat "$T/at")"

# a phrase, matched case-insensitively, also across a line break
run slant-kwic 'MILITARY Strikes' "$T/docs.tsv"
expect "phrase runs" 0
[ "$(hits "$T/out")" = "d2 1 0;d2 8 55;" ] && pass "phrase across line break" ||
	fail "phrase across line break" "$(hits "$T/out")"
awk -F '\t' 'NR == 3 { print $6 }' "$T/out" >"$T/m"
[ "$(cat "$T/m")" = "military strikes" ] && pass "line break shown as space" || fail "line break shown as space" "$(cat "$T/m")"

# an exact word does not match longer words
run slant-kwic sovereign "$T/docs.tsv"
[ "$(hits "$T/out")" = "d1 2 4;d2 11 79;" ] && pass "exact word" || fail "exact word" "$(hits "$T/out")"
# wildcard inside a word
run slant-kwic 'sov*ty' "$T/docs.tsv"
[ "$(hits "$T/out")" = "d1 6 33;d1 7 46;" ] && pass "inner wildcard" || fail "inner wildcard" "$(hits "$T/out")"
# wildcard inside a phrase
run slant-kwic 'rejected mil*' "$T/docs.tsv"
[ "$(hits "$T/out")" = "d2 7 46;" ] && pass "phrase with wildcard" || fail "phrase with wildcard" "$(hits "$T/out")"

# --window: 2 tokens each side, context from the original text
run slant-kwic --window 2 Sovereignty "$T/docs.tsv"
expect "window runs" 0
awk -F '\t' 'NR == 3 { print $5 "|" $6 "|" $7 }' "$T/out" >"$T/w"
[ "$(cat "$T/w")" = "its sovereignty.|Sovereignty|is not" ] && pass "window 2 context" || fail "window 2 context" "$(cat "$T/w")"
awk -F '\t' 'NR == 2 { print $5 "|" $6 "|" $7 }' "$T/out" >"$T/w"
[ "$(cat "$T/w")" = "defends its|sovereignty|. Sovereignty is" ] && pass "window across line break" ||
	fail "window across line break" "$(cat "$T/w")"
run slant-kwic -w 0 military "$T/docs.tsv"
awk -F '\t' 'NR > 1 { print $5 "|" $7 }' "$T/out" | tr '\n' ';' >"$T/w"
[ "$(cat "$T/w")" = "|;|;" ] && pass "window 0" || fail "window 0" "$(cat "$T/w")"
# window larger than the document: the whole document, no more
run slant-kwic -w 100 nation "$T/docs.tsv"
awk -F '\t' 'NR == 2 { print $5 "|" $7 }' "$T/out" >"$T/w"
[ "$(cat "$T/w")" = "The Sovereign|defends its sovereignty. Sovereignty is not negotiable, said the president" ] &&
	pass "window clipped to document" || fail "window clipped to document" "$(cat "$T/w")"

# --by source: matches and documents with a match, every source listed
run slant-kwic --by source 'sovereign*' "$T/docs.tsv"
expect "by source runs" 0
printf 'source\tmatches\tdocs\nalpha\t3\t1\nbeta\t1\t1\ngamma\t0\t0\n' >"$T/want"
same "by source counts" "$T/out" "$T/want"

# aligned text: the match starts in the same column on every line
run slant-kwic --format text 'sovereign*' "$T/docs.tsv"
expect "text format runs" 0
n=$(awk '{ print index($0, "[") }' "$T/out" | sort -u | wc -l)
[ "$n" = 1 ] && [ "$(wc -l <"$T/out")" = 4 ] && pass "text format aligned" || fail "text format aligned" "$(cat "$T/out")"
grep -q '^d2  beta .*\[sovereign\] rights matter$' "$T/out" && pass "text format line" ||
	fail "text format line" "$(cat "$T/out")"

# gzip in, gzip out, stdin
gzip -c "$T/docs.tsv" >"$T/docs.tsv.gz"
run sh -c "slant-kwic 'sovereign*' < '$T/docs.tsv.gz'"
[ "$(hits "$T/out")" = "d1 2 4;d1 6 33;d1 7 46;d2 11 79;" ] && pass "gzip stdin" || fail "gzip stdin" "$(hits "$T/out")"
run slant-kwic -o "$T/k.tsv.gz" 'sovereign*' "$T/docs.tsv"
expect "gzip output" 0
gzip -t "$T/k.tsv.gz" 2>/dev/null && [ "$(gzip -dc "$T/k.tsv.gz" | wc -l)" = 5 ] &&
	pass "gzip output content" || fail "gzip output content" "not gzip or wrong lines"

# UTF-8: folded matching of non-ASCII words, context intact
printf 'id\tsource\ttext\ne1\tpaís\tLa Soberanía de México.\\nsoberanía nacional\n' >"$T/es.tsv"
run slant-kwic -w 1 'soberanía' "$T/es.tsv"
expect "utf8 runs" 0
awk -F '\t' 'NR > 1 { print $2, $4, $5 "|" $6 "|" $7 }' "$T/out" | tr '\n' ';' >"$T/u"
[ "$(cat "$T/u")" = "país 3 La|Soberanía|de;país 26 México.|soberanía|nacional;" ] && pass "utf8 match and context" ||
	fail "utf8 match and context" "$(cat "$T/u")"

# text format keeps the text's own spacing around the match
printf 'id\tsource\ttext\nq1\ts\tWe defend our sovereignty, she said.\n' >"$T/sp.tsv"
run slant-kwic --format text -w 2 sovereignty "$T/sp.tsv"
grep -q '^q1  s  defend our \[sovereignty\], she said$' "$T/out" && pass "text format spacing" ||
	fail "text format spacing" "$(cat "$T/out")"
# docs without a source column: no source in text lines; --by source refused
printf 'id\ttext\nn1\tSovereignty first.\n' >"$T/nosrc.tsv"
run slant-kwic --format text sovereignty "$T/nosrc.tsv"
expect "no source column" 0
grep -Eq '^n1 +\[Sovereignty\] first$' "$T/out" && pass "text without source" || fail "text without source" "$(cat "$T/out")"
run slant-kwic --by source sovereignty "$T/nosrc.tsv"
expect "by source needs a source column" 1 "no 'source' column"

# tokenizer options: hyphens, case
printf 'id\tsource\ttext\nh1\ts\tA drone-strike, then a drone strike.\n' >"$T/hy.tsv"
run slant-kwic drone-strike "$T/hy.tsv"
[ "$(hits "$T/out")" = "h1 2 2;" ] && pass "hyphenated word is one token" || fail "hyphenated word is one token" "$(hits "$T/out")"
run slant-kwic --split-hyphens drone-strike "$T/hy.tsv"
[ "$(hits "$T/out")" = "h1 2 2;h1 6 23;" ] && pass "--split-hyphens" || fail "--split-hyphens" "$(hits "$T/out")"
run slant-kwic --no-fold Sovereignty "$T/docs.tsv"
[ "$(hits "$T/out")" = "d1 7 46;" ] && pass "--no-fold" || fail "--no-fold" "$(hits "$T/out")"

# errors
run slant-kwic --window -1 x "$T/docs.tsv"
expect "negative window" 2 "--window"
run slant-kwic --window many x "$T/docs.tsv"
expect "non-numeric window" 2 "--window"
run slant-kwic '' "$T/docs.tsv"
expect "empty pattern" 2 "empty pattern"
run slant-kwic '  ...  ' "$T/docs.tsv"
expect "pattern without words" 2 "no words"
run slant-kwic
expect "missing pattern" 2 "missing PATTERN"
run slant-kwic --format xml x "$T/docs.tsv"
expect "bad format" 2 "--format"
run slant-kwic --by label x "$T/docs.tsv"
expect "bad --by" 2 "--by"
printf 'group\tterm\tn\ndoc\tb\t1\n' >"$T/counts.tsv"
run slant-kwic x "$T/counts.tsv"
expect "wrong kind" 1 "not a docs file: no 'text' column"
run slant-kwic x "$T/nothere.tsv"
expect "missing file" 1 "nothere.tsv"
run slant-kwic -o /dev/full x "$T/docs.tsv"
expect "full disk" 1
run slant-kwic --help
expect "help" 0
finish
