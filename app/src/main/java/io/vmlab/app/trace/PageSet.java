package io.vmlab.app.trace;

/**
 * A set of page numbers in one open-addressing {@code long[]} (no boxing): distinct pages of a
 * trace. Memory: 8 bytes per slot, at most half the slots used, so 16-32 bytes per page.
 */
public final class PageSet {
  private long[] slots;
  private int size;
  private int shift;

  /** An empty set. */
  public PageSet() {
    slots = new long[1 << 10];
    shift = 64 - 10;
  }

  /** Adds {@code page} (at most {@link PageRef#MAX_PAGE}); returns whether it was new. */
  public boolean add(long page) {
    long key = page + 1;
    int mask = slots.length - 1;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long s = slots[i];
      if (s == key) {
        return false;
      }
      if (s == 0) {
        slots[i] = key;
        if (++size > slots.length >>> 1) {
          grow();
        }
        return true;
      }
      i = (i + 1) & mask;
    }
  }

  /** Whether {@code page} is in the set. */
  public boolean contains(long page) {
    long key = page + 1;
    int mask = slots.length - 1;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long s = slots[i];
      if (s == key) {
        return true;
      }
      if (s == 0) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }

  /** The number of pages in the set. */
  public int size() {
    return size;
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length << 1];
    shift--;
    size = 0;
    for (long s : old) {
      if (s != 0) {
        add(s - 1);
      }
    }
  }
}
