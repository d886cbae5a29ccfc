#!/usr/bin/env bash
# Print the Debian mirror to fetch newer suites from: DEBIAN_MIRROR when
# set, else the one the system's own apt sources use for its release
# (so a machine behind its own mirror or proxy works unchanged).
# Usage: debian-mirror.sh
set -euo pipefail

if [ -n "${DEBIAN_MIRROR:-}" ]; then
	echo "${DEBIAN_MIRROR%/}"
	exit 0
fi
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
mirror=$(apt-get indextargets --format '$(URI)' "Codename: $codename" 'Target-Of: deb' \
	2>/dev/null | sed -n "s|/dists/$codename/.*||p" | head -n 1)
[ -n "$mirror" ] || {
	echo "debian-mirror: no $codename source in the system's apt sources; set DEBIAN_MIRROR" >&2
	exit 1
}
echo "$mirror"
