#!/bin/sh
# Assemble report.md and index.html from the files report.sh made.
# Usage: corpus/mexico/report-page.sh OUTDIR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
work=$out/work

z() { gzip -dc "$1"; }
table() { # FILE FORMAT [COLUMNS]
	z "$1" | awk -v fmt="$2" -v cols="${3:-}" -f "$here/table.awk"
}
cmd() { cat "$work/$1.cmd"; }

# The per-outlet corpus table, also printed for the person running make report.
z "$work/tokens.tsv.gz" >"$work/outlets.in1"
z "$work/clean.tsv.gz" >"$work/outlets.in2"
z "$work/sentences.tsv.gz" >"$work/outlets.in4"
awk -f "$here/outlets.awk" "$work/outlets.in1" "$work/outlets.in2" "$work/removed.tsv" \
	"$work/outlets.in4" | gzip -n >"$work/outlets.tsv.gz"
rm -f "$work"/outlets.in?
z "$work/outlets.tsv.gz" | column -t -s "$(printf '\t')" 2>/dev/null || z "$work/outlets.tsv.gz"

KEY_COLS=group,term,n_target,n_reference,logodds_z
FRAME_COLS=group,frame,docs,per_1k,per_1k_low,per_1k_high,share,diff,diff_low,diff_high

# ---- report.md ----
{
	cat <<EOF
# How five outlets framed one story

Mexico's president rejecting US military strikes against cartels, November 2025:
five articles from five outlets (\`corpus/mexico/\`), cleaned of web chrome, split
into sentences, and measured with slant. Every number below is reproduced by
\`make report\`; the commands are in \`corpus/mexico/report.sh\` and in
[index.html](index.html).

## The corpus

EOF
	table "$work/outlets.tsv.gz" md
	cat <<EOF

Lines dropped are web chrome removed by \`slant-clean\` (menus, share and
subscription prompts, bylines, other-language blocks); \`work/removed.tsv\` lists
each one with its rule.

## Top terms per outlet

![Top terms per outlet](top-terms.svg)

EOF
	table "$work/top-terms.tsv.gz" md
	cat <<EOF

## Distinctive terms per outlet

Each outlet against the other four: weighted log-odds with the pooled counts as
an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008); positive z is
typical of the outlet, negative of the others.

EOF
	for f in "$out"/keyness-*.svg; do
		[ -e "$f" ] && printf '![%s](%s)\n\n' "distinctive terms" "$(basename "$f")"
	done
	table "$work/keyness.tsv.gz" md "$KEY_COLS"
	cat <<EOF

## Frames

Hits per 1,000 tokens of each frame of \`models/frames/intervention.tsv\`, with 95%
bootstrap intervals from resampling sentences within each outlet (1,000
resamples, seed 1); \`diff\` is the outlet minus the other outlets.

![Frames per outlet](frames.svg)

EOF
	table "$work/frames.tsv.gz" md "$FRAME_COLS"
	cat <<EOF

## Stance

Predicted stance of each sentence toward US military action against cartels on
Mexican territory (\`models/stance-intervention.model.gz\`, trained on the
annotated sentences of these same articles, so these shares describe the
training data, not new text).

![Stance per outlet](stance.svg)

EOF
	table "$work/stance-shares.tsv.gz" md
} >"$out/report.md.tmp"
mv "$out/report.md.tmp" "$out/report.md"

# ---- index.html ----
svg() { sed -e '/^<?xml/d' -e '/^<!DOCTYPE/d' "$1"; }
commands() {
	printf '<details><summary>Commands</summary><pre>'
	for c; do cmd "$c" | sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g'; done
	printf '</pre></details>\n'
}
{
	cat <<'EOF'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>slant report: five outlets, one story</title>
<style>
body { font-family: sans-serif; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; font-size: 90%; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #eee; }
svg { max-width: 100%; height: auto; display: block; margin: 1em 0; }
pre { background: #f4f4f4; padding: 0.5em; overflow-x: auto; white-space: pre-wrap; }
details { margin: 0.5em 0 2em; }
</style>
</head>
<body>
<h1>How five outlets framed one story</h1>
<p>Mexico's president rejecting US military strikes against cartels, November 2025:
five articles from five outlets, cleaned of web chrome, split into sentences and
measured with slant. Each section shows the commands that made it.</p>
<h2 id="corpus">The corpus</h2>
EOF
	table "$work/outlets.tsv.gz" html
	commands docs.tsv.gz clean.tsv.gz sentences.tsv.gz tokens.tsv.gz
	echo '<h2 id="top-terms">Top terms per outlet</h2>'
	svg "$out/top-terms.svg"
	table "$work/top-terms.tsv.gz" html
	commands counts.tsv.gz top-terms.tsv.gz top-terms.svg
	echo '<h2 id="keyness">Distinctive terms per outlet</h2>'
	echo '<p>Each outlet against the other four: weighted log-odds z with an informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008).</p>'
	for f in "$out"/keyness-*.svg; do [ -e "$f" ] && svg "$f"; done
	table "$work/keyness.tsv.gz" html "$KEY_COLS"
	set --
	for f in "$out"/keyness-*.svg; do [ -e "$f" ] && set -- "$@" "$(basename "$f")"; done
	commands keyness.tsv.gz "$@"
	echo '<h2 id="frames">Frames</h2>'
	echo '<p>Hits per 1,000 tokens with 95% bootstrap intervals (sentences resampled within each outlet); <code>diff</code> is the outlet minus the rest.</p>'
	svg "$out/frames.svg"
	table "$work/frames.tsv.gz" html "$FRAME_COLS"
	commands frames.tsv.gz frames.svg
	echo '<h2 id="stance">Stance</h2>'
	echo '<p>Predicted stance of each sentence toward US military action on Mexican territory. The model was trained on these same annotated sentences.</p>'
	svg "$out/stance.svg"
	table "$work/stance-shares.tsv.gz" html
	commands stance.tsv.gz stance-shares.tsv.gz stance.svg
	printf '</body>\n</html>\n'
} >"$out/index.html.tmp"
mv "$out/index.html.tmp" "$out/index.html"
