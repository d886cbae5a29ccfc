#!/usr/bin/env bash
# Boot KERNEL with the boot-test initramfs in the patched QEMU on the test
# machine (single-threaded TCG, below) plus an igb NIC (82576, MSI-X; no
# network behind it) for upstream's VFIO selftests, with one 1 GiB and two
# 2 MiB huge pages reserved for their hugetlb cases (3 GiB of RAM:
# vfio_pci_driver_test pins another 1 GiB); the tests report KTAP on the
# second serial port.
# Writes OUTDIR/console.log and OUTDIR/boot.tap; a boot that never
# finishes its tests (hang, panic, timeout) is a failed test case of its
# own.
# Usage: boot-test.sh KERNEL INITRD QEMU_BINDIR DISK OUTDIR [KERNEL_ARGS...]
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
kernel=$1
initrd=$2
qemu=$3/qemu-system-x86_64
disk=$(realpath "$4")
out=$5
shift 5
mkdir -p "$out"
rm -f "$out/console.log" "$out/ktap.log" "$out/boot.tap"

# Single-threaded TCG: under multi-threaded TCG, QEMU 10.2 (stock, without
# the series as well) aborts in iotlb_to_section() or loses an interrupt
# (a CPU idles with its timer or an IPI's EOI gone) while vfio-pci resets
# the igb again and again, as upstream's VFIO selftests do (README).
read -ra machine <<<"$(sed "s|@DISK@|$disk|; s|-accel tcg|-accel tcg,thread=single|" \
	"$top/tests/machine.args" | tr "\n" " ")"
set +e
timeout "${BOOT_TIMEOUT:-300}" "$qemu" -nodefaults -display none \
	-monitor none -no-reboot -m 3072 "${machine[@]}" -device igb \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyS0 panic=-1 no_timer_check kunit.enable=0 hugepagesz=1G hugepages=1 hugepagesz=2M hugepages=2 $*" \
	-serial "file:$out/console.log" -serial "file:$out/ktap.log" >"$out/qemu.log" 2>&1
rc=$?
set -e

body=$(tr -d '\r' <"$out/ktap.log" 2>/dev/null | grep -v '^\(KTAP version\|1\.\.\|boot-tests: done\)' || true)
n=$(grep -c '^\(not \)\?ok ' <<<"$body" || true)
if grep -q '^boot-tests: done' "$out/ktap.log" 2>/dev/null; then
	last="ok $((n + 1)) boot-reached-end"
else
	last="not ok $((n + 1)) boot-reached-end # QEMU exit $rc"
fi
printf 'KTAP version 1\n1..%d\n%s\n%s\n' $((n + 1)) "$body" "$last" | sed '/^$/d' >"$out/boot.tap"
cat "$out/boot.tap"
if [ "${last#not}" != "$last" ]; then
	echo "boot-test: the boot never finished its tests (QEMU exit $rc$([ $rc = 124 ] && echo ', timeout')); last console lines:" >&2
	tail -n 30 "$out/console.log" >&2 || true
	cat "$out/qemu.log" >&2
	exit 1
fi
! grep -q '^not ok ' "$out/boot.tap"
