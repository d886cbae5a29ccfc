#!/usr/bin/env bash
# Run the series' KUnit suites the way upstream runs them, without an
# IOMMU or the project's QEMU features: tools/testing/kunit/kunit.py run
# --arch=x86_64 with drivers/iommu/intel/.kunitconfig (the VT-d suites)
# plus the genirq suite and lockdep (whose view of desc->lock the genirq
# cases check), in its own build directory.  kunit.py asks QEMU
# for "-accel kvm" first; this machine's /dev/kvm cannot boot Linux, so
# the QEMU it finds on PATH is a shim that drops every -accel but tcg and
# runs the project's qemu-system-x86_64 (with Debian's firmware for qboot).
# Writes OUTDIR/kunit.log (the harness counts its "Testing complete" line).
# Usage: run-kunit-plain.sh TREE QEMU_BINDIR OUTDIR
set -euo pipefail

tree=$(realpath "$1")
qemu=$(realpath "$2")/qemu-system-x86_64
mkdir -p "$3"
out=$(realpath "$3")

mkdir -p "$out/bin"
cat >"$out/bin/qemu-system-x86_64" <<SHIM
#!/bin/sh
# kunit.py's QEMU, restricted to TCG (see run-kunit-plain.sh).
skip=
for a do
	shift
	if [ -n "\$skip" ]; then skip=; [ "\$a" = tcg ] && set -- "\$@" -accel tcg; continue; fi
	[ "\$a" = -accel ] && { skip=1; continue; }
	set -- "\$@" "\$a"
done
exec "$qemu" -L /usr/share/qemu -L /usr/share/seabios "\$@"
SHIM
chmod +x "$out/bin/qemu-system-x86_64"

cd "$tree"
PATH=$out/bin:$PATH python3 tools/testing/kunit/kunit.py run --arch=x86_64 \
	--kunitconfig=drivers/iommu/intel --kconfig_add CONFIG_IRQ_KUNIT_TEST=y \
	--kconfig_add CONFIG_DEBUG_KERNEL=y --kconfig_add CONFIG_PROVE_LOCKING=y \
	--build_dir="$out/build" --make_options CC="ccache gcc" --jobs="$(nproc)" \
	--timeout="${KUNIT_TIMEOUT:-600}" >"$out/kunit.log" 2>&1
