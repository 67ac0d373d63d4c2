# Builds a docs file from clean-synth-body.txt (articles, "@ source" lines
# start each) and clean-synth-chrome.txt (chrome lines of many shapes), and a
# key file: doc, line, kind (body/chrome).  Each document gets 8 chrome lines
# in turn (2 before the headline, 1 after it, 1 after body lines 3 and 7, 3
# at the end), a per-source tagline (removed by the repeat rule), and odd
# documents have blank lines between all lines.
# Usage: awk -v key=KEY -f clean-synth.awk chrome body > docs
function add(kind, s) {
	if (nl > 0 && blanks) { text = text "\\n"; nl++ }
	text = (nl > 0 ? text "\\n" : text) s; nl++
	print id "\t" nl "\t" kind "\t" s > key
}
function flush(   i) {
	if (id == "") return
	add("chrome", C[(ci++ % nc) + 1]); add("chrome", C[(ci++ % nc) + 1]); add("chrome", C[(ci++ % nc) + 1])
	if (src == "diario-costa")
		add("chrome", "This article is also available in English for our international readers.")
	else
		add("chrome", tag[src])
	print id "\t" src "\t" text
}
FNR == NR { C[++nc] = $0; next }
FNR == 1 {
	print "id\tsource\ttext"
	tag["harbour-times"] = "The Harbour Times has covered the north coast since 1921."
	tag["valley-post"] = "The Valley Post is an independent newspaper owned by its readers."
}
/^@ / {
	flush()
	src = $2; ndoc++; id = sprintf("synth%02d", ndoc); text = ""; nl = 0; nb = 0
	blanks = ndoc % 2
	head = 1
	next
}
{
	if (head) {
		add("chrome", C[(ci++ % nc) + 1]); add("chrome", C[(ci++ % nc) + 1])
		add("body", $0)
		add("chrome", C[(ci++ % nc) + 1])
		head = 0
		next
	}
	add("body", $0); nb++
	if (nb == 3 || nb == 7) add("chrome", C[(ci++ % nc) + 1])
}
END { flush() }
