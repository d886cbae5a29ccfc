#!/usr/bin/env bash
# Cross-build the arm64 test kernel out of tree with ccache: tinyconfig
# plus the fragments given.  The .config is regenerated only when a
# fragment or the .config itself changed since the last build here.
# Writes OBJDIR/arch/arm64/boot/Image.
# Usage: build-kernel-arm64.sh TREE OBJDIR FRAGMENT...
set -euo pipefail

tree=$(realpath "$1")
mkdir -p "$2"
obj=$(realpath "$2")
shift 2
frags=("$@")

kmake() {
	make -C "$tree" O="$obj" ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
		CC='ccache aarch64-linux-gnu-gcc' -j"$(nproc)" "$@"
}

sum() { sha256sum "$@" | cut -d' ' -f1; }
stamp=$(cat "${frags[@]}" | sum)
config=$(sum "$obj/.config" 2>/dev/null || true)
if [ "$(cat "$obj/.config-stamp" 2>/dev/null)" != "$stamp $config" ]; then
	rm -f "$obj/.config-stamp"
	kmake -s tinyconfig
	"$tree/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" "${frags[@]}" >/dev/null
	kmake -s olddefconfig
	# Every option a fragment asks for must have survived olddefconfig.
	missing=0
	while IFS= read -r line; do
		opt=${line%%=*}
		want=${line#*=}
		if [ "$want" = n ]; then
			grep -q "^$opt=" "$obj/.config" && { echo "build-kernel-arm64: $opt is set, fragment wants n" >&2; missing=1; }
		else
			grep -qx "$opt=$want" "$obj/.config" || { echo "build-kernel-arm64: $opt=$want did not survive olddefconfig (check its dependencies)" >&2; missing=1; }
		fi
	done < <(grep -h '^CONFIG_' "${frags[@]}")
	[ "$missing" = 0 ] || exit 1
fi
kmake Image
echo "$stamp $(sum "$obj/.config")" >"$obj/.config-stamp"
