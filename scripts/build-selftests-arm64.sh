#!/usr/bin/env bash
# Cross-build, statically linked, the arm64 selftests the arm64 test
# initramfs runs: vfio_pci_driver_test and vgic_vlpi_vfio.  Uses the
# tree's exported UAPI headers (OUTDIR/hdr) and libuuid from SYSROOT
# (get-arm64-userland.sh).  Writes the programs under OUTDIR/vfio and
# OUTDIR/kvm.
# Usage: build-selftests-arm64.sh TREE SYSROOT OUTDIR
set -euo pipefail

tree=$(realpath "$1")
sysroot=$(realpath "$2")
mkdir -p "$3/vfio" "$3/kvm" "$3/hdr"
out=$(realpath "$3")

make -C "$tree" O="$out/hdr" ARCH=arm64 -s headers
sm() {
	make -C "$tree/tools/testing/selftests/$1" ARCH=arm64 \
		CROSS_COMPILE=aarch64-linux-gnu- OUTPUT="$out/$1" \
		KHDR_INCLUDES="-isystem $out/hdr/usr/include" \
		EXTRA_CFLAGS="-I$sysroot/usr/include" \
		LDFLAGS="-static -L$sysroot/usr/lib/aarch64-linux-gnu" \
		-j"$(nproc)" "${@:2}"
}
sm vfio "$out/vfio/vfio_pci_driver_test"
sm kvm "$out/kvm/arm64/vgic_vlpi_vfio"
