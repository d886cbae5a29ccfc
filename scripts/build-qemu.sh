#!/usr/bin/env bash
# Configure (once) and build a minimal x86_64-softmmu QEMU out of tree,
# with ccache (run-qtest.sh builds the qtest binaries it runs).  The tree
# is a git checkout, which makes QEMU 7.2's configure default to -Werror;
# Debian builds this source without it, and so does the harness.
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
