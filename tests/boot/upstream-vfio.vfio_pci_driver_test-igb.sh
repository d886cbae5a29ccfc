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
bdf=$(vfio-bind 0x8086 0x10c9) || exit 1
VFIO_SELFTESTS_BDF=$bdf $t -v iommufd
