# Sourced: where a series directory keeps its series.  A directory with
# a `series` file is one series; otherwise each subfolder with one (or
# with a cover.txt, before its first export) is a
# series of its own, taken in name order (1-NAME, 2-NAME, ...), and its
# commits live on branch NAME of the build tree.

series_dirs() { # DIR: the series folders, in order
	if [ -f "$1/series" ]; then
		echo "$1"
	else
		find "$1" -mindepth 2 -maxdepth 2 \( -name series -o -name cover.txt \) \
			-printf '%h\n' | sort -u
	fi
}

series_patches() { # SERIESDIR: the patch files, in order
	grep -v '^\s*\(#\|$\)' "$1/series" 2>/dev/null | sed "s|^|$1/|" || true
}

series_branch() { # SERIESDIR: the branch that holds its commits
	local name
	name=$(basename "$1")
	echo "${name#[0-9]-}"
}

stack_series() { # TREE BRANCH SERIESBRANCH...: BRANCH = base + each series, in order
	local tree=$1 branch=$2 b
	shift 2
	git -C "$tree" checkout -q -f -B "$branch" base
	for b in "$@"; do
		[ "$(git -C "$tree" rev-list --count "base..$b")" -gt 0 ] || continue
		git -C "$tree" -c user.name='vcpu-affinity harness' \
			-c user.email='harness@vcpu-affinity.invalid' \
			cherry-pick --allow-empty "base..$b" >/dev/null
	done
}
