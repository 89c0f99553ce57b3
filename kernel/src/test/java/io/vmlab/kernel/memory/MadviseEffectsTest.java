package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.proc.ProcFs;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * MADV_DONTNEED zaps the range at once (zap_page_range: the next access is a fresh fault that sees
 * zeros, or the file again for a private file mapping); MADV_FREE only marks clean anonymous pages
 * lazily freeable (madvise_free_pte_range), and reclaim drops them under memory pressure unless
 * they were written again (shrink_folio_list: a dirty lazyfree folio is kept).
 */
class MadviseEffectsTest {
  private static final long PAGE = TestProcess.PAGE;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void dontneedZeroesAnonymousMemoryAndFreesItsFrames(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long a = p.mmap(0, 8 * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, 8 * PAGE, 0x44);
    Rss written = Rss.of(p);
    long free = p.kernel.memory().freeFrames();
    assertEquals(0, p.madvise(a, 8 * PAGE, Mman.MADV_DONTNEED));
    assertEquals(written.anon() - 8, Rss.of(p).anon());
    assertEquals(free + 8, p.kernel.memory().freeFrames(), "the eight pages went back to the allocator");
    long faults = p.task.minflt();
    assertEquals(0, p.read(a + 3 * PAGE));
    assertEquals(faults + 1, p.task.minflt(), "the next access faults again");
    assertEquals(p.kernel.memory().zeroPfn(), p.sys.frameAt(p.task, a + 3 * PAGE));
  }

  @Test
  void dontneedOnAPrivateFileMappingBringsTheFileBack() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).build());
    OpenFile f = new OpenFile(p.kernel.createCachedFile("/disk/f", 8, 1, 21, 4 * PAGE, 0x61, false), true, true);
    long a = p.mmap(0, 4 * PAGE, TestProcess.RW, Mman.MAP_PRIVATE, f, 0);
    p.write(a, 1, 0x7a);
    assertEquals(0x7a, p.read(a));
    assertEquals(0, p.madvise(a, 4 * PAGE, Mman.MADV_DONTNEED));
    assertEquals(0x61, p.read(a), "the COW copy is gone; the page cache shows through");
  }

  @Test
  void madvFreePagesStayUntilPressureDropsTheCleanOnes() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).memory(16L << 20).build());
    ProcFs proc = new ProcFs(p.kernel);
    int n = 256;
    long a = p.mmap(0, n * PAGE, TestProcess.RW, TestProcess.ANON);
    p.write(a, n * PAGE, 0x11);
    Rss written = Rss.of(p);
    assertEquals(0, p.madvise(a, n * PAGE, Mman.MADV_FREE));
    p.write(a + 3 * PAGE, 1, 0x22);
    assertEquals(written, Rss.of(p), "nothing is freed yet");
    assertEquals(0x11, p.read(a + PAGE), "and the data is still there");
    // lru_lazyfree batches of 15: 255 pages turned lazily freeable, the last waits in the batch;
    // smaps_account() does not count page 3, whose PTE is dirty again.
    assertEquals("1016", proc.smapsRollup(p.task).get("LazyFree"));

    // Pressure: 15 MiB of clean page cache on a 16 MiB machine without swap.
    p.kernel.createCachedFile("/disk/big", 8, 1, 22, 15L << 20, 0x62, false);
    assertTrue(p.kernel.memoryManager().reclaimCounters()[1] > 0, "reclaim ran");
    // shrink_folio_list(): a clean lazyfree folio is freed, not swapped (there is no swap). Page 1
    // (referenced since) and page 255 (still in the per-CPU batch) depend on how far reclaim went.
    for (int i = 0; i < n - 1; i++) {
      if (i != 1 && i != 3) {
        assertEquals(-1, p.sys.frameAt(p.task, a + i * PAGE), "page " + i + " dropped");
      }
    }
    assertEquals(0x22, p.read(a + 3 * PAGE), "written again after MADV_FREE: kept");
    long faults = p.task.minflt();
    assertEquals(0, p.read(a), "a dropped page reads as zeros");
    assertEquals(faults + 1, p.task.minflt(), "after a fresh fault (the zero page)");
    assertEquals(List.of(), new Invariants(p.kernel).check());
  }
}
