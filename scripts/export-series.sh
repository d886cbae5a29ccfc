#!/usr/bin/env bash
# Export TREE's series into DIR as threaded `git format-patch
# --cover-letter` files (Message-Id and In-Reply-To present, as b4 wants)
# plus a series file.  DIR is one series (the commits base..HEAD) or
# holds one subfolder per series (N-NAME: the commits base..NAME; see
# series-dirs.sh), after which TREE's branch is remade as base with
# every series branch's commits on top of each other, in folder order.
# No base-commit: base is the unpacked Debian source, which names no
# upstream commit; each cover letter says
# what the series is against.  Each patch gets a Cc header from the
# tree's own scripts/get_maintainer.pl; the cover letter gets all of
# them.  The cover letter's subject (first line) and blurb (the rest)
# come from the series folder's cover.txt.
# Usage: export-series.sh TREE DIR
set -euo pipefail

top=$(dirname "$(realpath "$0")")
tree=$(realpath "$1")
dir=$(realpath "$2")
. "$top/series-dirs.sh"

cc() { # PATCH...: one folded Cc header, or nothing
	(cd "$tree" && perl scripts/get_maintainer.pl --no-rolestats --no-git \
		--no-git-fallback "$@" 2>/dev/null) | sort -u |
		awk 'NR > 1 { printf ",\n" } { printf "%s%s", (NR == 1 ? "Cc: " : " "), $0 }
			END { if (NR) printf "\n" }'
}
addcc() { # PATCH HEADER: insert HEADER before the end of the mail headers
	[ -n "$2" ] || return 0
	awk -v h="$2" '!done && /^$/ { print h; done = 1 } { print }' "$1" >"$1.tmp"
	mv "$1.tmp" "$1"
}
export_one() { # SERIESDIR BRANCH: base..BRANCH into SERIESDIR
	local sdir=$1 br=$2 rev=$2 desc patches p
	[ -s "$sdir/cover.txt" ] || { echo "export-series: $sdir/cover.txt is missing" >&2; exit 1; }
	desc=$(cat "$sdir/cover.txt")
	find "$sdir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
	: >"$sdir/series"
	[ "$(git -C "$tree" rev-list --count "base..$rev")" -gt 0 ] || return 0
	git -C "$tree" -c "branch.$br.description=$desc" format-patch -q \
		--thread --cover-letter --cover-from-description=subject \
		--zero-commit --no-signature -o "$sdir" "base..$rev"
	(cd "$sdir" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') >"$sdir/series"
	mapfile -t patches < <(series_patches "$sdir")
	for p in "${patches[@]}"; do
		addcc "$p" "$(cc "$p")"
	done
	addcc "$sdir/0000-cover-letter.patch" "$(cc "${patches[@]}")"
}

mapfile -t sdirs < <(series_dirs "$dir")
if [ "${sdirs[0]}" = "$dir" ]; then
	export_one "$dir" "$(git -C "$tree" symbolic-ref --short HEAD)"
else
	branch=$(git -C "$tree" symbolic-ref --short HEAD)
	branches=()
	for d in "${sdirs[@]}"; do
		b=$(series_branch "$d")
		git -C "$tree" rev-parse -q --verify "refs/heads/$b" >/dev/null ||
			{ echo "export-series: $tree has no branch $b for $d" >&2; exit 1; }
		export_one "$d" "$b"
		branches+=("$b")
	done
	stack_series "$tree" "$branch" "${branches[@]}"
fi
"$top/apply-series.sh" --record "$tree" "$dir"
