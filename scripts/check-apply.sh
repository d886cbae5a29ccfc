#!/usr/bin/env bash
# Test: each series applies with git am onto its pristine base, checked in
# a worktree of its own (TREE.am-check, reset to base on every run) so the
# build trees are not touched.
# Usage: check-apply.sh OUT.tap TREE:DIR...
set -euo pipefail

out=$1
shift
n=0
{
	echo "KTAP version 1"
	echo "1..$#"
	for pair in "$@"; do
		tree=${pair%%:*}
		dir=$(realpath "${pair#*:}")
		n=$((n + 1))
		wt=$(realpath -m "$tree.am-check")
		if [ -f "$wt/.git" ]; then
			git -C "$wt" am --abort >/dev/null 2>&1 || true
			git -C "$wt" checkout -q -f --detach base
			git -C "$wt" clean -q -fd
		else
			rm -rf "$wt"
			git -C "$tree" worktree prune
			git -C "$tree" worktree add -q --detach "$wt" base
		fi
		result="ok $n"
		while read -r p; do
			[ -n "$p" ] || continue
			if ! git -C "$wt" -c user.name=check -c user.email=check@invalid am -q "$dir/$p" >/dev/null 2>&1; then
				echo "# $p does not apply"
				result="not ok $n"
				break
			fi
		done < <(grep -v '^\s*#' "$dir/series")
		echo "# $(basename "$dir"): $(git -C "$wt" rev-list --count base..HEAD) patches applied"
		echo "$result $(basename "$dir")-series-applies"
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
