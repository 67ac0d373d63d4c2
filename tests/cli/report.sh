# The report pipeline (make report): both files made, every chart present and
# valid, a second run skips every stage, and the page loads in headless
# Chromium with no console errors.
. "$(dirname "$0")/lib.sh"
R=$T/report
run sh "$TOP/corpus/mexico/report.sh" "$R"
expect "report.sh runs" 0 "slant report written"
for f in report.md index.html top-terms.svg frames.svg stance.svg keyness-1.svg keyness-5.svg; do
	if [ -s "$R/$f" ]; then pass "report makes $f"; else fail "report makes $f" "missing or empty"; fi
done
grep -q '^outlet' "$T/out" && grep -q 'EL PAÍS' "$T/out" && pass "report prints the per-outlet table" ||
	fail "report prints the per-outlet table" "$(head -c 300 "$T/out")"
for f in "$R"/*.svg; do
	run xmllint --noout "$f"
	expect "$(basename "$f") is well-formed XML" 0
done
for h in '## The corpus' '## Top terms per outlet' '## Distinctive terms per outlet' '## Frames' '## Stance' '](frames.svg)'; do
	if grep -qF "$h" "$R/report.md"; then pass "report.md has $h"; else fail "report.md has $h" "not found"; fi
done
n=$(grep -c '<svg' "$R/index.html")
svgs=$(ls "$R"/*.svg | wc -l)
if [ "$n" -eq "$svgs" ] && [ "$n" -ge 8 ]; then pass "index.html inlines all $svgs charts"; else fail "index.html inlines all charts" "$n <svg> for $svgs charts"; fi
if grep -Eq '(src|href)="(https?:|//)' "$R/index.html"; then fail "index.html is self-contained" "external reference"; else pass "index.html is self-contained"; fi
grep -q 'slant-keyness' "$R/index.html" && pass "index.html shows the commands" || fail "index.html shows the commands" "no command text"

# a second run redoes nothing, and still ends well
run sh "$TOP/corpus/mexico/report.sh" "$R"
expect "second run succeeds" 0 "slant report written"
if grep -q '^  slant-' "$T/err"; then fail "second run skips every stage" "$(grep '^  slant-' "$T/err" | head -n 2)"; else pass "second run skips every stage"; fi

# as a reader sees it: headless Chromium loads it with no console errors
if command -v chromium >/dev/null; then
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$T/chrome" --enable-logging=stderr --v=0 \
		--virtual-time-budget=2000 --dump-dom "file://$R/index.html" >"$T/dom.html" 2>"$T/chrome.err"
	if grep -E 'CONSOLE|Uncaught|Failed to load' "$T/chrome.err" | grep -v 'dbus' >"$T/console"; [ -s "$T/console" ]; then
		fail "page loads with no console errors" "$(head -c 300 "$T/console")"
	else pass "page loads with no console errors"; fi
	d=$(grep -o '<svg' "$T/dom.html" | wc -l)
	if [ "$d" -eq "$svgs" ]; then pass "rendered page holds every chart"; else fail "rendered page holds every chart" "$d of $svgs"; fi
else
	fail "page loads in Chromium" "chromium is not installed (make installs it)"
fi
finish
