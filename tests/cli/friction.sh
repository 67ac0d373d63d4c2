# Small friction (issue 18, item 5): slant help's sentences, predict
# --probability on a model without probabilities, stance progress on a
# terminal only, header names matched ignoring case when unambiguous.
. "$(dirname "$0")/lib.sh"
D=$HERE/stance

# --- slant help: each tool's first sentence, whole -------------------------
# Independently: the --help text after its usage lines, first paragraph,
# lines joined, up to the first full stop outside parentheses.
run slant help
expect "slant help: exit 0" 0
awk 'NR > 1 && /^  [a-z]/ { if (name) print name "\t" what; name = $1; sub(/^  [a-z]+ +/, ""); what = $0; next }
     NR > 1 { sub(/^ +/, ""); what = what " " $0 }
     END { if (name) print name "\t" what }' "$T/out" >"$T/listed"
n=0
while IFS="$(printf '\t')" read -r name what; do
	n=$((n + 1))
	want=$("slant-$name" --help | /usr/bin/python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
while lines and (lines[0].startswith("Usage:") or lines[0].lstrip().startswith("or:")):
    lines.pop(0)
para = " ".join(l.strip() for l in "\n".join(lines).split("\n\n")[0].split("\n"))
depth, out = 0, ""
for i, c in enumerate(para):
    out += c
    depth += (c == "(") - (c == ")" and depth > 0)
    if c == "." and depth == 0 and (i + 1 == len(para) or para[i + 1] == " "):
        break
print(out)')
	if [ "$what" = "$want" ] && [ "${what%.}" != "$what" ]; then :; else
		fail "slant help: $name" "listed '$what', its --help says '$want'"
	fi
done <"$T/listed"
[ "$n" -ge 12 ] && pass "slant help: $n tools, each its whole first sentence" || fail "slant help: tools listed" "$n"

# --- predict --probability needs a model with probabilities ---------------
slant-stance train -q --seed 3 -o "$T/plain.model.gz" "$D/train.tsv"
run slant-stance predict --probability "$T/plain.model.gz" "$D/test.tsv"
expect "predict --probability, model without" 2 "was trained without probabilities"
[ -s "$T/out" ] && fail "predict --probability: no output" "$(head -c 100 "$T/out")" || pass "predict --probability: no output"
slant-stance train -q --probability --seed 3 -o "$T/prob.model.gz" "$D/train.tsv"
run slant-stance predict --probability "$T/prob.model.gz" "$D/test.tsv"
expect "predict --probability, model with" 0
head -n 1 "$T/out" | grep -q 'p_' && pass "predict --probability: p_ columns" || fail "predict --probability: p_ columns" "$(head -n 1 "$T/out")"

# --- stance progress: on a terminal (script(1) gives a pty), not with -q,
# --- not when stderr is a file --------------------------------------------
if command -v script >/dev/null; then
	script -qec "slant-stance cv -k 3 '$D/train.tsv' >/dev/null" /dev/null >"$T/tty" 2>&1
	grep -q 'slant-stance: cv fold 1/3' "$T/tty" && pass "cv: progress on a terminal" || fail "cv: progress on a terminal" "$(od -c "$T/tty" | head -3)"
	script -qec "slant-stance train -C 0.5,1 -o '$T/m3.gz' '$D/train.tsv'" /dev/null >"$T/tty" 2>&1
	grep -q 'slant-stance: features' "$T/tty" && pass "train: progress on a terminal" || fail "train: progress on a terminal" "$(od -c "$T/tty" | head -3)"
	script -qec "slant-stance cv -q -k 3 '$D/train.tsv' >/dev/null" /dev/null >"$T/tty" 2>&1
	[ -s "$T/tty" ] && fail "cv -q: no progress" "$(od -c "$T/tty" | head -3)" || pass "cv -q: no progress"
fi
run slant-stance cv -k 3 "$D/train.tsv"
expect "cv: no progress when stderr is not a terminal" 0

# --- header names: case ignored when one column matches ---------------------
printf 'id\tDate\ttext\na\t2020\tone two\nb\t2021\tthree\n' >"$T/d.tsv"
slant-count --by Date "$T/d.tsv" >"$T/exact"
run slant-count --by date "$T/d.tsv"
expect "count --by date on a Date column" 0
counts_rows "$T/exact" >"$T/exact.rows"
counts_rows "$T/out" >"$T/out.rows"
same "count --by date: the Date column's counts" "$T/exact.rows" "$T/out.rows"
counts_rows "$T/out" | cut -f1 | sort -u | tr '\n' ' ' | grep -q '^2020 2021 $' && pass "count --by date: groups 2020, 2021" \
	|| fail "count --by date: groups 2020, 2021" "$(counts_rows "$T/out" | cut -f1 | sort -u | tr '\n' ' ')"
run slant-docstats --by DATE "$T/d.tsv"
expect "docstats --by DATE on a Date column" 0
printf 'id\tDate\tDATE\ttext\na\t2020\tx\tone two\n' >"$T/amb.tsv"
run slant-count --by date "$T/amb.tsv"
expect "ambiguous --by: an error naming both" 1 "column 'date' is ambiguous: 'Date' and 'DATE'"
run slant-count --by DATE "$T/amb.tsv"
expect "exact name wins over case" 0
printf 'ID\tText\nq\thello\n' >"$T/upper.tsv"
run slant-docs "$T/upper.tsv"
expect "docs: ID and Text columns" 0
printf 'id\ttext\nq\thello\n' >"$T/want"
same "docs: ID and Text read as id and text" "$T/want" "$T/out"
printf 'Text\tTEXT\nq\thello\n' >"$T/amb2.tsv"
run slant-docs "$T/amb2.tsv"
expect "docs: ambiguous text column" 1 "amb2.tsv:1: column 'text' is ambiguous: 'Text' and 'TEXT'"
finish
