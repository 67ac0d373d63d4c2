# slant-clean -j N: threaded output is byte-identical to one thread (text and
# --explain), for several inputs and option sets, streaming and with the
# repeat rule; errors are reported as with one thread.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data
SEEDS=$D/mexico-seeds-docs.tsv

awk -v key="$T/key.tsv" -f "$D/clean-synth.awk" "$D/clean-synth-chrome.txt" \
	"$D/clean-synth-body.txt" >"$T/synth.tsv"
# Many documents (several batches of 256): four copies of the seeds and the
# synthetic articles, whole, and every paragraph of them as a document of its
# own; sources vary by copy so the repeat rule has work to do.
awk -F'\t' 'FNR == 1 { next } {
	for (c = 0; c < 4; c++) {
		src = $2 "-" (c % 3)
		print $1 "." c "\t" src "\t" $3
		n = split($3, p, /\\n\\n/)
		for (i = 1; i <= n; i++) print $1 "." c "." i "\t" src "\t" p[i]
	}
} BEGIN { print "id\tsource\ttext" }' "$SEEDS" "$T/synth.tsv" >"$T/many.tsv"
gzip -c "$T/many.tsv" >"$T/many.tsv.gz"
# An input that already has a title column (some empty), and no source.
run slant-clean "$T/many.tsv"
awk -F'\t' 'BEGIN { OFS = "\t" } { if (NR % 3 == 0) $3 = ""; print $1, $3, $4 }' "$T/out" >"$T/titled.tsv"
docs=$(($(wc -l <"$T/many.tsv") - 1))
[ "$docs" -gt 600 ] && pass "test corpus: $docs documents" || fail "test corpus" "$docs documents"

check() { # check NAME ARGS...: -j 2 and 3 equal -j 1, output and --explain
	name=$1
	shift
	run slant-clean -q --explain "$T/x1.tsv" "$@"
	expect "$name: -j 1" 0
	mv "$T/out" "$T/one"
	for j in 2 3; do
		run slant-clean -q -j $j -f --explain "$T/xj.tsv" "$@"
		expect "$name: -j $j" 0
		same "$name: -j $j == -j 1" "$T/out" "$T/one"
		same "$name: -j $j --explain == -j 1" "$T/xj.tsv" "$T/x1.tsv"
	done
	rm -f "$T/x1.tsv"
}

check "seeds" "$SEEDS"
check "synthetic" "$T/synth.tsv"
check "many, repeat rule" "$T/many.tsv"
check "many, streaming (--no-repeat)" --no-repeat "$T/many.tsv"
check "many, repeat-min 2, no lang/cta" --repeat-min 2 --disable lang,cta "$T/many.tsv"
check "many, gzip input, no title rule" --no-title "$T/many.tsv.gz"
check "title column, no source" "$T/titled.tsv"
check "title column, streaming" --repeat-min 0 "$T/titled.tsv"
head -n 1 "$T/many.tsv" >"$T/header.tsv"
check "header only" "$T/header.tsv"

# -j 1 is what slant-clean wrote before -j existed: the golden seed output
run slant-clean -j 1 "$SEEDS"
golden "-j 1 seeds golden" "$T/out" clean-seeds.tsv
run slant-clean -j 2 "$SEEDS"
golden "-j 2 seeds golden" "$T/out" clean-seeds.tsv

# standard input, the long option, a compressed output file, -j 0
run slant-clean -q "$T/many.tsv"
mv "$T/out" "$T/one"
run slant-clean -q -j 0 "$T/many.tsv"
same "-j 0 (one per core)" "$T/out" "$T/one"
run slant-clean -q -j 2 - <"$T/many.tsv"
same "stdin, -j 2" "$T/out" "$T/one"
run slant-clean -q --threads 3 -o "$T/o.tsv.gz" "$T/many.tsv"
expect "--threads 3 -o FILE.gz" 0
gzip -dc "$T/o.tsv.gz" >"$T/o.tsv"
same "--threads 3 output file" "$T/o.tsv" "$T/one"

# errors: a bad row in the middle of the input (after several batches) gives
# the message, status and standard output of -j 1, and no output file
bad_at=$((docs / 2 + 2))
awk -v n=$bad_at 'NR == n { print "broken\tonly two" } { print }' "$T/many.tsv" >"$T/short.tsv"
{ head -n $((bad_at - 1)) "$T/many.tsv"; printf 'nul\tx\ta\000b\n'; tail -n +$bad_at "$T/many.tsv"; } >"$T/nul.tsv"
for f in short nul; do
	for mode in "" --no-repeat; do
		name="$f row${mode:+ $mode}"
		run slant-clean -q $mode "$T/$f.tsv"
		[ $f = short ] && what="expected 3 fields, found 2" || what="NUL byte in column 'text'"
		expect "$name, -j 1" 1 "^slant-clean: .*$f.tsv:$bad_at: $what"
		mv "$T/out" "$T/one"
		mv "$T/err" "$T/err1"
		for j in 2 3; do
			run slant-clean -q $mode -j $j "$T/$f.tsv"
			expect "$name, -j $j: status" 1
			same "$name, -j $j: message" "$T/err" "$T/err1"
			same "$name, -j $j: standard output" "$T/out" "$T/one"
			run slant-clean -q $mode -j $j -o "$T/none.tsv" --explain "$T/none-x.tsv" "$T/$f.tsv"
			expect "$name, -j $j -o" 1 "$f.tsv:$bad_at: "
			absent "$name, -j $j: no output file" "$T/none.tsv"
			absent "$name, -j $j: no explain file" "$T/none-x.tsv"
		done
	done
done

# options
threads_usage slant-clean "$SEEDS"
finish
