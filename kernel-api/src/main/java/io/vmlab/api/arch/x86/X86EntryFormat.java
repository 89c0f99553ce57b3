package io.vmlab.api.arch.x86;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;

/**
 * x86 page-table entries (arch/x86/include/asm/pgtable_types.h): bits 0-11 are the flags, the
 * frame number starts at bit 12, and on PAE and x86-64 bit 63 is NX. PROT_NONE pages reuse the
 * global bit with the present bit clear, as _PAGE_PROTNONE does. Swap entries are not present
 * and not PROT_NONE; vmlab packs the swap entry above bit 12 (Linux inverts the offset bits for
 * L1TF, which changes nothing observable here).
 */
public final class X86EntryFormat implements EntryFormat {
  private static final long LOW_FLAGS = 0xfffL & ~(1L << 8) & ~(1L << 10);
  private static final long BIT_8 = 1L << 8;
  private static final long NX_BIT = 1L << 63;
  private static final long SWAP_MARK = 1L << 10;

  private final int entryBytes;
  private final boolean nx;
  private final long pfnMask;

  private X86EntryFormat(int entryBytes, boolean nx, int physicalBits) {
    this.entryBytes = entryBytes;
    this.nx = nx;
    this.pfnMask = ((1L << physicalBits) - 1) & ~0xfffL;
  }

  /** IA-32 without PAE: 4-byte entries, 32-bit physical addresses, no NX. */
  public static X86EntryFormat legacy32() {
    return new X86EntryFormat(4, false, 32);
  }

  /** PAE and x86-64: 8-byte entries, 52-bit physical addresses, NX at bit 63. */
  public static X86EntryFormat wide64() {
    return new X86EntryFormat(8, true, 52);
  }

  @Override
  public int entryBytes() {
    return entryBytes;
  }

  @Override
  public boolean hasNx() {
    return nx;
  }

  @Override
  public long maxPfn() {
    return pfnMask >>> 12;
  }

  @Override
  public long encode(long pfn, int flags) {
    long e = (pfn << 12) & pfnMask;
    e |= flags & LOW_FLAGS;
    if ((flags & PteFlags.PRESENT) != 0) {
      if ((flags & PteFlags.GLOBAL) != 0) {
        e |= BIT_8;
      }
    } else if ((flags & PteFlags.PROTNONE) != 0) {
      e |= BIT_8;
    }
    if (nx && (flags & PteFlags.NX) != 0) {
      e |= NX_BIT;
    }
    return e;
  }

  @Override
  public long pfn(long entry) {
    return (entry & pfnMask) >>> 12;
  }

  @Override
  public int flags(long entry) {
    int f = (int) (entry & LOW_FLAGS);
    if ((entry & BIT_8) != 0) {
      f |= (entry & 1) != 0 ? PteFlags.GLOBAL : PteFlags.PROTNONE;
    }
    if ((entry & NX_BIT) != 0) {
      f |= PteFlags.NX;
    }
    return f;
  }

  @Override
  public long encodeSwap(long swapEntry) {
    long e = (swapEntry << 12) & pfnMask;
    if ((e >>> 12) != swapEntry) {
      throw new IllegalArgumentException("swap entry too large for this format: " + swapEntry);
    }
    return e | SWAP_MARK;
  }

  @Override
  public boolean isSwap(long entry) {
    return (entry & 1) == 0 && (entry & SWAP_MARK) != 0;
  }

  @Override
  public long swapEntry(long entry) {
    return (entry & pfnMask) >>> 12;
  }

  @Override
  public boolean present(long entry) {
    return (entry & 1) != 0;
  }
}
