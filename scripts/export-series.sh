#!/usr/bin/env bash
# Export the commits of TREE since its base into DIR as threaded
# `git format-patch --cover-letter --base` files (Message-Id and
# In-Reply-To present, as b4 wants) plus a series file.  Each patch gets
# a Cc header from the tree's own scripts/get_maintainer.pl; the cover
# letter gets all of them.  The cover letter's subject (first line) and
# blurb (the rest) come from DIR/cover.txt.
# Usage: export-series.sh TREE DIR
set -euo pipefail

tree=$(realpath "$1")
dir=$(realpath "$2")
[ -s "$dir/cover.txt" ] || { echo "export-series: $dir/cover.txt is missing" >&2; exit 1; }
desc=$(cat "$dir/cover.txt")

n=$(git -C "$tree" rev-list --count base..HEAD)
find "$dir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
: >"$dir/series"
if [ "$n" -eq 0 ]; then
	"$(dirname "$0")/apply-series.sh" --record "$tree" "$dir"
	exit 0
fi

branch=$(git -C "$tree" symbolic-ref --short HEAD)
git -C "$tree" -c "branch.$branch.description=$desc" format-patch -q \
	--thread --cover-letter --cover-from-description=subject --base=base \
	--zero-commit --no-signature -o "$dir" base..HEAD
(cd "$dir" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') >"$dir/series"

# Cc: the maintainers and lists get_maintainer.pl names for each patch.
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
mapfile -t patches < <(sed "s|^|$dir/|" "$dir/series")
for p in "${patches[@]}"; do
	addcc "$p" "$(cc "$p")"
done
addcc "$dir/0000-cover-letter.patch" "$(cc "${patches[@]}")"
"$(dirname "$0")/apply-series.sh" --record "$tree" "$dir"
