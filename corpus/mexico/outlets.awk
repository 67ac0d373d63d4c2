# Per-outlet corpus table for the report: documents, tokens, lines kept and
# dropped by slant-clean, sentences.  Inputs, in this order (all TSV, plain):
# tokens counts (total rows), clean docs, removed lines (--explain), sentences.
BEGIN { FS = "\t"; OFS = "\t" }
FNR == 1 { file++ }
/^#/ { next }
FNR == 1 || (file == 1 && $1 == "group") { delete col; for (i = 1; i <= NF; i++) col[$i] = i; next }
file == 1 { if ($col["term"] == "") { tokens[$col["group"]] = $col["n"]; docs[$col["group"]] = $col["df"] }; next }
file == 2 {
	s = $col["source"]; src[$col["id"]] = s
	n = split($col["text"], a, /\\n/)
	for (i = 1; i <= n; i++) if (a[i] ~ /[^ ]/) kept[s]++
	next
}
file == 3 { if ($col["rule"] != "title") dropped[src[$col["doc"]]]++; next }
file == 4 { sentences[$col["source"]]++ }
END {
	print "outlet", "documents", "tokens", "lines_kept", "lines_dropped", "sentences"
	for (s in docs) print s, docs[s], tokens[s], kept[s] + 0, dropped[s] + 0, sentences[s] + 0 | "LC_ALL=C sort"
}
