package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.check.Invariants;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.sys.AccessOutcome;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * out_of_memory() (mm/oom_kill.c): when reclaim cannot free a page (no swap, or swap full), the
 * process with the highest oom_badness (RSS + swap entries + page-table pages) is killed and its
 * memory freed; the allocation then succeeds, and the machine stays consistent.
 */
class OomKillerTest {
  private static final long PAGE = TestProcess.PAGE;

  private static long badness(TestProcess p) {
    RssStat r = p.task.mm().rss();
    return r.exact(RssStat.ANON) + r.exact(RssStat.FILE) + r.exact(RssStat.SHMEM) + r.exact(RssStat.SWAPENTS)
        + p.task.mm().pageTable().tableBytes() / 4096;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withoutSwapTheLargestProcessIsKilled(Mode mode) {
    TestProcess big = TestProcess.on(Machine.of(mode).memory(16L << 20).build());
    TestProcess mid = TestProcess.on(big.kernel);
    TestProcess grower = TestProcess.on(big.kernel);
    big.write(big.mmap(0, 2000 * PAGE, TestProcess.RW, TestProcess.ANON), 2000 * PAGE, 1);
    long m = mid.mmap(0, 1200 * PAGE, TestProcess.RW, TestProcess.ANON);
    mid.write(m, 1200 * PAGE, 2);
    long bigRss = Rss.of(big).anon();
    long bigTables = big.task.mm().pageTable().tableBytes();
    long bigBadness = badness(big);
    assertTrue(bigBadness > badness(mid));

    long g = grower.mmap(0, 1500 * PAGE, TestProcess.RW, TestProcess.ANON);
    AccessOutcome o = grower.sys.touch(grower.task, g, 1500 * PAGE, Access.WRITE, 3, PAGE);
    assertFalse(o.signalled(), () -> "the allocation succeeds once the victim's memory is freed: " + o);
    List<OomKiller.Kill> kills = big.kernel.memoryManager().oomKills();
    assertEquals(1, kills.size(), kills::toString);
    OomKiller.Kill k = kills.get(0);
    assertEquals(big.task.pid(), k.pid());
    assertEquals(bigRss, k.rssPages());
    assertEquals(0, k.swapPages());
    assertEquals(bigTables, k.pageTableBytes());
    assertEquals(bigBadness, k.badness(), "oom_badness(): rss + swap + page tables / PAGE_SIZE");
    assertTrue(k.report().startsWith("Out of memory: Killed process " + big.task.pid() + " (test)"), k.report());
    assertTrue(big.task.exited());
    assertFalse(mid.task.exited());
    assertEquals(2, mid.read(m + 1199 * PAGE), "the survivor's memory is intact");
    assertEquals(List.of(), new Invariants(big.kernel).check());
    mid.sys.exit(mid.task);
    grower.sys.exit(grower.task);
    assertEquals(List.of(), new Invariants(big.kernel).checkNoLeaks());
  }

  @ParameterizedTest
  @EnumSource(value = Mode.class, names = {"IA32_2LEVEL", "X86_64_4LEVEL"})
  void whenSwapIsFullTheLargestIsKilledWithItsSwapCounted(Mode mode) {
    TestProcess big = TestProcess.on(Machine.of(mode).memory(16L << 20).swap(4L << 20).build());
    TestProcess grower = TestProcess.on(big.kernel);
    // 5200 pages wanted; 4096 frames and 1024 swap slots to hold them.
    big.write(big.mmap(0, 3000 * PAGE, TestProcess.RW, TestProcess.ANON), 3000 * PAGE, 1);
    long g = grower.mmap(0, 2200 * PAGE, TestProcess.RW, TestProcess.ANON);
    AccessOutcome o = grower.sys.touch(grower.task, g, 2200 * PAGE, Access.WRITE, 3, PAGE);
    assertFalse(o.signalled(), o::toString);
    List<OomKiller.Kill> kills = big.kernel.memoryManager().oomKills();
    assertEquals(1, kills.size(), kills::toString);
    OomKiller.Kill k = kills.get(0);
    assertEquals(big.task.pid(), k.pid());
    assertTrue(k.swapPages() > 0, "its oldest pages had gone to swap: " + k);
    assertEquals(k.rssPages() + k.swapPages() + k.pageTableBytes() / 4096, k.badness());
    assertEquals(3001, k.rssPages() + k.swapPages(), "every page it wrote, plus its stack page");
    assertTrue(big.task.exited());
    assertEquals(List.of(), new Invariants(big.kernel).check());
    grower.sys.exit(grower.task);
    assertEquals(0, big.kernel.memoryManager().swapSpace().used());
    assertEquals(List.of(), new Invariants(big.kernel).checkNoLeaks());
  }
}
