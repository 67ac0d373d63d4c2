# slant-docs on web pages: HTML files and directories, WARC written by a
# real client (wget against python's http.server on 127.0.0.1), hostile
# pages, unreadable pages (one warning; --strict), -j, --html-col,
# --html-text all, --meta, and the 91 real pages of ../shared/data.
. "$(dirname "$0")/lib.sh"
EX=$TOP/../shared/data/extraction
TO="timeout 60"

mkdir "$T/site"
page() { # page FILE TITLE WORD: an article page with the usual chrome
	cat >"$1" <<EOF
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>$2 | The Example Post</title>
<meta property="og:site_name" content="The Example Post">
<meta property="article:published_time" content="2024-05-0${4:-1}T10:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>$2</h1><p class="byline">By A. Writer</p>
<p>The $3 committee met on Monday, and after a long debate, it agreed to the plan in full.</p>
<p>Critics said the $3 plan was rushed; supporters said it was overdue, and would save money.</p>
<div class="share"><a href="#">Share</a> <a href="#">Tweet</a></div></article>
<footer>Copyright The Example Post. All rights reserved.</footer></body></html>
EOF
}
page "$T/site/one.html" "Budget passes" budget 1
page "$T/site/two.html" "Bridge reopens" bridge 2
page "$T/site/three.htm" "Library expands" library 3

# ---- a directory of HTML files ----
run $TO slant-docs "$T/site"
expect "html dir" 0
head -n 1 "$T/out" >"$T/head"
printf 'id\tsource\turl\tdate\ttitle\tauthor\tlang\ttext\n' >"$T/want"
same "html dir: columns" "$T/head" "$T/want"
line=$(grep '^one	' "$T/out")
want="one	The Example Post			Budget passes		en	The budget committee met on Monday, and after a long debate, it agreed to the plan in full.\\nCritics said the budget plan was rushed; supporters said it was overdue, and would save money."
# (the date column is checked apart: it holds the published time)
got=$(printf '%s' "$line" | awk -F'\t' -v OFS='\t' '{ $3 = ""; $4 = ""; print }')
[ "$got" = "$want" ] && pass "html dir: article, metadata" || fail "html dir: article" "$got"
[ "$(printf '%s' "$line" | cut -f4)" = "2024-05-01T10:00:00Z" ] && pass "html dir: date" ||
	fail "html dir: date" "$(printf '%s' "$line" | cut -f4)"
[ "$(cut -f1 "$T/out" | tr '\n' ' ')" = "id one three two " ] && pass "html dir: order" ||
	fail "html dir: order" "$(cut -f1 "$T/out" | tr '\n' ' ')"
run slant-docs --html-text all "$T/site/one.html"
expect "html-text all" 0
grep -q 'Home News Sport\\nBudget passes\\nBy A. Writer' "$T/out" && grep -q 'All rights reserved' "$T/out" &&
	pass "html-text all: chrome kept" || fail "html-text all" "$(head -c 300 "$T/out")"
run slant-docs --html-text some "$T/site/one.html"
expect "html-text: bad value" 2 "not main or all"

# HTML by content: no extension, gzip
cp "$T/site/one.html" "$T/page"
gzip -c "$T/site/two.html" >"$T/page2.gz"
run slant-docs "$T/page" "$T/page2.gz"
expect "html by content" 0
[ "$(cut -f5 "$T/out" | tail -n 2 | tr '\n' '|')" = "Budget passes|Bridge reopens|" ] &&
	pass "html by content: parsed" || fail "html by content" "$(cut -f5 "$T/out" | tr '\n' '|')"

# --meta joins by id; page values stay unless empty
printf 'id\tsection\tauthor\none\tpolitics\tEditor\n' >"$T/meta.tsv"
run slant-docs -m "$T/meta.tsv" "$T/site"
expect "html --meta" 0 "2 of 3 documents have no row"
[ "$(head -n 1 "$T/out" | tr '\t' ' ')" = "id source url date title author lang section text" ] &&
	[ "$(grep '^one' "$T/out" | cut -f6,8)" = "Editor	politics" ] &&
	pass "html --meta: joined" || fail "html --meta" "$(head -n 2 "$T/out")"

# ---- --html-col: HTML in a table column ----
{
	printf 'id,outlet,html\n'
	printf 'a,Post,"<p>First page, with a sentence that reads like a body.</p><nav><a href=""/"">Home</a></nav>"\n'
	printf 'b,,"<html><head><meta property=""og:site_name"" content=""Site B""></head><body><p>Second page, and its one paragraph of English text.</p></body></html>"\n'
} >"$T/pages.csv"
run slant-docs --html-col html "$T/pages.csv"
expect "html-col csv" 0
printf 'id\tsource\turl\tdate\ttitle\tauthor\tlang\ttext\na\tPost\t\t\t\t\ten\tFirst page, with a sentence that reads like a body.\nb\tSite B\t\t\t\t\ten\tSecond page, and its one paragraph of English text.\n' >"$T/want"
same "html-col csv: extracted" "$T/out" "$T/want"
printf '{"id":"a","html":"<p>JSON page body, one paragraph of text here.</p>"}\n' >"$T/p.jsonl"
run slant-docs --html-col html -j 2 "$T/p.jsonl"
expect "html-col jsonl -j" 0
[ "$(tail -n 1 "$T/out" | cut -f8)" = "JSON page body, one paragraph of text here." ] &&
	pass "html-col jsonl: text" || fail "html-col jsonl" "$(cat "$T/out")"
run slant-docs --html-col body "$T/pages.csv"
expect "html-col: missing column" 1 "no HTML column 'body'"
run slant-docs --html-col html "$T/site"
expect "html-col: not a table" 1 "html-col reads a column"

# ---- hostile pages: text or a clear error, never a crash or a hang ----
mkdir "$T/hostile"
printf '<html><body><div><p>An unclosed paragraph, long enough to read as body text.<p>Second <b>bold <i>italic' >"$T/hostile/unclosed.html"
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "<div>"; printf "Deep text, found at the bottom of it all."; for (i = 0; i < 100000; i++) printf "</div>" }' >"$T/hostile/deep.html"
awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 100000; i++) printf "<span><b>"; printf "Open text, never closed at all." }' >"$T/hostile/open.html"
printf '<p>Text with a NUL \000 byte inside a sentence that reads like body text.</p>' >"$T/hostile/nul.html"
printf '<meta charset="iso-8859-1"><p>Caf\303\251 au lait, said wrongly to be Latin-1, is UTF-8.</p>' >"$T/hostile/wrong.html"
printf '<meta charset="x-no-such-charset"><p>Caf\351 cr\350me, in an unknown charset.</p>' >"$T/hostile/unknown.html"
: >"$T/hostile/empty.html"
printf '\211PNG\r\n\032\n\000\000\000\rIHDR\000\000' >"$T/hostile/image.html"
head -c 4096 /dev/urandom >"$T/hostile/random.html"
printf '\037\213\010\000junk' >"$T/hostile/badgzip.html.gz"
run $TO slant-docs "$T/hostile"
expect "hostile: no crash" 0 "4 pages could not be read"
grep -q 'could not be read.*badgzip.html.gz (.*gzip.*), .*empty.html (empty file), .*image.html (binary data), .*random.html (binary data)' "$T/err" &&
	pass "hostile: one warning names them" || fail "hostile: warning" "$(cat "$T/err")"
[ "$(wc -l <"$T/err")" -eq 1 ] && pass "hostile: one warning" || fail "hostile: one warning" "$(cat "$T/err")"
check() { # check ID TEXT: that document's text
	got=$(awk -F'\t' -v id="$1" '$1 == id { print $8 }' "$T/out")
	[ "$got" = "$2" ] && pass "hostile: $1" || fail "hostile: $1" "got '$got'"
}
check deep "Deep text, found at the bottom of it all."
check open "Open text, never closed at all."
check nul "Text with a NUL � byte inside a sentence that reads like body text."
check wrong "Café au lait, said wrongly to be Latin-1, is UTF-8."
check unknown "Café crème, in an unknown charset."
grep -q '^unclosed	.*An unclosed paragraph, long enough to read as body text' "$T/out" &&
	pass "hostile: unclosed" || fail "hostile: unclosed" "$(grep unclosed "$T/out")"
run $TO slant-docs -j 3 "$T/hostile"
expect "hostile -j 3" 0 "4 pages could not be read"
run $TO slant-docs --strict "$T/hostile"
expect "hostile --strict" 1 "badgzip.html.gz: cannot read the page: .*(--strict)"
run slant-docs "$T/hostile/empty.html"
expect "only unreadable pages" 1 "no documents in the input"

# ---- WARC from a real client: wget against http.server on 127.0.0.1 ----
mkdir "$T/www"
cp "$T/site/"* "$T/www/"
if [ -d "$EX/html" ]; then
	for k in 042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856 \
		05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f; do
		gzip -dc "$EX/html/$k.html.gz" >"$T/www/$k.html"
	done
fi
if command -v wget >/dev/null && [ -x /usr/bin/python3 ]; then
	/usr/bin/python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$T/www" >"$T/server.log" 2>&1 &
	server=$!
	port=
	for i in $(seq 1 100); do
		port=$(sed -n 's/.* port \([0-9][0-9]*\).*/\1/p' "$T/server.log" | head -n 1)
		[ -n "$port" ] && break
		sleep 0.1
	done
	urls=
	for f in "$T/www/"*; do urls="$urls http://127.0.0.1:$port/${f##*/}"; done
	# shellcheck disable=SC2086
	(cd "$T" && $TO wget -q --no-proxy --tries=1 --timeout=10 --warc-file=crawl -P dl $urls)
	wrc=$?
	kill "$server" 2>/dev/null
	wait "$server" 2>/dev/null
	[ "$wrc" -eq 0 ] && [ -s "$T/crawl.warc.gz" ] && pass "wget: WARC written" ||
		fail "wget: WARC written" "wget exit $wrc; $(head -c 300 "$T/server.log")"
	run slant-docs "$T/crawl.warc.gz"
	expect "warc: read" 0 "WARC records that are not HTML pages were skipped: .* request, 1 warcinfo"
	cp "$T/out" "$T/warc.tsv"
	n=$(ls "$T/www" | wc -l)
	[ "$(($(wc -l <"$T/warc.tsv") - 1))" -eq "$n" ] && pass "warc: one doc per page" ||
		fail "warc: one doc per page" "$(cut -f1,3 "$T/warc.tsv")"
	# the same texts (and titles, authors, ...) as the HTML files, in fetch order
	slant-docs "$T/www" | tail -n +2 | cut -f5- >"$T/files.txt"
	tail -n +2 "$T/warc.tsv" | cut -f5- >"$T/warcs.txt"
	same "warc: same texts as the files" "$T/warcs.txt" "$T/files.txt"
	awk -F'\t' -v p="$port" 'NR > 1 && ($3 !~ "^http://127.0.0.1:" p "/" || $4 !~ /^20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]T/) { bad = bad $1 " " }
		END { exit bad != "" }' "$T/warc.tsv" && pass "warc: url and date from the record" ||
		fail "warc: url, date" "$(cut -f1,3,4 "$T/warc.tsv")"
	run slant-docs -j 2 -q "$T/crawl.warc.gz"
	same "warc: -j 2 same output" "$T/out" "$T/warc.tsv"
	gzip -dc "$T/crawl.warc.gz" >"$T/crawl.warc"
	run slant-docs -q "$T/crawl.warc"
	same "warc: uncompressed same output" "$T/out" "$T/warc.tsv"
	# truncated inside a response record's block
	off=$(grep -abo 'WARC-Type: response' "$T/crawl.warc" | sed -n 2p | cut -d: -f1)
	head -c "$((off + 3000))" "$T/crawl.warc" >"$T/cut.warc"
	run $TO slant-docs "$T/cut.warc"
	expect "warc: truncated record" 1 "cut.warc: record at offset [0-9]+: truncated"
	run $TO slant-docs -j 2 "$T/cut.warc"
	expect "warc: truncated record -j 2" 1 "cut.warc: record at offset [0-9]+: truncated"
	absent "warc: truncated, no output" "$T/cut.tsv"
else
	echo "SKIP wget or /usr/bin/python3 missing: no WARC from a real client"
fi

# ---- WARC framing errors, by hand ----
printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 90000\r\n\r\n<p>short</p>\r\n\r\n' >"$T/past.warc"
run $TO slant-docs -o "$T/past.tsv" "$T/past.warc"
expect "warc: Content-Length past the end" 1 "past.warc: record at offset 0: truncated"
absent "warc: past the end, no output" "$T/past.tsv"
printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 32\r\n\r\n<p>A resource record page.</p>\r\n\r\n\r\nWARC/1.0 garbage\r\n\r\n' >"$T/two.warc"
run slant-docs "$T/two.warc"
expect "warc: malformed second record" 1 "two.warc: record at offset [0-9]+: no WARC-Type"
printf 'WARC/1.0\r\nWARC-Type: resource\r\nContent-Type: text/html\r\nContent-Length: 32\r\n\r\n<p>A resource record page.</p>\r\n\r\n\r\n' >"$T/one.warc"
run slant-docs -F warc - <"$T/one.warc"
expect "warc: stdin with -F warc" 0
[ "$(tail -n 1 "$T/out" | cut -f1,8)" = "stdin:1	A resource record page." ] && pass "warc: resource record" ||
	fail "warc: resource record" "$(cat "$T/out")"

# ---- real pages: all 91 read, same output with -j ----
if [ -d "$EX/html" ]; then
	run $TO slant-docs "$EX/html"
	expect "real pages" 0
	cp "$T/out" "$T/real.tsv"
	[ "$(($(wc -l <"$T/real.tsv") - 1))" -eq 91 ] && pass "real pages: 91 docs" ||
		fail "real pages: 91" "$(wc -l <"$T/real.tsv")"
	empty=$(awk -F'\t' 'NR > 1 && $8 == "" { n++ } END { print n + 0 }' "$T/real.tsv")
	[ "$empty" -eq 0 ] && pass "real pages: all have text" || fail "real pages: text" "$empty empty"
	run $TO slant-docs -j 2 "$EX/html"
	same "real pages: -j 2 same output" "$T/out" "$T/real.tsv"
else
	echo "SKIP $EX/html missing: real pages not read"
fi
finish
