#!/usr/bin/env bash
# Pack the boot-test initramfs: busybox-static, tests/init as /init, the
# boot tests under /tests, their helper tests/boot/vfio-bind, the disk
# pattern's checksum and PROGRAMs (static test programs the boot tests
# run) under /bin.
# Usage: make-initramfs.sh DISK OUT.cpio.gz [PROGRAM...]
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
disk=$1
out=$2
shift 2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,dev,etc,proc,sys,tmp,tests}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$top/tests/init" "$root/init"
cp "$top"/tests/boot/*.sh "$root/tests/"
install -m 755 "$top/tests/boot/vfio-bind" "$root/bin/"
cp "$disk.sha256" "$root/etc/disk.sha256"
[ $# -eq 0 ] || cp "$@" "$root/bin/"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
