# vcpu-affinity harness: fetch Debian's Linux 6.12 and QEMU 7.2 sources,
# apply the series, build, boot-test the posted-interrupt chain.
#   make        build everything and boot-test the chain, print the report
#   make check  run every test, end with "N passed, N failed"
#   make check-debug  only the KUnit and boot tests on the debug kernel
# Everything generated goes to build/.  V=-debug selects the kernel built
# with linux/config/debug.config (lockdep, KASAN, UBSAN, KFENCE).

B      := build
RES    := $(B)/results
LOGS   := $(B)/logs
KTREE  := $(B)/linux
V      :=
KOBJ   := $(B)/linux$(V)-obj
QTREE  := $(B)/qemu
QOBJ   := $(B)/qemu-obj
DISK   := $(B)/disk.img
INITRD := $(B)/initramfs.cpio.gz
KFRAGS := linux/config/boot.config linux/config/.kunitconfig \
	  $(if $(V),linux/config/debug.config)
DEBUG_RUNS := kunit-debug kunit-pmsi-debug boot-debug boot-pmsi-debug
RUNS   := kunit kunit-pmsi boot boot-pmsi $(DEBUG_RUNS)
SPLAT_RUNS := $(RUNS)
RESULTS := apply checkpatch-linux checkpatch-qemu sparse qtest $(RUNS) splats
STEP   := scripts/step.sh

export CCACHE_BASEDIR := $(CURDIR)/$(B)

.PHONY: all check check-debug debug-runs deps tree kernel qemu initramfs kunit kunit-pmsi \
	boot boot-pmsi qtest lint \
	lint-apply lint-style-linux lint-style-qemu lint-sparse splats report \
	bench export clean

all: boot boot-pmsi kunit kunit-pmsi report
	@scripts/summarize.sh $(RES) kunit kunit-pmsi boot boot-pmsi

check:
	rm -rf $(RES)
	-$(MAKE) --no-print-directory -k lint kunit kunit-pmsi boot boot-pmsi qtest
	-$(MAKE) --no-print-directory debug-runs
	-$(MAKE) --no-print-directory splats
	@scripts/summarize.sh $(RES) $(RESULTS)

# The debug half of check on its own: no splat allowed in its logs.
check-debug:
	rm -f $(foreach r,$(DEBUG_RUNS),$(RES)/$(r).*) $(RES)/splats.tap
	-$(MAKE) --no-print-directory debug-runs
	-$(MAKE) --no-print-directory splats SPLAT_RUNS="$(DEBUG_RUNS)"
	@scripts/summarize.sh $(RES) $(DEBUG_RUNS) splats

debug-runs:
	-$(MAKE) --no-print-directory -k V=-debug kunit kunit-pmsi boot boot-pmsi

deps:
	@scripts/check-deps.sh 2>/dev/null || { [ "$$(id -u)" = 0 ] && \
		$(STEP) deps $(LOGS)/deps.log scripts/install-deps.sh; } || scripts/check-deps.sh

# Sources and trees are kept: make must not remove them as intermediates.
.PRECIOUS: $(B)/src-% $(B)/%/.git

$(B)/src-%: | deps
	@$(STEP) source $(LOGS)/source-$*.log scripts/get-sources.sh $* $@

$(B)/%/.git: | $(B)/src-%
	@$(STEP) tree $(LOGS)/tree-$*.log scripts/make-tree.sh $(B)/src-$* $(B)/$*

tree: deps $(KTREE)/.git $(QTREE)/.git
	@$(STEP) series $(LOGS)/series-linux.log scripts/apply-series.sh $(KTREE) linux
	@$(STEP) series $(LOGS)/series-qemu.log scripts/apply-series.sh $(QTREE) qemu

kernel: tree
	@$(STEP) kernel$(V) $(LOGS)/kernel$(V).log scripts/build-kernel.sh $(KTREE) $(KOBJ) $(KFRAGS)

qemu: tree
	@$(STEP) qemu $(LOGS)/qemu.log scripts/build-qemu.sh $(QTREE) $(QOBJ)

$(DISK):
	@$(STEP) disk $(LOGS)/disk.log scripts/make-disk.sh $@

$(INITRD): tests/init $(wildcard tests/boot/*.sh) $(DISK) scripts/make-initramfs.sh
	@$(STEP) initrd $(LOGS)/initramfs.log scripts/make-initramfs.sh $(DISK) $@

initramfs: $(INITRD)

# kunit: the KUnit suites; kunit-pmsi: the INTEL-IR ones again with host
# posted MSI (the others do not depend on it).
KUNIT_ARGS_kunit      :=
KUNIT_ARGS_kunit-pmsi := --kernel_args=intremap=posted_msi 'intel_ir_*'

kunit kunit-pmsi: kernel qemu $(DISK)
	@mkdir -p $(RES)
	@$(STEP) $@$(V) $(LOGS)/$@$(V).log scripts/run-kunit.sh $(KTREE) $(KOBJ) \
		$(QOBJ) $(DISK) $(B)/$@$(V) $(KUNIT_ARGS_$@); \
		rc=$$?; cp $(B)/$@$(V)/kunit.log $(RES)/$@$(V).kunit 2>/dev/null; exit $$rc

# boot: the boot tests, after one end-to-end KUnit case has made real
# irq_set_vcpu_affinity() calls with the genirq tracepoint on;
# boot-pmsi: the boot tests with host posted MSI.
ARGS_boot      := trace_event=irq:irq_set_vcpu_affinity kunit.enable=1 \
		  kunit.filter_glob=intel_ir_edu_e2e.vaff_forwarded_flag_tracks_switches
ARGS_boot-pmsi := intremap=posted_msi

boot boot-pmsi: kernel qemu $(INITRD)
	@mkdir -p $(RES)
	@$(STEP) $@$(V) $(LOGS)/$@$(V).log scripts/boot-test.sh \
		$(KOBJ)/arch/x86/boot/bzImage $(INITRD) $(QOBJ) $(DISK) $(B)/$@$(V) \
		$(ARGS_$@); \
		rc=$$?; cp $(B)/$@$(V)/boot.tap $(RES)/$@$(V).tap 2>/dev/null; exit $$rc

qtest: qemu
	@mkdir -p $(RES)
	@$(STEP) qtest $(LOGS)/qtest.log sh -c 'scripts/run-qtest.sh $(QOBJ) >$(RES)/qtest.tap'

# Series hygiene; one target per check so that make -k runs them all.
lint: lint-apply lint-style-linux lint-style-qemu lint-sparse

lint-apply: tree
	@mkdir -p $(RES)
	@$(STEP) apply $(LOGS)/check-apply.log scripts/check-apply.sh $(RES)/apply.tap \
		$(KTREE):linux $(QTREE):qemu

lint-style-linux: tree
	@mkdir -p $(RES)
	@$(STEP) style $(LOGS)/check-style-linux.log scripts/check-style.sh \
		$(RES)/checkpatch-linux.tap $(KTREE) linux --strict

lint-style-qemu: tree
	@mkdir -p $(RES)
	@$(STEP) style $(LOGS)/check-style-qemu.log scripts/check-style.sh \
		$(RES)/checkpatch-qemu.tap $(QTREE) qemu

lint-sparse: kernel
	@mkdir -p $(RES)
	@$(STEP) sparse $(LOGS)/check-sparse.log scripts/check-sparse.sh \
		$(RES)/sparse.tap $(KTREE) $(KOBJ)

splats:
	@mkdir -p $(RES)
	@$(STEP) splats $(LOGS)/check-splats.log scripts/check-splats.sh $(RES)/splats.tap \
		$(foreach r,$(SPLAT_RUNS),$(r)=$(B)/$(r)/console.log)

report:
	@scripts/report.sh $(B)

# Figures, not pass/fail: QEMU posted vs remapped delivery rate; kernel
# IRTE writes per request pattern, coalescing, switch cost (from KUnit).
bench: qemu kunit
	@scripts/bench-qemu.sh $(QOBJ) 2>$(LOGS)/bench-qemu.log
	@grep -ahE '# (vaff_accounting|vaff_benchmark|bench_[a-z_]*): ' \
		$(B)/kunit/console.log | sed 's/^\[[ 0-9.]*\] *# //'

export:
	scripts/export-series.sh $(KTREE) linux
	scripts/export-series.sh $(QTREE) qemu

clean:
	rm -rf $(B)
