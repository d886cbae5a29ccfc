# Host posted MSI (intremap=posted_msi): the PCI MSIs use the INTEL-IR-POST
# chip, a virtio-blk read of the 64 MiB pattern completes and matches, and
# the posted-MSI notification counter (PMN) rises.
grep -q 'intremap=posted_msi' /proc/cmdline ||
	{ echo "not booted with intremap=posted_msi"; exit 4; }
pmn() { awk '$1 == "PMN:" { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i; print s }' /proc/interrupts; }
posted=0
for irq in $(awk '/IR-PCI-MSI/ { sub(":", "", $1); print $1 }' /proc/interrupts); do
	chip=$(sed -n 's/.*chip: *\(INTEL-IR[-A-Z]*\).*/\1/p' /sys/kernel/debug/irq/irqs/"$irq")
	echo "irq $irq: $chip"
	[ "$chip" = INTEL-IR-POST ] || { echo "irq $irq is not posted"; exit 1; }
	posted=$((posted + 1))
done
[ "$posted" -gt 0 ] || { echo "no PCI MSI irq"; exit 1; }
before=$(pmn)
blockdev --flushbufs /dev/vda
got=$(sha256sum /dev/vda | cut -d' ' -f1)
after=$(pmn)
echo "PMN $before -> $after, sha256 $got"
[ "$got" = "$(cat /etc/disk.sha256)" ] || { echo "pattern mismatch"; exit 1; }
[ "$after" -gt "$before" ] || { echo "PMN did not rise"; exit 1; }
