package io.vmlab.kernel.memory;

import java.util.Arrays;

/**
 * A set-associative TLB of base-page translations (one CPU). An entry caches the frame and the
 * permissions of a PTE for one address space; it is used only while its address space runs.
 * Linux flushes it on munmap, mprotect, COW breaks and address-space switches (no PCID).
 * Replacement within a set is round-robin. Nothing is allocated per lookup.
 */
public final class Tlb {
  /** Permission bits kept with an entry. */
  static final int WRITABLE = 1;
  static final int USER = 2;
  static final int EXEC = 4;
  /** The entry's PTE is already dirty: a write needs no walk. */
  static final int DIRTY = 8;

  private final int sets;
  private final int ways;
  /** sets - 1 when sets is a power of two (the set index is then a mask), else -1. */
  private final int setMask;
  private final long[] tags;
  private final int[] frames;
  private final byte[] perms;
  private final int[] nextVictim;
  /** A memo of recent lookups' slots by the low bits of the page number. */
  private static final int RECENT = 256;
  private final int[] recent = new int[RECENT];
  private int asid = -1;
  private long hits;
  private long misses;
  private long flushes;

  /**
   * @param entries total entries (0 disables the TLB)
   * @param ways associativity
   */
  public Tlb(int entries, int ways) {
    this.ways = Math.max(1, Math.min(ways, Math.max(entries, 1)));
    this.sets = entries == 0 ? 0 : Math.max(1, entries / this.ways);
    this.setMask = sets > 0 && Integer.bitCount(sets) == 1 ? sets - 1 : -1;
    int n = sets * this.ways;
    // One spare tag that never matches, so the memo can point at it when the TLB is disabled.
    tags = new long[Math.max(n, 1)];
    frames = new int[n];
    perms = new byte[n];
    nextVictim = new int[Math.max(sets, 1)];
    Arrays.fill(tags, -1L);
  }

  /** Switches the address space (CR3 write): everything goes. */
  void switchTo(int mmId) {
    if (asid != mmId) {
      asid = mmId;
      flushAll();
    }
  }

  /** The running address space. */
  int current() {
    return asid;
  }

  /** The slot holding {@code vpn}, or -1, without counting (the caller counts its hits in bulk). */
  int find(long vpn) {
    int h = (int) vpn & (RECENT - 1);
    int s = recent[h];
    if (tags[s] == vpn) {
      return s;
    }
    if (sets == 0) {
      return -1;
    }
    int base = setOf(vpn) * ways;
    for (int i = 0; i < ways; i++) {
      if (tags[base + i] == vpn) {
        recent[h] = base + i;
        return base + i;
      }
    }
    return -1;
  }

  /** Counts {@code n} hits found by {@link #find}. */
  void countHits(long n) {
    hits += n;
  }

  /** Looks up {@code vpn}; returns the entry's slot or -1, counting a hit or a miss. */
  int lookup(long vpn) {
    // Where vpn was last found: a page is in at most one slot, so if that slot still holds it,
    // this is the set search's answer without the search (the model's state is unchanged).
    int h = (int) vpn & (RECENT - 1);
    int s = recent[h];
    if (tags[s] == vpn) {
      hits++;
      return s;
    }
    if (sets == 0) {
      misses++;
      return -1;
    }
    int base = setOf(vpn) * ways;
    for (int i = 0; i < ways; i++) {
      if (tags[base + i] == vpn) {
        hits++;
        recent[h] = base + i;
        return base + i;
      }
    }
    misses++;
    return -1;
  }

  private int setOf(long vpn) {
    return setMask >= 0 ? (int) vpn & setMask : (int) Long.remainderUnsigned(vpn, sets);
  }

  int frame(int slot) {
    return frames[slot];
  }

  int perms(int slot) {
    return perms[slot];
  }

  void markDirty(int slot) {
    perms[slot] |= DIRTY;
  }

  /** Caches a translation. */
  void fill(long vpn, int frame, int permBits) {
    if (sets == 0) {
      return;
    }
    int set = setOf(vpn);
    int base = set * ways;
    for (int i = 0; i < ways; i++) {
      if (tags[base + i] == vpn) {
        frames[base + i] = frame;
        perms[base + i] = (byte) permBits;
        return;
      }
    }
    int slot = base + nextVictim[set];
    nextVictim[set] = (nextVictim[set] + 1) % ways;
    tags[slot] = vpn;
    frames[slot] = frame;
    perms[slot] = (byte) permBits;
  }

  /** flush_tlb_mm_range() for the running address space. */
  void flushRange(int mmId, long startVpn, long endVpn) {
    if (sets == 0 || mmId != asid) {
      return;
    }
    flushes++;
    if (endVpn - startVpn > tags.length) {
      Arrays.fill(tags, -1L);
      return;
    }
    for (long v = startVpn; v < endVpn; v++) {
      int base = setOf(v) * ways;
      for (int i = 0; i < ways; i++) {
        if (tags[base + i] == v) {
          tags[base + i] = -1L;
        }
      }
    }
  }

  /** Drops everything. */
  void flushAll() {
    flushes++;
    Arrays.fill(tags, -1L);
  }

  public long hits() {
    return hits;
  }

  public long misses() {
    return misses;
  }

  public long flushes() {
    return flushes;
  }

  /** Entries the TLB holds. */
  public int capacity() {
    return sets * ways;
  }
}
