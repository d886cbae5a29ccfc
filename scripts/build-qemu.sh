#!/usr/bin/env bash
# Configure (once) and build a minimal x86_64-softmmu QEMU plus the
# qtest binaries the tests use, out of tree, with ccache.
# Usage: build-qemu.sh TREE OBJDIR
set -euo pipefail

tree=$(realpath "$1")
obj=$2

mkdir -p "$obj"
cd "$obj"
if [ ! -f build.ninja ]; then
	rm -rf ./*
	"$tree/configure" --target-list=x86_64-softmmu \
		--without-default-features --enable-tcg --enable-slirp \
		--enable-fdt=system --disable-docs --meson=meson \
		--cc='ccache gcc' --cxx='ccache g++' \
		--extra-cflags=-Wno-error || { rm -f build.ninja; exit 1; }
fi
ninja -j"$(nproc)" qemu-system-x86_64
