#!/usr/bin/env bash
# Configure (once) and build QEMU's libFuzzer binary qemu-fuzz-x86_64 out
# of tree with Debian 12's clang 14: --enable-fuzzing (libFuzzer from
# libclang-rt-14-dev), the x86_64 target only, KVM instead of TCG as the
# accelerator that must be compiled in (the fuzzer runs under accel=qtest;
# KVM is much less code to build than TCG).  MODE "fuzz" (default) adds
# ASan and UBSan; MODE "cov" instead adds clang's source-based coverage
# (-fprofile-instr-generate -fcoverage-mapping) for replaying a corpus
# and measuring what it reaches (tests/fuzz/coverage.sh).  The meson 1.7
# PYTHONPATH trick is build-qemu.sh's.
# What is built is SRC, a git worktree of TREE at FUZZ_REV (default: TREE's
# HEAD, so the committed series; uncommitted edits in TREE are not seen)
# with the harness-only patches tests/fuzz/*.patch on top (edu's stock
# DMA bounds bug fixed, so that the fuzzer's time goes to the VT-d).  SRC
# follows TREE: a new FUZZ_REV is checked out and patched again, and only
# the files that changed are rebuilt.
# Usage: build-qemu-fuzz.sh TREE SRC OBJDIR [fuzz|cov]
set -euo pipefail

tree=$(realpath "$1")
src=$(realpath -m "$2")
obj=$3
mode=${4:-fuzz}
top=$(realpath "$(dirname "$(realpath "$0")")/..")
mesonpy=$top/build/tools/meson/usr/lib/python3/dist-packages
python=/usr/bin/python3
jobs=${FUZZ_BUILD_JOBS:-2}

case $mode in
fuzz) extra=(--enable-asan --enable-ubsan) cflags=-Wno-error ;;
cov) extra=() cflags='-Wno-error -fprofile-instr-generate -fcoverage-mapping' ;;
*) echo "build-qemu-fuzz: unknown mode $mode" >&2; exit 2 ;;
esac

rev=$(git -C "$tree" rev-parse "${FUZZ_REV:-HEAD}^{commit}")
if [ ! -e "$src/.git" ]; then
	rm -f "$src.rev"
	git -C "$tree" worktree add -f --detach "$src" "$rev"
fi
src=$(realpath "$src")
if [ "$(cat "$src.rev" 2>/dev/null)" != "$rev" ]; then
	rm -f "$src.rev"
	git -C "$src" am --abort 2>/dev/null || true
	git -C "$src" checkout -q -f --detach "$rev"
	GIT_COMMITTER_NAME=run-fuzz GIT_COMMITTER_EMAIL=run-fuzz@localhost \
		git -C "$src" am -q "$top"/tests/fuzz/*.patch
	echo "$rev" >"$src.rev"
fi
echo "build-qemu-fuzz: $(git -C "$tree" log -1 --format='%h %s' "$rev") + $(find "$top/tests/fuzz" -name "*.patch" | wc -l) harness patch(es)"

"$top/scripts/get-tool.sh" meson
export PYTHONPATH=$mesonpy${PYTHONPATH:+:$PYTHONPATH}

mkdir -p "$obj"
cd "$obj"
if [ ! -f build.ninja ]; then
	rm -rf ./*
	"$src/configure" --python="$python" \
		--target-list=x86_64-softmmu \
		--without-default-features --disable-tcg --enable-kvm \
		--enable-fuzzing "${extra[@]}" \
		--disable-install-blobs --disable-docs --disable-werror \
		--cc='ccache clang-14' --cxx='ccache clang++-14' \
		--extra-cflags="$cflags" \
		--extra-ldflags="${cflags#-Wno-error}" || { rm -f build.ninja; exit 1; }
	site=$(pyvenv/bin/python3 -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
	echo "$mesonpy" >"$site/meson-tools.pth"
fi
ninja -j"$jobs" qemu-fuzz-x86_64
