# The bad-input battery (issue 8): every tool, the same hostile inputs.
# Each case asserts the exit status, a message that names the tool and the
# file, and that no output file (or temporary file) is left behind.
. "$(dirname "$0")/lib.sh"

# --- inputs -------------------------------------------------------------
printf 'id\tsource\ttext\nd1\ta\tThe cartel said no. Mexico is sovereign.\nd2\tb\tTrump wants strikes on cartels.\n' >"$T/docs.tsv"
printf 'id\tsource\ttext\n' >"$T/header-only.tsv"
: >"$T/empty.tsv"
printf 'id\tsource\ttext\nd1\ta\tok\nd2\tb\ttoo\tmany\n' >"$T/too-many.tsv"
printf 'id\tsource\ttext\nd1\ta\tok\nd2\tb\n' >"$T/too-few.tsv"
printf 'id\tsource\nd1\ta\n' >"$T/no-text.tsv"
printf 'group\tterm\tn\tdf\nall\tx\t1\t1\n' >"$T/counts-like.tsv"
printf 'id\tsource\ttext\r\nd1\ta\tcrlf line ends\r\n' >"$T/crlf.tsv"
printf 'id\tsource\ttext\nd1\ta\tbad \377\376 bytes\n' >"$T/bad-utf8.tsv"
printf 'id\tsource\ttext\nd1\ta\tnul\000byte\n' >"$T/nul.tsv"
gzip -c "$T/docs.tsv" >"$T/docs.tsv.gz"
head -c 40 "$T/docs.tsv.gz" >"$T/truncated.tsv.gz"
cp "$T/docs.tsv" "$T/fake.tsv.gz"
mkdir "$T/adir"
{ printf 'id\tsource\ttext\nhuge\ts\t'; head -c 67108864 /dev/zero | tr '\0' 'a'; printf ' end.\n'; } >"$T/huge.tsv"

# --- the tools and how each is called -------------------------------------
# name | arguments before the input | the input kind it wants
tools() {
	cat <<'LIST'
slant-clean||docs
slant-split||docs
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
	bad "$tool" "$args" fake-gzip "$T/fake.tsv.gz" 1 "fake.tsv.gz.*not in gzip format"
	bad "$tool" "$args" too-many-fields "$T/too-many.tsv" 1 "too-many.tsv:3:"
	bad "$tool" "$args" too-few-fields "$T/too-few.tsv" 1 "too-few.tsv:3:"
	if [ "$kind" = docs ]; then
		bad "$tool" "$args" missing-column "$T/no-text.tsv" 1 "no-text.tsv.*text"
		bad "$tool" "$args" wrong-kind "$T/counts-like.tsv" 1 "counts-like.tsv.*(not a|no ').*"
	fi

	# an existing output is kept without -f
	echo keep >"$T/existing.tsv"
	# shellcheck disable=SC2086
	run "$tool" $args -o "$T/existing.tsv" "$T/docs.tsv"
	expect "$tool existing output: exit 1" 1 "^$tool: .*existing.tsv.*exists"
	if [ "$(cat "$T/existing.tsv")" = keep ]; then pass "$tool existing output kept"; else fail "$tool existing output kept" "overwritten"; fi

	# a full disk is an error, on stdout and with -o
	# shellcheck disable=SC2086
	"$tool" $args "$T/docs.tsv" >/dev/full 2>"$T/err"; rc=$?
	expect "$tool stdout on /dev/full: exit 1" 1 "^$tool: .*(space|write)"
	# shellcheck disable=SC2086
	run "$tool" $args -o /dev/full "$T/docs.tsv"
	expect "$tool -o /dev/full: exit 1" 1 "^$tool: .*/dev/full"

	# header only, CRLF, invalid UTF-8 and NUL: a result or a clear error, never a crash
	for f in header-only crlf bad-utf8 nul; do
		# shellcheck disable=SC2086
		run "$tool" $args "$T/$f.tsv"
		case $rc in
		0) pass "$tool $f: handled" ;;
		1) if grep -q "^$tool: .*$f.tsv" "$T/err"; then pass "$tool $f: clear error"; else fail "$tool $f" "message does not name the file: $(head -c 200 "$T/err")"; fi ;;
		*) fail "$tool $f" "exit $rc: $(head -c 200 "$T/err")" ;;
		esac
	done

	# usage errors exit 2 and point at --help
	run "$tool" --no-such-option
	expect "$tool unknown option: exit 2" 2 "Try '$tool --help'"
	run "$tool" --help
	expect "$tool --help: exit 0" 0
	run "$tool" --version
	expect "$tool --version: exit 0" 0

	# writing into a closed pipe ends quietly
	awk 'BEGIN { print "id\tsource\ttext"; for (i = 0; i < 20000; i++) print "d" i "\ts\tOne sentence here. And another one there." }' >"$T/many.tsv"
	# shellcheck disable=SC2086
	{ "$tool" $args "$T/many.tsv" 2>"$T/pipe.err"; echo $? >"$T/pipe.rc"; } | head -n 1 >/dev/null
	prc=$(cat "$T/pipe.rc")
	if { [ "$prc" = 0 ] || [ "$prc" = 141 ]; } && [ ! -s "$T/pipe.err" ]; then pass "$tool closed pipe: quiet"
	else fail "$tool closed pipe" "exit $prc, stderr: $(head -c 200 "$T/pipe.err")"; fi

	# a 64 MiB line: works, or fails with a message; never a crash
	# shellcheck disable=SC2086
	run "$tool" $args "$T/huge.tsv"
	case $rc in
	0) pass "$tool 64 MiB line: handled" ;;
	1) if grep -q "^$tool: .*huge.tsv" "$T/err"; then pass "$tool 64 MiB line: clear error"; else fail "$tool 64 MiB line" "$(head -c 200 "$T/err")"; fi ;;
	*) fail "$tool 64 MiB line" "exit $rc: $(head -c 200 "$T/err")" ;;
	esac
done <"$T/tools"
finish
