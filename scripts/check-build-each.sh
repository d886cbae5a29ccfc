#!/usr/bin/env bash
# Test: every patch of the kernel series builds on its own.  Each commit
# of TREE since base is checked out in turn in build/each/linux (a
# worktree) and built for x86_64 with the given config fragments into
# build/each/linux-obj and for arm64 (linux/config/arm64.config) into
# build/each/linux-arm64-obj; a commit that touches the selftests also
# builds the selftest programs the harness runs, for both (arm64 against
# build/arm64-sysroot).  The paths mirror build/linux and its object
# directories, so ccache (base_dir = build/) serves every object the
# commit does not change.  One case per patch; a compiler warning fails
# it too.
# Usage: check-build-each.sh OUT.tap TREE FRAGMENT...
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
out=$1
tree=$(realpath "$2")
shift 2
wt=$top/build/each/linux
obj=$top/build/each/linux-obj
# Each series is stacked on the previous one in HEAD: every commit (no
# merges), a series after another.
mapfile -t commits < <(git -C "$tree" rev-list --reverse --topo-order --no-merges base..HEAD)

if [ -f "$wt/.git" ]; then
	git -C "$wt" checkout -q -f --detach base
else
	rm -rf "$wt"
	mkdir -p "$(dirname "$wt")"
	git -C "$tree" worktree prune
	git -C "$tree" worktree add -q --detach "$wt" base
fi

build() { # COMMIT: build it every way; print the log, fail on error
	KCONFIG_LENIENT=1 "$top/scripts/build-kernel.sh" "$wt" "$obj" "$@" 2>&1 &&
	ARCH=arm64 KCONFIG_LENIENT=1 "$top/scripts/build-kernel.sh" "$wt" \
		"$obj/../linux-arm64-obj" "$top/linux/config/arm64.config" 2>&1 || return
	git -C "$wt" diff --quiet HEAD^ HEAD -- tools/testing/selftests && return
	local progs=(vfio/vfio_pci_driver_test)
	"$top/scripts/build-selftests.sh" x86 "$wt" - "$wt/../selftests-x86" "${progs[@]}" 2>&1 || return
	[ ! -f "$wt/tools/testing/selftests/kvm/arm64/vgic_vlpi_vfio.c" ] ||
		progs+=(kvm/arm64/vgic_vlpi_vfio)
	"$top/scripts/build-selftests.sh" arm64 "$wt" "$top/build/arm64-sysroot" \
		"$wt/../selftests-arm64" "${progs[@]}" 2>&1
}

n=0
{
	echo "KTAP version 1"
	echo "1..${#commits[@]}"
	for c in "${commits[@]}"; do
		n=$((n + 1))
		name="$(printf '%04d' $n)-$(git -C "$tree" log -1 --format=%f "$c" | cut -c1-52)"
		git -C "$wt" checkout -q -f --detach "$c"
		if log=$(build "$@"); then
			warn=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: warning' <<<"$log" || true)
			if [ -z "$warn" ]; then
				echo "ok $n $name"
			else
				head -n 5 <<<"$warn" | sed 's/^/# /'
				echo "not ok $n $name"
			fi
		else
			tail -n 10 <<<"$log" | sed 's/^/# /'
			echo "not ok $n $name"
		fi
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
