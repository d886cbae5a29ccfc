#!/usr/bin/env bash
# Race tests of QEMU's emulated VT-d posted interrupts (tests/race): boot
# BZIMAGE under TCG with MTTCG (4 vCPUs, 6 GiB so that RAM exists above
# 4 GiB) with an initramfs that only loads MODULE.ko (tests/race/vaff_race.ko)
# and turn its console result lines into KTAP:
#   race2_irte_read_not_torn     the edu MSI's IRTE flips between remapped
#                                and posted (descriptor above 4 GiB) while
#                                another vCPU fires it: no post may land in
#                                the descriptor's low-32-bit alias block
#   race1_notify_not_misdirected NV/NDST switch between two (vector, CPU)
#                                pairs while the device fires: no vector
#                                may reach the other pair's CPU
#   race2_fallback_irte_read_not_torn
#                                race2 in a second boot, with the IRTE read
#                                that hosts without a 16-byte atomic load
#                                use forced (x-irte-read-fallback=on) and
#                                the interrupt entry cache off, so that
#                                every interrupt reads the table
# plus "# figures" lines with the counts and rates.  Both descriptor
# blocks of race2 are reserved on the kernel command line (memmap=).
# Writes OUTDIR/console.log and OUTDIR/race.tap.  Exits non-zero when any
# torn or misdirected delivery was seen (what the unfixed QEMU is expected
# to show), when a test did not run or exercised nothing, or on a kernel
# warning or oops.
# Usage: run-race.sh BZIMAGE MODULE.ko QEMU_BINDIR OUTDIR [KERNEL_ARGS...]
# Environment: RACE_DURATION_MS (per test, default 20000), RACE_TIMEOUT
# (seconds, per boot, default 900), RACE_TESTS (bit 0: race1, bit 1:
# race2, bit 2: the fallback boot; default 7),
# RACE_QEMU_ENV (VAR=VALUE words put in QEMU's environment, e.g.
# QEMU_RACE_SPLIT_IRTE=1 for the harness-only unfixed build).
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
kernel=$1
module=$2
qemu=$3/qemu-system-x86_64
out=$4
shift 4
kargs="$*"
mkdir -p "$out"
out=$(realpath "$out")
rm -f "$out"/*.log "$out/race.tap"

# race2 descriptor: above 4 GiB, its alias 4 GiB lower is at 256 MiB
pda=0x110000000
alias=0x10000000

root=$(mktemp -d)
trap 'rm -rf "$root" "$root.cpio.gz"' EXIT
mkdir -p "$root"/{bin,dev,etc,proc,sys,tmp}
cp /bin/busybox "$root/bin/busybox"
ln -s busybox "$root/bin/sh"
install -m 755 "$top/tests/race/init" "$root/init"
cp "$module" "$root/vaff_race.ko"

read -ra qenv <<<"${RACE_QEMU_ENV:-}"
iommu=intel-iommu,intremap=on,x-posted-intr=on
boot() { # TAG TESTS IOMMU_OPTS: boot once, console into OUTDIR/TAG.log
	# shellcheck disable=SC2054 # commas inside QEMU options
	local machine=(-L /usr/share/qemu -L /usr/share/seabios
		-accel tcg,thread=multi -M q35 -cpu max -smp 4 -m 6G
		-device "$iommu$3" -device edu) rc
	echo "duration_ms=${RACE_DURATION_MS:-20000} race2_pa=$pda tests=$2" >"$root/etc/race.args"
	(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
		gzip -9n >"$root.cpio.gz"
	echo "run-race: $1: ${qenv[*]} $qemu ${machine[*]} (timeout ${RACE_TIMEOUT:-900}s)"
	set +e
	env "${qenv[@]}" timeout "${RACE_TIMEOUT:-900}" "$qemu" -nodefaults \
		-display none -monitor none -no-reboot "${machine[@]}" \
		-kernel "$kernel" -initrd "$root.cpio.gz" \
		-append "console=ttyS0 panic=-1 no_timer_check memmap=4K\$$alias memmap=4K\$$pda $kargs" \
		-serial stdio </dev/null >"$out/$1.log" 2>&1
	rc=$?
	set -e
	clean=$(tr -d '\r' <"$out/$1.log")
	cat "$out/$1.log" >>"$out/console.log"
	if ! grep -q '^race: done' <<<"$clean"; then
		echo "run-race: $1: the guest never finished (QEMU exit $rc$([ $rc = 124 ] && echo ', timeout')); last console lines:" >&2
		tail -n 30 <<<"$clean" >&2
		fail=1
	fi
	if grep -qE 'cut here|BUG:|Oops|WARNING:' <<<"$clean"; then
		echo "run-race: $1: kernel warning or oops in $out/$1.log" >&2
		fail=1
	fi
}

# "vaff_race: race2 k=v ..." -> "k=v ..." of the last such line
result() { sed -nE "s/^.*vaff_race: $1 (.*)$/\\1/p" <<<"$clean" | tail -n 1; }
get() { sed -nE "s/^(.* )?$2=([^ ]*).*$/\\2/p" <<<"$1"; }
rate() { awk -v n="$1" -v d="$2" 'BEGIN { printf "%.3g", d ? n / d : 0 }'; }

fail=0
tap=()
n=0
case_line() {
	n=$((n + 1))
	if [ "$1" = ok ]; then
		tap+=("ok $n $2")
	else
		tap+=("not ok $n $2")
		fail=1
	fi
}
race2() { # NAME: the race2 result of the last boot
	local r2 torn posted moves raises
	r2=$(result race2)
	if [ -z "$r2" ] || [ -n "$(get "$r2" error)" ]; then
		case_line fail "$1"
		tap+=("# $1: did not run: ${r2:-no result line}")
		return
	fi
	torn=$(get "$r2" torn)
	posted=$(get "$r2" posted)
	moves=$(get "$r2" moves)
	raises=$(get "$r2" raises)
	if [ "$torn" = 0 ] && [ "$posted" -gt 0 ] && [ "$moves" -gt 0 ]; then
		case_line ok "$1"
	else
		case_line fail "$1"
	fi
	tap+=("# figures $1: $r2 torn_rate=$(rate "$torn" "$raises")")
}

tests=${RACE_TESTS:-7}
clean=
if [ $((tests & 3)) != 0 ]; then
	boot race $((tests & 3)) ""
fi
if [ $((tests & 2)) = 0 ]; then
	n=$((n + 1))
	tap+=("ok $n race2_irte_read_not_torn # SKIP not selected (RACE_TESTS)")
else
	race2 race2_irte_read_not_torn
fi

r1=$(result race1)
if [ $((tests & 1)) = 0 ]; then
	n=$((n + 1))
	tap+=("ok $n race1_notify_not_misdirected # SKIP not selected (RACE_TESTS)")
elif [ -z "$r1" ] || [ -n "$(get "$r1" error)" ]; then
	case_line fail race1_notify_not_misdirected
	tap+=("# race1: did not run: ${r1:-no result line}")
else
	mis=$(get "$r1" misdirected)
	notified=$(get "$r1" notified)
	moves=$(get "$r1" moves)
	if [ "$mis" = 0 ] && [ "$notified" -gt 0 ] && [ "$moves" -gt 0 ]; then
		case_line ok race1_notify_not_misdirected
	else
		case_line fail race1_notify_not_misdirected
	fi
	tap+=("# figures race1: $r1 misdirected_rate=$(rate "$mis" "$notified")")
fi

# race2 again on the ordered two-load IRTE read that hosts without a
# 16-byte atomic load use (forced here), with every interrupt reading the
# table (no interrupt entry cache)
if [ $((tests & 4)) = 0 ]; then
	n=$((n + 1))
	tap+=("ok $n race2_fallback_irte_read_not_torn # SKIP not selected (RACE_TESTS)")
else
	boot race-fallback 2 ",x-irte-read-fallback=on,x-irte-cache=off"
	race2 race2_fallback_irte_read_not_torn
fi

printf 'KTAP version 1\n1..%d\n' "$n" >"$out/race.tap"
printf '%s\n' "${tap[@]}" >>"$out/race.tap"
cat "$out/race.tap"

exit $fail
