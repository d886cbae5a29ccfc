#!/usr/bin/env bash
# Test: each series applies onto its pristine base, two ways, in a
# worktree of its own (TREE.am-check, reset to base for each) so the build
# trees are not touched:
#   NAME-series-applies  git am of the files listed in DIR/series;
#   NAME-b4-am           b4 (pinned in debian-pins) reads the exported
#                        thread as a mailbox and its output applies with
#                        git am.
# git am -3 when the base is a fallback source (see get-sources.sh).
# DIR is one series (a folder with a `series` file).
# Usage: check-apply.sh OUT.tap TREE:DIR...
set -euo pipefail

top=$(dirname "$(realpath "$0")")/..
out=$1
shift
# b4 0.16 and the pure-Python libraries it needs that bookworm lacks.
pypath=
for t in b4 python3-liblore python3-ezgb; do
	"$top/scripts/get-tool.sh" "$t" >&2
	pypath+=${pypath:+:}$top/build/tools/$t/usr/lib/python3/dist-packages
done
b4=$top/build/tools/b4
b4() { PYTHONPATH=$pypath /usr/bin/python3 "$b4/usr/bin/b4" --offline-mode "$@"; }
n=0

reset() { # TREE: the check worktree at base, clean
	local wt
	wt=$(realpath -m "$1.am-check")
	if [ -f "$wt/.git" ]; then
		git -C "$wt" am --abort >/dev/null 2>&1 || true
		git -C "$wt" checkout -q -f --detach base
		git -C "$wt" clean -q -fd
	else
		rm -rf "$wt"
		git -C "$1" worktree prune
		git -C "$1" worktree add -q --detach "$wt" base
	fi
	echo "$wt"
}
am() { # WORKTREE MBOX...
	local wt=$1 three=()
	shift
	[ ! -f "$(git -C "$wt" rev-parse --git-common-dir)/fallback" ] || three=(-3)
	git -C "$wt" -c user.name=check -c user.email=check@invalid am -q "${three[@]}" "$@"
}

{
	echo "KTAP version 1"
	echo "1..$(($# * 2))"
	for pair in "$@"; do
		tree=${pair%%:*}
		dir=$(realpath "${pair#*:}")
		name=$(basename "$dir")
		mapfile -t patches < <(grep -v '^\s*\(#\|$\)' "$dir/series")

		n=$((n + 1))
		wt=$(reset "$tree")
		result="ok $n"
		for p in "${patches[@]}"; do
			if ! am "$wt" "$dir/$p" >/dev/null 2>&1; then
				echo "# $p does not apply"
				result="not ok $n"
				break
			fi
		done
		echo "# $name: $(git -C "$wt" rev-list --count base..HEAD) of ${#patches[@]} patches applied"
		echo "$result $name-series-applies"

		n=$((n + 1))
		wt=$(reset "$tree")
		tmp=$(mktemp -d)
		cat "$dir/0000-cover-letter.patch" "${patches[@]/#/$dir/}" >"$tmp/thread.mbox"
		msgid=$(sed -n 's/^Message-I[dD]: <\(.*\)>$/\1/p' "$dir/0000-cover-letter.patch" | head -n 1)
		if ! b4 -q am -C -m "$tmp/thread.mbox" -o "$tmp" -n b4 "$msgid" >"$tmp/b4.log" 2>&1; then
			sed 's/^/# b4: /' "$tmp/b4.log" | tail -n 5
			echo "not ok $n $name-b4-am"
		elif ! am "$wt" "$tmp/b4.mbx" >"$tmp/am.log" 2>&1; then
			sed 's/^/# git am: /' "$tmp/am.log" | tail -n 5
			echo "not ok $n $name-b4-am"
		elif [ "$(git -C "$wt" rev-list --count base..HEAD)" != "${#patches[@]}" ]; then
			echo "# b4 gave $(git -C "$wt" rev-list --count base..HEAD) of ${#patches[@]} patches"
			echo "not ok $n $name-b4-am"
		else
			echo "# $name: b4 $(cat "$b4/VERSION") wrote ${#patches[@]} patches, git am applied them"
			echo "ok $n $name-b4-am"
		fi
		rm -rf "$tmp"
	done
} >"$out"
cat "$out"
! grep -q '^not ok' "$out"
