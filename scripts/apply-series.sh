#!/usr/bin/env bash
# Bring TREE to "base + the series in DIR" with git am.  Does nothing when
# the tree already carries exactly this series, and leaves a tree alone
# that has commits of its own (work in progress: export it first).  Only
# files a patch changes are rewritten, so builds stay incremental.
# Usage: apply-series.sh [--record] TREE DIR
# --record: only note that TREE's HEAD is what DIR holds (after an export).
set -euo pipefail

record=
[ "$1" = --record ] && { record=1; shift; }
tree=$1
dir=$(realpath "$2")
stampf=$tree/.git/series-stamp
mapfile -t patches < <(grep -v '^\s*\(#\|$\)' "$dir/series" 2>/dev/null || true)

sum=$( (cd "$dir" && cat "${patches[@]}" /dev/null) | sha256sum | cut -d' ' -f1)
head=$(git -C "$tree" rev-parse HEAD)
old_sum= old_head=
[ -f "$stampf" ] && read -r old_sum old_head <"$stampf"
# A tree never stamped is at its base, unless someone committed there.
[ -n "$old_head" ] || old_head=$(git -C "$tree" rev-parse base)
branch=$(git -C "$tree" symbolic-ref --short HEAD)

if [ -n "$record" ]; then
	echo "$sum $head" >"$stampf"
	exit 0
fi

if [ "$old_head" = "$head" ] && [ "$old_sum" = "$sum" ]; then
	echo "apply-series: $tree already carries the ${#patches[@]} patches of $dir"
	exit 0
fi
if [ "$old_head" != "$head" ] ||
	[ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ]; then
	echo "apply-series: $tree has commits or edits not in $dir/series: building them as they are (make export to save them)"
	exit 0
fi

three=()
[ ! -f "$tree/.git/fallback" ] || three=(-3)
rm -f "$stampf"
git -C "$tree" am --abort >/dev/null 2>&1 || true
git -C "$tree" checkout -q -f -B "$branch" base
for p in "${patches[@]}"; do
	if ! git -C "$tree" -c user.name='vcpu-affinity harness' -c user.email='harness@vcpu-affinity.invalid' \
		am -q --keep-cr "${three[@]}" "$dir/$p"; then
		git -C "$tree" am --abort || true
		git -C "$tree" checkout -q -f -B "$branch" base
		echo "apply-series: $p does not apply to $tree (base $(git -C "$tree" log -1 --format=%s base))" >&2
		exit 1
	fi
done
echo "$sum $(git -C "$tree" rev-parse HEAD)" >"$stampf"
echo "apply-series: applied ${#patches[@]} patches of $dir"
