#!/usr/bin/env bash
# Run apt-get or apt-cache against Debian suites other than the system's
# (bookworm-backports, trixie, sid, experimental) through a private
# configuration under build/apt: its own sources list, state and cache
# directories.  The system's sources are never touched.  The indexes are
# refreshed when older than a day.
# Usage: apt-private.sh apt-get|apt-cache ARGS...
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
dir=$top/build/apt
mirror=$("$top/scripts/debian-mirror.sh")
mkdir -p "$dir/lists/partial" "$dir/archives/partial" "$dir/etc/preferences.d"

cat >"$dir/etc/sources.list" <<EOF
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm-backports main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror bookworm-backports main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror sid main
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror experimental main
deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror experimental main
EOF

opts=(-o "Dir::Etc::SourceList=$dir/etc/sources.list"
	-o "Dir::Etc::SourceParts=/nonexistent"
	-o "Dir::Etc::Preferences=/nonexistent"
	-o "Dir::Etc::PreferencesParts=$dir/etc/preferences.d"
	-o "Dir::State=$dir" -o "Dir::State::Lists=$dir/lists"
	-o "Dir::State::status=$dir/status"
	-o "Dir::Cache=$dir" -o "Dir::Cache::Archives=$dir/archives"
	-o "APT::Default-Release=" -o "Debug::NoLocking=1"
	-o "APT::Sandbox::User=root")
touch "$dir/status"

if [ -z "$(find "$dir/lists" -maxdepth 1 -name '*_Release' -mtime -1 2>/dev/null)" ]; then
	apt-get "${opts[@]}" -qq update >&2
fi
exec "$1" "${opts[@]}" "${@:2}"
