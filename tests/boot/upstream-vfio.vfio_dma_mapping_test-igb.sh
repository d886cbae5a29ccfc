# Upstream's vfio_dma_mapping_test on QEMU's igb (82576, MSI and MSI-X; upstream's
# VFIO selftests igb driver) bound to vfio-pci behind the emulated VT-d.
t=/bin/vfio_dma_mapping_test
[ -x $t ] || { echo "$t is not in the initramfs"; exit 1; }
bdf=$(vfio-bind 0x8086 0x10c9) || exit 1
VFIO_SELFTESTS_BDF=$bdf $t
