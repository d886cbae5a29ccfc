#!/usr/bin/env bash
# Count every test the run produced and print the closing line
# "N passed, N failed, N skipped".  Reads RESULTS/*.tap (flat KTAP/TAP:
# top-level "ok"/"not ok" lines) and RESULTS/*.kunit (kunit.py's log, its
# "Testing complete" line).  A source with no result counts as a failure.
# Only the EXPECTED names are read, and each must have a result file: a
# step that produced none (its build failed, it never ran) counts as one
# failure.
# Exits non-zero when anything failed or nothing ran.
# Usage: summarize.sh RESULTS EXPECTED...
set -euo pipefail

res=$1
shift
tp=0 tf=0 ts=0

count() { # NAME PASSED FAILED SKIPPED
	printf '  %-16s %4d passed, %d failed, %d skipped\n' "$1" "$2" "$3" "$4"
	tp=$((tp + $2)) tf=$((tf + $3)) ts=$((ts + $4))
}

# Only the named results count: leftovers of other runs do not.
for f in "$res"/*.tap; do
	[ -e "$f" ] || continue
	[[ " $* " == *" $(basename "$f" .tap) "* ]] || continue
	name=$(basename "$f" .tap)
	s=$(grep -c '^ok .*# SKIP' "$f" || true)
	p=$(($(grep -c '^ok ' "$f" || true) - s))
	x=$(grep -c '^not ok ' "$f" || true)
	[ $((p + x + s)) -gt 0 ] || x=1
	grep '^not ok ' "$f" | sed "s/^/    $name: /" || true
	count "$name" "$p" "$x" "$s"
done

for f in "$res"/*.kunit; do
	[ -e "$f" ] || continue
	[[ " $* " == *" $(basename "$f" .kunit) "* ]] || continue
	name=$(basename "$f" .kunit)
	line=$(grep -a 'Testing complete\. Ran' "$f" | tail -n 1 || true)
	get() { sed -n "s/.*[ ,]$1: \([0-9]*\).*/\1/p" <<<"$line" | grep . || echo 0; }
	p=$(get passed)
	x=$(($(get failed) + $(get crashed) + $(get errors)))
	s=$(get skipped)
	if [ -z "$line" ] || [ $((p + x + s)) -eq 0 ]; then
		echo "    $name: no KUnit results (see $f)"
		x=$((x + 1))
	fi
	grep -a '\[FAILED\]\|\[CRASHED\]' "$f" | sed "s/^/    $name: /" || true
	count "$name" "$p" "$x" "$s"
done

for name in "$@"; do
	if [ ! -e "$res/$name.tap" ] && [ ! -e "$res/$name.kunit" ]; then
		echo "    $name: no result (the step failed before it could test; see build/logs)"
		count "$name" 0 1 0
	fi
done

echo "$tp passed, $tf failed, $ts skipped"
[ "$tf" -eq 0 ] && [ $((tp + ts)) -gt 0 ]
