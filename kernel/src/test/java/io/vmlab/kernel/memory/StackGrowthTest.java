package io.vmlab.kernel.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.sys.AccessOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A fault below a VM_GROWSDOWN VMA (the stack, or MAP_GROWSDOWN) expands it down to the faulting
 * page (expand_downwards, mm/mmap.c 6.1): no check against the stack pointer, but RLIMIT_STACK and
 * stack_guard_gap (256 pages) above an accessible VMA below; a PROT_NONE neighbour does not count.
 */
class StackGrowthTest {
  private static final long PAGE = TestProcess.PAGE;
  private static final long GAP = 256 * PAGE;

  private static Vma stack(TestProcess p) {
    return p.vma(p.task.mm().startStack());
  }

  private static AccessOutcome write(TestProcess p, long va) {
    return p.sys.touch(p.task, va, 1, Access.WRITE, 9, PAGE);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theStackGrowsToTheFaultingPageWithinRlimitStack(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    Vma s = stack(p);
    long top = s.end();
    long start = s.start();
    long stackVm = p.task.mm().stackVm();
    Rss base = Rss.of(p);
    assertFalse(write(p, start - 5 * PAGE + 0x10).signalled());
    assertEquals(start - 5 * PAGE, s.start(), "expanded to the page of the fault");
    assertEquals(stackVm + 5, p.task.mm().stackVm(), "VmStk");
    assertEquals(1, Rss.of(p).minus(base).anon());
    assertEquals(1, p.task.minflt());
    // Far below the stack pointer is fine in 6.1, as long as RLIMIT_STACK (8 MiB) allows it.
    long deepest = top - (8L << 20);
    assertFalse(write(p, deepest).signalled());
    assertEquals(deepest, s.start());
    AccessOutcome o = write(p, deepest - PAGE);
    assertEquals(AccessOutcome.SIGSEGV, o.signal(), "acct_stack_growth(): beyond RLIMIT_STACK");
    assertEquals(Mmu.SEGV_MAPERR, o.siCode());
    assertEquals(deepest - PAGE, o.faultAddress());
    assertEquals(deepest, s.start());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theGuardGapAboveAnAccessibleVmaStopsGrowth(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long start = stack(p).start();
    long below = start - (2L << 20);
    assertEquals(below, p.fixed(below, 1, TestProcess.RW));
    long prevEnd = below + PAGE;
    AccessOutcome o = write(p, prevEnd + GAP - PAGE);
    assertEquals(AccessOutcome.SIGSEGV, o.signal(), "one page inside the guard gap");
    assertEquals(Mmu.SEGV_MAPERR, o.siCode());
    assertEquals(start, stack(p).start());
    assertFalse(write(p, prevEnd + GAP).signalled(), "exactly stack_guard_gap away");
    assertEquals(prevEnd + GAP, stack(p).start());

    // A PROT_NONE neighbour is not a reason to keep the gap (vma_is_accessible()).
    assertEquals(0, p.mprotect(below, PAGE, Mman.PROT_NONE));
    assertFalse(write(p, prevEnd + PAGE).signalled());
    assertEquals(prevEnd + PAGE, stack(p).start());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void mapGrowsdownMappingsGrowLikeTheStack(Mode mode) {
    TestProcess p = TestProcess.on(Machine.of(mode).build());
    long x = 0x20000000L;
    int flags = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS | Mman.MAP_FIXED | Mman.MAP_GROWSDOWN;
    assertEquals(x, p.mmap(x, PAGE, TestProcess.RW, flags));
    long stackVm = p.task.mm().stackVm();
    assertFalse(write(p, x - PAGE).signalled());
    assertEquals(x - PAGE, p.vma(x).start());
    assertFalse(write(p, x - 40 * PAGE + 0x800).signalled());
    assertEquals(x - 40 * PAGE, p.vma(x).start());
    assertEquals(stackVm + 40, p.task.mm().stackVm(), "a VM_GROWSDOWN VMA counts as stack");
    assertEquals(2, p.task.minflt());

    long low = x - 40 * PAGE - GAP - 8 * PAGE;
    p.fixed(low, 1, TestProcess.R);
    assertEquals(AccessOutcome.SIGSEGV, write(p, low + PAGE + GAP - PAGE).signal(), "guard gap");
    assertFalse(write(p, low + PAGE + GAP).signalled());
    // Below a VMA that does not grow down: a plain bad area.
    assertEquals(Mmu.SEGV_MAPERR, write(p, low - PAGE).siCode());
  }
}
