package io.vmlab.policy.fifo;

import io.vmlab.api.policy.Evictor;
import java.util.Arrays;

/** A queue of frames as an intrusive doubly-linked list over two int arrays (no allocation). */
final class FifoEvictor implements Evictor {
  private static final int NONE = -1;
  private static final int OUT = -2;

  private final int[] next;
  private final int[] prev;
  private int head = NONE;
  private int tail = NONE;

  FifoEvictor(int capacity) {
    next = new int[capacity];
    prev = new int[capacity];
    Arrays.fill(prev, OUT);
  }

  @Override
  public void added(int frame) {
    if (prev[frame] != OUT) {
      throw new IllegalStateException("frame " + frame + " is already queued");
    }
    prev[frame] = tail;
    next[frame] = NONE;
    if (tail == NONE) {
      head = frame;
    } else {
      next[tail] = frame;
    }
    tail = frame;
  }

  @Override
  public void removed(int frame) {
    if (prev[frame] == OUT) {
      return;
    }
    int p = prev[frame];
    int n = next[frame];
    if (p == NONE) {
      head = n;
    } else {
      next[p] = n;
    }
    if (n == NONE) {
      tail = p;
    } else {
      prev[n] = p;
    }
    prev[frame] = OUT;
  }

  @Override
  public int victim() {
    int v = head;
    if (v != NONE) {
      removed(v);
    }
    return v;
  }
}
