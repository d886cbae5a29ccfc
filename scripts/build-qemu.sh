#!/usr/bin/env bash
# Configure (once) and build qemu-system-x86_64 and qemu-system-aarch64
# out of tree, with ccache.  QEMU 10.2 needs meson >= 1.5, which bookworm
# lacks and the Debian +ds source does not ship as a wheel: configure's
# venv sees the meson 1.7 under build/tools/meson (scripts/get-tool.sh meson)
# through PYTHONPATH, and a .pth file keeps it visible when ninja re-runs
# meson later.  The tree is a git checkout, which makes configure default
# to -Werror; Debian builds this source without it, and so do we (newer
# glibc/gcc warnings in code we do not touch must not stop the harness).
# Usage: build-qemu.sh TREE OBJDIR [NINJA_TARGET...]
#   (default targets: qemu-system-x86_64 qemu-system-aarch64)
set -euo pipefail

tree=$(realpath "$1")
obj=$2
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(qemu-system-x86_64 qemu-system-aarch64)
top=$(realpath "$(dirname "$(realpath "$0")")/..")
mesonpy=$top/build/tools/meson/usr/lib/python3/dist-packages
python=/usr/bin/python3

"$top/scripts/get-tool.sh" meson
export PYTHONPATH=$mesonpy${PYTHONPATH:+:$PYTHONPATH}

mkdir -p "$obj"
cd "$obj"
if [ ! -f build.ninja ]; then
	rm -rf ./*
	"$tree/configure" --python="$python" \
		--target-list=x86_64-softmmu,aarch64-softmmu \
		--without-default-features --enable-tcg --enable-slirp \
		--enable-fdt=system --disable-install-blobs --disable-docs \
		--cc='ccache gcc' --cxx='ccache g++' \
		--extra-cflags=-Wno-error || { rm -f build.ninja; exit 1; }
	site=$(pyvenv/bin/python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
	echo "$mesonpy" >"$site/meson-tools.pth"
fi
ninja -j2 "${targets[@]}"
