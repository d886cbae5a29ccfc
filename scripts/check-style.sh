#!/usr/bin/env bash
# Test: every patch of the series passes the tree's own checkpatch.pl
# (the kernel's with --strict; QEMU's as it is).  One case per patch.
# Usage: check-style.sh OUT.tap TREE DIR [CHECKPATCH_ARGS...]
set -euo pipefail

out=$1
tree=$(realpath "$2")
dir=$(realpath "$3")
shift 3
mapfile -t patches < <(grep -v '^\s*\(#\|$\)' "$dir/series")
n=0
{
	echo "KTAP version 1"
	if [ ${#patches[@]} -eq 0 ]; then
		echo "1..1"
		echo "ok 1 $(basename "$dir")-style # SKIP the series is empty"
	else
		echo "1..${#patches[@]}"
	fi
	for p in "${patches[@]}"; do
		n=$((n + 1))
		# /usr/bin first: checkpatch runs spdxcheck.py, which needs python3-ply
		if res=$(cd "$tree" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl "$@" "$dir/$p" 2>&1); then
			echo "ok $n $p"
		else
			sed 's/^/# /' <<<"$res"
			echo "not ok $n $p"
		fi
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
