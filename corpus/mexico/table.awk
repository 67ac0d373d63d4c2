# Turn a slant TSV table into Markdown (fmt=md) or an HTML table (fmt=html).
# Optional cols="a,b,c" keeps those columns in that order.  Fields are
# unescaped (\t, \n, \\) for display.  Used by report-page.sh.
BEGIN { FS = "\t" }
/^#/ { next }
function unesc(s) { gsub(/\\n/, " ", s); gsub(/\\t/, " ", s); gsub(/\\\\/, "\\", s); return s }
function html(s) { gsub(/&/, "\\&amp;", s); gsub(/</, "\\&lt;", s); gsub(/>/, "\\&gt;", s); return s }
function md(s) { gsub(/\|/, "\\|", s); return s }
function cell(s) { s = unesc(s); return fmt == "html" ? html(s) : md(s) }
function num(s) { return s ~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/ }
!head {
	head = 1
	if (cols == "") for (i = 1; i <= NF; i++) pick[++np] = i
	else {
		for (i = 1; i <= NF; i++) idx[$i] = i
		n = split(cols, want, ",")
		for (j = 1; j <= n; j++) if (want[j] in idx) pick[++np] = idx[want[j]]
	}
	if (fmt == "html") {
		printf "<table>\n<thead><tr>"
		for (j = 1; j <= np; j++) printf "<th>%s</th>", cell($pick[j])
		print "</tr></thead>\n<tbody>"
	} else {
		line = "|"; rule = "|"
		for (j = 1; j <= np; j++) { line = line " " cell($pick[j]) " |"; rule = rule " --- |" }
		print line; print rule
	}
	next
}
{
	if (fmt == "html") {
		printf "<tr>"
		for (j = 1; j <= np; j++) {
			v = $pick[j]
			printf "<td%s>%s</td>", num(v) ? " class=\"n\"" : "", cell(v)
		}
		print "</tr>"
	} else {
		line = "|"
		for (j = 1; j <= np; j++) line = line " " cell($pick[j]) " |"
		print line
	}
}
END { if (fmt == "html" && head) print "</tbody>\n</table>" }
