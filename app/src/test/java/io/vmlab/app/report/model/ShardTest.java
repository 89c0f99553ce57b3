package io.vmlab.app.report.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardTest {
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void partsCoverTheSweepOnceEach(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = 1 + rnd.nextInt(9);
    int total = rnd.nextInt(100);
    int[] owners = new int[total];
    int sum = 0;
    for (int i = 1; i <= n; i++) {
      Shard s = Shard.parse(i + "/" + n);
      int size = 0;
      for (int r = 0; r < total; r++) {
        if (s.contains(r)) {
          owners[r]++;
          size++;
        }
      }
      assertEquals(size, s.size(total), "seed " + seed + " shard " + s + " of " + total);
      sum += size;
    }
    assertEquals(total, sum, "seed " + seed);
    for (int r = 0; r < total; r++) {
      assertEquals(1, owners[r], "seed " + seed + " run " + r);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/4", "5/4", "1/0", "a/b", "3", "-1/2", "1/2/3"})
  void badShardsAreRefusedWithTheReason(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shard.parse(text));
    assertTrue(e.getMessage().contains(text), e.getMessage());
  }
}
