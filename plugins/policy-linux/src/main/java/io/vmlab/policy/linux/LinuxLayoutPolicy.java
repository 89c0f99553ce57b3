package io.vmlab.policy.linux;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.policy.LayoutPolicy;
import io.vmlab.api.policy.LayoutRequest;
import io.vmlab.api.policy.MmLayout;
import java.util.SplittableRandom;
import org.pf4j.Extension;

/**
 * Linux's layout: arch/x86/mm/mmap.c arch_pick_mmap_layout() and the exec-time randomization of
 * fs/binfmt_elf.c, mm/util.c and arch/x86/kernel/process.c.
 */
@Extension
public final class LinuxLayoutPolicy implements LayoutPolicy {
  private static final long SIZE_128M = 128L << 20;

  @Override
  public String name() {
    return "linux";
  }

  @Override
  public String description() {
    return "Linux's layout: top-down mmap below the stack gap, legacy bottom-up on request, ASLR by randomize_va_space";
  }

  @Override
  public MmLayout pick(LayoutRequest r) {
    ProcessAbi abi = r.abi();
    boolean randomize = !r.noRandomize() && r.randomizeVaSpace() != 0;
    SplittableRandom rnd = r.random();
    // Draw in a fixed order so a seed gives the same layout whatever is used.
    long mmapRnd = rnd.nextLong();
    long stackRnd = rnd.nextLong();
    long jitter = rnd.nextLong();
    long pieRnd = rnd.nextLong();
    long brkRnd = rnd.nextLong();
    long vdsoRnd = rnd.nextLong();
    long tablesRnd = rnd.nextLong();

    long mmapRandom = randomize ? archRnd(mmapRnd, abi.mmapRndBits()) : 0;
    long legacyBase = mmapLegacyBase(abi, mmapRandom);
    long base = r.legacyLayout() ? legacyBase : mmapBase(abi, mmapRandom, r, randomize);
    long stackTop = pageAlign(abi.stackTop());
    if (randomize) {
      stackTop -= (stackRnd & abi.stackRndMask()) << 12;
    }
    // arch_align_stack() tests ADDR_NO_RANDOMIZE and randomize_va_space itself: the same condition.
    long stackJitter = randomize ? Long.remainderUnsigned(jitter, 8192) : 0;
    long tablesJitter = randomize ? Long.remainderUnsigned(tablesRnd, 8192) : 0;
    long pieOffset = randomize ? archRnd(pieRnd, abi.mmapRndBits()) : 0;
    boolean randomizeBrk = randomize && r.randomizeVaSpace() > 1;
    return new MmLayout(!r.legacyLayout(), base, legacyBase, randomize, randomizeBrk, stackTop,
        stackJitter, pieOffset, brkRnd, vdsoRnd & 0xffffffffL, tablesJitter);
  }

  /** arch_rnd(): a page-aligned random offset of {@code bits} bits. */
  static long archRnd(long random, int bits) {
    return (random & ((1L << bits) - 1)) << 12;
  }

  /** mmap_legacy_base(): __TASK_UNMAPPED_BASE(task_size) + rnd. */
  static long mmapLegacyBase(ProcessAbi abi, long rnd) {
    return abi.taskUnmappedBase() + rnd;
  }

  /**
   * mmap_base(): below the stack's gap, which is the stack rlimit plus the stack's random range
   * and the guard gap, clamped to [128 MiB, task_size / 6 * 5].
   */
  static long mmapBase(ProcessAbi abi, long rnd, LayoutRequest r, boolean randomize) {
    long taskSize = abi.mapWindow();
    long gap = r.rlimitStack() < 0 ? -1L : r.rlimitStack();
    long pad = (randomize ? abi.stackRndMask() << 12 : 0) + r.stackGuardGap();
    if (Long.compareUnsigned(gap + pad, gap) > 0) {
      gap += pad;
    }
    long gapMax = taskSize / 6 * 5;
    if (Long.compareUnsigned(gap, SIZE_128M) < 0) {
      gap = SIZE_128M;
    } else if (Long.compareUnsigned(gap, gapMax) > 0) {
      gap = gapMax;
    }
    return pageAlign(taskSize - gap - rnd);
  }

  private static long pageAlign(long v) {
    return (v + 0xfff) & ~0xfffL;
  }
}
