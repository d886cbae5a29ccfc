#!/usr/bin/env bash
# Test: the kernel series adds no sparse (C=2; the sparse of
# scripts/get-sparse.sh) and no W=1 warnings.  Every .c file the series
# touches that this configuration builds is compiled with both; a warning
# that points at a line the series added is new.  One case per file.
# ARCH=arm64 checks an arm64 build (aarch64-linux-gnu-).
# Usage: [ARCH=arm64] check-sparse.sh OUT.tap TREE OBJDIR
set -euo pipefail

out=$1
tree=$(realpath "$2")
obj=$(realpath "$3")
top=$(dirname "$(realpath "$0")")/..
"$top/scripts/get-sparse.sh" >&2
sparse=$(realpath "$top/build/tools/sparse/sparse")
case ${ARCH:=x86_64} in
arm64) cross=aarch64-linux-gnu- ;;
*) cross= ;;
esac

# file:line for every line the series adds
added=$(git -C "$tree" diff -U0 base..HEAD | awk '
	/^\+\+\+ b\// { f = substr($0, 7) }
	/^@@/ { split($3, a, ","); l = substr(a[1], 2); c = (a[2] == "" ? 1 : a[2])
		for (i = 0; i < c; i++) print f ":" l + i }')
mapfile -t files < <(git -C "$tree" diff --name-only --diff-filter=AM base..HEAD -- '*.c' |
	while read -r f; do [ -f "$obj/${f%.c}.o" ] && echo "$f"; done)

n=0
{
	echo "KTAP version 1"
	if [ ${#files[@]} -eq 0 ]; then
		echo "1..1"
		echo "ok 1 sparse-w1 # SKIP the series touches no .c file built here"
	else
		echo "1..${#files[@]}"
	fi
	for f in "${files[@]}"; do
		n=$((n + 1))
		log=$(make -C "$tree" O="$obj" ARCH="$ARCH" CROSS_COMPILE="$cross" \
			CC="ccache ${cross}gcc" CHECK="$sparse" C=2 W=1 "${f%.c}.o" 2>&1 || true)
		new=$(grep -E '^[^ ]+:[0-9]+:[0-9]+: (warning|error)' <<<"$log" |
			sed "s|^$tree/||; s|^\.\./[^/]*/||" |
			while IFS=: read -r wf wl rest; do
				grep -qx "$wf:$wl" <<<"$added" && echo "$wf:$wl:$rest"
			done || true)
		old=$(grep -cE ': (warning|error)' <<<"$log" || true)
		echo "# $f: $old warning(s) in all, $(grep -c . <<<"$new" || true) on added lines"
		if ! grep -q "CHECK .*$f" <<<"$log"; then
			echo "# sparse did not run on $f"
			echo "not ok $n $f"
		elif [ -z "$new" ]; then
			echo "ok $n $f"
		else
			sed 's/^/# /' <<<"$new"
			echo "not ok $n $f"
		fi
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
