# slant-docs and the slant dispatcher.
. "$(dirname "$0")/lib.sh"
RAW=$TOP/corpus/mexico/raw
META=$TOP/corpus/mexico/sources.tsv

# unescape_col N FILE: column N of a docs file, linear-TSV escapes undone,
# records separated by NUL (independent of the C code).
unescape_col() {
	awk -F '\t' -v col="$1" 'NR > 1 {
		s = $col; out = ""
		for (i = 1; i <= length(s); i++) {
			c = substr(s, i, 1)
			if (c == "\\" && i < length(s)) {
				d = substr(s, ++i, 1)
				c = d == "t" ? "\t" : d == "n" ? "\n" : d == "r" ? "\r" : d == "\\" ? "\\" : "\\" d
			}
			out = out c
		}
		printf "%s%c", out, 0
	}' "$2"
}

# --- the seed corpus with its metadata ---
run slant-docs --meta "$META" "$RAW"
expect "corpus: exit 0" 0
golden "corpus: docs with metadata" "$T/out" docs-mexico.tsv
n=$(awk 'NR > 1' "$T/out" | wc -l)
[ "$n" -eq 5 ] && pass "corpus: five documents" || fail "corpus: five documents" "got $n"
# every document carries the outlet sources.tsv gives its id
awk -F '\t' 'NR == FNR { if (FNR > 1) o[$1] = $2; next }
	FNR == 1 { if ($1 != "id" || $2 != "source") bad = 1; next }
	{ if (!($1 in o) || o[$1] != $2) bad = 1; n++ }
	END { exit bad || n != 5 }' "$META" "$T/out" &&
	pass "corpus: outlets joined by id" || fail "corpus: outlets joined by id" "mismatch"
# the texts are the files, byte for byte
for f in "$RAW"/*.txt; do cat "$f"; printf '\0'; done >"$T/raw.cat"
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "text") c = i; print c; exit }' "$T/out" >"$T/col"
unescape_col "$(cat "$T/col")" "$T/out" >"$T/texts.cat"
same "corpus: texts intact" "$T/raw.cat" "$T/texts.cat"

# --- CSV: quotes, doubled quotes, tabs, commas, newlines (CRLF file) ---
printf 'He said "no", then\tleft;\nback slash \\ and a\r\nsecond line' >"$T/orig.txt"
{
	printf 'id,source,text\r\n'
	printf 'q1,"The Outlet","'
	sed 's/"/""/g' "$T/orig.txt"
	printf '"\r\n'
	printf 'q2,Other,plain text\r\n'
} >"$T/q.csv"
run slant-docs -o "$T/q.tsv" "$T/q.csv"
expect "csv: exit 0" 0
unescape_col 3 "$T/q.tsv" | tr '\0' '\n' | head -n 4 >"$T/q.text"
# a CRLF inside a quoted field reads as LF (documented), the rest is intact
{ tr -d '\r' <"$T/orig.txt"; printf '\nplain text\n'; } >"$T/q.want"
same "csv: text with quotes, tabs, newlines intact after unescaping" "$T/q.want" "$T/q.text"
[ "$(sed -n 2p "$T/q.tsv" | cut -f 2)" = "The Outlet" ] && pass "csv: quoted source" ||
	fail "csv: quoted source" "$(sed -n 2p "$T/q.tsv" | cut -f 2)"
printf 'id,text\n1,"abc"x\n' >"$T/bad.csv"
run slant-docs "$T/bad.csv"
expect "csv: text after closing quote" 1 'bad\.csv:2: .*closing quote'
printf 'id,text\n1,ok\n2,"open\nstill open\n' >"$T/unt.csv"
run slant-docs "$T/unt.csv"
expect "csv: unterminated quote" 1 'unt\.csv:[0-9]+: end of input inside a quoted field that starts on line 3'
printf 'id,text\n1,a,b\n' >"$T/wide.csv"
run slant-docs "$T/wide.csv"
expect "csv: too many fields" 1 'wide\.csv:2: expected 2 fields, found 3'

# --- JSON Lines ---
printf '{"id":"a","n":3,"ok":true,"none":null,"tags":["x",1],"text":"caf\\u00e9\\ttab"}\n\n{"text":"only text","id":"b"}\n' >"$T/j.jsonl"
run slant-docs "$T/j.jsonl"
expect "jsonl: exit 0" 0
printf 'id\tn\tok\tnone\ttags\ttext\na\t3\ttrue\t\t["x",1]\tcafé\\ttab\nb\t\t\t\t\tonly text\n' >"$T/j.want"
same "jsonl: values, null, nested as JSON, missing keys" "$T/j.want" "$T/out"
printf '{"id":"a","text":"x"}\n[1,2]\n' >"$T/j2.jsonl"
run slant-docs "$T/j2.jsonl"
expect "jsonl: not an object" 1 'j2\.jsonl:2: expected a JSON object'
printf '{"id":"a","text":"x"}\n{"id":"b","text":"y",}\n' >"$T/j3.jsonl"
run slant-docs "$T/j3.jsonl"
expect "jsonl: syntax error" 1 'j3\.jsonl:2: invalid JSON'

# --- a directory: sorted, one document per file, hidden files and subdirs skipped ---
mkdir -p "$T/dir/sub"
printf 'second' >"$T/dir/b.txt"
printf 'first' >"$T/dir/a.md"
printf 'third\n' | gzip -c >"$T/dir/c.txt.gz"
printf 'hidden' >"$T/dir/.h.txt"
printf 'nested' >"$T/dir/sub/d.txt"
run slant-docs "$T/dir"
expect "dir: exit 0" 0
printf 'id\ttext\na\tfirst\nb\tsecond\nc\tthird\\n\n' >"$T/dir.want"
same "dir: sorted ids, gzip member read" "$T/dir.want" "$T/out"
printf 'x' >"$T/dir/b.md"
run slant-docs "$T/dir"
expect "dir: duplicate id refused" 1 "duplicate id 'b'"
mkdir "$T/empty"
run slant-docs "$T/empty"
expect "dir: empty directory" 1 'empty: no documents in the directory'

# --- which files of a directory are documents: the rule, and --glob ---
mkdir "$T/rule"
printf 'a speech' >"$T/rule/a.TXT"
printf 'read me' >"$T/rule/README"
printf 'read me' >"$T/rule/README.md"
printf 'terms' >"$T/rule/LICENSE.txt"
printf 'hidden' >"$T/rule/.b.txt"
printf 'notes' >"$T/rule/notes.dat"
printf 'page' >"$T/rule/p.html"
printf 'id\ttext\nt1\tfrom a table\n' | gzip -c >"$T/rule/t.tsv.gz"
printf 'id,text\nc1,from csv\n' >"$T/rule/u.csv"
run slant-docs --html-text all "$T/rule"
expect "rule: exit 0" 0
cut -f1 "$T/out" | tr '\n' ' ' >"$T/ids"
[ "$(cat "$T/ids")" = "id a p t1 c1 " ] && pass "rule: text, HTML and tables taken; README, LICENSE, hidden, .dat not" \
	|| fail "rule: text, HTML and tables taken; README, LICENSE, hidden, .dat not" "ids: $(cat "$T/ids")"
run slant-docs --glob '*.dat' --glob 'README' "$T/rule"
expect "glob: exit 0" 0
cut -f1,2 "$T/out" | tr '\t\n' ': ' >"$T/ids"
[ "$(cat "$T/ids")" = "id:text README:read me notes:notes " ] && pass "glob: the patterns replace the rule" \
	|| fail "glob: the patterns replace the rule" "got: $(cat "$T/ids")"
run slant-docs --glob '*' "$T/rule"
cut -f1 "$T/out" | grep -qx 'b' && fail "glob: '*' skips hidden files" "took .b.txt" || pass "glob: '*' skips hidden files"
run slant-docs --glob '*.zzz' "$T/rule"
expect "glob: nothing matches" 1 'rule: no documents in the directory \(no file matches --glob\)'
if [ -d "$TOP/../shared/data/inaugural" ]; then
	run slant-docs -q "$TOP/../shared/data/inaugural"
	n=$(awk 'NR > 1' "$T/out" | wc -l)
	want=$(ls "$TOP/../shared/data/inaugural" | grep -c '\.txt$')
	[ "$n" -eq "$want" ] && ! cut -f1 "$T/out" | grep -qx README && pass "inaugural: the speeches, not the README ($n)" \
		|| fail "inaugural: the speeches, not the README" "$n documents, $want .txt files"
fi

# --- metadata join: ids missing from meta get empty fields and a warning ---
printf 'id\ttext\nx1\tone\nx2\ttwo\n' >"$T/in.tsv"
printf 'id\toutlet\tdate\nx1\tPaper\t2025-01-02\n' >"$T/m.tsv"
run slant-docs --meta "$T/m.tsv" "$T/in.tsv"
expect "meta: warning for ids not in meta" 0 '1 of 2 documents have no row in .*m\.tsv'
printf 'id\tsource\tdate\ttext\nx1\tPaper\t2025-01-02\tone\nx2\t\t\ttwo\n' >"$T/m.want"
same "meta: joined, outlet as source" "$T/m.want" "$T/out"
printf 'id\toutlet\nx1\tA\nx1\tB\n' >"$T/mdup.tsv"
run slant-docs --meta "$T/mdup.tsv" "$T/in.tsv"
expect "meta: duplicate id" 1 "mdup\.tsv:3: duplicate id 'x1'"

# --- text policy: invalid UTF-8, NUL bytes ---
printf 'id\ttext\na\tok\nb\tbad \377 byte\n' >"$T/u.tsv"
run slant-docs "$T/u.tsv"
expect "utf8: replaced with one warning" 0 '1 invalid UTF-8 sequence replaced by U\+FFFD \(first at .*u\.tsv:3'
[ "$(tail -n 1 "$T/out")" = "$(printf 'b\tbad \357\277\275 byte')" ] && pass "utf8: U+FFFD written" ||
	fail "utf8: U+FFFD written" "$(tail -n 1 "$T/out" | od -c | head -2)"
run slant-docs --strict -o "$T/strict.tsv" "$T/u.tsv"
expect "utf8: --strict is an error" 1 'u\.tsv:3: invalid UTF-8'
absent "utf8: --strict leaves no output" "$T/strict.tsv"
printf 'id\ttext\na\tnul\000byte\n' >"$T/nul.tsv"
run slant-docs "$T/nul.tsv"
expect "nul: error" 1 'nul\.tsv:2: NUL byte'

# --- I/O errors ---
gzip -c "$RAW/003_c47a38f54c310273.txt" | head -c 1500 >"$T/cut.txt.gz"
run slant-docs -o "$T/out.tsv" "$T/cut.txt.gz"
expect "truncated gzip: exit 1 naming the file" 1 'cut\.txt\.gz: .*truncated'
absent "truncated gzip: no output file" "$T/out.tsv"
printf 'hello world\n' >"$T/fake.txt.gz"
run slant-docs "$T/fake.txt.gz"
expect "plain file named .gz: read as plain (by content, as zcat -f)" 0
if grep -q "^fake	hello world" "$T/out"; then pass "plain file named .gz: its text"; else fail "plain file named .gz: its text" "$(cat "$T/out")"; fi
run slant-docs "$T/missing.txt"
expect "missing file" 1 'missing\.txt: No such file'
: >"$T/empty.tsv"
run slant-docs "$T/empty.tsv"
expect "empty input" 1 'empty\.tsv: empty input'
printf 'id\ttext\n' >"$T/header.tsv"
run slant-docs "$T/header.tsv"
expect "header only: no documents" 1 'no documents'
printf 'id\tbody\na\tb\n' >"$T/nocol.tsv"
run slant-docs "$T/nocol.tsv"
expect "missing text column" 1 "nocol\.tsv: no text column 'text'"
run slant-docs --text-col body "$T/nocol.tsv"
expect "--text-col" 0
run sh -c 'slant-docs "$1" >/dev/full' sh "$RAW"
expect "/dev/full" 1 'No space left'
echo keep >"$T/exists.tsv"
run slant-docs -o "$T/exists.tsv" "$RAW"
expect "existing -o without -f" 1 'exists'
[ "$(cat "$T/exists.tsv")" = keep ] && pass "existing -o untouched" || fail "existing -o untouched" "overwritten"
run slant-docs -f -o "$T/exists.tsv" "$RAW"
expect "existing -o with -f" 0
run slant-docs -q -z -o "$T/out.gz" --meta "$META" "$RAW"
expect "-z output" 0
golden "-z output decompresses to the same docs" "$T/out.gz" docs-mexico.tsv
run slant-docs --format xml "$RAW"
expect "bad --format" 2 "Try 'slant-docs --help'"
run slant-docs
expect "no input" 2 "Try 'slant-docs --help'"
run slant-docs --help
expect "--help" 0
grep -q '^Usage: slant-docs' "$T/out" && pass "--help text" || fail "--help text" "no usage line"

# --- more bad and odd input ---
printf 'id\ttext\r\nc1\tcrlf text\r\n' >"$T/crlf.tsv"
run sh -c 'slant-docs - <"$1"' sh "$T/crlf.tsv"
expect "CRLF TSV on stdin" 0
printf 'id\ttext\nc1\tcrlf text\n' >"$T/crlf.want"
same "CRLF line ends dropped" "$T/crlf.want" "$T/out"
printf 'id\ttext\na\tb\tc\n' >"$T/wide.tsv"
run slant-docs "$T/wide.tsv"
expect "TSV: too many fields" 1 'wide\.tsv:2: expected 2 fields, found 3'
run slant-docs --meta "$T/dir" "$RAW"
expect "directory as --meta" 1 'dir: is a directory'
printf 'group\tterm\tn\tdf\nall\tx\t1\t1\n' >"$T/counts.tsv"
run slant-docs "$T/counts.tsv"
expect "counts file as input: wrong kind" 1 "counts\.tsv: no text column"
{ printf 'id\ttext\nbig\t'; head -c 67108864 /dev/zero | tr '\0' a; printf '\n'; } >"$T/big.tsv"
run slant-docs -o "$T/big.out" "$T/big.tsv"
expect "64 MiB line" 0
[ "$(wc -c <"$T/big.out")" -eq 67108877 ] && pass "64 MiB line: all of it" || fail "64 MiB line: all of it" "$(wc -c <"$T/big.out") bytes"
run sh -c 'slant-docs "$1" 2>"$2" | head -n 1' sh "$T/big.tsv" "$T/pipe.err"
[ "$(cat "$T/out")" = "$(printf 'id\ttext')" ] && [ ! -s "$T/pipe.err" ] && pass "closed pipe: quiet" ||
	fail "closed pipe: quiet" "$(head -c 200 "$T/out" "$T/pipe.err")"
rm -f "$T/big.tsv" "$T/big.out"
printf 'one text\tfrom stdin' >"$T/stdin.txt"
run sh -c 'slant-docs --format text - <"$1"' sh "$T/stdin.txt"
expect "stdin as one text document" 0
printf 'id\ttext\nstdin\tone text\\tfrom stdin\n' >"$T/stdin.want"
same "stdin as text: id stdin" "$T/stdin.want" "$T/out"

# --- the dispatcher ---
run slant help
expect "slant help" 0
grep -Eq '^  docs +Ingest documents' "$T/out" && pass "slant help lists docs" ||
	fail "slant help lists docs" "$(head -c 300 "$T/out")"
run slant docs --version
expect "slant docs --version" 0
grep -q '^slant-docs (slant) ' "$T/out" && pass "slant docs runs slant-docs" ||
	fail "slant docs runs slant-docs" "$(cat "$T/out")"
run slant docs -o "$T/via.tsv" --meta "$META" "$RAW"
expect "slant docs passes arguments" 0
golden "slant docs output" "$T/via.tsv" docs-mexico.tsv
run slant nosuchtool
expect "unknown tool" 2 "no tool 'slant-nosuchtool'"
run slant
expect "slant without a name" 2 "Try 'slant --help'"
finish
