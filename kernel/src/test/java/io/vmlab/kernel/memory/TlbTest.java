package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.sys.AccessOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TLB model: a set-associative cache of translations (size and ways from the machine), counted
 * hits and misses, flushed where Linux flushes (flush_tlb_mm_range on munmap and mprotect,
 * ptep_clear_flush on a COW break, a CR3 switch without PCID between address spaces), so no stale
 * translation is ever used: after each flush the next access walks the page table again.
 */
class TlbTest {
  private static final long PAGE = TestProcess.PAGE;

  private static Tlb tlb(TestProcess p) {
    return p.kernel.memoryManager().tlb();
  }

  /** Reads each page of [a, a + pages) once; returns the TLB misses it took. */
  private static long readPages(TestProcess p, long a, int pages) {
    long misses = tlb(p).misses();
    for (int i = 0; i < pages; i++) {
      assertFalse(p.sys.peek(p.task, a + i * PAGE).signalled());
    }
    return tlb(p).misses() - misses;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void repeatedAccessesHitAndEveryAccessIsCounted(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).tlb(64, 4).build());
    long a = p.mmap(0, 16 * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, 16 * PAGE, 1);
    long hits = tlb(p).hits();
    long misses = tlb(p).misses();
    long walks = p.sys.mmu().tlbMisses();
    for (int round = 0; round < 5; round++) {
      assertEquals(0, readPages(p, a, 16), "16 translations fit in 64 entries");
    }
    assertEquals(hits + 80, tlb(p).hits());
    assertEquals(misses, tlb(p).misses());
    assertEquals(walks, p.sys.mmu().tlbMisses());
  }

  @Test
  void setAssociativityDecidesWhatFits() {
    // 64 entries, 4 ways: 16 sets by the low bits of the page number, round-robin in a set.
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).tlb(64, 4).build());
    long a = p.mmap(0x10000000L, 80 * PAGE, TestProcess.RW, TestProcess.FIXED);
    p.write(a, 80 * PAGE, 1);
    readPages(p, a, 64);
    assertEquals(0, readPages(p, a, 64), "64 consecutive pages fill every set exactly");
    readPages(p, a, 65);
    assertEquals(5, readPages(p, a, 65), "65 cycle through one set with 5 pages in 4 ways: all of those miss");
    TestProcess off = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).tlb(0, 1).build());
    long b = off.mmap(0, 4 * PAGE, TestProcess.RW, TestProcess.ANON);
    off.write(b, 4 * PAGE, 1);
    assertEquals(4, readPages(off, b, 4), "no TLB: every access walks");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void munmapFlushesSoTheNextAccessFaults(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long a = p.mmap(0, 2 * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, 2 * PAGE, 1);
    assertEquals(0, readPages(p, a, 2));
    long flushes = tlb(p).flushes();
    assertEquals(0, p.munmap(a, PAGE));
    assertTrue(tlb(p).flushes() > flushes);
    AccessOutcome o = p.sys.peek(p.task, a);
    assertEquals(AccessOutcome.SIGSEGV, o.signal(), "the unmapped page's translation is gone");
    assertEquals(Mmu.SEGV_MAPERR, o.siCode());
    assertEquals(0, readPages(p, a + PAGE, 1), "the other page is still cached");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mprotectFlushesSoTheNewProtectionHolds(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long a = p.mmap(0, PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, PAGE, 1);
    p.write(a, PAGE, 2);
    assertEquals(0, p.mprotect(a, PAGE, TestProcess.R));
    AccessOutcome o = p.sys.touch(p.task, a, 1, Access.WRITE, 3, PAGE);
    assertEquals(AccessOutcome.SIGSEGV, o.signal(), "no stale writable translation");
    assertEquals(Mmu.SEGV_ACCERR, o.siCode());
    assertEquals(1, readPages(p, a, 1) + readPages(p, a, 1), "a read walks once, then hits");
    assertEquals(2, p.read(a));
    assertEquals(0, p.mprotect(a, PAGE, 0));
    assertEquals(Mmu.SEGV_ACCERR, p.sys.peek(p.task, a).siCode(), "PROT_NONE: no stale readable translation");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCowBreakFlushesTheOldFrame(Mode mode) {
    TestProcess parent = TestProcess.on(Machine.of(mode).build());
    long a = parent.mmap(0, PAGE, TestProcess.RW, TestProcess.ANON);
    parent.write(a, PAGE, 1);
    TestProcess child = parent.fork();
    int shared = parent.sys.frameAt(parent.task, a);
    assertEquals(shared, child.sys.frameAt(child.task, a));
    assertEquals(1, parent.read(a), "cached read-only after fork");
    long flushes = tlb(parent).flushes();
    parent.write(a, PAGE, 3);
    int own = parent.sys.frameAt(parent.task, a);
    assertNotEquals(shared, own, "wp_page_copy()");
    assertTrue(tlb(parent).flushes() > flushes, "ptep_clear_flush() of the old translation");
    assertEquals(0, readPages(parent, a, 1), "the retried write cached the new frame");
    assertEquals(own, parent.sys.mmu().frame());
    assertEquals(3, parent.read(a));
    assertEquals(1, child.read(a), "the child keeps the old frame");
    assertEquals(shared, child.sys.mmu().frame());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void switchingAddressSpacesFlushesEverything(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    TestProcess q = TestProcess.on(p.kernel);
    long a = p.mmap(0x10000000L, 4 * PAGE, TestProcess.RW, TestProcess.FIXED);
    long b = q.mmap(0x10000000L, 4 * PAGE, TestProcess.RW, TestProcess.FIXED);
    p.write(a, 4 * PAGE, 0x0a);
    q.write(b, 4 * PAGE, 0x0b);
    assertEquals(0, readPages(q, b, 4));
    // Same virtual pages, other address space: a CR3 write drops every entry (no PCID).
    assertEquals(4, readPages(p, a, 4));
    assertEquals(0x0a, p.read(a + 2 * PAGE));
    assertEquals(4, readPages(q, b, 4));
    assertEquals(0x0b, q.read(b + 2 * PAGE));
  }
}
