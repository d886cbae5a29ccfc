#!/usr/bin/env bash
# Fetch a pristine Debian source at the version pinned in debian-pins:
# the mainline kernel (linux-source-7.x, a binary package holding the
# source tarball) or QEMU (a source package, unpacked with Debian's
# patches).  When the archive no longer has the pinned version, take the
# newest fallback and say so in one line.
# Usage: get-sources.sh linux|qemu DESTDIR
# Leaves DESTDIR/<unpacked tree> and DESTDIR/VERSION; writes nothing on failure.
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
apt=$top/scripts/apt-private.sh
what=$1
dest=$(realpath -m "$2")
tmp=$dest.tmp
rm -rf "$tmp"
mkdir -p "$tmp"
cd "$tmp"

pin() { awk -v p="$1" '$1 == p { print $2 }' "$top/debian-pins"; }
have() { # PACKAGE VERSION: is it in the archive?
	"$apt" apt-cache madison "$1" | awk -v v="$2" '$3 == v { f = 1 } END { exit !f }'
}

case $what in
linux)
	pkg=linux-source-7.3
	ver=$(pin "$pkg")
	if ! have "$pkg" "$ver"; then
		# madison takes names, not patterns: list them with pkgnames.
		read -r pkg ver < <("$apt" apt-cache pkgnames linux-source-7. |
			xargs -r "$apt" apt-cache madison 2>/dev/null |
			awk -F' *[|] *' '$3 ~ / (experimental|sid|unstable)\/.* Packages$/ {
				sub(/^ +/, "", $1); print $1, $2 }' | sort -k2 -V | tail -n 1) || true
		[ -n "${ver:-}" ] || { echo "get-sources: no linux-source-7.* in experimental or sid" >&2; exit 1; }
		echo "get-sources: $pkg $(pin linux-source-7.3) is gone from the archive; using $pkg $ver (the series is applied with git am -3)"
		echo "$pkg $ver" >"$tmp/FALLBACK"
	fi
	"$apt" apt-get download -qq "$pkg=$ver"
	dpkg-deb --fsys-tarfile ./*.deb | tar -x --wildcards './usr/src/linux-source-*.tar.*'
	tar -xf usr/src/linux-source-*.tar.*
	rm -rf ./*.deb usr
	;;
qemu)
	pkg=qemu
	ver=$(pin qemu)
	if ! "$apt" apt-cache showsrc qemu | grep -x "Version: $ver" >/dev/null; then
		old=$ver
		ver=$("$apt" apt-cache showsrc qemu | sed -n 's/^Version: \(1:10\.2\.\)/\1/p' | sort -V | tail -n 1)
		[ -n "$ver" ] || { echo "get-sources: no qemu 1:10.2.* source in the archive" >&2; exit 1; }
		echo "get-sources: qemu $old is gone from the archive; using qemu $ver (the series is applied with git am -3)"
		echo "qemu $ver" >"$tmp/FALLBACK"
	fi
	"$apt" apt-get source -qq --download-only "qemu=$ver" >/dev/null
	dpkg-source -x ./*.dsc >/dev/null
	find . -maxdepth 1 -type f ! -name FALLBACK -delete
	;;
*)
	echo "get-sources: unknown source '$what'" >&2
	exit 1
	;;
esac
echo "$ver" >"$tmp/VERSION"
echo "$pkg" >"$tmp/PACKAGE"

cd /
rm -rf "$dest"
mv "$tmp" "$dest"
