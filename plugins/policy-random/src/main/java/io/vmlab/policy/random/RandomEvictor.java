package io.vmlab.policy.random;

import io.vmlab.api.policy.Evictor;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The tracked frames packed in an array (a frame knows its index): a load appends, a removal or
 * a victim is swapped with the last entry and dropped. The victim is {@code frames[nextInt(n)]}:
 * uniform, O(1), no allocation.
 */
final class RandomEvictor implements Evictor {
  private static final int ABSENT = -1;
  private final SplittableRandom random;
  private final int[] frames;
  private final int[] index;
  private int size;

  RandomEvictor(int capacity, SplittableRandom random) {
    this.random = random;
    frames = new int[capacity];
    index = new int[capacity];
    Arrays.fill(index, ABSENT);
  }

  @Override
  public void added(int frame) {
    if (index[frame] != ABSENT) {
      throw new IllegalStateException("frame " + frame + " is already tracked");
    }
    index[frame] = size;
    frames[size++] = frame;
  }

  @Override
  public void removed(int frame) {
    int i = index[frame];
    if (i != ABSENT) {
      removeAt(i);
    }
  }

  @Override
  public int victim() {
    if (size == 0) {
      return -1;
    }
    int frame = frames[random.nextInt(size)];
    removeAt(index[frame]);
    return frame;
  }

  private void removeAt(int i) {
    int frame = frames[i];
    int last = frames[--size];
    frames[i] = last;
    index[last] = i;
    index[frame] = ABSENT;
  }
}
