package io.vmlab.policy.opt;

import java.util.Arrays;

/**
 * An indexed binary heap of frames in primitive arrays, the farthest next reference on top and,
 * among equal ones, the lowest page number (unsigned). A frame knows its place, so updating or
 * removing it is O(log n) with no search and no allocation.
 */
final class NextUseHeap {
  private static final int ABSENT = -1;
  private final int[] heap;
  private final int[] index;
  private final long[] next;
  private final long[] page;
  private int size;

  NextUseHeap(int capacity) {
    heap = new int[capacity];
    index = new int[capacity];
    next = new long[capacity];
    page = new long[capacity];
    Arrays.fill(index, ABSENT);
  }

  boolean contains(int frame) {
    return index[frame] != ABSENT;
  }

  int size() {
    return size;
  }

  void insert(int frame, long nextReference, long pageNumber) {
    next[frame] = nextReference;
    page[frame] = pageNumber;
    heap[size] = frame;
    index[frame] = size;
    up(size++);
  }

  /** A new next reference for a frame in the heap. */
  void update(int frame, long nextReference) {
    long old = next[frame];
    next[frame] = nextReference;
    if (nextReference > old) {
      up(index[frame]);
    } else {
      down(index[frame]);
    }
  }

  /** Takes {@code frame} out; nothing if it is not in. */
  void remove(int frame) {
    int i = index[frame];
    if (i == ABSENT) {
      return;
    }
    index[frame] = ABSENT;
    int last = heap[--size];
    if (i < size) {
      heap[i] = last;
      index[last] = i;
      up(i);
      down(index[last]);
    }
  }

  /** Removes and returns the top frame, or -1 if empty. */
  int poll() {
    if (size == 0) {
      return -1;
    }
    int top = heap[0];
    remove(top);
    return top;
  }

  /** Whether frame a is a better victim than b. */
  private boolean above(int a, int b) {
    return next[a] != next[b] ? next[a] > next[b] : Long.compareUnsigned(page[a], page[b]) < 0;
  }

  private void up(int i) {
    int f = heap[i];
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      int p = heap[parent];
      if (!above(f, p)) {
        break;
      }
      heap[i] = p;
      index[p] = i;
      i = parent;
    }
    heap[i] = f;
    index[f] = i;
  }

  private void down(int i) {
    int f = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && above(heap[child + 1], heap[child])) {
        child++;
      }
      int c = heap[child];
      if (!above(c, f)) {
        break;
      }
      heap[i] = c;
      index[c] = i;
      i = child;
    }
    heap[i] = f;
    index[f] = i;
  }
}
