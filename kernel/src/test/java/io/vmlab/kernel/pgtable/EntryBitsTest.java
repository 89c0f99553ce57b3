package io.vmlab.kernel.pgtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.api.arch.x86.X86EntryFormat;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Page tables hold real x86 entries: _PAGE_PRESENT bit 0, RW bit 1, USER bit 2, ACCESSED bit 5,
 * DIRTY bit 6, the frame from bit 12, NX bit 63 on 8-byte entries only, and PROT_NONE as bit 8
 * with the present bit clear.
 */
class EntryBitsTest {
  private static final int P = PteFlags.PRESENT;
  private static final int RW = PteFlags.RW;
  private static final int US = PteFlags.USER;
  private static final int A = PteFlags.ACCESSED;
  private static final int D = PteFlags.DIRTY;
  private static final int NX = PteFlags.NX;

  @Test
  void eightByteEntryHasTheHardwareBitsAndNxAtBit63() {
    EntryFormat f = X86EntryFormat.wide64();
    long e = f.encode(0x12345, P | RW | US | A | D | NX);
    assertEquals(0x8000000012345067L, e);
    assertEquals(P | RW | US | A | D | NX, f.flags(e));
    assertEquals(0x12345, f.pfn(e));
    assertTrue(f.present(e));
    assertEquals(8, f.entryBytes());
    assertTrue(f.hasNx());
    // A frame above 4 GiB fits (52-bit physical addresses).
    assertEquals(0xfedcba987L, f.pfn(f.encode(0xfedcba987L, P)));
  }

  @Test
  void fourByteEntryHasNoNx() {
    EntryFormat f = X86EntryFormat.legacy32();
    long e = f.encode(0x12345, P | RW | US | A | D | NX);
    assertEquals(0x12345067L, e, "NX is dropped: 2-level entries have no bit 63");
    assertEquals(P | RW | US | A | D, f.flags(e));
    assertEquals(0x12345, f.pfn(e));
    assertEquals(4, f.entryBytes());
    assertFalse(f.hasNx());
    assertEquals(0xfffffL, f.maxPfn(), "32-bit physical addresses");
  }

  @Test
  void eachFlagRoundTripsAlone() {
    for (EntryFormat f : new EntryFormat[] {X86EntryFormat.wide64(), X86EntryFormat.legacy32()}) {
      for (int flag : new int[] {RW, US, PteFlags.PWT, PteFlags.PCD, A, D, PteFlags.HUGE, PteFlags.SPECIAL,
          PteFlags.SOFT_DIRTY}) {
        long e = f.encode(7, P | flag);
        assertEquals(P | flag, f.flags(e), PteFlags.describe(flag) + " in " + f.entryBytes() + "-byte entries");
        assertEquals(7, f.pfn(e));
      }
      assertEquals(P | PteFlags.GLOBAL, f.flags(f.encode(7, P | PteFlags.GLOBAL)));
    }
  }

  @Test
  void protNoneEntryIsNotPresentAndReusesTheGlobalBit() {
    for (EntryFormat f : new EntryFormat[] {X86EntryFormat.wide64(), X86EntryFormat.legacy32()}) {
      long e = f.encode(0x42, PteFlags.PROTNONE | US | A);
      assertFalse(f.present(e));
      assertEquals(0, e & 1, "present bit");
      assertEquals(1L << 8, e & (1L << 8), "_PAGE_PROTNONE is bit 8 (_PAGE_GLOBAL) with present clear");
      assertEquals(PteFlags.PROTNONE | US | A, f.flags(e));
      assertEquals(0x42, f.pfn(e));
      assertFalse(f.isSwap(e));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void faultedEntriesCarryTheVmaProtection(Mode mode) {
    Kernel k = TestKernels.kernel(mode);
    Task t = TestKernels.process(k);
    Syscalls sys = new Syscalls(k);
    PageTable pt = t.mm().pageTable();
    EntryFormat f = pt.format();
    boolean nx = f.hasNx();
    long a = 0x40000000L;
    int anon = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_FIXED;
    assertEquals(a, sys.mmap(t, a, 4096, Mman.PROT_READ | Mman.PROT_WRITE, anon, null, 0));
    assertFalse(sys.touch(t, a, 1, Access.WRITE, 0x5a, 4096).signalled());
    long e = pt.entry(pt.lookup(a));
    int want = P | RW | US | A | D | (nx ? NX : 0);
    assertEquals(want, f.flags(e) & (P | RW | US | A | D | NX), PteFlags.describe(f.flags(e)));
    long pfn = f.pfn(e);
    assertTrue(nx ? (e < 0) : (e >>> 32) == 0, "NX at bit 63 only on 8-byte entries: 0x" + Long.toHexString(e));

    // PROT_NONE: not present to the CPU, the frame is kept.
    assertEquals(0, sys.mprotect(t, a, 4096, Mman.PROT_NONE));
    e = pt.entry(pt.lookup(a));
    assertFalse(f.present(e));
    assertEquals(PteFlags.PROTNONE, f.flags(e) & (P | PteFlags.PROTNONE));
    assertEquals(pfn, f.pfn(e));
    assertTrue(sys.peek(t, a).signalled(), "a PROT_NONE page faults");

    // Read and execute: present, read-only, executable.
    assertEquals(0, sys.mprotect(t, a, 4096, Mman.PROT_READ | Mman.PROT_EXEC));
    e = pt.entry(pt.lookup(a));
    assertEquals(P | US, f.flags(e) & (P | RW | US | NX | PteFlags.PROTNONE));
    assertEquals(pfn, f.pfn(e));
    assertEquals(0x5a, sys.peek(t, a).value());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void readFaultMapsTheZeroPageReadOnly(Mode mode) {
    Kernel k = TestKernels.kernel(mode);
    Task t = TestKernels.process(k);
    Syscalls sys = new Syscalls(k);
    PageTable pt = t.mm().pageTable();
    long a = 0x40000000L;
    int anon = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_FIXED;
    assertEquals(a, sys.mmap(t, a, 4096, Mman.PROT_READ | Mman.PROT_WRITE, anon, null, 0));
    assertEquals(0, sys.peek(t, a).value());
    long e = pt.entry(pt.lookup(a));
    assertEquals(P | US | A, pt.format().flags(e) & (P | RW | US | A | D));
    assertEquals(k.memory().zeroPfn(), pt.format().pfn(e));
  }
}
