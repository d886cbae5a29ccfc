#!/usr/bin/env bash
# Install, from Debian 12's own archive, every package the harness needs
# (run as root).  Packages from newer suites (the kernel and QEMU
# sources, meson, b4) are fetched by the scripts through the private apt
# configuration of apt-private.sh, never installed system-wide.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	build-essential bc bison flex libssl-dev libelf-dev cpio dwarves kmod \
	ccache sparse busybox-static openssl git perl python3 ninja-build \
	pkg-config libglib2.0-dev libpixman-1-dev libslirp-dev libfdt-dev \
	qemu-system-data seabios ipxe-qemu dpkg-dev xz-utils ca-certificates \
	debian-archive-keyring python3-ply python3-git python3-venv \
	python3-requests python3-dkim python3-dnspython python3-patatt \
	git-filter-repo gcc-aarch64-linux-gnu libc6-dev-arm64-cross uuid-dev \
	clang-14 libclang-rt-14-dev llvm-14 >/dev/null
