#!/usr/bin/env bash
# Install, from Debian's archive, every package the harness needs
# (Debian 12; run as root).  Enables deb-src for "apt-get source qemu".
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
	linux-source-6.12 build-essential bc bison flex libssl-dev libelf-dev \
	cpio dwarves kmod ccache sparse busybox-static openssl git perl python3 \
	meson ninja-build pkg-config libglib2.0-dev libpixman-1-dev \
	libslirp-dev libfdt-dev qemu-system-data seabios ipxe-qemu dpkg-dev \
	xz-utils ca-certificates python3-ply python3-git >/dev/null
