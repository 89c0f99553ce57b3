package io.vmlab.kernel.mm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The VMA tree against a brute-force model (a sorted map of ranges) over thousands of seeded
 * random inserts, removals and resizes: find_vma, vma_lookup, find_vma_intersection, the floor
 * query and both free-gap searches agree with the model, and {@link VmaTree#verify()} (order,
 * links, gaps and subtree gaps recounted) holds after every operation.
 */
class VmaTreeModelTest {
  private static final long PAGE = 4096;
  private static final int OPERATIONS = 3000;

  static LongStream seeds() {
    return LongStream.of(1, 0x5eedL, 20250101L, 0x7e57ab1eL);
  }

  /** The model: start -> end of each VMA. */
  private final TreeMap<Long, Long> model = new TreeMap<>();
  private final TreeMap<Long, Vma> byStart = new TreeMap<>();
  private final VmaTree tree = new VmaTree();
  /** The model's free ranges after the last operation. */
  private List<long[]> gaps;

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void treeAgreesWithBruteForceModel(long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    // A universe small enough for collisions, placed at a random page-aligned base.
    long base = rnd.nextLong(0, 1L << 35) * PAGE;
    long universe = rnd.nextInt(256, 4096) * PAGE;
    for (int op = 0; op < OPERATIONS; op++) {
      String what;
      int kind = rnd.nextInt(10);
      if (kind < 5 || model.isEmpty()) {
        what = insert(rnd, base, universe);
      } else if (kind < 7) {
        what = remove(rnd);
      } else {
        what = resize(rnd, base, universe);
      }
      String where = "seed " + seed + " op " + op + " (" + what + ")";
      try {
        tree.verify();
      } catch (IllegalStateException e) {
        throw new AssertionError(where + ": " + e.getMessage(), e);
      }
      assertEquals(model.size(), tree.size(), where);
      gaps = gaps();
      for (int q = 0; q < 6; q++) {
        query(rnd, base, universe, where);
      }
    }
  }

  private String insert(SplittableRandom rnd, long base, long universe) {
    long start = base + rnd.nextLong(universe / PAGE) * PAGE;
    long len = (1 + rnd.nextInt(rnd.nextBoolean() ? 4 : 64)) * PAGE;
    // Clip to the free space around start, as mmap_region leaves it.
    Map.Entry<Long, Long> below = model.floorEntry(start);
    if (below != null && below.getValue() > start) {
      return "insert skipped: occupied";
    }
    Long above = model.higherKey(start);
    long end = start + len;
    if (above != null && above < end) {
      end = above;
    }
    Vma v = new Vma(null, start, end, VmFlags.READ, start >>> 12);
    tree.insert(v);
    model.put(start, end);
    byStart.put(start, v);
    return "insert " + hex(start) + "-" + hex(end);
  }

  private String remove(SplittableRandom rnd) {
    Vma v = pick(rnd);
    tree.remove(v);
    model.remove(v.start);
    byStart.remove(v.start);
    return "remove " + v;
  }

  private String resize(SplittableRandom rnd, long base, long universe) {
    Vma v = pick(rnd);
    Map.Entry<Long, Long> lower = model.lowerEntry(v.start);
    Long higher = model.higherKey(v.start);
    long lo = lower == null ? Math.max(0, base - 8 * PAGE) : lower.getValue();
    long hi = higher == null ? base + universe + 8 * PAGE : higher;
    // New bounds anywhere in [lo, hi), non-empty.
    long a = lo + rnd.nextLong((hi - lo) / PAGE) * PAGE;
    long b = lo + (1 + rnd.nextLong((hi - lo) / PAGE)) * PAGE;
    long start = Math.min(a, b - PAGE);
    long end = Math.max(a + PAGE, b);
    String before = v.toString();
    model.remove(v.start);
    byStart.remove(v.start);
    tree.setBounds(v, start, end);
    model.put(start, end);
    byStart.put(start, v);
    return "resize " + before + " to " + hex(start) + "-" + hex(end);
  }

  private Vma pick(SplittableRandom rnd) {
    List<Vma> all = new ArrayList<>(byStart.values());
    return all.get(rnd.nextInt(all.size()));
  }

  private void query(SplittableRandom rnd, long base, long universe, String where) {
    long addr = randomAddress(rnd, base, universe);
    assertEquals(modelFind(addr), startOf(tree.find(addr)), () -> where + ": find(" + hex(addr) + ")");
    Long lookup = modelFind(addr);
    if (lookup != null && lookup > addr) {
      lookup = null;
    }
    assertEquals(lookup, startOf(tree.lookup(addr)), () -> where + ": lookup(" + hex(addr) + ")");
    long end = addr + (1 + rnd.nextInt(32)) * PAGE;
    Long inter = modelFind(addr);
    if (inter != null && inter >= end) {
      inter = null;
    }
    assertEquals(inter, startOf(tree.intersection(addr, end)), () -> where + ": intersection(" + hex(addr) + ", " + hex(end) + ")");
    assertEquals(model.floorKey(addr), startOf(tree.floor(addr)), () -> where + ": floor(" + hex(addr) + ")");

    long low = randomAddress(rnd, base, universe);
    long high = rnd.nextInt(8) == 0 ? low - PAGE : randomAddress(rnd, base, universe) - 1;
    if (rnd.nextInt(8) == 0) {
      high = (1L << 47) - 1; // the tail gap above every VMA
    }
    long length = rnd.nextInt(4) == 0 ? 1 + rnd.nextLong(64 * PAGE) : (1 + rnd.nextInt(64)) * PAGE;
    String args = "(" + hex(low) + ", " + hex(high) + ", " + length + ")";
    assertEquals(modelEmptyArea(low, high, length), tree.emptyArea(low, high, length), () -> where + ": emptyArea" + args);
    assertEquals(modelEmptyAreaRev(low, high, length), tree.emptyAreaRev(low, high, length),
        where + ": emptyAreaRev" + args);
  }

  private static long randomAddress(SplittableRandom rnd, long base, long universe) {
    long a = base - 16 * PAGE + rnd.nextLong(universe + 32 * PAGE);
    if (rnd.nextBoolean()) {
      a &= ~(PAGE - 1);
    }
    return Math.max(0, a);
  }

  /** find_vma in the model: the first range with end > addr. */
  private Long modelFind(long addr) {
    Map.Entry<Long, Long> e = model.floorEntry(addr);
    if (e != null && e.getValue() > addr) {
      return e.getKey();
    }
    return model.higherKey(addr);
  }

  /** The free ranges [start, end] (inclusive), lowest first; the last one is unbounded. */
  private List<long[]> gaps() {
    List<long[]> out = new ArrayList<>();
    long prevEnd = 0;
    for (Map.Entry<Long, Long> e : model.entrySet()) {
      if (e.getKey() > prevEnd) {
        out.add(new long[] {prevEnd, e.getKey() - 1});
      }
      prevEnd = e.getValue();
    }
    out.add(new long[] {prevEnd, Long.MAX_VALUE});
    return out;
  }

  private long modelEmptyArea(long low, long high, long length) {
    for (long[] g : gaps) {
      long a = Math.max(g[0], low);
      long b = Math.min(g[1], high);
      if (b >= a && b - a + 1 >= length) {
        return a;
      }
    }
    return -1;
  }

  private long modelEmptyAreaRev(long low, long high, long length) {
    for (int i = gaps.size() - 1; i >= 0; i--) {
      long a = Math.max(gaps.get(i)[0], low);
      long b = Math.min(gaps.get(i)[1], high);
      if (b >= a && b - a + 1 >= length) {
        return b;
      }
    }
    return -1;
  }

  private static Long startOf(Vma v) {
    return v == null ? null : v.start;
  }

  private static String hex(long v) {
    return "0x" + Long.toHexString(v);
  }

  @Test
  void treeStaysShallowAtTheMapCountLimit() {
    // The usual pattern: top-down mmap adds each VMA below the previous one.
    int n = 65530;
    long top = 0x7f0000000000L;
    for (int i = 0; i < n; i++) {
      long start = top - (2L * i + 1) * PAGE;
      tree.insert(new Vma(null, start, start + PAGE, VmFlags.READ, 0));
    }
    tree.verify();
    int height = height(tree.first());
    // A treap's expected height is about 3 log2(n) = 48 here; a list would be 65530.
    assertTrue(height < 80, "height " + height);
    assertEquals(top - PAGE, tree.find(top - 2 * PAGE).start);
    // One free page between neighbours; the only gap of two pages is below the lowest VMA.
    assertEquals(top - PAGE - 1, tree.emptyAreaRev(0, top - 1, PAGE));
    assertEquals(top - (2L * n - 1) * PAGE - 1, tree.emptyAreaRev(0, top - 1, 2 * PAGE));
    assertEquals(top - (2L * n) * PAGE, tree.emptyArea(top - (2L * n) * PAGE, top, PAGE));
    assertEquals(top - (2L * n - 2) * PAGE, tree.emptyArea(top - (2L * n - 1) * PAGE, top, PAGE));
  }

  /** The height of the tree that holds {@code any}. */
  private static int height(Vma any) {
    Vma root = any;
    while (root.parent != null) {
      root = root.parent;
    }
    return height0(root);
  }

  private static int height0(Vma n) {
    return n == null ? 0 : 1 + Math.max(height0(n.left), height0(n.right));
  }
}
