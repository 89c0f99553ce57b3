package io.vmlab.kernel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.Access;
import io.vmlab.arch.ia32.Ia32Architecture;
import io.vmlab.arch.x86_64.X8664Architecture;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.PolicySet;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.fs.Inode;
import io.vmlab.kernel.fs.OpenFile;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Vma;
import io.vmlab.kernel.sys.Syscalls;
import io.vmlab.policy.linux.LinuxFaultAround;
import io.vmlab.policy.linux.LinuxLayoutPolicy;
import io.vmlab.policy.linux.LinuxOomPolicy;
import io.vmlab.policy.linux.Lru2qPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random mixes of mmap, munmap, mprotect, mremap, madvise, touches, pins, fork and exit across
 * processes keep the machine consistent after every step: rmap reaches every mapped frame,
 * refcounts and mapcounts equal a recount, RSS equals the present PTEs, and once every process
 * has exited no frame is leaked.
 */
class RandomLoadInvariantsTest {
  private static final long HOG = 0x40000000L;

  static Stream<Arguments> machines() {
    return Stream.of(
        Arguments.of("x86_64", "4level", KernelVersion.V6_1, 64, 0, 11L),
        Arguments.of("x86_64", "5level", KernelVersion.V6_1, 64, 0, 12L),
        Arguments.of("ia32", "2level", KernelVersion.V6_1, 64, 0, 13L),
        Arguments.of("ia32", "pae", KernelVersion.V6_1, 64, 0, 14L),
        Arguments.of("x86_64", "4level", KernelVersion.V6_18, 64, 0, 15L),
        Arguments.of("x86_64", "4level", KernelVersion.V6_1, 6, 4, 16L),
        Arguments.of("ia32", "2level", KernelVersion.V6_1, 5, 2, 17L),
        Arguments.of("x86_64", "4level", KernelVersion.V6_1, 5, 0, 18L),
        // Found MADV_REMOVE dropping a pinned page from the page cache without uncaching it.
        Arguments.of("ia32", "2level", KernelVersion.V6_1, 64, 0, 1029L));
  }

  @ParameterizedTest(name = "{0} {1} kernel {2}, {3} MiB memory, {4} MiB swap, seed {5}")
  @MethodSource("machines")
  void random_load_keeps_rmap_counts_and_rss_exact(String arch, String paging, KernelVersion v, int memMiB,
      int swapMiB, long seed) {
    MachineSpec d = MachineSpec.defaults(arch, paging);
    MachineSpec.KernelSettings k = d.kernel();
    MachineSpec spec = new MachineSpec(d.name(), arch, paging, null, (long) memMiB << 20, (long) swapMiB << 20,
        new MachineSpec.KernelSettings(v, k.mmapMinAddr(), k.overcommit(), k.overcommitRatio(), k.maxMapCount(),
            MachineSpec.Thp.ALWAYS, k.vsyscall(), k.pti(), k.faultAroundBytes(), k.stackGuardGapPages(),
            k.randomizeVaSpace(), false, true, true),
        d.tlb(), d.policies(), d.limits(), false, seed);
    Kernel kernel = new Kernel(spec, KernelModule.configureArch(spec,
        Map.of("ia32", new Ia32Architecture(), "x86_64", new X8664Architecture())),
        new PolicySet(new Lru2qPolicy(), new LinuxLayoutPolicy(), new LinuxFaultAround(), new LinuxOomPolicy()));
    Syscalls sys = new Syscalls(kernel);
    Inode data = kernel.createCachedFile("/data/f", 0, 0x20, 7, 0x40000, 0x61, true);
    Inode disk = kernel.createCachedFile("/disk/g", 8, 1, 9, 0x23456, 0x62, false);
    Invariants inv = new Invariants(kernel);
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Task> tasks = new ArrayList<>();
    tasks.add(ProcessFactory.minimal(kernel, null, "p0", seed));
    for (int step = 0; step < 1500; step++) {
      tasks.removeIf(x -> x.exited());
      if (tasks.isEmpty()) {
        tasks.add(ProcessFactory.minimal(kernel, null, "p" + step, seed + step));
      }
      Task t = tasks.get(rnd.nextInt(tasks.size()));
      if (memMiB < 16 && rnd.nextInt(4) == 0) {
        // Pressure: a working set of three quarters of memory per process, so reclaim has to run.
        long pages = (long) kernel.memory().frames() * 3 / 4;
        if (t.mm().vmas().find(HOG) == null || t.mm().vmas().find(HOG).start() != HOG) {
          sys.mmap(t, HOG, pages << 12, 3, 0x32, null, 0);
        }
        long at = HOG + ((long) rnd.nextInt((int) pages - 64) << 12);
        sys.touch(t, at, 64L << 12, rnd.nextInt(4) == 0 ? Access.READ : Access.WRITE, rnd.nextInt(256), 4096);
        List<String> problems = inv.check();
        if (!problems.isEmpty()) {
          fail("seed " + seed + " step " + step + " (hog touch): " + problems.subList(0, Math.min(5, problems.size())));
        }
        continue;
      }
      String what = act(sys, kernel, t, tasks, rnd, memMiB < 16 ? 2048 : 256, new OpenFile[] {new OpenFile(data, true, true), new OpenFile(disk, true, false)});
      List<String> problems = inv.check();
      if (!problems.isEmpty()) {
        fail("seed " + seed + " step " + step + " (" + what + "): " + problems.subList(0, Math.min(5, problems.size())));
      }
    }
    if (swapMiB > 0) {
      assertTrue(kernel.memoryManager().swapSpace().swapouts() > 0, "seed " + seed + ": pressure never swapped");
    }
    if (memMiB < 16) {
      assertTrue(kernel.memoryManager().reclaimCounters()[1] > 0, "seed " + seed + ": pressure never reclaimed");
    }
    for (Task t : new ArrayList<>(tasks)) {
      if (!t.exited()) {
        sys.exit(t);
      }
    }
    assertEquals(List.of(), inv.checkNoLeaks(), "seed " + seed + ": frames leaked after every process exited");
  }

  private static String act(Syscalls sys, Kernel kernel, Task t, List<Task> tasks, SplittableRandom rnd, int span,
      OpenFile[] files) {
    long base = 0x20000000L;
    long addr = base + ((long) rnd.nextInt(span) << 12);
    long len = (long) (1 + rnd.nextInt(span / 10)) << 12;
    int op = rnd.nextInt(100);
    if (op < 20) {
      int flags = rnd.nextInt(4) == 0 ? 0x01 : 0x02;
      OpenFile f = rnd.nextInt(3) == 0 ? files[rnd.nextInt(2)] : null;
      if (f == null) {
        flags |= 0x20;
      }
      if (rnd.nextBoolean()) {
        flags |= 0x10;
      }
      int prot = 1 | (rnd.nextBoolean() ? 2 : 0) | (rnd.nextInt(5) == 0 ? 4 : 0);
      if (f != null && !f.writable() && (flags & 0x01) != 0) {
        prot &= ~2;
      }
      long off = f == null ? 0 : (long) rnd.nextInt(16) << 12;
      sys.mmap(t, rnd.nextBoolean() ? addr : 0, len, prot, flags, f, off);
      return "mmap";
    } else if (op < 30) {
      sys.munmap(t, addr, len);
      return "munmap";
    } else if (op < 40) {
      sys.mprotect(t, addr, len, rnd.nextInt(8));
      return "mprotect";
    } else if (op < 46) {
      Vma v = t.mm().vmas().find(base);
      if (v != null && v.start() < base + ((long) span << 12)) {
        sys.mremap(t, v.start(), v.end() - v.start(), len, rnd.nextBoolean() ? 1 : 0, 0);
      }
      return "mremap";
    } else if (op < 52) {
      // dontneed, free, remove, dontfork, dofork, hugepage, wipeonfork, keeponfork, cold, pageout,
      // populate_read, populate_write
      int[] advice = {4, 8, 9, 10, 11, 14, 18, 19, 20, 21, 22, 23};
      sys.madvise(t, addr, len, advice[rnd.nextInt(advice.length)]);
      return "madvise";
    } else if (op < 85) {
      Access a = rnd.nextInt(3) == 0 ? Access.READ : Access.WRITE;
      var o = sys.touch(t, addr, len, a, rnd.nextInt(256), 4096);
      return "touch" + (o.signal() == 9 ? " (killed)" : "");
    } else if (op < 88) {
      long r = sys.pin(t, addr, 4096);
      return "pin " + (Errno.isError(r) ? "failed" : "ok");
    } else if (op < 94 && tasks.size() < 5) {
      Task child = sys.fork(t, rnd.nextInt(4) == 0);
      if (child == null) {
        return "fork (ENOMEM)";
      }
      tasks.add(child);
      return "fork";
    } else if (tasks.size() > 1) {
      tasks.remove(t);
      sys.exit(t);
      return "exit";
    }
    return "nothing";
  }
}
