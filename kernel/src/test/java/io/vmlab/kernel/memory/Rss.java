package io.vmlab.kernel.memory;

import io.vmlab.kernel.Task;
import io.vmlab.kernel.TestProcess;
import io.vmlab.kernel.mm.RssStat;

/** A task's exact RSS counters in pages (the mm's counters plus the 6.1 per-task cache). */
record Rss(long anon, long file, long shmem, long swap) {
  static Rss of(Task t) {
    RssStat r = t.mm().rss();
    return new Rss(r.exact(RssStat.ANON), r.exact(RssStat.FILE), r.exact(RssStat.SHMEM), r.exact(RssStat.SWAPENTS));
  }

  static Rss of(TestProcess p) {
    return of(p.task);
  }

  /** The change since {@code before}. */
  Rss minus(Rss before) {
    return new Rss(anon - before.anon, file - before.file, shmem - before.shmem, swap - before.swap);
  }

  @Override
  public String toString() {
    return "anon " + anon + ", file " + file + ", shmem " + shmem + ", swap " + swap + " pages";
  }
}
