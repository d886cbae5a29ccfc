#!/usr/bin/env bash
# Build (only what is needed) and run the intel-iommu qtest against the
# QEMU built in QEMU_OBJDIR; TAP on stdout, non-zero exit on failure.
# Usage: run-qtest.sh QEMU_OBJDIR
set -euo pipefail

obj=$(realpath "$1")
tests=(intel-iommu-test)

ninja -C "$obj" -j2 qemu-system-x86_64 "${tests[@]/#/tests/qtest/}" >&2

# The Debian source ships no firmware: a wrapper (named like the real
# binary, qtest takes the arch from the name) adds the installed ones.
wrap=$(mktemp -d)
trap 'rm -rf "$wrap"' EXIT
printf '#!/bin/sh\nexec %q -L /usr/share/seabios -L /usr/share/qemu -L /usr/lib/ipxe/qemu "$@"\n' \
	"$obj/qemu-system-x86_64" >"$wrap/qemu-system-x86_64"
chmod +x "$wrap/qemu-system-x86_64"
export QTEST_QEMU_BINARY=$wrap/qemu-system-x86_64

rc=0
for t in "${tests[@]}"; do
	"$obj/tests/qtest/$t" --tap -k || rc=1
done
exit $rc
