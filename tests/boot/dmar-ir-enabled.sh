# The emulated VT-d's interrupt remapping is on.
dmesg | grep -E 'DMAR-IR: Enabled IRQ remapping in (xapic|x2apic) mode'
