package io.vmlab.policy.opt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The heap's top is always what a linear scan over the same keys picks. */
class NextUseHeapTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 100})
  void topMatchesLinearScanUnderRandomOperations(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int capacity = 50;
    NextUseHeap heap = new NextUseHeap(capacity);
    boolean[] in = new boolean[capacity];
    long[] next = new long[capacity];
    long[] page = new long[capacity];
    for (int step = 0; step < 30_000; step++) {
      int f = rnd.nextInt(capacity);
      // Few distinct keys and some "never": plenty of ties to break by page number, some unsigned.
      long key = rnd.nextInt(5) == 0 ? Long.MAX_VALUE : rnd.nextInt(20);
      switch (rnd.nextInt(4)) {
        case 0 -> {
          if (!in[f]) {
            long p = rnd.nextInt(10) == 0 ? -1L - rnd.nextInt(3) : rnd.nextInt(30);
            heap.insert(f, key, p);
            in[f] = true;
            next[f] = key;
            page[f] = p;
          }
        }
        case 1 -> {
          if (in[f]) {
            heap.update(f, key);
            next[f] = key;
          }
        }
        case 2 -> {
          heap.remove(f);
          in[f] = false;
        }
        default -> {
          int best = -1;
          for (int g = 0; g < capacity; g++) {
            if (in[g] && (best < 0 || next[g] > next[best]
                || (next[g] == next[best] && Long.compareUnsigned(page[g], page[best]) < 0))) {
              best = g;
            }
          }
          int got = heap.poll();
          String where = "seed " + seed + " step " + step;
          if (best < 0) {
            assertEquals(-1, got, where);
          } else {
            assertTrue(got >= 0 && in[got], where + ": " + got + " was not in the heap");
            assertEquals(next[best], next[got], where); // frames with equal keys and pages are interchangeable
            assertEquals(page[best], page[got], where);
            in[got] = false;
          }
        }
      }
    }
  }
}
