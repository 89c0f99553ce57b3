package io.vmlab.api.arch;

/**
 * One level of the page table.
 *
 * <p>A folded level has one entry and no table of its own: its entry is the upper level's entry
 * (Linux's pgtable-nop4d/nopud/nopmd). Its shift equals the next-higher level's shift.
 *
 * @param level which level
 * @param shift bit position of this level's index in a virtual address
 * @param bits index width; 0 when folded
 * @param folded whether the level is folded away
 * @param leafSize bytes mapped by a leaf (huge) entry at this level, or 0 if the level cannot map
 *     pages directly (PTE entries map one base page)
 */
public record LevelGeometry(PageLevel level, int shift, int bits, boolean folded, long leafSize) {
  public LevelGeometry {
    if (folded && bits != 0) {
      throw new IllegalArgumentException(level + ": a folded level has no index bits");
    }
    if (shift < 0 || shift > 63 || bits < 0 || bits > 12) {
      throw new IllegalArgumentException(level + ": bad shift/bits " + shift + "/" + bits);
    }
  }

  /** A level with its own table. */
  public static LevelGeometry table(PageLevel level, int shift, int bits, long leafSize) {
    return new LevelGeometry(level, shift, bits, false, leafSize);
  }

  /** A folded level (one entry, no table). */
  public static LevelGeometry folded(PageLevel level, int shift) {
    return new LevelGeometry(level, shift, 0, true, 0);
  }

  /** Entries in one table of this level (1 when folded). */
  public int entries() {
    return 1 << bits;
  }

  /** This level's index for {@code va}: 0 when folded. Unsigned, so kernel-half addresses work. */
  public int index(long va) {
    return (int) ((va >>> shift) & (entries() - 1));
  }

  /** Bytes of address space one entry of this level covers. */
  public long span() {
    return shift >= 64 ? 0 : 1L << shift;
  }
}
