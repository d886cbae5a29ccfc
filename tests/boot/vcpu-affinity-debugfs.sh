# /sys/kernel/debug/irq/irqs/N lists IRQD_FORWARDED_TO_VCPU exactly while
# the edu MSI is posted to a descriptor.  The end-to-end test's "hold"
# parameter binds edu and switches its MSI: posted, host, posted, off.
p=/sys/module/vcpu_affinity_kunit/parameters/hold
[ -e $p ] || { echo "no hold parameter (CONFIG_INTEL_IR_VCPU_AFFINITY_KUNIT_TEST=n)"; exit 4; }

# expect MODE FORWARDED: switch to MODE, check the flag in debugfs
expect() {
	echo "$1" >$p || { echo "switching the edu MSI to $1 failed"; exit 1; }
	set -- "$1" "$2" $(cat $p)
	[ "$3" = "$1" ] || { echo "hold reads $3, not $1"; exit 1; }
	f=/sys/kernel/debug/irq/irqs/$4
	grep -q 'IRQD_ACTIVATED' "$f" || { echo "$f lists no states"; exit 1; }
	if grep -q 'IRQD_FORWARDED_TO_VCPU' "$f"; then got=1; else got=0; fi
	echo "$1: irq $4 IRQD_FORWARDED_TO_VCPU=$got"
	[ "$got" = "$2" ] || { echo "expected IRQD_FORWARDED_TO_VCPU=$2"; exit 1; }
}

expect posted 1
expect host 0
expect posted 1
echo off >$p || { echo "releasing the posted edu MSI failed"; exit 1; }
[ "$(cat $p)" = off ] || { echo "hold still reads $(cat $p)"; exit 1; }
! grep -q 'vaff-edu' /proc/interrupts || { echo "edu irq not freed"; exit 1; }
