package io.vmlab.kernel.pgtable;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import java.util.Arrays;

/**
 * The entries of every page-table page of a machine, in one {@code long[]}. A table page is a
 * frame flagged PageTable whose {@code index} holds its slot here; slots are as wide as the
 * geometry's widest table (1024 entries on IA-32 2-level, 512 elsewhere).
 */
public final class PageTableStore {
  private final PhysicalMemory memory;
  private final EntryFormat format;
  private final int slotShift;
  private long[] entries;
  private int[] freeSlots = new int[64];
  private int freeCount;
  private int nextSlot;

  public PageTableStore(PhysicalMemory memory, PagingGeometry geometry, EntryFormat format) {
    this.memory = memory;
    this.format = format;
    int widest = geometry.tableLevels().stream().mapToInt(l -> l.entries()).max().orElse(512);
    this.slotShift = Integer.numberOfTrailingZeros(Integer.highestOneBit(widest));
    this.entries = new long[64 << slotShift];
  }

  /** The entry format. */
  public EntryFormat format() {
    return format;
  }

  /** The machine's physical memory. */
  public PhysicalMemory memory() {
    return memory;
  }

  /** All entries; a table's entries start at {@link #base(int)}. */
  long[] entries() {
    return entries;
  }

  /** Index in {@link #entries()} of entry 0 of the table in frame {@code pfn}. */
  int base(int pfn) {
    return (int) memory.index(pfn) << slotShift;
  }

  /** pte_alloc_one and friends: a zeroed table page, or -1 if memory is exhausted. */
  int allocTable() {
    int pfn = memory.allocPage(PageFlags.PGTABLE);
    if (pfn < 0) {
      return -1;
    }
    int slot;
    if (freeCount > 0) {
      slot = freeSlots[--freeCount];
    } else {
      slot = nextSlot++;
      int need = (slot + 1) << slotShift;
      if (need > entries.length) {
        entries = Arrays.copyOf(entries, Math.max(need, entries.length * 2));
      }
    }
    int base = slot << slotShift;
    Arrays.fill(entries, base, base + (1 << slotShift), 0L);
    memory.setIndex(pfn, slot);
    return pfn;
  }

  /** Frees a table page (its entries must no longer be referenced). */
  void freeTable(int pfn) {
    int slot = (int) memory.index(pfn);
    if (freeCount == freeSlots.length) {
      freeSlots = Arrays.copyOf(freeSlots, freeCount * 2);
    }
    freeSlots[freeCount++] = slot;
    memory.setIndex(pfn, 0);
    memory.put(pfn);
  }
}
