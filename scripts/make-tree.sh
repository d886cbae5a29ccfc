#!/usr/bin/env bash
# Turn an unpacked Debian source into a git tree whose only commit is
# that source, so a series can be applied with git am and exported back.
# Usage: make-tree.sh SRCDIR TREE
set -euo pipefail

src=$1
tree=$2
version=$(cat "$src/VERSION")
unpacked=$(find "$src" -mindepth 1 -maxdepth 1 -type d | head -n 1)
msg="base: $(basename "$unpacked") $version (Debian $(cat "$src/PACKAGE"))"

rm -rf "$tree" "$tree.tmp"
cp -a "$unpacked" "$tree.tmp"
cd "$tree.tmp"

# Debian's linux-source tarball appends "ignore everything at the top
# level" to .gitignore; drop it so new files are tracked as upstream.
if grep -q '^!/debian/$' .gitignore 2>/dev/null; then
	kept=$(sed '/^# Debian packaging/,/^!\/debian\/$/d' .gitignore)
	printf '%s\n' "${kept%$'\n'#}" >.gitignore
fi
rm -rf .pc

git init -q
git -c core.autocrlf=false add -A -f .
GIT_AUTHOR_DATE='2000-01-01T00:00:00Z' GIT_COMMITTER_DATE='2000-01-01T00:00:00Z' \
	git -c user.name='Debian source' -c user.email='source@debian.invalid' \
	commit -q -m "$msg"
git tag base
cd - >/dev/null
# A fallback source (not the pinned version): the series is applied with
# git am -3 (apply-series.sh, check-apply.sh).
[ ! -f "$src/FALLBACK" ] || cp "$src/FALLBACK" "$tree.tmp/.git/fallback"
mv "$tree.tmp" "$tree"
