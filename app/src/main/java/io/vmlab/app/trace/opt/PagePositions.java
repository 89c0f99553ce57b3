package io.vmlab.app.trace.opt;

/**
 * The last position seen for each page, in open-addressing primitive arrays (no boxing). Memory:
 * 16 bytes per slot, at most half the slots used: 16-32 bytes per distinct page.
 */
public final class PagePositions {
  private long[] keys;
  private long[] values;
  private int size;
  private int shift;

  /** An empty map. */
  public PagePositions() {
    keys = new long[1 << 10];
    values = new long[1 << 10];
    shift = 64 - 10;
  }

  /** Sets {@code page}'s position to {@code pos}; returns the previous one, or -1 when there was none. */
  public long put(long page, long pos) {
    long key = page + 1;
    int mask = keys.length - 1;
    int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (true) {
      long k = keys[i];
      if (k == key) {
        long old = values[i];
        values[i] = pos;
        return old;
      }
      if (k == 0) {
        keys[i] = key;
        values[i] = pos;
        if (++size > keys.length >>> 1) {
          grow();
        }
        return -1;
      }
      i = (i + 1) & mask;
    }
  }

  /** The number of pages. */
  public int size() {
    return size;
  }

  private void grow() {
    long[] ok = keys;
    long[] ov = values;
    keys = new long[ok.length << 1];
    values = new long[ok.length << 1];
    shift--;
    size = 0;
    for (int i = 0; i < ok.length; i++) {
      if (ok[i] != 0) {
        put(ok[i] - 1, ov[i]);
      }
    }
  }
}
