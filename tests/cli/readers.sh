# R and pandas read every stage file and report table with the one option
# set of slant-formats(5): right row count, every value as written
# (hashtags, '#' in ids, fields that begin with '"', the words NA/nan/null,
# ids like 007, spaces at the ends of a field).
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3

# Documents whose fields are what default reader settings damage.
cat >"$T/in.jsonl" <<'EOF'
{"id": "007", "source": "NA", "title": "\"Quoted\" title", "text": "\"We will not allow it,\" she said. #NoWar #NA null nan NA. The border is closed."}
{"id": "a#1", "source": "nan", "title": "  padded  ", "text": "null NA nan #hashtag. \"Border\" talks. Cartel strike."}
{"id": "\"x", "source": "#tag", "title": "T", "text": "Line one\nline two. México and 日本. NULL None N/A #N/A -nan 1.#IND."}
{"id": "T", "source": "null", "title": "", "text": "The cartel strike was \"surgical\". Military strike on the border."}
{"id": "NA", "source": "#tag", "title": "FALSE", "text": "#NA #nan strike military. The end."}
EOF
slant-docs "$T/in.jsonl" -o "$T/docs.tsv" &&
	slant-clean -q "$T/docs.tsv" -o "$T/clean.tsv" --explain "$T/removed.tsv" &&
	slant-split "$T/docs.tsv" -o "$T/sentences.tsv" &&
	slant-count --by source --ngrams 1-2 "$T/docs.tsv" -o "$T/counts.tsv" &&
	slant-count --by source --no-fold "$T/docs.tsv" -o "$T/counts-gz.tsv.gz" &&
	slant-table -n 50 --by source "$T/counts.tsv" >"$T/table.tsv" &&
	slant-keyness "$T/counts.tsv" >"$T/keyness.tsv" &&
	slant-frame -q --lexicon "$HERE/data/frame-lex.tsv" "$T/docs.tsv" >"$T/frame.tsv" &&
	slant-kwic strike "$T/docs.tsv" >"$T/kwic.tsv" &&
	slant-stance train -q "$HERE/stance/train.tsv" -o "$T/m.model.gz" &&
	slant-stance predict "$T/m.model.gz" "$T/sentences.tsv" >"$T/pred.tsv" &&
	slant-stance predict "$T/m.model.gz" "$HERE/stance/test.tsv" | slant-stance eval >"$T/eval.tsv" ||
	{ fail "making the files" "a tool failed"; exit 1; }
files="docs clean removed sentences counts table keyness frame kwic pred eval"

# The files hold the cases (else the test proves nothing).
has() { if grep -q -- "$2" "$T/$1.tsv"; then pass "$1 holds $3"; else fail "$1 holds $3" "no /$2/"; fi; }
TAB=$(printf '\t')
has docs "^007$TAB" "the id 007"
has docs "^a#1$TAB" "an id with #"
has docs "^\"x$TAB" "an id that begins with \""
has docs "^T${TAB}null$TAB" "the id T, the source null"
has sentences "#1$TAB" "DOC#N ids"
has sentences "$TAB\"We will" "a text that begins with \""
has counts "^NA${TAB}nan$TAB" "group NA, term nan"
has counts "^nan${TAB}null$TAB" "the term null"
has counts "^nan${TAB}na$TAB" "the term na"
has counts "${TAB}#hashtag$TAB" "a hashtag term"
has counts "^${TAB}slant-counts=2${TAB}0${TAB}0\$" "its metadata rows"
has table "${TAB}nan$TAB" "the term nan"
if gzip -dc "$T/counts-gz.tsv.gz" | grep -q "^NA${TAB}NA$TAB"; then pass "counts holds the term NA"; else fail "counts holds the term NA" "none"; fi
has keyness "${TAB}null$TAB" "the term null"
has kwic "strike" "matches"

for f in $files; do cp "$T/$f.tsv" "$T/$f.want"; done
gzip -dc "$T/counts-gz.tsv.gz" >"$T/counts-gz.want"
all="$files counts-gz"
paths() { for f in $files; do printf '%s\n' "$T/$f.tsv"; done; printf '%s\n' "$T/counts-gz.tsv.gz"; }

# Each reader writes back what it read: header and rows joined by tabs.
if [ -x "$PY" ] && "$PY" -c 'import pandas' 2>/dev/null; then
	paths | "$PY" -c '
import sys, pandas as pd
for f in sys.stdin.read().split("\n"):
    if not f:
        continue
    x = pd.read_csv(f, sep="\t", quoting=3, na_filter=False, dtype=str)
    out = f.replace(".tsv.gz", ".tsv").replace(".tsv", ".pandas")
    with open(out, "w", encoding="utf-8", newline="\n") as o:
        o.write("\t".join(x.columns) + "\n")
        for row in x.itertuples(index=False):
            o.write("\t".join(row) + "\n")
' 2>"$T/py.err" || fail "pandas ran" "$(head -c 300 "$T/py.err")"
	for f in $all; do same "pandas reads $f as written" "$T/$f.pandas" "$T/$f.want"; done
else
	echo "SKIP pandas readers: no /usr/bin/python3 with pandas"
fi

if command -v Rscript >/dev/null && Rscript -e 'library(readr)' >/dev/null 2>&1; then
	# one R start for every file and both readers
	paths | Rscript -e '
suppressMessages(library(readr))
put <- function(x, out) {
  rows <- if (nrow(x) > 0) do.call(paste, c(unname(as.list(x)), sep = "\t")) else character()
  con <- file(out, "wb")
  writeLines(enc2utf8(c(paste(names(x), collapse = "\t"), rows)), con, useBytes = TRUE)
  close(con)
}
for (f in readLines(file("stdin"))) {
  base <- sub("\\.tsv(\\.gz)?$", "", f)
  put(read.delim(f, quote = "", na.strings = character(), colClasses = "character",
                 check.names = FALSE, encoding = "UTF-8"), paste0(base, ".readdelim"))
  put(read_tsv(f, quote = "", na = character(), trim_ws = FALSE,
               col_types = cols(.default = "c"), progress = FALSE), paste0(base, ".readr"))
}' 2>"$T/r.err" || fail "R ran" "$(head -c 300 "$T/r.err")"
	for f in $all; do
		same "read.delim reads $f as written" "$T/$f.readdelim" "$T/$f.want"
		same "readr reads $f as written" "$T/$f.readr" "$T/$f.want"
	done
else
	echo "SKIP R readers: no Rscript with readr"
fi
finish
