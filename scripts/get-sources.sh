#!/usr/bin/env bash
# Fetch the pristine Debian sources: linux-source-6.12 and qemu (7.2).
# Usage: get-sources.sh linux|qemu DESTDIR
# Leaves DESTDIR/<unpacked tree> and DESTDIR/VERSION; writes nothing on failure.
set -euo pipefail

what=$1
dest=$2
tmp=$dest.tmp
rm -rf "$tmp"
mkdir -p "$tmp"

need_deb_src() {
	if ! grep -rqs '^Types:.*deb-src\|^deb-src ' /etc/apt/sources.list /etc/apt/sources.list.d/; then
		sed -n '/^Types: deb$/,/^$/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null |
			sed 's/^Types: deb$/Types: deb-src/' >/etc/apt/sources.list.d/vcpu-affinity-src.sources
		[ -s /etc/apt/sources.list.d/vcpu-affinity-src.sources ] ||
			{ echo "get-sources: no deb-src entry and no debian.sources to derive one from" >&2; exit 1; }
		apt-get update -qq
	fi
}

case $what in
linux)
	tarball=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n 1)
	[ -n "$tarball" ] ||
		{ echo "get-sources: linux-source-6.12 is not installed (apt-get install linux-source-6.12)" >&2; exit 1; }
	tar -C "$tmp" -xf "$tarball"
	dpkg-query -W -f='${Version}\n' linux-source-6.12 >"$tmp/VERSION"
	;;
qemu)
	need_deb_src
	(cd "$tmp" && apt-get source -qq qemu >/dev/null)
	find "$tmp" -maxdepth 1 -type f -delete
	apt-cache showsrc qemu | sed -n 's/^Version: //p' | sort -V | tail -n 1 >"$tmp/VERSION"
	;;
*)
	echo "get-sources: unknown source '$what'" >&2
	exit 1
	;;
esac

rm -rf "$dest"
mv "$tmp" "$dest"
