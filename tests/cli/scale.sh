# slant-scale: Wordscores on Laver, Benoit & Garry (2003)'s example and
# against wordscores.py; Wordfish's log-likelihood, posterior, standard
# errors and stationarity against wordfish.py; reproducibility; errors.
. "$(dirname "$0")/lib.sh"

# LBG (2003) Table 1: five reference texts R1-R5 (scores -1.5 -0.75 0 0.75
# 1.5) of the same 17 counts shifted by 5 words over words A..ZK, and the
# virgin text V1 shifted by 7.  Published: V1 raw score -0.45 (se 0.012);
# quanteda's documented LBG-rescaled -0.53 (mean and sd over all six
# texts) and Martin-Vanberg -0.51.
awk 'BEGIN {
	split("2 3 10 22 45 78 115 146 158 146 115 78 45 22 10 3 2", v, " ")
	for (i = 0; i < 37; i++) w[i] = i < 26 ? sprintf("%c", 65 + i) : "Z" sprintf("%c", 65 + i - 26)
	split("R1 R2 R3 R4 R5 V1", id, " "); split("0 5 10 15 20 7", st, " ")
	split("-1.5 -0.75 0 0.75 1.5", sc, " ")
	print "id\tscore\ttext"
	for (d = 1; d <= 6; d++) {
		t = ""
		for (k = 1; k <= 17; k++) for (n = 0; n < v[k]; n++) t = t (t == "" ? "" : " ") w[st[d] + k - 1]
		print id[d] "\t" (d <= 5 ? sc[d] : "") "\t" t
	}
}' >"$T/lbg.tsv"
slant-count -q --by id "$T/lbg.tsv" >"$T/lbg.counts"
run slant-scale wordscores --ref-col score --refs "$T/lbg.tsv" --lbg-all "$T/lbg.counts"
expect "wordscores on LBG's example" 0
if [ "$(awk -F'\t' '$1 == "V1" { printf "%.2f %.3f %.2f %.2f", $2, $3, $4, $5 }' "$T/out")" = "-0.45 0.012 -0.53 -0.51" ]; then
	pass "LBG (2003): V1 -0.45 (se 0.012), LBG -0.53, MV -0.51"
else fail "LBG example" "$(grep V1 "$T/out")"; fi
if [ "$(awk -F'\t' '$1 ~ /^R[15]$/ { printf "%s ", $5 }' "$T/out")" = "-1.5 1.5 " ]; then
	pass "MV puts the extreme references at their scores"
else fail "MV references" "$(cut -f1,5 "$T/out" | tr '\n' '|')"; fi

ws() { # name counts refs key col [--lbg-all]
	name=$1 f=$2 refs=$3 key=$4 col=$5; shift 5
	slant-scale wordscores --digits 17 --ref-col "$col" --refs "$refs" "$@" "$f" >"$T/ws.tsv"
	run /usr/bin/python3 "$HERE/wordscores.py" "$f" "$refs" "$key" "$col" "$T/ws.tsv" ${1:+all}
	expect "$name equals wordscores.py" 0
}
ws "wordscores, LBG's example" "$T/lbg.counts" "$T/lbg.tsv" id score
ws "wordscores --lbg-all, LBG's example" "$T/lbg.counts" "$T/lbg.tsv" id score --lbg-all

wf() { # name counts dirA dirB [options]
	name=$1 f=$2 a=$3 b=$4; shift 4
	slant-scale wordfish -v -f --digits 17 --dir "$a,$b" --words "$T/words.tsv" "$@" "$f" >"$T/wf.tsv" 2>"$T/wf.err"
	ll=$(sed -n 's/.*log-likelihood \([^;]*\);.*/\1/p' "$T/wf.err")
	lp=$(sed -n 's/.*log posterior \(.*\)/\1/p' "$T/wf.err")
	if grep -q "wordfish: converged after" "$T/wf.err"; then pass "$name converges"
	else fail "$name converges" "$(cat "$T/wf.err")"; fi
	run /usr/bin/python3 "$HERE/wordfish.py" "$f" "$T/wf.tsv" "$T/words.tsv" "$ll" "$lp" "$a" "$b"
	expect "$name: likelihood, posterior, se and stationarity by wordfish.py" 0
}
wf "wordfish, LBG's example" "$T/lbg.counts" R1 R5
if [ "$(awk -F'\t' 'NR > 1 { printf "%s ", $1 }' "$T/wf.tsv")" = "R1 R2 R3 R4 R5 V1 " ] &&
	awk -F'\t' 'NR > 1 { t[$1] = $2 } END { exit !(t["R1"] < t["R2"] && t["R2"] < t["V1"] && t["V1"] < t["R3"] && t["R3"] < t["R4"] && t["R4"] < t["R5"]) }' "$T/wf.tsv"; then
	pass "wordfish orders LBG's texts R1 < R2 < V1 < R3 < R4 < R5"
else fail "wordfish order" "$(cut -f1,2 "$T/wf.tsv" | tr '\n' '|')"; fi
cp "$T/wf.tsv" "$T/wf1.tsv"
slant-scale wordfish -q --digits 17 --dir R1,R5 "$T/lbg.counts" >"$T/wf2.tsv"
same "wordfish is reproducible" "$T/wf1.tsv" "$T/wf2.tsv"
slant-scale wordfish -q --digits 17 --dir R5,R1 "$T/lbg.counts" >"$T/wf3.tsv"
if paste "$T/wf1.tsv" "$T/wf3.tsv" | awk -F'\t' 'NR > 1 && $2 + $6 != 0 { bad = 1 } END { exit bad }'; then
	pass "--dir B,A mirrors theta"
else fail "--dir mirror" "$(paste "$T/wf1.tsv" "$T/wf3.tsv" | head -3 | tr '\n' '|')"; fi

D=$TOP/../shared/data/inaugural
if [ -d "$D" ]; then
	slant-docs -q "$D" | awk -F'\t' 'NR == 1 || $1 ~ /^[0-9][0-9][0-9][0-9]-/' >"$T/inaug.tsv"
	slant-count -q --by id "$T/inaug.tsv" >"$T/inaug.counts"
	# reference scores: four speeches on a time scale, the rest virgin
	awk -F'\t' 'BEGIN { OFS = "\t"; print "id", "era" }
		NR > 1 { y = substr($1, 1, 4); print $1, ($1 ~ /^(1789|1861|1933|2021)-/) ? (y - 1900) / 100 : "NA" }' \
		"$T/inaug.tsv" >"$T/era.tsv"
	ws "wordscores on the inaugural speeches" "$T/inaug.counts" "$T/era.tsv" id era
	ws "wordscores --lbg-all on the inaugural speeches" "$T/inaug.counts" "$T/era.tsv" id era --lbg-all
	wf "wordfish on the 59 inaugural speeches" "$T/inaug.counts" 1789-Washington 2021-Biden
	# the first dimension orders the speeches by time (the README's figure)
	r=$(awk -F'\t' 'NR > 1 { y = substr($1, 1, 4); x = $2; n++; sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y }
		END { printf "%.2f", (n * sxy - sx * sy) / sqrt((n * sxx - sx * sx) * (n * syy - sy * sy)) }' "$T/wf.tsv")
	if awk -v r="$r" 'BEGIN { exit !(r >= 0.9) }'; then pass "wordfish theta and year correlate: r = $r"
	else fail "wordfish and year" "r = $r"; fi
else
	echo "SKIP scale: no $D"
fi

# errors
run slant-scale wordscores "$T/lbg.counts"
expect "wordscores without references" 2 "--ref-col"
run slant-scale wordpiece "$T/lbg.counts"
expect "unknown method" 2 "not wordscores or wordfish"
run slant-scale wordfish --dir R1,R9 "$T/lbg.counts"
expect "--dir with an unknown group" 2 "no group 'R9'"
run slant-scale wordscores --dir R1,R5 --ref-col score --refs "$T/lbg.tsv" "$T/lbg.counts"
expect "a wordfish option to wordscores" 2 "option of wordfish"
printf 'id\tscore\nR1\t-1\nR2\tleft\n' >"$T/badref.tsv"
run slant-scale wordscores --ref-col score --refs "$T/badref.tsv" "$T/lbg.counts"
expect "a reference score that is not a number" 1 "badref.tsv:3: not a number"
printf 'id\tscore\nR1\t-1\n' >"$T/oneref.tsv"
run slant-scale wordscores --ref-col score --refs "$T/oneref.tsv" "$T/lbg.counts"
expect "one reference text" 1 "two reference texts"
run slant-scale wordscores --ref-col party --refs "$T/lbg.tsv" "$T/lbg.counts"
expect "no such reference column" 1 "party"
slant-count -q "$T/lbg.tsv" >"$T/all.counts"
run slant-scale wordfish "$T/all.counts"
expect "wordfish on one group" 1 "at least 2 groups"
run slant-scale wordfish "$T/lbg.counts" -o /dev/full
expect "wordfish to a full disk" 1
finish
