#!/usr/bin/env bash
# Build (only what is needed) and run QEMU qtests against the QEMU built in
# QEMU_OBJDIR; one KTAP document on stdout, non-zero exit on failure.
#   intel-iommu-test   every case is a line of its own (upstream's and the
#                      series' cases)
#   q35-test, device-introspect-test
#                      QEMU's own tests, unchanged: one line each, their
#                      cases nested below it
#   bios-tables-test   QEMU's own, unchanged: one line per q35 IOMMU case
#                      (IVRS; DMAR needs KVM), each compared with the
#                      tree's tests/data/acpi (about 35 s under TCG: the
#                      other cases are left out for time)
# A test that cannot run here gets an "ok N name # SKIP reason" line.
# Usage: run-qtest.sh QEMU_OBJDIR
set -euo pipefail

obj=$(realpath "$1")
src=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["directories"]["source"])' \
	"$obj/meson-info/meson-info.json")
bins=(intel-iommu-test q35-test bios-tables-test device-introspect-test)

ninja -C "$obj" -j2 qemu-system-x86_64 "${bins[@]/#/tests/qtest/}" >&2

# The Debian source ships no firmware: the wrapper adds the installed ones.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QTEST_QEMU_OBJDIR=$obj
export QTEST_QEMU_BINARY=$(dirname "$(realpath "$0")")/qtest-bin/qemu-system-x86_64
export QTEST_QEMU_IMG=$obj/qemu-img

lines=()
n=0
fail=0
add() { # ok|not-ok NAME [DIRECTIVE]
	n=$((n + 1))
	if [ "$1" = ok ]; then
		lines+=("ok $n $2${3:+ # $3}")
	else
		lines+=("not ok $n $2${3:+ # $3}")
		fail=1
	fi
}
run() { # LOG BINARY ARGS...: the binary's TAP into LOG, its status back
	local log=$1
	shift
	(cd "$obj" && "$@" --tap -k) >"$log" 2>"$log.err" && return 0
	return $?
}
nested() { # LOG: the binary's TAP, indented as a subtest
	lines+=("$(sed 's/^/    /' "$1")")
}
errors() { # LOG: the last lines of its stderr, as KTAP diagnostics
	lines+=("$(tail -n 20 "$1.err" | sed 's/^/# /')")
}

# intel-iommu-test: each case at the top level, run on its own (a failed
# g_assert aborts the whole binary, which would hide the cases after it)
while read -r path; do
	rc=0
	log=$tmp/iommu-${path//\//_}.tap
	run "$log" "$obj/tests/qtest/intel-iommu-test" -p "$path" || rc=$?
	if [ "$rc" = 0 ] && grep -q "^ok .*$path" "$log"; then
		add ok "$path"
	else
		errors "$log"
		add not-ok "$path"
	fi
done < <(cd "$obj" && tests/qtest/intel-iommu-test -l | grep '^/')

# QEMU's own: one line per binary, or per selected case
whole() { # NAME: run all of tests/qtest/NAME
	local rc=0
	run "$tmp/$1.tap" "$obj/tests/qtest/$1" || rc=$?
	nested "$tmp/$1.tap"
	if [ "$rc" = 0 ] && ! grep -q '^not ok' "$tmp/$1.tap"; then
		add ok "$1"
	else
		errors "$tmp/$1.tap"
		add not-ok "$1"
	fi
}
one() { # NAME PATH: run the case PATH of tests/qtest/NAME
	local rc=0 log=$tmp/$1-${2//\//_}.tap
	run "$log" "$obj/tests/qtest/$1" -p "$2" || rc=$?
	nested "$log"
	if [ "$rc" = 0 ] && grep -q '^ok' "$log" && ! grep -q '^not ok' "$log"; then
		add ok "$1 $2"
	else
		errors "$log"
		add not-ok "$1 $2"
	fi
}

whole q35-test
whole device-introspect-test
one bios-tables-test /x86_64/acpi/q35/ivrs
add ok "bios-tables-test /x86_64/acpi/q35/kvm/dmar" \
	"SKIP needs KVM (kernel-irqchip=split), which this TCG-only build lacks"
if [ ! -e "$src/tests/qtest/amd-iommu-test.c" ]; then
	add ok amd-iommu-test "SKIP not in QEMU 10.2"
fi

printf 'KTAP version 1\n1..%d\n' "$n"
printf '%s\n' "${lines[@]}"
exit $fail
