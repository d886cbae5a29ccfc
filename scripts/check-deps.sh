#!/usr/bin/env bash
# Stop early, naming what is missing, when a tool the harness needs is not
# installed (.ci/run and the README list the Debian packages).
set -euo pipefail

missing=()
for cmd in git make gcc ccache bc bison flex cpio gzip openssl sparse perl \
	python3 ninja pkg-config dpkg-source dpkg-deb apt-get busybox timeout \
	aarch64-linux-gnu-gcc git-filter-repo clang-14 llvm-profdata-14; do
	command -v "$cmd" >/dev/null || missing+=("$cmd")
done
for f in /usr/share/qemu/qboot.rom /usr/share/seabios/bios-256k.bin; do
	[ -e "$f" ] || missing+=("$f")
done
for pc in glib-2.0 pixman-1 slirp libelf libcrypto uuid; do
	pkg-config --exists "$pc" 2>/dev/null || missing+=("$pc (pkg-config)")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "check-deps: missing: ${missing[*]} (see README: Requirements)" >&2
	exit 1
fi
