#!/usr/bin/env bash
# Fuzz the emulated VT-d with QEMU's generic-fuzz target (libFuzzer, ASan,
# UBSan; qemu-fuzz-x86_64 from build-qemu-fuzz.sh) in the configuration
# of tests/fuzz/vtd.env, starting from the seeds of
# tests/fuzz/make-seeds.py.
#
# Default mode: fuzz for SECONDS (default 600), keeping the corpus in
# DIR/corpus across runs and whatever it finds in DIR/findings (crash-*,
# timeout-*, oom-*, leak-*, each with the log that reported it).  After a
# finding the fuzzer is restarted on the same corpus until the time is
# used up.  Prints executions, executions per second, libFuzzer's
# coverage (edges of the instrumented hw/ code) and every finding; exits
# non-zero when there was one.
#
# --smoke: the check that the fuzzer and this harness still work, one
# KTAP document on stdout (two lines) and non-zero on failure:
#   fuzz-seeds  each seed runs, and together they reach what the fuzzer
#               is for (QEMU's trace): a posted interrupt with and
#               without notification, the interrupt entry cache, an IEC
#               invalidation from the queue, a remapped delivery;
#   fuzz-smoke  SECONDS (default 60) of fuzzing from the seeds in a
#               scratch corpus, failing on any crash, sanitizer report,
#               timeout or out-of-memory finding.
# The time limit is libFuzzer's own (-max_total_time), so a slow build or
# a loaded machine gives fewer executions, not a failure; a single input
# is a finding only after FUZZ_TIMEOUT seconds (default 25, 60 in the
# smoke), orders of magnitude above what one takes here.
# Usage: run-fuzz.sh [--smoke] FUZZ_BINARY DIR [SECONDS]
set -euo pipefail

smoke=0
if [ "${1:-}" = --smoke ]; then
	smoke=1
	shift
fi
bin=$(realpath "$1")
dir=$2
top=$(realpath "$(dirname "$(realpath "$0")")/..")
if [ "$smoke" = 1 ]; then
	secs=${3:-60} timeout=${FUZZ_TIMEOUT:-60}
else
	secs=${3:-600} timeout=${FUZZ_TIMEOUT:-25}
fi

# shellcheck source=tests/fuzz/vtd.env
. "$top/tests/fuzz/vtd.env"
# UBSan reports become crashes libFuzzer records.  Leaks are not checked:
# QEMU is not leak-clean across the fuzzer's machine resets (OSS-Fuzz
# runs it with scripts/oss-fuzz/lsan_suppressions.txt of the tree).
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:symbolize=1
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || true)}

mkdir -p "$dir"
dir=$(realpath "$dir")
seeds=$dir/seeds
rm -rf "$seeds"
python3 "$top/tests/fuzz/make-seeds.py" "$seeds"
fuzz=("$bin" --fuzz-target=generic-fuzz -timeout="$timeout" -print_final_stats=1)

# The fuzzed regions that the CPU's address space maps (generic-fuzz
# indexes those in address order; the VT-d's per-device address-space
# regions in its list are never found there)
regions() {
	"${fuzz[@]}" -runs=0 2>&1 | sed -n 's/^  \* \([^ ]*\)\[0\] (size.*/\1/p' |
		grep -v '^vtd-\|^bus master' | sort | tr '\n' ' '
}

# KTAP lines collected for --smoke
lines=()
fail=0
result() { # ok|not-ok NAME COMMENT
	local n=$((${#lines[@]} + 1))
	if [ "$1" = ok ]; then
		lines+=("ok $n $2 # $3")
	else
		lines+=("not ok $n $2 # $3")
		fail=1
	fi
}

# Whether the finding LOG reports a known bug of stock QEMU 10.2 (listed
# in tests/fuzz/known-stock.txt, each with its reproducer): the stack of
# the report has the function named there and no VT-d frame.
known() { # LOG
	local fn stack
	stack=$(sed -n '/ERROR: \|runtime error: /,$p' "$1" | grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in ' || true)
	grep -q 'intel_iommu\.c\|x86-iommu\.c' <<<"$stack" && return 1
	while read -r fn _; do
		case $fn in '' | '#'*) continue ;; esac
		grep -q " in $fn " <<<"$stack" && return 0
	done <"$top/tests/fuzz/known-stock.txt"
	return 1
}

# Run SECONDS of fuzzing on CORPUS... with findings in FINDINGS; libFuzzer
# stops at a finding and is restarted on the same corpus while time is
# left (after a new finding only if STOP is 0).  The log of each run goes
# to FINDINGS/run-N.log.  Sets execs, secs_run, cov, found (new findings),
# nknown (hits of known stock bugs).
fuzz_for() { # SECONDS STOP FINDINGS CORPUS...
	local total=$1 left=$1 stop=$2 out=$3 n=0 start t log rc
	shift 3
	mkdir -p "$out"
	execs=0 cov=0 found=0 nknown=0
	while [ "$left" -gt 0 ]; do
		n=$((n + 1))
		log=$out/run-$n.log
		start=$(date +%s)
		rc=0
		timeout --kill-after=30 $((left + timeout + 600)) \
			"${fuzz[@]}" -max_total_time="$left" -artifact_prefix="$out/" \
			"$@" >"$log" 2>&1 || rc=$?
		t=$(($(date +%s) - start))
		execs=$((execs + $(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1 | grep . || echo 0)))
		cov=$(grep -o ' cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo "$cov")
		if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
			echo "run-fuzz: libFuzzer did not stop after $t s (see $log)" >&2
			found=$((found + 1))
			break
		fi
		left=$((left - t))
		[ "$rc" != 0 ] || break
		if ! grep -q 'Test unit written to' "$log"; then
			echo "run-fuzz: libFuzzer exited with $rc without a finding (see $log)" >&2
			found=$((found + 1))
			break
		fi
		if known "$log"; then
			nknown=$((nknown + 1))
		else
			found=$((found + 1))
			[ "$stop" = 0 ] || break
		fi
	done
	secs_run=$((total - (left > 0 ? left : 0)))
}

# What the findings were: each kind once (the report's first line and
# its first QEMU frames), with how many inputs hit it and one of them
finding_summary() { # FINDINGS
	local log f
	for log in "$1"/run-*.log; do
		[ -e "$log" ] || continue
		f=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		[ -n "$f" ] || continue
		mv "$log" "$f.log"
	done
	for log in "$1"/crash-*.log "$1"/timeout-*.log "$1"/oom-*.log "$1"/leak-*.log; do
		[ -e "$log" ] || continue
		if known "$log"; then printf 'known stock bug: '; else printf 'finding: '; fi
		grep -m1 -E 'ERROR: AddressSanitizer|runtime error|Assertion|ERROR: libFuzzer|out-of-memory' "$log" |
			sed 's/^[^:]*qemu-fuzz-x86_64: //'
		sed -n '/ERROR: \|runtime error: \|Assertion/,$p' "$log" | grep -E '^ +#[0-9]+ 0x' |
			grep -v -E 'libFuzzer|fuzzer::|__sanitizer|__asan|__ubsan|libc\.so|assert|abort|raise|pthread|nptl' |
			head -n 3 | sed -E 's/^ *#[0-9]+ 0x[0-9a-f]+ in /    /; s|/[^ ]*/qemu/||'
		echo "    input: ${log%.log}"
	done | awk '/^(finding|known)/ { key = $0; first = !(key in n); n[key] += 1; next }
		first { body[key] = body[key] "\n" $0 }
		END { for (k in n) printf "%s (%d input(s))%s\n", k, n[k], body[k] }'
}

if [ "$smoke" = 0 ]; then
	corpus=$dir/corpus findings=$dir/findings
	mkdir -p "$corpus" "$findings"
	echo "run-fuzz: regions: $(regions)"
	echo "run-fuzz: $secs s, corpus $corpus ($(find "$corpus" -type f | wc -l) inputs), findings $findings"
	fuzz_for "$secs" 0 "$findings" "$corpus" "$seeds"
	rate=$((execs / (secs_run > 0 ? secs_run : 1)))
	echo "run-fuzz: $execs executions in $secs_run s ($rate/s), cov $cov edges, corpus $(find "$corpus" -type f | wc -l) inputs"
	finding_summary "$findings"
	echo "run-fuzz: $found new finding(s), $nknown hit(s) of known stock bugs (tests/fuzz/known-stock.txt)"
	[ "$found" = 0 ]
	exit
fi

# --smoke: 1. the seeds reach the paths the fuzzer is meant for
want_regions="edu-mmio intel_iommu ioapic "
got=$(regions)
traces=(vtd_ir_post vtd_ir_post_notify vtd_ir_irte_cached vtd_inv_desc_iec vtd_ir_remap)
rc=0
QEMU_FUZZ_ARGS="$QEMU_FUZZ_ARGS ${traces[*]/#/-trace }" "${fuzz[@]}" "$seeds"/* >"$dir/seeds.log" 2>&1 || rc=$?
miss=()
grep -q 'vtd_ir_post .*notify 1' "$dir/seeds.log" || miss+=("post with notification")
grep -q 'vtd_ir_post .*notify 0' "$dir/seeds.log" || miss+=("post without notification")
for t in "${traces[@]:1}"; do
	grep -q "$t " "$dir/seeds.log" || miss+=("$t")
done
if [ "$got" != "$want_regions" ]; then
	result not-ok fuzz-seeds "fuzzed regions are '$got', the seeds assume '$want_regions'"
elif [ "$rc" != 0 ]; then
	result not-ok fuzz-seeds "a seed failed (exit $rc), see $dir/seeds.log"
elif [ "${#miss[@]}" != 0 ]; then
	result not-ok fuzz-seeds "the seeds no longer reach: ${miss[*]} (see $dir/seeds.log)"
else
	result ok fuzz-seeds "$(find "$seeds" -type f | wc -l) seeds reach posting, the IEC and the invalidation queue"
fi

# 2. a short fuzz run from the seeds
rm -rf "$dir/smoke-corpus" "$dir/smoke-findings"
mkdir -p "$dir/smoke-corpus"
fuzz_for "$secs" 1 "$dir/smoke-findings" "$dir/smoke-corpus" "$seeds"
if [ "$found" != 0 ]; then
	finding_summary "$dir/smoke-findings" | sed 's/^/# /' >&2
	result not-ok fuzz-smoke "$found finding(s) in $execs executions, see $dir/smoke-findings"
elif [ "$execs" = 0 ]; then
	result not-ok fuzz-smoke "no executions, see $dir/smoke-findings/run-1.log"
else
	msg="$execs executions in $secs_run s, cov $cov, no finding"
	[ "$nknown" = 0 ] || msg+=", $nknown hit(s) of known stock bugs"
	result ok fuzz-smoke "$msg"
fi

printf 'KTAP version 1\n1..%d\n' "${#lines[@]}"
printf '%s\n' "${lines[@]}"
exit $fail
