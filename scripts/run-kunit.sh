#!/usr/bin/env bash
# Run the KUnit suites built into the kernel in OBJDIR with kunit.py,
# booting it in the patched QEMU on the boot-test machine.
# Usage: run-kunit.sh TREE OBJDIR QEMU_BINDIR DISK OUTDIR [kunit.py exec args...]
# Writes OUTDIR/kunit.json and OUTDIR/console.log.
set -euo pipefail

tree=$(realpath "$1")
obj=$(realpath "$2")
qemu_bindir=$(realpath "$3")
disk=$(realpath "$4")
out=$(realpath -m "$5")
shift 5
top=$(dirname "$(realpath "$0")")/..

mkdir -p "$out"
args="$(sed "s|@DISK@|$disk|" "$top/tests/machine.args" | tr '\n' ' ')"
set +e
PATH="$qemu_bindir:$PATH" python3 "$tree/tools/testing/kunit/kunit.py" exec \
	--build_dir="$obj" --arch=x86_64 --timeout="${KUNIT_TIMEOUT:-600}" \
	--qemu_args="$args" --kernel_args=no_timer_check --json="$out/kunit.json" "$@" >"$out/kunit.log" 2>&1
rc=$?
set -e
cp "$obj/test.log" "$out/console.log" 2>/dev/null || true
exit $rc
