package io.vmlab.kernel.mm;

/**
 * The RSS counters of an mm (mm->rss_stat) and, up to Linux 6.1 (SPLIT_RSS_COUNTING), the
 * faulting task's cached deltas: faults add to the task's cache, which reaches the mm only on a
 * sync (every 65 events after the last one, and on every zap of present page tables). /proc's
 * status and statm read the mm counters, so they lag; smaps walks the page tables, so it does
 * not. From 6.2 on counters are exact: {@code split} is false and nothing is cached.
 */
public final class RssStat {
  /** MM_FILEPAGES. */
  public static final int FILE = 0;
  /** MM_ANONPAGES. */
  public static final int ANON = 1;
  /** MM_SWAPENTS. */
  public static final int SWAPENTS = 2;
  /** MM_SHMEMPAGES. */
  public static final int SHMEM = 3;
  /** TASK_RSS_EVENTS_THRESH. */
  static final int EVENTS_THRESH = 64;

  private final boolean split;
  private final long[] mm = new long[4];
  private final long[] cache = new long[4];
  private int events;

  public RssStat(boolean split) {
    this.split = split;
  }

  /** Whether deltas are cached per task (6.1). */
  public boolean split() {
    return split;
  }

  /** check_sync_rss_stat(): counts a fault event; the 66th since the last sync syncs first. */
  public void faultEvent() {
    if (split && events++ > EVENTS_THRESH) {
      sync();
    }
  }

  /** add_mm_counter_fast(): a fault's change, cached on 6.1. */
  public void addFast(int member, long pages) {
    if (split) {
      cache[member] += pages;
    } else {
      mm[member] += pages;
    }
  }

  /** add_mm_counter(): straight into the mm. */
  public void add(int member, long pages) {
    mm[member] += pages;
  }

  /** sync_mm_rss(): the cache goes into the mm. */
  public void sync() {
    for (int i = 0; i < 4; i++) {
      mm[i] += cache[i];
      cache[i] = 0;
    }
    events = 0;
  }

  /**
   * get_mm_counter(): what /proc/PID/status shows. With the task cache the mm counter can go
   * below zero (a page counted in a cache, uncounted from the mm); it then reads as 0.
   */
  public long get(int member) {
    return Math.max(0, mm[member]);
  }

  /** The mm counter plus the cache: the true count. */
  public long exact(int member) {
    return mm[member] + cache[member];
  }

  /** get_mm_rss(): file + anon + shmem, as the mm sees it. */
  public long rss() {
    return get(FILE) + get(ANON) + get(SHMEM);
  }

  /** The cached delta of a member. */
  public long cached(int member) {
    return cache[member];
  }

  /** task->rss_stat.events. */
  public int events() {
    return events;
  }

  /** Seeds the state (conformance: counters, cache and events as recorded). */
  public void seed(long[] mmValues, long[] cacheValues, int eventCount) {
    System.arraycopy(mmValues, 0, mm, 0, 4);
    System.arraycopy(cacheValues, 0, cache, 0, 4);
    events = eventCount;
  }
}
