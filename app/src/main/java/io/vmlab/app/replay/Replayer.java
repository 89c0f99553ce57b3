package io.vmlab.app.replay;

import io.vmlab.api.arch.Access;
import io.vmlab.app.UserError;
import io.vmlab.app.trace.PageRef;
import io.vmlab.app.trace.TraceReader;
import io.vmlab.app.trace.opt.NextUseReader;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.memory.Mmu;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.sys.Syscalls;
import java.util.function.LongConsumer;

/**
 * Replays page references as user-mode accesses of one process. Without a maps file, a reference
 * outside every VMA maps its page as private anonymous read-write-execute memory (merging with
 * its neighbours, so a contiguous region becomes one VMA) and is retried: what the program had
 * mapped there is not known, so the simplest thing that lets it run is assumed.
 */
public final class Replayer {
  private static final Access[] ACCESS = {Access.EXEC, Access.READ, Access.WRITE, Access.WRITE};
  private static final int BATCH = 1 << 14;
  private static final int PROT_RWX = 7;
  private static final int MAP_PRIVATE_ANON_FIXED_NOREPLACE = 0x02 | 0x20 | 0x100000;

  private final Kernel kernel;
  private final Syscalls sys;
  private final Task task;
  private final boolean mapOnTouch;
  private final String traceName;
  private final long[] refs = new long[BATCH];
  private final long[] next = new long[BATCH];
  private PageTable64 nextUse;
  private long references;
  private long mapped;
  private long segv;

  /**
   * @param mapOnTouch map a page on its first reference if no VMA holds it
   */
  public Replayer(Kernel kernel, Syscalls sys, Task task, boolean mapOnTouch) {
    this(kernel, sys, task, mapOnTouch, "the trace");
  }

  /**
   * @param mapOnTouch map a page on its first reference if no VMA holds it
   * @param traceName the trace as error messages name it (its file)
   */
  public Replayer(Kernel kernel, Syscalls sys, Task task, boolean mapOnTouch, String traceName) {
    this.kernel = kernel;
    this.sys = sys;
    this.task = task;
    this.mapOnTouch = mapOnTouch;
    this.traceName = traceName;
  }

  /** Replays every reference of {@code reader}; {@code progress} gets the count of each batch. */
  public ReplayStats replay(TraceReader reader, long limit, LongConsumer progress) {
    long min0 = task.minflt();
    long maj0 = task.majflt();
    int n;
    while (!task.exited() && (n = reader.read(refs)) > 0) {
      n = (int) Math.min(n, limit - references);
      run(n, false);
      progress.accept(n);
      if (references >= limit) {
        break;
      }
    }
    return stats(min0, maj0);
  }

  /**
   * Replays with the future known: before each reference, the page's next use is recorded, and
   * the machine's replacement policy can ask for it (Belady's OPT).
   */
  public ReplayStats replayWithFuture(NextUseReader reader, long limit, LongConsumer progress) {
    long min0 = task.minflt();
    long maj0 = task.majflt();
    nextUse = new PageTable64();
    kernel.memoryManager().setFuture(page -> nextUse.get(page, Long.MAX_VALUE));
    int n;
    while (!task.exited() && (n = reader.read(refs, next)) > 0) {
      n = (int) Math.min(n, limit - references);
      run(n, true);
      progress.accept(n);
      if (references >= limit) {
        break;
      }
    }
    return stats(min0, maj0);
  }

  private ReplayStats stats(long min0, long maj0) {
    return new ReplayStats(references, task.minflt() - min0, task.majflt() - maj0, mapped, segv, task.killed());
  }

  private void run(int n, boolean future) {
    if (!future) {
      // PageRef words (page << 3 | continuation << 2 | kind) are what the MMU takes: it reads the
      // page above bit 3 and the kind below bit 2.
      int i = 0;
      while (i < n) {
        int stop = sys.accessAll(task, refs, i, n);
        references += stop - i;
        if (stop == n) {
          return;
        }
        references++;
        if (task.exited() || task.killed()) {
          return;
        }
        miss(sys.mmu().lastOutcome(), PageRef.page(refs[stop]) << 12, ACCESS[PageRef.kind(refs[stop])]);
        if (task.exited()) {
          return; // the retry after mapping woke the OOM killer: nothing more runs
        }
        i = stop + 1;
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      long w = refs[i];
      long va = PageRef.page(w) << 12;
      if (future) {
        nextUse.put(PageRef.page(w), next[i]);
      }
      Access access = ACCESS[PageRef.kind(w)];
      int r = sys.access(task, va, access);
      references++;
      if (r != Mmu.OK) {
        if (r == Mmu.OOM || task.exited()) {
          return;
        }
        miss(r, va, access);
        if (task.exited()) {
          return; // the retry after mapping woke the OOM killer: nothing more runs
        }
      }
    }
  }

  private void miss(int r0, long va, Access access) {
    Mmu mmu = sys.mmu();
    if (!mapOnTouch || r0 != Mmu.SIGSEGV || mmu.siCode() != Mmu.SEGV_MAPERR) {
      segv++;
      return;
    }
    long r = sys.mmap(task, va, 4096, PROT_RWX, MAP_PRIVATE_ANON_FIXED_NOREPLACE, null, 0);
    if (Errno.isError(r)) {
      // The error names the trace (file: message); its reference number stands in for a line.
      throw new UserError(String.format("%s: reference %d touches 0x%x, which this machine cannot map for a user "
          + "process (mmap: %s; TASK_SIZE 0x%x, mmap_min_addr 0x%x)", traceName, references, va, Errno.of(r),
          task.abi().taskSize(), kernel.spec().kernel().mmapMinAddr()));
    }
    mapped++;
    int again = sys.access(task, va, access);
    if (again != Mmu.OK && again != Mmu.OOM) {
      segv++;
    }
  }
}
