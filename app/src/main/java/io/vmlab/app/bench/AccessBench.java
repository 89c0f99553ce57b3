package io.vmlab.app.bench;

import io.vmlab.api.arch.Access;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.memory.Mmu;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.sys.Syscalls;
import java.io.PrintStream;
import java.util.SplittableRandom;

/**
 * Accesses per second through the simulated MMU, and heap per resident page, on one machine:
 * <ol>
 *   <li>fault-heavy: the first write to each page of an anonymous region that fills memory (one
 *       page fault per access, no THP);
 *   <li>TLB-friendly: a working set smaller than the TLB, over and over (no walks);
 *   <li>walk-heavy: random pages of the resident region (TLB misses and page-table walks, no faults).
 * </ol>
 * Heap is measured after a full GC with every frame of the region resident.
 */
public final class AccessBench {
  /** What one run measured. */
  public record Result(long frames, long residentPages, double faultsPerSec, double tlbFriendlyPerSec,
      double walkHeavyPerSec, long heapBytes, double heapBytesPerResidentPage, long pageTableBytes) {}

  private static final long BASE = 0x100000000L;
  private static final int MADV_NOHUGEPAGE = 15;

  private final Kernel kernel;
  private final Syscalls sys;

  public AccessBench(Kernel kernel) {
    this.kernel = kernel;
    this.sys = new Syscalls(kernel);
  }

  /** Runs the three patterns; {@code accesses} is the count for each timed hit pattern. */
  public Result run(long accesses, PrintStream log) {
    Task t = ProcessFactory.empty(kernel, null, "bench", 1);
    long frames = kernel.memory().frames();
    // Leave the watermarks' reserve free, so the region fills memory without reclaim.
    long pages = kernel.memory().freeFrames() - Math.max(frames / 100, 4096);
    long len = pages << 12;
    long addr = sys.mmap(t, BASE, len, 3, 0x22 | 0x10, null, 0);
    if (Errno.isError(addr)) {
      throw new IllegalStateException("cannot map " + len + " bytes: errno " + -addr);
    }
    sys.madvise(t, addr, len, MADV_NOHUGEPAGE);
    log.printf("machine: %d frames (%d MiB); region %d pages%n", frames, frames >> 8, pages);

    long t0 = System.nanoTime();
    for (long p = 0; p < pages; p++) {
      check(sys.access(t, addr + (p << 12), Access.WRITE), addr + (p << 12));
    }
    double faultSecs = (System.nanoTime() - t0) / 1e9;
    long faults = t.minflt() + t.majflt();
    log.printf("fault-heavy: %d faults in %.2f s = %.2f M faults/s%n", faults, faultSecs, faults / faultSecs / 1e6);

    long heap = heapAfterGc();
    long resident = t.mm().rss().exact(io.vmlab.kernel.mm.RssStat.ANON);

    int ws = Math.max(1, kernel.spec().tlb().entries() / 2);
    t0 = System.nanoTime();
    for (long i = 0; i < accesses; i++) {
      sys.access(t, addr + ((i % ws) << 12), (i & 3) == 0 ? Access.WRITE : Access.READ);
    }
    double hitSecs = (System.nanoTime() - t0) / 1e9;
    log.printf("tlb-friendly: %d accesses over %d pages in %.2f s = %.1f M accesses/s%n", accesses, ws, hitSecs,
        accesses / hitSecs / 1e6);

    SplittableRandom rnd = new SplittableRandom(42);
    long walks = accesses / 4;
    t0 = System.nanoTime();
    for (long i = 0; i < walks; i++) {
      sys.access(t, addr + (rnd.nextLong(pages) << 12), Access.READ);
    }
    double walkSecs = (System.nanoTime() - t0) / 1e9;
    log.printf("walk-heavy: %d random accesses over %d pages in %.2f s = %.1f M accesses/s%n", walks, pages,
        walkSecs, walks / walkSecs / 1e6);
    log.printf("heap: %d MiB used with %d resident pages = %.1f bytes per resident page%n", heap >> 20, resident,
        (double) heap / resident);
    return new Result(frames, resident, faults / faultSecs, accesses / hitSecs, walks / walkSecs, heap,
        (double) heap / resident, t.mm().pageTable().tableBytes());
  }

  private void check(int r, long va) {
    if (r != Mmu.OK) {
      throw new IllegalStateException("access to 0x" + Long.toHexString(va) + " failed (" + r + ")");
    }
  }

  private static long heapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
