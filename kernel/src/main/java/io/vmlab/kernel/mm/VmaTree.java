package io.vmlab.kernel.mm;

import java.util.SplittableRandom;

/**
 * The VMAs of one mm, ordered by address: a treap (with parent links and an in-order list) whose
 * nodes carry the gap below them and the largest gap of their subtree, as Linux's augmented
 * rbtree did (rb_subtree_gap). It answers find_vma and both free-gap searches in O(log n).
 *
 * <p>User addresses are below 2^63, so plain signed comparisons order them correctly.
 */
public final class VmaTree {
  private final SplittableRandom priorities = new SplittableRandom(0x5eed);
  private Vma root;
  private Vma first;
  private Vma last;
  private int size;

  /** Number of VMAs. */
  public int size() {
    return size;
  }

  /** The lowest VMA, or null. */
  public Vma first() {
    return first;
  }

  /** The highest VMA, or null. */
  public Vma last() {
    return last;
  }

  /** find_vma(): the first VMA with end > addr, or null. */
  public Vma find(long addr) {
    Vma n = root;
    Vma found = null;
    while (n != null) {
      if (n.end > addr) {
        found = n;
        n = n.left;
      } else {
        n = n.right;
      }
    }
    return found;
  }

  /** The VMA containing addr, or null (vma_lookup). */
  public Vma lookup(long addr) {
    Vma v = find(addr);
    return v != null && v.start <= addr ? v : null;
  }

  /** The first VMA intersecting [start, end), or null (find_vma_intersection). */
  public Vma intersection(long start, long end) {
    Vma v = find(start);
    return v != null && v.start < end ? v : null;
  }

  /** The last VMA with start <= addr, or null. */
  public Vma floor(long addr) {
    Vma n = root;
    Vma found = null;
    while (n != null) {
      if (n.start <= addr) {
        found = n;
        n = n.right;
      } else {
        n = n.left;
      }
    }
    return found;
  }

  /** Inserts a VMA that overlaps none. */
  void insert(Vma v) {
    v.left = v.right = null;
    v.priority = priorities.nextInt();
    Vma parent = null;
    Vma n = root;
    Vma pred = null;
    Vma succ = null;
    while (n != null) {
      parent = n;
      if (v.start < n.start) {
        succ = n;
        n = n.left;
      } else {
        pred = n;
        n = n.right;
      }
    }
    if (pred != null && pred.end > v.start || succ != null && v.end > succ.start) {
      throw new IllegalStateException("VMA " + v + " overlaps " + (pred != null && pred.end > v.start ? pred : succ));
    }
    v.parent = parent;
    if (parent == null) {
      root = v;
    } else if (v.start < parent.start) {
      parent.left = v;
    } else {
      parent.right = v;
    }
    v.prev = pred;
    v.next = succ;
    if (pred == null) {
      first = v;
    } else {
      pred.next = v;
    }
    if (succ == null) {
      last = v;
    } else {
      succ.prev = v;
    }
    size++;
    v.gap = v.start - (pred == null ? 0 : pred.end);
    v.maxGap = v.gap;
    while (v.parent != null && v.priority < v.parent.priority) {
      rotateUp(v);
    }
    fixUp(v);
    if (succ != null) {
      succ.gap = succ.start - v.end;
      fixUp(succ);
    }
  }

  /** Removes a VMA. */
  void remove(Vma v) {
    while (v.left != null || v.right != null) {
      Vma c;
      if (v.left == null) {
        c = v.right;
      } else if (v.right == null) {
        c = v.left;
      } else {
        c = v.left.priority < v.right.priority ? v.left : v.right;
      }
      rotateUp(c);
    }
    Vma p = v.parent;
    if (p == null) {
      root = null;
    } else if (p.left == v) {
      p.left = null;
    } else {
      p.right = null;
    }
    v.parent = null;
    Vma pred = v.prev;
    Vma succ = v.next;
    if (pred == null) {
      first = succ;
    } else {
      pred.next = succ;
    }
    if (succ == null) {
      last = pred;
    } else {
      succ.prev = pred;
    }
    v.prev = v.next = null;
    size--;
    if (p != null) {
      fixUp(p);
    }
    if (succ != null) {
      succ.gap = succ.start - (pred == null ? 0 : pred.end);
      fixUp(succ);
    }
  }

  /**
   * __split_vma()'s tree update: {@code v} gives up the part {@code n} covers, its lower part
   * ({@code n.start == v.start}) or its upper part ({@code n.end == v.end}), and {@code n} is
   * inserted. The gap of whichever VMA follows {@code n} is recomputed by the insertion, so the
   * subtree gaps are walked up only once.
   */
  void insertSplit(Vma v, Vma n) {
    if (n.start == v.start && n.end < v.end) {
      v.start = n.end;
    } else if (n.end == v.end && n.start > v.start) {
      v.end = n.start;
    } else {
      throw new IllegalArgumentException(n + " is not the lower or upper part of " + v);
    }
    insert(n);
  }

  /** Changes a VMA's bounds in place; the order must not change and nothing may overlap. */
  void setBounds(Vma v, long start, long end) {
    v.start = start;
    v.end = end;
    v.gap = start - (v.prev == null ? 0 : v.prev.end);
    fixUp(v);
    if (v.next != null) {
      v.next.gap = v.next.start - end;
      fixUp(v.next);
    }
  }

  private void rotateUp(Vma x) {
    Vma p = x.parent;
    Vma g = p.parent;
    if (p.left == x) {
      p.left = x.right;
      if (x.right != null) {
        x.right.parent = p;
      }
      x.right = p;
    } else {
      p.right = x.left;
      if (x.left != null) {
        x.left.parent = p;
      }
      x.left = p;
    }
    p.parent = x;
    x.parent = g;
    if (g == null) {
      root = x;
    } else if (g.left == p) {
      g.left = x;
    } else {
      g.right = x;
    }
    pull(p);
    pull(x);
  }

  private static void pull(Vma v) {
    long m = v.gap;
    if (v.left != null && v.left.maxGap > m) {
      m = v.left.maxGap;
    }
    if (v.right != null && v.right.maxGap > m) {
      m = v.right.maxGap;
    }
    v.maxGap = m;
  }

  /**
   * Recomputes the subtree gaps from {@code v} up after one change at {@code v}; an ancestor whose
   * value does not change leaves everything above it as it was, so the walk stops there.
   */
  private static void fixUp(Vma v) {
    pull(v);
    for (Vma n = v.parent; n != null; n = n.parent) {
      long old = n.maxGap;
      pull(n);
      if (n.maxGap == old) {
        return;
      }
    }
  }

  /**
   * mas_empty_area_rev(): the highest free range of at least {@code length} bytes inside
   * [low, high] (inclusive), between VMAs (guard gaps are the caller's business). Returns the
   * last address of that range clipped to high, or -1.
   */
  public long emptyAreaRev(long low, long high, long length) {
    if (Long.compareUnsigned(high, low) < 0 || high - low + 1 < length) {
      return -1;
    }
    // The range above the last VMA.
    long tailStart = last == null ? 0 : last.end;
    if (clippedSize(tailStart, -1L, low, high) >= length) {
      return high;
    }
    // The VMA whose gap straddles high: the first one starting above it.
    Vma s = firstStartingAbove(high);
    if (s != null) {
      long gs = s.prev == null ? 0 : s.prev.end;
      if (clippedSize(gs, s.start - 1, low, high) >= length) {
        return Math.min(s.start - 1, high);
      }
    }
    // Below that, gaps end below high; the highest with a large enough gap wins if it starts
    // high enough above low.
    Vma v = rightmostWithGap(s == null ? Long.MAX_VALUE : s.start - 1, length, s);
    if (v != null && v.start - low >= length) {
      return v.start - 1;
    }
    return -1;
  }

  /**
   * mas_empty_area(): the lowest free range of at least {@code length} bytes inside [low, high]
   * (inclusive). Returns its first address clipped to low, or -1.
   */
  public long emptyArea(long low, long high, long length) {
    if (Long.compareUnsigned(high, low) < 0 || high - low + 1 < length) {
      return -1;
    }
    Vma s = firstStartingAbove(low);
    if (s == null) {
      long tailStart = last == null ? 0 : last.end;
      return clippedSize(tailStart, -1L, low, high) >= length ? Math.max(tailStart, low) : -1;
    }
    long gs = s.prev == null ? 0 : s.prev.end;
    if (clippedSize(gs, s.start - 1, low, high) >= length) {
      return Math.max(gs, low);
    }
    Vma v = leftmostWithGapAfter(s.start, length);
    if (v != null) {
      long start = v.prev.end;
      return start + length - 1 <= high ? start : -1;
    }
    long tailStart = last.end;
    return clippedSize(tailStart, -1L, low, high) >= length ? Math.max(tailStart, low) : -1;
  }

  /** Size of [gs, ge] ∩ [low, high] (ge = -1 means unbounded), 0 if empty. */
  private static long clippedSize(long gs, long ge, long low, long high) {
    long a = Math.max(gs, low);
    long b = (ge == -1L) ? high : Math.min(ge, high);
    return b < a ? 0 : b - a + 1;
  }

  private Vma firstStartingAbove(long addr) {
    Vma n = root;
    Vma found = null;
    while (n != null) {
      if (n.start > addr) {
        found = n;
        n = n.left;
      } else {
        n = n.right;
      }
    }
    return found;
  }

  /** The node with the largest start <= bound (and before {@code stop}) whose gap >= length. */
  private Vma rightmostWithGap(long bound, long length, Vma stop) {
    return rightmost(root, bound, length);
  }

  private Vma rightmost(Vma n, long bound, long length) {
    while (n != null && n.maxGap >= length) {
      if (n.start > bound) {
        n = n.left;
        continue;
      }
      // n is in range: prefer its right subtree, then n, then its left subtree.
      Vma r = rightmost(n.right, bound, length);
      if (r != null) {
        return r;
      }
      if (n.gap >= length) {
        return n;
      }
      n = n.left;
    }
    return null;
  }

  /** The node with the smallest start > bound whose gap >= length. */
  private Vma leftmostWithGapAfter(long bound, long length) {
    return leftmost(root, bound, length);
  }

  private Vma leftmost(Vma n, long bound, long length) {
    while (n != null && n.maxGap >= length) {
      if (n.start <= bound) {
        n = n.right;
        continue;
      }
      Vma l = leftmost(n.left, bound, length);
      if (l != null) {
        return l;
      }
      if (n.gap >= length) {
        return n;
      }
      n = n.right;
    }
    return null;
  }

  /** Checks the tree against a recount: order, no overlap, gaps, subtree gaps, list links, size. */
  public void verify() {
    int count = 0;
    Vma prev = null;
    for (Vma v = first; v != null; v = v.next) {
      if (v.start >= v.end) {
        throw new IllegalStateException("empty VMA " + v);
      }
      if (prev != null && prev.end > v.start) {
        throw new IllegalStateException("overlap " + prev + " / " + v);
      }
      if (v.prev != prev) {
        throw new IllegalStateException("bad prev link at " + v);
      }
      long gap = v.start - (prev == null ? 0 : prev.end);
      if (v.gap != gap) {
        throw new IllegalStateException("gap of " + v + " is " + v.gap + ", recount " + gap);
      }
      prev = v;
      count++;
    }
    if (prev != last || count != size) {
      throw new IllegalStateException("list/size mismatch: " + count + " vs " + size);
    }
    verify(root, null);
  }

  private long verify(Vma n, Vma parent) {
    if (n == null) {
      return Long.MIN_VALUE;
    }
    if (n.parent != parent) {
      throw new IllegalStateException("bad parent link at " + n);
    }
    if (parent != null && n.priority < parent.priority) {
      throw new IllegalStateException("heap order broken at " + n);
    }
    long m = Math.max(n.gap, Math.max(verify(n.left, n), verify(n.right, n)));
    if (n.maxGap != m) {
      throw new IllegalStateException("subtree gap of " + n + " is " + n.maxGap + ", recount " + m);
    }
    if (n.left != null && n.left.start >= n.start || n.right != null && n.right.start <= n.start) {
      throw new IllegalStateException("order broken at " + n);
    }
    return m;
  }
}
