package io.vmlab.api.arch;

import java.util.List;

/**
 * A paging mode's geometry: Linux's five levels (some folded), the entry size and the width of a
 * virtual address.
 *
 * @param mode the mode's name ({@code 2level}, {@code pae}, {@code 4level}, {@code 5level})
 * @param levels exactly five, in {@link PageLevel} order
 * @param pageShift log2 of the base page size (12)
 * @param entryBytes bytes per entry (4 or 8)
 * @param virtualBits significant virtual-address bits (32, 48 or 57)
 * @param canonical whether addresses must be sign-extended from bit {@code virtualBits - 1}
 *     (x86-64's canonical form); a non-canonical access raises #GP, not a page fault
 */
public record PagingGeometry(
    String mode, List<LevelGeometry> levels, int pageShift, int entryBytes, int virtualBits,
    boolean canonical) {
  public PagingGeometry {
    levels = List.copyOf(levels);
    if (levels.size() != PageLevel.values().length) {
      throw new IllegalArgumentException("a geometry has five levels, got " + levels.size());
    }
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).level() != PageLevel.values()[i]) {
        throw new IllegalArgumentException("levels out of order at " + i);
      }
    }
    if (levels.get(0).folded() || levels.get(4).folded()) {
      throw new IllegalArgumentException("pgd and pte cannot be folded");
    }
  }

  /** The geometry of one level. */
  public LevelGeometry level(PageLevel level) {
    return levels.get(level.ordinal());
  }

  /** Base page size in bytes. */
  public long pageSize() {
    return 1L << pageShift;
  }

  /** Levels that have tables of their own (not folded), top to bottom. */
  public List<LevelGeometry> tableLevels() {
    return levels.stream().filter(l -> !l.folded()).toList();
  }

  /** Number of levels a hardware walk reads (2 for IA-32 2-level, 4 or 5 for x86-64). */
  public int depth() {
    return tableLevels().size();
  }

  /** Whether {@code va} is canonical (always true for a non-canonical-form geometry). */
  public boolean isCanonical(long va) {
    if (!canonical) {
      return virtualBits >= 64 || (va >>> virtualBits) == 0;
    }
    long top = va >> (virtualBits - 1);
    return top == 0 || top == -1;
  }
}
