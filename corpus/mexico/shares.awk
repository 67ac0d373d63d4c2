# Predicted stance shares per outlet: reads slant-stance predict output (TSV
# with `source` and `pred` columns), writes source, pred, n, share, one row
# per outlet and label, sorted.  Used by report.sh.
NR == 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	if (!("source" in col) || !("pred" in col)) {
		print "shares.awk: input has no source or pred column" > "/dev/stderr"
		exit 1
	}
	next
}
{
	s = $col["source"]; p = $col["pred"]
	total[s]++; n[s SUBSEP p]++; labels[p] = 1
}
END {
	print "source\tpred\tn\tshare"
	m = 0
	for (s in total) for (p in labels) rows[++m] = s "\t" p
	# insertion sort: outlets and labels in byte order, stable output
	for (i = 2; i <= m; i++) { v = rows[i]; for (j = i - 1; j > 0 && rows[j] > v; j--) rows[j + 1] = rows[j]; rows[j + 1] = v }
	for (i = 1; i <= m; i++) {
		split(rows[i], f, "\t")
		k = n[f[1] SUBSEP f[2]] + 0
		printf "%s\t%s\t%d\t%.4f\n", f[1], f[2], k, k / total[f[1]]
	}
}
