#!/usr/bin/env bash
# Print the human report of the chain from what the last runs left in
# BUILD (make all): bases, VT-d capabilities, MSI domains, the end-to-end
# module's results and figures, host posted MSI, the arm64 KVM run.
# Usage: report.sh BUILD
set -euo pipefail

b=$1
boot=$b/boot/console.log
bit() { echo $(((16#$1 >> $2) & 1)); }
yn() { [ "$1" = 1 ] && echo yes || echo no; }
. "$(dirname "$0")/series-dirs.sh"
npatches() { # DIR: "N patches", per series where DIR holds several
	local d out=
	while read -r d; do
		out+="${out:+, }$(series_patches "$d" | grep -c . || true)"
		[ "$d" = "$1" ] || out+=" ($(basename "$d"))"
	done < <(series_dirs "$1")
	echo "${out:-0} patches"
}
counts() { # TAP: "N passed, N failed, N skipped"
	local s p x
	s=$(grep -c '^ok .*# SKIP' "$1" || true)
	p=$(($(grep -c '^ok ' "$1" || true) - s))
	x=$(grep -c '^not ok ' "$1" || true)
	echo "$p passed, $x failed, $s skipped"
}
base() { # src-DIR
	printf '%s %s' "$(cat "$1/PACKAGE")" "$(cat "$1/VERSION")"
	[ ! -f "$1/FALLBACK" ] || printf ' (fallback: the pinned version is gone)'
}

echo "== vcpu-affinity report =="
printf 'Linux  %s (Debian) + %s\n' "$(base "$b/src-linux")" "$(npatches linux)"
printf 'QEMU   %s (Debian) + %s\n' "$(base "$b/src-qemu")" "$(npatches qemu)"

if read -r cap ecap < <(sed -n 's/.*DMAR: dmar0: .* cap \([0-9a-f]*\) ecap \([0-9a-f]*\).*/\1 \2/p' "$boot" 2>/dev/null | head -n 1); then
	printf 'VT-d   cap %s ecap %s: interrupt remapping %s, x2APIC (EIM) %s, posted interrupts (CAP.PI) %s\n' \
		"$cap" "$ecap" "$(yn "$(bit "$ecap" 3)")" "$(yn "$(bit "$ecap" 4)")" "$(yn "$(bit "$cap" 59)")"
	sed -n 's/.*\(DMAR-IR: Enabled IRQ remapping in .*\)/       Linux: \1/p' "$boot"
	echo "MSI    domain hierarchy (genirq debugfs):"
	sed -n 's/^# \(IR-PCI-MSI.* -> .*\)/         \1 -> VECTOR/p' "$b/boot/boot.tap"
else
	echo "VT-d   no boot log ($boot)"
fi

for run in e2e-soak e2e-soak-debug; do
	[ -s "$b/$run/soak.txt" ] || continue
	echo "Soak ($run, three CPUs, CPU hotplug): $(counts "$b/$run/e2e.tap")"
	sed 's/^/       /' "$b/$run/soak.txt"
done

for run in e2e e2e-pmsi e2e-x2apic; do
	tap=$b/$run/e2e.tap
	[ -f "$tap" ] || continue
	echo "End to end ($run: module tests/e2e, edu MSI posted by the emulated VT-d): $(counts "$tap")"
	grep -ahE '# (vaff_[a-z_]*): ' "$b/$run/console.log" | tr -d '\r' |
		grep -E 'host delivery|accounting|burst|switch median|no CAP' |
		sed 's/^\[[ 0-9.]*\] *//; s/^ *# /       /' | sort -u
	[ "$run" != e2e ] || sed 's/^/       /' "$b/$run/bench.txt" 2>/dev/null || true
done

race=$b/race/race.tap
if [ -f "$race" ]; then
	echo "Races (tests/race, MTTCG guest against QEMU's posting): $(counts "$race")"
	sed -n 's/^# figures /       /p' "$race"
fi

pmsi=$b/boot-pmsi/boot.tap
if [ -f "$pmsi" ]; then
	n=$(grep -c '^# irq [0-9]*: INTEL-IR-POST' "$pmsi" || true)
	pmn=$(sed -n 's/^# PMN \([0-9]*\) -> \([0-9]*\), .*/\1 -> \2/p' "$pmsi")
	res=$(grep -q '^ok [0-9]* posted-msi$' "$pmsi" && echo "read back correctly" || echo FAILED)
	echo "Host posted MSI (intremap=posted_msi): $n PCI MSIs on INTEL-IR-POST;"
	echo "       64 MiB virtio-blk pattern $res, posted-MSI notifications (PMN) ${pmn:-?}"
fi

arm=$b/arm64/arm64.tap
if [ -f "$arm" ]; then
	con=$b/arm64/console.log
	echo "arm64  KVM + GICv4 under TCG, edu (MSI) and igb (MSI-X) bound to vfio-pci: $(counts "$arm")"
	echo "       call chains (kernel stacks, innermost first, from the function tracer):"
	tr -d '\r' <"$con" | sed -n 's/^chain: /         /p'
	echo "       vgic_vlpi_vfio:"
	tr -d '\r' <"$con" | grep -E '^(## vgic_vlpi_vfio-[a-z]+ |# ([0-9]+ MSIs in|host IRQ|after ))' |
		sed 's/^##* /         /' || true
fi
