package io.vmlab.kernel.mm;

import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.kernel.pgtable.PageTable;
import java.util.ArrayList;
import java.util.List;

/**
 * An address space (struct mm_struct): the VMAs, the page table, the layout chosen at exec, the
 * program's segment bounds, and the counters /proc reports.
 */
public final class MmStruct {
  private static int nextId = 1;

  final int id;
  final ProcessAbi abi;
  final VmaTree vmas = new VmaTree();
  final PageTable pageTable;
  final RssStat rss;

  // Layout (arch_pick_mmap_layout).
  boolean topDown = true;
  long mmapBase;
  long mmapLegacyBase;
  long taskSize;

  // Segments (set by exec or seeded).
  long startCode;
  long endCode;
  long startData;
  long endData;
  long startBrk;
  long brk;
  long startStack;
  long argStart;
  long argEnd;
  long envStart;
  long envEnd;
  boolean brkRandomized;

  // Counters in pages (vm_stat_account).
  long totalVm;
  long lockedVm;
  long pinnedVm;
  long dataVm;
  long execVm;
  long stackVm;
  long hiwaterRss;
  long hiwaterVm;
  /** mm->def_flags: VM_LOCKED after mlockall(MCL_FUTURE). */
  long defFlags;
  /** MMF_HAS_PINNED: a page of this mm was pinned (FOLL_PIN) at some point. */
  boolean hasPinned;
  /** The list munmap collects detached VMAs in, reused so that unmapping allocates nothing. */
  private ArrayList<Vma> detached = new ArrayList<>();

  public MmStruct(ProcessAbi abi, PageTable pageTable, boolean splitRss) {
    synchronized (MmStruct.class) {
      this.id = nextId++;
    }
    this.abi = abi;
    this.pageTable = pageTable;
    this.rss = new RssStat(splitRss);
    this.taskSize = abi.taskSize();
  }

  /** A number identifying this mm (the TLB's address-space tag). */
  public int id() {
    return id;
  }

  /** The process ABI (TASK_SIZE, word size...). */
  public ProcessAbi abi() {
    return abi;
  }

  /** The VMAs. */
  public VmaTree vmas() {
    return vmas;
  }

  /** The page table. */
  public PageTable pageTable() {
    return pageTable;
  }

  /** The RSS counters. */
  public RssStat rss() {
    return rss;
  }

  /** mm->map_count. */
  public int mapCount() {
    return vmas.size();
  }

  /** TASK_SIZE for this mm. */
  public long taskSize() {
    return taskSize;
  }

  public boolean topDown() {
    return topDown;
  }

  public long mmapBase() {
    return mmapBase;
  }

  public long mmapLegacyBase() {
    return mmapLegacyBase;
  }

  /** Sets the layout (arch_pick_mmap_layout). */
  public void setLayout(boolean topDown, long mmapBase, long legacyBase) {
    this.topDown = topDown;
    this.mmapBase = mmapBase;
    this.mmapLegacyBase = legacyBase;
  }

  public long startCode() {
    return startCode;
  }

  public long endCode() {
    return endCode;
  }

  public long startData() {
    return startData;
  }

  public long endData() {
    return endData;
  }

  public long startBrk() {
    return startBrk;
  }

  public long brk() {
    return brk;
  }

  public long startStack() {
    return startStack;
  }

  public long argStart() {
    return argStart;
  }

  public long argEnd() {
    return argEnd;
  }

  public long envStart() {
    return envStart;
  }

  public long envEnd() {
    return envEnd;
  }

  /** Sets the program's segment bounds (exec, or a seeded process). */
  public void setSegments(long startCode, long endCode, long startData, long endData, long startBrk, long brk) {
    this.startCode = startCode;
    this.endCode = endCode;
    this.startData = startData;
    this.endData = endData;
    this.startBrk = startBrk;
    this.brk = brk;
  }

  /** Sets the stack and argument bounds. */
  public void setStack(long startStack, long argStart, long argEnd, long envStart, long envEnd) {
    this.startStack = startStack;
    this.argStart = argStart;
    this.argEnd = argEnd;
    this.envStart = envStart;
    this.envEnd = envEnd;
  }

  /** Whether brk was randomized at exec (current->brk_randomized). */
  public void setBrkRandomized(boolean value) {
    this.brkRandomized = value;
  }

  public long totalVm() {
    return totalVm;
  }

  public long lockedVm() {
    return lockedVm;
  }

  public long pinnedVm() {
    return pinnedVm;
  }

  public long dataVm() {
    return dataVm;
  }

  public long execVm() {
    return execVm;
  }

  public long stackVm() {
    return stackVm;
  }

  /** mm->hiwater_rss. */
  public long hiwaterRss() {
    return hiwaterRss;
  }

  /** mm->hiwater_vm. */
  public long hiwaterVm() {
    return hiwaterVm;
  }

  /** Seeds the peak values (conformance: VmHWM and VmPeak as recorded). */
  public void seedPeaks(long hiwaterRssPages, long hiwaterVmPages) {
    this.hiwaterRss = hiwaterRssPages;
    this.hiwaterVm = hiwaterVmPages;
  }

  /** update_hiwater_rss(): before RSS goes down. */
  public void updateHiwaterRss() {
    long r = rss.rss();
    if (hiwaterRss < r) {
      hiwaterRss = r;
    }
  }

  /** update_hiwater_vm(): before total_vm goes down. */
  public void updateHiwaterVm() {
    if (hiwaterVm < totalVm) {
      hiwaterVm = totalVm;
    }
  }

  public long defFlags() {
    return defFlags;
  }

  public boolean hasPinned() {
    return hasPinned;
  }

  public void setHasPinned() {
    hasPinned = true;
  }

  /** mm->pinned_vm += pages (VmPin). */
  public void addPinned(long pages) {
    pinnedVm += pages;
  }

  /**
   * dup_mm(): the child copies the parent's layout, segments, counters and peaks (a memcpy in
   * Linux); locked_vm, pinned_vm and the RSS counters start at zero.
   */
  public void copyLayoutFrom(MmStruct p) {
    topDown = p.topDown;
    mmapBase = p.mmapBase;
    mmapLegacyBase = p.mmapLegacyBase;
    taskSize = p.taskSize;
    startCode = p.startCode;
    endCode = p.endCode;
    startData = p.startData;
    endData = p.endData;
    startBrk = p.startBrk;
    brk = p.brk;
    startStack = p.startStack;
    argStart = p.argStart;
    argEnd = p.argEnd;
    envStart = p.envStart;
    envEnd = p.envEnd;
    brkRandomized = p.brkRandomized;
    // dup_mm(): the child's peaks start from its own size, not the parent's.
    hiwaterRss = rss.rss();
    hiwaterVm = totalVm;
    lockedVm = 0;
  }

  /** vm_stat_account(): total_vm plus exactly one of exec/stack/data by the flags. */
  void statAccount(long flags, long pages) {
    totalVm += pages;
    if ((flags & (VmFlags.EXEC | VmFlags.WRITE | VmFlags.STACK)) == VmFlags.EXEC) {
      execVm += pages;
    } else if ((flags & VmFlags.STACK) == VmFlags.STACK) {
      stackVm += pages;
    } else if ((flags & (VmFlags.WRITE | VmFlags.SHARED | VmFlags.STACK)) == VmFlags.WRITE) {
      dataVm += pages;
    }
  }

  /** An empty list for munmap's detached VMAs (the shared one unless it is in use). */
  List<Vma> detachList() {
    ArrayList<Vma> l = detached;
    if (l == null) {
      return new ArrayList<>();
    }
    detached = null;
    return l;
  }

  /** Gives a list from {@link #detachList()} back. */
  void releaseDetachList(List<Vma> l) {
    l.clear();
    if (detached == null && l instanceof ArrayList<Vma> a) {
      detached = a;
    }
  }

  /** Recounts total/exec/stack/data/locked VM from the VMAs (for invariant checks). */
  public long[] recountVm() {
    long total = 0;
    long exec = 0;
    long stack = 0;
    long data = 0;
    long locked = 0;
    for (Vma v = vmas.first(); v != null; v = v.next) {
      long n = v.pages();
      total += n;
      if ((v.flags & (VmFlags.EXEC | VmFlags.WRITE | VmFlags.STACK)) == VmFlags.EXEC) {
        exec += n;
      } else if ((v.flags & VmFlags.STACK) != 0) {
        stack += n;
      } else if ((v.flags & (VmFlags.WRITE | VmFlags.SHARED | VmFlags.STACK)) == VmFlags.WRITE) {
        data += n;
      }
      if ((v.flags & VmFlags.LOCKED) != 0) {
        locked += n;
      }
    }
    return new long[] {total, exec, stack, data, locked};
  }
}
