# slant-count --max-mem: counts spilled to sorted runs and merged equal the
# in-memory counts; runs are merged in levels; no temporary file is left,
# after success, error or interrupt.  SLANT_TRACE_SPILL=1 makes slant-count
# name each run on stderr, so the tests know spilling happened.
. "$(dirname "$0")/lib.sh"
# the shared data beside the checkout, or $SLANT_DATA
RT=${SLANT_DATA:-$TOP/../shared/data}/polarity/rt-polarity.tsv
[ -f "$RT" ] || { echo "FAIL data: no $RT (set SLANT_DATA)"; exit 1; }
mkdir "$T/tmp"
export TMPDIR="$T/tmp"
# two copies of rt-polarity with distinct ids: 21324 documents
{ cat "$RT"; tail -n +2 "$RT" | sed 's/^rt/xx/'; } >"$T/rt2.tsv"

check() { # check NAME MINRUNS ARGS...: --max-mem 16M (-j 1, 2, 3) == in memory
	name=$1
	min=$2
	shift 2
	run slant-count -q "$@"
	expect "$name: in memory" 0
	mv "$T/out" "$T/mem"
	for j in 1 2 3; do
		SLANT_TRACE_SPILL=1 run slant-count -q -j $j --max-mem 16M "$@"
		if [ "$min" -gt 0 ]; then
			expect "$name: -j $j --max-mem 16M" 0 '^slant-count: run '
		else
			expect "$name: -j $j --max-mem 16M" 0
		fi
		same "$name: -j $j spilled == in memory" "$T/out" "$T/mem"
		runs=$(grep -c '^slant-count: run ' "$T/err")
		if [ "$runs" -ge "$min" ]; then pass "$name: -j $j: $runs runs"; else fail "$name: -j $j" "$runs runs, expected >= $min"; fi
	done
	left=$(ls -A "$T/tmp")
	if [ -z "$left" ]; then pass "$name: no temporary files left"; else fail "$name" "left: $left"; fi
}

check "trigrams" 2 --ngrams 1-3 "$RT"
check "by id, 1-3, pruned" 2 --by id --ngrams 1-3 --min-count 2 --min-docs 1 "$RT"
check "by label, stopwords, 1-3" 1 --by label --stopwords en --ngrams 1-3 "$T/rt2.tsv"
check "unigrams fit: no run" 0 --by label "$RT"

# 20 runs with -j 3: sixteen of them merged into one run of the next level
SLANT_TRACE_SPILL=1 run slant-count -q -j 3 --max-mem 16M --by id --ngrams 1-3 -o "$T/lv.tsv" "$T/rt2.tsv"
expect "two-level merge" 0 '^slant-count: run ' 
if grep -q 'level 1$' "$T/err"; then pass "a level-1 run was made"; else fail "level-1 run" "$(tail -n 2 "$T/err")"; fi
run slant-count -q --by id --ngrams 1-3 "$T/rt2.tsv"
same "two-level merge == in memory" "$T/lv.tsv" "$T/out"

# an unusable TMPDIR is an error naming the run file; no output is left
TMPDIR=$T/no/such/dir run slant-count -q --max-mem 16M --ngrams 1-3 -o "$T/bad.tsv" "$RT"
expect "TMPDIR missing" 1 "slant-count: .*no/such/dir"
absent "no output after a spill error" "$T/bad.tsv"

# interrupted while reading (a run already spilled): nothing left behind,
# with a named output (text_io's temporary file too) and with stdout
interrupt() { # interrupt NAME OUTPUT-ARGS...
	name=$1
	shift
	rm -f "$T/fifo"
	mkfifo "$T/fifo"
	(cat "$T/rt2.tsv"; exec sleep 60) >"$T/fifo" &
	feeder=$!
	SLANT_TRACE_SPILL=1 slant-count -q --max-mem 16M --by id --ngrams 1-3 "$@" "$T/fifo" \
		>"$T/int.out" 2>"$T/int.err" &
	pid=$!
	i=0
	while ! grep -q '^slant-count: run ' "$T/int.err" && [ $i -lt 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -TERM $pid
	wait $pid
	st=$?
	kill $feeder 2>/dev/null
	wait $feeder 2>/dev/null
	if [ $st -eq 143 ]; then pass "$name: SIGTERM ends slant-count"; else fail "$name: SIGTERM" "status $st: $(cat "$T/int.err")"; fi
	left=$(ls -A "$T/tmp")
	if [ -z "$left" ]; then pass "$name: no run files after SIGTERM"; else fail "$name: SIGTERM" "left: $left"; fi
}
interrupt "-o FILE" -o "$T/int.tsv"
absent "no output after SIGTERM" "$T/int.tsv"
interrupt "stdout"

run slant-count --max-mem 1M "$RT"
expect "--max-mem below 16M" 2 "at least 16M"
run slant-count --max-mem lots "$RT"
expect "--max-mem lots" 2 "Try 'slant-count --help'"
finish
