#!/usr/bin/env bash
# Test: every patch passes the tree's own checkpatch.pl (the kernel's
# with --strict; QEMU's as it is) and carries the tags that
# Documentation/process/coding-assistants.rst (Linux 7.3) asks of an
# AI-assisted patch: no Signed-off-by (only a human can certify the DCO)
# and exactly one "Assisted-by: LLM [TOOL1] [TOOL2]" naming no basic tool.
# checkpatch's missing-Signed-off-by error is waived only for a patch
# whose Assisted-by is valid: a patch with neither fails.  One case per
# patch; DIR is one series or a folder of series (series-dirs.sh).
# Usage: check-style.sh OUT.tap TREE DIR [CHECKPATCH_ARGS...]
set -euo pipefail

top=$(dirname "$(realpath "$0")")
out=$1
tree=$(realpath "$2")
dir=$(realpath "$3")
shift 3
. "$top/series-dirs.sh"
mapfile -t patches < <(series_dirs "$dir" | while read -r d; do series_patches "$d"; done)

# The tree's way to waive the missing Signed-off-by.
if grep -q -- '--no-signoff' "$tree/scripts/checkpatch.pl"; then
	waiver=(--no-signoff)
else
	waiver=(--ignore MISSING_SIGN_OFF,NO_AUTHOR_SIGN_OFF)
fi

# Basic tools, which coding-assistants.rst says not to list.
basic='git|gcc|g\+\+|cc|clang|ld|make|ninja|meson|vi|vim|emacs|nano|editor|editors'

tags() { # PATCH: why its tags are wrong, or nothing
	local msg n
	msg=$(sed -n '/^$/,/^---$/p' "$1")
	grep -q '^Signed-off-by:' <<<"$msg" &&
		echo "carries a Signed-off-by: only a human may add one"
	n=$(grep -c '^Assisted-by:' <<<"$msg" || true)
	if [ "$n" != 1 ]; then
		echo "has $n Assisted-by lines, not one"
		return
	fi
	grep -Eq '^Assisted-by: LLM( [A-Za-z0-9][A-Za-z0-9._+-]*)*$' <<<"$msg" ||
		echo "Assisted-by is not in the form 'Assisted-by: LLM [TOOL1] [TOOL2]'"
	grep -Eq "^Assisted-by: LLM.* ($basic)( |\$)" <<<"$msg" &&
		echo "Assisted-by names a basic tool"
	return 0
}

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
		name=${p#"$dir"/}
		bad=$(tags "$p")
		args=("$@")
		[ -n "$bad" ] || args+=("${waiver[@]}")
		# /usr/bin first: checkpatch runs spdxcheck.py, which needs python3-ply
		if res=$(cd "$tree" && PATH=/usr/bin:$PATH ./scripts/checkpatch.pl "${args[@]}" "$p" 2>&1) &&
			[ -z "$bad" ]; then
			echo "ok $n $name"
		else
			sed 's/^/# tags: /' <<<"$bad" | grep -v '^# tags: $' || true
			sed 's/^/# /' <<<"$res"
			echo "not ok $n $name"
		fi
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
