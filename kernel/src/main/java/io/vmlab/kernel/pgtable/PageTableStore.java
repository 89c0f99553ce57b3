package io.vmlab.kernel.pgtable;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PagingGeometry;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import java.util.Arrays;

/**
 * The entries of every page-table page of a machine, in chunks of 512 tables' worth of {@code
 * long}s (so that growing never copies, and a 64 GiB machine's 16M PTEs need no doubled array). A
 * table page is a frame flagged PageTable whose {@code index} holds its slot here; slots are as
 * wide as the geometry's widest table (1024 entries on IA-32 2-level, 512 elsewhere). A position
 * is {@code slot << slotShift | entry}.
 */
public final class PageTableStore {
  private final PhysicalMemory memory;
  private final EntryFormat format;
  private static final int CHUNK_SLOTS_SHIFT = 9;
  private final int slotShift;
  private final int chunkShift;
  private final int chunkMask;
  private long[][] chunks = new long[8][];
  private int[] freeSlots = new int[64];
  private int freeCount;
  private int nextSlot;

  public PageTableStore(PhysicalMemory memory, PagingGeometry geometry, EntryFormat format) {
    this.memory = memory;
    this.format = format;
    int widest = geometry.tableLevels().stream().mapToInt(l -> l.entries()).max().orElse(512);
    this.slotShift = Integer.numberOfTrailingZeros(Integer.highestOneBit(widest));
    this.chunkShift = slotShift + CHUNK_SLOTS_SHIFT;
    this.chunkMask = (1 << chunkShift) - 1;
  }

  /** The entry format. */
  public EntryFormat format() {
    return format;
  }

  /** The machine's physical memory. */
  public PhysicalMemory memory() {
    return memory;
  }

  /** The entry at {@code pos}. */
  long get(int pos) {
    return chunks[pos >>> chunkShift][pos & chunkMask];
  }

  /** Writes the entry at {@code pos}. */
  void set(int pos, long value) {
    chunks[pos >>> chunkShift][pos & chunkMask] = value;
  }

  /** Copies {@code n} entries within one table (positions of the same slot never straddle chunks). */
  void copy(int from, int to, int n) {
    if (((from ^ to) & ~chunkMask) == 0 || n == 0) {
      long[] c = chunks[from >>> chunkShift];
      System.arraycopy(c, from & chunkMask, c, to & chunkMask, n);
    } else {
      System.arraycopy(chunks[from >>> chunkShift], from & chunkMask, chunks[to >>> chunkShift], to & chunkMask, n);
    }
  }

  /** The position of entry 0 of the table in frame {@code pfn}. */
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
      int chunk = slot >>> CHUNK_SLOTS_SHIFT;
      if (chunk >= chunks.length) {
        chunks = Arrays.copyOf(chunks, chunks.length * 2);
      }
      if (chunks[chunk] == null) {
        chunks[chunk] = new long[1 << chunkShift];
      }
    }
    int base = slot << slotShift;
    Arrays.fill(chunks[base >>> chunkShift], base & chunkMask, (base & chunkMask) + (1 << slotShift), 0L);
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
