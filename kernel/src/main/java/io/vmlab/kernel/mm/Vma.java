package io.vmlab.kernel.mm;

import io.vmlab.kernel.fs.OpenFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtual memory area (struct vm_area_struct): [start, end) with flags, a file and offset or
 * an anon_vma, and the links of the ordered tree it lives in.
 */
public final class Vma {
  long start;
  long end;
  long flags;
  /** vm_pgoff: file offset in pages, or start >> 12 for private anonymous memory. */
  long pgoff;
  OpenFile file;
  AnonVma anonVma;
  /** The anon_vma_chain: every anon_vma this VMA's pages may belong to (its own, its parents'). */
  final List<AnonVma> anonVmaChain = new ArrayList<>(0);
  /** For special mappings ([vdso], [vvar]...): vm_ops->name(). */
  String specialName;
  /** anon_vma_name (PR_SET_VMA_ANON_NAME). */
  String anonName;
  final MmStruct mm;

  // VmaTree links: a treap ordered by start, augmented with the largest gap below each node.
  Vma left;
  Vma right;
  Vma parent;
  int priority;
  /** start - previous VMA's end (or start, for the first VMA). */
  long gap;
  /** The largest gap in this subtree. */
  long maxGap;
  // In-order neighbours (vm_prev/vm_next of older kernels).
  Vma prev;
  Vma next;

  Vma(MmStruct mm, long start, long end, long flags, long pgoff) {
    this.mm = mm;
    this.start = start;
    this.end = end;
    this.flags = flags;
    this.pgoff = pgoff;
  }

  /** vm_start. */
  public long start() {
    return start;
  }

  /** vm_end. */
  public long end() {
    return end;
  }

  /** vm_flags. */
  public long flags() {
    return flags;
  }

  /** vm_pgoff. */
  public long pgoff() {
    return pgoff;
  }

  /** vm_file, or null for anonymous memory. */
  public OpenFile file() {
    return file;
  }

  /** The anon_vma, or null before the first anonymous fault. */
  public AnonVma anonVma() {
    return anonVma;
  }

  /** The owning mm. */
  public MmStruct mm() {
    return mm;
  }

  /** The next VMA in address order, or null. */
  public Vma next() {
    return next;
  }

  /** The previous VMA in address order, or null. */
  public Vma prev() {
    return prev;
  }

  /** A special mapping's name ([vdso], [vvar], ...), or null. */
  public String specialName() {
    return specialName;
  }

  /** The anon_vma_name, or null. */
  public String anonName() {
    return anonName;
  }

  /** Pages in the VMA. */
  public long pages() {
    return (end - start) >>> 12;
  }

  /** Whether the VMA has the flag(s). */
  public boolean has(long flag) {
    return (flags & flag) != 0;
  }

  /** vma_is_anonymous(): no file and no special ops. */
  public boolean isAnonymous() {
    return file == null && specialName == null;
  }

  /** vm_start_gap(): the start less the stack guard gap for a grows-down VMA. */
  long startGap(long guard) {
    if ((flags & VmFlags.GROWSDOWN) == 0) {
      return start;
    }
    long s = start - guard;
    return Long.compareUnsigned(s, start) > 0 ? 0 : s;
  }

  /** The page offset for an address inside the VMA (linear_page_index). */
  public long pgoffOf(long address) {
    return pgoff + ((address - start) >>> 12);
  }

  @Override
  public String toString() {
    return Long.toHexString(start) + "-" + Long.toHexString(end) + " " + VmFlags.perms(flags);
  }
}
