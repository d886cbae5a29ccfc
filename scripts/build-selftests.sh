#!/usr/bin/env bash
# Build, statically linked, selftest programs of TREE for the test
# initramfs of ARCH: arm64 is cross-built with aarch64-linux-gnu- against
# libuuid from SYSROOT (get-arm64-userland.sh); x86_64 is built natively
# (SYSROOT "-": the system's libuuid).  Uses the tree's exported UAPI
# headers (OUTDIR/hdr).  PROGRAM is a path under
# tools/testing/selftests, such as vfio/vfio_pci_driver_test; it is
# written to the same path under OUTDIR.
# Usage: build-selftests.sh ARCH TREE SYSROOT OUTDIR PROGRAM...
set -euo pipefail

arch=$1
tree=$(realpath "$2")
sysroot=$3
mkdir -p "$4/hdr"
out=$(realpath "$4")
shift 4

cross=() inc=() lib=()
if [ "$arch" = arm64 ]; then
	sysroot=$(realpath "$sysroot")
	cross=(CROSS_COMPILE=aarch64-linux-gnu-)
	inc=("-I$sysroot/usr/include")
	lib=("-L$sysroot/usr/lib/aarch64-linux-gnu")
fi

make -C "$tree" O="$out/hdr" ARCH="$arch" -s headers
for p in "$@"; do
	dir=${p%%/*}
	mkdir -p "$out/$dir"
	make -C "$tree/tools/testing/selftests/$dir" ARCH="$arch" "${cross[@]}" \
		OUTPUT="$out/$dir" KHDR_INCLUDES="-isystem $out/hdr/usr/include" \
		EXTRA_CFLAGS="${inc[*]}" LDFLAGS="-static ${lib[*]}" \
		-j"$(nproc)" "$out/$p"
done
