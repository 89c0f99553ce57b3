package io.vmlab.policy.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.api.policy.ReplacementContext;
import io.vmlab.api.policy.ReplacementPolicy;
import io.vmlab.api.policy.study.FrameAllocation;
import io.vmlab.api.policy.study.PolicyStudy;
import io.vmlab.api.policy.study.StudyResult;
import io.vmlab.api.policy.study.StudyTrace;
import io.vmlab.api.policy.study.TextbookPolicies;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both clocks give the textbook counts. clock sees every reference; clock-pte reads the accessed
 * bits the harness sets on every reference: in policy-study mode they must agree.
 */
class ClockPolicyTest {
  static List<ReplacementPolicy> clocks() {
    return List.of(new ClockPolicy(), new ClockPtePolicy());
  }

  /**
   * The classic string, 3 frames, worked by hand (slots [a b c], * = use bit, h = hand):
   * <pre>
   *  7 F [7* - -] h0     0 F [7* 0* -]      1 F [7* 0* 1*] h0
   *  2 F clear 7,0,1; evict 7: [2* 0 1] h1   0 hit [2* 0* 1]
   *  3 F clear 0; evict 1: [2* 0 3*] h0      0 hit [2* 0* 3*]
   *  4 F clear 2,0,3; evict 2: [4* 0 3] h1   2 F evict 0: [4* 2* 3] h2
   *  3 hit [4* 2* 3*]                        0 F clear 3,4,2; evict 3: [4 2 0*] h0
   *  3 F evict 4: [3* 2 0*] h1               2 hit [3* 2* 0*]
   *  1 F clear 2,0,3; evict 2: [3 1* 0] h2   2 F evict 0: [3 1* 2*] h0
   *  0 F evict 3: [0* 1* 2*] h1              1 hit
   *  7 F clear 1,2,0; evict 1: [0 7* 2] h2   0 hit [0* 7* 2]
   *  1 F evict 2: [0* 7* 1*] h0
   * </pre>
   * 14 faults: between LRU's 12 and FIFO's 15.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clocks")
  void classicTwentyReferenceStringByHand(ReplacementPolicy clock) {
    StudyTrace t = StudyTrace.parse("7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1");
    assertEquals(new StudyResult(20, 14, 0), PolicyStudy.run(clock, t, 3));
  }

  /**
   * The Belady string: with 3 frames every fault finds all bits set (or the hand just past the last
   * load), so clock evicts in load order and ties FIFO's 9; with 4 frames: 1 2 3 4 fill; 1 2 hit;
   * 5 clears all, evicts 1 [5* 2 3 4] h1; 1 evicts 2 [5* 1* 3 4] h2; 2 evicts 3 h3; 3 evicts 4
   * [5* 1* 2* 3*] h0; 4 clears all, evicts 5 [4* 1 2 3] h1; 5 evicts 1 h2: 10 faults (FIFO's anomaly too).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clocks")
  void beladyString(ReplacementPolicy clock) {
    StudyTrace t = StudyTrace.parse("1,2,3,4,1,2,5,1,2,3,4,5");
    assertEquals(new StudyResult(12, 9, 0), PolicyStudy.run(clock, t, 3));
    assertEquals(new StudyResult(12, 10, 0), PolicyStudy.run(clock, t, 4));
  }

  /** Evictions as FIFO's here (1@3 2@4 3@5 4@6 1@9 2@10); dirty: 1, 4, and 1 again after its write at 7. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clocks")
  void writeBacks(ReplacementPolicy clock) {
    StudyTrace t = StudyTrace.parse("1w,2,3,4w,1,2,5w,1w,2,3,4,5w");
    assertEquals(new StudyResult(12, 9, 3), PolicyStudy.run(clock, t, 3));
  }

  /** Scattered physical frame numbers must not change anything: the hand runs over load slots. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 29, 8086, 123456789})
  void matchesTextbookClockOnRandomStrings(long seed) {
    StudyTrace t = StudyTrace.random(seed, 5000, 64, 0.25);
    for (int frames : new int[] {1, 2, 5, 16, 40, 64}) {
      StudyResult expected = TextbookPolicies.clock(t, frames);
      for (ReplacementPolicy clock : clocks()) {
        for (FrameAllocation a : FrameAllocation.values()) {
          assertEquals(expected, PolicyStudy.run(clock, t, frames, a, seed),
              clock.name() + ", seed " + seed + ", " + frames + " frames, " + a);
        }
      }
    }
  }

  /** A removed page's slot is reused by the next load; the hand skips nothing it should not. */
  @Test
  void removedSlotIsReusedByTheNextLoad() {
    ClockEvictor clock = new ClockEvictor(new NoPte(16), false);
    clock.added(9);  // slot 0
    clock.added(4);  // slot 1
    clock.added(12); // slot 2
    clock.removed(4);
    clock.added(7);  // slot 1
    assertEquals(9, clock.victim(), "one turn clears 9, 7, 12; 9 is the first clear one");
    assertEquals(7, clock.victim(), "the hand is at slot 1");
    clock.referenced(12);
    clock.added(3);  // slot 1, the last freed
    clock.added(5);  // slot 0
    assertEquals(12, clock.victim(), "hand at 2, all bits set: one turn clears them and 12 is the first clear one");
  }

  /** With random loads, references, removals and evictions, a victim is always a tracked frame. */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 2718})
  void victimsAreTrackedFramesOnly(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int capacity = 40;
    NoPte ctx = new NoPte(capacity);
    for (boolean pte : new boolean[] {false, true}) {
      ClockEvictor clock = new ClockEvictor(ctx, pte);
      Set<Integer> tracked = new HashSet<>();
      for (int step = 0; step < 20_000; step++) {
        int frame = rnd.nextInt(capacity);
        switch (rnd.nextInt(4)) {
          case 0 -> {
            if (tracked.add(frame)) {
              clock.added(frame);
            }
          }
          case 1 -> clock.referenced(frame);
          case 2 -> {
            clock.removed(frame);
            tracked.remove(frame);
          }
          default -> {
            int v = clock.victim();
            String where = "seed " + seed + " pte " + pte + " step " + step;
            if (tracked.isEmpty()) {
              assertEquals(-1, v, where);
            } else {
              assertTrue(tracked.remove(v), where + ": victim " + v + " not tracked");
            }
          }
        }
      }
    }
  }

  /** A context whose accessed bits are never set (only the evictor's own bits matter). */
  private record NoPte(int capacity) implements ReplacementContext {
    @Override
    public SplittableRandom random() {
      return new SplittableRandom(0);
    }

    @Override
    public boolean testAndClearReferenced(int frame) {
      return false;
    }

    @Override
    public boolean dirty(int frame) {
      return false;
    }

    @Override
    public boolean anonymous(int frame) {
      return true;
    }

    @Override
    public long page(int frame) {
      return frame;
    }

    @Override
    public long nextReference(int frame) {
      throw new UnsupportedOperationException();
    }
  }
}
