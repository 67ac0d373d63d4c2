# Effect sizes keep their direction (issue 17), and the log-odds variants,
# tidylo's bind_log_odds and the log ratio's interval equal the published
# formulas written out in R (tests/cli/effects.R).
. "$(dirname "$0")/lib.sh"
C=$TOP/tests/cli/data/keyness-counts.tsv
R="Rscript --vanilla $HERE/effects.R"

# signs NAME KEYNESS-OUTPUT COUNTS: every effect size of every row has the
# sign of observed minus expected, a nr - b nt (0 for 0).
signs() {
	if awk -F'\t' 'NR == FNR { if (FNR > 1 && $2 == "") { tot[$1] = $3; all += $3 }; next }
		FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		{ nt = tot[$1]; nr = all - nt; d = $3 * nr - $4 * nt; s = (d > 0) - (d < 0); rows++
		  n = split("log_ratio pdiff pmi logodds_z logodds_delta", m, " ")
		  for (k = 1; k <= n; k++) { v = $(col[m[k]]) + 0
			if ((v > 0) - (v < 0) != s && bad++ < 3) print $1, $2, $3, $4, m[k], v }
		  if ($1 == "2017-Trump" && $2 == "14th" && $(col["pdiff"]) != -100) print "14th", $(col["pdiff"]), bad++ }
		END { print rows + 0, "rows", bad + 0, "wrong"; exit bad > 0 || rows == 0 }' "$3" "$2" >"$T/signs"; then
		pass "$1"
	else fail "$1" "$(tr '\n' '|' <"$T/signs")"; fi
}

D=$TOP/../shared/data/inaugural
if [ -d "$D" ]; then
	slant-docs -q "$D" | slant-count -q --by id >"$T/inaug.counts"
	slant-keyness -q --all --digits 17 -t 2017-Trump "$T/inaug.counts" >"$T/trump.tsv"
	signs "effect sizes point the right way: Trump 2017 against the rest" "$T/trump.tsv" "$T/inaug.counts"
	slant-keyness -q --all --digits 17 "$T/inaug.counts" >"$T/each.tsv"
	signs "effect sizes point the right way: each speech against the rest" "$T/each.tsv" "$T/inaug.counts"
	slant-keyness -q --all --digits 17 --prior uninformative "$T/inaug.counts" >"$T/each-u.tsv"
	signs "log-odds with the uninformative prior point the right way" "$T/each-u.tsv" "$T/inaug.counts"
	# "america" (19 vs 193) is no longer ranked behind words Trump never used
	slant-keyness -q -m lr -t 2017-Trump "$T/inaug.counts" >"$T/lr.tsv"
	awk -F'\t' 'NR > 1 && $3 == 0 { zero = 1 } $2 == "america" { print (zero ? "after" : "before") }' \
		"$T/lr.tsv" >"$T/america"
	if [ "$(cat "$T/america")" = before ]; then pass "log ratio ranks america before absent words"
	else fail "america" "$(cat "$T/america")"; fi
else
	echo "SKIP effects: no $D"
fi

# the same on the small test counts, every comparison, target vs reference
slant-keyness -q --all --digits 17 "$C" >"$T/small.tsv"
signs "effect sizes point the right way: small counts" "$T/small.tsv" "$C"

if command -v Rscript >/dev/null; then
	slant-keyness -q -m logodds --digits 17 "$C" >"$T/lo.tsv"
	run $R monroe "$C" "$T/lo.tsv"
	expect "logodds z equals Monroe et al. eq. 20 written in R" 0
	slant-keyness -q -m logodds --digits 17 -t cnn -r fox "$C" >"$T/lo2.tsv"
	run $R monroe "$C" "$T/lo2.tsv" cnn fox
	expect "logodds z, target vs reference, equals R" 0
	slant-keyness -q -m logodds --variance woolf --digits 17 "$C" >"$T/lw.tsv"
	run $R woolf "$C" "$T/lw.tsv"
	expect "logodds z with --variance woolf equals R" 0
	slant-keyness -q -m logodds --prior uninformative --digits 17 -t cnn -r fox "$C" >"$T/lu.tsv"
	run $R monroe-uninformative "$C" "$T/lu.tsv" cnn fox
	expect "logodds z with --prior uninformative equals R" 0
	slant-keyness -q --compat tidylo --digits 17 "$C" >"$T/ti.tsv"
	run $R tidylo "$C" "$T/ti.tsv"
	expect "--compat tidylo equals bind_log_odds written in R" 0
	slant-keyness -q --compat tidylo --prior uninformative --digits 17 "$C" >"$T/tu.tsv"
	run $R tidylo-uninformative "$C" "$T/tu.tsv"
	expect "--compat tidylo uninformative equals R" 0
	slant-keyness -q -m lr --ci --digits 17 "$C" >"$T/ci.tsv"
	run $R lr "$C" "$T/ci.tsv"
	expect "log ratio and --ci equal Hardie and Katz et al. written in R" 0
else
	echo "SKIP effects: no Rscript"
fi

# --digits 17 reads back as the same doubles: each number is what %.17g
# gives for itself (the per-million rates too, two decimals by default)
slant-keyness -q --all --ci --digits 17 --fisher --adjust bh "$C" >"$T/d17.tsv"
if awk -F'\t' 'NR > 1 { for (i = 3; i <= NF; i++) if ($i != "NA" && sprintf("%.17g", $i + 0) != $i) { print $i; bad++ } }
	END { exit bad > 0 || NR < 5 }' "$T/d17.tsv" >"$T/d17.bad"; then pass "keyness --digits 17 round-trips"
else fail "keyness --digits 17" "$(head -3 "$T/d17.bad")"; fi

# --variance woolf adds the two other cells: a larger variance, a smaller |z|
slant-keyness -q -m logodds -t cnn -r fox --digits 17 "$C" >"$T/m.tsv"
slant-keyness -q -m logodds -t cnn -r fox --digits 17 --variance woolf "$C" >"$T/w.tsv"
if awk -F'\t' 'FNR == 1 { next } NR == FNR { m[$2] = $7 < 0 ? -$7 : $7; next }
	{ n++; w = $7 < 0 ? -$7 : $7; if (!($2 in m) || !(w < m[$2] || w + m[$2] == 0)) bad++ }
	END { exit bad || !n }' "$T/m.tsv" "$T/w.tsv"; then pass "--variance woolf"
else fail "--variance woolf" "$(paste "$T/m.tsv" "$T/w.tsv" | head -3)"; fi

# tidylo's columns, and what it refuses
run slant-keyness --compat tidylo -t fox "$C"
expect "--compat tidylo -t" 0
if [ "$(head -1 "$T/out")" = "$(printf 'group\tterm\tn\tlog_odds_weighted\tlog_odds')" ] &&
	[ "$(tail -n +2 "$T/out" | cut -f1 | sort -u)" = fox ] && [ "$(wc -l <"$T/out")" -eq 5 ]; then
	pass "--compat tidylo columns, one group's rows"
else fail "--compat tidylo columns" "$(cat "$T/out")"; fi
run slant-keyness --compat tidylo -r fox -t cnn "$C"
expect "--compat tidylo refuses --reference" 2 "each group against all groups"
run slant-keyness --compat tidylo -m chi2 "$C"
expect "--compat tidylo refuses chi2" 2 "must be logodds"
run slant-keyness --ci -m chi2 "$C"
expect "--ci needs the log ratio" 2 "--ci is the log ratio's"
run slant-keyness --ci=1.5 -m lr "$C"
expect "--ci level out of range" 2 "--ci"
run slant-keyness --variance bogus -m logodds "$C"
expect "--variance unknown" 2 "unknown value"
finish
