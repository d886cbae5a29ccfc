#!/usr/bin/env bash
# Test: a kernel console log holds no splat: no WARNING, BUG, Oops,
# lockdep report, KASAN/KFENCE/UBSAN report or panic.  One case per log; a
# missing log is a failure, and so is a *-debug log whose kernel did not
# announce KASAN, KFENCE and lockdep (nothing would have checked).  A
# WARNING from a function listed in tests/expected-warnings (a test that
# provokes it on purpose) is allowed once per log.
# Usage: check-splats.sh OUT.tap NAME=LOG...
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
out=$1
shift
re='WARNING:|BUG:|Oops|possible recursive locking|circular locking|inconsistent lock state|KASAN|KFENCE: |UBSAN:|[Kk]ernel panic'
mapfile -t allowed < <(sed 's/#.*//; /^\s*$/d; s/\s//g' "$top/tests/expected-warnings" 2>/dev/null)

splats() { # LOG: the splat lines not allowed
	local hits line fn
	hits=$(grep -aE "$re" "$1" | grep -v 'KASAN: \|KernelAddressSanitizer initialized' || true)
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		fn=$(sed -n 's/.*WARNING: .* at [^ ]* \([A-Za-z0-9_.]*\)+0x.*/\1/p' <<<"$line")
		if [ -n "$fn" ] && printf '%s\n' "${allowed[@]}" | grep -qx "$fn" &&
			[ "$(grep -ac "WARNING: .* $fn+0x" "$1")" -eq 1 ]; then
			continue
		fi
		echo "$line"
	done <<<"$hits"
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
