#!/usr/bin/env bash
# Reproducer of a stock QEMU 10.2 bug that the VT-d fuzz run hit within
# seconds (hw/i386/intel_iommu.c, not the series): vtd_mem_ops accepts
# 8-byte accesses anywhere in the DMAR register page, and vtd_mem_write()
# has assert(size == 4) for 22 of the 32-bit registers.  The memory core
# splits an 8-byte access that is not 8-byte aligned, but one aligned
# 64-bit guest write to FECTL (0xfed90038), IECTL (0xa0), IEADDR (0xa8)
# or PECTL (0xe0) aborts QEMU; here FECTL, with no other setup.  The fuzz
# build carries tests/fuzz/0002-intel_iommu-Ignore-8-byte-*.patch.
# Exits 1 when the bug is there (QEMU aborted), 0 when QEMU survives.
# Usage: repro-vtd-wide-write.sh [QEMU_SYSTEM_X86_64]  (default: build/qemu-obj's)
set -euo pipefail

top=$(realpath "$(dirname "$(realpath "$0")")/../..")
qemu=${1:-$top/build/qemu-obj/qemu-system-x86_64}

rc=0
out=$(printf 'writeq 0xfed90038 0x0\nreadl 0xfed90034\n' |
	timeout 20 "$qemu" -display none -accel qtest -L /usr/share/seabios \
	-L /usr/share/qemu -M q35 -nodefaults -device intel-iommu \
	-qtest stdio 2>&1) || rc=$?
# QEMU does not quit when qtest's input ends: the timeout ends it
[ "$rc" != 124 ] || rc=0
printf '%s\n' "$out" | grep 'Assertion' || true
if [ "$rc" -ge 128 ] && [ "$rc" != 137 ]; then
	echo "repro-vtd-wide-write: QEMU died of signal $((rc - 128)): 8-byte write to FECTL (stock QEMU bug)"
	exit 1
fi
if [ "$rc" != 0 ] || ! grep -q '^OK 0x' <<<"$out"; then
	echo "repro-vtd-wide-write: unexpected result (exit $rc):"
	printf '%s\n' "$out" | tail -n 5
	exit 2
fi
echo "repro-vtd-wide-write: QEMU survived the 8-byte write (fixed)"
