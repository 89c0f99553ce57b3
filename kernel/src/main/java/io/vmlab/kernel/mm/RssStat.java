package io.vmlab.kernel.mm;

/**
 * The RSS counters of an mm (mm->rss_stat) and, up to Linux 6.1 (SPLIT_RSS_COUNTING), the
 * faulting task's cached deltas: faults add to the task's cache, which reaches the mm only on a
 * sync (every 65 events after the last one, and on every zap of present page tables). /proc's
 * status and statm read the mm counters, so they lag; smaps walks the page tables, so it does
 * not. From 6.2 on each counter is a percpu_counter: changes gather on the CPU until they reach
 * the batch, then go to the global count. get_mm_rss() (and so the high-water mark taken before
 * a zap) reads only the global counts; /proc's status and statm read the exact sums (6.16+).
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
  /** percpu_counter_batch = max(32, 2 * online CPUs): 32 on machines of up to 16 CPUs. */
  static final int PERCPU_BATCH = 32;

  private final boolean split;
  private final long[] mm = new long[4];
  private final long[] cache = new long[4];
  /** The simulated task's CPU's share of each percpu counter (6.2+; one CPU is modelled). */
  private final long[] pcp = new long[4];
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
      add(member, pages);
    }
  }

  /** add_mm_counter(): into the mm (6.1), or percpu_counter_add() (6.2+). */
  public void add(int member, long pages) {
    if (split) {
      mm[member] += pages;
      return;
    }
    long c = pcp[member] + pages;
    if (Math.abs(c) >= PERCPU_BATCH) {
      mm[member] += c;
      pcp[member] = 0;
    } else {
      pcp[member] = c;
    }
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
   * get_mm_counter(): the mm's count, without task caches (6.1) or other CPUs' shares (6.2+).
   * It can go below zero (pages counted in a cache, uncounted from the mm); it then reads as 0.
   */
  public long get(int member) {
    return Math.max(0, mm[member]);
  }

  /**
   * What /proc/PID/status and statm show: get_mm_counter() on 6.1, get_mm_counter_sum() (the
   * exact count) from 6.2.
   */
  public long shown(int member) {
    return split ? get(member) : Math.max(0, exact(member));
  }

  /** The mm counter plus the cache or percpu share: the true count. */
  public long exact(int member) {
    return mm[member] + cache[member] + pcp[member];
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

  /**
   * Seeds the state (conformance: counters, cache and events as recorded). On 6.2+ a counter
   * built one page at a time on one CPU holds its count modulo the batch as that CPU's share,
   * the rest as the global count.
   */
  public void seed(long[] mmValues, long[] cacheValues, int eventCount) {
    System.arraycopy(mmValues, 0, mm, 0, 4);
    System.arraycopy(cacheValues, 0, cache, 0, 4);
    java.util.Arrays.fill(pcp, 0);
    if (!split) {
      for (int i = 0; i < 4; i++) {
        pcp[i] = mm[i] % PERCPU_BATCH;
        mm[i] -= pcp[i];
      }
    }
    events = eventCount;
  }
}
