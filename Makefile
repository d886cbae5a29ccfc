# vcpu-affinity harness: fetch mainline Linux (Debian experimental's
# linux-source-7.3) and QEMU 10.2 (Debian sid's source), apply the
# series, build, boot-test the posted-interrupt chain under TCG.
#   make        build everything and boot-test the chain, print the report
#   make check  run every test, end with "N passed, N failed"
#   make check-debug  the x86 runs on the debug kernel (lockdep, KASAN,
#                     UBSAN, KFENCE)
#   make check-each   every kernel patch builds on its own
# check-debug and check-each are not part of check: they add a third
# kernel configuration's cold build, and a build per patch, which would
# take check past CI's time.
# Everything generated goes to build/.  V=-debug selects the kernel built
# with linux/config/debug.config (lockdep, KASAN, UBSAN, KFENCE).

B      := build
RES    := $(B)/results
LOGS   := $(B)/logs
KTREE  := $(B)/linux
V      :=
KOBJ   := $(B)/linux$(V)-obj
AOBJ   := $(B)/linux-arm64-obj
QTREE  := $(B)/qemu
QOBJ   := $(B)/qemu-obj
DISK   := $(B)/disk.img
INITRD := $(B)/initramfs.cpio.gz
E2EMOD := $(B)/e2e$(V)-mod
KFRAGS := linux/config/boot.config linux/config/.kunitconfig \
	  $(if $(V),linux/config/debug.config)
DEBUG_RUNS := kunit-debug e2e-debug boot-debug
X86_RUNS := kunit e2e e2e-pmsi e2e-x2apic e2e-soak race boot boot-pmsi
SPLAT_RUNS := $(X86_RUNS) $(DEBUG_RUNS)
# Further logs for splats, as NAME=LOG (check adds kunit-plain's raw log).
SPLAT_LOGS :=
RESULTS := apply checkpatch-linux checkpatch-qemu sparse sparse-arm64 qtest qtest-mutants fuzz-smoke kunit-plain $(X86_RUNS) arm64 splats
STEP   := scripts/step.sh
# The kernel series, one folder per maintainer tree, in sending order.
LSERIES := $(patsubst %/cover.txt,%,$(sort $(wildcard linux/*/cover.txt)))

export CCACHE_BASEDIR := $(CURDIR)/$(B)

.PHONY: all check check-debug check-each debug-runs deps tree kernel kernel-arm64 qemu \
	e2e-module race-module x86-selftests initramfs kunit kunit-plain e2e e2e-pmsi e2e-x2apic e2e-soak \
	soak soak-arm64 arm64-selftests race boot \
	boot-pmsi arm64 qtest qtest-mutants qtest-random lint \
	lint-apply lint-style-linux lint-style-qemu lint-sparse lint-sparse-arm64 lint-build-each \
	splats report bench export clean qemu-fuzz fuzz fuzz-smoke fuzz-cov

all: kunit e2e e2e-pmsi e2e-x2apic race boot boot-pmsi arm64 report
	@scripts/summarize.sh $(RES) kunit e2e e2e-pmsi e2e-x2apic race boot boot-pmsi arm64

check:
	rm -rf $(RES)
	-$(MAKE) --no-print-directory -k lint kunit kunit-plain e2e e2e-pmsi e2e-x2apic e2e-soak \
		race boot boot-pmsi qtest qtest-mutants fuzz-smoke arm64
	-$(MAKE) --no-print-directory splats SPLAT_RUNS="$(X86_RUNS)" \
		SPLAT_LOGS="kunit-plain=$(B)/kunit-plain/build/test.log"
	@scripts/summarize.sh $(RES) $(RESULTS)

# The debug half of check on its own: no splat allowed in its logs.
check-debug:
	rm -f $(foreach r,$(DEBUG_RUNS),$(RES)/$(r).*) $(RES)/splats.tap
	-$(MAKE) --no-print-directory debug-runs
	-$(MAKE) --no-print-directory splats SPLAT_RUNS="$(DEBUG_RUNS)"
	@scripts/summarize.sh $(RES) $(DEBUG_RUNS) splats

debug-runs:
	-$(MAKE) --no-print-directory -k V=-debug kunit e2e boot

deps:
	@scripts/check-deps.sh 2>/dev/null || { [ "$$(id -u)" = 0 ] && \
		$(STEP) deps $(LOGS)/deps.log scripts/install-deps.sh; } || scripts/check-deps.sh

# Sources and trees are kept: make must not remove them as intermediates.
.PRECIOUS: $(B)/src-% $(B)/%/.git

$(B)/src-%: | deps
	@$(STEP) source $(LOGS)/source-$*.log scripts/get-sources.sh $* $@
	@cat $(LOGS)/source-$*.log | grep '^get-sources:' || true

$(B)/%/.git: | $(B)/src-%
	@$(STEP) tree $(LOGS)/tree-$*.log scripts/make-tree.sh $(B)/src-$* $(B)/$*

tree: deps $(KTREE)/.git $(QTREE)/.git
	@$(STEP) series $(LOGS)/series-linux.log scripts/apply-series.sh $(KTREE) linux
	@$(STEP) series $(LOGS)/series-qemu.log scripts/apply-series.sh $(QTREE) qemu

kernel: tree
	@$(STEP) kernel$(V) $(LOGS)/kernel$(V).log scripts/build-kernel.sh $(KTREE) $(KOBJ) $(KFRAGS)

qemu: tree
	@$(STEP) qemu $(LOGS)/qemu.log scripts/build-qemu.sh $(QTREE) $(QOBJ)

# The end-to-end test: an external KUnit module (tests/e2e), not part of
# the series; built against the kernel of the same variant.
e2e-module: kernel
	@$(STEP) e2e-mod$(V) $(LOGS)/e2e-mod$(V).log $(MAKE) -C tests/e2e \
		KDIR=$(CURDIR)/$(KTREE) KOBJ=$(CURDIR)/$(KOBJ) MO=$(CURDIR)/$(E2EMOD)

$(DISK):
	@$(STEP) disk $(LOGS)/disk.log scripts/make-disk.sh $@

# The series' VFIO edu driver test, built for x86 and run by a boot test
# (tests/boot/vfio-edu-driver.sh) on the test machine's edu.
XSELF  := $(B)/x86-selftests
XUPSTREAM := vfio/vfio_pci_device_test vfio/vfio_dma_mapping_test vfio/vfio_iommufd_setup_test
XTESTS := $(XSELF)/vfio/vfio_pci_driver_test $(addprefix $(XSELF)/,$(XUPSTREAM))

x86-selftests: tree
	@$(STEP) selftest $(LOGS)/selftests-x86.log scripts/build-selftests.sh x86 \
		$(KTREE) - $(XSELF) vfio/vfio_pci_driver_test $(XUPSTREAM)

$(INITRD): tests/init $(wildcard tests/boot/*.sh) tests/boot/vfio-bind $(DISK) scripts/make-initramfs.sh \
		x86-selftests
	@$(STEP) initrd $(LOGS)/initramfs.log scripts/make-initramfs.sh $(DISK) $@ \
		$(XTESTS)

initramfs: $(INITRD)

kunit: kernel qemu $(DISK)
	@mkdir -p $(RES)
	@$(STEP) $@$(V) $(LOGS)/$@$(V).log scripts/run-kunit.sh $(KTREE) $(KOBJ) \
		$(QOBJ) $(DISK) $(B)/$@$(V); \
		rc=$$?; cp $(B)/$@$(V)/kunit.log $(RES)/$@$(V).kunit 2>/dev/null; exit $$rc

# kunit-plain: the VT-d and genirq suites as upstream runs them, by
# kunit.py run --arch=x86_64 with drivers/iommu/intel/.kunitconfig, in a
# QEMU without an IOMMU (its own build directory).
kunit-plain: tree qemu
	@mkdir -p $(RES)
	@$(STEP) $@ $(LOGS)/$@.log scripts/run-kunit-plain.sh $(KTREE) $(QOBJ) $(B)/$@; \
		rc=$$?; cp $(B)/$@/kunit.log $(RES)/$@.kunit 2>/dev/null; exit $$rc

# e2e: the end-to-end module with remapped host delivery; e2e-pmsi: the
# same with host posted MSI; e2e-x2apic: in x2APIC (cluster) mode with
# eim=on, the second CPU at APIC ID 256 (tests/machine-x2apic.args).
# Every x86 run boots with no_timer_check (scripts/run-*.sh, boot-test.sh):
# on a loaded machine the IO-APIC timer check ("timer doesn't work through
# Interrupt-remapped IO-APIC") fails under TCG's timing and panics the
# boot; seen on the x2APIC run once and on two e2e boots in a row while
# four builds shared the two cores.  The tests are not about the timer.
ARGS_e2e-pmsi := intremap=posted_msi
MACHINE_e2e-x2apic := tests/machine-x2apic.args

e2e e2e-pmsi e2e-x2apic: e2e-module qemu $(DISK)
	@mkdir -p $(RES)
	@E2E_MACHINE_ARGS=$(MACHINE_$@) $(STEP) $@$(V) $(LOGS)/$@$(V).log \
		scripts/run-e2e.sh $(KOBJ)/arch/x86/boot/bzImage \
		$(E2EMOD)/vcpu_affinity_e2e.ko $(QOBJ) $(DISK) $(B)/$@$(V) $(ARGS_$@); \
		rc=$$?; cp $(B)/$@$(V)/e2e.tap $(RES)/$@$(V).tap 2>/dev/null; exit $$rc

# e2e-soak: the module's intel_ir_edu_soak suite on three CPUs
# (tests/machine-soak.args): interrupts counted exactly while a third CPU
# switches posted/host delivery, moves the host affinity and takes the
# notification and affinity target CPU offline and online.  check runs
# the module's default size (10^5 interrupts, 10^3 switches, 10 hotplug
# cycles); soak the full one (SOAK_FULL) on the test kernel and on the
# debug kernel, and prints the figures; soak also runs soak-arm64.
SOAK_FULL := soak_ints=1000000 soak_switches=10000 soak_hotplug=100
SOAK_ARGS :=

e2e-soak: e2e-module qemu $(DISK)
	@mkdir -p $(RES)
	@E2E_SUITE=intel_ir_edu_soak E2E_MACHINE_ARGS=tests/machine-soak.args \
		E2E_MODULE_ARGS="$(SOAK_ARGS)" E2E_TIMEOUT=3600 \
		$(STEP) $@$(V) $(LOGS)/$@$(V).log \
		scripts/run-e2e.sh $(KOBJ)/arch/x86/boot/bzImage \
		$(E2EMOD)/vcpu_affinity_e2e.ko $(QOBJ) $(DISK) $(B)/$@$(V); \
		rc=$$?; cp $(B)/$@$(V)/e2e.tap $(RES)/$@$(V).tap 2>/dev/null; exit $$rc

soak:
	-$(MAKE) --no-print-directory e2e-soak SOAK_ARGS="$(SOAK_FULL)"
	-$(MAKE) --no-print-directory e2e-soak V=-debug SOAK_ARGS="$(SOAK_FULL)"
	-$(MAKE) --no-print-directory soak-arm64
	-$(MAKE) --no-print-directory splats SPLAT_RUNS="e2e-soak e2e-soak-debug"
	@for v in "" -debug; do echo "e2e-soak$$v: $$(cat $(B)/e2e-soak$$v/soak.txt 2>/dev/null)"; done
	@scripts/summarize.sh $(RES) e2e-soak e2e-soak-debug arm64-soak splats

# race: QEMU's posting against a guest that rewrites IRTEs (128-bit) and
# descriptors (64-bit) on other vCPUs while edu fires (tests/race).
race-module: kernel
	@$(STEP) race-mod $(LOGS)/race-mod.log $(MAKE) -C tests/race \
		KDIR=$(CURDIR)/$(KTREE) KOBJ=$(CURDIR)/$(KOBJ) MO=$(CURDIR)/$(B)/race-mod

race: race-module qemu
	@mkdir -p $(RES)
	@RACE_DURATION_MS=$${RACE_DURATION_MS:-10000} $(STEP) race $(LOGS)/race.log \
		scripts/run-race.sh $(KOBJ)/arch/x86/boot/bzImage \
		$(B)/race-mod/vaff_race.ko $(QOBJ) $(B)/race; \
		rc=$$?; cp $(B)/race/race.tap $(RES)/race.tap 2>/dev/null; exit $$rc

# boot: the boot tests; boot-pmsi: the same with host posted MSI.
ARGS_boot-pmsi := intremap=posted_msi

boot boot-pmsi: kernel qemu $(INITRD)
	@mkdir -p $(RES)
	@$(STEP) $@$(V) $(LOGS)/$@$(V).log scripts/boot-test.sh \
		$(KOBJ)/arch/x86/boot/bzImage $(INITRD) $(QOBJ) $(DISK) $(B)/$@$(V) \
		$(ARGS_$@); \
		rc=$$?; cp $(B)/$@$(V)/boot.tap $(RES)/$@$(V).tap 2>/dev/null; exit $$rc

# arm64: the same tree cross-built for arm64 and booted at EL2 with KVM
# and GICv4 in the project's qemu-system-aarch64 (TCG); QEMU's edu (MSI)
# and igb (MSI-X) bound to vfio-pci; the series' VFIO edu driver test
# (iommufd mode) and the KVM vLPI forwarding selftest, once per device.
ASYS   := $(B)/arm64-sysroot
ASELF  := $(B)/arm64-selftests
AINITRD := $(B)/initramfs-arm64.cpio.gz
# Upstream's own selftests as regression guards (tests/arm64/args/NAME
# gives each one's bounds under TCG).
AUPSTREAM := kvm/irqfd_test kvm/arm64/vgic_irq kvm/arm64/vgic_init kvm/arm64/vgic_lpi_stress \
	kvm/arm64/vgic_its_save kvm/arch_timer vfio/vfio_pci_device_test \
	vfio/vfio_dma_mapping_test vfio/vfio_iommufd_setup_test
ATESTS := $(ASELF)/vfio/vfio_pci_driver_test $(ASELF)/kvm/arm64/vgic_vlpi_vfio \
	$(addprefix $(ASELF)/,$(AUPSTREAM))

kernel-arm64: tree
	@ARCH=arm64 $(STEP) kernel-a64 $(LOGS)/kernel-arm64.log scripts/build-kernel.sh \
		$(KTREE) $(AOBJ) linux/config/arm64.config

arm64-selftests: tree
	@$(STEP) userland $(LOGS)/arm64-userland.log scripts/get-arm64-userland.sh $(ASYS)
	@$(STEP) selftest $(LOGS)/selftests-arm64.log scripts/build-selftests.sh arm64 \
		$(KTREE) $(ASYS) $(ASELF) vfio/vfio_pci_driver_test kvm/arm64/vgic_vlpi_vfio \
		$(AUPSTREAM)

arm64: kernel-arm64 qemu arm64-selftests
	@mkdir -p $(RES)
	@$(STEP) initrd $(LOGS)/initramfs-arm64.log scripts/make-initramfs-arm64.sh \
		$(ASYS) $(AINITRD) $(ATESTS)
	@$(STEP) arm64 $(LOGS)/arm64.log scripts/boot-arm64.sh $(QOBJ)/qemu-system-aarch64 \
		$(AOBJ)/arch/arm64/boot/Image $(AINITRD) $(B)/arm64; \
		rc=$$?; cp $(B)/arm64/arm64.tap $(RES)/arm64.tap 2>/dev/null; exit $$rc

# soak-arm64 (part of make soak): vgic_vlpi_vfio alone, 10^5 MSIs per
# device (tests/arm64/soak/vgic_vlpi_vfio).
ASOAKRD := $(B)/initramfs-arm64-soak.cpio.gz

soak-arm64: kernel-arm64 qemu arm64-selftests
	@mkdir -p $(RES)
	@ARGS_DIR=tests/arm64/soak $(STEP) initrd $(LOGS)/initramfs-arm64-soak.log \
		scripts/make-initramfs-arm64.sh $(ASYS) $(ASOAKRD) $(ASELF)/kvm/arm64/vgic_vlpi_vfio
	@BOOT_TIMEOUT=1800 $(STEP) arm64-soak $(LOGS)/arm64-soak.log \
		scripts/boot-arm64.sh $(QOBJ)/qemu-system-aarch64 \
		$(AOBJ)/arch/arm64/boot/Image $(ASOAKRD) $(B)/arm64-soak; \
		rc=$$?; cp $(B)/arm64-soak/arm64.tap $(RES)/arm64-soak.tap 2>/dev/null; \
		grep -a 'MSIs in' $(B)/arm64-soak/console.log; exit $$rc

qtest: qemu
	@mkdir -p $(RES)
	@$(STEP) qtest $(LOGS)/qtest.log sh -c 'scripts/run-qtest.sh $(QOBJ) >$(RES)/qtest.tap'

# The random-request qtest (pi/random) must fail on QEMU with a check of
# the posting path removed (tests/mutants/qemu-*.patch), each built in its
# own source copy and build directory (one cold QEMU build, then a file).
MUTSRC := $(B)/mut/qemu
MUTOBJ := $(B)/mut/qemu-obj

qtest-mutants: tree
	@mkdir -p $(RES)
	@$(STEP) mutants $(LOGS)/qtest-mutants.log sh -c \
		'scripts/run-qtest-mutants.sh $(QTREE) $(MUTSRC) $(MUTOBJ) >$(RES)/qtest-mutants.tap'

# More random requests than check runs: make fuzz runs them as well.
qtest-random: qemu
	@ninja -C $(QOBJ) tests/qtest/intel-iommu-test >/dev/null
	@cd $(QOBJ) && QTEST_QEMU_OBJDIR=$(CURDIR)/$(QOBJ) \
		QTEST_QEMU_BINARY=$(CURDIR)/scripts/qtest-bin/qemu-system-x86_64 \
		$(CURDIR)/$(STEP) random $(CURDIR)/$(LOGS)/qtest-random.log tests/qtest/intel-iommu-test \
		-m thorough -p /x86_64/q35/intel-iommu/pi/random --tap; \
		rc=$$?; grep -a 'random seed\|random requests\|^ok\|^not ok' $(CURDIR)/$(LOGS)/qtest-random.log; exit $$rc

# The VT-d fuzzer (QEMU's generic-fuzz with clang's libFuzzer, ASan and
# UBSan; tests/fuzz/README.md), built from the QEMU tree's HEAD in its own
# source copy and build directory.  make fuzz [FUZZ_SECONDS=N]; check
# runs fuzz-smoke (the seeds still reach posting, the cache, IEC and
# remapping; then 60 s without a finding); fuzz-cov measures line
# coverage of hw/i386/intel_iommu.c from the corpus (another build).
FUZZSRC := $(B)/wt-fuzz/qemu
FUZZOBJ := $(B)/qemu-fuzz
FUZZCOV := $(B)/qemu-fuzz-cov
FUZZRUN := $(B)/qemu-fuzz-run
FUZZBIN := $(FUZZOBJ)/qemu-fuzz-x86_64
FUZZ_SECONDS := 600

qemu-fuzz: tree
	@$(STEP) fuzz-bld $(LOGS)/qemu-fuzz.log scripts/build-qemu-fuzz.sh \
		$(QTREE) $(FUZZSRC) $(FUZZOBJ)

fuzz: qemu-fuzz qtest-random
	@$(STEP) fuzz $(LOGS)/fuzz.log scripts/run-fuzz.sh $(FUZZBIN) $(FUZZRUN) \
		$(FUZZ_SECONDS); rc=$$?; grep -v '^run-fuzz: regions' $(LOGS)/fuzz.log; exit $$rc

fuzz-smoke: qemu-fuzz
	@mkdir -p $(RES)
	@$(STEP) fuzz-smk $(LOGS)/fuzz-smoke.log sh -c \
		'scripts/run-fuzz.sh --smoke $(FUZZBIN) $(FUZZRUN) >$(RES)/fuzz-smoke.tap'

fuzz-cov: tree
	@$(STEP) fuzz-cov $(LOGS)/qemu-fuzz-cov.log scripts/build-qemu-fuzz.sh \
		$(QTREE) $(FUZZSRC) $(FUZZCOV) cov
	@$(STEP) coverage $(LOGS)/fuzz-coverage.log tests/fuzz/coverage.sh lines \
		$(FUZZCOV)/qemu-fuzz-x86_64 $(FUZZSRC) $(FUZZRUN)/coverage \
		$(FUZZRUN)/corpus $(FUZZRUN)/seeds; rc=$$?; tail -n 4 $(LOGS)/fuzz-coverage.log; exit $$rc

# Series hygiene; one target per check so that make -k runs them all.
lint: lint-apply lint-style-linux lint-style-qemu lint-sparse lint-sparse-arm64

lint-apply: tree
	@mkdir -p $(RES)
	@$(STEP) apply $(LOGS)/check-apply.log scripts/check-apply.sh $(RES)/apply.tap \
		$(foreach d,$(LSERIES),$(KTREE):$(d)) $(QTREE):qemu

# Three checkpatch types are not applied: UNKNOWN_COMMIT_ID (the tree is
# an unpacked source without upstream history to look a Fixes: hash up
# in); FILE_PATH_CHANGES ("does
# MAINTAINERS need updating?") is advice for new files, and every new file
# of the series sits in a directory MAINTAINERS covers already (reviewers
# asked to drop the redundant F: lines); ENOSYS ("means 'invalid syscall
# nr'") flags the genirq test's checks of -ENOSYS, the documented return
# value of irq_set_vcpu_affinity() when no chip implements it.
lint-style-linux: tree
	@mkdir -p $(RES)
	@$(STEP) style $(LOGS)/check-style-linux.log scripts/check-style.sh \
		$(RES)/checkpatch-linux.tap $(KTREE) linux --strict --ignore UNKNOWN_COMMIT_ID,FILE_PATH_CHANGES,ENOSYS

lint-style-qemu: tree
	@mkdir -p $(RES)
	@$(STEP) style $(LOGS)/check-style-qemu.log scripts/check-style.sh \
		$(RES)/checkpatch-qemu.tap $(QTREE) qemu

lint-sparse: kernel
	@mkdir -p $(RES)
	@$(STEP) sparse $(LOGS)/check-sparse.log scripts/check-sparse.sh \
		$(RES)/sparse.tap $(KTREE) $(KOBJ)

# The same for the arm64 build (arch/arm64/kvm and the common files).
lint-sparse-arm64: kernel-arm64
	@mkdir -p $(RES)
	@ARCH=arm64 $(STEP) sparse-a64 $(LOGS)/check-sparse-arm64.log scripts/check-sparse.sh \
		$(RES)/sparse-arm64.tap $(KTREE) $(AOBJ)

check-each:
	rm -f $(RES)/build-each.tap
	-$(MAKE) --no-print-directory lint-build-each
	@scripts/summarize.sh $(RES) build-each

# After the kernel build, so that ccache has every unchanged object.
lint-build-each: kernel kernel-arm64
	@$(STEP) userland $(LOGS)/arm64-userland.log scripts/get-arm64-userland.sh $(ASYS)
	@mkdir -p $(RES)
	@$(STEP) each $(LOGS)/check-build-each.log scripts/check-build-each.sh \
		$(RES)/build-each.tap $(KTREE) $(KFRAGS)

splats:
	@mkdir -p $(RES)
	@$(STEP) splats $(LOGS)/check-splats.log scripts/check-splats.sh $(RES)/splats.tap \
		$(foreach r,$(SPLAT_RUNS),$(r)=$(B)/$(r)/console.log) $(SPLAT_LOGS)

report:
	@scripts/report.sh $(B)

# Figures, not pass/fail.
bench: e2e
	@cat $(B)/e2e/bench.txt

export:
	scripts/export-series.sh $(KTREE) linux
	scripts/export-series.sh $(QTREE) qemu

clean:
	rm -rf $(B)
