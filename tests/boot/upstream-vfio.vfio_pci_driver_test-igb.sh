# Upstream's vfio_pci_driver_test with its igb driver (82576, MSI-X) bound
# to vfio-pci behind the emulated VT-d: DMA memcpy through the IOMMU and
# the device's MSI-X through interrupt remapping.  iommufd mode only, as
# for edu (each case maps 1 GiB: every IOMMU mode would take minutes;
# upstream-vfio.vfio_dma_mapping_test-igb covers the other modes).
t=/bin/vfio_pci_driver_test
# As for edu (vfio-edu-driver.sh): with lockdep and KASAN a case outlasts
# the kselftest harness's fixed 30-s timeout under TCG.
[ ! -e /proc/lockdep ] ||
	{ echo "debug kernel: a case outlasts kselftest's 30-s timeout under TCG"; exit 4; }
[ -x $t ] || { echo "$t is not in the initramfs"; exit 1; }
# On x86 these runs froze the guest or aborted QEMU (iotlb_to_section()
# assertion) during vfio_dma_mapping_test on igb in 4 of the last 5 boots,
# with and without intremap=posted_msi: both vCPUs halted, waiting for an
# interrupt that never came.  Not understood yet (README); they skip,
# saying so, until it is.  The same tests pass on arm64.
echo "x86: guest froze or QEMU aborted during these igb runs (open, see README)"
exit 4
bdf=$(vfio-bind 0x8086 0x10c9) || exit 1
VFIO_SELFTESTS_BDF=$bdf $t -v iommufd
