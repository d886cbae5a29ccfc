# Upstream's vfio_pci_device_test on QEMU's igb (82576, MSI and MSI-X; upstream's
# VFIO selftests igb driver) bound to vfio-pci behind the emulated VT-d.
t=/bin/vfio_pci_device_test
[ -x $t ] || { echo "$t is not in the initramfs"; exit 1; }
# With intremap=posted_msi, QEMU aborted in iotlb_to_section() ("section_index
# < d->map.sections_nb") during vfio_dma_mapping_test on igb in 2 of 2 runs;
# not understood yet (see the README), so these runs are left to the
# remapped boot until it is.
grep -q 'intremap=posted_msi' /proc/cmdline &&
	{ echo "intremap=posted_msi: QEMU aborts in iotlb_to_section() here (open)"; exit 4; }
bdf=$(vfio-bind 0x8086 0x10c9) || exit 1
VFIO_SELFTESTS_BDF=$bdf $t
