# The genirq tracepoint records real irq_set_vcpu_affinity() calls: the
# boot runs one end-to-end KUnit case (posting the edu MSI to a
# descriptor, then back to the host) with the event enabled on the
# command line; both calls must show up, taken by INTEL-IR, ret=0.  The
# trace also holds the calls of the boot tests run before this one.
grep -q 'trace_event=irq:irq_set_vcpu_affinity' /proc/cmdline ||
	{ echo "the tracepoint was not enabled on the command line"; exit 4; }
ev=$(grep 'irq_set_vcpu_affinity:' /sys/kernel/tracing/trace)
echo "$ev"
echo "$ev" | grep -q 'chip=INTEL-IR[-A-Z]* vcpu_info=set forwarded=1 ret=0' ||
	{ echo "no successful posting call by INTEL-IR traced"; exit 1; }
echo "$ev" | grep -q 'chip=INTEL-IR[-A-Z]* vcpu_info=NULL forwarded=0 ret=0' ||
	{ echo "no successful return to host delivery traced"; exit 1; }
