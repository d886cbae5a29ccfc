#!/usr/bin/env bash
# Write the virtio-blk test disk: 64 MiB of a fixed pseudo-random pattern
# (AES-CTR keystream of a fixed key), and its sha256 beside it.
# Usage: make-disk.sh DISK
set -euo pipefail

disk=$1
[ -f "$disk" ] && [ -f "$disk.sha256" ] && exit 0
head -c $((64 << 20)) /dev/zero |
	openssl enc -aes-128-ctr -nosalt -K 76637075616666696e6974792d746573 -iv 00000000000000000000000000000000 >"$disk.tmp"
sha256sum "$disk.tmp" | cut -d' ' -f1 >"$disk.sha256.tmp"
mv "$disk.tmp" "$disk"
mv "$disk.sha256.tmp" "$disk.sha256"
