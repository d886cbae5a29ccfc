#!/usr/bin/env bash
# Boot the arm64 test kernel at EL2 (KVM with GICv4) in QEMU TCG on the
# virt machine with an SMMUv3, QEMU's edu device (MSI) and an igb NIC
# (82576, MSI-X; no network behind it), run the initramfs's
# tests and collect their results.  The init prints each result as
# "@@ [not ]ok NAME" on the console; they become OUTDIR/arm64.tap (flat
# KTAP).  A boot that never reaches the end of its tests (hang, panic,
# timeout) is a failed case of its own, reported with the last console
# lines.  Writes OUTDIR/console.log, OUTDIR/arm64.tap.
# edu gets a 64-bit DMA mask (EDU_DMA_MASK overrides it; QEMU's default is
# 28 bits, below the IOVAs the VFIO selftests use).  One 1 GiB and two
# 2 MiB huge pages are reserved at boot for vfio_dma_mapping_test's hugetlb
# cases (3 GiB of RAM: vfio_pci_driver_test pins another 1 GiB).
# Usage: boot-arm64.sh QEMU IMAGE INITRD OUTDIR [KERNEL_ARGS...]
set -euo pipefail

qemu=$1
kernel=$2
initrd=$3
out=$4
shift 4
mkdir -p "$out"
rm -f "$out/console.log" "$out/arm64.tap"

start=$(date +%s)
set +e
timeout "${BOOT_TIMEOUT:-900}" "$qemu" -nodefaults -display none \
	-monitor none -no-reboot \
	-M virt,virtualization=on,gic-version=4,iommu=smmuv3 \
	-cpu max -smp 2 -m 3072 -accel tcg \
	-device edu,dma_mask="${EDU_DMA_MASK:-0xffffffffffffffff}" \
	-device igb \
	-kernel "$kernel" -initrd "$initrd" \
	-append "console=ttyAMA0 panic=-1 kvm-arm.vgic_v4_enable=1 hugepagesz=1G hugepages=1 hugepagesz=2M hugepages=2 $*" \
	-serial "file:$out/console.log" >"$out/qemu.log" 2>&1
rc=$?
set -e
secs=$(($(date +%s) - start))

body=$(tr -d '\r' <"$out/console.log" | sed -n 's/^@@ \(\(not \)\?ok .*\)/\1/p')
n=0
cases=
while IFS= read -r line; do
	[ -n "$line" ] || continue
	n=$((n + 1))
	status=${line%%ok *}ok
	cases+="$status $n ${line#*ok }"$'\n'
done <<<"$body"
n=$((n + 1))
if tr -d '\r' <"$out/console.log" | grep -q '^@@ done'; then
	cases+="# boot to result: ${secs}s"$'\n'"ok $n boot-reached-end"
else
	cases+="# QEMU exit $rc after ${secs}s"$'\n'"not ok $n boot-reached-end"
fi
printf 'KTAP version 1\n1..%d\n%s\n' "$n" "$cases" >"$out/arm64.tap"
cat "$out/arm64.tap"
if grep -q '^not ok [0-9]* boot-reached-end' "$out/arm64.tap"; then
	echo "boot-arm64: the tests never finished (QEMU exit $rc$([ $rc = 124 ] && echo ', timeout')); last console lines:" >&2
	tail -n 30 "$out/console.log" >&2 || true
	cat "$out/qemu.log" >&2
	exit 1
fi
! grep -q '^not ok ' "$out/arm64.tap"
