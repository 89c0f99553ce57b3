package io.vmlab.app.conform;

import io.vmlab.api.arch.Access;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.api.policy.LayoutRequest;
import io.vmlab.api.policy.MmLayout;
import io.vmlab.app.script.ForkHooks;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.memory.Mmu;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.sys.Syscalls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Builds the recorder process of a case from its {@code initial} state: VMAs from the maps
 * lines and smaps VmFlags, resident pages from smaps Rss/Anonymous/Pss, the program break, the
 * RSS counters with 6.1's task cache, and the peaks. It also plays the recorder's own actions
 * around a fork (re-touching its pages, then the scratch-page RSS sync), outside every step.
 */
final class RecorderSeeder implements ForkHooks {
  /** A page the recorder keeps resident, and whether it writes it. */
  private record OwnPage(long addr, boolean write) {}

  private final Kernel kernel;
  private final Syscalls sys;
  private final List<OwnPage> ownPages = new ArrayList<>();
  private final Map<String, Inode> files = new LinkedHashMap<>();

  private final int fileFolioMaxPages;
  private final long fileWriteBytes;

  /**
   * @param fileFolioMaxPages the largest page-cache folio of files on a real filesystem in the
   *     recording environment (large folios on the 6.18 host's ext4), 1 for none
   * @param fileWriteBytes the size of the write()s that filled the data files
   */
  RecorderSeeder(Kernel kernel, int fileFolioMaxPages, long fileWriteBytes) {
    this.kernel = kernel;
    this.sys = new Syscalls(kernel);
    this.fileFolioMaxPages = fileFolioMaxPages;
    this.fileWriteBytes = fileWriteBytes;
  }

  /** The data files of the case by id. */
  Map<String, Inode> files() {
    return files;
  }

  /** The seeded task. */
  @SuppressWarnings("unchecked")
  Task seed(CaseFile c, TargetProfile.Resolved target, Map<String, Integer> fills) {
    ProcessAbi abi = kernel.arch().abi(target.processAbi()).orElseThrow(() ->
        new CaseException(c.path() + ": the machine has no '" + target.processAbi() + "' processes"));
    Task t = kernel.newTask("recorder", abi);
    t.setPersonality(target.noRandomize() ? Task.ADDR_NO_RANDOMIZE : 0);
    MmStruct mm = t.mm();
    MmLayout layout = kernel.policies().layout().pick(new LayoutRequest(abi, kernel.version(), target.rlimitStack(),
        kernel.spec().kernel().randomizeVaSpace(), target.noRandomize(), false, kernel.stackGuardGap(),
        new SplittableRandom(kernel.spec().seed())));
    mm.setLayout(layout.topDown(), layout.mmapBase(), layout.legacyMmapBase());

    Map<String, Object> exe = (Map<String, Object>) c.target().get("exe");
    List<String> mapLines = (List<String>) c.initial().get("maps");
    long exeSize = 0;
    if (exe != null) {
      for (String line : mapLines) {
        MapsLine m = MapsLine.parse(line);
        if (m.name().equals(String.valueOf(exe.get("path")))) {
          exeSize = Math.max(exeSize, m.offset() + (m.end() - m.start()));
        }
      }
    }
    Inode recorder = exe == null ? null : declare(String.valueOf(exe.get("path")), String.valueOf(exe.get("dev")),
        number(exe.get("inode")), exeSize, 0);
    for (Map<String, Object> f : c.files()) {
      String id = String.valueOf(f.get("id"));
      Inode inode = declare(String.valueOf(f.get("path")), String.valueOf(f.get("dev")), number(f.get("inode")),
          number(f.get("size")), fills.getOrDefault(id, 0x61));
      if (!inode.shmem()) {
        inode.setLargeFolios(fileFolioMaxPages, fileWriteBytes);
      }
      files.put(id, inode);
    }
    Map<String, Object> initial = c.initial();
    List<String> maps = (List<String>) initial.get("maps");
    Map<String, Map<String, Object>> smaps = new LinkedHashMap<>();
    for (Map<String, Object> s : (List<Map<String, Object>>) initial.getOrDefault("smaps", List.of())) {
      smaps.put(String.valueOf(s.get("vma")), s);
    }
    long brk0 = parseHex(String.valueOf(initial.get("brk")));
    Vma stack = null;
    Vma text = null;
    Vma data = null;
    for (String line : maps) {
      MapsLine m = MapsLine.parse(line);
      if (m.name().equals("[vsyscall]")) {
        continue;
      }
      Map<String, Object> sm = smaps.getOrDefault(line, Map.of());
      long flags = sm.containsKey("VmFlags") ? VmFlags.parse(String.valueOf(sm.get("VmFlags"))) : m.flagsFromPerms();
      OpenFile file = null;
      String special = null;
      long pgoff = m.start() >>> 12;
      if (m.name().startsWith("/")) {
        Inode inode = recorder != null && m.name().equals(recorder.path()) ? recorder : kernel.files().lookup(m.name());
        if (inode == null) {
          inode = declare(m.name(), m.dev(), m.inode(), m.offset() + (m.end() - m.start()), 0);
        }
        file = new OpenFile(inode, true, false);
        pgoff = m.offset() >>> 12;
      } else if (m.name().startsWith("[v")) {
        special = m.name();
        pgoff = m.offset() >>> 12; // _install_special_mapping(): vm_pgoff 0, as maps shows
      }
      Vma v = kernel.vmaOps().install(mm, m.start(), m.end(), flags, pgoff, file, special);
      if (special == null && (flags & VmFlags.GROWSDOWN) != 0) {
        stack = v;
      }
      if (file != null && (flags & VmFlags.EXEC) != 0 && text == null) {
        text = v;
      }
      if (file != null && (flags & VmFlags.WRITE) != 0) {
        data = v;
      }
      populate(mm, v, sm, special != null);
    }
    long startCode = text != null ? text.start() : 0;
    long endCode = text != null ? text.end() : 0;
    long startData = data != null ? data.start() : 0;
    long endData = data != null ? data.end() : 0;
    mm.setSegments(startCode, endCode, startData, endData, brk0, brk0);
    long sp = stack != null ? stack.end() - 0x1000 : 0;
    mm.setStack(sp, sp, sp, sp, sp);

    Map<String, Object> status = (Map<String, Object>) initial.getOrDefault("status", Map.of());
    long[] counters = new long[4];
    counters[RssStat.ANON] = number(status.get("RssAnon")) / 4;
    counters[RssStat.FILE] = number(status.get("RssFile")) / 4;
    counters[RssStat.SHMEM] = number(status.get("RssShmem")) / 4;
    counters[RssStat.SWAPENTS] = number(status.get("VmSwap")) / 4;
    long[] cache = new long[4];
    Map<String, Object> rc = (Map<String, Object>) initial.get("rss_cache");
    if (rc != null) {
      cache[RssStat.ANON] = number(rc.get("anon")) / 4;
      cache[RssStat.FILE] = number(rc.get("file")) / 4;
      cache[RssStat.SHMEM] = number(rc.get("shmem")) / 4;
    }
    Object ev = initial.get("rss_events");
    mm.rss().seed(counters, cache, ev == null ? 0 : (int) number(ev));
    mm.seedPeaks(number(status.get("VmHWM")) / 4, number(status.get("VmPeak")) / 4);
    return t;
  }

  /** Makes the VMA's resident pages: the top ones of the stack, the lowest ones elsewhere. */
  private void populate(MmStruct mm, Vma v, Map<String, Object> sm, boolean special) {
    long rssPages = number(sm.get("Rss")) / 4;
    if (special || rssPages == 0) {
      return;
    }
    long anonPages = number(sm.get("Anonymous")) / 4;
    long pss = number(sm.get("Pss"));
    long rss = number(sm.get("Rss"));
    int extra = pss > 0 && pss < rss ? (int) Math.round((double) rss / pss) - 1 : 0;
    boolean dirty = number(sm.get("Private_Dirty")) + number(sm.get("Shared_Dirty")) > 0;
    boolean stack = v.has(VmFlags.GROWSDOWN);
    boolean write = v.has(VmFlags.WRITE);
    for (long i = 0; i < rssPages; i++) {
      long addr = stack ? v.end() - (i + 1) * 4096 : v.start() + i * 4096;
      boolean anon = i < anonPages || v.file() == null;
      kernel.memoryManager().seedPage(mm, v, addr, anon, dirty || anon, anon ? 0 : extra);
      ownPages.add(new OwnPage(addr, write));
    }
  }

  private Inode declare(String path, String dev, long ino, long size, int fill) {
    Inode existing = kernel.files().lookup(path);
    if (existing != null) {
      return existing;
    }
    String[] mm = dev.split(":");
    int major = Integer.parseInt(mm[0], 16);
    int minor = mm.length > 1 ? Integer.parseInt(mm[1], 16) : 0;
    return kernel.createCachedFile(path, major, minor, ino, size, fill, major == 0);
  }

  /** The recorder re-touches its pages in the child, then syncs its RSS counters with a scratch page. */
  @Override
  public void childStarted(Task child) {
    retouch(child);
    scratchSync(child);
  }

  /**
   * The 32-bit recorder writes to its stack between fork() and reading its fault counter (the
   * call's arguments go on the stack), so the parent takes one COW fault inside the fork step.
   */
  @Override
  public void parentReturned(Task parent) {
    if (parent.abi().wordBytes() == 4) {
      long top = 0;
      for (OwnPage p : ownPages) {
        if (p.write() && p.addr() > top && p.addr() < parent.abi().stackTop()) {
          top = p.addr();
        }
      }
      if (top != 0) {
        kernel.memoryManager().mmu().access(parent, top, Access.WRITE, true);
      }
    }
  }

  /** After wait(), the parent re-touches its pages and syncs likewise. */
  @Override
  public void parentResumed(Task parent) {
    retouch(parent);
    scratchSync(parent);
  }

  private void retouch(Task t) {
    Mmu mmu = kernel.memoryManager().mmu();
    for (OwnPage p : ownPages) {
      mmu.access(t, p.addr(), p.write() ? Access.WRITE : Access.READ, true);
    }
  }

  /** mmap one page at 0x10000000 (MAP_FIXED_NOREPLACE), write it, munmap it: the zap syncs on 6.1. */
  private void scratchSync(Task t) {
    long a = sys.mmap(t, 0x10000000L, 4096, 3, 0x22 | 0x100000, null, 0);
    if (a == 0x10000000L) {
      sys.touch(t, a, 1, Access.WRITE, 1, 4096);
      sys.munmap(t, a, 4096);
    }
  }

  static long number(Object o) {
    if (o == null) {
      return 0;
    }
    if (o instanceof Number n) {
      return n.longValue();
    }
    String s = o.toString().trim();
    return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
  }

  static long parseHex(String s) {
    s = s.trim();
    return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseUnsignedLong(s, 16);
  }
}
