#!/usr/bin/env bash
# Configure and build the kernel out of tree with ccache, for x86_64
# (bzImage and modules) or, with ARCH=arm64, cross-built with Debian's
# aarch64-linux-gnu- toolchain (Image).  The .config is tinyconfig plus
# the fragments given; it is regenerated only when a fragment or the
# .config itself changed since the last build here, so an edit to one .c
# file rebuilds one object.
# Usage: [ARCH=arm64] build-kernel.sh TREE OBJDIR FRAGMENT...
set -euo pipefail

tree=$(realpath "$1")
mkdir -p "$2"
obj=$(realpath "$2")
shift 2
frags=("$@")

case ${ARCH:=x86_64} in
x86_64) cross= targets=(bzImage modules) ;;
arm64) cross=aarch64-linux-gnu- targets=(Image) ;;
*) echo "build-kernel: unknown ARCH $ARCH" >&2; exit 1 ;;
esac
kmake() {
	make -C "$tree" O="$obj" ARCH="$ARCH" CROSS_COMPILE="$cross" \
		CC="ccache ${cross}gcc" -j"$(nproc)" "$@"
}

sum() { sha256sum "$@" | cut -d' ' -f1; }
stamp=$(cat "${frags[@]}" | sum)
config=$(sum "$obj/.config" 2>/dev/null || true)
if [ "$(cat "$obj/.config-stamp" 2>/dev/null)" != "$stamp $config" ]; then
	rm -f "$obj/.config-stamp"
	kmake -s tinyconfig
	"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${frags[@]}" >/dev/null
	kmake -s olddefconfig
	# Every option a fragment asks for must have survived olddefconfig
	# (not checked with KCONFIG_LENIENT=1: an early commit of the series
	# does not have the options later ones add).
	missing=0
	while IFS= read -r line; do
		opt=${line%%=*}
		want=${line#*=}
		if [ "$want" = n ]; then
			grep -q "^$opt=" "$obj/.config" && { echo "build-kernel: $opt is set, fragment wants n" >&2; missing=1; }
		else
			grep -qx "$opt=$want" "$obj/.config" || { echo "build-kernel: $opt=$want did not survive olddefconfig (check its dependencies)" >&2; missing=1; }
		fi
	done < <(grep -h '^CONFIG_' "${frags[@]}")
	[ "$missing" = 0 ] || [ "${KCONFIG_LENIENT:-0}" = 1 ] || exit 1
fi
kmake "${targets[@]}"
echo "$stamp $(sum "$obj/.config")" >"$obj/.config-stamp"
