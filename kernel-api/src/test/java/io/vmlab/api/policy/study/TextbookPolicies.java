package io.vmlab.api.policy.study;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The textbook policies written the obvious way over page numbers (lists and sets, O(N) per
 * reference), with the definitions: a fault is every reference to a non-resident page; a
 * page's dirty bit is set by every write and cleared at eviction; a write-back is the eviction of a
 * dirty page; pages still resident at the end are not flushed. The reference for the plugins and
 * for the kernel's policy-study mode.
 */
public final class TextbookPolicies {
  private TextbookPolicies() {}

  /** The result of the textbook policy {@code name} (fifo, lru, clock or opt). */
  public static StudyResult run(String name, StudyTrace t, int frames) {
    return switch (name) {
      case "fifo" -> fifo(t, frames);
      case "lru" -> lru(t, frames);
      case "clock" -> clock(t, frames);
      case "opt" -> opt(t, frames);
      default -> throw new IllegalArgumentException("no textbook policy " + name);
    };
  }

  /** Evicts the page loaded earliest. */
  public static StudyResult fifo(StudyTrace t, int frames) {
    ArrayDeque<Long> queue = new ArrayDeque<>();
    Set<Long> dirty = new HashSet<>();
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < t.length(); i++) {
      long p = t.page(i);
      if (!queue.contains(p)) {
        faults++;
        if (queue.size() == frames && dirty.remove(queue.removeFirst())) {
          writebacks++;
        }
        queue.addLast(p);
      }
      if (t.write(i)) {
        dirty.add(p);
      }
    }
    return new StudyResult(t.length(), faults, writebacks);
  }

  /** Evicts the page referenced least recently. */
  public static StudyResult lru(StudyTrace t, int frames) {
    List<Long> byRecency = new ArrayList<>(); // least recent first
    Set<Long> dirty = new HashSet<>();
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < t.length(); i++) {
      long p = t.page(i);
      if (!byRecency.remove(p)) {
        faults++;
        if (byRecency.size() == frames && dirty.remove(byRecency.remove(0))) {
          writebacks++;
        }
      }
      byRecency.add(p);
      if (t.write(i)) {
        dirty.add(p);
      }
    }
    return new StudyResult(t.length(), faults, writebacks);
  }

  /**
   * Second chance over N frame slots: one use bit per slot set by every reference, the faulting
   * one included; slots fill in order while free with the hand at 0; on a fault with all full the
   * hand clears set bits as it advances and evicts the first slot whose bit is clear, loads the
   * page there with the bit set and moves one past it.
   */
  public static StudyResult clock(StudyTrace t, int frames) {
    long[] slot = new long[frames];
    boolean[] use = new boolean[frames];
    boolean[] dirty = new boolean[frames];
    int filled = 0;
    int hand = 0;
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < t.length(); i++) {
      long p = t.page(i);
      int s = indexOf(slot, filled, p);
      if (s < 0) {
        faults++;
        if (filled < frames) {
          s = filled++;
        } else {
          while (use[hand]) {
            use[hand] = false;
            hand = (hand + 1) % frames;
          }
          s = hand;
          if (dirty[s]) {
            writebacks++;
          }
          dirty[s] = false;
          hand = (hand + 1) % frames;
        }
        slot[s] = p;
      }
      use[s] = true;
      dirty[s] |= t.write(i);
    }
    return new StudyResult(t.length(), faults, writebacks);
  }

  /**
   * Belady: evicts the page whose next reference is farthest ahead (never again is infinitely far),
   * ties broken by the lowest page number. Scans the future afresh at every eviction.
   */
  public static StudyResult opt(StudyTrace t, int frames) {
    List<Long> resident = new ArrayList<>();
    Set<Long> dirty = new HashSet<>();
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < t.length(); i++) {
      long p = t.page(i);
      if (!resident.contains(p)) {
        faults++;
        if (resident.size() == frames) {
          long victim = -1;
          long farthest = -1;
          for (long q : resident) {
            long next = Long.MAX_VALUE;
            for (int j = i + 1; j < t.length(); j++) {
              if (t.page(j) == q) {
                next = j;
                break;
              }
            }
            if (next > farthest || (next == farthest && Long.compareUnsigned(q, victim) < 0)) {
              farthest = next;
              victim = q;
            }
          }
          resident.remove(victim);
          if (dirty.remove(victim)) {
            writebacks++;
          }
        }
        resident.add(p);
      }
      if (t.write(i)) {
        dirty.add(p);
      }
    }
    return new StudyResult(t.length(), faults, writebacks);
  }

  private static int indexOf(long[] a, int n, long v) {
    for (int i = 0; i < n; i++) {
      if (a[i] == v) {
        return i;
      }
    }
    return -1;
  }
}
