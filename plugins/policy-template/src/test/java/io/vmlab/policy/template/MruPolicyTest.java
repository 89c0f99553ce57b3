package io.vmlab.policy.template;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.policy.study.FrameAllocation;
import io.vmlab.api.policy.study.PolicyStudy;
import io.vmlab.api.policy.study.StudyResult;
import io.vmlab.api.policy.study.StudyTrace;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How to test a policy: the policy-study harness from kernel-api's test-jar, and a tiny model. */
class MruPolicyTest {
  private static final MruPolicy MRU = new MruPolicy();

  /**
   * A loop over 4 pages with 3 frames: 1 2 3 load; 4 evicts 3 (the last used); 1 2 hit; 3 evicts
   * 2; 4 1 hit; 2 evicts 1; 3 4 hit: 6 faults where LRU takes all 12.
   */
  @Test
  void loopLargerThanMemory() {
    StudyTrace loop = StudyTrace.parse("1,2,3,4,1,2,3,4,1,2,3,4");
    assertEquals(new StudyResult(12, 6, 0), PolicyStudy.run(MRU, loop, 3));
  }

  /** The same policy written the obvious way over page numbers, on seeded random strings. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 404})
  void matchesListModel(long seed) {
    StudyTrace t = StudyTrace.random(seed, 3000, 40, 0.3);
    for (int frames : new int[] {1, 4, 20}) {
      for (FrameAllocation a : FrameAllocation.values()) {
        assertEquals(model(t, frames), PolicyStudy.run(MRU, t, frames, a, seed), "seed " + seed + ", " + frames + " frames, " + a);
      }
    }
  }

  private static StudyResult model(StudyTrace t, int frames) {
    List<Long> byRecency = new ArrayList<>(); // most recent last
    List<Long> dirty = new ArrayList<>();
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < t.length(); i++) {
      long p = t.page(i);
      if (!byRecency.remove(p)) {
        faults++;
        if (byRecency.size() == frames && dirty.remove(byRecency.remove(frames - 1))) {
          writebacks++;
        }
      }
      byRecency.add(p);
      if (t.write(i) && !dirty.contains(p)) {
        dirty.add(p);
      }
    }
    return new StudyResult(t.length(), faults, writebacks);
  }
}
