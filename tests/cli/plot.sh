# slant-plot: every chart type from small tables; valid standalone SVG.
. "$(dirname "$0")/lib.sh"
tab=$(printf '\t')

# svgok NAME FILE: well-formed XML, an <svg> root with xmlns and viewBox, no
# scripts, no external references (the only URL is the SVG namespace).
svgok() {
	if ! xmllint --noout "$2" 2>"$T/xml.err"; then fail "$1 valid XML" "$(head -c 300 "$T/xml.err")"; return; fi
	pass "$1 valid XML"
	if grep -q '<svg xmlns="http://www.w3.org/2000/svg" version="1.1"' "$2" && grep -q 'viewBox="0 0 ' "$2"
	then pass "$1 svg root"; else fail "$1 svg root" "no xmlns/version/viewBox"; fi
	ext=$(grep -o 'http[^"]*' "$2" | grep -v '^http://www.w3.org/2000/svg$' || true)
	if [ -z "$ext" ] && ! grep -qi '<script\|href=\|@import' "$2"; then pass "$1 standalone"
	else fail "$1 standalone" "external reference or script: $ext"; fi
}
# count PATTERN FILE: occurrences of a fixed string.
count() { grep -o -F -- "$1" "$2" | wc -l | tr -d ' '; }

printf 'group\tterm\tn\tdf\n' >"$T/bars.tsv"
printf 'BBC News\tcartel\t12\t1\nBBC News\tstrikes\t9\t1\nBBC News\tsheinbaum\t7\t1\nBBC News\t<b>&co\t3\t1\n' >>"$T/bars.tsv"
printf 'El País\tsoberanía\t15\t1\nEl País\tEstados Unidos de América y sus aliados del norte y del sur\t10\t1\nEl País\tintervención\t4\t1\n' >>"$T/bars.tsv"
printf 'Fox News\tcartels\t20\t1\nFox News\tterrorists\t8\t1\nFox News\tmilitary\t5\t1\nFox News\tborder\t1\t1\n' >>"$T/bars.tsv"

run slant-plot bars --title 'Top terms <by> outlet & more' -o "$T/bars.svg" "$T/bars.tsv"
expect "bars runs" 0
svgok bars "$T/bars.svg"
if grep -q '<title>Top terms &lt;by&gt; outlet &amp; more</title>' "$T/bars.svg" &&
   grep -q '>Top terms &lt;by&gt; outlet &amp; more</text>' "$T/bars.svg"
then pass "bars title escaped and shown"; else fail "bars title escaped and shown" "no title"; fi
n=$(count 'class="bar"' "$T/bars.svg")
[ "$n" = 11 ] && pass "bars one bar per row" || fail "bars one bar per row" "$n bars, expected 11"
grep -q '>&lt;b&gt;&amp;co<' "$T/bars.svg" && ! grep -q '<b>' "$T/bars.svg" &&
	pass "bars label markup escaped" || fail "bars label markup escaped" "raw <b> or missing label"
grep -q '>soberanía<' "$T/bars.svg" && grep -q '>intervención<' "$T/bars.svg" &&
	pass "bars UTF-8 labels intact" || fail "bars UTF-8 labels intact" "label bytes changed"
# the long label is cut with an ellipsis and kept whole in a tooltip
if grep -q '>Estados Unidos[^<]*…<title>Estados Unidos de América y sus aliados del norte y del sur</title>' "$T/bars.svg"
then pass "bars long label truncated"; else fail "bars long label truncated" "no ellipsis/tooltip"; fi
for g in 'BBC News' 'El País' 'Fox News'; do
	grep -q ">$g</text>" "$T/bars.svg" || fail "bars panel $g" "no panel heading"
done
# bar lengths are proportional to the values (BBC: 12, 9, 7, 3)
ws=$(grep 'class="bar"' "$T/bars.svg" | head -n 4 | sed 's/.*width="\([0-9.]*\)".*/\1/' | tr '\n' ' ')
echo "$ws" | awk '{ r1 = $1 / $2; r2 = $1 / $4; exit !(r1 > 1.32 && r1 < 1.35 && r2 > 3.9 && r2 < 4.1) }' &&
	pass "bars proportional" || fail "bars proportional" "widths $ws"

# -n: rows per panel; stdin; gzip input
gzip -c "$T/bars.tsv" >"$T/bars.tsv.gz"
run sh -c "slant-plot bars -n 2 < '$T/bars.tsv.gz' > '$T/bars2.svg'"
expect "bars -n 2 from gzip stdin" 0
n=$(count 'class="bar"' "$T/bars2.svg")
[ "$n" = 6 ] && pass "bars -n 2 bars" || fail "bars -n 2 bars" "$n bars, expected 6"
grep -q '>cartels<' "$T/bars2.svg" && ! grep -q '>military<' "$T/bars2.svg" &&
	pass "bars -n keeps the largest" || fail "bars -n keeps the largest" "wrong rows"

# --width / --height
run slant-plot bars --width 500 --height 900 -o "$T/wh.svg" "$T/bars.tsv"
expect "bars --width --height" 0
grep -q 'width="500" height="900" viewBox="0 0 500 900"' "$T/wh.svg" &&
	pass "bars size attributes" || fail "bars size attributes" "$(grep -o '<svg[^>]*>' "$T/wh.svg")"
svgok "bars sized" "$T/wh.svg"

# keyness: target's positive scores right, negative (reference) left
printf 'group\tterm\tchi2\tp\nfox\tcartels\t25.3\t0.001\nfox\tterrorists\t12.1\t0.01\nfox\tinvasion\t9.5\t0.01\n' >"$T/key.tsv"
printf 'fox\tsoberanía nacional\t-14.2\t0.01\nfox\tpresidenta\t-8.8\t0.01\nfox\tdiplomacy\t-3.1\t0.1\n' >>"$T/key.tsv"
printf 'bbc\tsheinbaum\t5\t0.1\nbbc\tcartel\t-2\t0.1\n' >>"$T/key.tsv"
run slant-plot keyness --title 'Fox vs rest' --reference 'other outlets' -o "$T/key.svg" "$T/key.tsv"
expect "keyness runs" 0
svgok keyness "$T/key.svg"
n=$(count 'class="bar"' "$T/key.svg")
[ "$n" = 6 ] && pass "keyness bars of the target only" || fail "keyness bars of the target only" "$n bars, expected 6"
grep -q '>other outlets<' "$T/key.svg" && grep -q '>fox<' "$T/key.svg" &&
	pass "keyness legend" || fail "keyness legend" "no target/reference legend"
# positive bars start at the zero line, negative bars end there
zero=$(grep 'class="bar"' "$T/key.svg" | head -n 1 | sed 's/.*x="\([0-9.]*\)".*/\1/')
neg=$(grep 'class="bar"' "$T/key.svg" | sed -n 4p | sed 's/.*x="\([0-9.]*\)" y="[0-9.]*" width="\([0-9.]*\)".*/\1 \2/')
echo "$zero $neg" | awk '{ exit !($2 < $1 && ($2 + $3 - $1) < 0.02 && ($2 + $3 - $1) > -0.02) }' &&
	pass "keyness two-sided" || fail "keyness two-sided" "zero $zero, negative bar $neg"
run slant-plot keyness --target bbc -o "$T/key2.svg" "$T/key.tsv"
expect "keyness --target" 0
n=$(count 'class="bar"' "$T/key2.svg")
[ "$n" = 2 ] && pass "keyness --target rows" || fail "keyness --target rows" "$n bars"
run slant-plot keyness --target nobody "$T/key.tsv"
expect "keyness unknown target" 1 "no rows for target group 'nobody'"
# two groups with only positive scores: the other group is the reference
printf 'group\tterm\tG2\na\tx\t3\na\ty\t2\nb\tz\t4\n' >"$T/key3.tsv"
run slant-plot keyness -o "$T/key3.svg" "$T/key3.tsv"
expect "keyness two groups" 0
n=$(count 'class="bar"' "$T/key3.svg")
[ "$n" = 3 ] && grep -q '>b</text>' "$T/key3.svg" && grep -q '>G2</text>' "$T/key3.svg" &&
	pass "keyness other group as reference" || fail "keyness other group as reference" "$n bars"

# intervals: one panel per frame, one whisker per source
printf 'source\tframe\tscore\tlo\thi\nBBC\tsecurity\t0.42\t0.30\t0.55\nBBC\tsovereignty\t0.20\t0.10\t0.31\n' >"$T/iv.tsv"
printf 'Fox\tsecurity\t0.71\t0.60\t0.80\nFox\tsovereignty\t0.05\t0.01\t0.12\nEl País\tsecurity\t0.15\t0.05\t0.26\nEl País\tsovereignty\t0.66\t0.50\t0.79\n' >>"$T/iv.tsv"
run slant-plot intervals --title 'Frame scores' --xlabel 'share of sentences' -o "$T/iv.svg" "$T/iv.tsv"
expect "intervals runs" 0
svgok intervals "$T/iv.svg"
n=$(count 'class="interval"' "$T/iv.svg")
[ "$n" = 6 ] && pass "intervals one whisker per row" || fail "intervals one whisker per row" "$n"
n=$(count 'class="panel"' "$T/iv.svg")
[ "$n" = 2 ] && grep -q '>sovereignty</text>' "$T/iv.svg" && grep -q '>share of sentences</text>' "$T/iv.svg" &&
	pass "intervals panels and axis label" || fail "intervals panels and axis label" "$n panels"
# the whisker spans lo..hi around the point: x1 < cx < x2
grep 'class="interval"' "$T/iv.svg" | head -n 1 |
	sed 's/.*<line x1="\([0-9.]*\)" y1="[0-9.]*" x2="\([0-9.]*\)".*cx="\([0-9.]*\)".*/\1 \3 \2/' |
	awk '{ exit !($1 < $2 && $2 < $3) }' && pass "intervals whisker around point" ||
	fail "intervals whisker around point" "$(grep 'class="interval"' "$T/iv.svg" | head -n 1)"
cut -f 1,2,3,5 "$T/iv.tsv" >"$T/iv-nolo.tsv"
run slant-plot intervals "$T/iv-nolo.tsv"
expect "intervals without lo column" 1 "no 'lo' column"
run slant-plot intervals --value rate "$T/iv.tsv"
expect "intervals missing --value column" 1 "no 'rate' column"

# stacked: shares per source, one segment per class
printf 'source\tpred\tshare\nBBC\tagainst\t0.5\nBBC\tfavor\t0.2\nBBC\tnone\t0.3\nFox\tagainst\t0.1\nFox\tfavor\t0.7\n' >"$T/st.tsv"
printf 'Fox\tnone\t0.2\nEl País\tagainst\t0.8\nEl País\tnone\t0.2\n' >>"$T/st.tsv"
run slant-plot stacked --title Stance -o "$T/st.svg" "$T/st.tsv"
expect "stacked runs" 0
svgok stacked "$T/st.svg"
n=$(count 'class="bar"' "$T/st.svg")
[ "$n" = 8 ] && pass "stacked one segment per row" || fail "stacked one segment per row" "$n"
grep -q '>70%</text>' "$T/st.svg" && grep -q '>against</text>' "$T/st.svg" &&
	pass "stacked shares and legend" || fail "stacked shares and legend" "no 70% / legend"
# counts are normalised to shares per group
printf 'source\tpred\tn\nA\tx\t3\nA\ty\t1\n' >"$T/stn.tsv"
run slant-plot stacked --value n -o "$T/stn.svg" "$T/stn.tsv"
expect "stacked counts" 0
grep -q '>75%</text>' "$T/stn.svg" && grep -q '>25%</text>' "$T/stn.svg" &&
	pass "stacked normalised" || fail "stacked normalised" "no 75%/25%"
# more classes than colours: hatch patterns, defined and used
printf 'source\tpred\tshare\n' >"$T/st8.tsv"
for c in a b c d e f g h; do printf 'S\t%s\t1\n' "$c" >>"$T/st8.tsv"; done
run slant-plot stacked -o "$T/st8.svg" "$T/st8.tsv"
expect "stacked 8 classes" 0
svgok "stacked 8" "$T/st8.svg"
id=$(grep -o "<pattern id=\"hatch[0-9a-f]*-7\"" "$T/st8.svg" | sed "s/.*id=\"\\(.*\\)\"/\\1/"); [ -n "$id" ] && grep -q "fill=\"url(#$id)\"" "$T/st8.svg" &&
	pass "stacked hatch beyond palette" || fail "stacked hatch beyond palette" "no pattern"
printf 'source\tpred\tshare\nA\tx\t-1\n' >"$T/stneg.tsv"
run slant-plot stacked "$T/stneg.tsv"
expect "stacked negative share" 1 "stneg.tsv:2: negative share"

# ties: broken by label, whatever the input order
printf 'group\tterm\tn\na\tzeta\t5\na\tbeta\t5\na\talpha\t1\n' >"$T/ties.tsv"
run slant-plot bars -n 1 -o "$T/ties.svg" "$T/ties.tsv"
grep -q '>beta<' "$T/ties.svg" && ! grep -q '>zeta<' "$T/ties.svg" && pass "ties by label" || fail "ties by label" "wrong row"
# no group column: one panel; --cols 1 stacks panels
cut -f 2,3 "$T/bars.tsv" >"$T/nogroup.tsv"
run slant-plot bars -n 3 -o "$T/ng.svg" "$T/nogroup.tsv"
expect "bars without group column" 0
[ "$(count 'class="panel"' "$T/ng.svg")" = 1 ] && [ "$(count 'class="bar"' "$T/ng.svg")" = 3 ] &&
	pass "one panel without groups" || fail "one panel without groups" "$(count 'class="panel"' "$T/ng.svg") panels"
# intervals without a frame column: one panel, a row per source
{ printf 'source\tscore\tlo\thi\n'; grep security "$T/iv.tsv" | cut -f 1,3,4,5; } >"$T/iv1.tsv"
run slant-plot intervals -o "$T/iv1.svg" "$T/iv1.tsv"
expect "intervals one panel" 0
[ "$(count 'class="interval"' "$T/iv1.svg")" = 3 ] && pass "intervals rows without label" || fail "intervals rows without label" "count"

# a counts file: metadata lines, group total rows (empty term) not drawn,
# an empty group name shown as "(empty)"
printf 'group\tterm\tn\tdf\n\tslant-counts=2\t0\t0\n\tby=source\t0\t0\n\t\t40\t2\n\tcartel\t4\t1\nA\t\t30\t1\nA\tmexico\t9\t1\nA\ttrump\t5\t1\n' >"$T/counts.tsv"
run slant-plot bars -o "$T/counts.svg" "$T/counts.tsv"
expect "bars from a counts file" 0
[ "$(count 'class="bar"' "$T/counts.svg")" = 3 ] && grep -q '>(empty)</text>' "$T/counts.svg" && ! grep -q '>40<' "$T/counts.svg" &&
	pass "counts totals skipped" || fail "counts totals skipped" "$(count 'class="bar"' "$T/counts.svg") bars"

# bad input and usage
printf 'group\tterm\tn\na\tx\tlots\n' >"$T/nan.tsv"
run slant-plot bars "$T/nan.tsv"
expect "non-numeric value" 1 "nan.tsv:2: not a number"
printf 'group\tterm\tn\na\tx\tNA\na\ty\t2\n' >"$T/na.tsv"
run slant-plot bars -o "$T/na.svg" "$T/na.tsv"
expect "NA rows skipped" 0 "skipped 1 row"
n=$(count 'class="bar"' "$T/na.svg")
[ "$n" = 1 ] && pass "NA row not drawn" || fail "NA row not drawn" "$n bars"
printf 'group\tterm\tn\n' >"$T/empty.tsv"
run slant-plot bars "$T/empty.tsv"
expect "no rows" 1 "no rows to plot"
printf 'id\ttext\n1\thello\n' >"$T/docs.tsv"
run slant-plot bars "$T/docs.tsv"
expect "wrong kind" 1 "not a report file: no 'term' column"
run slant-plot pie "$T/bars.tsv"
expect "unknown type" 2 "unknown chart type 'pie'"
run slant-plot
expect "no type" 2 "missing chart type"
run slant-plot bars --width 12 "$T/bars.tsv"
expect "bad --width" 2 "--width"
run slant-plot bars -n x "$T/bars.tsv"
expect "bad --top" 2 "--top"
run slant-plot bars -o "$T/bars.svg" "$T/bars.tsv"
expect "existing output refused" 1
run slant-plot bars -f -o "$T/bars.svg" "$T/bars.tsv"
expect "existing output with -f" 0
run slant-plot bars -o /dev/full "$T/bars.tsv"
expect "full disk" 1
run slant-plot bars -o "$T/no.svg" "$T/nan.tsv"
absent "no output on error" "$T/no.svg"
run slant-plot --help
expect "help" 0
grep -q '^Usage: slant-plot' "$T/out" && pass "help text" || fail "help text" "no usage line"
# --digits: the value labels' significant digits (3 by default)
printf 'group\tterm\tchi2\na\tx\t12.3456789\na\ty\t-2.5\n' >"$T/dg.tsv"
slant-plot keyness --target a -o "$T/dg3.svg" "$T/dg.tsv" 2>/dev/null
slant-plot keyness --target a --digits 6 -o "$T/dg6.svg" "$T/dg.tsv" 2>/dev/null
if grep -q '>12.3<' "$T/dg3.svg" && grep -q '>12.3457<' "$T/dg6.svg" && ! grep -q '>12.3<' "$T/dg6.svg"; then
	pass "plot --digits"
else fail "plot --digits" "$(grep -o '>12[0-9.]*<' "$T/dg3.svg" "$T/dg6.svg" | tr '\n' ' ')"; fi
run slant-plot keyness --digits 0 "$T/dg.tsv"
expect "plot --digits 0" 2 "digits"
finish
