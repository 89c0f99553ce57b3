package io.vmlab.api.arch;

/**
 * Page-table entry flags as the kernel uses them (the _PAGE_* bits of
 * arch/x86/include/asm/pgtable_types.h). An {@link EntryFormat} maps them to hardware bits and
 * drops those the mode lacks (NX on IA-32 2-level).
 */
public final class PteFlags {
  /** _PAGE_PRESENT. */
  public static final int PRESENT = 1;
  /** _PAGE_RW: writable. */
  public static final int RW = 1 << 1;
  /** _PAGE_USER: user-accessible. */
  public static final int USER = 1 << 2;
  /** _PAGE_PWT. */
  public static final int PWT = 1 << 3;
  /** _PAGE_PCD. */
  public static final int PCD = 1 << 4;
  /** _PAGE_ACCESSED: set by the hardware on every access through the entry. */
  public static final int ACCESSED = 1 << 5;
  /** _PAGE_DIRTY: set by the hardware on a write through a leaf entry. */
  public static final int DIRTY = 1 << 6;
  /** _PAGE_PSE: a huge leaf entry at PMD or PUD level. */
  public static final int HUGE = 1 << 7;
  /** _PAGE_GLOBAL. */
  public static final int GLOBAL = 1 << 8;
  /** _PAGE_SPECIAL: no struct page behind it (zero page, PFN maps). */
  public static final int SPECIAL = 1 << 9;
  /** _PAGE_SOFT_DIRTY. */
  public static final int SOFT_DIRTY = 1 << 11;
  /** _PAGE_PROTNONE: PROT_NONE page, not present to the CPU. */
  public static final int PROTNONE = 1 << 12;
  /** _PAGE_NX: execute-disable. */
  public static final int NX = 1 << 13;

  private PteFlags() {}

  /** Lists the set flags, e.g. {@code "P RW US A D"}. */
  public static String describe(int flags) {
    StringBuilder sb = new StringBuilder();
    String[] names = {"P", "RW", "US", "PWT", "PCD", "A", "D", "PS", "G", "SPECIAL", "", "SD", "PROTNONE", "NX"};
    for (int bit = 0; bit < names.length; bit++) {
      if ((flags & (1 << bit)) != 0 && !names[bit].isEmpty()) {
        if (sb.length() > 0) {
          sb.append(' ');
        }
        sb.append(names[bit]);
      }
    }
    return sb.toString();
  }
}
