package io.vmlab.kernel.check;

import io.vmlab.api.arch.EntryFormat;
import io.vmlab.api.arch.PteFlags;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.AddressSpace;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.AnonVma;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.pgtable.PageTable;
import io.vmlab.kernel.phys.PageFlags;
import io.vmlab.kernel.phys.PhysicalMemory;
import io.vmlab.kernel.swap.SwapSpace;
import io.vmlab.kernel.swap.SwapEntry;
import java.util.ArrayList;
import java.util.List;

/** Recounts a machine's state and lists every way it disagrees with the kernel's bookkeeping. */
public final class Invariants {
  private final Kernel kernel;
  private final PhysicalMemory mem;
  private final EntryFormat format;

  public Invariants(Kernel kernel) {
    this.kernel = kernel;
    this.mem = kernel.memory();
    this.format = kernel.arch().entryFormat();
  }

  /** Every violation found (empty if consistent). */
  public List<String> check() {
    List<String> problems = new ArrayList<>();
    int[] maps = new int[mem.frames()];
    SwapSpace swap = kernel.memoryManager().swapSpace();
    int[] swapRefs = swap == null ? null : new int[swap.slots() + 1];
    for (Task t : kernel.tasks()) {
      checkTask(t, maps, swapRefs, problems);
    }
    checkFrames(maps, problems);
    if (swap != null) {
      checkSwap(swap, swapRefs, problems);
    }
    return problems;
  }

  /** swap_map: each slot's count equals the swap PTEs that name it. */
  private static void checkSwap(SwapSpace swap, int[] refs, List<String> problems) {
    for (int s = 1; s < refs.length; s++) {
      if (swap.count(s) != refs[s]) {
        problems.add("swap slot " + s + ": count " + swap.count(s) + ", swap PTEs " + refs[s]);
      }
    }
  }

  /** Throws if anything is inconsistent. */
  public void verify() {
    List<String> p = check();
    if (!p.isEmpty()) {
      throw new IllegalStateException(p.size() + " invariant violations, first: " + String.join("; ",
          p.subList(0, Math.min(5, p.size()))));
    }
  }

  private void checkTask(Task t, int[] maps, int[] swapRefs, List<String> problems) {
    MmStruct mm = t.mm();
    String who = "pid " + t.pid();
    try {
      mm.vmas().verify();
    } catch (IllegalStateException e) {
      problems.add(who + ": VMA tree: " + e.getMessage());
    }
    long[] vm = mm.recountVm();
    long[] kept = {mm.totalVm(), mm.execVm(), mm.stackVm(), mm.dataVm(), mm.lockedVm()};
    String[] names = {"total_vm", "exec_vm", "stack_vm", "data_vm", "locked_vm"};
    for (int i = 0; i < vm.length; i++) {
      if (vm[i] != kept[i]) {
        problems.add(who + ": " + names[i] + " is " + kept[i] + ", recount " + vm[i]);
      }
    }
    PageTable pt = mm.pageTable();
    if (pt.tableBytes() != pt.recountTableBytes()) {
      problems.add(who + ": VmPTE bytes " + pt.tableBytes() + ", recount " + pt.recountTableBytes());
    }
    long[] rss = new long[4];
    long[] swap = new long[1];
    for (Vma v = mm.vmas().first(); v != null; v = v.next()) {
      Vma vma = v;
      pt.forEachLeaf(v.start(), v.end(), (va, pos, d) -> {
        long e = pt.entry(pos);
        int f = format.flags(e);
        if (!format.present(e) && (f & PteFlags.PROTNONE) == 0) {
          if (format.isSwap(e)) {
            swap[0]++;
            if (swapRefs != null) {
              swapRefs[SwapEntry.slot(format.swapEntry(e))]++;
            }
          }
          return;
        }
        if ((f & PteFlags.SPECIAL) != 0) {
          return;
        }
        int pfn = (int) format.pfn(e);
        long pages = d < pt.pteDepth() ? pt.span(d) >>> 12 : 1;
        maps[pfn]++;
        if (!mem.test(pfn, PageFlags.RESERVED)) {
          checkRmap(who, vma, va, pfn, problems); // kernel pages (the vDSO image) have no rmap
        }
        if (mem.test(pfn, PageFlags.ANON)) {
          rss[RssStat.ANON] += pages;
        } else {
          rss[mem.test(pfn, PageFlags.SWAPBACKED) ? RssStat.SHMEM : RssStat.FILE] += pages;
        }
      });
    }
    RssStat r = mm.rss();
    String[] members = {"file", "anon", "swapents", "shmem"};
    rss[RssStat.SWAPENTS] = swap[0];
    for (int i = 0; i < 4; i++) {
      if (r.exact(i) != rss[i]) {
        problems.add(who + ": RSS " + members[i] + " counter " + r.exact(i) + ", present PTEs " + rss[i]);
      }
    }
  }

  /** The page must be found again from the VMA through its anon_vma or its file's i_mmap. */
  private void checkRmap(String who, Vma vma, long va, int pfn, List<String> problems) {
    String at = who + " 0x" + Long.toHexString(va) + " frame " + pfn;
    int id = mem.mapping(pfn);
    if (mem.test(pfn, PageFlags.ANON)) {
      AnonVma av = kernel.mappings().anonVma(id);
      if (av == null) {
        problems.add(at + ": anonymous page with no anon_vma");
      } else if (!av.vmas().contains(vma)) {
        problems.add(at + ": its anon_vma does not list the VMA that maps it");
      }
    } else {
      AddressSpace as = kernel.mappings().addressSpace(id);
      if (as == null) {
        problems.add(at + ": file page with no address space");
      } else {
        if (!as.vmas().contains(vma)) {
          problems.add(at + ": the file's i_mmap does not list the VMA that maps it");
        }
        if (vma.file() == null || vma.file().inode().mapping() != as) {
          problems.add(at + ": mapped by a VMA of another file");
        }
      }
    }
    if (mem.index(pfn) != vma.pgoffOf(va & ~0xfffL) && !mem.test(pfn, PageFlags.HEAD)) {
      problems.add(at + ": page index " + mem.index(pfn) + " but the VMA maps offset " + vma.pgoffOf(va & ~0xfffL));
    }
  }

  /** mapcount and refcount of every frame against the recount. */
  private void checkFrames(int[] maps, List<String> problems) {
    for (int pfn = 0; pfn < mem.frames(); pfn++) {
      int f = mem.flags(pfn);
      if (mem.isFree(pfn) || (f & (PageFlags.RESERVED | PageFlags.PGTABLE | PageFlags.TAIL)) != 0) {
        if (maps[pfn] != 0 && (f & PageFlags.RESERVED) == 0) {
          problems.add("frame " + pfn + ": mapped " + maps[pfn] + " times but free or a page table");
        }
        continue;
      }
      if (mem.mapcount(pfn) != maps[pfn]) {
        problems.add("frame " + pfn + ": mapcount " + mem.mapcount(pfn) + ", PTEs " + maps[pfn]);
      }
      int refs = mem.refcount(pfn);
      int pins = refs / 1024;
      int base = refs % 1024;
      int expected = maps[pfn] + ((f & PageFlags.FILE) != 0 ? 1 : 0) + ((f & PageFlags.SWAPCACHE) != 0 ? 1 : 0)
          + kernel.memoryManager().batchedRefs(pfn);
      if (base != expected) {
        problems.add("frame " + pfn + ": refcount " + refs + " (" + pins + " pins), expected " + expected
            + " (mappings" + ((f & PageFlags.FILE) != 0 ? " + page cache" : "") + ")");
      }
      if ((f & (PageFlags.ANON | PageFlags.FILE)) == 0 && maps[pfn] == 0 && pins == 0) {
        problems.add("frame " + pfn + ": allocated but neither anonymous nor file, unmapped and unpinned (leaked)");
      }
      if ((f & PageFlags.ANON) != 0 && maps[pfn] == 0 && (f & PageFlags.SWAPCACHE) == 0 && pins == 0) {
        problems.add("frame " + pfn + ": anonymous page mapped nowhere (leaked)");
      }
    }
  }

  /** After every process exited: only page-cache pages, page tables of init_mm and kernel pages remain. */
  public List<String> checkNoLeaks() {
    List<String> problems = new ArrayList<>();
    long cached = 0;
    for (Inode i : kernel.files().files()) {
      cached += i.mapping().nrPages();
    }
    long used = 0;
    long other = 0;
    for (int pfn = 0; pfn < mem.frames(); pfn++) {
      if (mem.isFree(pfn)) {
        continue;
      }
      int f = mem.flags(pfn);
      if ((f & PageFlags.TAIL) != 0) {
        continue;
      }
      used++;
      if ((f & (PageFlags.RESERVED | PageFlags.PGTABLE | PageFlags.FILE)) == 0) {
        other++;
      }
    }
    if (other != 0) {
      problems.add(other + " frames in use that are neither page cache, page tables nor kernel pages");
    }
    return problems;
  }
}
