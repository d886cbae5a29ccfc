#!/usr/bin/env python3
"""Write the seed corpus of the VT-d generic-fuzz run (tests/fuzz/vtd.env).

Each seed is a generic-fuzz input (tests/qtest/fuzz/generic_fuzz.c): one
command per record, records separated by "FUZZ", the first byte of a
record its opcode.  A random input almost never programs the IRTA, sets
SIRTP and IRE, enables edu's MSI in remappable format and raises it, all
in one input, so these seeds do it, and the fuzzer mutates from there.
Guest RAM is not written directly: the IOMMU's own reads of it (IRTE,
posted-interrupt descriptor, invalidation queue, root/context/page tables)
are filled at read time from the DMA patterns the input adds, in turn.

Seeds (one file each):
  ir-posted        posted IRTE, notification, coalesced post, SN, URG,
                   then an IEC index-selective invalidation and a wait
                   descriptor through the invalidation queue, and the
                   entry read again as a remapped IRTE
  ir-posted-x2apic the same with IRTA.EIME (32-bit NDST)
  ir-posted-bad    descriptor outside RAM and above the address width,
                   reserved bits, index beyond the table, SVT checks,
                   a global IEC invalidation, IRE off and on
  ir-subhandle     SHV and a subhandle in the MSI data, IM-masked IEC
  ioapic-level     edu's INTx through IO-APIC pins 16-23 in remappable
                   format, level-triggered, to a posted IRTE (refused)
                   and to a remapped one
  dmar             root, context and page tables for edu's DMA engine,
                   TE on, a DMA and its completion MSI through a posted IRTE

The memory-region indices (EDU, IOAPIC, VTD below) are the order in
which generic-fuzz matches QEMU_FUZZ_OBJECTS="intel-iommu edu ioapic"
in the address space: edu's BAR at 0xe0000000 (where libqos maps it),
the IO-APIC at 0xfec00000, the DMAR registers at 0xfed90000.
scripts/run-fuzz.sh checks that order against the fuzzer's own list.

Usage: make-seeds.py OUTDIR
"""

import struct
import sys
from pathlib import Path

SEP = b"FUZZ"
EDU, IOAPIC, VTD = 0, 1, 2          # generic-fuzz MMIO region indices
B, W, L, Q = 0, 1, 2, 3             # access sizes

# DMAR registers
GCMD, IQT, IQA, IRTA, FSTS, FECTL = 0x18, 0x88, 0x90, 0xb8, 0x34, 0x38
RTADDR = 0x20
TE, SRTP, QIE, IRE, SIRTP = 1 << 31, 1 << 30, 1 << 26, 1 << 25, 1 << 24

IRT = 0x100000                      # interrupt remapping table
PD = 0x200000                       # posted-interrupt descriptor
IQ = 0x300000                       # invalidation queue
NV = 0xf2                           # notification vector


def rec(op, payload=b""):
    data = bytes([op]) + payload
    assert SEP not in data, data
    return data


def write(base, size, off, val):    # OP_WRITE
    return rec(3, struct.pack("<BBxxIQ", size, base, off, val))


def read(base, size, off):          # OP_READ
    return rec(2, struct.pack("<BBxxI", size, base, off))


def pci_write(size, off, val):      # OP_PCI_WRITE on edu
    return rec(5, struct.pack("<BBBxI", size, 0, off, val))


def pattern(data):                  # OP_ADD_DMA_PATTERN
    return rec(7, struct.pack("<BB", 0, 0) + data)


def clear():                        # OP_CLEAR_DMA_PATTERNS
    return rec(8)


def clock():                        # OP_CLOCK_STEP
    return rec(9)


def q2(lo, hi):
    return struct.pack("<QQ", lo, hi)


def irte_posted(vv, pda, urg=0, fpd=0, svt=0, sq=0, sid=0, rsvd=0):
    lo = (1 | fpd << 1 | urg << 14 | 1 << 15 | vv << 16 |
          ((pda >> 6) & ((1 << 26) - 1)) << 38 | rsvd)
    hi = sid | sq << 16 | svt << 18 | (pda >> 32) << 32
    return q2(lo, hi)


def irte_remapped(vector, dest, trig=0, svt=0, sid=0, rsvd=0):
    lo = 1 | trig << 4 | vector << 16 | dest << 32 | rsvd
    return q2(lo, sid | svt << 18)


def pid(on=0, sn=0, nv=NV, ndst=0, pir=0):
    ctl = on | sn << 1 | nv << 16 | ndst << 32
    return struct.pack("<4Q", pir, 0, 0, 0) + struct.pack("<4Q", ctl, 0, 0, 0)


def gcmd(val):
    return write(VTD, L, GCMD, val)


def msi_remappable(handle, shv=0):
    return (0xfee00000 | (handle & 0x7fff) << 5 | 1 << 4 | shv << 3 |
            (handle >> 15) << 2)


def edu_msi(handle=0, shv=0, data=0):
    """edu's MSI capability is at 0x40 (64-bit, no masking)."""
    return [pci_write(L, 0x44, msi_remappable(handle, shv)),
            pci_write(L, 0x48, 0),
            pci_write(W, 0x4c, data),
            pci_write(W, 0x42, 1)]


def raise_ack():
    return [write(EDU, L, 0x60, 1), write(EDU, L, 0x64, 1)]


def ir_on(size=3, eime=0):
    return [write(VTD, Q, IRTA, IRT | eime << 11 | size),
            gcmd(SIRTP), gcmd(IRE)]


IQ_TAIL = [0]


def qi(descs, flags=IRE):
    """Queue @descs (16 bytes each) after those before and run them."""
    out = [clear()] + [pattern(d) for d in descs]
    if IQ_TAIL[0] == 0:
        out += [write(VTD, Q, IQA, IQ), gcmd(flags | QIE)]
    IQ_TAIL[0] += len(descs)
    out += [write(VTD, Q, IQT, IQ_TAIL[0] << 4), read(VTD, L, 0x9c)]
    return out


def iec(index=0, im=0, glob=False):
    return q2(4 | (0 if glob else 1 << 4) | im << 27 | index << 32, 0)


def wait(status=0x1234, addr=IQ + 0x10000):
    return q2(5 | 1 << 5 | status << 32, addr)


def post(irte, *pds):
    """One post per descriptor: the IRTE is read once (then cached)."""
    out = []
    for i, d in enumerate(pds):
        out += [clear()] + ([pattern(irte)] if i == 0 else []) + [pattern(d)]
        out += raise_ack()
    return out


def seed_ir_posted(eime=0, ndst=0):
    s = edu_msi() + ir_on(eime=eime)
    s += post(irte_posted(0x40, PD), pid(ndst=ndst), pid(on=1, ndst=ndst),
              pid(sn=1, ndst=ndst))
    s += qi([iec(0), wait()])
    s += post(irte_posted(0x41, PD, urg=1), pid(sn=1, ndst=ndst))
    s += qi([iec(0)])
    s += post(irte_remapped(0x30, 0))
    return s


def seed_ir_posted_bad():
    s = edu_msi() + ir_on() + [write(VTD, L, FECTL, 0)]
    s += post(irte_posted(0x40, 0x7fffffc0), pid())          # not RAM
    s += qi([iec(0, glob=True)])
    s += post(irte_posted(0x40, 1 << 48), pid())             # above HAW
    s += qi([iec(0, glob=True)])
    s += post(irte_posted(0x40, PD, rsvd=1 << 24), pid())    # reserved
    s += post(irte_posted(0x40, PD, svt=1, sid=0x18), pid())  # SID check
    s += qi([iec(0, glob=True)])
    s += post(irte_posted(0x40, PD, svt=3), pid())           # bad SVT
    s += [read(VTD, L, FSTS), write(VTD, L, FSTS, 0xff)]
    s += edu_msi(handle=40)                                  # > table size
    s += raise_ack()
    s += [gcmd(0), gcmd(IRE)]
    s += edu_msi(handle=1)
    s += post(irte_posted(0x40, PD, fpd=1), pid())
    return s


def seed_ir_subhandle():
    s = edu_msi(handle=4, shv=1, data=3) + ir_on(size=7)
    s += post(irte_posted(0x42, PD), pid())
    s += qi([iec(4, im=2), iec(200, im=31)])
    s += post(irte_remapped(0x31, 0))
    return s


def seed_ioapic_level():
    """edu without MSI asserts INTx; program every PCI pin of the IO-APIC."""
    s = ir_on()
    for pin in range(16, 24):
        s += [write(IOAPIC, L, 0x00, 0x10 + 2 * pin),
              write(IOAPIC, L, 0x10, 0x50 | 1 << 15),
              write(IOAPIC, L, 0x00, 0x11 + 2 * pin),
              write(IOAPIC, L, 0x10, 1 << 16)]          # format, index 0
    s += post(irte_posted(0x50, PD), pid())
    s += qi([iec(0)])
    # The refused request left Remote IRR set: EOI (IO-APIC EOI register)
    s += [write(IOAPIC, L, 0x40, 0x50)]
    s += [clear(), pattern(irte_remapped(0x50, 0, trig=1))]
    s += raise_ack()
    s += [write(IOAPIC, L, 0x40, 0x50)]
    return s


def seed_dmar():
    """edu copies 8 bytes from IOVA 0x1000 into its buffer, TE on."""
    root = q2(0x500001, 0)          # present, context table 0x500000
    ctx = q2(0x600001, 0x101)       # present, tables at 0x600000, AW 39, DID 1
    pte = struct.pack("<Q", 0x700003)   # R/W, next table or page 0x700000
    s = edu_msi() + ir_on()
    # Patterns only once TE is on: enabling it reads every device's
    # root and context entries
    s += [clear(), write(VTD, Q, RTADDR, 0x400000), gcmd(IRE | SRTP),
          gcmd(IRE | TE),
          write(EDU, Q, 0x80, 0x1000), write(EDU, Q, 0x88, 0x40000),
          write(EDU, Q, 0x90, 8), write(EDU, Q, 0x98, 1 | 4),
          pattern(root), pattern(ctx), pattern(pte), pattern(pte),
          pattern(pte)] + [clock()] * 8
    # edu writes its buffer back to IOVA 0x2000: a page walk (3 reads),
    # then its completion MSI through a posted IRTE
    s += [write(EDU, Q, 0x80, 0x40000), write(EDU, Q, 0x88, 0x2000)]
    s += [clear(), pattern(pte), pattern(pte), pattern(pte),
          pattern(irte_posted(0x43, PD)), pattern(pid())]
    s += [write(EDU, Q, 0x98, 1 | 2 | 4)] + [clock()] * 8
    return s


SEEDS = {
    "ir-posted": seed_ir_posted,
    "ir-posted-x2apic": lambda: seed_ir_posted(eime=1, ndst=0x100),
    "ir-posted-bad": seed_ir_posted_bad,
    "ir-subhandle": seed_ir_subhandle,
    "ioapic-level": seed_ioapic_level,
    "dmar": seed_dmar,
}


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, make in SEEDS.items():
        IQ_TAIL[0] = 0
        (out / f"seed-{name}").write_bytes(SEP.join(make()))


if __name__ == "__main__":
    main()
