package io.vmlab.policy.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.policy.study.FrameAllocation;
import io.vmlab.api.policy.study.PolicyStudy;
import io.vmlab.api.policy.study.StudyResult;
import io.vmlab.api.policy.study.StudyTrace;
import io.vmlab.api.policy.study.TextbookPolicies;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random replacement is seeded, uniform, and exactly the documented swap-remove algorithm. */
class RandomPolicyTest {
  private static final RandomPolicy RANDOM = new RandomPolicy();

  /**
   * The algorithm over page numbers: resident pages in an array in load order; the victim is
   * {@code pages[rnd.nextInt(n)]}, replaced by the last page; the new page is appended. The
   * frame numbering cannot matter, so both harness numberings must give the same counts.
   */
  static StudyResult reference(StudyTrace t, int frames, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Long> pages = new ArrayList<>();
    Set<Long> dirty = new HashSet<>();
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < t.length(); i++) {
      long p = t.page(i);
      if (!pages.contains(p)) {
        faults++;
        if (pages.size() == frames) {
          int k = rnd.nextInt(frames);
          long victim = pages.get(k);
          pages.set(k, pages.get(frames - 1));
          pages.remove(frames - 1);
          if (dirty.remove(victim)) {
            writebacks++;
          }
        }
        pages.add(p);
      }
      if (t.write(i)) {
        dirty.add(p);
      }
    }
    return new StudyResult(t.length(), faults, writebacks);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 99, 2025, 31415926})
  void matchesReferenceAndIsRepeatable(long seed) {
    StudyTrace t = StudyTrace.random(seed, 5000, 64, 0.25);
    for (int frames : new int[] {1, 2, 5, 16, 40, 64}) {
      StudyResult expected = reference(t, frames, seed);
      for (FrameAllocation a : FrameAllocation.values()) {
        assertEquals(expected, PolicyStudy.run(RANDOM, t, frames, a, seed), "seed " + seed + ", " + frames + " frames, " + a);
      }
      long opt = TextbookPolicies.opt(t, frames).faults();
      assertTrue(expected.faults() >= opt, "seed " + seed + ": random beat opt");
    }
  }

  /**
   * 10 frames loaded, one victim, 200,000 times: each frame's count is within a chi-square test
   * at p = 0.001 (9 degrees of freedom: 27.88), and victims follow loads and removals.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {4, 5, 6})
  void victimsAreUniform(long seed) {
    int n = 10;
    int trials = 200_000;
    RandomEvictor ev = new RandomEvictor(64, new SplittableRandom(seed));
    SplittableRandom order = new SplittableRandom(seed + 1);
    long[] count = new long[n];
    for (int trial = 0; trial < trials; trial++) {
      // Frames 0..n-1 at varied positions: loaded in a rotating order, with a removed extra.
      int extra = 10 + order.nextInt(50);
      ev.added(extra);
      int start = order.nextInt(n);
      for (int j = 0; j < n; j++) {
        ev.added((start + j) % n);
      }
      ev.removed(extra);
      int v = ev.victim();
      count[v]++;
      for (int f = 0; f < n; f++) {
        ev.removed(f);
      }
      assertEquals(-1, ev.victim(), "seed " + seed + " trial " + trial + ": nothing left");
    }
    double expected = (double) trials / n;
    double chi2 = 0;
    for (long c : count) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    assertTrue(chi2 < 27.88, "seed " + seed + ": chi-square " + chi2 + " for counts " + java.util.Arrays.toString(count));
  }
}
