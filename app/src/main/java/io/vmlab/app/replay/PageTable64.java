package io.vmlab.app.replay;

import java.util.Arrays;

/** An open-addressing map from page numbers to {@code long}s (no boxing): OPT's next-use table. */
final class PageTable64 {
  private static final long EMPTY = -1L;
  private long[] keys = new long[1 << 12];
  private long[] values = new long[1 << 12];
  private int size;

  PageTable64() {
    Arrays.fill(keys, EMPTY);
  }

  void put(long page, long value) {
    if (size * 2 >= keys.length) {
      grow();
    }
    int i = slot(page, keys);
    if (keys[i] == EMPTY) {
      keys[i] = page;
      size++;
    }
    values[i] = value;
  }

  /** The value for {@code page}, or {@code dflt}. */
  long get(long page, long dflt) {
    int i = slot(page, keys);
    return keys[i] == EMPTY ? dflt : values[i];
  }

  private static int slot(long page, long[] keys) {
    int mask = keys.length - 1;
    int i = (int) (page * 0x9E3779B97F4A7C15L >>> 40) & mask;
    while (keys[i] != EMPTY && keys[i] != page) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] ok = keys;
    long[] ov = values;
    keys = new long[ok.length * 2];
    values = new long[ok.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int j = 0; j < ok.length; j++) {
      if (ok[j] != EMPTY) {
        int i = slot(ok[j], keys);
        keys[i] = ok[j];
        values[i] = ov[j];
      }
    }
  }
}
