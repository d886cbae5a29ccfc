#!/usr/bin/env bash
# Run the end-to-end KUnit module (tests/e2e) in QEMU: boot BZIMAGE on the
# test machine (tests/machine.args) with an initramfs that only loads
# MODULE.ko (tests/e2e/init), capture the suite's KTAP from the console and
# QEMU's trace of IEC invalidation descriptors (vtd_inv_desc_iec), which
# QEMU writes into the same stream, in order.
# Writes to OUTDIR:
#   console.log  guest console (ttyS0) with the QEMU trace lines interleaved
#   e2e.tap      KTAP: one flat "ok N case [# SKIP reason]" / "not ok N case"
#                line per case of intel_ir_edu_e2e (taken from the console,
#                not kunit.py parse output)
#   bench.txt    the module's IEC/IRTE benchmark lines, and per pattern the
#                IEC descriptors QEMU traced for the test IRTE (from outside)
# Exits non-zero when a case failed, the suite did not finish, or the
# console shows a kernel warning or oops (the module suppresses the
# warnings it provokes on purpose).
# Usage: run-e2e.sh BZIMAGE MODULE.ko QEMU_BINDIR DISK OUTDIR [KERNEL_ARGS...]
# Environment: E2E_TIMEOUT (seconds, default 1800), E2E_MACHINE_ARGS (file
# to use instead of tests/machine.args), E2E_MODULE_ARGS (extra insmod
# parameters), E2E_SUITE (the module's suite to run: intel_ir_edu_e2e,
# the default, or intel_ir_edu_soak, whose figures go to OUTDIR/soak.txt).
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
kernel=$1
module=$2
qemu=$3/qemu-system-x86_64
disk=$(realpath "$4")
out=$5
shift 5
suite=${E2E_SUITE:-intel_ir_edu_e2e}
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out/console.log" "$out/e2e.tap" "$out/bench.txt" "$out/soak.txt"

# The module checks the host delivery mode the command line asks for.
posted_msi=0
for arg in "$@"; do
	case $arg in intremap=*posted_msi*) posted_msi=1 ;; esac
done

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,dev,etc,proc,sys,tmp}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$top/tests/e2e/init" "$root/init"
cp "$module" "$root/vcpu_affinity_e2e.ko"
echo "host_posted_msi=$posted_msi ${E2E_MODULE_ARGS:-}" >"$root/etc/e2e.args"
(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -9n >"$root.cpio.gz"
trap 'rm -rf "$root" "$root.cpio.gz"' EXIT

machine_args=${E2E_MACHINE_ARGS:-$top/tests/machine.args}
read -ra machine <<<"$(sed "s|@DISK@|$disk|" "$machine_args" | tr "\n" " ")"
echo "run-e2e: $qemu ${machine[*]} (timeout ${E2E_TIMEOUT:-1800}s)"
set +e
timeout "${E2E_TIMEOUT:-1800}" "$qemu" -nodefaults -display none \
	-monitor none -no-reboot -m 1024 "${machine[@]}" \
	-kernel "$kernel" -initrd "$root.cpio.gz" \
	-append "console=ttyS0 panic=-1 no_timer_check kunit.filter_glob=$suite $*" \
	-serial stdio -trace vtd_inv_desc_iec \
	</dev/null >"$out/console.log" 2>&1
rc=$?
set -e

# A trace line can land in the middle of a console line: cut it out.
iec_re='vtd_inv_desc_iec granularity 0x[0-9a-f]+ index 0x[0-9a-f]+ mask 0x[0-9a-f]+'
clean=$(tr -d '\r' <"$out/console.log" | perl -0pe "s/(\\d+@[\\d.]+:)?$iec_re\\n//g")

cases=$(sed -nE 's/^(\[ *[0-9.]+\] )?    ((not )?ok [0-9]+ vaff_.*)$/\2/p' <<<"$clean")
n=$(grep -c . <<<"$cases" || true)
printf 'KTAP version 1\n1..%d\n%s\n' "$n" "$cases" | sed '/^$/d' >"$out/e2e.tap"
cat "$out/e2e.tap"

# Benchmark: the module's own counts, then QEMU's count per pattern.
{
	sed -nE 's/^.*# vaff_bench_(irte_writes|cycles): (bench: .*)$/\2/p' <<<"$clean"
	tr -d '\r' <"$out/console.log" | perl -ne '
		if (/bench-begin (\S+) index (\d+)/) { ($pat, $idx, $ind, $glob) = ($1, $2, 0, 0); next }
		if (/bench-end / && defined $pat) {
			print "qemu-trace: pattern=$pat iec_indexed=$ind iec_global=$glob\n";
			undef $pat;
			next;
		}
		next unless defined $pat;
		while (/vtd_inv_desc_iec granularity 0x([0-9a-f]+) index 0x([0-9a-f]+) mask 0x([0-9a-f]+)/g) {
			my ($g, $first, $span) = (hex $1, hex $2, 2 ** hex $3);
			if (!$g) { $glob++ }
			elsif ($idx >= $first && $idx < $first + $span) { $ind++ }
		}'
} >"$out/bench.txt"
cat "$out/bench.txt"
sed -nE 's/^.*# vaff_soak: (soak: .*)$/\1/p' <<<"$clean" >"$out/soak.txt"
cat "$out/soak.txt"

fail=0
if ! grep -q '^e2e: done' <<<"$clean"; then
	echo "run-e2e: the guest never finished (QEMU exit $rc$([ $rc = 124 ] && echo ', timeout')); last console lines:" >&2
	tail -n 30 <<<"$clean" >&2
	fail=1
fi
if ! grep -qE "^(\[ *[0-9.]+\] )?ok [0-9]+ $suite" <<<"$clean"; then
	echo "run-e2e: suite $suite did not pass (or did not run)" >&2
	fail=1
fi
if [ "$n" = 0 ] || grep -q '^not ok ' "$out/e2e.tap"; then
	echo "run-e2e: failed cases: $(grep '^not ok ' "$out/e2e.tap" | tr '\n' ' ')" >&2
	fail=1
fi
if grep -qE 'cut here|BUG:|Oops|WARNING:' <<<"$clean"; then
	echo "run-e2e: kernel warning or oops in $out/console.log" >&2
	fail=1
fi
exit $fail
