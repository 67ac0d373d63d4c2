# slant-docs -j N: JSON Lines parsed by threads give byte-identical output to
# one thread (with metadata, generated ids, several inputs, gzip, stdin);
# errors in the middle are reported as with one thread; warnings agree.
. "$(dirname "$0")/lib.sh"
D=$TOP/tests/data
RAW=$TOP/corpus/mexico/raw
META=$TOP/corpus/mexico/sources.tsv

# JSON Lines from docs TSV rows: linear-TSV escapes are JSON escapes too, so
# only quotes need escaping.  Four copies of the seed and synthetic docs, and
# each paragraph as a document: several batches of 256 records.
awk -v key="$T/key.tsv" -f "$D/clean-synth.awk" "$D/clean-synth-chrome.txt" \
	"$D/clean-synth-body.txt" >"$T/synth.tsv"
tojson() { # tojson FILE...: {"id","source","n","text"} per row; every 7th has no n
	awk -F'\t' 'FNR == 1 { next } {
		for (c = 0; c < 4; c++) {
			np = split($3, p, /\\n\\n/)
			for (i = 0; i <= np; i++) {
				t = i ? p[i] : $3
				gsub(/"/, "\\\"", t)
				id = $1 "." c "." i
				n = ++k % 7 ? ",\"n\":" k : ""
				printf "{\"id\":\"%s\",\"source\":\"%s\"%s,\"text\":\"%s\"}\n", id, $2, n, t
				if (k % 50 == 0) print ""
			}
		}
	}' "$@"
}
tojson "$D/mexico-seeds-docs.tsv" "$T/synth.tsv" >"$T/many.jsonl"
gzip -c "$T/many.jsonl" >"$T/many.jsonl.gz"
recs=$(grep -c . "$T/many.jsonl")
[ "$recs" -gt 600 ] && pass "test corpus: $recs records" || fail "test corpus" "$recs records"
# invalid UTF-8 in a few records (replaced, counted, first place named)
awk 'NR % 97 == 5 { sub(/"text":"/, "&\377\376") } { print }' "$T/many.jsonl" >"$T/bad8.jsonl"
# no id key: ids are generated from the record number; a BOM on line 1;
# nested values kept as JSON
{
	printf '\357\273\277'
	awk -F'"' 'NR <= 700 && NF > 1 { printf "{\"outlet\":\"o%d\",\"tags\":[%d,{\"k\":\"v\"}],\"text\":\"%s\"}\n", NR % 5, NR, $(NF - 1) }' "$T/many.jsonl"
} >"$T/noid.jsonl"
# metadata keyed by the seed ids of copy 0
awk -F'\t' 'NR == 1 { print "id\tdate\tsource"; next } { print $1 ".0.0\t2025-11-" NR "\tmeta-" NR }' \
	"$D/mexico-seeds-docs.tsv" >"$T/meta.tsv"

ok() { # ok NAME: the last run exited 0 with output, no sanitizer report (warnings allowed)
	if grep -Eq 'Sanitizer|runtime error:' "$T/err"; then fail "$1" "sanitizer report"
	elif [ "$rc" -ne 0 ] || [ ! -s "$T/out" ]; then fail "$1" "exit $rc: $(head -c 300 "$T/err")"
	else pass "$1"; fi
}

check() { # check NAME ARGS...: -j 2 and 3 equal -j 1 (stdout and stderr)
	name=$1
	shift
	run slant-docs "$@"
	ok "$name: -j 1"
	mv "$T/out" "$T/one"
	mv "$T/err" "$T/err1"
	for j in 2 3; do
		run slant-docs -j $j "$@"
		ok "$name: -j $j"
		same "$name: -j $j == -j 1" "$T/out" "$T/one"
		same "$name: -j $j warnings == -j 1" "$T/err" "$T/err1"
	done
}

check "jsonl" -q "$T/many.jsonl"
check "jsonl, gzip" -q "$T/many.jsonl.gz"
check "jsonl, bad UTF-8 warning" "$T/bad8.jsonl"
grep -q 'invalid UTF-8 sequences replaced by U+FFFD (first at .*bad8.jsonl:5;' "$T/err1" &&
	pass "bad UTF-8: first place named" || fail "bad UTF-8: first place named" "$(cat "$T/err1")"
check "jsonl, generated ids, BOM, nested" -q "$T/noid.jsonl"
check "jsonl, metadata, unmatched warning" --meta "$T/meta.tsv" "$T/many.jsonl"
check "jsonl with tsv, dir and jsonl inputs" -q "$T/synth.tsv" "$T/noid.jsonl" "$RAW" "$T/many.jsonl.gz"
run slant-docs -q -F jsonl - <"$T/many.jsonl"
ok "format forced, stdin: -j 1"
mv "$T/out" "$T/one"
run slant-docs -q -j 2 -F jsonl - <"$T/many.jsonl"
ok "format forced, stdin: -j 2"
same "format forced, stdin: -j 2 == -j 1" "$T/out" "$T/one"
check "metadata file, --source-col" -q --source-col outlet --meta "$META" "$T/noid.jsonl" "$RAW"

run slant-docs -q --threads 0 -o "$T/o.tsv.gz" "$T/many.jsonl"
expect "--threads 0 -o FILE.gz" 0
run slant-docs -q "$T/many.jsonl"
gzip -dc "$T/o.tsv.gz" >"$T/o.tsv"
same "--threads 0 output file" "$T/o.tsv" "$T/out"

# errors in the middle: the message, status and output of -j 1, and no
# output file.  `at` is a line number well past the first batches.
at=$((recs / 2 + 3))
splice() { # splice FILE LINE: many.jsonl with LINE put before line $at
	{ head -n $((at - 1)) "$T/many.jsonl"; printf '%s\n' "$2"; tail -n +$at "$T/many.jsonl"; } >"$T/$1"
}
splice syntax.jsonl '{"id":"x","text":"unclosed}'
splice notobj.jsonl '[1,2]'
splice newkey.jsonl '{"id":"x","text":"t","extra":1}'
splice dupid.jsonl '{"id":"synth01.0.0","text":"again"}'
{ head -n $((at - 1)) "$T/many.jsonl"; printf '{"id":"x","text":"a\000b"}\n'; tail -n +$at "$T/many.jsonl"; } >"$T/nul.jsonl"
awk -v n=$at 'NR == n { sub(/"text":"/, "&\377") } { print }' "$T/many.jsonl" >"$T/strict.jsonl"
# two errors: a duplicate id (found by the reading thread) before a syntax
# error (found by a parser) in a later batch: the duplicate is reported
{ head -n $((at - 1)) "$T/many.jsonl"; echo '{"id":"synth01.0.0","text":"again"}';
	sed -n "$at,$((at + 600))p" "$T/many.jsonl"; echo '{"id":'; tail -n +$((at + 601)) "$T/many.jsonl"; } >"$T/two.jsonl"

errcase() { # errcase NAME FILE REGEX [OPTION]
	run slant-docs -q ${4:-} "$T/$2"
	expect "$1, -j 1" 1 "$3"
	mv "$T/out" "$T/one"
	mv "$T/err" "$T/err1"
	for j in 2 3; do
		run slant-docs -q ${4:-} -j $j "$T/$2"
		expect "$1, -j $j: status" 1
		same "$1, -j $j: message" "$T/err" "$T/err1"
		same "$1, -j $j: standard output" "$T/out" "$T/one"
		run slant-docs -q ${4:-} -j $j -o "$T/none.tsv" "$T/$2"
		expect "$1, -j $j -o" 1 "$3"
		absent "$1, -j $j: no output file" "$T/none.tsv"
	done
}
errcase "syntax error" syntax.jsonl "syntax.jsonl:$at: invalid JSON"
errcase "not an object" notobj.jsonl "notobj.jsonl:$at: expected a JSON object"
errcase "new key" newkey.jsonl "newkey.jsonl:$at: key 'extra' is not in the first object"
errcase "duplicate id" dupid.jsonl "dupid.jsonl:$at: duplicate id 'synth01.0.0' \\(first at .*dupid.jsonl:[0-9]+\\)"
errcase "NUL byte" nul.jsonl "nul.jsonl:$at: NUL byte"
errcase "--strict, invalid UTF-8" strict.jsonl "strict.jsonl:$at: invalid UTF-8" --strict
errcase "first of two errors" two.jsonl "two.jsonl:$at: duplicate id"
printf '{"id":"a","text":"x"}\n{"id":"b","text":"y"}\n{"id":\n{"id":"c","text":"z"}\n' >"$T/early.jsonl"
errcase "error on line 3 of 4" early.jsonl "early.jsonl:3: invalid JSON"
printf '{"id":"a","text":"x"}\n' | gzip -c | head -c 30 >"$T/trunc.jsonl.gz"
errcase "truncated gzip" trunc.jsonl.gz "trunc.jsonl.gz"

# options
threads_usage slant-docs "$T/many.jsonl"
finish
