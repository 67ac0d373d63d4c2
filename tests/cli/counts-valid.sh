# Property test of the one counts validation (issue 15.10): random valid
# counts files are accepted by every tool that reads counts, and each random
# mutation of one (a number that is not plain decimal digits, rows out of
# order or repeated, a term over its group's total or documents, df over n,
# a missing total row) is refused by all of them alike, with FILE:LINE.
# Also: sums of n and df that would overflow are errors, not wrapped
# (issue 15.2).  The files are made by a generator written here (Python),
# from a fixed seed.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then echo "PASS counts-valid: skipped (no /usr/bin/python3)"; exit 0; fi

printf 'id\tsource\ttext\nd1\ta\thello world\nd2\tb\tbye world\n' >"$T/d.tsv"
slant-count --by source "$T/d.tsv" >"$T/real.tsv"
counts_head "$T/real.tsv" >"$T/head.tsv"

"$PY" - "$T" <<'EOF'
import random, sys
T = sys.argv[1]
head = open(T + "/head.tsv").read()
rnd = random.Random(15)
letters = "abcdefghij"

def word(k):
    return "".join(rnd.choice(letters) for _ in range(rnd.randint(1, k)))

def valid():
    rows = []
    for g in sorted({word(3) for _ in range(rnd.randint(2, 4))}):
        docs = rnd.randint(1, 50)
        terms = sorted({word(5) for _ in range(rnd.randint(1, 12))})
        ns = [rnd.randint(1, 40) for _ in terms]
        total = sum(ns) + rnd.randint(0, 30)   # pruning may have dropped terms
        rows.append([g, "", str(total), str(docs)])
        for t, n in zip(terms, ns):
            rows.append([g, t, str(n), str(rnd.randint(1, min(n, docs)))])
    return rows

def write(name, rows):
    with open(T + "/" + name, "w") as f:
        f.write(head)
        for r in rows:
            f.write("\t".join(r) + "\n")

def term_rows(rows):
    return [i for i, r in enumerate(rows) if r[1]]

# each mutation returns the changed rows (or None when this file has no place for it)
def numeric(bad):
    def m(rows):
        i = rnd.choice(range(len(rows)))
        rows[i][rnd.choice([2, 3])] = bad
        return rows
    return m

def swap(rows):
    for i in range(1, len(rows)):
        if rows[i][1] and rows[i - 1][1] and rows[i][0] == rows[i - 1][0]:
            rows[i], rows[i - 1] = rows[i - 1], rows[i]
            return rows
    return None

def dup(rows):
    i = rnd.choice(term_rows(rows))
    rows.insert(i, list(rows[i]))
    return rows

def over_total(rows):
    i = rnd.choice(term_rows(rows))
    tot = next(r for r in rows if r[0] == rows[i][0] and not r[1])
    rows[i][2] = str(int(tot[2]) + 1)
    return rows

def over_docs(rows):
    i = rnd.choice(term_rows(rows))
    tot = next(r for r in rows if r[0] == rows[i][0] and not r[1])
    rows[i][3] = str(int(tot[3]) + 1)
    rows[i][2] = str(max(int(rows[i][2]), int(rows[i][3])))
    tot[2] = str(max(int(tot[2]), int(rows[i][2])))
    return rows

def df_over_n(rows):
    i = rnd.choice(term_rows(rows))
    rows[i][3] = str(int(rows[i][2]) + 1)
    return rows

def zero_n(rows):
    i = rnd.choice(term_rows(rows))
    rows[i][2] = "0"
    rows[i][3] = "0"
    return rows

def no_total(rows):
    i = rnd.choice([i for i, r in enumerate(rows) if not r[1]])
    del rows[i]
    return rows

def total_late(rows):
    i = rnd.choice([i for i, r in enumerate(rows) if not r[1] and i + 1 < len(rows) and rows[i + 1][1] and rows[i + 1][0] == r[0]])
    rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return rows

mutations = {
    "hex": numeric("0x10"), "plus": numeric("+1"), "minus": numeric("-1"),
    "space-before": numeric(" 1"), "space-after": numeric("1 "), "decimal": numeric("1.0"),
    "exponent": numeric("1e3"), "empty": numeric(""), "too-big": numeric("18446744073709551616"),
    "arabic-digit": numeric("\u0663"), "unsorted": swap, "repeated": dup,
    "n-over-total": over_total, "df-over-docs": over_docs, "df-over-n": df_over_n,
    "n-zero": zero_n, "no-total": no_total, "total-after-terms": total_late,
}
with open(T + "/valid.list", "w") as out:
    for k in range(12):
        write("valid-%d.tsv" % k, valid())
        out.write("valid-%d.tsv\n" % k)
with open(T + "/bad.list", "w") as out:
    for name, m in mutations.items():
        made = 0
        while made < 2:
            rows = m(valid())
            if rows is None:
                continue
            write("bad-%s-%d.tsv" % (name, made), rows)
            out.write("bad-%s-%d.tsv\n" % (name, made))
            made += 1
EOF

tools="slant-merge slant-table slant-keyness"
while read -r f; do
	for tool in $tools; do
		run "$tool" "$T/$f"
		expect "$tool accepts $f" 0
	done
	run slant-merge "$T/$f"
	same "slant-merge of one valid file is that file ($f)" "$T/out" "$T/$f"
done <"$T/valid.list"

while read -r f; do
	for tool in $tools; do
		run "$tool" "$T/$f"
		expect "$tool refuses $f" 1 "^$tool: [^ ]*$f:[0-9]+: "
	done
done <"$T/bad.list"

# the same message from every reader: the validation is one
while read -r f; do
	run slant-merge "$T/$f"; sed 's/^slant-merge: //' "$T/err" >"$T/m.err"
	for tool in slant-table slant-keyness; do
		run "$tool" "$T/$f"; sed "s/^$tool: //" "$T/err" >"$T/t.err"
		same "$tool and slant-merge: one message for $f" "$T/t.err" "$T/m.err"
	done
done <"$T/bad.list"

# sums of counts that would pass 2^64 - 1 are errors naming file and line
big=9999999999999999999
{ cat "$T/head.tsv"; printf 'a\t\t%s\t%s\na\tx\t%s\t1\nb\t\t1\t1\n' $big $big $big; } >"$T/big.tsv"
run slant-merge "$T/big.tsv" "$T/big.tsv"
expect "merge: n overflowing is an error" 1 "^slant-merge: [^ ]*big.tsv:[0-9]+: n overflows"
absent "merge: n overflowing leaves no output" "$T/out.tsv"
run slant-merge -o "$T/out.tsv" "$T/big.tsv" "$T/big.tsv"
absent "merge -o: n overflowing leaves no output" "$T/out.tsv"
counts_rows "$T/big.tsv" >"$T/big.rows"
run slant-merge --rows "$T/big.rows" "$T/big.rows"
expect "merge --rows: n overflowing is an error" 1 "^slant-merge: [^ ]*big.rows:[0-9]+: n overflows"
printf 'a\tx\t%s\t%s\na\tx\t%s\t%s\n' $big $big $big $big >"$T/bigdf.rows"
run slant-merge --rows "$T/bigdf.rows"
expect "merge --rows: n and df overflowing within one file are an error" 1 "^slant-merge: [^ ]*bigdf.rows:2: (n|df) overflows"
{ cat "$T/head.tsv"; printf 'a\t\t5\t%s\na\tx\t1\t1\nb\t\t5\t%s\nb\tx\t1\t1\n' $big $big; } >"$T/bigdocs.tsv"
run slant-table "$T/bigdocs.tsv"
expect "table: documents overflowing is an error" 1 "^slant-table: [^ ]*bigdocs.tsv:[0-9]+: df overflows"
run slant-merge "$T/real.tsv" "$T/real.tsv"
expect "merge: ordinary sums still work" 0
finish
