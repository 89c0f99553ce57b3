package io.vmlab.kernel.mm;

import io.vmlab.kernel.fs.OpenFile;
import java.util.Objects;

/**
 * The VMA bookkeeping of mm/mmap.c: linking and unlinking (with the file's i_mmap and the
 * anon_vma chains), __split_vma, vma_merge with its eight cases, vma_expand, and
 * anon_vma_prepare / anon_vma_clone / anon_vma_fork of mm/rmap.c.
 */
public final class VmaOps {
  private final Mappings mappings;
  private final boolean relaxedAnonMerge;
  private java.util.function.Consumer<io.vmlab.kernel.fs.Inode> lastUnmap = i -> {};

  private java.util.function.ObjLongConsumer<MmStruct> boundary = (mm, addr) -> {};

  /**
   * Called with every address where a split or a merge puts a VMA boundary, before it moves
   * (vma_adjust_trans_huge(): a huge PMD across it must be split).
   */
  public void onBoundary(java.util.function.ObjLongConsumer<MmStruct> hook) {
    this.boundary = hook;
  }

  /** Called when the last VMA of a deleted file (a shared anonymous mapping's shmem file) goes. */
  public void onLastUnmapOfDeleted(java.util.function.Consumer<io.vmlab.kernel.fs.Inode> hook) {
    this.lastUnmap = hook;
  }

  /**
   * @param relaxedAnonMerge the anon_vma rule of newer kernels (mm/vma.c, seen in 6.18): a VMA
   *     without an anon_vma may take one over (dup_anon_vma), so only two different anon_vmas
   *     block a merge
   */
  public VmaOps(Mappings mappings, boolean relaxedAnonMerge) {
    this.mappings = mappings;
    this.relaxedAnonMerge = relaxedAnonMerge;
  }

  /** vm_area_alloc + fields. */
  public Vma newVma(MmStruct mm, long start, long end, long flags, long pgoff, OpenFile file) {
    Vma v = new Vma(mm, start, end, flags, pgoff);
    v.file = file;
    return v;
  }

  /**
   * Installs a VMA as given (a special mapping at exec, or a process seeded from a recorded
   * state), with its statistics.
   */
  public Vma install(MmStruct mm, long start, long end, long flags, long pgoff, OpenFile file, String specialName) {
    Vma v = newVma(mm, start, end, flags, pgoff, file);
    v.specialName = specialName;
    link(mm, v);
    mm.statAccount(flags, v.pages());
    if ((flags & VmFlags.LOCKED) != 0) {
      mm.lockedVm += v.pages();
    }
    return v;
  }

  /** Copies the names (anon_vma_name) of {@code from} to {@code to}. */
  public void copyNames(Vma to, Vma from) {
    to.anonName = from.anonName;
  }

  /** Changes a VMA's flags in place (seeding and exec's stack setup). */
  public void setFlags(MmStruct mm, Vma v, long flags) {
    mm.statAccount(v.flags, -v.pages());
    v.flags = flags;
    mm.statAccount(flags, v.pages());
  }

  /** vma_link(): into the tree and the file's i_mmap. */
  public void link(MmStruct mm, Vma v) {
    mm.vmas.insert(v);
    if (v.file != null) {
      v.file.inode().mapping().vmas().add(v);
    }
  }

  /** Takes a VMA out of the tree, i_mmap and its anon_vmas (the VMA is gone). */
  public void unlink(MmStruct mm, Vma v) {
    mm.vmas.remove(v);
    unlinkRmap(v);
  }

  /** unlink_file_vma() and unlink_anon_vmas(). */
  void unlinkRmap(Vma v) {
    if (v.file != null) {
      java.util.List<Vma> imap = v.file.inode().mapping().vmas();
      imap.remove(v);
      if (imap.isEmpty() && v.file.inode().deleted()) {
        // The last reference to an unlinked file is gone: its inode and pages are freed.
        lastUnmap.accept(v.file.inode());
      }
    }
    unlinkAnonVmas(v);
  }

  /** unlink_anon_vmas(): the VMA leaves every anon_vma it was linked to. */
  void unlinkAnonVmas(Vma v) {
    for (AnonVma av : v.anonVmaChain) {
      av.vmas.remove(v);
      if (v.anonVma == av) {
        av.activeVmas--;
      }
      if (av.vmas.isEmpty()) {
        mappings.release(av);
      }
    }
    v.anonVmaChain.clear();
    v.anonVma = null;
  }

  /** anon_vma_prepare(): give the VMA an anon_vma before its first anonymous page. */
  public AnonVma anonVmaPrepare(Vma v) {
    if (v.anonVma != null) {
      return v.anonVma;
    }
    AnonVma av = findMergeableAnonVma(v);
    if (av == null) {
      av = mappings.newAnonVma(null);
    }
    v.anonVma = av;
    av.activeVmas++;
    if (!v.anonVmaChain.contains(av)) {
      v.anonVmaChain.add(av);
      av.vmas.add(v);
    }
    return av;
  }

  /**
   * find_mergeable_anon_vma(): a neighbour's anon_vma the VMA may share, so that the two could
   * merge later (anon_vma_compatible and a singular chain on the neighbour).
   */
  private AnonVma findMergeableAnonVma(Vma v) {
    Vma next = v.next;
    if (next != null && compatible(v, next) && next.anonVma != null && next.anonVmaChain.size() == 1) {
      return next.anonVma;
    }
    Vma prev = v.prev;
    if (prev != null && compatible(prev, v) && prev.anonVma != null && prev.anonVmaChain.size() == 1) {
      return prev.anonVma;
    }
    return null;
  }

  /** anon_vma_compatible(a, b) with a below b: adjacent, same file, flags alike but for access bits. */
  private static boolean compatible(Vma a, Vma b) {
    long ignore = VmFlags.READ | VmFlags.WRITE | VmFlags.EXEC | VmFlags.SOFTDIRTY;
    return a.end == b.start
        && a.file == b.file
        && ((a.flags ^ b.flags) & ~ignore) == 0
        && b.pgoff == a.pgoff + a.pages()
        && Objects.equals(a.anonName, b.anonName);
  }

  /** anon_vma_clone(): link {@code dst} to every anon_vma {@code src} is linked to. */
  public void anonVmaClone(Vma dst, Vma src) {
    for (AnonVma av : src.anonVmaChain) {
      if (!dst.anonVmaChain.contains(av)) {
        dst.anonVmaChain.add(av);
        av.vmas.add(dst);
      }
    }
  }

  /**
   * anon_vma_fork(): the child VMA shares the parent's anon_vmas and gets one of its own (or
   * reuses an idle one: no active VMAs and fewer than two children, since 3.19).
   */
  public void anonVmaFork(Vma child, Vma parent) {
    if (parent.anonVma == null) {
      return;
    }
    child.anonVma = null;
    anonVmaClone(child, parent);
    AnonVma reuse = null;
    for (AnonVma av : child.anonVmaChain) {
      if (av != parent.anonVma && av.activeVmas == 0 && av.children < 2) {
        reuse = av;
        break;
      }
    }
    AnonVma own = reuse != null ? reuse : mappings.newAnonVma(parent.anonVma);
    child.anonVma = own;
    own.activeVmas++;
    if (!child.anonVmaChain.contains(own)) {
      child.anonVmaChain.add(own);
      own.vmas.add(child);
    }
  }

  /**
   * __split_vma(): splits at {@code addr}; the new VMA takes the lower part if {@code newBelow},
   * else the upper part. Returns the new VMA. The caller checks max_map_count.
   */
  public Vma split(MmStruct mm, Vma v, long addr, boolean newBelow) {
    boundary.accept(mm, addr);
    Vma n = new Vma(mm, v.start, v.end, v.flags, v.pgoff);
    n.file = v.file;
    n.specialName = v.specialName;
    n.anonName = v.anonName;
    n.anonVma = v.anonVma;
    anonVmaClone(n, v);
    if (n.anonVma != null) {
      n.anonVma.activeVmas++;
    }
    if (newBelow) {
      n.end = addr;
      v.pgoff += (addr - n.start) >>> 12;
    } else {
      n.start = addr;
      n.pgoff += (addr - v.start) >>> 12;
    }
    mm.vmas.insertSplit(v, n);
    if (n.file != null) {
      n.file.inode().mapping().vmas().add(n);
    }
    return n;
  }

  /**
   * vm_ops->may_split: special_mapping_split() refuses to cut [vdso], [vvar] and [vvar_vclock]
   * (EINVAL).
   */
  public static boolean maySplit(Vma v) {
    String n = v.specialName;
    return !("[vdso]".equals(n) || "[vvar]".equals(n) || "[vvar_vclock]".equals(n));
  }

  /** split_vma(): the public variant that refuses at max_map_count. Returns null on ENOMEM. */
  public Vma splitChecked(MmStruct mm, Vma v, long addr, boolean newBelow, int maxMapCount) {
    if (mm.mapCount() >= maxMapCount) {
      return null;
    }
    return split(mm, v, addr, newBelow);
  }

  /** is_mergeable_vma(): flags (but soft-dirty) equal, same file, no close op, same name. */
  static boolean mergeableVma(Vma v, OpenFile file, long flags, String anonName) {
    return ((v.flags ^ flags) & ~VmFlags.SOFTDIRTY) == 0
        && v.file == file
        && v.specialName == null
        && Objects.equals(v.anonName, anonName);
  }

  /**
   * is_mergeable_anon_vma(): equal, or one missing and the VMA's chain singular. An empty chain
   * is not singular (list_is_singular), so a VMA without an anon_vma does not take in pages
   * that have one.
   */
  static boolean mergeableAnonVma(AnonVma a1, AnonVma a2, Vma v) {
    if ((a1 == null || a2 == null) && (v == null || v.anonVmaChain.size() == 1)) {
      return true;
    }
    return a1 == a2;
  }

  /** can_vma_merge_before(): may a new range ending at {@code v.start} with pgoff end merge? */
  boolean canMergeBefore(Vma v, long flags, AnonVma anonVma, OpenFile file, long pgoff, String name) {
    return canMergeBefore(v, flags, anonVma, file, pgoff, name, null);
  }

  /**
   * can_vma_merge_before() for a range taken from {@code source} (the VMA whose range changes,
   * or the one mremap copies from), or null for a new range.
   */
  boolean canMergeBefore(Vma v, long flags, AnonVma anonVma, OpenFile file, long pgoff, String name, Vma source) {
    return mergeableVma(v, file, flags, name) && anonOk(anonVma, v, source) && v.pgoff == pgoff;
  }

  /**
   * The anon_vma test of a merge of a range with anon_vma {@code anonVma} (taken from
   * {@code source}, or null for a new range) into {@code v}. 6.1: is_mergeable_anon_vma(). Newer
   * kernels (mm/vma.c is_mergeable_anon_vma(), seen in 6.18): an unfaulted side takes the
   * other's anon_vma over, unless the faulted side is a fork child (vma_is_fork_child()).
   */
  private boolean anonOk(AnonVma anonVma, Vma v, Vma source) {
    if (!relaxedAnonMerge) {
      return mergeableAnonVma(anonVma, v.anonVma, v);
    }
    if (anonVma == v.anonVma) {
      return true;
    }
    if (anonVma == null) {
      return !forkChild(v);
    }
    if (v.anonVma == null) {
      return source == null || !forkChild(source);
    }
    return false;
  }

  /** vma_is_fork_child(): the VMA has an anon_vma and its chain links it to a parent's too. */
  static boolean forkChild(Vma v) {
    return v.anonVma != null && v.anonVmaChain.size() != 1;
  }

  /** can_vma_merge_after(): may a new range starting at {@code v.end} with pgoff merge? */
  boolean canMergeAfter(Vma v, long flags, AnonVma anonVma, OpenFile file, long pgoff, String name) {
    return canMergeAfter(v, flags, anonVma, file, pgoff, name, null);
  }

  /** can_vma_merge_after() for a range taken from {@code source} (see canMergeBefore). */
  boolean canMergeAfter(Vma v, long flags, AnonVma anonVma, OpenFile file, long pgoff, String name, Vma source) {
    return mergeableVma(v, file, flags, name) && anonOk(anonVma, v, source) && v.pgoff + v.pages() == pgoff;
  }

  /**
   * vma_merge() of 6.1: merges the range [addr, end) that is to get {@code flags} with prev
   * and/or the VMA after it; returns the VMA now covering the range, or null if no merge was
   * possible. {@code prev} is the VMA before the range or the VMA the range starts in;
   * {@code source} the VMA the range belongs to now (mprotect, madvise, mlock) or is copied
   * from (mremap), whose anon_vma is {@code anonVma}.
   */
  public Vma merge(MmStruct mm, Vma prev, long addr, long end, long flags, AnonVma anonVma,
      OpenFile file, long pgoff, String name, Vma source) {
    if ((flags & VmFlags.SPECIAL) != 0) {
      return null;
    }
    long pglen = (end - addr) >>> 12;
    boundary.accept(mm, addr);
    boundary.accept(mm, end);
    Vma next = prev != null ? prev.next : mm.vmas.first();
    Vma mid = next;
    if (next != null && next.end == end) {
      next = next.next;
    }
    boolean midInRange = mid != null && mid != next && mid.start < end;
    if (prev != null && prev.end == addr && canMergeAfter(prev, flags, anonVma, file, pgoff, name, source)) {
      if (next != null && end == next.start && canMergeBefore(next, flags, anonVma, file, pgoff + pglen, name, source)
          && mergeableAnonVma(prev.anonVma, next.anonVma, null)) {
        // Cases 1 and 6: prev absorbs the range, next and (case 6) mid.
        if (midInRange) {
          absorb(prev, mid);
        }
        absorb(prev, next);
        long newEnd = next.end;
        unlink(mm, next);
        if (midInRange) {
          unlink(mm, mid);
        }
        mm.vmas.setBounds(prev, prev.start, newEnd);
      } else if (mid != null && mid.start < end) {
        // Cases 5 and 7: prev takes the head of mid (5) or all of it (7).
        absorb(prev, mid);
        if (mid.end == end) {
          unlink(mm, mid);
        } else {
          long delta = (end - mid.start) >>> 12;
          mm.vmas.setBounds(mid, end, mid.end);
          mid.pgoff += delta;
        }
        mm.vmas.setBounds(prev, prev.start, end);
      } else {
        // Case 2: prev grows over a new range.
        mm.vmas.setBounds(prev, prev.start, end);
      }
      return prev;
    }
    if (next != null && end == next.start && canMergeBefore(next, flags, anonVma, file, pgoff + pglen, name, source)) {
      if (prev != null && addr < prev.end) {
        // Case 4: the tail of prev joins next.
        absorb(next, prev);
        mm.vmas.setBounds(prev, prev.start, addr);
      } else if (midInRange) {
        // Case 8: next grows down over all of mid.
        absorb(next, mid);
        unlink(mm, mid);
      }
      // Case 3 (and the above): next grows down to addr.
      mm.vmas.setBounds(next, addr, next.end);
      next.pgoff -= pglen;
      return next;
    }
    return null;
  }

  /** The importer takes over the exporter's pages: it must be linked to its anon_vmas. */
  private void absorb(Vma importer, Vma exporter) {
    if (exporter.anonVma != null && importer.anonVma == null) {
      importer.anonVma = exporter.anonVma;
      importer.anonVma.activeVmas++;
    }
    anonVmaClone(importer, exporter);
  }

  /**
   * vma_expand(): grows {@code v} to [start, end), removing {@code next} if it is now covered.
   * Used by mmap_region() and brk.
   */
  public void expand(MmStruct mm, Vma v, long start, long end, long pgoff, Vma next) {
    boolean removeNext = next != null && next != v && end == next.end;
    if (removeNext) {
      absorb(v, next);
      unlink(mm, next);
    }
    if (start < v.start) {
      mm.vmas.setBounds(v, start, v.end);
    }
    mm.vmas.setBounds(v, v.start, end);
    v.pgoff = pgoff;
  }
}
