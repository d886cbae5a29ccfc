#!/usr/bin/env bash
# Print the human report of the chain from what the last boot and KUnit
# runs left in BUILD (make all).
# Usage: report.sh BUILD
set -euo pipefail

b=$1
boot=$b/boot/console.log
kunit=$b/kunit/console.log
bit() { echo $(((16#$1 >> $2) & 1)); }
yn() { [ "$1" = 1 ] && echo yes || echo no; }
npatches() { grep -cv '^\s*\(#\|$\)' "$1/series" || true; }

echo "== vcpu-affinity report =="
printf 'Linux  %s (Debian linux-source-6.12) + %d patches\n' \
	"$(cat "$b/src-linux/VERSION")" "$(npatches linux)"
printf 'QEMU   %s (Debian qemu) + %d patches\n' \
	"$(cat "$b/src-qemu/VERSION")" "$(npatches qemu)"

read -r cap ecap < <(sed -n 's/.*DMAR: dmar0: .* cap \([0-9a-f]*\) ecap \([0-9a-f]*\).*/\1 \2/p' "$boot" | head -n 1) ||
	{ echo "VT-d   no DMAR unit in $boot"; exit 1; }
printf 'VT-d   cap %s ecap %s: interrupt remapping %s, x2APIC (EIM) %s, posted interrupts (CAP.PI) %s\n' \
	"$cap" "$ecap" "$(yn "$(bit "$ecap" 3)")" "$(yn "$(bit "$ecap" 4)")" "$(yn "$(bit "$cap" 59)")"
sed -n 's/.*\(DMAR-IR: Enabled IRQ remapping in .*\)/       Linux: \1/p' "$boot"
{ grep -h 'posted' "$boot" || true; } | sed 's/^\[[ 0-9.]*\] /       Linux: /' | head -n 3

echo "MSI    domain hierarchy (genirq debugfs):"
sed -n 's/^# \(IR-PCI-MSI.* -> .*\)/         \1 -> VECTOR/p' "$b/boot/boot.tap"

trace=$(grep -h 'irq_set_vcpu_affinity: irq=' "$b/boot/boot.tap" 2>/dev/null || true)
if [ -n "$trace" ]; then
	echo "edu    irq_set_vcpu_affinity() on the edu MSI, genirq tracepoint:"
	sed 's/.*irq_set_vcpu_affinity: //' <<<"$trace" | sort | uniq -c | sed 's/^ */         /; s/ irq=/ x irq=/'
fi
dfs=$(sed -n 's/^# \(posted\|host\): irq [0-9]* \(IRQD_FORWARDED_TO_VCPU=[01]\)$/\1 \2/p' "$b/boot/boot.tap" | tr '\n' ',' | sed 's/,$//; s/,/, /g')
[ -z "$dfs" ] || echo "debugfs /sys/kernel/debug/irq/irqs/N of the edu MSI: $dfs"
if [ -f "$kunit" ]; then
	echo "End to end (KUnit suite intel_ir_edu_e2e, edu MSI posted by the emulated VT-d):"
	grep -ahE '# vaff_(accounting|benchmark): ' "$kunit" | sed 's/^\[[ 0-9.]*\] *# /       /'
	grep -ahE '# bench_[a-z_]*: ' "$kunit" | sed 's/^\[[ 0-9.]*\] *# /       /'
	grep -ahE '^\[[ 0-9.]*\] *(not )?ok [0-9]+ vaff_' "$kunit" | sed 's/^\[[ 0-9.]*\] */       /' | tr '\n' ';' | sed 's/;$/\n/; s/;/\n/g'
fi

pmsi=$b/boot-pmsi/boot.tap
if [ -f "$pmsi" ]; then
	n=$(grep -c '^# irq [0-9]*: INTEL-IR-POST' "$pmsi" || true)
	pmn=$(sed -n 's/^# PMN \([0-9]*\) -> \([0-9]*\), .*/\1 -> \2/p' "$pmsi")
	res=$(grep -q '^ok [0-9]* posted-msi$' "$pmsi" && echo "read back correctly" || echo FAILED)
	echo "Host posted MSI (intremap=posted_msi): $n PCI MSIs on INTEL-IR-POST;"
	echo "       64 MiB virtio-blk pattern $res, posted-MSI notifications (PMN) ${pmn:-?}"
fi

kp=$b/kunit-pmsi/console.log
if [ -f "$kp" ]; then
	mode=$(sed -n 's/.*# vaff_remapped_delivery: host delivery: //p' "$kp" | head -n 1)
	suite=$(grep -aoE '(not )?ok [0-9]+ intel_ir_edu_e2e' "$kp" | sed 's/ [0-9]* / /' | head -n 1)
	echo "       end to end with it: host delivery ${mode:-?}, suite: ${suite:-no result}"
	grep -ahE '# vaff_accounting: ' "$kp" | sed 's/^\[[ 0-9.]*\] *# /       /'
fi
