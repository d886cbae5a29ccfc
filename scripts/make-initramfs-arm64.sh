#!/usr/bin/env bash
# Pack the arm64 test initramfs: arm64 busybox-static from SYSROOT,
# tests/arm64/init as /init, and the given static test programs under
# /tests (a program's command-line arguments, if any, from
# tests/arm64/args/NAME, or from ARGS_DIR/NAME when ARGS_DIR is set).
# Usage: make-initramfs-arm64.sh SYSROOT OUT.cpio.gz PROGRAM...
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
sysroot=$1
out=$2
shift 2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,proc,sys,tmp,tests,etc/test-args}
cp "$sysroot/bin/busybox" "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$top/tests/arm64/init" "$root/init"
for prog in "$@"; do
	file "$prog" | grep -q 'ARM aarch64.*statically linked' ||
		{ echo "make-initramfs-arm64: $prog is not a static arm64 program" >&2; exit 1; }
	install -m 755 "$prog" "$root/tests/"
	args=${ARGS_DIR:-$top/tests/arm64/args}/$(basename "$prog")
	[ ! -f "$args" ] || cp "$args" "$root/etc/test-args/"
done
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
