package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.phys.PhysicalMemory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * fork() by dup_mmap() and copy_page_range() (kernel/fork.c, mm/memory.c, 6.1): page tables are
 * copied only for VMAs with an anon_vma (vma_needs_copy), anonymous pages are shared write-protected
 * and copied on the first write (the last sharer reuses its page), VM_DONTCOPY VMAs are left out,
 * VM_WIPEONFORK ones start empty, and pages that may be DMA-pinned are copied at fork (since 5.9)
 * unless the legacy rule is asked for. exit frees everything.
 */
class ForkTest {
  private static final long PAGE = TestProcess.PAGE;
  private static final long BASE = 0x10000000L;
  /** Far from BASE, so that its page table is a different one on every mode. */
  private static final long FAR = 0x40000000L;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void pageTablesAreCopiedOnlyForVmasWithAnonymousPages(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    OpenFile f = new OpenFile(p.kernel.createCachedFile("/disk/f", 8, 1, 30, 16 * PAGE, 0x61, false), true, true);
    p.fixed(BASE, 4, TestProcess.RW);
    p.write(BASE, 4 * PAGE, 1);
    // A private file mapping with one COW page: it has an anon_vma, so all its PTEs are copied.
    long cow = BASE + 16 * PAGE;
    p.mmap(cow, 16 * PAGE, TestProcess.RW, Mman.MAP_PRIVATE | Mman.MAP_FIXED, f, 0);
    p.read(cow);
    p.write(cow + PAGE, 1, 2);
    // A shared mapping and a private one never written: no anon_vma, the child faults them in.
    p.mmap(FAR, 16 * PAGE, TestProcess.R, Mman.MAP_SHARED | Mman.MAP_FIXED, f, 0);
    p.read(FAR);
    p.mmap(FAR + 16 * PAGE, 16 * PAGE, TestProcess.R, Mman.MAP_PRIVATE | Mman.MAP_FIXED, f, 0);
    p.read(FAR + 16 * PAGE);
    Rss parent = Rss.of(p);

    TestProcess c = p.fork();
    assertEquals(p.sys.frameAt(p.task, BASE + 3 * PAGE), c.sys.frameAt(c.task, BASE + 3 * PAGE));
    assertEquals(p.sys.frameAt(p.task, cow + 9 * PAGE), c.sys.frameAt(c.task, cow + 9 * PAGE), "file PTE copied");
    assertEquals(p.sys.frameAt(p.task, cow + PAGE), c.sys.frameAt(c.task, cow + PAGE), "the COW page is shared");
    assertEquals(-1, c.sys.frameAt(c.task, FAR));
    assertEquals(-1, c.sys.frameAt(c.task, FAR + 16 * PAGE));
    assertEquals(new Rss(parent.anon(), 15, 0, 0), Rss.of(c), "the child's counters count what was copied");
    assertEquals(List.of(), new Invariants(p.kernel).check());
    assertTrue(c.task.mm().pageTable().tableBytes() < p.task.mm().pageTable().tableBytes(), "no table for FAR");
    assertEquals(0, c.task.minflt());
    assertEquals(0x61, c.read(FAR));
    assertEquals(1, c.task.minflt(), "the child faults the shared file page in itself");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anonymousPagesAreCopiedOnWriteAndTheLastSharerReusesItsPage(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    PhysicalMemory mem = p.kernel.memory();
    long a = p.mmap(0, 4 * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, 4 * PAGE, 0x10);
    int frame = p.sys.frameAt(p.task, a);
    TestProcess c = p.fork();
    assertEquals(2, mem.mapcount(frame));
    assertEquals(2, mem.refcount(frame));
    long pf = p.task.minflt();
    assertEquals(0x10, c.read(a), "reads share the page without a fault");
    assertEquals(0, c.task.minflt());
    long free = mem.freeFrames();

    p.write(a, 1, 0x20);
    assertEquals(pf + 1, p.task.minflt(), "the parent's write faults once");
    int copy = p.sys.frameAt(p.task, a);
    assertNotEquals(frame, copy, "and gets a copy");
    assertEquals(free - 1, mem.freeFrames());
    assertEquals(1, mem.mapcount(frame));
    assertEquals(0x10, c.read(a));

    c.write(a, 1, 0x30);
    assertEquals(1, c.task.minflt(), "the child's write faults once too");
    assertEquals(frame, c.sys.frameAt(c.task, a), "do_wp_page(): refcount 1, the page is reused");
    assertEquals(free - 1, mem.freeFrames(), "no second copy");
    assertEquals(0x20, p.read(a));
    assertEquals(0x30, c.read(a));
    assertEquals(0x10, c.read(a + PAGE), "the other pages as before fork");
    assertEquals(List.of(), new Invariants(p.kernel).check());
    c.sys.exit(c.task);
    p.sys.exit(p.task);
    assertEquals(List.of(), new Invariants(p.kernel).checkNoLeaks());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void dontforkLeavesTheVmaOutAndWipeonforkEmptiesIt(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long keep = p.fixed(BASE, 2, TestProcess.RW);
    long dont = p.fixed(BASE + 4 * PAGE, 2, TestProcess.RW);
    long wipe = p.fixed(BASE + 8 * PAGE, 2, TestProcess.RW);
    for (long v : new long[] {keep, dont, wipe}) {
      p.write(v, 2 * PAGE, 0x55);
    }
    assertEquals(0, p.madvise(dont, 2 * PAGE, Mman.MADV_DONTFORK));
    assertEquals(0, p.madvise(wipe, 2 * PAGE, Mman.MADV_WIPEONFORK));
    TestProcess c = p.fork();
    assertEquals(0x55, c.read(keep));
    assertNull(c.vma(dont), "VM_DONTCOPY: no VMA in the child");
    assertEquals(Mmu.SEGV_MAPERR, c.sys.peek(c.task, dont).siCode());
    assertEquals(wipe, c.vma(wipe).start(), "VM_WIPEONFORK: the VMA is there ...");
    assertEquals(-1, c.sys.frameAt(c.task, wipe), "... with no pages");
    assertEquals(0, c.read(wipe + PAGE), "zero-fill on demand");
    assertEquals(0x55, p.read(wipe + PAGE), "the parent keeps its data");
    assertEquals(0x55, p.read(dont));
    c.sys.exit(c.task);
    assertEquals(List.of(), new Invariants(p.kernel).check());
  }

  @ParameterizedTest
  @ValueSource(strings = {"6.1", "legacy COW", "legacy COW + MADV_DONTFORK"})
  void aPinnedPageStaysTheParentsUnlessTheOldCowRuleSharesIt(String rule) {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).build());
    long a = p.mmap(0, 4 * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, 4 * PAGE, 1);
    if (rule.endsWith("DONTFORK")) {
      assertEquals(0, p.madvise(a, 4 * PAGE, Mman.MADV_DONTFORK));
    }
    assertEquals(4, p.sys.pin(p.task, a, 4 * PAGE));
    int[] pinned = new int[4];
    for (int i = 0; i < 4; i++) {
      pinned[i] = p.sys.frameAt(p.task, a + i * PAGE);
    }
    boolean legacy = !rule.equals("6.1");
    var child = p.sys.fork(p.task, legacy);
    if (!rule.endsWith("DONTFORK")) {
      int childFrame = p.sys.frameAt(child, a);
      // copy_present_page(): 6.1 gives the child its own copy at once; the old rule shares.
      assertEquals(legacy, childFrame == pinned[0], "child frame " + childFrame + ", pinned " + pinned[0]);
    }
    long faults = p.task.minflt();
    p.write(a, 4 * PAGE, 2);
    int still = 0;
    for (int i = 0; i < 4; i++) {
      still += p.sys.frameAt(p.task, a + i * PAGE) == pinned[i] ? 1 : 0;
    }
    boolean broken = rule.equals("legacy COW");
    assertEquals(broken ? 0 : 4, still, "pinned frames still mapped by the parent");
    assertEquals(faults + (broken ? 4 : 0), p.task.minflt());
    assertEquals(List.of(), new Invariants(p.kernel).check());
    p.sys.exit(child);
    p.sys.exit(p.task);
    assertEquals(List.of(), new Invariants(p.kernel).checkNoLeaks(), "pins are released at exit");
  }
}
