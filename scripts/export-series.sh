#!/usr/bin/env bash
# Export the commits of TREE since its base into DIR as git format-patch
# files plus a series file.  The cover letter's subject and blurb are
# carried over from DIR/0000-cover-letter.patch when it exists.
# Usage: export-series.sh TREE DIR
set -euo pipefail

tree=$1
dir=$(realpath "$2")
cover=$dir/0000-cover-letter.patch

desc=""
if [ -f "$cover" ]; then
	subject=$(sed -n 's/^Subject: \[[^]]*\] //p' "$cover" | head -n 1)
	blurb=$(awk 'seen && /^[^ ].* \([0-9]+\):$/ { exit }
		seen { print }
		!seen && /^$/ { seen = 1 }' "$cover")
	desc=$(printf '%s\n\n%s\n' "$subject" "$blurb")
fi
[ -n "$desc" ] || desc=$'*** SUBJECT HERE ***\n\n*** BLURB HERE ***'

n=$(git -C "$tree" rev-list --count base..HEAD)
find "$dir" -maxdepth 1 -name '[0-9][0-9][0-9][0-9]-*.patch' -delete
: >"$dir/series"
if [ "$n" -eq 0 ]; then
	"$(dirname "$0")/apply-series.sh" --record "$tree" "$dir"
	exit 0
fi

branch=$(git -C "$tree" symbolic-ref --short HEAD)
git -C "$tree" -c "branch.$branch.description=$desc" format-patch -q \
	--cover-letter --cover-from-description=subject --zero-commit \
	--no-signature -o "$dir" base..HEAD
(cd "$dir" && ls [0-9][0-9][0-9][0-9]-*.patch | grep -v '^0000-') >"$dir/series"
"$(dirname "$0")/apply-series.sh" --record "$tree" "$dir"
