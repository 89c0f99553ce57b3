package io.vmlab.kernel.mm;

import static io.vmlab.kernel.TestProcess.ANON;
import static io.vmlab.kernel.TestProcess.PAGE;
import static io.vmlab.kernel.TestProcess.R;
import static io.vmlab.kernel.TestProcess.RW;
import static io.vmlab.kernel.TestProcess.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vmlab.kernel.TestKernels;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * vm.max_map_count (here 100): do_mmap() refuses when map_count > max (so max + 1 VMAs can
 * exist), split_vma() and munmap's split of a VMA's middle when map_count >= max, brk like mmap,
 * and mremap with MREMAP_FIXED when map_count + 2 >= max - 3.
 */
class MaxMapCountTest {
  private static final int MAX = 100;
  /** A 3-page VMA to split: far from everything else. */
  private static final long T = 0x100000000L;

  private TestProcess p;

  @BeforeEach
  void boot() {
    p = TestProcess.on(TestKernels.of(Mode.X86_64_4LEVEL).maxMapCount(MAX).build());
    assertEquals(T, p.fixed(T, 3, RW));
  }

  private int count() {
    return p.task.mm().mapCount();
  }

  /** Adds single-page VMAs (alternating protections, so none merge) until there are {@code n}. */
  private void fillTo(int n) {
    int i = 0;
    while (count() < n) {
      long a = p.mmap(0, PAGE, i++ % 2 == 0 ? R : RW, ANON);
      assertFalse(Errno.isError(a), () -> "fill stopped at " + count());
    }
    assertEquals(n, count());
  }

  @Test
  void mmapRefusesOnlyOnceMapCountExceedsTheLimit() {
    fillTo(MAX);
    long a = p.mmap(0, PAGE, Mman.PROT_EXEC, ANON);
    assertFalse(Errno.isError(a), "map_count == max: allowed");
    assertEquals(MAX + 1, count());
    assertEquals(Errno.ENOMEM.neg(), p.mmap(0, PAGE, R, ANON));
    assertEquals(Errno.ENOMEM.neg(), p.mmap(T + 3 * PAGE, PAGE, RW, TestProcess.FIXED),
        "refused before it could have merged");
    assertEquals(MAX + 1, count());
    assertEquals(0, p.munmap(a, PAGE));
    assertFalse(Errno.isError(p.mmap(0, PAGE, R, ANON)));
  }

  @Test
  void mprotectSplitRefusesAtTheLimit() {
    fillTo(MAX);
    assertEquals(Errno.ENOMEM.neg(), p.mprotect(T + PAGE, PAGE, R));
    assertEquals(List.of(range(T, T + 3 * PAGE, "rw-p")), p.ranges(T, T + 3 * PAGE));
    assertEquals(Errno.ENOMEM.neg(), p.mprotect(T, PAGE, R), "one split is one too many");
    assertEquals(0, p.mprotect(T, 3 * PAGE, R), "no split needed");
  }

  @Test
  void mprotectOneBelowTheLimitSplitsOnceThenFails() {
    fillTo(MAX - 1);
    // mprotect_fixup(): the first split_vma() succeeds (map_count becomes max), the second fails.
    assertEquals(Errno.ENOMEM.neg(), p.mprotect(T + PAGE, PAGE, R));
    assertEquals(List.of(range(T, T + PAGE, "rw-p"), range(T + PAGE, T + 3 * PAGE, "rw-p")),
        p.ranges(T, T + 3 * PAGE));
    assertEquals(MAX, count());
  }

  @Test
  void munmapOfTheMiddleRefusesAtTheLimitButHeadsAndTailsMayGo() {
    fillTo(MAX);
    assertEquals(Errno.ENOMEM.neg(), p.munmap(T + PAGE, PAGE));
    assertEquals(0, p.munmap(T + 2 * PAGE, PAGE), "a tail split removes what it adds");
    assertEquals(0, p.munmap(T, PAGE), "so does a head split");
    assertEquals(List.of(range(T + PAGE, T + 2 * PAGE, "rw-p")), p.ranges(T, T + 3 * PAGE));
    assertEquals(MAX, count());
  }

  @Test
  void munmapOfTheMiddleWorksOneBelowTheLimit() {
    fillTo(MAX - 1);
    assertEquals(0, p.munmap(T + PAGE, PAGE));
    assertEquals(MAX, count());
  }

  @Test
  void madviseSplitRefusesWithEagain() {
    fillTo(MAX);
    assertEquals(Errno.EAGAIN.neg(), p.madvise(T + PAGE, PAGE, Mman.MADV_DONTFORK));
    assertEquals(0, p.madvise(T, 3 * PAGE, Mman.MADV_DONTFORK));
  }

  @Test
  void brkRefusesOnceMapCountExceedsTheLimit() {
    long start = p.task.mm().startBrk();
    fillTo(MAX + 1);
    assertEquals(start, p.brk(start + PAGE), "brk returns the old break");
    assertEquals(start, p.task.mm().brk());
  }

  @Test
  void brkAtTheLimitStillCreatesTheHeap() {
    long start = p.task.mm().startBrk();
    fillTo(MAX);
    assertEquals(start + PAGE, p.brk(start + PAGE));
    assertEquals(MAX + 1, count());
  }

  @Test
  void mremapFixedNeedsRoomForTwoMoreVmasAndThreeSpare() {
    int fixed = Mman.MREMAP_MAYMOVE | Mman.MREMAP_FIXED;
    long to = 0x200000000L;
    fillTo(MAX - 5);
    assertEquals(Errno.ENOMEM.neg(), p.mremap(T, PAGE, PAGE, fixed, to), "95 + 2 >= 97");
    assertEquals(0, p.munmap(p.vmas().get(1).start(), PAGE), "one of the single pages");
    assertEquals(MAX - 6, count());
    assertEquals(to, p.mremap(T, PAGE, PAGE, fixed, to));
  }
}
