# slant-colloc: count, lambda and z against a Python implementation of
# quanteda's definition (Blaheta & Johnson 2001: the 2^K table of pattern
# counts found by comparing the candidate with every K-gram, smoothed,
# lambda = sum (-1)^(K-b) log n, z = lambda / sqrt(sum 1/n)), and PMI, G2,
# t and Dice from the bigram table's cells; expressions never cross a
# sentence end, a line break, dropped punctuation or a stopword; threads,
# --max-mem and input formats do not change the output; --by scores each
# source apart; bad input errors;
# slant-count --compounds end to end.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

# Random documents from a small skewed vocabulary (words of 3+ letters, so
# no abbreviation rule applies): sentences end in . ! ?, commas inside
# them are gaps.  The structure goes to segs.json for the reference.
$PY - "$T/docs.tsv" "$T/segs.json" <<'EOF'
import json, random, sys
r = random.Random(19)
words = ("drug cartel border people war strike military president mexico said "
         "accept intervention troops security places agreed free whole table").split()
weights = [8, 7, 5, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
segs = []
with open(sys.argv[1], "w") as f:
    f.write("id\tsource\ttext\n")
    for d in range(40):
        text = []
        for s in range(r.randint(1, 8)):
            parts = []
            for p in range(r.randint(1, 3)):
                seg = r.choices(words, weights, k=r.randint(1, 9))
                if r.random() < 0.3:  # a planted expression
                    i = r.randint(0, len(seg))
                    seg[i:i] = ["white", "house"]
                segs.append(["ab"[d % 2], seg])
                parts.append(" ".join(seg))
            sent = ", ".join(parts)
            text.append(sent[0].upper() + sent[1:] + r.choice([".", "!", "?"]))
        f.write("d%d\t%s\t%s\n" % (d, "ab"[d % 2], " ".join(text)))
json.dump(segs, open(sys.argv[2], "w"))
EOF

# check.py SEGS K MINCOUNT SMOOTHING OUT [by]: every row of OUT against the
# definition, computed by brute force; the rows are the candidates, in
# decreasing z; with "by", each source's apart (its own K-grams), the
# sources in the order they first appear, with a group column.
cat >"$T/check.py" <<'EOF'
import csv, json, math, sys
segs = json.load(open(sys.argv[1]))
K, minc, sm = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
by = len(sys.argv) > 6


def expected(segs):
    grams = {}
    for seg in segs:
        for i in range(len(seg) - K + 1):
            g = tuple(seg[i:i + K])
            grams[g] = grams.get(g, 0) + 1
    N = sum(grams.values())
    want = {}
    for x, cx in grams.items():
        if cx < minc:
            continue
        cells = {}
        for z, cz in grams.items():
            pat = tuple(int(z[k] == x[k]) for k in range(K))
            cells[pat] = cells.get(pat, 0) + cz
        lam = var = 0.0
        for b in range(2 ** K):
            pat = tuple((b >> k) & 1 for k in range(K))
            n = cells.get(pat, 0) + sm
            lam += (-1) ** (K - sum(pat)) * math.log(n)
            var += 1 / n
        row = {"count": cx, "lambda": lam, "z": lam / math.sqrt(var)}
        if K == 2:
            o11 = cx
            r1 = sum(c for z, c in grams.items() if z[0] == x[0])
            c1 = sum(c for z, c in grams.items() if z[1] == x[1])
            O = [[o11, r1 - o11], [c1 - o11, N - r1 - c1 + o11]]
            R, C = [r1, N - r1], [c1, N - c1]
            E = [[R[i] * C[j] / N for j in range(2)] for i in range(2)]
            row["pmi"] = math.log2(o11 / E[0][0])
            row["g2"] = 2 * sum(O[i][j] * math.log(O[i][j] / E[i][j])
                                for i in range(2) for j in range(2) if O[i][j] > 0)
            row["t"] = (o11 - E[0][0]) / math.sqrt(o11)
            row["dice"] = 2 * o11 / (r1 + c1)
        want[" ".join(x)] = row
    return want


groups = []
for g, _ in segs:
    if g not in groups:
        groups.append(g)
want, order = {}, []
for g in (groups if by else [None]):
    w = expected([seg for sg, seg in segs if g is None or sg == g])
    order += [(g, c) for c in sorted(w, key=lambda c: (-w[c]["z"], c))]
    want.update({(g, c): r for c, r in w.items()})
got = list(csv.DictReader(open(sys.argv[5]), delimiter="\t"))
bad = []
if [(g.get("group"), g["collocation"]) for g in got] != order:
    bad.append("rows or order differ: %d rows, %d expected" % (len(got), len(order)))
for g in got:
    w = want.get((g.get("group"), g["collocation"]))
    if w is None:
        continue
    for k in ("count", "lambda", "z", "pmi", "g2", "t", "dice"):
        if k not in w:
            if g[k] != "NA":
                bad.append("%s %s: %s, expected NA" % (g["collocation"], k, g[k]))
        elif abs(float(g[k]) - w[k]) > 1e-9 * max(1, abs(w[k])):
            bad.append("%s %s: %s, expected %r" % (g["collocation"], k, g[k], w[k]))
print("\n".join(bad[:5]) if bad else "ok", len(got))
EOF

ref() { # ref NAME K MINCOUNT SMOOTHING ARGS...: slant-colloc against check.py
	name=$1 k=$2 minc=$3 sm=$4
	shift 4
	run slant-colloc --digits 17 --size "$k" --min-count "$minc" --smoothing "$sm" "$@" "$T/docs.tsv"
	expect "$name: runs" 0
	case " $* " in *" --by "*) by=by ;; *) by= ;; esac
	res=$($PY "$T/check.py" "$T/segs.json" "$k" "$minc" "$sm" "$T/out" $by)
	case $res in
	"ok 0") fail "$name" "no rows" ;;
	ok*) pass "$name: ${res#ok } rows match the definition" ;;
	*) fail "$name" "$res" ;;
	esac
}
ref "bigrams" 2 2 0.5
ref "bigrams, min-count 1, smoothing 1" 2 1 1
ref "trigrams" 3 2 0.5
ref "4-grams" 4 1 0.5
ref "5-grams, -j 2" 5 1 0.5 -j 2
ref "bigrams --by source" 2 1 0.5 --by source
ref "trigrams --by source, -j 2" 3 1 0.5 --by source -j 2
run slant-colloc --by outlet "$T/docs.tsv"
expect "--by a column the docs lack" 1 "no 'outlet' column for --by .columns: id, source, text."

# threads and the memory bound change nothing
run slant-colloc --digits 17 "$T/docs.tsv"
cp "$T/out" "$T/one"
run slant-colloc --digits 17 -j 3 "$T/docs.tsv"
same "-j 3 == -j 1" "$T/out" "$T/one"
# a memory bound that spills sorted runs to files gives the same rows
# (tests/unit/text_keys.c merges levels of them): 1.5 million words from a Zipf
# law over 30,000, whose distinct trigrams outgrow 16M many times
$PY - "$T/big.tsv" <<'EOF'
import random, sys
r = random.Random(7)
vocab = ["w%d" % i for i in range(30000)]
weights = [1 / (i + 1) for i in range(30000)]
with open(sys.argv[1], "w") as f:
    f.write("id\tsource\ttext\n")
    for d in range(300):
        words = r.choices(vocab, weights, k=5000)
        f.write("b%d\t%s\t%s.\n" % (d, "xyz"[d % 3], " ".join(words)))
EOF
mkdir "$T/tmp"
for by in "" "--by source"; do
	# shellcheck disable=SC2086
	run slant-colloc -q --size 3 $by "$T/big.tsv"
	cp "$T/out" "$T/mem"
	for j in 1 2; do
		# shellcheck disable=SC2086
		TMPDIR=$T/tmp SLANT_TRACE_SPILL=1 run slant-colloc -q -j $j --size 3 $by --max-mem 16M "$T/big.tsv"
		expect "--max-mem 16M -j $j $by spills" 0 '^slant-colloc: run 1, level 0$'
		same "--max-mem 16M -j $j $by == in memory" "$T/out" "$T/mem"
	done
done
if [ "$(wc -l <"$T/mem")" -gt 1000 ]; then pass "spill: rows to compare"; else
	fail "spill" "only $(wc -l <"$T/mem") rows"; fi
# one group a document: the words' counts by group, position and word fit
# in arrays without a bound (48 MB) but not in 16M's eighth, where they go
# through the map as longer sub-patterns do; the rows are the same
head -n 101 "$T/big.tsv" >"$T/big100.tsv"
run slant-colloc -q --by id --min-count 1 "$T/big100.tsv"
cp "$T/out" "$T/mem"
run slant-colloc -q --by id --min-count 1 --max-mem 16M "$T/big100.tsv"
same "--by id: one-word counts in arrays == in the map" "$T/out" "$T/mem"
if [ "$(cut -f1 "$T/mem" | sort -u | wc -l)" -eq 101 ]; then pass "--by id: 100 groups"; else
	fail "--by id" "$(cut -f1 "$T/mem" | sort -u | wc -l) groups"; fi
left=$(ls -A "$T/tmp")
if [ -z "$left" ]; then pass "no temporary files left"; else fail "temporary files" "left: $left"; fi

# the same documents as CSV and JSON Lines
$PY - "$T/docs.tsv" "$T/docs.csv" "$T/docs.jsonl" <<'EOF'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t", quoting=csv.QUOTE_NONE))
with open(sys.argv[2], "w", newline="") as f:
    w = csv.DictWriter(f, ["id", "source", "text"])
    w.writeheader()
    w.writerows(rows)
with open(sys.argv[3], "w") as f:
    for r in rows:
        f.write(json.dumps(r) + "\n")
EOF
for fmt in csv jsonl; do
	run slant-colloc --digits 17 "$T/docs.$fmt"
	same "$fmt input == TSV" "$T/out" "$T/one"
done

# boundaries: a sentence end, a line break (escaped in TSV), a comma, a
# stopword are never crossed
printf 'id\ttext\nb1\tAlpha beta. Gamma delta, epsilon zeta\\neta theta iota of kappa\n' >"$T/b.tsv"
run slant-colloc --min-count 1 --stopwords en "$T/b.tsv"
expect "boundaries: runs" 0
got=$(cut -f1 "$T/out" | tail -n +2 | sort | tr '\n' ',')
want="alpha beta,epsilon zeta,eta theta,gamma delta,theta iota,"
if [ "$got" = "$want" ]; then pass "boundaries: no expression crosses one"; else
	fail "boundaries" "got $got, expected $want"; fi
run slant-colloc --min-count 1 --size 3 "$T/b.tsv"
got=$(cut -f1 "$T/out" | tail -n +2 | sort | tr '\n' ',')
want="eta theta iota,iota of kappa,theta iota of,"
if [ "$got" = "$want" ]; then pass "boundaries: trigrams"; else
	fail "boundaries: trigrams" "got $got, expected $want"; fi

# formats
run slant-colloc -F csv "$T/docs.tsv"
if head -n 1 "$T/out" | tr -d '\r' | grep -qx 'collocation,count,lambda,z,pmi,g2,t,dice'; then
	pass "csv header"; else fail "csv header" "$(head -n 1 "$T/out")"; fi
run slant-colloc -F md --size 3 "$T/docs.tsv"
if sed -n 3p "$T/out" | grep -q '| NA | NA | NA | NA |$'; then pass "md: NA past two words"
else fail "md" "$(sed -n 3p "$T/out")"; fi

# bad input
printf 'id\ttext\nd1\tfine text here\nd2\n' >"$T/short.tsv"
run slant-colloc "$T/short.tsv"
expect "a short row: FILE:LINE" 1 'short.tsv:3:'
printf 'id\tbody\nd1\tsome text\n' >"$T/notext.tsv"
run slant-colloc "$T/notext.tsv"
expect "no text column" 1 'text'
run slant-colloc "$T/nonexistent.tsv"
expect "a missing file" 1 'nonexistent.tsv'
for bad in "--size 1" "--size 6" "--size x" "--min-count 0" "--smoothing -1" \
	"--max-mem 1M" "--digits 0" "-F xml" "--stem klingon" "--bogus"; do
	# shellcheck disable=SC2086
	run slant-colloc $bad "$T/docs.tsv"
	expect "usage error: $bad" 2
done
echo keep >"$T/exists.tsv"
run slant-colloc -o "$T/exists.tsv" "$T/docs.tsv"
expect "an existing output is refused" 1 'exists'
if [ "$(cat "$T/exists.tsv")" = keep ]; then pass "the existing output is untouched"; else
	fail "existing output" "was changed"; fi

# slant-count --compounds: slant-colloc's output as compounds; the counts
# against a Python matcher (leftmost, then longest; never across a break)
run slant-colloc --min-count 3 "$T/docs.tsv"
head -n 25 "$T/out" >"$T/mwe.tsv"
printf 'drug cartel war\n' >>"$T/mwe.tsv" # a longer one, overlapping others
for ng in 1 1-2; do
	run slant-count --ngrams $ng --compounds "$T/mwe.tsv" "$T/docs.tsv"
	expect "--compounds, n-grams $ng: runs" 0
	res=$($PY - "$T/segs.json" "$T/mwe.tsv" "$T/out" $ng <<'EOF'
import csv, json, sys
segs = json.load(open(sys.argv[1]))
mwe = [l.split("\t")[0] for l in open(sys.argv[2]).read().splitlines()]
mwe = {tuple(m.split()) for m in mwe if m != "collocation"}
longest = max(len(m) for m in mwe)
want = {}
for _, seg in segs:
    toks, i = [], 0
    while i < len(seg):
        k = max([n for n in range(2, longest + 1) if tuple(seg[i:i + n]) in mwe], default=1)
        toks.append("_".join(seg[i:i + k]))
        i += k
    hi = 1 if sys.argv[4] == "1" else 2
    for n in range(1, hi + 1):
        for j in range(len(toks) - n + 1):
            g = " ".join(toks[j:j + n])
            want[g] = want.get(g, 0) + 1
got = {}
for r in csv.DictReader(open(sys.argv[3]), delimiter="\t", quoting=csv.QUOTE_NONE):
    if r["group"] and r["term"]:
        got[r["term"]] = int(r["n"])
joined = sum(1 for t in got if "_" in t)
if got != want:
    print("differ:", sorted(set(got.items()) ^ set(want.items()))[:6])
elif joined < 5:
    print("only %d compounds counted" % joined)
else:
    print("ok", joined)
EOF
)
	case $res in
	ok*) pass "--compounds, n-grams $ng: the counts match (${res#ok } terms with compounds)" ;;
	*) fail "--compounds, n-grams $ng" "$res" ;;
	esac
	if grep -q 'tokenizer=.* compounds=25:' "$T/out"; then pass "--compounds: in the tokenizer metadata"
	else fail "--compounds metadata" "$(grep tokenizer= "$T/out")"; fi
done
cp "$T/out" "$T/c1"
run slant-count -j 3 --ngrams 1-2 --compounds "$T/mwe.tsv" "$T/docs.tsv"
same "--compounds -j 3 == -j 1" "$T/out" "$T/c1"
printf 'drug cartel\nrule, of law\n' >"$T/badmwe.txt"
run slant-count --compounds "$T/badmwe.txt" "$T/docs.tsv"
expect "--compounds: punctuation inside an expression" 1 'badmwe.txt:2:'
printf 'drug cartel\nwar\n' >"$T/badmwe.txt"
run slant-count --compounds "$T/badmwe.txt" "$T/docs.tsv"
expect "--compounds: one word" 1 'badmwe.txt:2:.*fewer than two'
printf '# nothing\n\n' >"$T/badmwe.txt"
run slant-count --compounds "$T/badmwe.txt" "$T/docs.tsv"
expect "--compounds: no expression" 1 'no expression'
run slant-count --compounds "$T/nonexistent.txt" "$T/docs.tsv"
expect "--compounds: a missing file" 1 'nonexistent.txt'
finish
