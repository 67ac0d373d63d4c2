# Every man page renders with no groff warnings (what `man -l` shows).
. "$(dirname "$0")/lib.sh"
for page in "$TOP"/man/man*/*.[157]; do
	name=$(basename "$page")
	run groff -ww -z -man "$page"
	expect "man $name renders without warnings" 0
	if ! grep -q '^\.SH NAME' "$page"; then fail "man $name" "no NAME section"; fi
done
finish
