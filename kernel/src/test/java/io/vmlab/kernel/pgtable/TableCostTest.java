package io.vmlab.kernel.pgtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.PageLevel;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.sys.Syscalls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What page tables cost (VmPTE, mm_pgtables_bytes): PTE, PMD and PUD tables count, the PGD and
 * P4D do not, folded levels take no page, and PAE's pgd_alloc() preallocates its PMDs.
 */
class TableCostTest {
  private static final int ANON = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;
  private static final int FIXED = ANON | Mman.MAP_FIXED;
  private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;

  @ParameterizedTest(name = "{0} pti={1}: {2} bytes")
  @CsvSource({
    "IA32_2LEVEL, true, 0",
    "IA32_PAE, true, 20480",
    "IA32_PAE, false, 12288",
    "X86_64_4LEVEL, true, 0",
    "X86_64_5LEVEL, true, 0"
  })
  void freshPageTableCountsOnlyThePreallocatedTables(Mode mode, boolean pti, long bytes) {
    Kernel k = TestKernels.of(mode).pti(pti).build();
    PageTable pt = k.newMm(k.arch().nativeAbi()).pageTable();
    assertEquals(bytes, pt.tableBytes(), "VmPTE of a new mm");
    assertEquals(bytes, pt.recountTableBytes());
  }

  @Test
  void ia32TwoLevelMapsOneFourMegabyteRegionWithExactlyOneTablePage() {
    Kernel k = TestKernels.kernel(Mode.IA32_2LEVEL);
    Task t = TestKernels.process(k);
    Syscalls sys = new Syscalls(k);
    PageTable pt = t.mm().pageTable();
    long before = pt.tableBytes();
    long region = 0x08000000L; // 4 MiB aligned: pgd entry 32
    assertEquals(region, sys.mmap(t, region, 8L << 20, RW, FIXED, null, 0));
    assertFalse(sys.touch(t, region, 4L << 20, Access.WRITE, 1, 4096).signalled());
    assertEquals(before + 4096, pt.tableBytes(), "1024 pages, one PTE table (VmPTE 4 kB)");
    assertFalse(sys.touch(t, region + (4L << 20), 4096, Access.WRITE, 1, 4096).signalled());
    assertEquals(before + 8192, pt.tableBytes(), "the next 4 MiB region needs its own table");
    assertEquals(pt.tableBytes(), pt.recountTableBytes());
  }

  @Test
  void paeWalkAllocatesAPmdPageWhenThePgdEntryHasNone() {
    Kernel k = TestKernels.of(Mode.IA32_PAE).pti(false).build();
    // init_mm's table: no PMDs preallocated.
    PageTable pt = new PageTable(k.tables(), k.arch().geometry(), k.arch().taskSizeMax(), 0, 0);
    assertEquals(0, pt.entryAt(PageLevel.PGD, 0x08048000L));
    assertTrue(pt.populate(0x08048000L, pt.pteDepth()) >= 0);
    assertTrue(pt.format().present(pt.entryAt(PageLevel.PGD, 0x08048000L)), "PDPT entry now points at a PMD");
    assertEquals(8192, pt.tableBytes(), "pmd + pte");
  }

  @Test
  void paeProcessReallocatesAPreallocatedPmdThatMunmapFreed() {
    Kernel k = TestKernels.kernel(Mode.IA32_PAE);
    Task t = TestKernels.process(k);
    Syscalls sys = new Syscalls(k);
    PageTable pt = t.mm().pageTable();
    // 20 kB preallocated (PTI) + the stack's PTE table.
    assertEquals(20480 + 4096, pt.tableBytes());
    long a = 0x08048000L;
    assertEquals(a, sys.mmap(t, a, 4096, RW, FIXED, null, 0));
    sys.touch(t, a, 4096, Access.WRITE, 1, 4096);
    assertEquals(28672, pt.tableBytes(), "the user PMD of pgd entry 0 was preallocated: only a PTE table");
    assertEquals(0, sys.munmap(t, a, 4096));
    // free_pgd_range() with nothing below and the vDSO far above frees the PTE table and the PMD.
    assertEquals(20480, pt.tableBytes());
    assertEquals(0, pt.entryAt(PageLevel.PGD, a), "PDPT entry 0 cleared");
    assertEquals(a, sys.mmap(t, a, 4096, RW, FIXED, null, 0));
    sys.touch(t, a, 4096, Access.WRITE, 1, 4096);
    assertEquals(28672, pt.tableBytes(), "a new PMD and PTE table");
    assertEquals(pt.tableBytes(), pt.recountTableBytes());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"X86_64_4LEVEL, 3", "X86_64_5LEVEL, 4"})
  void x8664OnePageNeedsPudPmdAndPteTables(Mode mode, int pages) {
    Kernel k = TestKernels.kernel(mode);
    PageTable pt = k.newMm(k.arch().nativeAbi()).pageTable();
    long before = k.memory().freeFrames();
    assertTrue(pt.populate(0x0000555555554000L, pt.pteDepth()) >= 0);
    assertEquals(12288, pt.tableBytes(), "pud + pmd + pte (a P4D table is not counted)");
    assertEquals(pages, before - k.memory().freeFrames(), "table pages allocated");
    assertEquals(pt.tableBytes(), pt.recountTableBytes());
  }

  @Test
  void x8664ProcessTouchingOnePageAddsTwelveKilobytes() {
    Kernel k = TestKernels.kernel(Mode.X86_64_4LEVEL);
    Task t = TestKernels.process(k);
    Syscalls sys = new Syscalls(k);
    PageTable pt = t.mm().pageTable();
    assertEquals(12288, pt.tableBytes(), "the stack's pud + pmd + pte");
    long a = 0x0000555555554000L;
    assertEquals(a, sys.mmap(t, a, 4096, RW, FIXED, null, 0));
    assertEquals(12288, pt.tableBytes(), "mmap alone allocates no table");
    sys.touch(t, a, 4096, Access.WRITE, 1, 4096);
    assertEquals(24576, pt.tableBytes());
  }
}
