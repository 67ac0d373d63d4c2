# slant-report and `make report`: the files, a page with no script that
# escapes every data value, works at phone and desktop widths (headless
# Chromium: screenshots, and a DOM check from a test-only wrapper page that
# frames it), and stance quality from cross-validation only.
. "$(dirname "$0")/lib.sh"

# --- make report's script: the shipped corpus -----------------------------
R=$T/report
run sh "$TOP/corpus/mexico/report.sh" "$R"
expect "report.sh runs" 0 "slant report written"
for f in index.html report.md corpus.tsv counts.tsv.gz top-terms.tsv keyness.tsv frames.tsv \
	stance-cv.tsv label-shares.tsv top-terms.svg frames.svg label-shares.svg keyness-1.svg keyness-5.svg; do
	[ -s "$R/$f" ] && pass "report makes $f" || fail "report makes $f" "missing or empty"
done
for f in "$R"/*.svg; do
	run xmllint --noout "$f"
	expect "$(basename "$f") is well-formed XML" 0
done
n=$(grep -c '<svg' "$R/index.html")
svgs=$(ls "$R"/*.svg | wc -l)
[ "$n" -eq "$svgs" ] && pass "index.html inlines all $svgs charts" || fail "index.html inlines all charts" "$n <svg> for $svgs files"
grep -Eq '(src|href)="(https?:|//)' "$R/index.html" && fail "self-contained" "external reference" || pass "self-contained"
grep -qi '<script' "$R/index.html" && fail "the page has no script" "found <script" || pass "the page has no script"
grep -q '<meta name="viewport" content="width=device-width' "$R/index.html" && pass "viewport" || fail "viewport" "none"
# every table in a scrolling box, every chart scales
t=$(grep -c '<table>' "$R/index.html"); s=$(grep -c '<div class="scroll"><table>' "$R/index.html")
[ "$t" -ge 5 ] && [ "$t" -eq "$s" ] && pass "each of $t tables scrolls" || fail "tables scroll" "$s of $t"
v=$(grep -c '<svg [^>]*width="100%"[^>]*viewBox=' "$R/index.html")
[ "$v" -eq "$svgs" ] && pass "each chart scales (viewBox, width 100%)" || fail "charts scale" "$v of $svgs"
# each measure explained; the lexicon's words shown; stance only cross-validated
for h in 'logodds_z is' 'A z beyond about 2' "its words and phrases" 'docs: the group' '5-fold cross-validation' 'tfidf:'; do
	grep -qF "$h" "$R/index.html" && pass "explains: $h" || fail "explains: $h" "not in the page"
done
grep -q '<td>military</td><td>[^<]*troops' "$R/index.html" && pass "frame words listed" || fail "frame words listed" "no military row with its words"
grep -q 'slant-stance cv' "$R/index.html" && ! grep -q 'slant-stance predict' "$R/index.html" &&
	pass "stance quality from cross-validation, no predictions on training sentences" ||
	fail "stance from cross-validation only" "$(grep -o 'slant-stance [a-z]*' "$R/index.html" | sort -u | tr '\n' ' ')"
awk -F'\t' '$1 == "all" && $2 == "accuracy" { ok = $5 > 0 && $5 < 1 } END { exit !ok }' "$R/stance-cv.tsv" &&
	pass "cross-validated accuracy below 1" || fail "cross-validated accuracy" "$(grep accuracy "$R/stance-cv.tsv" | tail -n 1)"

# the label shares per outlet, counted again here by awk
awk -F'\t' 'NR > 1 && $5 != "" { n[$2 "\t" $5]++; t[$2]++ }
	END { for (k in n) { split(k, a, "\t"); printf "%s\t%s\t%d\t%.4f\n", a[1], a[2], n[k], n[k] / t[a[1]] } }' \
	"$R/sentences-by-outlet.tsv" | LC_ALL=C sort >"$T/shares.want"
awk -F'\t' 'NR > 1 { printf "%s\t%s\t%d\t%.4f\n", $1, $2, $3, $4 }' "$R/label-shares.tsv" | LC_ALL=C sort >"$T/shares.got"
same "label shares per outlet (awk)" "$T/shares.want" "$T/shares.got"

# --- a docs file made to attack the page -----------------------------------
H=$T/hostile
printf 'id\tout<b>"l\047et\ttext\n' >"$T/bad.tsv"
printf '<script>parent.document.title="ran1"</script>\t<script>parent.document.title="ran2"</script>\tThe <img src=x onerror="parent.document.title=\047ran3\047"> army said ]]> and "quoted" it. Army troops and the army.\n' >>"$T/bad.tsv"
printf 'd2 ]]>\t<img src=x onerror="parent.document.title=\047ran4\047">\tArmy troops, army <svg onload="parent.document.title=\047ran5\047"> and \047single\047 quotes. The army.\n' >>"$T/bad.tsv"
printf 'd3\t]]><!--\tMore army troops --> and the army again. Sovereignty, the army.\n' >>"$T/bad.tsv"
run slant-report -q --by 'out<b>"l'"'"'et' --title '<script>parent.document.title="ran6"</script>' -o "$H" "$T/bad.tsv"
expect "hostile docs: report made" 0
[ -n "${SLANT_SHOTS:-}" ] && cp -r "$H" "$SLANT_SHOTS/"
for f in "$H"/*.svg; do
	run xmllint --noout "$f"
	expect "hostile: $(basename "$f") is well-formed XML" 0
done
if grep -Eiq '<(script|img|iframe|object)|<[a-z][^>]* on[a-z]+=' "$H/index.html"; then
	fail "hostile: no markup from the data in index.html" "$(grep -Eio '<(script|img)[^>]{0,40}|<[a-z][^>]* on[a-z]+=' "$H/index.html" | head -n 3 | tr '\n' ' ')"
else pass "hostile: no markup from the data in index.html"; fi
grep -q '<td>&lt;script&gt;parent.document.title=&quot;ran2&quot;&lt;/script&gt;</td>' "$H/index.html" &&
	grep -q 'by their column out&lt;b&gt;&quot;l&apos;et,' "$H/index.html" &&
	pass "hostile: groups and column names shown escaped" || fail "hostile: escaped" "no &lt;script&gt; text"
grep -q '<script\|<img' "$H/report.md" && fail "hostile: report.md escapes" "raw markup" || pass "hostile: report.md escapes"

# --- in a browser: screenshots, overflow, nothing runs -------------------------
if ! command -v chromium >/dev/null; then
	fail "report in Chromium" "chromium is not installed (make installs it)"
	finish
	exit
fi
chrome() { # chromium ARGS...: headless, offline, its own profile
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--hide-scrollbars --user-data-dir="$T/chrome" "$@" 2>>"$T/chrome.err"
}
# The page may hold no script, so a test-only wrapper frames it and measures
# it from outside (file pages share an origin with --allow-file-access-from-files).
probe() { # PAGE WIDTH HEIGHT: one line of measurements
	cat >"$T/probe.html" <<HTML
<!DOCTYPE html><html><head><title>probe</title></head><body style="margin:0">
<iframe id="f" src="file://$1" style="width:$2px;height:$3px;border:0"></iframe>
<pre id="out">not loaded</pre>
<script>
document.getElementById("f").onload = function () { try {
  var d = this.contentDocument, w = d.documentElement.clientWidth, bad = [], font = 99;
  d.querySelectorAll("body *").forEach(function (e) {
    if (e.closest(".scroll") && !e.classList.contains("scroll")) return;
    if (e.closest("svg") && e.tagName !== "svg") return;
    var r = e.getBoundingClientRect();
    if (r.right > w + 0.5 || r.left < -0.5) bad.push(e.tagName + ":" + Math.round(r.left) + "-" + Math.round(r.right));
    else if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1 && !e.classList.contains("scroll"))
      bad.push(e.tagName + ":content " + e.scrollWidth + ">" + e.clientWidth);
  });
  d.querySelectorAll("svg").forEach(function (s) {
    var k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    s.querySelectorAll("text").forEach(function (t) {
      font = Math.min(font, parseFloat(d.defaultView.getComputedStyle(t).fontSize) * k);
    });
  });
  document.getElementById("out").textContent = "scrollWidth=" + d.documentElement.scrollWidth +
    " width=" + w + " overflow=" + bad.length + " [" + bad.slice(0, 4).join(" ") + "]" +
    " scripts=" + d.querySelectorAll("script").length + " imgs=" + d.images.length +
    " handlers=" + d.querySelectorAll("[onerror],[onload]").length +
    " minfont=" + font.toFixed(1) + " title=" + document.title + "|" + d.title.length +
    " literal=" + (d.body.textContent.indexOf('<script>parent.document.title="ran2"<\/script>') >= 0 ? 1 : 0);
  } catch (e) { document.getElementById("out").textContent = "error " + e; }
};
</script></body></html>
HTML
	[ -n "${SLANT_SHOTS:-}" ] && cp "$T/probe.html" "$SLANT_SHOTS/"
	chrome --allow-file-access-from-files --virtual-time-budget=5000 --dump-dom "file://$T/probe.html" |
		sed -n 's/.*<pre id="out">\(.*\)<\/pre>.*/\1/p' | sed 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&amp;/\&/g'
}
for size in 390x844 1280x900; do
	w=${size%x*} h=${size#*x}
	chrome --screenshot="$T/shot-$w.png" --window-size="$w,$h" "file://$R/index.html" >/dev/null
	[ -s "$T/shot-$w.png" ] && [ "$(od -An -c -N4 "$T/shot-$w.png" | tr -d ' ')" = '211PNG' ] &&
		pass "screenshot at $w px" || fail "screenshot at $w px" "no PNG; $(tail -n 2 "$T/chrome.err")"
	[ -n "${SLANT_SHOTS:-}" ] && cp "$T/shot-$w.png" "$SLANT_SHOTS/report-$w.png"
	m=$(probe "$R/index.html" "$w" "$h")
	case $m in
	*"scrollWidth=$w width=$w overflow=0 "*) pass "nothing overflows at $w px" ;;
	*) fail "nothing overflows at $w px" "$m" ;;
	esac
	f=$(printf '%s\n' "$m" | sed -n 's/.*minfont=\([0-9.]*\).*/\1/p')
	awk -v f="${f:-0}" 'BEGIN { exit !(f >= 8) }' && pass "chart labels at least 8 px at $w px ($f)" ||
		fail "chart labels readable at $w px" "smallest $f px: $m"
done
m=$(probe "$H/index.html" 390 844)
case $m in
*"scripts=0 imgs=0 handlers=0 "*"title=probe|"*"literal=1"*) pass "hostile page: runs nothing, shows the values as text" ;;
*) fail "hostile page: runs nothing, shows the values as text" "$m" ;;
esac
case $m in
*"scrollWidth=390 width=390 overflow=0 "*) pass "hostile page: nothing overflows at 390 px" ;;
*) fail "hostile page: nothing overflows at 390 px" "$m" ;;
esac
finish
