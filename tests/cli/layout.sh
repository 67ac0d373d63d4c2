# The layout the README describes: tools within 400 lines, the README's
# `wc -l tools/*.c` current, no tool parsing options by itself, and each
# shared option answering the same way in every tool that takes it.
. "$(dirname "$0")/lib.sh"

cd "$TOP" || exit 1
# the README's listing, between "$ wc -l tools/*.c" and the closing fence
sed -n '/^\$ wc -l tools\/\*\.c$/,/^```$/p' README.md | sed '1d;$d' >"$T/readme"
wc -l tools/*.c >"$T/now"
if cmp -s "$T/readme" "$T/now"; then pass "README: wc -l tools/*.c is current"
else fail "README: wc -l tools/*.c" "differs (paste the output of wc -l tools/*.c): $(diff "$T/readme" "$T/now" | head -5 | tr '\n' ' ')"; fi

for f in tools/*.c; do
	n=$(wc -l <"$f")
	if [ "$n" -le 400 ]; then pass "$f: $n lines"; else fail "$f" "$n lines, more than 400"; fi
	if grep -q 'getopt_long' "$f"; then fail "$f: options" "calls getopt_long itself, not txt_cli_parse"
	else pass "$f: options through txt_cli_parse"; fi
done

# DESIGN.md's map of libtext agrees with the includes, layers without cycles;
# the checker itself fails on a map that misses a call
if out=$(/usr/bin/python3 tests/design.py "$TOP" 2>&1); then pass "DESIGN.md: the module map matches the code"
else fail "DESIGN.md: module map" "$out"; fi
mkdir -p "$T/top/libtext"
cp libtext/text_*.[ch] libtext/text_*.cc "$T/top/libtext/"
sed 's/^| 3 | report | \(.*\) | io pool tsv |/| 3 | report | \1 | pool tsv |/' DESIGN.md >"$T/top/DESIGN.md"
if /usr/bin/python3 tests/design.py "$T/top" >"$T/design.out"; grep -q 'report calls io pool tsv, the map says pool tsv' "$T/design.out"; then
	pass "DESIGN.md checker: finds a missing call"
else fail "DESIGN.md checker" "did not find report's missing io"; fi
printf '#include "text_kwic.h"\n' >>"$T/top/libtext/text_io.c"
if /usr/bin/python3 tests/design.py "$T/top" >"$T/design.out"; grep -q 'io (layer 1) calls kwic (layer 5), not a lower layer' "$T/design.out"; then
	pass "DESIGN.md checker: finds a call upwards"
else fail "DESIGN.md checker" "did not find io calling kwic"; fi

# -h and --help print the same text; --digits and -F refuse a bad value
# with the same message in every tool that takes them
for t in clean colloc count docs docstats frame keyness kwic merge plot report scale split stance table; do
	"slant-$t" -h >"$T/h" 2>&1
	"slant-$t" --help >"$T/help" 2>&1
	if cmp -s "$T/h" "$T/help" && grep -q "^Usage: slant-$t" "$T/h"; then pass "slant-$t -h"
	else fail "slant-$t -h" "differs from --help"; fi
done
for t in colloc docstats frame keyness plot stance table; do
	run "slant-$t" --digits 18
	expect "slant-$t --digits 18" 2 "^slant-$t: --digits: 18 is out of range \(1 to 17\)"
done
for t in colloc docstats frame keyness stance table; do
	run "slant-$t" -F xls
	expect "slant-$t -F xls" 2 "^slant-$t: --format: 'xls' is not one of tsv, csv, md"
done
for t in clean colloc count docs; do
	run "slant-$t" -j 257
	expect "slant-$t -j 257" 2 "^slant-$t: --threads: 257 is out of range \(0 to 256\)"
done
exit $((fails > 0))
