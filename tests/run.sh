#!/bin/sh
# Runs every unit test program and every tool test script; each prints
# "PASS name" / "FAIL name: why" lines.  Ends with "N passed, N failed".
# Usage: tests/run.sh [unit|cli]   (env: SLANT_BIN, SLANT_UNITS)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
: "${SLANT_BIN:=$top/bin}" "${SLANT_UNITS:=$top/build/rel/tests}"
export SLANT_BIN SLANT_UNITS SLANT_MODELS="$top/models"
# A sanitizer report must never pass for an ordinary "exit 1": give it its own status.
export ASAN_OPTIONS="exitcode=86:detect_leaks=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="exitcode=87:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT

run_one() { # name, command...
	name=$1; shift
	"$@" >"$log.out" 2>&1
	rc=$?
	cat "$log.out" >>"$log"
	grep -E '^(PASS|FAIL) ' "$log.out" | grep '^FAIL' || true
	if [ $rc -ne 0 ] && ! grep -q '^FAIL ' "$log.out"; then
		echo "FAIL $name: exited $rc without a FAIL line" | tee -a "$log"
		sed 's/^/  | /' "$log.out" | tail -n 20
	fi
	rm -f "$log.out"
}

if [ "$what" != cli ]; then
	for t in "$SLANT_UNITS"/*; do
		[ -x "$t" ] || continue
		echo "unit $(basename "$t")"
		run_one "$(basename "$t")" "$t"
	done
fi
if [ "$what" != unit ]; then
	for t in "$top"/tests/cli/*.sh; do
		case $t in */lib.sh) continue ;; esac
		echo "cli  $(basename "$t" .sh)"
		run_one "$(basename "$t")" sh "$t"
	done
fi
passed=$(grep -c '^PASS ' "$log")
failed=$(grep -c '^FAIL ' "$log")
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
