#!/usr/bin/env bash
# Measure what a corpus of the VT-d fuzz run reaches in
# hw/i386/intel_iommu.c, by replaying it once (libFuzzer -runs=0).
#   lines  with a coverage build (build-qemu-fuzz.sh TREE OBJ cov): clang's
#          source-based coverage, merged by llvm-profdata-14 and reported by
#          llvm-cov-14 (regions, functions, lines, branches of the file),
#          then the same for the lines the tree adds to the file since the
#          tag "base" (the series), and the series' functions left uncovered
#   edges  with the fuzzing build itself: libFuzzer's -print_coverage=1
#          (SanitizerCoverage's edge counters, symbolized): covered edges
#          of the file's instrumented functions
# Usage: coverage.sh lines|edges BINARY TREE OUTDIR CORPUS...
set -euo pipefail

mode=$1
bin=$(realpath "$2")
tree=$(realpath "$3")
out=$4
shift 4
top=$(realpath "$(dirname "$(realpath "$0")")/../..")
file=hw/i386/intel_iommu.c

# shellcheck source=tests/fuzz/vtd.env
. "$top/tests/fuzz/vtd.env"
export ASAN_OPTIONS=detect_leaks=0
export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-14 || true)}
mkdir -p "$out"
out=$(realpath "$out")

case $mode in
edges)
	"$bin" --fuzz-target=generic-fuzz -runs=0 -print_coverage=1 "$@" >"$out/edges.log" 2>&1
	grep -E '^(UN)?COVERED_FUNC: .*/'"$file"':' "$out/edges.log" >"$out/edges.txt" || true
	awk '{ split($5, e, "/"); c += e[1]; t += e[2]; f++; if (e[1] > 0) fc++ }
	     END { printf "%s: %d of %d edges (%.1f%%), %d of %d functions entered (SanitizerCoverage, libFuzzer -print_coverage)\n",
		   "'"$file"'", c, t, t ? 100 * c / t : 0, fc, f }' "$out/edges.txt"
	;;
lines)
	rm -f "$out"/*.profraw
	LLVM_PROFILE_FILE="$out/replay-%p.profraw" \
		"$bin" --fuzz-target=generic-fuzz -runs=0 "$@" >"$out/replay.log" 2>&1
	llvm-profdata-14 merge -sparse "$out"/*.profraw -o "$out/fuzz.profdata"
	# The file as the build recorded it (relative to its build directory)
	src=$(llvm-cov-14 export -summary-only "$bin" -instr-profile="$out/fuzz.profdata" |
		python3 -c 'import json, os, sys
[print(f["filename"]) for f in json.load(sys.stdin)["data"][0]["files"]
 if os.path.realpath(f["filename"]) == sys.argv[1]]' "$tree/$file")
	[ -n "$src" ] || { echo "coverage.sh: $tree/$file is not in $bin" >&2; exit 1; }
	cov=(llvm-cov-14 -instr-profile="$out/fuzz.profdata" -path-equivalence="${src%/"$file"},$tree")
	"${cov[0]}" report "${cov[@]:1}" "$bin" "$tree/$file" |
		sed -n "s|^[^ ]*$file |$file |p" | tr -s ' ' | tee "$out/report.txt" |
		awk '{ printf "%s: lines %d of %d (%s), regions %d of %d (%s), branches %d of %d (%s), functions %d of %d (llvm-cov, source-based)\n",
			$1, $8 - $9, $8, $10, $2 - $3, $2, $4, $11 - $12, $11, $13, $5 - $6, $5 }'
	"${cov[0]}" show "${cov[@]:1}" "$bin" "$tree/$file" \
		-show-line-counts >"$out/intel_iommu.c.cov.txt"
	"${cov[0]}" show "${cov[@]:1}" "$bin" "$tree/$file" \
		-format=html -output-dir="$out/html" >/dev/null
	# The series' lines: added since "base", as numbered in the tree,
	# except those of the harness patches on top of the series' commit
	# (TREE.rev, written by build-qemu-fuzz.sh)
	rev=$(cat "$tree.rev" 2>/dev/null || git -C "$tree" rev-parse HEAD)
	hunks() { # FROM
		git -C "$tree" diff -U0 "$1" HEAD -- "$file" |
			sed -n 's/^@@ -[0-9,]* +\([0-9]*\),\{0,1\}\([0-9]*\) @@.*/\1 \2/p'
	}
	hunks base >"$out/added.txt"
	hunks "$rev" >"$out/harness.txt"
	python3 - "$out/intel_iommu.c.cov.txt" "$out/added.txt" "$out/harness.txt" <<-'EOF'
	import re, sys
	cov = {}
	for l in open(sys.argv[1]):
	    m = re.match(r"\s*(\d+)\|\s*([0-9.]+[kMG]?|)\|", l)
	    if m and m.group(2):
	        cov[int(m.group(1))] = m.group(2) not in ("0",)
	def lines(path):
	    got = set()
	    for l in open(path):
	        start, *n = l.split()
	        n = int(n[0]) if n else 1
	        got.update(range(int(start), int(start) + n))
	    return got
	added = lines(sys.argv[2]) - lines(sys.argv[3])
	inst = [n for n in sorted(added) if n in cov]
	hit = [n for n in inst if cov[n]]
	print(f"series lines of hw/i386/intel_iommu.c (added since base): "
	      f"{len(hit)} of {len(inst)} executable lines covered "
	      f"({100 * len(hit) / max(len(inst), 1):.1f}%)")
	miss = [n for n in inst if not cov[n]]
	if miss:
	    print("  not covered:", " ".join(map(str, miss)))
	EOF
	echo "html: $out/html/index.html"
	;;
*)
	echo "coverage.sh: mode is lines or edges" >&2
	exit 2
	;;
esac
