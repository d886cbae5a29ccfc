# Every PCI MSI/MSI-X interrupt goes through the remapping domain.
msi=$(grep -E 'PCI-MSI' /proc/interrupts)
echo "$msi"
[ -n "$msi" ] || { echo "no PCI MSI interrupts at all"; exit 1; }
bad=$(echo "$msi" | grep -v 'IR-PCI-MSI')
[ -z "$bad" ] || { echo "not remapped: $bad"; exit 1; }
