#!/usr/bin/env bash
# Benchmark VT-d posted versus remapped interrupt delivery: the perf mode
# of the intel-iommu qtest drives the same edu MSI loop through both IRTE
# formats and prints interrupts per second and their ratio (target for
# posted/remapped >= 0.8).  The remapped rate is also measured against
# the unpatched QEMU when STOCK_QEMU (default build/qemu-stock) exists.
# Figures only, not a pass/fail test.
# Usage: bench-qemu.sh QEMU_OBJDIR
set -euo pipefail

obj=$(realpath "$1")
top=$(dirname "$(realpath "$0")")/..
stock=${STOCK_QEMU:-$top/build/qemu-stock/qemu-system-x86_64}

ninja -C "$obj" -j2 qemu-system-x86_64 tests/qtest/intel-iommu-test >&2

# Wrappers named like the real binaries (qtest takes the arch from the
# name) add the installed firmware: the Debian source ships none.
wrap=$(mktemp -d)
trap 'rm -rf "$wrap"' EXIT
wrapper() {
	mkdir -p "$wrap/$1"
	printf '#!/bin/sh\nexec %q -L /usr/share/seabios -L /usr/share/qemu "$@"\n' \
		"$2" >"$wrap/$1/qemu-system-x86_64"
	chmod +x "$wrap/$1/qemu-system-x86_64"
}
wrapper patched "$obj/qemu-system-x86_64"
export QTEST_QEMU_BINARY=$wrap/patched/qemu-system-x86_64
if [ -x "$stock" ]; then
	wrapper stock "$stock"
	export INTEL_IOMMU_BENCH_STOCK=$wrap/stock/qemu-system-x86_64
fi

"$obj/tests/qtest/intel-iommu-test" -m perf -p /x86_64/intel-iommu/bench \
	--tap 2>/dev/null | sed -n 's/^# bench: //p'
