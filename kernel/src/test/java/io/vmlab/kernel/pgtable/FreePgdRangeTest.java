package io.vmlab.kernel.pgtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.sys.AccessOutcome;
import io.vmlab.kernel.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * free_pgd_range() through munmap: a table goes only when nothing between floor (the previous
 * VMA's end) and ceiling (the next VMA's start) can still need it, level by level.
 */
class FreePgdRangeTest {
  private static final int FIXED = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_FIXED;
  private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;
  /** 1 GiB: 2 MiB and 4 MiB aligned, user space on every mode, far from the stack and vDSO. */
  private static final long X = 0x40000000L;

  private Kernel k;
  private Task t;
  private Syscalls sys;
  private PageTable pt;

  private void boot(Mode mode) {
    k = TestKernels.kernel(mode);
    t = TestKernels.process(k);
    sys = new Syscalls(k);
    pt = t.mm().pageTable();
  }

  private void mapAndWrite(long addr, int value) {
    assertEquals(addr, sys.mmap(t, addr, 4096, RW, FIXED, null, 0));
    assertFalse(sys.touch(t, addr, 1, Access.WRITE, value, 4096).signalled());
  }

  /** Bytes one entry of the level above the PTE tables maps (2 MiB, or 4 MiB on 2-level). */
  private long pteTableSpan() {
    return pt.span(pt.pteDepth() - 1);
  }

  /**
   * PAE's pgd_alloc() preallocates the user PMDs, but once they exist they are ordinary tables:
   * free_pmd_range() frees the one of X's 1 GiB (nothing else lives there), as Linux does.
   */
  private static long preallocatedPmdFreed(Mode mode) {
    return mode == Mode.IA32_PAE ? 4096 : 0;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void neighboursSharingAPteTableKeepIt(Mode mode) {
    boot(mode);
    mapAndWrite(X, 0x11);
    mapAndWrite(X + 0x2000, 0x22);
    long both = pt.tableBytes();
    assertEquals(0, sys.munmap(t, X, 4096));
    assertEquals(both, pt.tableBytes(), "the ceiling (next VMA) is inside the PTE table's range");
    AccessOutcome peek = sys.peek(t, X + 0x2000);
    assertEquals(0x22, peek.value(), "the neighbour's page is still mapped");

    // And the other way round: the floor (previous VMA's end) protects the table.
    mapAndWrite(X + 0x4000, 0x33);
    assertEquals(0, sys.munmap(t, X + 0x4000, 4096));
    assertEquals(both, pt.tableBytes());
    assertEquals(0x22, sys.peek(t, X + 0x2000).value());
    assertEquals(pt.tableBytes(), pt.recountTableBytes());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void neighbourInTheNextPteTableKeepsTheUpperLevelsOnly(Mode mode) {
    boot(mode);
    long before = pt.tableBytes();
    mapAndWrite(X, 0x11);
    long one = pt.tableBytes();
    mapAndWrite(X + pteTableSpan(), 0x22);
    assertEquals(one + 4096, pt.tableBytes(), "a second PTE table");
    assertEquals(0, sys.munmap(t, X, 4096));
    assertEquals(one, pt.tableBytes(), "exactly the first PTE table is freed");
    assertEquals(0x22, sys.peek(t, X + pteTableSpan()).value());
    assertEquals(0, sys.munmap(t, X + pteTableSpan(), 4096));
    assertEquals(before - preallocatedPmdFreed(mode), pt.tableBytes(), "the last one takes the rest with it");
    assertEquals(pt.tableBytes(), pt.recountTableBytes());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void loneRegionFreesEveryTableOnlyItUsed(Mode mode) {
    boot(mode);
    long before = pt.tableBytes();
    mapAndWrite(X, 0x11);
    assertNotEquals(before, pt.tableBytes());
    assertEquals(0, sys.munmap(t, X, 4096));
    assertEquals(before - preallocatedPmdFreed(mode), pt.tableBytes());
    assertEquals(pt.tableBytes(), pt.recountTableBytes());
  }

  @Test
  void x8664LoneRegionFreesPtePmdAndPud() {
    boot(Mode.X86_64_4LEVEL);
    assertEquals(12288, pt.tableBytes(), "the stack's pud, pmd and pte");
    mapAndWrite(X, 0x11);
    assertEquals(12288 * 2, pt.tableBytes(), "X is in pgd entry 0, the stack in entry 255");
    assertEquals(0, sys.munmap(t, X, 4096));
    assertEquals(12288, pt.tableBytes());
    assertEquals(0, pt.entryAt(PageLevel.PGD, X), "pgd entry 0 no longer points at a PUD table");
  }

  @Test
  void la57KeepsTheP4dTableTheStackShares() {
    boot(Mode.X86_64_5LEVEL);
    mapAndWrite(X, 0x11);
    assertEquals(0, sys.munmap(t, X, 4096));
    assertEquals(12288, pt.tableBytes());
    // The stack (p4d entry 255) and X (p4d entry 0) share pgd entry 0's P4D table.
    assertNotEquals(0, pt.entryAt(PageLevel.PGD, X));
    assertEquals(0, pt.entryAt(PageLevel.P4D, X), "p4d entry 0 no longer points at a PUD table");
  }

  @Test
  void neighbourUnderTheSamePudTableKeepsItButNotThePmd() {
    boot(Mode.X86_64_4LEVEL);
    // Two VMAs 1 GiB apart: the same PUD table (pgd entry 0), different PMD tables.
    mapAndWrite(X, 0x11);
    mapAndWrite(2 * X, 0x22);
    long both = pt.tableBytes();
    assertEquals(0, sys.munmap(t, X, 4096));
    assertEquals(both - 8192, pt.tableBytes(), "pte + pmd of X go, the shared pud stays");
    assertNotEquals(0, pt.entryAt(PageLevel.PGD, X));
    assertEquals(0, pt.entryAt(PageLevel.PUD, X));
  }
}
