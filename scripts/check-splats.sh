#!/usr/bin/env bash
# Test: a kernel console log holds no splat: no WARNING, BUG, Oops,
# lockdep report, KASAN/KFENCE/UBSAN report or panic.  One case per log; a
# missing log is a failure, and so is a *-debug log whose kernel did not
# announce KASAN, KFENCE and lockdep (nothing would have checked).  Tests
# that provoke a warning on purpose suppress it (kunit_warning_suppress()).
# Usage: check-splats.sh OUT.tap NAME=LOG...
set -euo pipefail

out=$1
shift
re='WARNING:|BUG:|Oops|possible recursive locking|circular locking|inconsistent lock state|KASAN|KFENCE: |UBSAN:|[Kk]ernel panic'
splats() { # LOG: the splat lines
	grep -aE "$re" "$1" | grep -v 'KASAN: \|KernelAddressSanitizer initialized' || true
}

n=0
{
	echo "KTAP version 1"
	echo "1..$#"
	for pair in "$@"; do
		n=$((n + 1))
		name=${pair%%=*}
		log=${pair#*=}
		if [ ! -s "$log" ]; then
			echo "# $log is missing"
			echo "not ok $n $name-no-splat"
		elif [[ $name == *-debug ]] && ! { grep -aq 'KernelAddressSanitizer initialized' "$log" &&
			grep -aq 'kfence: initialized' "$log" && grep -aq 'lockdep checking is enabled' "$log"; }; then
			echo "# $log: KASAN, KFENCE or lockdep is not enabled in this kernel"
			echo "not ok $n $name-no-splat"
		elif hits=$(splats "$log") && [ -n "$hits" ]; then
			head -n 20 <<<"$hits" | sed 's/^/# /'
			echo "not ok $n $name-no-splat"
		else
			echo "ok $n $name-no-splat"
		fi
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
