package io.vmlab.policy.lru;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vmlab.api.policy.study.FrameAllocation;
import io.vmlab.api.policy.study.PolicyStudy;
import io.vmlab.api.policy.study.StudyResult;
import io.vmlab.api.policy.study.StudyTrace;
import io.vmlab.api.policy.study.TextbookPolicies;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Exact LRU gives the textbook counts and matches a list-based LRU on seeded random strings. */
class LruPolicyTest {
  private static final LruPolicy LRU = new LruPolicy();

  @Test
  void beladyStringNeedsNoAnomaly() {
    StudyTrace t = StudyTrace.parse("1,2,3,4,1,2,5,1,2,3,4,5");
    assertEquals(new StudyResult(12, 10, 0), PolicyStudy.run(LRU, t, 3));
    assertEquals(new StudyResult(12, 8, 0), PolicyStudy.run(LRU, t, 4));
  }

  @Test
  void classicTwentyReferenceString() {
    StudyTrace t = StudyTrace.parse("7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1");
    assertEquals(new StudyResult(20, 12, 0), PolicyStudy.run(LRU, t, 3));
  }

  /** Evictions 1@3 2@4 3@5 4@6 5@9 1@10 2@11; dirty among them: 1, 4, 5, 1 (see TextbookPoliciesTest). */
  @Test
  void writeBacks() {
    StudyTrace t = StudyTrace.parse("1w,2,3,4w,1,2,5w,1w,2,3,4,5w");
    assertEquals(new StudyResult(12, 10, 4), PolicyStudy.run(LRU, t, 3));
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 17, 4242, 987654321})
  void matchesListLruOnRandomStrings(long seed) {
    StudyTrace t = StudyTrace.random(seed, 5000, 64, 0.25);
    for (int frames : new int[] {1, 2, 5, 16, 40, 64}) {
      StudyResult expected = TextbookPolicies.lru(t, frames);
      for (FrameAllocation a : FrameAllocation.values()) {
        assertEquals(expected, PolicyStudy.run(LRU, t, frames, a, seed), "seed " + seed + ", " + frames + " frames, " + a);
      }
    }
  }

  /** With removals and references to untracked frames, victims follow a list model's recency order. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {5, 6, 77, 31337})
  void evictorMatchesRecencyListWithRemovals(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int capacity = 48;
    LruEvictor lru = new LruEvictor(capacity);
    List<Integer> model = new ArrayList<>(); // least recent first
    for (int step = 0; step < 20_000; step++) {
      int frame = rnd.nextInt(capacity);
      switch (rnd.nextInt(4)) {
        case 0 -> {
          if (!model.contains(frame)) {
            lru.added(frame);
            model.add(frame);
          }
        }
        case 1 -> {
          lru.referenced(frame);
          if (model.remove((Integer) frame)) {
            model.add(frame);
          }
        }
        case 2 -> {
          lru.removed(frame);
          model.remove((Integer) frame);
        }
        default -> assertEquals(model.isEmpty() ? -1 : model.remove(0), lru.victim(), "seed " + seed + " step " + step);
      }
    }
  }
}
