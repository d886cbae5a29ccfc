# In genirq debugfs the PCI MSI domains sit directly on an INTEL-IR domain.
d=/sys/kernel/debug/irq/domains
ls "$d" | grep -q '^INTEL-IR' || { echo "no INTEL-IR domain in $d"; exit 1; }
found=0
for f in "$d"/*MSI*; do
	[ -f "$f" ] || continue
	parent=$(grep -m1 'parent:' "$f" | sed 's/.*parent: *//')
	echo "$(basename "$f") -> ${parent:-none}"
	case $parent in INTEL-IR*) found=1 ;; esac
done
[ "$found" = 1 ] || { echo "no MSI domain with an INTEL-IR parent"; exit 1; }
