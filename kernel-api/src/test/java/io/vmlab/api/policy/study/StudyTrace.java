package io.vmlab.api.policy.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A reference string: page numbers, each a read or a write, and for every position the position
 * of the next reference to the same page (what a {@code FUTURE} policy asks for).
 */
public final class StudyTrace {
  private final long[] pages;
  private final boolean[] writes;
  private final long[] next;

  private StudyTrace(long[] pages, boolean[] writes) {
    this.pages = pages;
    this.writes = writes;
    this.next = new long[pages.length];
    Map<Long, Integer> later = new HashMap<>();
    for (int i = pages.length - 1; i >= 0; i--) {
      Integer n = later.put(pages[i], i);
      next[i] = n == null ? Long.MAX_VALUE : n;
    }
  }

  /**
   * Parses {@code "1,2,3w 4"}: page numbers separated by commas or white space, a {@code w}
   * suffix for a write (the format of {@code vmlab replay --trace} page lists).
   */
  public static StudyTrace parse(String text) {
    List<String> tokens = new ArrayList<>();
    for (String t : text.trim().split("[,\\s]+")) {
      if (!t.isEmpty()) {
        tokens.add(t);
      }
    }
    long[] pages = new long[tokens.size()];
    boolean[] writes = new boolean[tokens.size()];
    for (int i = 0; i < pages.length; i++) {
      String t = tokens.get(i);
      writes[i] = t.endsWith("w");
      pages[i] = Long.parseUnsignedLong(writes[i] ? t.substring(0, t.length() - 1) : t);
    }
    return new StudyTrace(pages, writes);
  }

  /** Reads only. */
  public static StudyTrace of(long... pages) {
    return new StudyTrace(pages.clone(), new boolean[pages.length]);
  }

  /** Reference i is to {@code pages[i]}, a write if {@code writes[i]}. */
  public static StudyTrace of(long[] pages, boolean[] writes) {
    if (pages.length != writes.length) {
      throw new IllegalArgumentException(pages.length + " pages but " + writes.length + " write flags");
    }
    return new StudyTrace(pages.clone(), writes.clone());
  }

  /**
   * A seeded random string over {@code distinct} pages with some locality: each reference stays
   * near the previous page with probability 3/4, else jumps anywhere; a write with probability
   * {@code writeFraction}.
   */
  public static StudyTrace random(long seed, int length, int distinct, double writeFraction) {
    SplittableRandom rnd = new SplittableRandom(seed);
    long[] pages = new long[length];
    boolean[] writes = new boolean[length];
    long p = rnd.nextInt(distinct);
    for (int i = 0; i < length; i++) {
      if (rnd.nextInt(4) == 0) {
        p = rnd.nextInt(distinct);
      } else {
        p = Math.floorMod(p + rnd.nextInt(-2, 3), distinct);
      }
      pages[i] = p;
      writes[i] = rnd.nextDouble() < writeFraction;
    }
    return new StudyTrace(pages, writes);
  }

  /** References in the string. */
  public int length() {
    return pages.length;
  }

  /** The page of reference {@code i}. */
  public long page(int i) {
    return pages[i];
  }

  /** Whether reference {@code i} writes. */
  public boolean write(int i) {
    return writes[i];
  }

  /** The position of the next reference to {@code page(i)} after {@code i}, or {@link Long#MAX_VALUE}. */
  public long nextReference(int i) {
    return next[i];
  }
}
