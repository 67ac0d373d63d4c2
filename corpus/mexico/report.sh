#!/bin/sh
# The main slant pipeline on the shipped corpus, as a plain shell script you
# can read and copy:
#
#   ingest -> clean -> split -> count -> table -> keyness -> frame -> stance -> plots
#
# Writes report/report.md (Markdown tables, charts linked) and
# report/index.html (one self-contained page: tables, inline SVG charts and
# the command that made each one).  Intermediate files go to report/work/ as
# .tsv.gz.  A stage is skipped when its output is newer than its inputs and
# the tool that makes it, so a second run only redoes what changed.
#
# Usage: corpus/mexico/report.sh [OUTDIR]      (run by `make report`)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
bin=${SLANT_BIN:-$top/bin}   # the tests point this at a sanitizer build
PATH=$bin:$PATH
export PATH
corpus=corpus/mexico
out=${1:-report}
work=$out/work
mkdir -p "$work"

# stale OUT INPUT...: true when OUT is missing or older than any input.
# (Function variables are global in sh: these names are the functions' own.)
stale() {
	_so=$1
	shift
	[ -e "$_so" ] || return 0
	for _si; do [ "$_si" -nt "$_so" ] && return 0; done
	return 1
}

# stage OUT 'COMMAND' INPUT...: run COMMAND (which writes OUT) if OUT is
# stale; keep the command beside OUT so the page can show it.
stage() {
	_to=$1 _tcmd=$2
	shift 2
	printf '%s\n' "$_tcmd" >"$work/$(basename "$_to").cmd"
	if stale "$_to" "$@"; then
		printf '  %s\n' "$_tcmd" >&2
		eval "$_tcmd"
	else
		printf '  (up to date) %s\n' "$_to" >&2
	fi
}

echo "slant report on $corpus:" >&2

# 1. Ingest: one document per file, outlet and date from sources.tsv.  One
#    article does not name its outlet anywhere; it is labelled as such.
stage "$work/docs.tsv.gz" \
	"slant-docs -q --meta $corpus/sources.tsv $corpus/raw | awk -F'\t' -v OFS='\t' 'NR > 1 && \$2 == \"\" { \$2 = \"(outlet not named)\" } 1' | slant-docs -q -f -o $work/docs.tsv.gz -" \
	$corpus/raw/* $corpus/sources.tsv $bin/slant-docs

# 2. Clean: strip menus, share and subscription blocks, other-language chrome.
stage "$work/clean.tsv.gz" \
	"slant-clean -q -f --explain $work/removed.tsv -o $work/clean.tsv.gz $work/docs.tsv.gz" \
	"$work/docs.tsv.gz" $bin/slant-clean

# 3. Split into sentences (ids DOC#N).
stage "$work/sentences.tsv.gz" \
	"slant-split -q -f -o $work/sentences.tsv.gz $work/clean.tsv.gz" \
	"$work/clean.tsv.gz" $bin/slant-split

# 4. Count: all tokens (for the corpus table) and, without English stopwords,
#    unigrams and bigrams per outlet.
stage "$work/tokens.tsv.gz" \
	"slant-count -q -f --by source -o $work/tokens.tsv.gz $work/clean.tsv.gz" \
	"$work/clean.tsv.gz" $bin/slant-count
stage "$work/counts.tsv.gz" \
	"slant-count -q -f --by source --ngrams 1-2 --stopwords en -o $work/counts.tsv.gz $work/clean.tsv.gz" \
	"$work/clean.tsv.gz" $bin/slant-count models/stopwords/en.txt

# 5. Top terms per outlet.
stage "$work/top-terms.tsv.gz" \
	"slant-table -n 10 --by source -f -o $work/top-terms.tsv.gz $work/counts.tsv.gz" \
	"$work/counts.tsv.gz" $bin/slant-table

# 6. Distinctive terms: each outlet against the other four, weighted
#    log-odds z with the pooled prior (Monroe, Colaresi & Quinn 2008).
stage "$work/keyness.tsv.gz" \
	"slant-keyness -q -m logodds --min-count 2 -n 8 --both -f -o $work/keyness.tsv.gz $work/counts.tsv.gz" \
	"$work/counts.tsv.gz" $bin/slant-keyness

# 7. Frames per outlet, sentences resampled for 95% bootstrap intervals.
stage "$work/frames.tsv.gz" \
	"slant-frame -q -l intervention --seed 1 --boot 1000 --digits 4 -f -o $work/frames.tsv.gz $work/sentences.tsv.gz" \
	"$work/sentences.tsv.gz" $bin/slant-frame models/frames/intervention.tsv

# 8. Stance of each sentence toward US military action on Mexican soil, then
#    the share of each predicted label per outlet.
stage "$work/stance.tsv.gz" \
	"slant-stance predict -q -f -o $work/stance.tsv.gz models/stance-intervention.model.gz $work/sentences.tsv.gz" \
	"$work/sentences.tsv.gz" $bin/slant-stance models/stance-intervention.model.gz
stage "$work/stance-shares.tsv.gz" \
	"gzip -dc $work/stance.tsv.gz | awk -F'\t' -f $corpus/shares.awk | gzip -n > $work/stance-shares.tsv.gz" \
	"$work/stance.tsv.gz" $corpus/shares.awk

# 9. Charts.
stage "$out/top-terms.svg" \
	"slant-plot bars -f --title 'Top terms per outlet (stopwords removed)' --xlabel 'count' --ylabel term -o $out/top-terms.svg $work/top-terms.tsv.gz" \
	"$work/top-terms.tsv.gz" $bin/slant-plot
stage "$out/frames.svg" \
	"slant-plot intervals -f --group group --label frame --value per_1k --lo per_1k_low --hi per_1k_high --title 'Frame use per outlet, with 95% bootstrap intervals' --xlabel 'hits per 1,000 tokens' --ylabel outlet -o $out/frames.svg $work/frames.tsv.gz" \
	"$work/frames.tsv.gz" $bin/slant-plot
stage "$out/stance.svg" \
	"slant-plot stacked -f --group source --label pred --value share --title 'Predicted stance of sentences per outlet' --xlabel 'share of sentences' --ylabel outlet -o $out/stance.svg $work/stance-shares.tsv.gz" \
	"$work/stance-shares.tsv.gz" $bin/slant-plot
outlets=$(gzip -dc "$work/counts.tsv.gz" | awk -F'\t' '!/^#/ && NR > 1 && $2 == "" { print $1 }')
i=0
echo "$outlets" | while IFS= read -r o; do
	i=$((i + 1))
	stage "$out/keyness-$i.svg" \
		"slant-keyness -q -t '$o' -m logodds --min-count 2 -n 8 --both $work/counts.tsv.gz | slant-plot keyness -f --target '$o' --reference 'other outlets' --value logodds_z --title 'Distinctive terms: $o' --xlabel 'weighted log-odds z' -o $out/keyness-$i.svg" \
		"$work/counts.tsv.gz" $bin/slant-keyness $bin/slant-plot
done

# 10. The report: Markdown and one HTML page.
sh $corpus/report-page.sh "$out"
echo "slant report written: $out/report.md and $out/index.html" >&2
