package io.vmlab.kernel.mm;

import static io.vmlab.kernel.TestProcess.PAGE;
import static io.vmlab.kernel.TestProcess.RW;
import static io.vmlab.kernel.TestProcess.range;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** brk(2): the new break or, on any failure, the old one; the [heap] VMA and its neighbours. */
class BrkTest {
  private TestProcess p;
  private long start;

  @BeforeEach
  void boot() {
    p = TestProcess.on(Mode.X86_64_4LEVEL);
    start = p.task.mm().startBrk();
  }

  private void assertAccounting() {
    long[] recount = p.task.mm().recountVm();
    assertEquals(recount[0], p.task.mm().totalVm(), "total_vm");
    assertEquals(recount[3], p.task.mm().dataVm(), "data_vm");
  }

  @Test
  void brkZeroAndBelowTheStartReturnTheCurrentBreak() {
    assertEquals(start, p.brk(0));
    assertEquals(start, p.brk(start - PAGE));
    assertEquals(start + 10, p.brk(start + 10), "a sub-page break is kept exactly");
    assertEquals(List.of(range(start, start + PAGE, "rw-p")), p.ranges(start, start + 16 * PAGE));
  }

  @Test
  void growthStopsOnePageBeforeTheNextVma() {
    long next = start + 8 * PAGE;
    assertEquals(next, p.fixed(next, 1, TestProcess.R));
    assertEquals(start + 7 * PAGE, p.brk(start + 7 * PAGE), "one free page stays above the break");
    assertEquals(start + 7 * PAGE, p.brk(start + 8 * PAGE));
    assertEquals(start + 7 * PAGE, p.task.mm().brk());
  }

  @Test
  void growthStopsAGuardGapBelowAStack() {
    long stack = start + (2L << 20);
    assertEquals(stack, p.mmap(stack, PAGE, RW, TestProcess.FIXED | Mman.MAP_GROWSDOWN));
    long limit = stack - (1L << 20) - PAGE;
    assertEquals(limit, p.brk(limit));
    assertEquals(limit, p.brk(limit + PAGE));
  }

  @Test
  void shrinkingAHeapThatAnMmapJoinedUnmapsOnlyTheBreakRange() {
    assertEquals(start + 4 * PAGE, p.brk(start + 4 * PAGE));
    long old = start + 4 * PAGE;
    // An anonymous mapping right at the break merges into the heap VMA.
    assertEquals(old, p.fixed(old, 4, RW));
    p.write(old, 4 * PAGE, 0x3c);
    assertEquals(List.of(range(start, old + 4 * PAGE, "rw-p")), p.ranges(start, old + 8 * PAGE));
    assertEquals(start + PAGE, p.brk(start + PAGE));
    assertEquals(List.of(range(start, start + PAGE, "rw-p"), range(old, old + 4 * PAGE, "rw-p")),
        p.ranges(start, old + 8 * PAGE));
    assertEquals(0x3c, p.read(old + 3 * PAGE), "the mapping above the break is untouched");
    assertAccounting();
    p.task.mm().vmas().verify();
    assertEquals(p.task.mm().pageTable().recountTableBytes(), p.task.mm().pageTable().tableBytes());
  }

  @Test
  void shrinkingFreesThePagesAboveTheNewBreak() {
    assertEquals(start + 4 * PAGE, p.brk(start + 4 * PAGE));
    p.write(start, 4 * PAGE, 9);
    assertEquals(start + 2 * PAGE, p.brk(start + 2 * PAGE));
    assertEquals(start + 4 * PAGE, p.brk(start + 4 * PAGE));
    assertEquals(9, p.read(start + PAGE));
    assertEquals(0, p.read(start + 3 * PAGE), "a fresh zero page");
    assertAccounting();
  }
}
