#!/usr/bin/env bash
# Show that the random-request qtest (/q35/intel-iommu/pi/random) can
# fail: for each harness-only patch tests/mutants/qemu-*.patch, which
# removes one check of the posting path (address width, RAM, descriptor
# alignment), build QEMU with it and run the test, which must fail.
# The mutants are built in SRC, a git worktree of TREE's HEAD (the
# committed series), and OBJDIR; between mutants only the patched file
# is rebuilt.  One KTAP document on stdout: "ok" when the test failed.
# Usage: run-qtest-mutants.sh TREE SRC OBJDIR
set -euo pipefail

tree=$(realpath "$1")
src=$(realpath -m "$2")
obj=$(realpath -m "$3")
top=$(realpath "$(dirname "$(realpath "$0")")/..")
test=/x86_64/q35/intel-iommu/pi/random

rev=$(git -C "$tree" rev-parse 'HEAD^{commit}')
[ -e "$src/.git" ] || git -C "$tree" worktree add -q -f --detach "$src" "$rev" >&2
git -C "$src" checkout -q -f --detach "$rev"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; git -C "$src" checkout -q -f "$rev"' EXIT
export QTEST_QEMU_OBJDIR=$obj
export QTEST_QEMU_BINARY=$top/scripts/qtest-bin/qemu-system-x86_64

mutants=("$top"/tests/mutants/qemu-*.patch)
echo "KTAP version 1"
echo "1..${#mutants[@]}"
n=0
for m in "${mutants[@]}"; do
	n=$((n + 1))
	name=$(basename "$m" .patch)
	git -C "$src" checkout -q -f "$rev"
	git -C "$src" apply "$m" 2>&1 | sed 's/^/# /' ||
		{ echo "not ok $n $name # does not apply to the series"; continue; }
	"$top/scripts/build-qemu.sh" "$src" "$obj" qemu-system-x86_64 \
		tests/qtest/intel-iommu-test >"$tmp/build.log" 2>&1 ||
		{ tail -n 20 "$tmp/build.log" | sed 's/^/# /'; echo "not ok $n $name # build failed"; continue; }
	# It must fail in its checks (rnd_check), not for another reason such
	# as QEMU not starting, which would prove nothing.
	if (cd "$obj" && tests/qtest/intel-iommu-test -p "$test" --tap) >"$tmp/out" 2>&1; then
		echo "not ok $n $name # the random test passed with the check removed"
	elif grep -aq 'rnd_check: assertion' "$tmp/out"; then
		grep -a -m 3 'ERROR\|request [0-9]*:\|random seed' "$tmp/out" | sed 's/^/# /'
		echo "ok $n $name"
	else
		tail -n 10 "$tmp/out" | sed 's/^/# /'
		echo "not ok $n $name # the random test failed, but not in its checks"
	fi
done
