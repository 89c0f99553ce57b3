package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.proc.ProcFs;
import io.vmlab.kernel.swap.SwapSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reclaim on a 16 MiB machine (mm/vmscan.c shrink_folio_list through rmap): anonymous pages go to
 * swap (pageout, MM_SWAPENTS, VmSwap and smaps Swap) and come back by do_swap_page() as major
 * faults; clean file pages are dropped and read again (a major fault); dirty file pages are written
 * back first; mlocked pages are unevictable.
 */
class ReclaimTest {
  private static final long PAGE = TestProcess.PAGE;
  private static final long MEMORY = 16L << 20;

  private static int value(int page) {
    return page % 251 + 1;
  }

  /** Writes a page-specific byte to each of {@code n} pages from {@code a}. */
  private static void fill(TestProcess p, long a, int n) {
    for (int i = 0; i < n; i++) {
      assertFalse(p.sys.touch(p.task, a + i * PAGE, 1, Access.WRITE, value(i), PAGE).signalled(), "page " + i);
    }
  }

  private static Map<String, String> smaps(TestProcess p, long start) {
    return new ProcFs(p.kernel).smaps(p.task).stream().filter(e -> e.vma() != null && e.vma().start() == start)
        .findFirst().orElseThrow().fields();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anonymousMemoryBeyondRamIsSwappedOutAndReadBack(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).memory(MEMORY).swap(32L << 20).build());
    SwapSpace swap = p.kernel.memoryManager().swapSpace();
    Rss base = Rss.of(p);
    int n = 6144;
    long a = p.mmap(0, n * PAGE, TestProcess.RW, TestProcess.ANON);
    fill(p, a, n);

    Rss r = Rss.of(p);
    assertTrue(r.swap() > 0, "24 MiB cannot stay in 16 MiB: " + r);
    assertEquals(n + base.anon(), r.anon() + r.swap(), "every page is in memory or on swap");
    assertEquals(r.swap(), swap.swapouts(), "pswpout");
    assertEquals(r.swap(), swap.used(), "one slot per swapped page");
    assertEquals(swap.swapouts(), p.kernel.memoryManager().reclaimCounters()[3], "pageouts");
    p.task.mm().rss().sync();
    assertEquals(r.swap() * 4, new ProcFs(p.kernel).status(p.task).get("VmSwap"));
    Map<String, String> sm = smaps(p, a);
    assertEquals(n * 4L, Long.parseLong(sm.get("Rss")) + Long.parseLong(sm.get("Swap")), "smaps Rss + Swap");
    long swapKb = new ProcFs(p.kernel).smaps(p.task).stream().mapToLong(e -> Long.parseLong(e.fields().get("Swap"))).sum();
    assertEquals(r.swap() * 4, swapKb, "smaps Swap over all VMAs");

    long maj = p.task.majflt();
    long ins = swap.swapins();
    for (int i = 0; i < n; i++) {
      assertEquals(value(i), p.read(a + i * PAGE), "page " + i + " came back intact");
    }
    assertTrue(p.task.majflt() > maj, "swap-ins are major faults");
    assertTrue(p.task.majflt() - maj <= swap.swapins() - ins, "each major fault read at least one page");
    assertEquals(List.of(), new Invariants(p.kernel).check());
    p.sys.exit(p.task);
    assertEquals(0, swap.used(), "exit frees every swap slot");
    assertEquals(List.of(), new Invariants(p.kernel).checkNoLeaks());
  }

  @Test
  void cleanFilePagesAreDroppedAndReadAgain() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).memory(MEMORY).swap(32L << 20).build());
    Inode disk = p.kernel.createFile("/disk/cold", 8, 1, 50, 1024 * PAGE, 0x62);
    long f = p.mmap(0, 1024 * PAGE, TestProcess.R, Mman.MAP_PRIVATE, new OpenFile(disk, true, false), 0);
    for (int i = 0; i < 1024; i++) {
      p.read(f + i * PAGE);
    }
    assertEquals(1024, disk.mapping().nrPages());
    assertEquals(1024, Rss.of(p).file());

    TestProcess hog = TestProcess.on(p.kernel);
    long h = hog.mmap(0, 5000 * PAGE, TestProcess.RW, TestProcess.ANON);
    hog.write(h, 5000 * PAGE, 3);
    long cached = disk.mapping().nrPages();
    assertTrue(cached < 1024, "file pages were reclaimed: " + cached + " left");
    assertEquals(cached, Rss.of(p).file(), "each dropped page was unmapped from the reader");
    assertEquals(0, p.kernel.memoryManager().reclaimCounters()[2], "clean pages need no writeback");
    long gone = 0;
    while (disk.mapping().find(gone) >= 0) {
      gone++;
    }
    long maj = p.task.majflt();
    assertEquals(0x62, p.read(f + gone * PAGE));
    assertEquals(maj + 1, p.task.majflt(), "read from storage again");
    assertEquals(List.of(), new Invariants(p.kernel).check());
  }

  @Test
  void dirtySharedFilePagesAreWrittenBackBeforeTheyGo() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).memory(MEMORY).swap(32L << 20).build());
    Inode file = p.kernel.createCachedFile("/disk/s", 8, 1, 51, 1024 * PAGE, 0x61, false);
    long s = p.mmap(0, 1024 * PAGE, TestProcess.RW, Mman.MAP_SHARED, new OpenFile(file, true, true), 0);
    p.write(s, 1024 * PAGE, 0x77);
    assertEquals(0, p.kernel.memoryManager().reclaimCounters()[2]);
    TestProcess hog = TestProcess.on(p.kernel);
    long h = hog.mmap(0, 5000 * PAGE, TestProcess.RW, TestProcess.ANON);
    hog.write(h, 5000 * PAGE, 3);
    long evicted = 1024 - file.mapping().nrPages();
    assertTrue(evicted > 0);
    assertEquals(evicted, p.kernel.memoryManager().reclaimCounters()[2], "every evicted page was dirty: written back");
    assertEquals(List.of(), new Invariants(p.kernel).check());
  }

  @Test
  void mlockedPagesAreNeverEvicted() {
    TestProcess p = TestProcess.on(Machine.of(Mode.X86_64_4LEVEL).memory(MEMORY).swap(32L << 20).build());
    long l = p.mmap(0, 512 * PAGE, TestProcess.RW, TestProcess.ANON);
    assertEquals(0, p.sys.mlock(p.task, l, 512 * PAGE));
    fill(p, l, 512);
    int[] frames = new int[512];
    for (int i = 0; i < 512; i++) {
      frames[i] = p.sys.frameAt(p.task, l + i * PAGE);
    }
    TestProcess hog = TestProcess.on(p.kernel);
    long h = hog.mmap(0, 6000 * PAGE, TestProcess.RW, TestProcess.ANON);
    hog.write(h, 6000 * PAGE, 3);
    assertTrue(Rss.of(hog).swap() > 0, "the hog was swapped");
    for (int i = 0; i < 512; i++) {
      assertEquals(frames[i], p.sys.frameAt(p.task, l + i * PAGE), "locked page " + i);
    }
    assertEquals("0", smaps(p, l).get("Swap"));
    assertEquals("2048", smaps(p, l).get("Locked"));
    assertEquals(List.of(), new Invariants(p.kernel).check());
  }
}
