package io.vmlab.policy.linux;

import io.vmlab.api.policy.OomPolicy;
import org.pf4j.Extension;

/**
 * mm/oom_kill.c oom_badness(): resident pages plus swap entries plus page-table pages, adjusted
 * by oom_score_adj in thousandths of memory; -1000 is never killed.
 */
@Extension
public final class LinuxOomPolicy implements OomPolicy {
  @Override
  public String name() {
    return "linux";
  }

  @Override
  public String description() {
    return "Linux's oom_badness: RSS + swap + page tables, adjusted by oom_score_adj";
  }

  @Override
  public long badness(Candidate c, long totalPages) {
    if (c.oomScoreAdj() <= -1000) {
      return -1;
    }
    long points = c.rssPages() + c.swapPages() + c.pageTableBytes() / 4096;
    points += (long) c.oomScoreAdj() * (totalPages / 1000);
    return Math.max(points, 1);
  }
}
