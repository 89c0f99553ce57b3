package io.vmlab.api.policy.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.policy.Evictor;
import io.vmlab.api.policy.FrameLists;
import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference implementations give the textbook numbers, and the harness agrees with them. */
class TextbookPoliciesTest {
  static final String BELADY = "1,2,3,4,1,2,5,1,2,3,4,5";
  static final String CLASSIC = "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1";

  @ParameterizedTest(name = "{0} with {1} frames: {2} faults")
  @CsvSource({
    "fifo, 3, 9", "fifo, 4, 10", "lru, 3, 10", "lru, 4, 8", "opt, 3, 7", "opt, 4, 6", "clock, 3, 9",
  })
  void beladyString(String policy, int frames, long faults) {
    assertEquals(new StudyResult(12, faults, 0), TextbookPolicies.run(policy, StudyTrace.parse(BELADY), frames));
  }

  /** Clock's 14 is worked out by hand, reference by reference, in the policy-clock plugin's test. */
  @ParameterizedTest(name = "{0}: {1} faults")
  @CsvSource({"fifo, 15", "lru, 12", "opt, 9", "clock, 14"})
  void classicTwentyReferenceString(String policy, long faults) {
    assertEquals(new StudyResult(20, faults, 0), TextbookPolicies.run(policy, StudyTrace.parse(CLASSIC), 3));
  }

  /**
   * Evictions with 3 frames (page@reference): fifo and clock 1@3 2@4 3@5 4@6 1@9 2@10, dirty: 1
   * (written at 0), 4 (at 3), 1 again (reloaded at 4, written at 7) = 3; lru 1@3 2@4 3@5 4@6 5@9
   * 1@10 2@11, dirty 1, 4, 5 (loaded by a write at 6), 1 = 4; opt 3@3 4@6 1@9 (never used again,
   * ties with 2, lower number) 2@10, dirty 4 and 1 = 2. 5 written at 11 stays resident: no write-back.
   */
  @ParameterizedTest(name = "{0}: {1} faults, {2} write-backs")
  @CsvSource({"fifo, 9, 3", "lru, 10, 4", "opt, 7, 2", "clock, 9, 3"})
  void writeBacksCountEvictedDirtyPagesOnly(String policy, long faults, long writebacks) {
    StudyTrace t = StudyTrace.parse("1w,2,3,4w,1,2,5w,1w,2,3,4,5w");
    assertEquals(new StudyResult(12, faults, writebacks), TextbookPolicies.run(policy, t, 3));
  }

  @Test
  void parsesCommasSpacesAndWriteSuffix() {
    StudyTrace t = StudyTrace.parse(" 1, 2w\n3 1w ");
    assertEquals(4, t.length());
    assertEquals(2, t.page(1));
    assertEquals(true, t.write(1));
    assertEquals(false, t.write(2));
    assertEquals(3, t.nextReference(0));
    assertEquals(Long.MAX_VALUE, t.nextReference(1));
  }

  @Test
  void traceFromArraysIsACopy() {
    long[] pages = {4, 5, 4};
    boolean[] writes = {false, true, false};
    StudyTrace t = StudyTrace.of(pages, writes);
    pages[0] = 9;
    assertEquals(4, t.page(0));
    assertEquals(true, t.write(1));
    assertEquals(2, t.nextReference(0));
    assertEquals(new StudyResult(3, 3, 1), TextbookPolicies.lru(t, 1), "5 is written, then evicted by 4");
    assertEquals(new StudyResult(3, 2, 0), TextbookPolicies.lru(t, 2));
  }

  /** A minimal FIFO through the harness matches the reference in both frame numberings. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 99, 2024})
  void harnessMatchesReferenceForFifo(long seed) {
    StudyTrace t = StudyTrace.random(seed, 3000, 40, 0.3);
    for (int frames : new int[] {1, 3, 8, 20, 40}) {
      StudyResult expected = TextbookPolicies.fifo(t, frames);
      for (FrameAllocation a : FrameAllocation.values()) {
        assertEquals(expected, PolicyStudy.run(new Fifo(), t, frames, a, seed),
            "seed " + seed + ", " + frames + " frames, " + a);
      }
    }
  }

  private static final class Fifo implements ReplacementPolicy {
    @Override
    public String name() {
      return "test-fifo";
    }

    @Override
    public String description() {
      return "fifo for the harness test";
    }

    @Override
    public Evictor create(ReplacementContext context) {
      FrameLists q = new FrameLists(context.capacity(), 1);
      return new Evictor() {
        @Override
        public void added(int frame) {
          q.addTail(0, frame);
        }

        @Override
        public void removed(int frame) {
          q.remove(frame);
        }

        @Override
        public int victim() {
          return q.pollHead(0);
        }
      };
    }
  }
}
