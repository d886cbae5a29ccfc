#!/usr/bin/env bash
# Bring TREE to "base + the series in DIR" with git am.  DIR holds one
# series (a `series` file listing its patches) or several, one per
# subfolder (NAME/series), each for its own maintainer tree and each
# applying to base on its own: every subfolder N-NAME becomes branch
# NAME off base, and TREE's checked-out branch is base with all of them
# on top of each other, in folder order (one commit per patch).  Does
# nothing when the tree already carries exactly these patches, and
# leaves a tree alone that has commits of its own (work in progress:
# export it first).  Only files a patch changes
# are rewritten, so builds stay incremental.
# Usage: apply-series.sh [--record] TREE DIR
# --record: only note that TREE's HEAD is what DIR holds (after an export).
set -euo pipefail

record=
[ "$1" = --record ] && { record=1; shift; }
tree=$1
dir=$(realpath "$2")
stampf=$tree/.git/series-stamp
. "$(dirname "$0")/series-dirs.sh"
mapfile -t sdirs < <(series_dirs "$dir")

sum=$(for d in "${sdirs[@]}"; do series_patches "$d"; done | xargs -r cat | sha256sum | cut -d' ' -f1)
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
	echo "apply-series: $tree already carries the series of $dir"
	exit 0
fi
if [ "$old_head" != "$head" ] ||
	[ -n "$(git -C "$tree" status --porcelain --untracked-files=no)" ]; then
	echo "apply-series: $tree has commits or edits not in $dir: building them as they are (make export to save them)"
	exit 0
fi

three=()
[ ! -f "$tree/.git/fallback" ] || three=(-3)
rm -f "$stampf"
fail() {
	git -C "$tree" am --abort >/dev/null 2>&1 || true
	git -C "$tree" checkout -q -f -B "$branch" base
	echo "apply-series: $1 does not apply to $tree (base $(git -C "$tree" log -1 --format=%s base))" >&2
	exit 1
}
git -C "$tree" am --abort >/dev/null 2>&1 || true
git -C "$tree" checkout -q -f -B "$branch" base
branches=()
for d in "${sdirs[@]}"; do
	[ "$d" = "$dir" ] || git -C "$tree" checkout -q -f --detach base
	while read -r p; do
		git -C "$tree" -c user.name='vcpu-affinity harness' \
			-c user.email='harness@vcpu-affinity.invalid' \
			am -q --keep-cr "${three[@]}" "$p" || fail "$p"
	done < <(series_patches "$d")
	[ "$d" = "$dir" ] && continue
	b=$(series_branch "$d")
	git -C "$tree" branch -f "$b" HEAD
	branches+=("$b")
done
if [ ${#branches[@]} -gt 0 ]; then
	stack_series "$tree" "$branch" "${branches[@]}"
fi
echo "$sum $(git -C "$tree" rev-parse HEAD)" >"$stampf"
echo "apply-series: applied the series of $dir: ${branches[*]:-$(basename "$dir")}"
