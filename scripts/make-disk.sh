#!/usr/bin/env bash
# Write the virtio-blk test disk: 64 MiB of a fixed pseudo-random pattern
# (AES-CTR keystream of a fixed key), and its sha256 beside it.
# Usage: make-disk.sh DISK
set -euo pipefail

disk=$1
[ -f "$disk" ] && [ -f "$disk.sha256" ] && exit 0
openssl enc -aes-128-ctr -nosalt -K 7663707561666669 -iv 0 -in /dev/zero 2>/dev/null |
	head -c $((64 << 20)) >"$disk.tmp"
sha256sum "$disk.tmp" | cut -d' ' -f1 >"$disk.sha256.tmp"
mv "$disk.tmp" "$disk"
mv "$disk.sha256.tmp" "$disk.sha256"
