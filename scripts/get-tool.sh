#!/usr/bin/env bash
# Unpack a pinned Debian package (debian-pins) from a suite newer than
# the system's into build/tools/NAME, without installing it: meson for
# QEMU 10.2, b4 for the series check.  Falls back to the newest version
# in the private suites, with one line saying so.  Prints nothing when
# the pinned version is already unpacked.
# Usage: get-tool.sh NAME
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
apt=$top/scripts/apt-private.sh
name=$1
dest=$top/build/tools/$name
ver=$(awk -v p="$name" '$1 == p { print $2 }' "$top/debian-pins")
[ -n "$ver" ] || { echo "get-tool: $name is not pinned in debian-pins" >&2; exit 1; }
[ "$(cat "$dest/VERSION" 2>/dev/null)" != "$ver" ] || exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
if ! "$apt" apt-get download -qq "$name=$ver" 2>/dev/null; then
	new=$("$apt" apt-cache madison "$name" | awk '!/Sources/ { print $3 }' | sort -V | tail -n 1)
	[ -n "$new" ] || { echo "get-tool: no $name in the archive" >&2; exit 1; }
	echo "get-tool: $name $ver is gone from the archive; using $new"
	ver=$new
	"$apt" apt-get download -qq "$name=$ver"
fi
rm -rf "$dest"
mkdir -p "$dest"
dpkg-deb -x ./*.deb "$dest"
echo "$ver" >"$dest/VERSION"
