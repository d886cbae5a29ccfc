// SPDX-License-Identifier: GPL-2.0-only
/*
 * vaff_race - race tests for QEMU's emulated VT-d posted interrupts, run in
 * a Linux guest under TCG with MTTCG (scripts/run-race.sh).  Project test
 * code, not for upstream.
 *
 * Both tests use QEMU's edu device (1234:11e8): one write to its raise
 * register sends one MSI, which QEMU remaps (or posts) synchronously in the
 * writing vCPU.  A "firer" kthread raises as fast as it can on one CPU
 * while a "mover" kthread changes what the interrupt hits on another CPU.
 *
 * race2 (torn IRTE read; QEMU fix "Read interrupt remapping table entries
 * atomically")
 *   The mover flips the edu MSI's IRTE between remapped and posted with
 *   irq_set_vcpu_affinity(irq, &pi_data) / (irq, NULL); INTEL-IR rewrites
 *   a posted IRTE with one 16-byte cmpxchg.  The descriptor is at
 *   race2_pa >= 4 GiB, so a torn read (low quadword of one entry, high of
 *   the other) posts into the block at lower_32_bits(race2_pa) instead:
 *   both blocks are memory the test owns (memmap= reserved, memremap()ed),
 *   both have SN set so nothing notifies, and after every raise the firer
 *   drains both PIRs.  A PIR bit in the low block is a torn delivery.
 *
 * race1 (NV/NDST snapshot; QEMU fix "x-posted-intr" posting with one
 *   64-bit cmpxchg of the control quadword)
 *   The IRTE stays posted.  The mover switches the descriptor's control
 *   quadword between {NV = POSTED_INTR_VECTOR, NDST = cpu_a} and
 *   {NV = POSTED_INTR_WAKEUP_VECTOR, NDST = cpu_b} with one cmpxchg64, as
 *   KVM does; the firer clears ON and PIR after every raise so that every
 *   raise notifies.  A notification uses NV and NDST of one descriptor
 *   value, so POSTED_INTR_VECTOR can only reach cpu_a and the wakeup
 *   vector only cpu_b: the kernel's per-CPU counts of both vectors
 *   (irq_stat, CONFIG_KVM) on the wrong CPU are misdirected deliveries.
 *
 * Output (console): "vaff_race: <test> key=value ..." result lines, parsed
 * by scripts/run-race.sh.
 *
 * Parameters
 *   duration_ms=N  run time of each test (default 20000)
 *   race2_pa=ADDR  physical address (>= 4 GiB, 64-byte aligned) of the
 *                  race2 descriptor; ADDR and lower_32_bits(ADDR) must be
 *                  reserved RAM (memmap=4K$ADDR); 0 skips race2
 *   tests=MASK     bit 0: race1, bit 1: race2 (default 3)
 */

#include <linux/bitops.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/apic.h>
#include <asm/hardirq.h>
#include <asm/irq_remapping.h>
#include <asm/irq_vectors.h>
#include <asm/posted_intr.h>

#if !IS_ENABLED(CONFIG_KVM)
#error "the posted-interrupt vectors and their counters need CONFIG_KVM"
#endif

#define EDU_VENDOR_ID		0x1234
#define EDU_DEVICE_ID		0x11e8
#define EDU_REG_IRQ_STATUS	0x24
#define EDU_REG_IRQ_RAISE	0x60
#define EDU_REG_IRQ_ACK		0x64
#define EDU_IRQ_TEST_BIT	0x100

/* Virtual vector of the posted IRTE */
#define RACE_VV			0x51

static unsigned int duration_ms = 20000;
module_param(duration_ms, uint, 0444);
MODULE_PARM_DESC(duration_ms, "run time of each test in ms");
static unsigned long long race2_pa;
module_param(race2_pa, ullong, 0444);
MODULE_PARM_DESC(race2_pa, "reserved descriptor address >= 4 GiB for race2");
static unsigned int tests = 3;
module_param(tests, uint, 0444);
MODULE_PARM_DESC(tests, "bit 0: race1, bit 1: race2");

struct race {
	struct pci_dev *pdev;
	void __iomem *regs;
	unsigned int irq;
	atomic_long_t host;		/* host handler calls */
	bool stop;
	struct completion firer_done, mover_done;
	ktime_t end;
	/* race1 */
	struct pi_desc *desc;
	u64 ctl_a, ctl_b;
	unsigned int cpu_a, cpu_b;
	/* race2 */
	struct pi_desc *hi, *lo;
	struct intel_iommu_pi_data pi;
	/* results */
	unsigned long raises, moves, move_errors;
	unsigned long posted, torn, notified;
};

static u32 race_dest(unsigned int cpu)
{
	u32 apicid = cpu_physical_id(cpu);

	return x2apic_mode ? apicid : (apicid << 8) & 0xff00;
}

static unsigned int race_count(unsigned int cpu, int which)
{
	return READ_ONCE(per_cpu(irq_stat, cpu).counts[which]);
}

static irqreturn_t race_handler(int irq, void *data)
{
	struct race *r = data;
	u32 status = readl(r->regs + EDU_REG_IRQ_STATUS);

	writel(status, r->regs + EDU_REG_IRQ_ACK);
	atomic_long_inc(&r->host);
	return IRQ_HANDLED;
}

/* One MSI; the read flushes the write, so QEMU has posted it on return. */
static void race_raise(struct race *r)
{
	writel(EDU_IRQ_TEST_BIT, r->regs + EDU_REG_IRQ_RAISE);
	readl(r->regs + EDU_REG_IRQ_STATUS);
	r->raises++;
}

/* Take and clear PIR bit RACE_VV of @d: whether a post landed there. */
static bool race_drain(struct pi_desc *d)
{
	return xchg(&d->pir[RACE_VV / BITS_PER_LONG], 0) != 0;
}

static bool race_over(struct race *r)
{
	return READ_ONCE(r->stop) || ktime_after(ktime_get(), r->end);
}

static int race2_firer(void *data)
{
	struct race *r = data;

	while (!race_over(r)) {
		race_raise(r);
		if (race_drain(r->lo))
			r->torn++;
		if (race_drain(r->hi))
			r->posted++;
		if (!(r->raises & 1023))
			cond_resched();
	}
	WRITE_ONCE(r->stop, true);
	complete(&r->firer_done);
	return 0;
}

static int race2_mover(void *data)
{
	struct race *r = data;

	while (!race_over(r)) {
		if (irq_set_vcpu_affinity(r->irq, &r->pi))
			r->move_errors++;
		if (irq_set_vcpu_affinity(r->irq, NULL))
			r->move_errors++;
		r->moves += 2;
		if (!(r->moves & 255))
			cond_resched();
	}
	WRITE_ONCE(r->stop, true);
	complete(&r->mover_done);
	return 0;
}

static int race1_firer(void *data)
{
	struct race *r = data;

	while (!race_over(r)) {
		race_raise(r);
		/* Consume like a VMM: ON first, then PIR */
		if (test_and_clear_bit(POSTED_INTR_ON,
				       (unsigned long *)&r->desc->control))
			r->notified++;
		if (race_drain(r->desc))
			r->posted++;
		if (!(r->raises & 1023))
			cond_resched();
	}
	WRITE_ONCE(r->stop, true);
	complete(&r->firer_done);
	return 0;
}

static int race1_mover(void *data)
{
	struct race *r = data;
	u64 mask = r->ctl_a ^ r->ctl_b;

	while (!race_over(r)) {
		u64 old = READ_ONCE(r->desc->control);
		u64 new = old ^ mask;

		if (try_cmpxchg64(&r->desc->control, &old, new))
			r->moves++;
		if (!(r->moves & 1023))
			cond_resched();
	}
	WRITE_ONCE(r->stop, true);
	complete(&r->mover_done);
	return 0;
}

static int race_run(struct race *r, int (*firer)(void *), int (*mover)(void *),
		    unsigned int fcpu, unsigned int mcpu)
{
	struct task_struct *f, *m;

	r->stop = false;
	r->raises = r->moves = r->move_errors = 0;
	r->posted = r->torn = r->notified = 0;
	atomic_long_set(&r->host, 0);
	init_completion(&r->firer_done);
	init_completion(&r->mover_done);
	r->end = ktime_add_ms(ktime_get(), duration_ms);

	f = kthread_create(firer, r, "vaff-firer");
	if (IS_ERR(f))
		return PTR_ERR(f);
	m = kthread_create(mover, r, "vaff-mover");
	if (IS_ERR(m)) {
		kthread_stop(f);
		return PTR_ERR(m);
	}
	kthread_bind(f, fcpu);
	kthread_bind(m, mcpu);
	wake_up_process(m);
	wake_up_process(f);
	wait_for_completion(&r->firer_done);
	wait_for_completion(&r->mover_done);
	/* Let the last host interrupts arrive */
	msleep(100);
	return 0;
}

static void race_pid_control(struct race *r, unsigned int fcpu,
			     unsigned int mcpu)
{
	unsigned int pa0, pa1, wa0, wa1, pb0, pb1, wb0, wb1;
	int ret;

	r->desc = kzalloc_obj(*r->desc, GFP_KERNEL);
	if (!r->desc)
		return;
	/* Two idle CPUs receive the notifications */
	r->cpu_a = 0;
	r->cpu_b = 1;
	r->desc->nv = POSTED_INTR_VECTOR;
	r->desc->ndst = race_dest(r->cpu_a);
	r->ctl_a = r->desc->control;
	r->desc->nv = POSTED_INTR_WAKEUP_VECTOR;
	r->desc->ndst = race_dest(r->cpu_b);
	r->ctl_b = r->desc->control;
	r->desc->control = r->ctl_a;

	r->pi.pi_desc_addr = virt_to_phys(r->desc);
	r->pi.vector = RACE_VV;
	ret = irq_set_vcpu_affinity(r->irq, &r->pi);
	if (ret) {
		pr_info("vaff_race: race1 error=%d (irq_set_vcpu_affinity)\n", ret);
		goto out;
	}

	pa0 = race_count(r->cpu_a, IRQ_COUNT_POSTED_INTR);
	wa0 = race_count(r->cpu_a, IRQ_COUNT_POSTED_INTR_WAKEUP);
	pb0 = race_count(r->cpu_b, IRQ_COUNT_POSTED_INTR);
	wb0 = race_count(r->cpu_b, IRQ_COUNT_POSTED_INTR_WAKEUP);
	ret = race_run(r, race1_firer, race1_mover, fcpu, mcpu);
	pa1 = race_count(r->cpu_a, IRQ_COUNT_POSTED_INTR);
	wa1 = race_count(r->cpu_a, IRQ_COUNT_POSTED_INTR_WAKEUP);
	pb1 = race_count(r->cpu_b, IRQ_COUNT_POSTED_INTR);
	wb1 = race_count(r->cpu_b, IRQ_COUNT_POSTED_INTR_WAKEUP);
	irq_set_vcpu_affinity(r->irq, NULL);
	if (ret) {
		pr_info("vaff_race: race1 error=%d (kthread)\n", ret);
		goto out;
	}
	/*
	 * right: vector A handled on cpu A, B on B; misdirected: the other
	 * two.  Notifications that meet a pending vector merge, so these
	 * count handled interrupts, fewer than notifications sent.
	 */
	pr_info("vaff_race: race1 raises=%lu moves=%lu notified=%lu posted=%lu host=%ld right=%u misdirected=%u pin_on_b=%u wakeup_on_a=%u apicid_a=%u apicid_b=%u\n",
		r->raises, r->moves, r->notified, r->posted,
		atomic_long_read(&r->host),
		(pa1 - pa0) + (wb1 - wb0), (pb1 - pb0) + (wa1 - wa0),
		pb1 - pb0, wa1 - wa0,
		cpu_physical_id(r->cpu_a), cpu_physical_id(r->cpu_b));
out:
	kfree(r->desc);
}

static void race_irte_read(struct race *r, unsigned int fcpu,
			   unsigned int mcpu)
{
	phys_addr_t lo_pa = lower_32_bits(race2_pa);
	int ret;

	if (race2_pa < SZ_4G || race2_pa & 63) {
		pr_info("vaff_race: race2 error=-EINVAL (race2_pa=%#llx)\n",
			race2_pa);
		return;
	}
	r->hi = memremap(race2_pa, sizeof(*r->hi), MEMREMAP_WB);
	r->lo = memremap(lo_pa, sizeof(*r->lo), MEMREMAP_WB);
	if (!r->hi || !r->lo) {
		pr_info("vaff_race: race2 error=-ENOMEM (memremap %#llx/%#llx)\n",
			race2_pa, (u64)lo_pa);
		goto out;
	}
	/* Both descriptors suppress notifications: only PIR is looked at */
	memset(r->hi, 0, sizeof(*r->hi));
	memset(r->lo, 0, sizeof(*r->lo));
	r->hi->nv = POSTED_INTR_VECTOR;
	r->hi->ndst = race_dest(0);
	pi_set_sn(r->hi);
	r->lo->nv = POSTED_INTR_VECTOR;
	r->lo->ndst = race_dest(0);
	pi_set_sn(r->lo);

	r->pi.pi_desc_addr = race2_pa;
	r->pi.vector = RACE_VV;
	ret = race_run(r, race2_firer, race2_mover, fcpu, mcpu);
	irq_set_vcpu_affinity(r->irq, NULL);
	if (ret) {
		pr_info("vaff_race: race2 error=%d (kthread)\n", ret);
		goto out;
	}
	/*
	 * A raise that was not posted (hi or lo) was remapped (the host
	 * handler runs, edges that meet a pending vector merge) or dropped
	 * by a fault of a torn read the other way round.
	 */
	pr_info("vaff_race: race2 raises=%lu moves=%lu move_errors=%lu posted=%lu torn=%lu not_posted=%lu host=%ld pda=%#llx torn_pda=%#llx\n",
		r->raises, r->moves, r->move_errors, r->posted, r->torn,
		r->raises - r->posted - r->torn, atomic_long_read(&r->host),
		race2_pa, (u64)lo_pa);
out:
	if (r->lo)
		memunmap(r->lo);
	if (r->hi)
		memunmap(r->hi);
}

static int __init race_init(void)
{
	struct race *r;
	struct pci_dev *pdev;
	unsigned int fcpu, mcpu;
	int ret;

	pr_info("vaff_race: start x2apic_mode=%d cpus=%u posting=%d\n",
		x2apic_mode, num_online_cpus(),
		irq_remapping_cap(IRQ_POSTING_CAP));
	if (num_online_cpus() < 4) {
		pr_info("vaff_race: error=-EINVAL (needs 4 CPUs)\n");
		return -EINVAL;
	}
	/* cpus 0 and 1 take notifications, 2 fires, 3 moves */
	fcpu = 2;
	mcpu = 3;

	pdev = pci_get_device(EDU_VENDOR_ID, EDU_DEVICE_ID, NULL);
	if (!pdev) {
		pr_info("vaff_race: error=-ENODEV (no edu)\n");
		return -ENODEV;
	}
	r = kzalloc_obj(*r, GFP_KERNEL);
	if (!r) {
		ret = -ENOMEM;
		goto put;
	}
	r->pdev = pdev;
	ret = pci_enable_device(pdev);
	if (ret)
		goto free;
	pci_set_master(pdev);
	r->regs = pci_iomap(pdev, 0, 0);
	if (!r->regs) {
		ret = -ENOMEM;
		goto disable;
	}
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		goto unmap;
	r->irq = pci_irq_vector(pdev, 0);
	ret = request_irq(r->irq, race_handler, 0, "vaff-race", r);
	if (ret)
		goto free_vectors;

	if (tests & 2)
		race_irte_read(r, fcpu, mcpu);
	if (tests & 1)
		race_pid_control(r, fcpu, mcpu);
	pr_info("vaff_race: done\n");

	free_irq(r->irq, r);
free_vectors:
	pci_free_irq_vectors(pdev);
unmap:
	pci_iounmap(pdev, r->regs);
disable:
	pci_disable_device(pdev);
free:
	kfree(r);
put:
	pci_dev_put(pdev);
	if (ret)
		pr_info("vaff_race: error=%d\n", ret);
	/* Stays loaded when the tests ran: a failed load is retried */
	return ret;
}
module_init(race_init);

static void __exit race_exit(void)
{
}
module_exit(race_exit);

MODULE_DESCRIPTION("Race tests for emulated VT-d posted interrupts");
MODULE_LICENSE("GPL");
