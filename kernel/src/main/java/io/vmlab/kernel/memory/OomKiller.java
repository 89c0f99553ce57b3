package io.vmlab.kernel.memory;

import io.vmlab.api.policy.OomPolicy;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import java.util.ArrayList;
import java.util.List;

/**
 * out_of_memory() (mm/oom_kill.c): when reclaim cannot free a page, the OOM policy scores every
 * process (Linux: RSS + swap entries + page-table pages) and the highest is killed, freeing its
 * memory. Each kill is recorded for reports.
 */
public final class OomKiller {
  /** One kill: who, with what score and memory. */
  public record Kill(int pid, String comm, long badness, long rssPages, long swapPages, long pageTableBytes) {
    /** The kernel log line, after oom_kill_process()'s "Out of memory: Killed process". */
    public String report() {
      return String.format("Out of memory: Killed process %d (%s) rss:%dkB swap:%dkB pgtables:%dkB badness:%d",
          pid, comm, rssPages * 4, swapPages * 4, pageTableBytes / 1024, badness);
    }
  }

  private final Kernel kernel;
  private final List<Kill> kills = new ArrayList<>();

  OomKiller(Kernel kernel) {
    this.kernel = kernel;
  }

  /** Kills the worst process; false if there is none to kill. */
  boolean kill() {
    OomPolicy policy = kernel.policies().oom();
    List<OomPolicy.Candidate> candidates = new ArrayList<>();
    for (Task t : kernel.tasks()) {
      MmStruct mm = t.mm();
      if (mm == null || t.exited() || (t.killed() && t != kernel.current())) {
        continue;
      }
      candidates.add(new OomPolicy.Candidate(t.pid(), t.comm(), mm.rss().exact(RssStat.ANON)
          + mm.rss().exact(RssStat.FILE) + mm.rss().exact(RssStat.SHMEM), mm.rss().exact(RssStat.SWAPENTS),
          mm.pageTable().tableBytes(), 0));
    }
    long total = kernel.memory().frames() + kernel.spec().swapBytes() / 4096;
    int pid = policy.select(candidates, total);
    if (pid < 0) {
      return false;
    }
    Task victim = kernel.task(pid);
    OomPolicy.Candidate c = candidates.stream().filter(x -> x.pid() == pid).findFirst().orElseThrow();
    kills.add(new Kill(pid, victim.comm(), policy.badness(c, total), c.rssPages(), c.swapPages(), c.pageTableBytes()));
    if (victim == kernel.current()) {
      // The allocating task itself: its allocation fails and it dies once the fault unwinds.
      kernel.markOomVictim(victim);
      return false;
    }
    kernel.kill(victim);
    return true;
  }

  /** The kills so far. */
  public List<Kill> kills() {
    return List.copyOf(kills);
  }
}
