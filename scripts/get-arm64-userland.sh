#!/usr/bin/env bash
# Fetch the arm64 userland the arm64 test initramfs needs from Debian
# bookworm, without adding arm64 to the system's dpkg architectures: a
# private apt state lists only bookworm's arm64 packages, and the .debs
# are unpacked into SYSROOT (busybox-static for the initramfs, libuuid's
# static library for linking the VFIO selftests).
# Usage: get-arm64-userland.sh SYSROOT
set -euo pipefail

mkdir -p "$1"
sysroot=$(realpath "$1")
[ -x "$sysroot/bin/busybox" ] && [ -f "$sysroot/usr/lib/aarch64-linux-gnu/libuuid.a" ] && exit 0

state=$sysroot.apt
mkdir -p "$state/lists/partial" "$state/archives/partial" "$state/debs"
echo "deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $("$(dirname "$0")/debian-mirror.sh") bookworm main" >"$state/sources.list"
touch "$state/status"
opts=(-o "Dir::Etc::SourceList=$state/sources.list"
	-o "Dir::Etc::SourceParts=/nonexistent"
	-o "Dir::State=$state" -o "Dir::State::Lists=$state/lists"
	-o "Dir::State::status=$state/status" -o "Dir::Cache=$state"
	-o "APT::Architecture=arm64" -o "APT::Architectures::=arm64"
	-o "Debug::NoLocking=1" -o "APT::Sandbox::User=root")
apt-get "${opts[@]}" -qq update
(cd "$state/debs" && apt-get "${opts[@]}" -qq download busybox-static uuid-dev libuuid1)
for deb in "$state"/debs/*.deb; do
	dpkg-deb -x "$deb" "$sysroot"
done
"$sysroot/bin/busybox" >/dev/null 2>&1 || file "$sysroot/bin/busybox" | grep -q aarch64
