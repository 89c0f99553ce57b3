package io.vmlab.kernel.proc;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.KernelArea;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.mm.MmStruct;
import io.vmlab.kernel.mm.RssStat;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.mm.VmFlags;
import io.vmlab.kernel.pgtable.PageTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The /proc files of a task, as the machine's kernel version prints them. */
public final class ProcFs {
  private final Kernel kernel;
  private final KernelVersion version;
  private final int width;
  private final SmapsWalker walker;

  public ProcFs(Kernel kernel) {
    this.kernel = kernel;
    this.version = kernel.version();
    this.width = 25 + 6 * kernel.arch().kernelPointerBytes() - 1;
    this.walker = new SmapsWalker(kernel);
  }

  /** One smaps entry: the maps line and the fields in Linux's order, values as printed ("4", "rd wr"). */
  public record SmapsEntry(String header, Vma vma, Map<String, String> fields) {}

  /** /proc/PID/maps, one string per line without the newline; the gate VMA last. */
  public List<String> maps(Task t) {
    List<String> lines = new ArrayList<>();
    MmStruct mm = t.mm();
    for (Vma v = mm.vmas().first(); v != null; v = v.next()) {
      lines.add(header(mm, v));
    }
    if (!mm.abi().compat()) {
      gateLine().ifPresent(lines::add);
    }
    return lines;
  }

  /** The whole maps file. */
  public String mapsText(Task t) {
    StringBuilder sb = new StringBuilder();
    for (String l : maps(t)) {
      sb.append(l).append('\n');
    }
    return sb.toString();
  }

  /** show_map_vma(): the maps line of a VMA. */
  public String header(MmStruct mm, Vma v) {
    long pgoff = 0;
    int major = 0;
    int minor = 0;
    long ino = 0;
    Inode inode = v.file() == null ? null : v.file().inode();
    if (inode != null) {
      pgoff = v.pgoff() << 12;
      major = inode.major();
      minor = inode.minor();
      ino = inode.ino();
    }
    String name = name(mm, v, inode);
    return line(v.start(), v.end(), VmFlags.perms(v.flags()), pgoff, major, minor, ino, name);
  }

  private String line(long start, long end, String perms, long pgoff, int major, int minor, long ino, String name) {
    StringBuilder sb = new StringBuilder(96);
    hex(sb, start, 8);
    sb.append('-');
    hex(sb, end, 8);
    sb.append(' ').append(perms).append(' ');
    hex(sb, pgoff, 8);
    sb.append(' ');
    hex(sb, major, 2);
    sb.append(':');
    hex(sb, minor, 2);
    sb.append(' ').append(ino).append(' ');
    if (name != null) {
      // seq_pad(): spaces up to the width, then one more.
      while (sb.length() < width) {
        sb.append(' ');
      }
      sb.append(' ').append(name);
    }
    return sb.toString();
  }

  private static void hex(StringBuilder sb, long v, int minWidth) {
    String h = Long.toHexString(v);
    for (int i = h.length(); i < minWidth; i++) {
      sb.append('0');
    }
    sb.append(h);
  }

  /**
   * Whether the VMA is the initial heap: 6.1 tests start <= brk and end >= start_brk, so a bss
   * ending at start_brk is [heap] too; 6.5 made both comparisons strict (vma_is_initial_heap).
   */
  private boolean heapRule(MmStruct mm, Vma v) {
    if (version.atLeast(6, 5)) {
      return Long.compareUnsigned(v.start(), mm.brk()) < 0 && Long.compareUnsigned(v.end(), mm.startBrk()) > 0;
    }
    return Long.compareUnsigned(v.start(), mm.brk()) <= 0 && Long.compareUnsigned(v.end(), mm.startBrk()) >= 0;
  }

  /** The name column: file path, special mapping, [heap], [stack], [anon:...]. */
  private String name(MmStruct mm, Vma v, Inode inode) {
    if (inode != null) {
      return inode.deleted() ? inode.path() + " (deleted)" : inode.path();
    }
    if (v.specialName() != null) {
      return v.specialName();
    }
    if (heapRule(mm, v)) {
      return "[heap]";
    }
    if (Long.compareUnsigned(v.start(), mm.startStack()) <= 0 && Long.compareUnsigned(v.end(), mm.startStack()) >= 0) {
      return "[stack]";
    }
    if (v.anonName() != null) {
      return "[anon:" + v.anonName() + "]";
    }
    return null;
  }

  /** The [vsyscall] gate line of x86-64, if the machine maps it (64-bit tasks only: get_gate_vma). */
  private Optional<String> gateLine() {
    Optional<KernelArea> gate = kernel.arch().gateArea();
    if (gate.isEmpty()) {
      return Optional.empty();
    }
    String perms = "emulate".equals(kernel.spec().kernel().vsyscall()) ? "r-xp" : "--xp";
    return Optional.of(line(gate.get().start(), gate.get().end(), perms, 0, 0, 0, 0, "[vsyscall]"));
  }

  /** /proc/PID/smaps as entries. */
  public List<SmapsEntry> smaps(Task t) {
    List<SmapsEntry> out = new ArrayList<>();
    MmStruct mm = t.mm();
    for (Vma v = mm.vmas().first(); v != null; v = v.next()) {
      out.add(new SmapsEntry(header(mm, v), v, fields(mm, v, walker.gather(mm, v))));
    }
    Optional<String> gate = mm.abi().compat() ? Optional.empty() : gateLine();
    if (gate.isPresent()) {
      Map<String, String> f = fields(null, null, new MemStats());
      out.add(new SmapsEntry(gate.get(), null, f));
    }
    return out;
  }

  /** The smaps fields of a VMA (a null VMA is the gate page). */
  private Map<String, String> fields(MmStruct mm, Vma v, MemStats s) {
    Map<String, String> f = new LinkedHashMap<>();
    long size = v == null ? 4096 : v.end() - v.start();
    f.put("Size", kb(size));
    f.put("KernelPageSize", "4");
    f.put("MMUPageSize", "4");
    f.put("Rss", kb(s.resident));
    f.put("Pss", kb(s.pss >>> MemStats.PSS_SHIFT));
    f.put("Pss_Dirty", kb(s.pssDirty >>> MemStats.PSS_SHIFT));
    f.put("Shared_Clean", kb(s.sharedClean));
    f.put("Shared_Dirty", kb(s.sharedDirty));
    f.put("Private_Clean", kb(s.privateClean));
    f.put("Private_Dirty", kb(s.privateDirty));
    f.put("Referenced", kb(s.referenced));
    f.put("Anonymous", kb(s.anonymous));
    if (version.atLeast(6, 6)) {
      f.put("KSM", "0");
    }
    f.put("LazyFree", kb(s.lazyfree));
    f.put("AnonHugePages", kb(s.anonymousThp));
    f.put("ShmemPmdMapped", kb(s.shmemThp));
    f.put("FilePmdMapped", kb(s.fileThp));
    f.put("Shared_Hugetlb", "0");
    f.put("Private_Hugetlb", "0");
    f.put("Swap", kb(s.swap));
    f.put("SwapPss", kb(s.swapPss >>> MemStats.PSS_SHIFT));
    f.put("Locked", kb(s.pssLocked >>> MemStats.PSS_SHIFT));
    f.put("THPeligible", v == null ? "0" : (thpEligible(mm, v) ? "1" : "0"));
    long flags = v == null ? gateFlags() : v.flags();
    f.put("VmFlags", VmFlags.codes(flags, version.atLeast(6, 4), softDirty()).trim());
    return f;
  }

  private long gateFlags() {
    return "emulate".equals(kernel.spec().kernel().vsyscall()) ? VmFlags.READ | VmFlags.EXEC : VmFlags.EXEC;
  }

  private boolean softDirty() {
    return kernel.spec().kernel().softDirty() && kernel.arch().softDirty();
  }

  /** hugepage_vma_check(vma, flags, smaps=true, in_pf=false, enforce_sysfs=true). */
  private boolean thpEligible(MmStruct mm, Vma v) {
    PageTable pt = mm.pageTable();
    if (!pt.hugePmd()) {
      return false;
    }
    long flags = v.flags();
    if ((flags & VmFlags.NOHUGEPAGE) != 0 || (flags & (VmFlags.SPECIAL | VmFlags.HUGETLB)) != 0) {
      return false;
    }
    long hp = (long) pt.hugePmdPages() << 12;
    long haddr = (v.end() - hp) & ~(hp - 1);
    if (v.file() != null && (((v.start() >>> 12) - v.pgoff()) & (pt.hugePmdPages() - 1)) != 0) {
      return false;
    }
    if (haddr < v.start() || haddr + hp > v.end()) {
      return false;
    }
    if (v.file() != null && v.file().inode().shmem()) {
      return false;
    }
    switch (kernel.spec().kernel().thp()) {
      case NEVER:
        return false;
      case MADVISE:
        if ((flags & VmFlags.HUGEPAGE) == 0) {
          return false;
        }
        break;
      default:
        break;
    }
    if (v.file() != null) {
      return false;
    }
    return v.isAnonymous();
  }

  private static String kb(long bytes) {
    return Long.toString(bytes >>> 10);
  }

  /** The whole smaps file. */
  public String smapsText(Task t) {
    StringBuilder sb = new StringBuilder();
    for (SmapsEntry e : smaps(t)) {
      sb.append(e.header()).append('\n');
      appendFields(sb, e.fields(), false);
    }
    return sb.toString();
  }

  private void appendFields(StringBuilder sb, Map<String, String> f, boolean rollup) {
    for (Map.Entry<String, String> en : f.entrySet()) {
      String k = en.getKey();
      String val = en.getValue();
      if (k.equals("VmFlags")) {
        sb.append("VmFlags: ").append(val).append(val.isEmpty() ? "" : " ").append('\n');
      } else if (k.equals("THPeligible")) {
        sb.append("THPeligible:    ");
        sb.append(version.atLeast(6, 3) ? pad(val, 8) : val).append('\n');
      } else if (k.equals("Private_Hugetlb")) {
        sb.append("Private_Hugetlb: ").append(pad(val, 7)).append(" kB\n");
      } else {
        String label = k + ":";
        sb.append(label);
        for (int i = label.length(); i < 16; i++) {
          sb.append(' ');
        }
        sb.append(pad(val, 8)).append(" kB\n");
      }
    }
  }

  private static String pad(String v, int w) {
    StringBuilder sb = new StringBuilder();
    for (int i = v.length(); i < w; i++) {
      sb.append(' ');
    }
    return sb.append(v).toString();
  }

  /** /proc/PID/smaps_rollup: the sums over all VMAs, with Pss_Anon/File/Shmem. */
  public Map<String, String> smapsRollup(Task t) {
    MmStruct mm = t.mm();
    MemStats sum = new MemStats();
    for (Vma v = mm.vmas().first(); v != null; v = v.next()) {
      sum.add(walker.gather(mm, v));
    }
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Rss", kb(sum.resident));
    f.put("Pss", kb(sum.pss >>> MemStats.PSS_SHIFT));
    f.put("Pss_Dirty", kb(sum.pssDirty >>> MemStats.PSS_SHIFT));
    f.put("Pss_Anon", kb(sum.pssAnon >>> MemStats.PSS_SHIFT));
    f.put("Pss_File", kb(sum.pssFile >>> MemStats.PSS_SHIFT));
    f.put("Pss_Shmem", kb(sum.pssShmem >>> MemStats.PSS_SHIFT));
    f.put("Shared_Clean", kb(sum.sharedClean));
    f.put("Shared_Dirty", kb(sum.sharedDirty));
    f.put("Private_Clean", kb(sum.privateClean));
    f.put("Private_Dirty", kb(sum.privateDirty));
    f.put("Referenced", kb(sum.referenced));
    f.put("Anonymous", kb(sum.anonymous));
    f.put("LazyFree", kb(sum.lazyfree));
    f.put("AnonHugePages", kb(sum.anonymousThp));
    f.put("ShmemPmdMapped", kb(sum.shmemThp));
    f.put("FilePmdMapped", kb(sum.fileThp));
    f.put("Shared_Hugetlb", "0");
    f.put("Private_Hugetlb", "0");
    f.put("Swap", kb(sum.swap));
    f.put("SwapPss", kb(sum.swapPss >>> MemStats.PSS_SHIFT));
    f.put("Locked", kb(sum.pssLocked >>> MemStats.PSS_SHIFT));
    return f;
  }

  /** The smaps_rollup file text. */
  public String smapsRollupText(Task t) {
    MmStruct mm = t.mm();
    Vma first = mm.vmas().first();
    Vma last = mm.vmas().last();
    long start = first == null ? 0 : first.start();
    long end = kernel.arch().gateArea().map(KernelArea::end).orElse(last == null ? 0 : last.end());
    StringBuilder sb = new StringBuilder();
    sb.append(line(start, end, "---p", 0, 0, 0, 0, "[rollup]")).append('\n');
    Map<String, String> f = smapsRollup(t);
    for (Map.Entry<String, String> en : f.entrySet()) {
      String label = en.getKey() + ":";
      if (en.getKey().equals("Private_Hugetlb")) {
        sb.append("Private_Hugetlb: ").append(pad(en.getValue(), 7)).append(" kB\n");
        continue;
      }
      sb.append(label);
      for (int i = label.length(); i < 16; i++) {
        sb.append(' ');
      }
      sb.append(pad(en.getValue(), 8)).append(" kB\n");
    }
    return sb.toString();
  }

  /** The Vm* and Rss* values of /proc/PID/status, in kB, in Linux's order. */
  public Map<String, Long> status(Task t) {
    MmStruct mm = t.mm();
    RssStat r = mm.rss();
    long anon = r.shown(RssStat.ANON);
    long file = r.shown(RssStat.FILE);
    long shmem = r.shown(RssStat.SHMEM);
    long totalVm = mm.totalVm();
    long hiwaterVm = Math.max(totalVm, mm.hiwaterVm());
    long totalRss = anon + file + shmem;
    long hiwaterRss = Math.max(totalRss, mm.hiwaterRss());
    long text = pageAlign(mm.endCode()) - (mm.startCode() & ~0xfffL);
    text = Math.min(text, mm.execVm() << 12);
    long lib = (mm.execVm() << 12) - text;
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("VmPeak", hiwaterVm * 4);
    s.put("VmSize", totalVm * 4);
    s.put("VmLck", mm.lockedVm() * 4);
    s.put("VmPin", mm.pinnedVm() * 4);
    s.put("VmHWM", hiwaterRss * 4);
    s.put("VmRSS", totalRss * 4);
    s.put("RssAnon", anon * 4);
    s.put("RssFile", file * 4);
    s.put("RssShmem", shmem * 4);
    s.put("VmData", mm.dataVm() * 4);
    s.put("VmStk", mm.stackVm() * 4);
    s.put("VmExe", text >> 10);
    s.put("VmLib", lib >> 10);
    s.put("VmPTE", mm.pageTable().tableBytes() >> 10);
    s.put("VmSwap", r.shown(RssStat.SWAPENTS) * 4);
    return s;
  }

  /** The Vm* lines of /proc/PID/status as text. */
  public String statusText(Task t) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : status(t).entrySet()) {
      sb.append(e.getKey()).append(":\t").append(pad(Long.toString(e.getValue()), 8)).append(" kB\n");
    }
    return sb.toString();
  }

  /** /proc/PID/statm: size resident shared text lib data dt, in pages. */
  public long[] statm(Task t) {
    MmStruct mm = t.mm();
    RssStat r = mm.rss();
    long shared = r.shown(RssStat.FILE) + r.shown(RssStat.SHMEM);
    long resident = shared + r.shown(RssStat.ANON);
    long text = (pageAlign(mm.endCode()) - (mm.startCode() & ~0xfffL)) >>> 12;
    long data = mm.dataVm() + mm.stackVm();
    return new long[] {mm.totalVm(), resident, shared, text, 0, data, 0};
  }

  /** The statm line. */
  public String statmText(Task t) {
    long[] v = statm(t);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < v.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(v[i]);
    }
    return sb.append('\n').toString();
  }

  private static long pageAlign(long v) {
    return (v + 0xfff) & ~0xfffL;
  }
}
