// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcpu_affinity_e2e - end-to-end KUnit test of vCPU interrupt posting on
 * INTEL-IR, run in a QEMU guest.  Project test code, not for upstream.
 *
 * What it does
 *   The suite intel_ir_edu_e2e binds QEMU's "edu" PCI device (1234:11e8),
 *   requests its MSI (remapped by INTEL-IR) and then does what KVM does for
 *   an assigned device: it builds a 64-byte aligned posted-interrupt
 *   descriptor with NV = POSTED_INTR_VECTOR and NDST in the format of the
 *   APIC mode, calls irq_set_vcpu_affinity(irq, &pi_data) with a struct
 *   intel_iommu_pi_data, and later irq_set_vcpu_affinity(irq, NULL).  edu
 *   sends one MSI per write to its raise register, so the test causes and
 *   counts every interrupt.  Notifications are observed through the
 *   kernel's own posted-interrupt vector: the per-CPU counter
 *   irq_stat.counts[IRQ_COUNT_POSTED_INTR] (needs CONFIG_KVM, which
 *   installs the vector).
 *
 *   The module uses exported symbols only.  It sees the interrupt
 *   remapping table and the invalidation queue the way the hardware does:
 *   it finds the DMAR unit in the ACPI DMAR table, reads its IRTA and IQA
 *   registers and maps the table and the queue read-only (memremap()).
 *   The IRTE of the edu MSI is located through the index in the MSI
 *   message; IEC invalidations are counted from the queue descriptors
 *   between two IQT (tail) snapshots.
 *
 * Cases (posting cases skip without CAP.PI, i.e. without QEMU
 * "-device intel-iommu,...,x-posted-intr=on")
 *   vaff_remapped_delivery             host delivery via INTEL-IR, or via
 *                                      INTEL-IR-POST with intremap=posted_msi
 *   vaff_posted_coalesces              PIR + ON, one notification, no host call
 *   vaff_posted_renotifies_after_consume  VMM clears ON/PIR: notifies again
 *   vaff_posted_sn_suppresses          SN: PIR set, no ON, no notification
 *   vaff_revert_follows_host_affinity  back to host on the latest affinity
 *   vaff_revert_applies_pending_affinity  same, with a deferred move: the
 *                                      first host interrupt applies it
 *   vaff_teardown_while_posted         unbind while posted: IRTE cleared,
 *                                      INTEL-IR's deliberate WARN (suppressed)
 *   vaff_rejects_misaligned_desc       refused request (misaligned or zero
 *   vaff_rejects_bad_desc_addr         descriptor address): error
 *                                      and one suppressed WARN, IRTE back in
 *                                      host mode, host handler runs, PIR
 *                                      untouched (from host and from posted)
 *   vaff_retrigger_leaves_no_stale_isr irq_inject_interrupt() (what
 *                                      "echo trigger > /sys/kernel/debug/
 *                                      irq/irqs/N" calls): handler runs on
 *                                      the target CPU, no APIC ISR bit left
 *   vaff_accounting                    >= 100000 interrupts while another CPU
 *                                      switches: raised == host + posted
 *   vaff_benchmark                     coalescing ratio, switch cost
 *   vaff_bench_irte_writes             IEC flushes per request pattern
 *
 * Build (against a configured and built kernel with Module.symvers)
 *   make -C LINUX_SRC O=LINUX_OBJ M=$PWD/tests/e2e MO=OUTDIR modules
 *   (tests/e2e/Makefile wraps this: make -C tests/e2e KDIR=.. KOBJ=.. MO=..)
 *
 * Run
 *   scripts/run-e2e.sh BZIMAGE vcpu_affinity_e2e.ko QEMU_BINDIR DISK OUTDIR
 *   boots the kernel under QEMU with edu, loads the module from the
 *   initramfs and writes OUTDIR/e2e.tap.
 *
 * Parameters
 *   host_posted_msi=0|1  expected host delivery mode (1 with
 *                        intremap=posted_msi); -1 (default) does not check
 *   bench_calls=N        requests per benchmark pattern (default 100)
 */

#include <kunit/test.h>
#include <linux/acpi.h>
#include <linux/bitfield.h>
#include <linux/bitmap.h>
#include <linux/cleanup.h>
#include <linux/cpu.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/dmar.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/irq.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/msi.h>
#include <linux/panic.h>
#include <linux/pci.h>
#include <linux/smp.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <linux/timex.h>
#include <linux/workqueue.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/hw_irq.h>
#include <asm/irq_remapping.h>
#include <asm/irq_vectors.h>
#include <asm/posted_intr.h>

#if !IS_ENABLED(CONFIG_KVM)
#error "POSTED_INTR_VECTOR and its counter exist only with CONFIG_KVM"
#endif

#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8
#define EDU_REG_LIVENESS	0x04
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60
#define EDU_REG_IRQ_ACK		0x64
#define EDU_IRQ_TEST_BIT	0x100

/* VT-d registers (VT-d spec 11.4) the test reads; it never writes any. */
#define VAFF_DMAR_IQH		0x80
#define VAFF_DMAR_IQT		0x88
#define VAFF_DMAR_IQA		0x90
#define VAFF_DMAR_IRTA		0xb8
#define VAFF_IQ_OFFSET_MASK	GENMASK_ULL(18, 4)
#define VAFF_IQA_DW		BIT_ULL(11)
#define VAFF_IQA_QS		GENMASK_ULL(2, 0)
#define VAFF_IRTA_S		GENMASK_ULL(3, 0)
/* Interrupt entry cache invalidation descriptor (VT-d spec 6.5.2.7) */
#define VAFF_QI_TYPE_IEC	0x4
#define VAFF_QI_IEC_INDEXED	BIT_ULL(4)

/* Vector the "guest" expects; any external vector will do. */
#define VAFF_GUEST_VECTOR	0x51
/* Upper bound for one interrupt or notification to arrive. */
#define VAFF_TIMEOUT_US		200000
/* Time given to a stray extra notification to show up. */
#define VAFF_SETTLE_MS		20
#define VAFF_BURST_INTS		10
#define VAFF_ACCT_INTS		100000
#define VAFF_ACCT_MIN_SWITCHES	1000
#define VAFF_BENCH_SAMPLES	1000
/* Rounds of back to back moves tried until the vector domain defers one. */
#define VAFF_DEFER_TRIES	10

static int host_posted_msi = -1;
module_param(host_posted_msi, int, 0444);
MODULE_PARM_DESC(host_posted_msi,
		 "Expected host delivery: 1 posted MSI, 0 remapped, -1 no check");

static unsigned int bench_calls = 100;
module_param(bench_calls, uint, 0444);
MODULE_PARM_DESC(bench_calls, "Requests per pattern in vaff_bench_irte_writes");

/* Size of the intel_ir_edu_soak run (make soak; a short one in make check). */
static unsigned int soak_ints = 100000;
module_param(soak_ints, uint, 0444);
MODULE_PARM_DESC(soak_ints, "Interrupts vaff_soak raises at least");

static unsigned int soak_switches = 1000;
module_param(soak_switches, uint, 0444);
MODULE_PARM_DESC(soak_switches, "Posted/remapped switches vaff_soak makes at least");

static unsigned int soak_hotplug = 10;
module_param(soak_hotplug, uint, 0444);
MODULE_PARM_DESC(soak_hotplug, "CPU offline/online cycles vaff_soak makes at least");

/* The DMAR unit as the test sees it through its registers. */
static struct {
	void __iomem *regs;
	struct irte *table;
	unsigned int entries;
	void *queue;
	size_t queue_bytes;
	unsigned int desc_bytes;
} vaff_ir;

struct vaff_ctx {
	struct kunit *test;
	struct pci_dev *pdev;
	void __iomem *regs;
	unsigned int irq;
	unsigned int irte_index;
	struct irte *irte;
	bool bound;
	bool maybe_posted;
	atomic_t host_calls;
	atomic_t last_cpu;
	/* Page holding the posted-interrupt descriptor. */
	struct pi_desc *desc;
	unsigned int notify_cpu;
	struct intel_iommu_pi_data pi;
};

/* Context handed from the test to the probe routine. */
static struct vaff_ctx *vaff_probe_ctx;

/**
 * vaff_dest() - Format an APIC ID the way VT-d wants it
 * @cpu: CPU whose APIC ID is wanted
 *
 * NDST of a posted-interrupt descriptor and the destination of a remapped
 * IRTE carry the APIC ID in bits 15:8 in xAPIC mode and the full 32-bit
 * ID in x2APIC mode (VT-d spec 9.10, 9.12).
 *
 * Return: the destination in the format of the current APIC mode.
 */
static u32 vaff_dest(unsigned int cpu)
{
	u32 apicid = cpu_physical_id(cpu);

	return x2apic_mode ? apicid : (apicid << 8) & 0xff00;
}

/**
 * vaff_host_dest() - Destination ID of a remapped IRTE that targets @cpu
 * @cpu: CPU the interrupt is routed to
 * @logical: the IRTE's destination mode (DM) is logical
 *
 * x2APIC cluster mode (Linux's default in x2APIC mode unless x2apic_phys)
 * programs the logical x2APIC ID: APIC ID bits 31:4 as the cluster in
 * bits 31:16, and bit (APIC ID bits 3:0) set in bits 15:0.
 *
 * Return: the destination a remapped IRTE for @cpu carries.
 */
static u32 vaff_host_dest(unsigned int cpu, bool logical)
{
	u32 apicid = cpu_physical_id(cpu);

	if (x2apic_mode && logical)
		return (apicid >> 4) << 16 | BIT(apicid & 0xf);
	return vaff_dest(cpu);
}

/**
 * vaff_pin_count() - Read the posted-interrupt notification counter
 * @cpu: CPU whose counter is read
 *
 * Return: the number of POSTED_INTR_VECTOR notifications @cpu has taken.
 */
static unsigned int vaff_pin_count(unsigned int cpu)
{
	return READ_ONCE(per_cpu(irq_stat, cpu).counts[IRQ_COUNT_POSTED_INTR]);
}

/**
 * vaff_pmn_count() - Sum the posted-MSI notification counters
 *
 * Return: the number of posted-MSI notifications taken by all CPUs.
 */
static unsigned long vaff_pmn_count(void)
{
	unsigned long sum = 0;
#ifdef CONFIG_X86_POSTED_MSI
	unsigned int cpu;

	for_each_online_cpu(cpu)
		sum += READ_ONCE(per_cpu(irq_stat, cpu).counts[IRQ_COUNT_POSTED_MSI_NOTIFICATION]);
#endif
	return sum;
}

static bool vaff_pir_pending(struct pi_desc *desc)
{
	return pi_test_pir(VAFF_GUEST_VECTOR, desc);
}

/**
 * vaff_consume() - Take pending interrupts out of a descriptor like a VMM
 * @desc: posted-interrupt descriptor
 *
 * Clears ON first and then harvests the PIR bit, both atomically, in the
 * order KVM syncs PIR to the virtual IRR, so a posting racing with the
 * harvest is either seen now or notified again.
 *
 * Return: true if the test vector was pending.
 */
static bool vaff_consume(struct pi_desc *desc)
{
	pi_clear_on(desc);
	return test_and_clear_bit(VAFF_GUEST_VECTOR, desc->pir);
}

static bool vaff_wait_host_calls(struct vaff_ctx *c, int want)
{
	int calls;

	return !read_poll_timeout_atomic(atomic_read, calls, calls >= want, 1,
					 VAFF_TIMEOUT_US, false, &c->host_calls);
}

static bool vaff_wait_pin(unsigned int cpu, unsigned int old)
{
	unsigned int n;

	return !read_poll_timeout_atomic(vaff_pin_count, n, n != old, 1,
					 VAFF_TIMEOUT_US, false, cpu);
}

static bool vaff_wait_pir(struct pi_desc *desc)
{
	bool pending;

	return !read_poll_timeout_atomic(vaff_pir_pending, pending, pending, 1,
					 VAFF_TIMEOUT_US, false, desc);
}

static void vaff_read_irte(struct vaff_ctx *c, struct irte *irte)
{
	irte->low = READ_ONCE(c->irte->low);
	irte->high = READ_ONCE(c->irte->high);
}

/**
 * vaff_find_drhd() - Find the register base of the DMAR unit for PCI
 *
 * The unit with INCLUDE_PCI_ALL on segment 0, or the only unit: QEMU's
 * intel-iommu is a single DRHD that lists its devices.
 *
 * Return: the physical register base, or 0 if there is no such unit.
 */
static u64 vaff_find_drhd(void)
{
	struct acpi_table_header *hdr;
	struct acpi_dmar_header *sub;
	u64 base = 0, only = 0;
	unsigned int units = 0;
	void *p, *end;

	if (ACPI_FAILURE(acpi_get_table(ACPI_SIG_DMAR, 0, &hdr)))
		return 0;
	p = (void *)hdr + sizeof(struct acpi_table_dmar);
	end = (void *)hdr + hdr->length;
	for (; p + sizeof(*sub) <= end; p += sub->length) {
		struct acpi_dmar_hardware_unit *drhd = p;

		sub = p;
		if (!sub->length)
			break;
		if (sub->type != ACPI_DMAR_TYPE_HARDWARE_UNIT)
			continue;
		units++;
		only = drhd->address;
		if ((drhd->flags & ACPI_DMAR_INCLUDE_ALL) && !drhd->segment)
			base = drhd->address;
	}
	acpi_put_table(hdr);
	return base ?: units == 1 ? only : 0;
}

/**
 * vaff_map_iommu() - Map the remapping table and invalidation queue
 *
 * Return: 0, or a negative error code when there is no DMAR unit for PCI,
 * interrupt remapping is not enabled or a mapping fails.
 */
static int vaff_map_iommu(void)
{
	u64 base = vaff_find_drhd(), irta, iqa;

	if (!base)
		return -ENODEV;
	vaff_ir.regs = ioremap(base, PAGE_SIZE);
	if (!vaff_ir.regs)
		return -ENOMEM;

	irta = readq(vaff_ir.regs + VAFF_DMAR_IRTA);
	iqa = readq(vaff_ir.regs + VAFF_DMAR_IQA);
	if (!(irta & PAGE_MASK) || !(iqa & PAGE_MASK))
		return -ENODEV;

	vaff_ir.entries = 1U << (FIELD_GET(VAFF_IRTA_S, irta) + 1);
	vaff_ir.table = memremap(irta & PAGE_MASK,
				 vaff_ir.entries * sizeof(struct irte),
				 MEMREMAP_WB);
	vaff_ir.desc_bytes = iqa & VAFF_IQA_DW ? 32 : 16;
	vaff_ir.queue_bytes = PAGE_SIZE << FIELD_GET(VAFF_IQA_QS, iqa);
	vaff_ir.queue = memremap(iqa & PAGE_MASK, vaff_ir.queue_bytes,
				 MEMREMAP_WB);
	if (!vaff_ir.table || !vaff_ir.queue)
		return -ENOMEM;
	return 0;
}

static void vaff_unmap_iommu(void)
{
	if (vaff_ir.queue)
		memunmap(vaff_ir.queue);
	if (vaff_ir.table)
		memunmap(vaff_ir.table);
	if (vaff_ir.regs)
		iounmap(vaff_ir.regs);
	memset(&vaff_ir, 0, sizeof(vaff_ir));
}

/**
 * vaff_iq_tail() - Snapshot the invalidation queue tail
 *
 * Return: byte offset in the queue of the next descriptor to be submitted.
 */
static u32 vaff_iq_tail(void)
{
	return readq(vaff_ir.regs + VAFF_DMAR_IQT) & VAFF_IQ_OFFSET_MASK;
}

struct vaff_iec {
	unsigned int indexed;	/* index-selective, covering the test IRTE */
	unsigned int global;
};

/**
 * vaff_count_iec() - Count IEC invalidations submitted between two tails
 * @from: tail before
 * @to: tail after
 * @index: IRTE index of interest
 * @iec: counters to add to
 *
 * Reads the descriptors the driver wrote into the queue; the caller
 * keeps the window well below the queue size, so none is overwritten.
 */
static void vaff_count_iec(u32 from, u32 to, unsigned int index,
			   struct vaff_iec *iec)
{
	while (from != to) {
		u64 qw0 = READ_ONCE(*(u64 *)(vaff_ir.queue + from));
		u32 first = (qw0 >> 32) & 0xffff;
		u32 span = 1U << ((qw0 >> 27) & 0x1f);

		if ((qw0 & 0xf) == VAFF_QI_TYPE_IEC && !(qw0 & GENMASK_ULL(11, 9))) {
			if (!(qw0 & VAFF_QI_IEC_INDEXED))
				iec->global++;
			else if (index >= first && index < first + span)
				iec->indexed++;
		}
		from = (from + vaff_ir.desc_bytes) % vaff_ir.queue_bytes;
	}
}

/**
 * vaff_find_irte() - Locate the IRTE behind the device's MSI message
 * @c: test context, with the MSI requested
 *
 * Decodes the remappable-format MSI address (handle and subhandle) that
 * was written to the device (VT-d spec 5.1.2.2).
 *
 * Return: the IRTE, or NULL if the MSI is not in remappable format.
 */
static struct irte *vaff_find_irte(struct vaff_ctx *c)
{
	struct msi_msg msg;
	u32 index;

	get_cached_msi_msg(c->irq, &msg);
	if (!msg.arch_addr_lo.dmar_format)
		return NULL;

	index = msg.arch_addr_lo.dmar_index_0_14 |
		msg.arch_addr_lo.dmar_index_15 << 15;
	if (msg.arch_addr_lo.dmar_subhandle_valid)
		index += msg.arch_data.dmar_subhandle;
	if (index >= vaff_ir.entries)
		return NULL;

	c->irte_index = index;
	return &vaff_ir.table[index];
}

static irqreturn_t vaff_handler(int irq, void *data)
{
	struct vaff_ctx *c = data;
	u32 status = readl(c->regs + EDU_REG_IRQ_STATUS);

	writel(status, c->regs + EDU_REG_IRQ_ACK);
	atomic_set(&c->last_cpu, raw_smp_processor_id());
	atomic_inc(&c->host_calls);

	return IRQ_HANDLED;
}

/* Make the edu device send one MSI; the read back flushes the write. */
static void vaff_raise(struct vaff_ctx *c)
{
	writel(EDU_IRQ_TEST_BIT, c->regs + EDU_REG_IRQ_RAISE);
	readl(c->regs + EDU_REG_IRQ_STATUS);
}

static int vaff_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct vaff_ctx *c = vaff_probe_ctx;
	int ret;

	if (!c)
		return -ENODEV;

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	/* MSIs are memory writes: no bus mastering, no interrupts. */
	pci_set_master(pdev);

	c->regs = pcim_iomap(pdev, 0, 0);
	if (!c->regs)
		return -ENOMEM;

	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		return ret;

	c->irq = pci_irq_vector(pdev, 0);
	ret = request_irq(c->irq, vaff_handler, 0, "vaff-edu", c);
	if (ret)
		return ret;

	c->pdev = pdev;
	c->irte = vaff_find_irte(c);
	pci_set_drvdata(pdev, c);
	return 0;
}

/* Free the MSI, posted or not, as a driver would. */
static void vaff_remove(struct pci_dev *pdev)
{
	struct vaff_ctx *c = pci_get_drvdata(pdev);

	free_irq(c->irq, c);
}

static const struct pci_device_id vaff_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR_ID, EDU_DEVICE_ID) },
	{ }
};

static struct pci_driver vaff_driver = {
	.name		= "vaff-edu-test",
	.id_table	= vaff_ids,
	.probe		= vaff_probe,
	.remove		= vaff_remove,
};

/* Unbinding runs vaff_remove(), which frees the interrupt. */
static void vaff_unbind(struct vaff_ctx *c)
{
	if (!c->bound)
		return;
	pci_unregister_driver(&vaff_driver);
	c->bound = false;
}

static int vaff_suite_init(struct kunit_suite *suite)
{
	int ret = vaff_map_iommu();

	if (ret) {
		pr_info("intel_ir_edu_e2e: no usable DMAR unit for PCI (%d)\n",
			ret);
		vaff_unmap_iommu();
	}
	/* The cases skip without the mapping; the suite itself runs. */
	return 0;
}

static void vaff_suite_exit(struct kunit_suite *suite)
{
	vaff_unmap_iommu();
}

/**
 * vaff_test_init() - Bind the test driver for one case
 * @test: the test
 *
 * Return: 0; skips the case without an edu device or remapping tables.
 */
static int vaff_test_init(struct kunit *test)
{
	struct pci_dev *pdev;
	struct vaff_ctx *c;
	int ret;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->test = test;
	test->priv = c;

	pdev = pci_get_device(EDU_VENDOR_ID, EDU_DEVICE_ID, NULL);
	if (!pdev)
		kunit_skip(test, "no edu PCI device (QEMU -device edu)");
	pci_dev_put(pdev);
	if (!vaff_ir.regs || !vaff_ir.table)
		kunit_skip(test, "no interrupt remapping table (intel-iommu,intremap=on)");

	c->desc = (struct pi_desc *)get_zeroed_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->desc);
	c->notify_cpu = cpumask_last(cpu_online_mask);

	vaff_probe_ctx = c;
	ret = pci_register_driver(&vaff_driver);
	vaff_probe_ctx = NULL;
	KUNIT_ASSERT_EQ(test, ret, 0);
	c->bound = true;
	/* A driverless user of its MSI leaves devres that blocks probing. */
	KUNIT_ASSERT_NOT_NULL_MSG(test, c->pdev,
				  "edu device did not bind (resources left by an earlier user?)");
	KUNIT_ASSERT_NOT_NULL_MSG(test, c->irte, "edu MSI is not remapped");
	return 0;
}

static void vaff_test_exit(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;

	if (!c)
		return;
	if (c->bound && c->maybe_posted)
		irq_set_vcpu_affinity(c->irq, NULL);
	vaff_unbind(c);
	free_page((unsigned long)c->desc);
}

static bool vaff_posting_available(void)
{
	return irq_remapping_cap(IRQ_POSTING_CAP);
}

/* Prepare a descriptor like KVM does for a vCPU. */
static void vaff_init_desc(struct pi_desc *desc, unsigned int cpu)
{
	memset(desc, 0, sizeof(*desc));
	desc->nv = POSTED_INTR_VECTOR;
	desc->ndst = vaff_dest(cpu);
}

static int vaff_post(struct vaff_ctx *c)
{
	vaff_init_desc(c->desc, c->notify_cpu);
	c->pi.pi_desc_addr = __pa(c->desc);
	c->pi.vector = VAFF_GUEST_VECTOR;
	c->maybe_posted = true;
	return irq_set_vcpu_affinity(c->irq, &c->pi);
}

static int vaff_unpost(struct vaff_ctx *c)
{
	int ret = irq_set_vcpu_affinity(c->irq, NULL);

	if (!ret)
		c->maybe_posted = false;
	return ret;
}

static void vaff_require_posting(struct kunit *test)
{
	if (!vaff_posting_available())
		kunit_skip(test, "IOMMU does not advertise posted interrupts (CAP.PI)");
}

/**
 * vaff_host_posted_msi() - Check whether host delivery uses posted MSIs
 * @c: test context
 *
 * With intremap=posted_msi the host's own IRTE posts into the per-CPU
 * posted-MSI descriptor and the interrupt sits on INTEL-IR-POST.
 *
 * Return: true if the test interrupt is a posted MSI on the host.
 */
static bool vaff_host_posted_msi(struct vaff_ctx *c)
{
	struct irq_data *d;

	for (d = irq_get_irq_data(c->irq); d; d = d->parent_data)
		if (d->chip && d->chip->name &&
		    !strcmp(d->chip->name, "INTEL-IR-POST"))
			return true;
	return false;
}

/**
 * vaff_host_target() - Snapshot the host vector and target CPU
 * @c: test context
 * @vector: host vector
 * @cpu: CPU of the effective affinity
 *
 * Taken under the descriptor lock so that no affinity change is half
 * applied.
 */
static void vaff_host_target(struct vaff_ctx *c, unsigned int *vector,
			     unsigned int *cpu)
{
	struct irq_data *d = irq_get_irq_data(c->irq);
	struct irq_desc *desc = irq_data_to_desc(d);

	/* irq_to_desc() is not exported: reach the descriptor from its data. */
	scoped_guard(raw_spinlock_irqsave, &desc->lock) {
		*vector = irqd_cfg(d)->vector;
		*cpu = cpumask_first(irq_data_get_effective_affinity_mask(d));
	}
}

/**
 * vaff_expect_host_delivery() - Check that interrupts reach the host handler
 * @test: the test
 * @cpu: CPU the handler must run on, or -1 for the effective affinity
 *
 * Raises a few interrupts and expects each to call the host handler
 * exactly once, on @cpu, and none to be posted.
 */
static void vaff_expect_host_delivery(struct kunit *test, int cpu)
{
	struct vaff_ctx *c = test->priv;
	unsigned int vector, target;
	unsigned long pmn;
	int i, start;

	vaff_host_target(c, &vector, &target);
	if (cpu < 0)
		cpu = target;

	pmn = vaff_pmn_count();
	start = atomic_read(&c->host_calls);
	for (i = 1; i <= VAFF_BURST_INTS; i++) {
		vaff_raise(c);
		KUNIT_ASSERT_TRUE_MSG(test, vaff_wait_host_calls(c, start + i),
				      "interrupt %d not delivered to host", i);
		KUNIT_EXPECT_EQ(test, atomic_read(&c->last_cpu), cpu);
	}
	msleep(VAFF_SETTLE_MS);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->host_calls),
			start + VAFF_BURST_INTS);
	KUNIT_EXPECT_FALSE(test, vaff_pir_pending(c->desc));
	/* Host posted MSIs arrive through the posted-MSI notification. */
	if (vaff_host_posted_msi(c))
		KUNIT_EXPECT_GT(test, vaff_pmn_count(), pmn);
}

static u64 vaff_irte_pda(const struct irte *irte)
{
	return (u64)irte->pda_h << 32 | (u64)irte->pda_l << 6;
}

/**
 * vaff_expect_remapped_irte() - Check the IRTE is in host delivery format
 * @test: the test
 *
 * The entry must be present, not posted to a vCPU, and carry the vector
 * and destination of the host's current vector assignment: as a remapped
 * entry, or for host posted MSIs as an entry posting the host vector into
 * a descriptor whose NV is the posted-MSI notification vector and whose
 * NDST is the target CPU.
 */
static void vaff_expect_remapped_irte(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	unsigned int vector, cpu;
	struct irte irte;

	vaff_host_target(c, &vector, &cpu);
	vaff_read_irte(c, &irte);
	KUNIT_EXPECT_EQ(test, (u32)irte.present, 1);
#ifdef CONFIG_X86_POSTED_MSI
	if (vaff_host_posted_msi(c)) {
		u64 pda = vaff_irte_pda(&irte);
		struct pi_desc *host_pid;

		KUNIT_EXPECT_EQ(test, (u32)irte.p_pst, 1);
		KUNIT_EXPECT_EQ(test, (u32)irte.p_vector, vector);
		KUNIT_ASSERT_TRUE(test, pfn_valid(PHYS_PFN(pda)));
		host_pid = phys_to_virt(pda);
		KUNIT_EXPECT_PTR_NE(test, host_pid, c->desc);
		KUNIT_EXPECT_EQ(test, (u32)READ_ONCE(host_pid->nv),
				POSTED_MSI_NOTIFICATION_VECTOR);
		KUNIT_EXPECT_EQ(test, READ_ONCE(host_pid->ndst), vaff_dest(cpu));
		return;
	}
#endif
	KUNIT_EXPECT_EQ(test, (u32)irte.pst, 0);
	KUNIT_EXPECT_EQ(test, (u32)irte.vector, vector);
	KUNIT_EXPECT_EQ(test, (u32)irte.dest_id,
			vaff_host_dest(cpu, irte.dst_mode));
}

static void vaff_expect_posted_irte(struct kunit *test, u64 pda)
{
	struct vaff_ctx *c = test->priv;
	struct irte irte;

	vaff_read_irte(c, &irte);
	KUNIT_EXPECT_EQ(test, (u32)irte.p_present, 1);
	KUNIT_EXPECT_EQ(test, (u32)irte.p_pst, 1);
	KUNIT_EXPECT_EQ(test, (u32)irte.p_vector, VAFF_GUEST_VECTOR);
	KUNIT_EXPECT_EQ(test, vaff_irte_pda(&irte), pda);
}

/**
 * vaff_expect_posted_delivery() - Check one interrupt is posted
 * @test: the test
 *
 * Raises one interrupt on an empty descriptor and expects it in PIR with
 * exactly one notification and no host handler call; then consumes it.
 */
static void vaff_expect_posted_delivery(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	unsigned int pin = vaff_pin_count(c->notify_cpu);
	int calls = atomic_read(&c->host_calls);

	KUNIT_ASSERT_FALSE(test, vaff_pir_pending(c->desc));
	vaff_raise(c);
	KUNIT_EXPECT_TRUE(test, vaff_wait_pir(c->desc));
	KUNIT_EXPECT_TRUE(test, vaff_wait_pin(c->notify_cpu, pin));
	msleep(VAFF_SETTLE_MS);
	KUNIT_EXPECT_EQ(test, vaff_pin_count(c->notify_cpu), pin + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->host_calls), calls);
	KUNIT_EXPECT_TRUE(test, vaff_consume(c->desc));
}

/*
 * Interrupts of the bound device reach the host handler via INTEL-IR, or
 * via INTEL-IR-POST exactly when the kernel uses posted MSIs.
 */
static void vaff_remapped_delivery(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;

	kunit_info(test, "host delivery: %s, IRTE index %u\n",
		   vaff_host_posted_msi(c) ? "posted MSI (INTEL-IR-POST)" :
					     "remapped (INTEL-IR)",
		   c->irte_index);
	if (host_posted_msi >= 0)
		KUNIT_EXPECT_EQ(test, vaff_host_posted_msi(c), !!host_posted_msi);
	vaff_expect_remapped_irte(test);
	vaff_expect_host_delivery(test, -1);
}

/*
 * Posted interrupts set the vector's PIR bit and ON and notify once;
 * while ON stays set further postings coalesce without a notification,
 * and the host handler never runs.
 */
static void vaff_posted_coalesces(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	unsigned int pin;
	int i;

	vaff_require_posting(test);
	pin = vaff_pin_count(c->notify_cpu);
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	vaff_expect_posted_irte(test, __pa(c->desc));

	for (i = 0; i < VAFF_BURST_INTS; i++)
		vaff_raise(c);

	KUNIT_EXPECT_TRUE(test, vaff_wait_pin(c->notify_cpu, pin));
	msleep(VAFF_SETTLE_MS);
	KUNIT_EXPECT_TRUE(test, vaff_pir_pending(c->desc));
	KUNIT_EXPECT_TRUE(test, pi_test_on(c->desc));
	KUNIT_EXPECT_EQ(test, vaff_pin_count(c->notify_cpu), pin + 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->host_calls), 0);
}

/* Once the VMM has cleared ON and PIR, the next posting notifies again. */
static void vaff_posted_renotifies_after_consume(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	int i;

	vaff_require_posting(test);
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	for (i = 0; i < 3; i++)
		vaff_expect_posted_delivery(test);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->host_calls), 0);
}

/* SN set: the interrupt is recorded in PIR but ON and notification stay off. */
static void vaff_posted_sn_suppresses(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	unsigned int pin;

	vaff_require_posting(test);
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	pi_set_sn(c->desc);
	pin = vaff_pin_count(c->notify_cpu);

	vaff_raise(c);
	KUNIT_EXPECT_TRUE(test, vaff_wait_pir(c->desc));
	msleep(VAFF_SETTLE_MS);
	KUNIT_EXPECT_FALSE(test, pi_test_on(c->desc));
	KUNIT_EXPECT_EQ(test, vaff_pin_count(c->notify_cpu), pin);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->host_calls), 0);

	/* Unsuppressed again, postings notify as before. */
	pi_clear_sn(c->desc);
	KUNIT_EXPECT_TRUE(test, vaff_consume(c->desc));
	vaff_expect_posted_delivery(test);
}

/**
 * vaff_revert_after_moves() - Move the host affinity while posted, revert
 * @test: the test
 * @gap_ms: pause after each move, to let the vector cleanup finish
 *
 * Sets the host affinity to every online CPU in turn while the interrupt
 * is posted, then goes back to host delivery and expects the interrupts
 * on the CPU set last.  Without a gap, a move follows the previous one
 * before its vector cleanup ran, so the vector domain defers it (the
 * genirq move-pending state); the rounds are repeated until that
 * happens, as a timer tick can complete the cleanup in between.
 */
static void vaff_revert_after_moves(struct kunit *test, unsigned int gap_ms)
{
	struct vaff_ctx *c = test->priv;
	struct irq_data *d = irq_get_irq_data(c->irq);
	unsigned int cpu, target = 0, tries = 0;

	vaff_require_posting(test);
	if (num_online_cpus() < 2)
		kunit_skip(test, "needs two CPUs to move the interrupt");
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);

	do {
		/* Start away from the first CPU so that every step is a move. */
		KUNIT_ASSERT_EQ(test, irq_set_affinity(c->irq,
						       cpumask_of(cpumask_last(cpu_online_mask))),
				0);
		msleep(VAFF_SETTLE_MS);
		for_each_online_cpu(cpu) {
			KUNIT_ASSERT_EQ(test, irq_set_affinity(c->irq,
							       cpumask_of(cpu)),
					0);
			target = cpu;
			if (gap_ms)
				msleep(gap_ms);
		}
	} while (!gap_ms && !irqd_is_setaffinity_pending(d) &&
		 ++tries < VAFF_DEFER_TRIES);
	KUNIT_ASSERT_EQ_MSG(test, irqd_is_setaffinity_pending(d), !gap_ms,
			    "move pending after %u rounds", tries + 1);

	/* Posting goes on; by its end the first move's cleanup has run. */
	vaff_expect_posted_irte(test, __pa(c->desc));
	vaff_expect_posted_delivery(test);

	KUNIT_ASSERT_EQ(test, vaff_unpost(c), 0);
	if (!gap_ms) {
		int start = atomic_read(&c->host_calls);

		/*
		 * Genirq applies the deferred move when the next host
		 * interrupt is acknowledged; that one still arrives on the
		 * previous target, and none is lost.
		 */
		vaff_raise(c);
		KUNIT_ASSERT_TRUE_MSG(test, vaff_wait_host_calls(c, start + 1),
				      "first interrupt after posting not delivered");
	}
	KUNIT_EXPECT_FALSE(test, irqd_is_setaffinity_pending(d));
	vaff_expect_host_delivery(test, target);
	vaff_expect_remapped_irte(test);
	KUNIT_EXPECT_FALSE(test, vaff_pir_pending(c->desc));
}

/* Back to host delivery uses the host affinity set last while posted. */
static void vaff_revert_follows_host_affinity(struct kunit *test)
{
	vaff_revert_after_moves(test, VAFF_SETTLE_MS);
}

/*
 * The same with moves back to back: a move the vector domain defers
 * (-EBUSY while the previous vector is being cleaned up) stays pending
 * until the next host interrupt, which a posted interrupt never has.
 * After going back to the host, the first interrupt applies it and every
 * later one arrives on the CPU set last (the cost the series does not
 * try to remove: see the README on the dropped genirq patch).
 */
static void vaff_revert_applies_pending_affinity(struct kunit *test)
{
	vaff_revert_after_moves(test, 0);
}

/*
 * Unbinding the driver while posted frees the interrupt while the IRTE is
 * still posted to the "vCPU": INTEL-IR warns on purpose (a VMM must hand
 * the interrupt back before freeing it) and clears the entry.
 */
static void vaff_teardown_while_posted(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	struct irte irte;

	vaff_require_posting(test);
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	vaff_expect_posted_delivery(test);

	kunit_warning_suppress(test) {
		vaff_unbind(c);
		KUNIT_EXPECT_SUPPRESSED_WARNING_COUNT(test, 1);
	}
	vaff_read_irte(c, &irte);
	KUNIT_EXPECT_EQ(test, (u32)irte.p_pst, 0);
	KUNIT_EXPECT_EQ(test, (u32)irte.present, 0);
	c->maybe_posted = false;
}

/**
 * vaff_expect_refused() - Check a refused request leaves host delivery
 * @test: the test
 * @info: the bad request
 *
 * Whatever mode the interrupt was in, a refused posting request returns
 * an error and leaves the IRTE in host mode (what KVM assumes after any
 * error): interrupts reach the host handler and nothing is posted into
 * the test page, neither into the good descriptor nor at the bad address.
 * A bad descriptor address is a caller bug that INTEL-IR reports with one
 * warning, provoked here on purpose.
 */
static void vaff_expect_refused(struct kunit *test,
				struct intel_iommu_pi_data *info)
{
	struct vaff_ctx *c = test->priv;
	void *before;
	int ret;

	before = kunit_kmalloc(test, PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, before);
	vaff_consume(c->desc);
	memcpy(before, c->desc, PAGE_SIZE);
	/* Until shown otherwise, a broken refusal may have left it posted. */
	c->maybe_posted = true;

	kunit_warning_suppress(test) {
		ret = irq_set_vcpu_affinity(c->irq, info);
		KUNIT_EXPECT_SUPPRESSED_WARNING_COUNT(test, 1);
	}
	KUNIT_EXPECT_LT(test, ret, 0);
	vaff_expect_remapped_irte(test);
	vaff_expect_host_delivery(test, -1);
	KUNIT_EXPECT_MEMEQ(test, c->desc, before, PAGE_SIZE);
	c->maybe_posted = false;
}

/**
 * vaff_expect_refused_from_both() - A request refused from host and posted
 * @test: the test
 * @info: the bad request
 */
static void vaff_expect_refused_from_both(struct kunit *test,
					  struct intel_iommu_pi_data *info)
{
	struct vaff_ctx *c = test->priv;

	vaff_expect_refused(test, info);
	if (!vaff_posting_available())
		return;
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	vaff_expect_posted_delivery(test);
	vaff_expect_refused(test, info);
}

/* A descriptor that is not 64-byte aligned is refused. */
static void vaff_rejects_misaligned_desc(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	struct intel_iommu_pi_data bad = {
		/* Truncation would still land inside the test's page. */
		.pi_desc_addr = __pa(c->desc) + 8,
		.vector = VAFF_GUEST_VECTOR,
	};

	vaff_expect_refused_from_both(test, &bad);
}

/*
 * A descriptor at address zero is refused.  (INTEL-IR checks no address
 * width: the architectural bound, the DMAR host address width, is not
 * kept by the kernel.  The guest vector is not checked either: which
 * vectors can be posted is KVM's policy.)
 */
static void vaff_rejects_bad_desc_addr(struct kunit *test)
{
	struct intel_iommu_pi_data zero = { .vector = VAFF_GUEST_VECTOR };

	vaff_expect_refused_from_both(test, &zero);
}

/* Local APIC in-service register, as 256 bits. */
static void vaff_read_isr(void *data)
{
	u32 regs[NR_VECTORS / 32];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regs); i++)
		regs[i] = apic->read(APIC_ISR + i * 0x10);
	bitmap_from_arr32(data, regs, NR_VECTORS);
}

/* Acknowledge what is in service: repair after a stale ISR bit. */
static void vaff_eoi_all(void *data)
{
	DECLARE_BITMAP(isr, NR_VECTORS);
	unsigned int i;

	for (i = 0; i < 8; i++) {
		vaff_read_isr(isr);
		if (bitmap_empty(isr, NR_VECTORS))
			break;
		apic->eoi();
	}
}

/*
 * irq_inject_interrupt(), which is what writing "trigger" to
 * /sys/kernel/debug/irq/irqs/N calls, retriggers the interrupt through
 * the vector domain: an IPI with the host vector to the target CPU.  The
 * host handler must run there once and leave nothing in the local APIC's
 * in-service register; a stale bit would block every interrupt of lower
 * priority on that CPU.  With intremap=posted_msi the vector arrives
 * outside the posted-MSI handler, so INTEL-IR-POST's ack must EOI it
 * (fixed by "x86/msi: Make irq_retrigger() functional for posted MSI").
 */
static void vaff_retrigger_leaves_no_stale_isr(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	DECLARE_BITMAP(isr, NR_VECTORS);
	unsigned int vector, cpu, i;
	int calls;

	kunit_info(test, "host delivery: %s\n", vaff_host_posted_msi(c) ?
		   "posted MSI (INTEL-IR-POST)" : "remapped (INTEL-IR)");
	for (i = 0; i < 3; i++) {
		vaff_host_target(c, &vector, &cpu);
		calls = atomic_read(&c->host_calls);
		KUNIT_ASSERT_EQ(test, irq_inject_interrupt(c->irq), 0);
		KUNIT_ASSERT_TRUE_MSG(test, vaff_wait_host_calls(c, calls + 1),
				      "retriggered interrupt not handled");
		KUNIT_EXPECT_EQ(test, atomic_read(&c->last_cpu), cpu);

		/* The IPI used to look is acknowledged before it calls us. */
		smp_call_function_single(cpu, vaff_read_isr, isr, 1);
		__clear_bit(CALL_FUNCTION_SINGLE_VECTOR, isr);
		KUNIT_EXPECT_FALSE_MSG(test, test_bit(vector, isr),
				       "vector 0x%x stale in the ISR of CPU %u",
				       vector, cpu);
		KUNIT_EXPECT_TRUE_MSG(test, bitmap_empty(isr, NR_VECTORS),
				      "ISR of CPU %u not empty: %*pbl", cpu,
				      NR_VECTORS, isr);
		if (!bitmap_empty(isr, NR_VECTORS)) {
			smp_call_function_single(cpu, vaff_eoi_all, NULL, 1);
			return;
		}
	}
	/* Normal delivery still works afterwards. */
	vaff_expect_host_delivery(test, -1);
}

struct vaff_switcher {
	struct vaff_ctx *c;
	bool posting;
	unsigned long switches;
	unsigned long affinity_changes;
	unsigned long affinity_deferred;
	unsigned long errors;
};

static bool vaff_switcher_done(struct vaff_switcher *s)
{
	return READ_ONCE(s->affinity_changes) >= VAFF_ACCT_MIN_SWITCHES &&
	       (!s->posting ||
		READ_ONCE(s->switches) >= VAFF_ACCT_MIN_SWITCHES);
}

/*
 * Runs on a CPU other than the one raising interrupts and alternates
 * posted and host delivery while also moving the host affinity between
 * the online CPUs, until stopped.
 */
static int vaff_switcher_fn(void *data)
{
	struct vaff_switcher *s = data;
	struct vaff_ctx *c = s->c;
	struct irq_data *d = irq_get_irq_data(c->irq);
	unsigned int cpu = cpumask_first(cpu_online_mask);
	bool posted = false;

	while (!kthread_should_stop()) {
		if (s->posting) {
			posted = !posted;
			if (irq_set_vcpu_affinity(c->irq,
						  posted ? &c->pi : NULL))
				s->errors++;
			else
				s->switches++;
		}
		cpu = cpumask_next(cpu, cpu_online_mask);
		if (cpu >= nr_cpu_ids)
			cpu = cpumask_first(cpu_online_mask);
		if (irq_set_affinity(c->irq, cpumask_of(cpu)))
			s->errors++;
		else
			s->affinity_changes++;
		if (!cpumask_test_cpu(cpu, irq_data_get_effective_affinity_mask(d)))
			s->affinity_deferred++;
		usleep_range(50, 100);
	}
	if (posted && irq_set_vcpu_affinity(c->irq, NULL))
		s->errors++;
	return 0;
}

/*
 * Raise one interrupt and wait until it arrived at the host handler or as
 * a PIR bit (taken out and counted in @posted); count a wait that timed
 * out in @lost. Host calls are counted by the caller at the end.
 */
static void vaff_raise_counted(struct vaff_ctx *c, unsigned long *posted,
			       unsigned long *lost)
{
	int host = atomic_read(&c->host_calls), now;

	vaff_raise(c);
	if (read_poll_timeout_atomic(atomic_read, now,
				     now > host || vaff_pir_pending(c->desc),
				     1, VAFF_TIMEOUT_US, false, &c->host_calls))
		(*lost)++;
	else if (vaff_consume(c->desc))
		(*posted)++;
}

/*
 * Every raised interrupt is seen exactly once, either by the host
 * handler or as a PIR bit, while another CPU keeps switching the
 * delivery mode and the host affinity.
 */
static void vaff_accounting(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	struct vaff_switcher s = { .c = c, .posting = vaff_posting_available() };
	unsigned long posted = 0, lost = 0, raised;
	struct task_struct *task;
	unsigned int self;
	int host_start, host;
	ktime_t start;

	if (num_online_cpus() < 2)
		kunit_skip(test, "needs a second CPU for the switcher");
	if (!s.posting)
		kunit_info(test, "no CAP.PI: checking host affinity changes only\n");

	/* Keep the raiser on one CPU and the switcher on another. */
	migrate_disable();
	self = smp_processor_id();

	/* Notify the raiser's CPU, which is busy anyway, not the switcher's. */
	c->notify_cpu = self;
	vaff_init_desc(c->desc, c->notify_cpu);
	c->pi.pi_desc_addr = __pa(c->desc);
	c->pi.vector = VAFF_GUEST_VECTOR;
	c->maybe_posted = s.posting;
	task = kthread_create(vaff_switcher_fn, &s, "vaff-switcher");
	if (IS_ERR(task)) {
		migrate_enable();
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	}
	kthread_bind(task, cpumask_any_but(cpu_online_mask, self));
	wake_up_process(task);

	start = ktime_get();
	host_start = atomic_read(&c->host_calls);
	raised = 0;
	while (raised < VAFF_ACCT_INTS ||
	       (!vaff_switcher_done(&s) && raised < 10 * VAFF_ACCT_INTS)) {
		vaff_raise_counted(c, &posted, &lost);
		raised++;
		if (lost > 10)
			break;
		if (!(raised % 1024))
			cond_resched();
	}
	kthread_stop(task);
	migrate_enable();

	/* Anything in flight lands before the counters are read. */
	msleep(VAFF_SETTLE_MS);
	if (vaff_consume(c->desc))
		posted++;
	host = atomic_read(&c->host_calls) - host_start;

	kunit_info(test,
		   "raised %lu host %d posted %lu lost-waits %lu switches %lu affinity %lu (deferred %lu) errors %lu in %lld ms\n",
		   raised, host, posted, lost, s.switches, s.affinity_changes,
		   s.affinity_deferred, s.errors,
		   ktime_ms_delta(ktime_get(), start));

	KUNIT_EXPECT_EQ(test, lost, 0);
	KUNIT_EXPECT_EQ(test, raised, host + posted);
	KUNIT_EXPECT_EQ(test, s.errors, 0);
	KUNIT_EXPECT_GE(test, s.affinity_changes, VAFF_ACCT_MIN_SWITCHES);
	if (s.posting) {
		KUNIT_EXPECT_GE(test, s.switches, VAFF_ACCT_MIN_SWITCHES);
		KUNIT_EXPECT_GT(test, posted, 0);
	}
	KUNIT_EXPECT_GT(test, host, 0);
	c->maybe_posted = false;
}

static int vaff_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static u64 vaff_median(u64 *v, size_t n)
{
	sort(v, n, sizeof(*v), vaff_cmp_u64, NULL);
	return v[n / 2];
}

/* Print postings per notification for one burst size. */
static void vaff_bench_coalescing(struct kunit *test, unsigned int burst)
{
	struct vaff_ctx *c = test->priv;
	unsigned int rounds = burst >= 1000 ? 5 : 20;
	unsigned int i, j, pin, notes = 0;

	for (i = 0; i < rounds; i++) {
		pin = vaff_pin_count(c->notify_cpu);
		for (j = 0; j < burst; j++)
			vaff_raise(c);
		vaff_wait_pin(c->notify_cpu, pin);
		usleep_range(100, 200);
		notes += vaff_pin_count(c->notify_cpu) - pin;
		vaff_consume(c->desc);
	}
	KUNIT_EXPECT_GT(test, notes, 0);
	if (notes)
		kunit_info(test, "burst %u: %u posted / %u notifications = %u.%02u\n",
			   burst, burst * rounds, notes,
			   burst * rounds / notes,
			   burst * rounds * 100 / notes % 100);
}

/*
 * Benchmark, printed and not asserted: coalescing ratio per burst size
 * and the cost of one posted<->remapped switch relative to
 * irq_set_affinity().
 */
static void vaff_benchmark(struct kunit *test)
{
	static const unsigned int bursts[] = { 1, 10, 100, 1000 };
	struct vaff_ctx *c = test->priv;
	struct irq_data *d = irq_get_irq_data(c->irq);
	unsigned int i, cpu, cpu0, cpu1, moved = 0;
	u64 *t_sw, *t_aff, sw, aff, elapsed;
	int calls;
	ktime_t t;

	vaff_require_posting(test);
	t_sw = kunit_kcalloc(test, VAFF_BENCH_SAMPLES, sizeof(*t_sw), GFP_KERNEL);
	t_aff = kunit_kcalloc(test, VAFF_BENCH_SAMPLES, sizeof(*t_aff), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t_sw);
	KUNIT_ASSERT_NOT_NULL(test, t_aff);

	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	for (i = 0; i < ARRAY_SIZE(bursts); i++)
		vaff_bench_coalescing(test, bursts[i]);

	for (i = 0; i < VAFF_BENCH_SAMPLES; i++) {
		t = ktime_get();
		KUNIT_ASSERT_EQ(test, irq_set_vcpu_affinity(c->irq, (i & 1) ?
							    &c->pi : NULL), 0);
		t_sw[i] = ktime_to_ns(ktime_sub(ktime_get(), t));
	}
	KUNIT_ASSERT_EQ(test, vaff_unpost(c), 0);

	cpu0 = cpumask_first(cpu_online_mask);
	cpu1 = cpumask_last(cpu_online_mask);
	/*
	 * Time only the calls that moved the vector.  A call made while the
	 * old vector still awaits cleanup just records a pending move; an
	 * interrupt after each call completes such a move, like traffic would.
	 */
	for (i = 0; i < VAFF_BENCH_SAMPLES; i++) {
		cpu = (i & 1) ? cpu1 : cpu0;
		t = ktime_get();
		KUNIT_ASSERT_EQ(test, irq_set_affinity(c->irq, cpumask_of(cpu)),
				0);
		elapsed = ktime_to_ns(ktime_sub(ktime_get(), t));
		if (cpumask_test_cpu(cpu, irq_data_get_effective_affinity_mask(d)))
			t_aff[moved++] = elapsed;
		calls = atomic_read(&c->host_calls);
		vaff_raise(c);
		KUNIT_ASSERT_TRUE(test, vaff_wait_host_calls(c, calls + 1));
		/* Let the old vector's cleanup timer run before the next move. */
		usleep_range(8000, 10000);
	}
	KUNIT_ASSERT_GT(test, moved, 0);

	sw = vaff_median(t_sw, VAFF_BENCH_SAMPLES);
	aff = max(vaff_median(t_aff, moved), 1ULL);
	kunit_info(test, "switch median %llu ns, irq_set_affinity median %llu ns (%u of %u calls moved), ratio %llu.%03llu\n",
		   sw, aff, moved, VAFF_BENCH_SAMPLES, div64_u64(sw, aff),
		   div64_u64(sw * 1000, aff) % 1000);
}

/* The four ways an edu register write is timed by vaff_bench_cycles. */
enum vaff_cycle_mode {
	VAFF_CYC_EMPTY,		/* no write: the cost of timing itself */
	VAFF_CYC_MMIO,		/* liveness register: no interrupt at all */
	VAFF_CYC_HOST,		/* raise, delivered to the host (remapped) */
	VAFF_CYC_NOTIFY,	/* raise, posted; ON clear, so it notifies */
	VAFF_CYC_COALESCED,	/* raise, posted; ON already set */
	VAFF_CYC_MAX,
};

struct vaff_cycles {
	struct vaff_ctx *c;
	u64 *t;
	u64 *tm;			/* the paired plain writes */
	u64 median[VAFF_CYC_MAX];
	u64 mmio[VAFF_CYC_MAX];		/* median of the paired plain writes */
};

/*
 * Time VAFF_BENCH_SAMPLES single writes in @mode, with interrupts off
 * so that only the write is timed: QEMU remaps or posts an edu MSI
 * synchronously in the writing vCPU, and the interrupt it makes pending
 * is taken after the second get_cycles().  Each sample is paired with a
 * plain write timed right after it, so that a ratio compares writes made
 * under the same conditions: under TCG on a shared host, whole runs of
 * samples can be slower than others.
 */
static void vaff_time_writes(struct vaff_cycles *w, enum vaff_cycle_mode mode)
{
	struct vaff_ctx *c = w->c;
	unsigned int reg = EDU_REG_IRQ_RAISE;
	u32 val = EDU_IRQ_TEST_BIT;
	unsigned long flags;
	unsigned int i;
	cycles_t t0;

	if (mode == VAFF_CYC_MMIO) {
		reg = EDU_REG_LIVENESS;
		val = 0;
	}
	for (i = 0; i < VAFF_BENCH_SAMPLES; i++) {
		if (mode == VAFF_CYC_NOTIFY)
			vaff_consume(c->desc);
		local_irq_save(flags);
		t0 = get_cycles();
		if (mode != VAFF_CYC_EMPTY)
			writel(val, c->regs + reg);
		w->t[i] = get_cycles() - t0;
		t0 = get_cycles();
		if (mode != VAFF_CYC_EMPTY)
			writel(0, c->regs + EDU_REG_LIVENESS);
		w->tm[i] = get_cycles() - t0;
		local_irq_restore(flags);
	}
	w->median[mode] = vaff_median(w->t, VAFF_BENCH_SAMPLES);
	w->mmio[mode] = vaff_median(w->tm, VAFF_BENCH_SAMPLES);
}

static long vaff_time_all(void *data)
{
	struct vaff_cycles *w = data;
	struct vaff_ctx *c = w->c;
	int ret;

	vaff_time_writes(w, VAFF_CYC_EMPTY);
	vaff_time_writes(w, VAFF_CYC_MMIO);
	vaff_time_writes(w, VAFF_CYC_HOST);
	ret = vaff_post(c);
	if (ret)
		return ret;
	vaff_time_writes(w, VAFF_CYC_NOTIFY);
	vaff_consume(c->desc);
	pi_test_and_set_on(c->desc);
	vaff_time_writes(w, VAFF_CYC_COALESCED);
	vaff_consume(c->desc);
	return vaff_unpost(c);
}

/*
 * Benchmark, printed and not asserted: what one edu register write costs
 * the writing vCPU (host TSC cycles under TCG, median) when it raises
 * nothing, when its MSI is remapped to the host, posted with a
 * notification, and posted while ON is set (coalesced: no notification),
 * each with its ratio to the plain writes paired with its samples.
 * Interrupt and notification go to the measuring CPU.  Figures are net
 * of the timing itself (two emulated RDTSCs, measured with no write
 * between them).
 */
static void vaff_bench_cycles(struct kunit *test)
{
	static const char * const names[VAFF_CYC_MAX] = {
		"empty", "mmio", "host", "posted-notify", "posted-coalesced",
	};
	struct vaff_ctx *c = test->priv;
	unsigned int cpu = c->notify_cpu;
	struct vaff_cycles w = { .c = c };
	u64 base[VAFF_CYC_MAX], empty;
	int calls, i;

	vaff_require_posting(test);
	w.t = kunit_kcalloc(test, VAFF_BENCH_SAMPLES, sizeof(*w.t), GFP_KERNEL);
	w.tm = kunit_kcalloc(test, VAFF_BENCH_SAMPLES, sizeof(*w.tm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w.t);
	KUNIT_ASSERT_NOT_NULL(test, w.tm);

	/* Host delivery to the measuring CPU; an interrupt completes the move. */
	KUNIT_ASSERT_EQ(test, irq_set_affinity(c->irq, cpumask_of(cpu)), 0);
	calls = atomic_read(&c->host_calls);
	vaff_raise(c);
	KUNIT_ASSERT_TRUE(test, vaff_wait_host_calls(c, calls + 1));

	KUNIT_ASSERT_EQ(test, work_on_cpu(cpu, vaff_time_all, &w), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->last_cpu), cpu);

	empty = w.median[VAFF_CYC_EMPTY];
	kunit_info(test, "bench: cycles mode=empty median=%llu (subtracted below)\n",
		   empty);
	for (i = VAFF_CYC_MMIO; i < VAFF_CYC_MAX; i++) {
		w.median[i] = w.median[i] > empty ? w.median[i] - empty : 0;
		w.mmio[i] = w.mmio[i] > empty ? w.mmio[i] - empty : 0;
		base[i] = max(w.mmio[i], 1ULL);
	}
	for (i = VAFF_CYC_MMIO; i < VAFF_CYC_MAX; i++)
		kunit_info(test, "bench: cycles mode=%s host=%s net=%llu paired_mmio=%llu ratio_to_mmio=%llu.%02llu\n",
			   names[i], vaff_host_posted_msi(c) ? "posted-msi" : "remapped",
			   w.median[i], w.mmio[i], div64_u64(w.median[i], base[i]),
			   div64_u64(w.median[i] * 100, base[i]) % 100);
	kunit_info(test, "bench: cycles coalesced/mmio=%llu.%02llu host/coalesced=%llu.%02llu\n",
		   div64_u64(w.median[VAFF_CYC_COALESCED], base[VAFF_CYC_COALESCED]),
		   div64_u64(w.median[VAFF_CYC_COALESCED] * 100,
			     base[VAFF_CYC_COALESCED]) % 100,
		   div64_u64(w.median[VAFF_CYC_HOST],
			     max(w.median[VAFF_CYC_COALESCED], 1ULL)),
		   div64_u64(w.median[VAFF_CYC_HOST] * 100,
			     max(w.median[VAFF_CYC_COALESCED], 1ULL)) % 100);
}

enum vaff_pattern {
	VAFF_PAT_NULL_REMAPPED,
	VAFF_PAT_AFFINITY_SAME,
	VAFF_PAT_IDENTICAL_POST,
	VAFF_PAT_ALTERNATING,
	VAFF_PAT_AFFINITY_SAME_POSTED,
	VAFF_PAT_MAX,
};

static const char * const vaff_pattern_names[VAFF_PAT_MAX] = {
	[VAFF_PAT_NULL_REMAPPED]	= "null-on-remapped",
	[VAFF_PAT_AFFINITY_SAME]	= "host-affinity-same-target",
	[VAFF_PAT_IDENTICAL_POST]	= "identical-posting",
	[VAFF_PAT_ALTERNATING]		= "alternating-post-null",
	[VAFF_PAT_AFFINITY_SAME_POSTED]	= "host-affinity-while-posted",
};

/* Fewest IRTE writes each pattern needs. */
static unsigned int vaff_pattern_goal(enum vaff_pattern p, unsigned int n)
{
	return p == VAFF_PAT_ALTERNATING ? n : 0;
}

/* One request of a pattern; returns the result of the call. */
static int vaff_pattern_call(struct vaff_ctx *c, enum vaff_pattern p,
			     unsigned int i, unsigned int cpu)
{
	switch (p) {
	case VAFF_PAT_NULL_REMAPPED:
		return irq_set_vcpu_affinity(c->irq, NULL);
	case VAFF_PAT_AFFINITY_SAME:
	case VAFF_PAT_AFFINITY_SAME_POSTED:
		return irq_set_affinity(c->irq, cpumask_of(cpu));
	case VAFF_PAT_IDENTICAL_POST:
		return irq_set_vcpu_affinity(c->irq, &c->pi);
	case VAFF_PAT_ALTERNATING:
		return irq_set_vcpu_affinity(c->irq, (i & 1) ? NULL : &c->pi);
	default:
		return -EINVAL;
	}
}

/**
 * vaff_bench_pattern() - Count IRTE changes and IEC flushes of a pattern
 * @test: the test
 * @p: request pattern
 * @n: number of requests
 *
 * Every request is bracketed by two snapshots of the queue tail and of
 * the IRTE: IEC descriptors covering the test IRTE's index are the flushes
 * that follow an IRTE write (the driver flushes after every write); a
 * change of the 128-bit entry is a write that was needed.  The markers
 * let scripts/run-e2e.sh attribute QEMU's vtd_inv_desc_iec trace lines
 * to the pattern.
 */
static void vaff_bench_pattern(struct kunit *test, enum vaff_pattern p,
			       unsigned int n)
{
	struct vaff_ctx *c = test->priv;
	struct vaff_iec iec = {};
	unsigned int i, vector, cpu, changes = 0, errors = 0;
	struct irte before, after;
	u64 *ns;
	ktime_t t;
	u32 tail;

	ns = kunit_kcalloc(test, n, sizeof(*ns), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ns);
	vaff_host_target(c, &vector, &cpu);

	kunit_info(test, "bench-begin %s index %u\n", vaff_pattern_names[p],
		   c->irte_index);
	msleep(200);
	for (i = 0; i < n; i++) {
		vaff_read_irte(c, &before);
		tail = vaff_iq_tail();
		t = ktime_get();
		if (vaff_pattern_call(c, p, i, cpu))
			errors++;
		ns[i] = ktime_to_ns(ktime_sub(ktime_get(), t));
		vaff_count_iec(tail, vaff_iq_tail(), c->irte_index, &iec);
		vaff_read_irte(c, &after);
		if (before.low != after.low || before.high != after.high)
			changes++;
	}
	msleep(200);
	kunit_info(test, "bench-end %s\n", vaff_pattern_names[p]);
	kunit_info(test,
		   "bench: pattern=%s calls=%u irte_changes=%u iec_flushes=%u global_iec=%u goal_writes=%u median_ns=%llu errors=%u\n",
		   vaff_pattern_names[p], n, changes, iec.indexed, iec.global,
		   vaff_pattern_goal(p, n), vaff_median(ns, n), errors);
	/* The console may lag: keep the next request out of the window. */
	msleep(200);

	KUNIT_EXPECT_EQ(test, errors, 0);
	/* Never an IRTE change without its flush, whatever was skipped. */
	KUNIT_EXPECT_GE(test, iec.indexed + iec.global, changes);
	if (p == VAFF_PAT_ALTERNATING)
		KUNIT_EXPECT_EQ(test, changes, n);
	else
		KUNIT_EXPECT_EQ(test, changes, 0);
}

/*
 * Benchmark of redundant IRTE writes: how many IEC flushes (each after an
 * IRTE write) the request patterns KVM and the host produce cost, against
 * the fewest writes the pattern needs.
 */
static void vaff_bench_irte_writes(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	unsigned int n = clamp(bench_calls, 2U, 1000U) & ~1U;

	KUNIT_ASSERT_NOT_NULL(test, vaff_ir.queue);
	vaff_bench_pattern(test, VAFF_PAT_NULL_REMAPPED, n);
	vaff_bench_pattern(test, VAFF_PAT_AFFINITY_SAME, n);
	if (!vaff_posting_available()) {
		kunit_info(test, "no CAP.PI: posting patterns not run\n");
		return;
	}
	KUNIT_ASSERT_EQ(test, vaff_post(c), 0);
	vaff_bench_pattern(test, VAFF_PAT_IDENTICAL_POST, n);
	vaff_bench_pattern(test, VAFF_PAT_AFFINITY_SAME_POSTED, n);
	/* From host delivery: post, NULL, ..., back on the host. */
	KUNIT_ASSERT_EQ(test, vaff_unpost(c), 0);
	c->maybe_posted = true;
	vaff_bench_pattern(test, VAFF_PAT_ALTERNATING, n);
}

/* The soak gives up after this long, whatever it reached. */
#define VAFF_SOAK_MAX_MS	(40 * 60 * 1000)

struct vaff_soaker {
	struct vaff_ctx *c;
	unsigned int raiser;	/* the CPU raising interrupts */
	unsigned int hot;	/* notification and affinity target, hotplugged */
	bool posting;
	unsigned long switches;
	unsigned long hotplugs;
	unsigned long affinity_changes;
	unsigned long errors;
	int first_error;
};

static void vaff_soak_error(struct vaff_soaker *s, int err)
{
	if (!s->errors++)
		s->first_error = err;
}

static bool vaff_soaker_done(struct vaff_soaker *s)
{
	return READ_ONCE(s->hotplugs) >= soak_hotplug &&
	       (!s->posting || READ_ONCE(s->switches) >= soak_switches);
}

/*
 * Point the descriptor's notifications at @cpu while the IOMMU may be
 * posting, as KVM does when a vCPU's thread moves: one cmpxchg of the
 * control word, so that ON and SN set meanwhile are kept.
 */
static void vaff_move_ndst(struct pi_desc *desc, unsigned int cpu)
{
	u64 old = READ_ONCE(desc->control), new;

	do {
		new = (old & GENMASK_ULL(31, 0)) | (u64)vaff_dest(cpu) << 32;
	} while (!try_cmpxchg(&desc->control, &old, new));
}

/*
 * One offline/online cycle of the hot CPU. Before it goes, the
 * notifications and the host affinity leave it for the soaker's CPU;
 * genirq moves whatever else it had. Afterwards both come back.
 */
static void vaff_soak_hotplug(struct vaff_soaker *s, unsigned int here)
{
	struct vaff_ctx *c = s->c;
	int ret;

	vaff_move_ndst(c->desc, here);
	if (irq_set_affinity(c->irq, cpumask_of(here)))
		vaff_soak_error(s, -EIO);
	ret = remove_cpu(s->hot);
	if (ret) {
		vaff_soak_error(s, ret);
		return;
	}
	ret = add_cpu(s->hot);
	if (ret) {
		vaff_soak_error(s, ret);
		return;
	}
	s->hotplugs++;
	vaff_move_ndst(c->desc, s->hot);
}

/*
 * Runs on a third CPU: switches between posted and host delivery, moves
 * the host affinity between the hot CPU and the raiser's, and every
 * so many switches takes the hot CPU offline and back.
 */
static int vaff_soaker_fn(void *data)
{
	struct vaff_soaker *s = data;
	struct vaff_ctx *c = s->c;
	unsigned int here = smp_processor_id();
	unsigned long every = max(1U, soak_switches / max(1U, soak_hotplug));
	unsigned long i;
	bool posted = false;

	for (i = 1; !kthread_should_stop(); i++) {
		if (s->posting) {
			posted = !posted;
			if (irq_set_vcpu_affinity(c->irq, posted ? &c->pi : NULL))
				vaff_soak_error(s, -EINVAL);
			else
				s->switches++;
		}
		if (irq_set_affinity(c->irq, cpumask_of(i & 1 ? s->hot : s->raiser)))
			vaff_soak_error(s, -EIO);
		else
			s->affinity_changes++;
		if (!(i % every) && s->hotplugs < soak_hotplug)
			vaff_soak_hotplug(s, here);
		usleep_range(50, 100);
	}
	if (posted && irq_set_vcpu_affinity(c->irq, NULL))
		vaff_soak_error(s, -EINVAL);
	return 0;
}

/*
 * The accounting of vaff_accounting at a larger scale, with CPU hotplug:
 * every interrupt raised arrives exactly once, at the host handler or as
 * a PIR bit, while a third CPU switches the delivery mode, moves the host
 * affinity and takes the CPU that is both the notification destination
 * and the host affinity target offline and online again.
 */
static void vaff_soak(struct kunit *test)
{
	struct vaff_ctx *c = test->priv;
	struct vaff_soaker s = { .c = c, .posting = vaff_posting_available() };
	unsigned long posted = 0, lost = 0, raised = 0;
	unsigned int cpu, other = nr_cpu_ids;
	struct task_struct *task;
	int host_start, host;
	ktime_t start;

	if (num_online_cpus() < 3)
		kunit_skip(test, "needs three CPUs: raiser, soaker, hotplugged");
	if (!s.posting)
		kunit_info(test, "no CAP.PI: host delivery with hotplug only\n");

	migrate_disable();
	s.raiser = smp_processor_id();
	s.hot = nr_cpu_ids;
	for_each_online_cpu(cpu) {
		if (cpu == s.raiser)
			continue;
		if (s.hot == nr_cpu_ids && cpu_is_hotpluggable(cpu))
			s.hot = cpu;
		else if (other == nr_cpu_ids)
			other = cpu;
	}
	if (s.hot == nr_cpu_ids || other == nr_cpu_ids) {
		migrate_enable();
		kunit_skip(test, "no hotpluggable CPU apart from the raiser's");
	}

	c->notify_cpu = s.hot;
	vaff_init_desc(c->desc, c->notify_cpu);
	c->pi.pi_desc_addr = __pa(c->desc);
	c->pi.vector = VAFF_GUEST_VECTOR;
	c->maybe_posted = s.posting;
	task = kthread_create(vaff_soaker_fn, &s, "vaff-soaker");
	if (IS_ERR(task)) {
		migrate_enable();
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	}
	kthread_bind(task, other);
	wake_up_process(task);

	start = ktime_get();
	host_start = atomic_read(&c->host_calls);
	while ((raised < soak_ints || !vaff_soaker_done(&s)) &&
	       ktime_ms_delta(ktime_get(), start) < VAFF_SOAK_MAX_MS) {
		vaff_raise_counted(c, &posted, &lost);
		raised++;
		if (lost > 10)
			break;
		/* Let the hotplug's stop_machine() in on this CPU. */
		if (!(raised % 64))
			cond_resched();
	}
	kthread_stop(task);
	migrate_enable();

	msleep(VAFF_SETTLE_MS);
	if (vaff_consume(c->desc))
		posted++;
	host = atomic_read(&c->host_calls) - host_start;

	kunit_info(test,
		   "soak: raised %lu host %d posted %lu lost-waits %lu switches %lu hotplug-cycles %lu affinity %lu errors %lu (first %d) in %lld ms\n",
		   raised, host, posted, lost, s.switches, s.hotplugs,
		   s.affinity_changes, s.errors, s.first_error,
		   ktime_ms_delta(ktime_get(), start));

	KUNIT_EXPECT_EQ(test, lost, 0);
	KUNIT_EXPECT_EQ(test, raised, host + posted);
	KUNIT_EXPECT_EQ(test, s.errors, 0);
	KUNIT_EXPECT_GE(test, raised, soak_ints);
	KUNIT_EXPECT_GE(test, s.hotplugs, soak_hotplug);
	if (s.posting) {
		KUNIT_EXPECT_GE(test, s.switches, soak_switches);
		KUNIT_EXPECT_GT(test, posted, 0);
	}
	KUNIT_EXPECT_GT(test, host, 0);
	c->maybe_posted = false;
}

static struct kunit_case vaff_cases[] = {
	KUNIT_CASE(vaff_remapped_delivery),
	KUNIT_CASE(vaff_posted_coalesces),
	KUNIT_CASE(vaff_posted_renotifies_after_consume),
	KUNIT_CASE(vaff_posted_sn_suppresses),
	KUNIT_CASE(vaff_revert_follows_host_affinity),
	KUNIT_CASE(vaff_revert_applies_pending_affinity),
	KUNIT_CASE(vaff_teardown_while_posted),
	KUNIT_CASE(vaff_rejects_misaligned_desc),
	KUNIT_CASE(vaff_rejects_bad_desc_addr),
	KUNIT_CASE(vaff_retrigger_leaves_no_stale_isr),
	KUNIT_CASE_SLOW(vaff_accounting),
	KUNIT_CASE_SLOW(vaff_benchmark),
	KUNIT_CASE_SLOW(vaff_bench_irte_writes),
	KUNIT_CASE_SLOW(vaff_bench_cycles),
	{}
};

static struct kunit_suite vaff_suite = {
	.name = "intel_ir_edu_e2e",
	.suite_init = vaff_suite_init,
	.suite_exit = vaff_suite_exit,
	.init = vaff_test_init,
	.exit = vaff_test_exit,
	.test_cases = vaff_cases,
};

/*
 * The soak has a suite of its own, so that a run picks it or the other
 * cases with kunit.filter_glob; it needs a third CPU.
 */
static struct kunit_case vaff_soak_cases[] = {
	KUNIT_CASE_ATTR(vaff_soak, { .speed = KUNIT_SPEED_VERY_SLOW }),
	{}
};

static struct kunit_suite vaff_soak_suite = {
	.name = "intel_ir_edu_soak",
	.suite_init = vaff_suite_init,
	.suite_exit = vaff_suite_exit,
	.init = vaff_test_init,
	.exit = vaff_test_exit,
	.test_cases = vaff_soak_cases,
};

kunit_test_suites(&vaff_suite, &vaff_soak_suite);

MODULE_DESCRIPTION("End-to-end test of posting edu MSIs through INTEL-IR");
MODULE_LICENSE("GPL");
