package io.vmlab.policy.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.policy.study.FrameAllocation;
import io.vmlab.api.policy.study.PolicyStudy;
import io.vmlab.api.policy.study.StudyResult;
import io.vmlab.api.policy.study.StudyTrace;
import io.vmlab.api.policy.study.TextbookPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FIFO in policy-study mode: the textbook counts, Belady's anomaly included. */
class FifoPolicyTest {
  private static final FifoPolicy FIFO = new FifoPolicy();

  @Test
  void beladyAnomaly() {
    StudyTrace t = StudyTrace.parse("1,2,3,4,1,2,5,1,2,3,4,5");
    assertEquals(new StudyResult(12, 9, 0), PolicyStudy.run(FIFO, t, 3));
    assertEquals(new StudyResult(12, 10, 0), PolicyStudy.run(FIFO, t, 4), "more frames, more faults");
  }

  @Test
  void classicTwentyReferenceString() {
    StudyTrace t = StudyTrace.parse("7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1");
    assertEquals(new StudyResult(20, 15, 0), PolicyStudy.run(FIFO, t, 3));
  }

  /** Evictions 1@3 2@4 3@5 4@6 1@9 2@10; dirty: 1 (written at 0), 4, and 1 again (written at 7 after its reload). */
  @Test
  void writeBacks() {
    StudyTrace t = StudyTrace.parse("1w,2,3,4w,1,2,5w,1w,2,3,4,5w");
    assertEquals(new StudyResult(12, 9, 3), PolicyStudy.run(FIFO, t, 3));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 500, 65536})
  void matchesQueueFifoOnRandomStrings(long seed) {
    StudyTrace t = StudyTrace.random(seed, 5000, 64, 0.25);
    for (int frames : new int[] {1, 2, 5, 16, 40, 64}) {
      StudyResult expected = TextbookPolicies.fifo(t, frames);
      for (FrameAllocation a : FrameAllocation.values()) {
        assertEquals(expected, PolicyStudy.run(FIFO, t, frames, a, seed), "seed " + seed + ", " + frames + " frames, " + a);
      }
    }
  }
}
