package io.vmlab.app.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * The textbook page-replacement model of issue 5, written independently of the kernel and the
 * policy plugins (plain lists, O(frames) per reference): a fault is a reference to a non-resident
 * page, a write sets the page's dirty bit, an eviction of a dirty page is a write-back.
 */
final class TextbookPaging {
  /** Faults and write-backs. */
  record Counts(long faults, long writebacks) {}

  private TextbookPaging() {}

  /**
   * Replays {@code refs} with {@code frames} frames under fifo, lru, clock or opt.
   */
  static Counts run(String policy, Refs refs, int frames) {
    long[] pages = refs.pages();
    boolean[] writes = refs.writes();
    List<Long> resident = new ArrayList<>(); // fifo: load order; lru: least recent first; clock/opt: by frame
    List<Boolean> dirty = new ArrayList<>();
    boolean[] use = new boolean[frames];
    int hand = 0;
    long faults = 0;
    long writebacks = 0;
    for (int i = 0; i < pages.length; i++) {
      long p = pages[i];
      int at = resident.indexOf(p);
      if (at >= 0) {
        boolean d = dirty.get(at) || writes[i];
        if (policy.equals("lru")) {
          resident.remove(at);
          dirty.remove(at);
          resident.add(p);
          dirty.add(d);
        } else {
          dirty.set(at, d);
          use[at] = true;
        }
        continue;
      }
      faults++;
      if (resident.size() < frames) {
        resident.add(p);
        dirty.add(writes[i]);
        use[resident.size() - 1] = true;
        continue;
      }
      int victim = switch (policy) {
        case "fifo", "lru" -> 0;
        case "clock" -> {
          while (use[hand]) {
            use[hand] = false;
            hand = (hand + 1) % frames;
          }
          int v = hand;
          hand = (hand + 1) % frames;
          yield v;
        }
        case "opt" -> farthest(resident, pages, i);
        default -> throw new IllegalArgumentException(policy);
      };
      if (dirty.get(victim)) {
        writebacks++;
      }
      if (policy.equals("fifo") || policy.equals("lru")) {
        resident.remove(victim);
        dirty.remove(victim);
        resident.add(p);
        dirty.add(writes[i]);
      } else {
        resident.set(victim, p);
        dirty.set(victim, writes[i]);
        use[victim] = true;
      }
    }
    return new Counts(faults, writebacks);
  }

  /** Belady: the resident page used farthest ahead (never = infinitely far), ties to the lowest page. */
  private static int farthest(List<Long> resident, long[] pages, int now) {
    int best = -1;
    long bestNext = -1;
    for (int f = 0; f < resident.size(); f++) {
      long p = resident.get(f);
      long next = Long.MAX_VALUE;
      for (int j = now + 1; j < pages.length; j++) {
        if (pages[j] == p) {
          next = j;
          break;
        }
      }
      if (next > bestNext || (next == bestNext && p < resident.get(best))) {
        best = f;
        bestNext = next;
      }
    }
    return best;
  }

  /** A reference string: page numbers and which references write. */
  record Refs(long[] pages, boolean[] writes) {
    /** Parses {@code "1w,2,3"}. */
    static Refs parse(String csv) {
      String[] t = csv.split(",");
      long[] pages = new long[t.length];
      boolean[] writes = new boolean[t.length];
      for (int i = 0; i < t.length; i++) {
        String s = t[i].trim();
        writes[i] = s.endsWith("w");
        pages[i] = Long.parseLong(writes[i] ? s.substring(0, s.length() - 1) : s);
      }
      return new Refs(pages, writes);
    }

    /**
     * {@code n} references to pages {@code base..base+distinct-1} with some locality (half the
     * references repeat one of the last few pages), a quarter of them writes, from {@code seed}.
     */
    static Refs random(long seed, int n, int distinct, long base) {
      java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
      long[] pages = new long[n];
      boolean[] writes = new boolean[n];
      for (int i = 0; i < n; i++) {
        pages[i] = i > 4 && r.nextBoolean() ? pages[i - 1 - r.nextInt(4)] : base + r.nextInt(distinct);
        writes[i] = r.nextInt(4) == 0;
      }
      return new Refs(pages, writes);
    }

    /** The page-list file text: one page per line, "w" after a write. */
    String pageList() {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < pages.length; i++) {
        sb.append(pages[i]).append(writes[i] ? "w" : "").append('\n');
      }
      return sb.toString();
    }
  }
}
