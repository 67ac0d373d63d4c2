# The bad-input battery (issue 8): every tool, the same hostile inputs.
# Each case asserts the exit status, a message that names the tool and the
# file, and that no output file (or temporary file) is left behind.
. "$(dirname "$0")/lib.sh"

# --- inputs, one set per kind of input -----------------------------------
# docs: id source text
printf 'id\tsource\ttext\nd1\ta\tThe cartel said no. Mexico is sovereign.\nd2\tb\tTrump wants strikes on cartels.\n' >"$T/docs.tsv"
printf 'id\tsource\tlabel\ttext\nd1\ta\tFAVOR\tWe want strikes.\nd2\tb\tAGAINST\tNo strikes, ever.\n' >"$T/labelled.tsv"
awk 'BEGIN { print "id\tsource\ttext"; for (i = 0; i < 20000; i++) print "d" i "\ts" (i % 7) "\tOne sentence here. And another one there, number " i "." }' >"$T/docs-many.tsv"
printf 'id\tsource\n' >"$T/docs-header-only.tsv"
printf 'id\tsource\ttext\nd1\ta\tok\nd2\tb\ttoo\tmany\n' >"$T/docs-too-many.tsv"
printf 'id\tsource\ttext\nd1\ta\tok\nd2\tb\n' >"$T/docs-too-few.tsv"
printf 'id\tsource\nd1\ta\n' >"$T/docs-no-column.tsv"
printf 'id\tsource\ttext\r\nd1\ta\tcrlf line ends\r\n' >"$T/docs-crlf.tsv"
printf 'id\tsource\ttext\nd1\ta\tbad \377\376 bytes\n' >"$T/docs-bad-utf8.tsv"
printf 'id\tsource\ttext\nd1\ta\tnul\000byte\n' >"$T/docs-nul.tsv"
{ printf 'id\tsource\ttext\nhuge\ts\t'; head -c 67108864 /dev/zero | tr '\0' 'a'; printf ' end.\n'; } >"$T/docs-huge.tsv"
printf 'id\tsource\ttext\n' >"$T/docs-header-only.tsv"

# counts: made by slant-count, broken by hand
slant-count --by source "$T/docs.tsv" >"$T/counts.tsv"
slant-count --by source "$T/docs-many.tsv" >"$T/counts-many.tsv"
meta() { counts_head "$T/counts.tsv"; }
meta >"$T/counts-header-only.tsv"
{ meta; printf 'a\t\t3\t1\na\tx\t1\t1\textra\n'; } >"$T/counts-too-many.tsv"
{ meta; printf 'a\t\t3\t1\na\tx\t1\n'; } >"$T/counts-too-few.tsv"
printf 'group\tterm\tdf\na\t\t1\n' >"$T/counts-no-column.tsv"
sed 's/$/\r/' "$T/counts.tsv" >"$T/counts-crlf.tsv"
{ meta; printf 'a\t\t3\t1\na\tbad\377\t1\t1\n'; } >"$T/counts-bad-utf8.tsv"
{ meta; printf 'a\t\t3\t1\na\tn\000ul\t1\t1\n'; } >"$T/counts-nul.tsv"
{ meta; printf 'a\t\t3\t1\na\t'; head -c 67108864 /dev/zero | tr '\0' 'a'; printf '\t1\t1\n'; } >"$T/counts-huge.tsv"

# report tables (slant-plot): group term n
slant-table -n 5 "$T/counts.tsv" >"$T/table.tsv"
slant-table -n 0 "$T/counts-many.tsv" >"$T/table-many.tsv"
printf 'group\tterm\tn\n' >"$T/table-header-only.tsv"
printf 'group\tterm\tn\na\tx\t1\na\ty\t2\t3\n' >"$T/table-too-many.tsv"
printf 'group\tterm\tn\na\tx\t1\na\ty\n' >"$T/table-too-few.tsv"
printf 'group\tterm\n' >"$T/table-no-column.tsv"
printf 'group\tterm\tn\r\na\tx\t1\r\n' >"$T/table-crlf.tsv"
printf 'group\tterm\tn\na\tbad\377\t1\n' >"$T/table-bad-utf8.tsv"
printf 'group\tterm\tn\na\tn\000ul\t1\n' >"$T/table-nul.tsv"
{ printf 'group\tterm\tn\na\t'; head -c 67108864 /dev/zero | tr '\0' 'a'; printf '\t1\n'; } >"$T/table-huge.tsv"

: >"$T/empty.tsv"
gzip -c "$T/docs.tsv" >"$T/docs.tsv.gz"
head -c 40 "$T/docs.tsv.gz" >"$T/truncated.tsv.gz"
for k in docs counts table; do cp "$T/$k.tsv" "$T/$k-fake.tsv.gz"; done
# a gzip member followed by bytes that are not another member (issue 15.3)
for k in docs counts table; do { gzip -c "$T/$k.tsv"; printf 'd3\tc\twords\n'; } >"$T/$k-trailing.tsv.gz"; done
mkdir "$T/adir"
slant-stance train -q -o "$T/model.gz" "$T/labelled.tsv"

# --- the tools and how each is called -------------------------------------
# name | arguments before the input | the kind of input it wants
tools() {
	cat <<LIST
slant-clean||docs
slant-split||docs
slant-docstats||docs
slant-count||docs
slant-frame|-l intervention|docs
slant-kwic|cartel*|docs
slant-stance|predict $T/model.gz|docs
slant-merge||counts
slant-table||counts
slant-keyness||counts
slant-scale|wordfish|counts
slant-plot|bars|table
LIST
}

# bad TOOL ARGS CASE INPUT STATUS REGEX: run with -o and check everything.
bad() {
	tool=$1 args=$2 case=$3 input=$4 status=$5 re=$6
	out=$T/out-$tool-$case.tsv
	# shellcheck disable=SC2086
	run "$tool" $args -o "$out" "$input"
	expect "$tool $case: exit $status" "$status" "^$tool: .*$re"
	absent "$tool $case: no output left" "$out"
}

tools >"$T/tools"
while IFS='|' read -r tool args kind; do
	bad "$tool" "$args" missing "$T/nope.tsv" 1 "nope.tsv"
	bad "$tool" "$args" directory "$T/adir" 1 "adir.*directory"
	bad "$tool" "$args" empty "$T/empty.tsv" 1 "empty.tsv.*empty input"
	bad "$tool" "$args" truncated-gzip "$T/truncated.tsv.gz" 1 "truncated.tsv.gz.*(truncated|unexpected end)"
	bad "$tool" "$args" gzip-trailing-bytes "$T/$kind-trailing.tsv.gz" 1 "$kind-trailing.tsv.gz.*not gzip"
	# gzip by content, not name (zcat -f): a plain file named .gz reads as plain
	# shellcheck disable=SC2086
	run "$tool" $args "$T/$kind.tsv"; cp "$T/out" "$T/plain.out"
	# shellcheck disable=SC2086
	run "$tool" $args "$T/$kind-fake.tsv.gz"
	expect "$tool plain file named .gz: exit 0" 0
	if cmp -s "$T/out" "$T/plain.out" || [ "$tool" = slant-stance ]; then pass "$tool plain file named .gz: read as plain"
	else fail "$tool plain file named .gz: read as plain" "output differs from the plain file's"; fi

	# any two paths of one command that are one file: refused before anything
	# is written (an output that is an input, by any name) (issue 15.11)
	cp "$T/$kind.tsv" "$T/inout.tsv"; cp "$T/inout.tsv" "$T/inout.keep"
	# shellcheck disable=SC2086
	run "$tool" $args -f -o "$T/inout.tsv" "$T/inout.tsv"
	expect "$tool output is its input: exit 1" 1 "^$tool: .*inout.tsv.*same file"
	same "$tool output is its input: input kept" "$T/inout.tsv" "$T/inout.keep"
	ln -f "$T/inout.tsv" "$T/inout-link.tsv"
	# shellcheck disable=SC2086
	run "$tool" $args -f -o "$T/inout-link.tsv" "$T/./inout.tsv"
	expect "$tool output is a hard link to its input: exit 1" 1 "^$tool: .*same file"
	same "$tool output is a hard link to its input: input kept" "$T/inout.tsv" "$T/inout.keep"

	# a file-size limit (ulimit -f) is a write error naming the output, with
	# no temporary file left (SIGXFSZ would kill the tool first) (issue 15.12)
	# (slant-stance meets the limit first in the model it loads through $TMPDIR)
	rm -rf "$T/limited.tsv" "$T/tmpd"; mkdir "$T/tmpd"
	# shellcheck disable=SC2086
	{ (ulimit -f 0; TMPDIR=$T/tmpd exec "$tool" $args -o "$T/limited.tsv" "$T/$kind.tsv") 2>&1 >/dev/null
	  echo $? >"$T/rc"; } | cat >"$T/err" # (the limit would stop a message written to a file)
	rc=$(cat "$T/rc")
	expect "$tool ulimit -f: exit 1" 1 "^$tool: .*(limited.tsv|tmpd/.*): File too large"
	absent "$tool ulimit -f: no output left" "$T/limited.tsv"
	if [ -z "$(ls -A "$T/tmpd")" ]; then pass "$tool ulimit -f: no temporary file left"
	else fail "$tool ulimit -f: no temporary file left" "$(ls -A "$T/tmpd")"; fi
	bad "$tool" "$args" too-many-fields "$T/$kind-too-many.tsv" 1 "$kind-too-many.tsv:[0-9]+:"
	bad "$tool" "$args" too-few-fields "$T/$kind-too-few.tsv" 1 "$kind-too-few.tsv:[0-9]+:"
	bad "$tool" "$args" missing-column "$T/$kind-no-column.tsv" 1 "$kind-no-column.tsv"
	case $kind in
	docs) bad "$tool" "$args" wrong-kind "$T/counts.tsv" 1 "counts.tsv.*(not a|no ')" ;;
	counts) bad "$tool" "$args" wrong-kind "$T/docs.tsv" 1 "docs.tsv.*(not a|no ')" ;;
	esac

	# an existing output is kept without -f
	echo keep >"$T/existing.tsv"
	# shellcheck disable=SC2086
	run "$tool" $args -o "$T/existing.tsv" "$T/$kind.tsv"
	expect "$tool existing output: exit 1" 1 "^$tool: .*existing.tsv.*exists"
	if [ "$(cat "$T/existing.tsv")" = keep ]; then pass "$tool existing output kept"; else fail "$tool existing output kept" "overwritten"; fi

	# a full disk is an error, on stdout and with -o
	# shellcheck disable=SC2086
	"$tool" $args "$T/$kind.tsv" >/dev/full 2>"$T/err"; rc=$?
	expect "$tool stdout on /dev/full: exit 1" 1 "^$tool: .*(space|write)"
	# shellcheck disable=SC2086
	run "$tool" $args -o /dev/full "$T/$kind.tsv"
	expect "$tool -o /dev/full: exit 1" 1 "^$tool: .*/dev/full"

	# header only, CRLF, invalid UTF-8 and NUL: a result or a clear error, never a crash
	for f in header-only crlf bad-utf8 nul huge; do
		[ "$f" = huge ] && [ "${SLANT_SKIP_HUGE:-0}" = 1 ] && continue
		f=$kind-$f
		# shellcheck disable=SC2086
		run "$tool" $args "$T/$f.tsv"
		case $rc in
		0) pass "$tool $f: handled" ;;
		1) if grep -q "^$tool: .*$f.tsv" "$T/err"; then pass "$tool $f: clear error"; else fail "$tool $f" "message does not name the file: $(head -c 200 "$T/err")"; fi ;;
		*) fail "$tool $f" "exit $rc: $(head -c 200 "$T/err")" ;;
		esac
	done

	# a NUL byte in a counts term: slant-merge keeps it (terms are bytes);
	# slant-table refuses it rather than cut a report cell short
	case $tool in slant-table)
		run "$tool" $args "$T/counts-nul.tsv"
		expect "$tool counts-nul: refused" 1 "^$tool: .*counts-nul\.tsv:[0-9]+: NUL byte in a group or term"
	esac

	# usage errors exit 2 and point at --help
	run "$tool" --no-such-option
	expect "$tool unknown option: exit 2" 2 "Try '$tool --help'"
	printf "%s: unknown option '--no-such-option'\nTry '%s --help' for more information.\n" "$tool" "$tool" >"$T/one.want"
	same "$tool unknown option: one message" "$T/one.want" "$T/err"
	run "$tool" --output
	expect "$tool option without its value" 2 "^$tool: option '--output' needs a value\$"
	[ "$(wc -l <"$T/err")" -eq 2 ] && pass "$tool missing value: one message" || fail "$tool missing value: one message" "$(cat "$T/err")"
	run "$tool" --help
	expect "$tool --help: exit 0" 0
	run "$tool" --version
	expect "$tool --version: exit 0" 0

	# reading from a closed standard input is an error, not a crash or an empty result
	# shellcheck disable=SC2086
	"$tool" $args - <&- >"$T/out" 2>"$T/err"; rc=$?
	expect "$tool closed stdin: exit 1" 1 "^$tool: "

	# writing into a closed pipe ends quietly
	# shellcheck disable=SC2086
	{ "$tool" $args "$T/$kind-many.tsv" 2>"$T/pipe.err"; echo $? >"$T/pipe.rc"; } | head -n 1 >/dev/null
	prc=$(cat "$T/pipe.rc")
	if { [ "$prc" = 0 ] || [ "$prc" = 141 ]; } && [ ! -s "$T/pipe.err" ]; then pass "$tool closed pipe: quiet"
	else fail "$tool closed pipe" "exit $prc, stderr: $(head -c 200 "$T/pipe.err")"; fi

done <"$T/tools"

# two outputs of one command that are one file, however spelled (issue 15.11)
run slant-clean --explain "$T/both.tsv" -o "$T/both.tsv" "$T/docs.tsv"
expect "slant-clean --explain X -o X: exit 1" 1 "^slant-clean: .*both.tsv.*same file"
absent "slant-clean --explain X -o X: nothing written" "$T/both.tsv"
mkdir -p "$T/sub"
run slant-clean --explain "$T/sub/../both.tsv" -o "$T/both.tsv" "$T/docs.tsv"
expect "slant-clean --explain D/../X -o X: exit 1" 1 "^slant-clean: .*both.tsv.*same file"
absent "slant-clean --explain D/../X -o X: nothing written" "$T/both.tsv"
cp "$T/docs.tsv" "$T/in2.tsv"
run slant-clean -f --explain "$T/in2.tsv" -o "$T/both.tsv" "$T/in2.tsv"
expect "slant-clean --explain INPUT: exit 1" 1 "^slant-clean: .*in2.tsv.*same file"
same "slant-clean --explain INPUT: input kept" "$T/in2.tsv" "$T/docs.tsv"
absent "slant-clean --explain INPUT: no output" "$T/both.tsv"
printf 'f\tcartel\n' >"$T/lex.tsv"
run slant-frame -l "$T/lex.tsv" --matches "$T/both.tsv" -o "$T/./both.tsv" "$T/docs.tsv"
expect "slant-frame --matches X -o X: exit 1" 1 "^slant-frame: .*both.tsv.*same file"
absent "slant-frame --matches X -o X: nothing written" "$T/both.tsv"
run slant-frame -f -l "$T/lex.tsv" --matches "$T/both.tsv" -o "$T/both.tsv" "$T/docs.tsv"
expect "slant-frame -f --matches X -o X: exit 1" 1 "^slant-frame: .*both.tsv.*same file"
absent "slant-frame -f --matches X -o X: nothing written" "$T/both.tsv"
run slant-clean --explain /dev/null -o /dev/null "$T/docs.tsv"
expect "slant-clean: /dev/null twice is fine" 0
finish
