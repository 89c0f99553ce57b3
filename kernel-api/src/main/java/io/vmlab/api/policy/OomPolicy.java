package io.vmlab.api.policy;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** Whom the OOM killer picks (Linux: oom_badness, select_bad_process). */
public interface OomPolicy extends ExtensionPoint {
  /** A process the killer may choose. */
  record Candidate(int pid, String name, long rssPages, long swapPages, long pageTableBytes, int oomScoreAdj) {}

  /** The name YAML uses, e.g. {@code linux}. */
  String name();

  /** One line for {@code vmlab plugins}. */
  String description();

  /** A score; the highest is killed. Negative means never. */
  long badness(Candidate candidate, long totalPages);

  /** The victim among candidates, or -1 if none may be killed. */
  default int select(List<Candidate> candidates, long totalPages) {
    long best = -1;
    int pid = -1;
    for (Candidate c : candidates) {
      long b = badness(c, totalPages);
      if (b > best) {
        best = b;
        pid = c.pid();
      }
    }
    return pid;
  }
}
