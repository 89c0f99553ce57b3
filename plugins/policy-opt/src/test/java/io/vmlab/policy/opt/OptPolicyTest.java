package io.vmlab.policy.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.policy.study.FrameAllocation;
import io.vmlab.api.policy.study.PolicyStudy;
import io.vmlab.api.policy.study.StudyResult;
import io.vmlab.api.policy.study.StudyTrace;
import io.vmlab.api.policy.study.TextbookPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OPT gives the textbook counts, breaks ties by page number and matches a scan-the-future OPT. */
class OptPolicyTest {
  private static final OptPolicy OPT = new OptPolicy();

  @Test
  void beladyString() {
    StudyTrace t = StudyTrace.parse("1,2,3,4,1,2,5,1,2,3,4,5");
    assertEquals(new StudyResult(12, 7, 0), PolicyStudy.run(OPT, t, 3));
    assertEquals(new StudyResult(12, 6, 0), PolicyStudy.run(OPT, t, 4));
  }

  @Test
  void classicTwentyReferenceString() {
    StudyTrace t = StudyTrace.parse("7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1");
    assertEquals(new StudyResult(20, 9, 0), PolicyStudy.run(OPT, t, 3));
  }

  /** Evictions 3@3 4@6 1@9 2@10: 1 and 2 are never used again at 9, so the lower, 1 (dirty), goes. */
  @Test
  void writeBacks() {
    StudyTrace t = StudyTrace.parse("1w,2,3,4w,1,2,5w,1w,2,3,4,5w");
    assertEquals(new StudyResult(12, 7, 2), PolicyStudy.run(OPT, t, 3));
  }

  /**
   * 5, 3, 9 are loaded; none is used again, so each fault evicts the lowest page number: 6 evicts
   * 3, 7 evicts 5, 1 evicts 6, and 9 is still resident for its hit at the end. Writes say which.
   */
  @Test
  void neverAgainTiesGoToTheLowestPageNumber() {
    StudyTrace t = StudyTrace.parse("5,3w,9w,6w,7,1,9");
    assertEquals(new StudyResult(7, 6, 2), PolicyStudy.run(OPT, t, 3));
    assertEquals(new StudyResult(7, 6, 2), TextbookPolicies.opt(t, 3));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 64, 1999, 55555})
  void matchesScanTheFutureOptOnRandomStrings(long seed) {
    StudyTrace t = StudyTrace.random(seed, 4000, 64, 0.25);
    for (int frames : new int[] {1, 2, 5, 16, 40, 64}) {
      StudyResult expected = TextbookPolicies.opt(t, frames);
      for (FrameAllocation a : FrameAllocation.values()) {
        assertEquals(expected, PolicyStudy.run(OPT, t, frames, a, seed), "seed " + seed + ", " + frames + " frames, " + a);
      }
    }
  }

  /** OPT is a lower bound: no other textbook policy faults less on the same string. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {7, 8, 9})
  void neverWorseThanTheOthers(long seed) {
    StudyTrace t = StudyTrace.random(seed, 3000, 50, 0);
    for (int frames : new int[] {3, 10, 30}) {
      long opt = PolicyStudy.run(OPT, t, frames).faults();
      for (String other : new String[] {"fifo", "lru", "clock"}) {
        long f = TextbookPolicies.run(other, t, frames).faults();
        assertTrue(opt <= f, "seed " + seed + ", " + frames + " frames: opt " + opt + " > " + other + " " + f);
      }
    }
  }
}
