# slant-docstats: every column against an independent Python implementation
# of the published formulas (TTR; MATTR, Covington & McFall 2010; MTLD,
# McCarthy & Jarvis 2010; Flesch, Flesch-Kincaid, Gunning fog) and of the
# syllable rule in slant-docstats(1), on seeded random texts; groups; errors.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

# Texts of plain words (no abbreviations, so sentences end at each '.').
$PY - "$T/docs.tsv" <<'EOF'
import random, sys
r = random.Random(19)
words = ("cartel border people table recipe government sovereignty whole free "
         "makes boxes churches loved wanted needed yes rhythm there beautiful "
         "strikes military president mexico said will not accept any intervention "
         "well-known don't troops agreed security places goes").split()
with open(sys.argv[1], "w") as f:
    f.write("id\tsource\tlang\ttext\n")
    for d in range(12):
        sents = []
        for s in range(r.randint(0, 14)):
            # a small vocabulary in each document, so MTLD has several factors
            k = r.randint(3, 30)
            ws = [r.choice(words[: r.randint(4, len(words))]) for _ in range(k)]
            ws[0] = ws[0].capitalize()
            sents.append(" ".join(ws) + r.choice([".", "!", "?"]))
        lang = "es" if d == 5 else ("en-GB" if d == 7 else "en")
        f.write("d%d\t%s\t%s\t%s\n" % (d, "abc"[d % 3], lang, "  ".join(sents)))
EOF

cat >"$T/check.py" <<'EOF'
import math, re, sys
docs, got, by = sys.argv[1], sys.argv[2], sys.argv[3]

def syllables(w):
    v = lambda i: w[i] in "aeiouy" and not (w[i] == "y" and i == 0)
    runs = sum(1 for i in range(len(w)) if v(i) and not (i > 0 and v(i - 1)))
    cons = lambda c: c not in "aeiouy"
    n = len(w)
    if n >= 3 and w[-1] == "e" and cons(w[-2]) and runs > 1 and not (w[-2] == "l" and cons(w[-3])):
        runs -= 1
    elif (n >= 4 and w.endswith("es") and cons(w[-3]) and w[-3] not in "cgsxz"
          and not (w[-3] == "h" and w[-4] in "cs") and runs > 1):
        runs -= 1
    elif n >= 4 and w.endswith("ed") and cons(w[-3]) and w[-3] not in "dt" and runs > 1:
        runs -= 1
    return max(runs, 1)

def mattr(t, win):
    w = min(win, len(t))
    return sum(len(set(t[i:i + w])) for i in range(len(t) - w + 1)) / (w * (len(t) - w + 1))

def mtld_dir(t, thr=0.72):
    f, seg = 0.0, []
    for x in t:
        seg.append(x)
        if len(set(seg)) / len(seg) <= thr:
            f, seg = f + 1, []
    if seg:
        f += (1 - len(set(seg)) / len(seg)) / (1 - thr)
    return len(t) / f if f > 0 else float("nan")

def mtld(t):
    return (mtld_dir(t) + mtld_dir(t[::-1])) / 2

units = {}
order = []
for line in open(docs).read().splitlines()[1:]:
    id_, src, lang, text = line.split("\t")
    key = id_ if by == "id" else src
    if key not in units:
        units[key] = dict(toks=[], sent=0, w=0, s=0, syl=0, cx=0)
        order.append(key)
    u = units[key]
    for sent in re.split(r"[.!?]", text):
        toks = re.findall(r"[a-z][a-z'-]*", sent.lower())
        if not toks:
            continue
        u["toks"] += toks
        u["sent"] += 1
        if lang == "en" or lang.startswith("en-"):
            u["s"] += 1
            for t in toks:
                n = sum(syllables(p) for p in t.split("-") if p)
                u["w"] += 1
                u["syl"] += n
                u["cx"] += n >= 3

rows = [l.split("\t") for l in open(got).read().splitlines()]
assert rows[0] == "group tokens types ttr mattr mtld sentences mean_sentence_length flesch fk_grade fog".split(), rows[0]
assert [r[0] for r in rows[1:]] == order, "row order"
bad = 0
nan = float("nan")
for r in rows[1:]:
    u = units[r[0]]
    t = u["toks"]
    n = len(t)
    exp = [n, len(set(t)), len(set(t)) / n if n else nan, mattr(t, 50) if n else nan,
           mtld(t) if n else nan, u["sent"], n / u["sent"] if u["sent"] else nan]
    if u["w"] and u["s"]:
        wps, spw = u["w"] / u["s"], u["syl"] / u["w"]
        exp += [206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59,
                0.4 * (wps + 100 * u["cx"] / u["w"])]
    else:
        exp += [nan] * 3
    for name, g, e in zip(rows[0][1:], r[1:], exp):
        ok = (g == "NA") if math.isnan(e) else (g != "NA" and abs(float(g) - e) <= 1e-9 * max(1, abs(e)))
        if not ok:
            print("%s %s: got %s, expected %r" % (r[0], name, g, e))
            bad = 1
sys.exit(bad)
EOF

run slant-docstats --digits 17 "$T/docs.tsv"
expect "docstats per document" 0
if $PY "$T/check.py" "$T/docs.tsv" "$T/out" id >"$T/why" 2>&1; then pass "per document = Python from the formulas"
else fail "per document = Python" "$(head -n 5 "$T/why" | tr '\n' '|')"; fi
if grep -q '^d5	.*	NA	NA	NA$' "$T/out" && grep -q '^d7	.*[0-9]$' "$T/out"; then
	pass "lang es: no readability; en-GB: readability"
else fail "lang column" "$(grep -E '^d[57]' "$T/out" | tr '\n' '|')"; fi
run slant-docstats --digits 17 -b source "$T/docs.tsv"
expect "docstats by source" 0
if $PY "$T/check.py" "$T/docs.tsv" "$T/out" source >"$T/why" 2>&1; then pass "by source = Python (documents joined in order)"
else fail "by source = Python" "$(head -n 5 "$T/why" | tr '\n' '|')"; fi

run slant-docstats --no-readability -F csv "$T/docs.tsv"
expect "--no-readability" 0
if [ "$(tr -d '\r' <"$T/out" | grep -c ',NA,NA,NA$')" -eq 12 ]; then
	pass "--no-readability leaves NA"; else fail "--no-readability" "$(head -n 3 "$T/out" | tr '\n' '|')"; fi
run slant-docstats --lang-col source "$T/docs.tsv"
expect "--lang-col names another column" 0
if [ "$(awk -F'\t' 'NR > 1 && $9 != "NA"' "$T/out" | wc -l)" -eq 0 ]; then pass "no source value is English"
else fail "--lang-col" "$(head -n 3 "$T/out" | tr '\n' '|')"; fi

# the shipped corpus: runs, and every document has readability
slant-docs --meta "$TOP/corpus/mexico/sources.tsv" "$TOP/corpus/mexico/raw" -o "$T/seed.tsv" 2>/dev/null
run slant-docstats -b source -F md "$T/seed.tsv"
expect "docstats on the seed articles" 0
if [ "$(grep -c '^| ' "$T/out")" -eq 7 ]; then pass "five outlets, header and rule"; else fail "seed rows" "$(cat "$T/out" | head -n 3)"; fi

# errors
printf 'id\tsource\ttext\nd1\ta\tsome words here\nd1\tb\tmore words\n' >"$T/dup.tsv"
run slant-docstats "$T/dup.tsv"
expect "duplicate id" 1 "dup.tsv:3: id 'd1' appears twice"
run slant-docstats -b source "$T/dup.tsv"
expect "ids may repeat when grouping" 0
printf 'id\tsource\ttext\nd1\ta\000b\tx\n' >"$T/nulgroup.tsv"
run slant-docstats -b source "$T/nulgroup.tsv"
expect "NUL byte in a group" 1 "nulgroup.tsv:2: NUL byte in the source column"
printf 'id\tsource\tbody\nd1\ta\tx\n' >"$T/notext.tsv"
run slant-docstats "$T/notext.tsv"
expect "no text column" 1 "no 'text' column"
run slant-docstats -b party "$T/docs.tsv"
expect "no such --by column" 1 "no 'party' column"
run slant-docstats --lang-col language "$T/docs.tsv"
expect "no such --lang-col column" 1 "no 'language' column"
run slant-docstats --window 0 "$T/docs.tsv"
expect "--window 0" 2 "Try 'slant-docstats --help'"
run slant-docstats --threshold 1 "$T/docs.tsv"
expect "--threshold 1" 2
run slant-docstats "$T/docs.tsv" -o /dev/full
expect "full disk" 1
run slant-docstats "$T/docs.tsv" -o "$T/o.tsv"
run slant-docstats "$T/docs.tsv" -o "$T/o.tsv"
expect "existing output" 1
finish
