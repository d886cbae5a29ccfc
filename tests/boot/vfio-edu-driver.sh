# The kernel series' VFIO selftest driver for QEMU's edu device: bind edu
# (1234:11e8) to vfio-pci behind the emulated VT-d and run
# vfio_pci_driver_test on it (iommufd mode: DMA through the IOMMU, MSI
# through interrupt remapping).
t=/bin/vfio_pci_driver_test
# Each case binds and initialises edu (6.5 s under TCG); with lockdep and
# KASAN that exceeds the harness's fixed 30-s timeout per case.
[ ! -e /proc/lockdep ] ||
	{ echo "debug kernel: a case outlasts kselftest's 30-s timeout under TCG"; exit 4; }
[ -x $t ] || { echo "$t is not in the initramfs"; exit 1; }
bdf=
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor")" = 0x1234 ] && [ "$(cat "$d/device")" = 0x11e8 ] &&
		bdf=$(basename "$d")
done
[ -n "$bdf" ] || { echo "no edu device"; exit 1; }
echo vfio-pci >"/sys/bus/pci/devices/$bdf/driver_override"
echo "$bdf" >/sys/bus/pci/drivers_probe
drv=$(basename "$(readlink "/sys/bus/pci/devices/$bdf/driver")")
[ "$drv" = vfio-pci ] || { echo "edu $bdf is bound to '$drv', not vfio-pci"; exit 1; }
VFIO_SELFTESTS_BDF=$bdf $t -v iommufd
