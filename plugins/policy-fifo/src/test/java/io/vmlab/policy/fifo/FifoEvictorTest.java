package io.vmlab.policy.fifo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FifoEvictorTest {
  /** Victims come out in load order, whatever was removed in between (checked against a deque). */
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void victims_follow_load_order_with_random_removals(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int capacity = 64;
    FifoEvictor fifo = new FifoEvictor(capacity);
    ArrayDeque<Integer> model = new ArrayDeque<>();
    for (int step = 0; step < 10_000; step++) {
      int op = rnd.nextInt(3);
      int frame = rnd.nextInt(capacity);
      if (op == 0 && !model.contains(frame)) {
        fifo.added(frame);
        model.addLast(frame);
      } else if (op == 1) {
        fifo.removed(frame);
        model.remove(frame);
      } else {
        Integer expected = model.pollFirst();
        assertEquals(expected == null ? -1 : expected, fifo.victim(), "seed " + seed + " step " + step);
      }
    }
  }
}
