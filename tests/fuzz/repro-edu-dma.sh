#!/usr/bin/env bash
# Reproducer of a stock QEMU 10.2 bug that the VT-d fuzz run hit first
# (hw/misc/edu.c, not the series): edu_check_range() only logs a DMA that
# does not fit edu's 4 KiB buffer at 0x40000, and edu_dma_timer() then
# does it anyway, at dma_buf + (dst - 0x40000) for dma.cnt bytes.  The
# guest chooses both, so a DMA reads or writes host memory anywhere
# relative to the buffer (here 8 bytes of guest RAM are copied 2^46 bytes
# past it, which is unmapped: QEMU dies of SIGSEGV; a smaller offset
# corrupts the host heap silently).  No IOMMU is needed.  The fuzz build
# carries the fix tests/fuzz/0001-hw-misc-edu-*.patch.
# Exits 1 when the bug is there (QEMU crashed), 0 when QEMU survives.
# Usage: repro-edu-dma.sh [QEMU_SYSTEM_X86_64]  (default: build/qemu-obj's)
set -euo pipefail

top=$(realpath "$(dirname "$(realpath "$0")")/../..")
qemu=${1:-$top/build/qemu-obj/qemu-system-x86_64}
bar=0xfe000000

# edu is 00:01.0: BAR0 at $bar, memory and bus master on; DMA 8 bytes
# from guest RAM 0 to edu "address" 0x40000 + 2^46 (RUN, direction
# RAM -> edu); the DMA runs 100 ms of virtual time later.
cmds="outl 0xcf8 0x80000810
outl 0xcfc $bar
outl 0xcf8 0x80000804
outw 0xcfc 0x6
writeq $((bar + 0x80)) 0x0
writeq $((bar + 0x88)) 0x400000040000
writeq $((bar + 0x90)) 0x8
writeq $((bar + 0x98)) 0x1
clock_step 200000000
readq $((bar + 0x98))"

rc=0
out=$(printf '%s\n' "$cmds" | timeout 20 "$qemu" -display none -accel qtest \
	-L /usr/share/seabios -L /usr/share/qemu \
	-M q35 -nodefaults -device edu -qtest stdio -d guest_errors 2>&1) || rc=$?
# QEMU does not quit when qtest's input ends: the timeout ends it
[ "$rc" != 124 ] || rc=0
printf '%s\n' "$out" | grep -i 'EDU: DMA range' || true
if [ "$rc" -ge 128 ] && [ "$rc" != 137 ]; then
	echo "repro-edu-dma: QEMU died of signal $((rc - 128)): edu DMA outside its buffer (stock QEMU bug)"
	exit 1
fi
if [ "$rc" != 0 ] || ! grep -q '^OK 0x0*$' <<<"$out"; then
	echo "repro-edu-dma: unexpected result (exit $rc):"
	printf '%s\n' "$out" | tail -n 5
	exit 2
fi
echo "repro-edu-dma: QEMU survived, the transfer was refused (fixed)"
