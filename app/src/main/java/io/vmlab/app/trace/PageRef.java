package io.vmlab.app.trace;

/**
 * One page reference packed in a {@code long}: {@code page << 3 | continuation << 2 | kind}. The
 * page number is the virtual address shifted right by the page shift (12); {@code kind} is an
 * {@link AccessKind}; the continuation bit marks the second (or later) page of an access that
 * spans a page boundary, so that counting words without it counts the original accesses.
 */
public final class PageRef {
  /** Bits below the page number. */
  public static final int PAGE_SHIFT_IN_WORD = 3;
  /** The continuation bit. */
  public static final long CONTINUATION = 4;
  /** The largest page number a word holds (every 4 KiB page of a 64-bit address space fits). */
  public static final long MAX_PAGE = (1L << 61) - 1;

  private PageRef() {}

  /** The word for a reference of {@code kind} to {@code page}, the first page of its access. */
  public static long of(long page, int kind) {
    return page << PAGE_SHIFT_IN_WORD | kind;
  }

  /** The word for a later page of an access that spans a page boundary. */
  public static long continuation(long page, int kind) {
    return page << PAGE_SHIFT_IN_WORD | CONTINUATION | kind;
  }

  /** The page number of {@code word}. */
  public static long page(long word) {
    return word >>> PAGE_SHIFT_IN_WORD;
  }

  /** The {@link AccessKind} of {@code word}. */
  public static int kind(long word) {
    return (int) word & 3;
  }

  /** Whether {@code word} writes its page (a store or a modify). */
  public static boolean isWrite(long word) {
    return (word & 2) != 0;
  }

  /** Whether {@code word} is a later page of a page-spanning access. */
  public static boolean isContinuation(long word) {
    return (word & CONTINUATION) != 0;
  }
}
