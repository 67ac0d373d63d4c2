# Shared by tool tests (sourced).  Each case prints "PASS name" or
# "FAIL name: why".  $SLANT_BIN holds the tools; $T is a scratch directory
# removed at exit; golden files live in tests/cli/golden/.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
GOLD=$HERE/golden
TOP=$(cd "$HERE/../.." && pwd)
PATH=$SLANT_BIN:$PATH
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT
fails=0

pass() { echo "PASS $1"; }
fail() { echo "FAIL $1: $2"; fails=$((fails + 1)); }

# run CMD...: runs it, capturing $T/out, $T/err and $rc.
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# expect NAME STATUS [STDERR-REGEX]: checks $rc and the stderr text of the last run.
expect() {
	if grep -Eq 'Sanitizer|runtime error:' "$T/err"; then
		fail "$1" "sanitizer report: $(grep -E -m1 'Sanitizer|runtime error:' "$T/err")"
	elif [ "$rc" -ne "$2" ]; then
		fail "$1" "exit $rc, expected $2; stderr: $(head -c 300 "$T/err")"
	elif [ $# -ge 3 ] && ! grep -Eq -- "$3" "$T/err"; then
		fail "$1" "stderr does not match /$3/: $(head -c 300 "$T/err")"
	elif [ "$2" -eq 0 ] && [ $# -lt 3 ] && [ -s "$T/err" ]; then
		fail "$1" "unexpected stderr: $(head -c 300 "$T/err")"
	else
		pass "$1"
	fi
}

# golden NAME FILE [GOLDEN]: FILE (gunzipped if gzip) equals golden/GOLDEN.
# With SLANT_BLESS=1 the golden file is (re)written instead.
golden() {
	g=$GOLD/${3:-$1}
	f=$2
	if gzip -t "$f" 2>/dev/null; then gzip -dc "$f" >"$T/golden.cmp"; f=$T/golden.cmp; fi
	if [ "${SLANT_BLESS:-}" = 1 ]; then cp "$f" "$g"; pass "$1"; return; fi
	if [ ! -f "$g" ]; then fail "$1" "no golden file $g"; return; fi
	if cmp -s "$f" "$g"; then pass "$1"; else
		fail "$1" "differs from golden/$(basename "$g"): $(diff "$g" "$f" | head -n 5 | tr '\n' '|')"
	fi
}

# counts_rows FILE: a counts file's rows, without its header and metadata
# rows (empty group, a term with '=', n and df 0).
counts_rows() { awk -F'\t' 'NR > 1 && !($1 == "" && $3 == "0" && $4 == "0" && index($2, "="))' "$1"; }
# counts_head FILE: its header and metadata rows, as they are.
counts_head() { awk -F'\t' 'NR == 1 || ($1 == "" && $3 == "0" && $4 == "0" && index($2, "="))' "$1"; }
# counts_meta FILE: its metadata rows, as key=value lines.
counts_meta() { awk -F'\t' 'NR > 1 && $1 == "" && $3 == "0" && $4 == "0" && index($2, "=") { print $2 }' "$1"; }

# same NAME A B: two files have the same content.
same() {
	if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$2 and $3 differ: $(diff "$2" "$3" | head -n 5 | tr '\n' '|')"; fi
}

# absent NAME PATH: no such file (no partial output left behind).
absent() {
	if [ -e "$2" ]; then fail "$1" "$2 exists"; else
		leftovers=$(ls -A "$(dirname "$2")" | grep -F ".$(basename "$2")." || true)
		if [ -n "$leftovers" ]; then fail "$1" "temporary files left: $leftovers"; else pass "$1"; fi
	fi
}

# threads_usage TOOL INPUT: --help names -j, and -j or --threads outside 0
# to 256 is a usage error.
threads_usage() {
	run "$1" --help
	expect "--help" 0
	grep -q -- '-j, --threads' "$T/out" && pass "--help names -j" || fail "--help names -j" "not there"
	run "$1" -j x "$2"
	expect "-j x" 2 "Try '$1 --help'"
	run "$1" -j -1 "$2"
	expect "-j -1" 2
	run "$1" --threads 100000 "$2"
	expect "--threads 100000" 2
}

finish() { [ "$fails" -eq 0 ]; }
