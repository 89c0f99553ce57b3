package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.proc.ProcFs;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * mlock(), MAP_LOCKED and MAP_POPULATE fault the range in at once (populate_vma_page_range, then
 * __get_user_pages): writable private mappings with write faults (breaking COW), the rest with
 * read faults. Each fault counts in the task's minflt (mm_account_fault counts GUP faults too);
 * pages already mapped, by fault-around for instance, are not faulted again.
 */
class PrefaultTest {
  private static final long PAGE = TestProcess.PAGE;
  private static final long BASE = 0x10000000L;

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mlockFaultsInEveryPageForWriting(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    Rss base = Rss.of(p);
    long a = p.mmap(0, 16 * PAGE, TestProcess.RW, TestProcess.ANON);
    assertEquals(0, p.sys.mlock(p.task, a, 16 * PAGE));
    assertEquals(16, p.task.minflt());
    assertEquals(new Rss(16, 0, 0, 0), Rss.of(p).minus(base));
    Set<Integer> frames = new HashSet<>();
    for (int i = 0; i < 16; i++) {
      frames.add(p.sys.frameAt(p.task, a + i * PAGE));
    }
    assertEquals(16, frames.size(), "16 pages of its own, no zero page");
    assertTrue(!frames.contains(p.kernel.memory().zeroPfn()));
    assertEquals(64, new ProcFs(p.kernel).status(p.task).get("VmLck"));
    p.write(a, 16 * PAGE, 3);
    assertEquals(16, p.task.minflt(), "writes after mlock take no fault");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void populatingAReadOnlyMappingMapsTheZeroPage(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    Rss base = Rss.of(p);
    long a = p.mmap(0, 8 * PAGE, TestProcess.R, TestProcess.ANON | Mman.MAP_POPULATE);
    assertEquals(8, p.task.minflt());
    assertEquals(new Rss(0, 0, 0, 0), Rss.of(p).minus(base));
    assertEquals(p.kernel.memory().zeroPfn(), p.sys.frameAt(p.task, a + 7 * PAGE));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mapLockedAndPopulateOnFiles(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    OpenFile f = new OpenFile(p.kernel.createCachedFile("/disk/f", 8, 1, 20, 64 * PAGE, 0x61, false), true, true);
    Rss base = Rss.of(p);
    // Shared read-only: read faults, and fault-around maps 16 pages per fault.
    p.mmap(BASE, 64 * PAGE, TestProcess.R, Mman.MAP_SHARED | Mman.MAP_FIXED | Mman.MAP_POPULATE, f, 0);
    assertEquals(4, p.task.minflt());
    assertEquals(new Rss(0, 64, 0, 0), Rss.of(p).minus(base));
    // Private writable and locked: every page is written, i.e. copied (do_cow_fault).
    long b = BASE + (1L << 24);
    p.mmap(b, 16 * PAGE, TestProcess.RW, Mman.MAP_PRIVATE | Mman.MAP_FIXED | Mman.MAP_LOCKED, f, 0);
    assertEquals(4 + 16, p.task.minflt());
    assertEquals(new Rss(16, 64, 0, 0), Rss.of(p).minus(base));
    assertNotEquals(f.inode().mapping().find(0), p.sys.frameAt(p.task, b));
    assertEquals(0x61, p.read(b + 5 * PAGE));
    assertEquals(16, p.task.mm().lockedVm());
  }
}
