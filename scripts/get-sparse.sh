#!/usr/bin/env bash
# Build sparse from Debian's source at the version pinned in debian-pins
# into build/tools/sparse: Linux 7.3's C=2 wants a sparse that knows
# __typeof_unqual__ (scripts/checker-valid.sh), which bookworm's 0.6.4
# does not, and sid's binary needs a newer glibc.  Only the sparse
# program is built, with the system gcc.  Does nothing when it is there.
# Usage: get-sparse.sh
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
dest=$top/build/tools/sparse
ver=$(awk '$1 == "sparse" { print $2 }' "$top/debian-pins")
[ "$(cat "$dest/VERSION" 2>/dev/null)" != "$ver" ] || exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt=$top/scripts/apt-private.sh
if ! "$apt" apt-get source -qq --download-only "sparse=$ver" >/dev/null 2>&1; then
	new=$("$apt" apt-cache showsrc sparse | sed -n 's/^Version: //p' | sort -V | tail -n 1)
	echo "get-sparse: sparse $ver is gone from the archive; using $new"
	ver=$new
	"$apt" apt-get source -qq --download-only "sparse=$ver" >/dev/null
fi
dpkg-source -x ./*.dsc src >/dev/null 2>&1
make -C src -j2 CC=gcc sparse >/dev/null
rm -rf "$dest"
mkdir -p "$dest"
cp src/sparse "$dest/sparse"
echo "$ver" >"$dest/VERSION"
