package io.vmlab.app.trace;

/**
 * Counts of a reference stream, accumulated batch by batch: accesses by kind (before splitting),
 * references by kind (after), page-split references, distinct pages, lowest and highest page.
 * Nothing is allocated per reference (the distinct-page set grows by doubling).
 */
public final class TraceStats {
  private long references;
  private final long[] accesses = new long[AccessKind.COUNT];
  private final long[] referencesByKind = new long[AccessKind.COUNT];
  private long continuations;
  private final PageSet pages = new PageSet();
  private long minPage = Long.MAX_VALUE;
  private long maxPage = -1;
  private long lastPage = -1;

  /** Adds {@code refs[0..n)}. */
  public void add(long[] refs, int n) {
    long last = lastPage;
    long lo = minPage;
    long hi = maxPage;
    for (int i = 0; i < n; i++) {
      long w = refs[i];
      int kind = (int) w & 3;
      referencesByKind[kind]++;
      if ((w & PageRef.CONTINUATION) != 0) {
        continuations++;
      } else {
        accesses[kind]++;
      }
      long page = w >>> PageRef.PAGE_SHIFT_IN_WORD;
      if (page != last) {
        // Consecutive references mostly hit the same page: skip the set then.
        if (pages.add(page)) {
          lo = Math.min(lo, page);
          hi = Math.max(hi, page);
        }
        last = page;
      }
    }
    references += n;
    lastPage = last;
    minPage = lo;
    maxPage = hi;
  }

  /** References counted (after splitting page-spanning accesses). */
  public long references() {
    return references;
  }

  /** Accesses of {@code kind} before splitting (one per lackey line). */
  public long accesses(int kind) {
    return accesses[kind];
  }

  /** All accesses before splitting. */
  public long accesses() {
    return accesses[0] + accesses[1] + accesses[2] + accesses[3];
  }

  /** References of {@code kind} after splitting. */
  public long references(int kind) {
    return referencesByKind[kind];
  }

  /** References that are the later page of a page-spanning access (the page-split count). */
  public long continuations() {
    return continuations;
  }

  /** Distinct pages referenced. */
  public long distinctPages() {
    return pages.size();
  }

  /** The lowest page referenced, or 0 when none was. */
  public long minPage() {
    return maxPage < 0 ? 0 : minPage;
  }

  /** The highest page referenced, or -1 when none was. */
  public long maxPage() {
    return maxPage;
  }

  /** A copy of the accesses by kind (I, L, S, M). */
  public long[] accessesByKind() {
    return accesses.clone();
  }
}
