# slant-stance: train -> predict -> eval, cv, byte-identical retraining,
# refused models, usage errors.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/cli/stance

# the loop on a small labelled file, naming nothing but the defaults
run slant-stance train -o "$T/m.gz" "$D/train.tsv"
expect "train" 0
run slant-stance predict "$T/m.gz" "$D/test.tsv"
expect "predict" 0
golden "predict output" "$T/out" stance-predict.tsv
cp "$T/out" "$T/pred.tsv"
run slant-stance eval "$T/pred.tsv"
expect "eval of predictions" 0
golden "eval of predictions" "$T/out" stance-eval-perfect.tsv

# metrics against hand-computed values (see tests/unit/text_svm.c too):
# AGAINST P=R=F1=3/4, FAVOR and NONE 2/3, macro-F1 .6944, accuracy .7,
# f-avg(FAVOR, AGAINST) = (2/3 + 3/4) / 2 = .7083
run slant-stance eval --f-avg FAVOR,AGAINST "$D/preds.tsv"
expect "eval tsv" 0
golden "eval tsv" "$T/out" stance-eval.tsv
run slant-stance eval --format md --f-avg FAVOR,AGAINST "$D/preds.tsv"
expect "eval md" 0
golden "eval md" "$T/out" stance-eval.md
slant-stance eval <"$D/preds.tsv" >"$T/stdin.tsv" 2>&1
run slant-stance eval "$D/preds.tsv"
same "eval reads stdin" "$T/out" "$T/stdin.tsv"

# same command, byte-identical model; also with libsvm probabilities
run slant-stance train -o "$T/m2.gz" "$D/train.tsv"
same "retrain is byte-identical" "$T/m.gz" "$T/m2.gz"
run slant-stance train --probability --seed 5 -o "$T/p1.gz" "$D/train.tsv"
expect "train --probability" 0
run slant-stance train --probability --seed 5 -o "$T/p2.gz" "$D/train.tsv"
same "probability retrain is byte-identical" "$T/p1.gz" "$T/p2.gz"
run slant-stance predict "$T/p1.gz" "$D/test.tsv"
expect "predict with probabilities" 0
if head -n 1 "$T/out" | grep -q "	pred	p_AGAINST	p_FAVOR	p_NONE$"; then pass "p_LABEL columns"; else fail "p_LABEL columns" "$(head -n 1 "$T/out")"; fi
awk -F'\t' 'NR > 1 { s = $6 + $7 + $8; if (s < 0.999 || s > 1.001) bad = 1 } END { exit bad }' "$T/out" \
	&& pass "probabilities sum to 1" || fail "probabilities sum to 1" "$(cat "$T/out")"

# an existing output is kept unless -f
run slant-stance train -o "$T/m.gz" "$D/train.tsv"
expect "no overwrite without -f" 1 "exists"
run slant-stance train -f -C 0.1,1,10 --metric f-avg:FAVOR,AGAINST -o "$T/m.gz" "$D/train.tsv"
expect "train with a grid and -f" 0

# other column names, a grid, per-group models
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { $3 = "sentence"; $4 = "stance" } { print }' "$D/train.tsv" >"$T/renamed.tsv"
run slant-stance train --text-col sentence --label-col stance -o "$T/r.gz" "$T/renamed.tsv"
expect "train with --text-col --label-col" 0
awk -F'\t' 'BEGIN { OFS = "\t" } NR == 1 { $3 = "sentence" } { print }' "$D/test.tsv" >"$T/renamed-test.tsv"
run slant-stance predict "$T/r.gz" "$T/renamed-test.tsv"
expect "predict uses the model's text column" 0
cut -f 5 "$T/out" >"$T/a"
cut -f 5 "$T/pred.tsv" >"$T/b"
same "same predictions with renamed columns" "$T/a" "$T/b"
run slant-stance train --group-col source -o "$T/g.gz" "$D/train.tsv"
expect "train --group-col" 0
run slant-stance predict "$T/g.gz" "$D/test.tsv"
expect "predict per group" 0
awk -F'\t' 'NR > 1 && $4 == $5 { ok++ } END { exit !(ok >= 4) }' "$T/out" \
	&& pass "per-group models predict" || fail "per-group models predict" "$(cat "$T/out")"
printf 'id\tsource\ttext\nx\tzz\twe support it\n' >"$T/unknown-group.tsv"
run slant-stance predict "$T/g.gz" "$T/unknown-group.tsv"
expect "unknown group" 1 "unknown-group.tsv:2: group 'zz' is not in the model"

# cross-validation
run slant-stance cv -k 3 "$D/train.tsv"
expect "cv" 0
grep -q '^all	accuracy' "$T/out" && pass "cv reports accuracy" || fail "cv reports accuracy" "$(cat "$T/out")"
awk -F'\t' 'BEGIN { OFS = "\t" } { print $0, (NR == 1 ? "fold" : NR % 2) }' "$D/train.tsv" >"$T/folds.tsv"
run slant-stance cv --fold-col fold -C 0.5,2 "$T/folds.tsv"
expect "cv --fold-col with a grid" 0
if [ "$(grep -c '	all	accuracy	' "$T/out")" = 2 ]; then pass "cv reports each grid point"; else fail "cv reports each grid point" "$(cat "$T/out")"; fi
awk -F'\t' 'NR > 1 && $3 == "all" && $4 == "accuracy" { n += $8 } END { exit n != 48 }' "$T/out" \
	&& pass "cv evaluates every row once per grid point" || fail "cv evaluates every row" "$(cat "$T/out")"

run slant-stance cv -k 2 --group-col source "$D/train.tsv"
expect "cv --group-col" 0
awk -F'\t' '$1 == "all" && $2 == "accuracy" { exit $6 != 24 }' "$T/out" \
	&& pass "cv --group-col covers every row" || fail "cv --group-col covers every row" "$(cat "$T/out")"

# per fold, mean and sd: every score recomputed in Python from the fold's
# confusion counts (precision, recall, F1 from their definitions; the mean
# and sample sd by statistics); the pooled rows are the folds' counts added
run slant-stance cv -k 5 --digits 17 --f-avg FAVOR,AGAINST "$TOP/corpus/mexico/stance.tsv"
expect "cv per fold" 0
cp "$T/out" "$T/cv.tsv"
if /usr/bin/python3 - "$T/cv.tsv" >"$T/check" 2>&1 <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
labels = [c[5:] for c in rows[0] if c.startswith("pred_")]
def scores(conf):  # conf[gold][pred]
    out = {}
    for c in labels:
        tp = conf[c][c]
        pc = sum(conf[g][c] for g in labels)
        gc = sum(conf[c].values())
        p = tp / pc if pc else 0.0
        r = tp / gc if gc else 0.0
        out[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0)
    n = len(labels)
    out["macro"] = tuple(sum(out[c][i] for c in labels) / n for i in range(3))
    tot = sum(sum(v.values()) for v in conf.values())
    out["accuracy"] = (None, None, sum(conf[c][c] for c in labels) / tot)
    out["f-avg"] = (None, None, (out["FAVOR"][2] + out["AGAINST"][2]) / 2)
    return out
folds = [f for f in dict.fromkeys(r["fold"] for r in rows) if f not in ("mean", "sd", "all")]
assert folds == ["1", "2", "3", "4", "5"], folds
got = {(r["fold"], r["class"]): r for r in rows}
per, pooled = [], {g: {p: 0 for p in labels} for g in labels}
for f in folds:
    conf = {g: {p: int(got[(f, g)]["pred_" + p]) for p in labels} for g in labels}
    for g in labels:
        for p in labels:
            pooled[g][p] += conf[g][p]
    per.append(scores(conf))
def close(name, cell, want):
    if want is None:
        assert cell == "", (name, cell)
    else:
        assert abs(float(cell) - want) <= 1e-12, (name, cell, want)
cols = ("precision", "recall", "f1")
for f, s in zip(folds, per):
    for cls, v in s.items():
        for c, w in zip(cols, v):
            close((f, cls, c), got[(f, cls)][c], w)
for cls in per[0]:
    for i, c in enumerate(cols):
        vals = [s[cls][i] for s in per]
        if vals[0] is None:
            continue
        close(("mean", cls, c), got[("mean", cls)][c], statistics.mean(vals))
        close(("sd", cls, c), got[("sd", cls)][c], statistics.stdev(vals))
all_s = scores(pooled)
for cls, v in all_s.items():
    for c, w in zip(cols, v):
        close(("all", cls, c), got[("all", cls)][c], w)
for g in labels:
    for p in labels:
        assert int(got[("all", g)]["pred_" + p]) == pooled[g][p], (g, p)
assert int(got[("all", "accuracy")]["support"]) == 122
assert got[("sd", "accuracy")]["f1"] != "0"
print("ok")
PY
then pass "cv per fold, mean and sd against Python"; else fail "cv per fold, mean and sd" "$(tail -3 "$T/check")"; fi
run slant-stance cv -k 5 --f-avg FAVOR,AGAINST "$TOP/corpus/mexico/stance.tsv"
cut -f 1,2,6- "$T/out" >"$T/c4"
cut -f 1,2,6- "$T/cv.tsv" >"$T/c17"
same "cv --digits changes the scores' digits only" "$T/c4" "$T/c17"
run slant-stance eval --digits 17 --f-avg FAVOR,AGAINST "$D/preds.tsv"
expect "eval --digits 17" 0
awk -F'\t' '$1 == "FAVOR" { print $2 } $1 == "f-avg" { print $4 }' "$T/out" >"$T/d17"
if /usr/bin/python3 -c 'import sys; v = [float(x) for x in open(sys.argv[1])]; sys.exit(not (v[0] == 2/3 and v[1] == (2/3 + 3/4) / 2))' "$T/d17"
then pass "eval --digits 17 reads back as the same doubles"; else fail "eval --digits 17" "$(cat "$T/out")"; fi
run slant-stance eval --digits 0 "$D/preds.tsv"
expect "eval --digits 0" 2 "digits"

# refused models: truncated, tampered, other version, not a model
head -c 300 "$T/m2.gz" >"$T/trunc.gz"
run slant-stance predict "$T/trunc.gz" "$D/test.tsv"
expect "truncated model" 1 "trunc.gz.*(truncated|corrupt|unexpected end)"
gzip -dc "$T/m2.gz" >"$T/plain"
sed '0,/^w:we\t/s/^w:we\t[0-9]/w:we\t9/' "$T/plain" | gzip -n >"$T/tamper.gz"
gzip -dc "$T/tamper.gz" | cmp -s - "$T/plain" && fail "tampering" "the test did not change the model"
run slant-stance predict "$T/tamper.gz" "$D/test.tsv"
expect "tampered model" 1 "tamper.gz: model file is corrupt \(checksum mismatch\)"
sed '1s/\t1$/\t99/' "$T/plain" | gzip -n >"$T/v99.gz"
run slant-stance predict "$T/v99.gz" "$D/test.tsv"
expect "other model version" 1 "v99.gz: model format version 99"
head -n -1 "$T/plain" | gzip -n >"$T/noend.gz"
run slant-stance predict "$T/noend.gz" "$D/test.tsv"
expect "model without its end line" 1 "noend.gz: model file is truncated"
# a well-framed file (checksum recomputed: gzip's trailer holds the CRC-32 of
# its input) with impossible content is refused too, without a crash
reframe() {
	n=$(wc -c <"$1" | tr -d ' ')
	crc=$(gzip -c <"$1" | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' \n')
	printf 'end\t%s\t%s\n' "$n" "$crc" >>"$1"
	gzip -n <"$1" >"$2"
}
head -n -1 "$T/plain" >"$T/same"
reframe "$T/same" "$T/same.gz"
run slant-stance predict "$T/same.gz" "$D/test.tsv"
expect "re-framed model still loads" 0
head -n -1 "$T/plain" | sed 's/^vocab\t[0-9]*/vocab\t999999999/' >"$T/huge"
reframe "$T/huge" "$T/huge.gz"
run slant-stance predict "$T/huge.gz" "$D/test.tsv"
expect "absurd vocabulary size" 1 "huge.gz: not a valid model file \(vocabulary size"
head -n -1 "$T/plain" | sed 's/^label\tFAVOR$/label\tAAA/' >"$T/order"
reframe "$T/order" "$T/order.gz"
run slant-stance predict "$T/order.gz" "$D/test.tsv"
expect "labels out of order" 1 "order.gz: not a valid model file"
# every option line the reader uses is required: a model without one (even
# well framed) is a clear error, never a crash (issue 15.1); an empty value
# (but the group column's) too
for key in $(awk -F'\t' '$1 == "option" { print $2 }' "$T/plain"); do
	head -n -1 "$T/plain" | awk -F'\t' -v k="$key" '!($1 == "option" && $2 == k)' >"$T/noopt"
	reframe "$T/noopt" "$T/noopt.gz"
	run slant-stance predict "$T/noopt.gz" "$D/test.tsv"
	expect "model without option $key" 1 "noopt.gz: not a valid model file \(no 'option $key' line\)"
	[ "$key" = group-col ] && continue
	head -n -1 "$T/plain" | awk -F'\t' -v k="$key" 'BEGIN { OFS = "\t" } $1 == "option" && $2 == k { $3 = "" } 1' >"$T/noopt"
	reframe "$T/noopt" "$T/noopt.gz"
	run slant-stance predict "$T/noopt.gz" "$D/test.tsv"
	expect "model with an empty option $key" 1 "noopt.gz: not a valid model file"
done
[ "$(awk -F'\t' '$1 == "option"' "$T/plain" | wc -l)" -ge 17 ] && pass "the model has its 17 options" || fail "model options" "$(grep -c '^option' "$T/plain")"
run slant-stance predict "$D/train.tsv" "$D/test.tsv"
expect "not a model" 1 "train.tsv: not a slant-stance model"
: >"$T/empty"
run slant-stance predict "$T/empty" "$D/test.tsv"
expect "empty model" 1 "empty: not a slant-stance model"

# bad input and usage
run slant-stance predict "$T/m2.gz" "$D/preds.tsv"
expect "predict needs a text column" 1 "no 'text' column"
printf 'label\tpred\nA\tA\nB\t\n' >"$T/nopred.tsv"
run slant-stance eval "$T/nopred.tsv"
expect "eval: empty prediction" 1 "nopred.tsv:3: empty 'pred'"
run slant-stance eval "$D/test.tsv"
expect "eval needs a pred column" 1 "no 'pred' column"
printf 'id\ttext\tlabel\n1\tonly one\tA\n2\tlabel here\tA\n' >"$T/one.tsv"
run slant-stance train -o "$T/one.gz" "$T/one.tsv"
expect "one label" 1 "at least two labels"
absent "no model left after a failure" "$T/one.gz"
run slant-stance predict "$T/m2.gz" "$D/test.tsv" -o /dev/full
expect "full disk" 1
{ cat "$D/train.tsv"; printf 'x1\ta\tbad \377\376 bytes, caf\303\251\tFAVOR\nx2\ta\t\tNONE\n'; } >"$T/odd.tsv"
run slant-stance train -o "$T/odd.gz" "$T/odd.tsv"
expect "invalid UTF-8 and empty texts train" 0
printf 'id\ttext\nq\tbad \377 caf\303\251\nr\t\n' >"$T/odd-test.tsv"
run slant-stance predict "$T/odd.gz" "$T/odd-test.tsv"
expect "invalid UTF-8 and empty texts predict" 0
: >"$T/empty.tsv"
run slant-stance train -o "$T/e.gz" "$T/empty.tsv"
expect "empty input" 1 "empty input"
printf 'id\ttext\tlabel\n' >"$T/header.tsv"
run slant-stance cv "$T/header.tsv"
expect "header only" 1 "no labelled documents"
printf 'id\ttext\tlabel\n1\ta\n' >"$T/short.tsv"
run slant-stance train -o "$T/e.gz" "$T/short.tsv"
expect "short row" 1 "short.tsv:2:"
run slant-stance
expect "no command" 2 "Try 'slant-stance --help'"
run slant-stance fit x
expect "unknown command" 2 "unknown command 'fit'"
run slant-stance train "$D/train.tsv"
expect "train without -o" 2 "-o MODEL"
run slant-stance train --solver liblinear --kernel rbf -o "$T/x.gz" "$D/train.tsv"
expect "rbf needs libsvm" 2 "liblinear is linear only"
run slant-stance cv --metric auc "$D/train.tsv"
expect "bad metric" 2 "--metric"
run slant-stance cv --f-avg FAVOR,MAYBE "$D/train.tsv"
expect "f-avg with an unknown label" 1 "MAYBE"
run slant-stance train -C 0 -o "$T/x.gz" "$D/train.tsv"
expect "C out of range" 2
run slant-stance train --nb on -o "$T/x.gz" "$D/train.tsv"
expect "nb with three labels" 1 "two labels"
run slant-stance --help
expect "help" 0
grep -q '^Usage: slant-stance train' "$T/out" && pass "help text" || fail "help text" "no usage line"
finish
