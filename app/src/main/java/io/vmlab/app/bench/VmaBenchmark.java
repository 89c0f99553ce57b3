package io.vmlab.app.bench;

import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.Task;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.kernel.mm.Errno;
import io.vmlab.kernel.mm.Mman;
import io.vmlab.kernel.sys.Syscalls;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code vmlab bench vma}: VMA operations per second with few and with many VMAs present.
 * mmap+munmap pairs of one anonymous page (placed top-down, unmapped again), and mprotect
 * split+merge pairs (the middle page of a 3-page VMA to read-only, which splits it in three,
 * then back, which merges the three again). The background VMAs are single pages with
 * alternating protections, so none merge.
 */
public final class VmaBenchmark {
  /** The VMA counts measured. */
  public static final int[] SIZES = {1_000, 60_000};
  /** vm.max_map_count for the benchmark machine: room for 60,000 VMAs and more. */
  public static final int MAX_MAP_COUNT = 200_000;

  private static final long PAGE = 4096;
  private static final int ANON = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;
  private static final int RW = Mman.PROT_READ | Mman.PROT_WRITE;

  private VmaBenchmark() {}

  /**
   * Measures every case on fresh kernels from {@code kernels} for {@code spec} (with
   * max_map_count raised to {@link #MAX_MAP_COUNT} if it is lower).
   */
  public static VmaBenchReport run(MachineSpec spec, Function<MachineSpec, Kernel> kernels, BenchSettings settings) {
    MachineSpec machine = withMaxMapCount(spec, Math.max(spec.kernel().maxMapCount(), MAX_MAP_COUNT));
    List<Measurement> results = new ArrayList<>();
    for (int vmas : SIZES) {
      results.add(mmapMunmap(kernels.apply(machine), vmas, settings));
    }
    for (int vmas : SIZES) {
      results.add(mprotectSplitMerge(kernels.apply(machine), vmas, settings));
    }
    return new VmaBenchReport(machine.name(), machine.kernel().version().toString(),
        machine.kernel().maxMapCount(), settings, results);
  }

  /** A process with {@code vmas} VMAs in all (its stack and vDSO included). */
  private static Task process(Kernel k, int vmas) {
    Task t = ProcessFactory.minimal(k, null, "bench", 1);
    Syscalls sys = new Syscalls(k);
    int i = 0;
    while (t.mm().mapCount() < vmas) {
      int prot = i++ % 2 == 0 ? Mman.PROT_READ : Mman.PROT_NONE;
      check(sys.mmap(t, 0, PAGE, prot, ANON, null, 0), "background mmap");
    }
    return t;
  }

  private static Measurement mmapMunmap(Kernel k, int vmas, BenchSettings settings) {
    Task t = process(k, vmas);
    Syscalls sys = new Syscalls(k);
    // Each new page lands below the lowest background VMA, whose protection differs: no merge.
    Rounds.Operation op = n -> {
      for (int i = 0; i < n; i++) {
        long a = sys.mmap(t, 0, PAGE, RW, ANON, null, 0);
        sys.munmap(t, a, PAGE);
      }
    };
    op.run(1);
    Rounds.Result rounds = Rounds.measure(op, settings);
    expectCount(t, vmas, "mmap+munmap");
    long a = check(sys.mmap(t, 0, PAGE, RW, ANON, null, 0), "mmap");
    check(sys.munmap(t, a, PAGE), "munmap");
    return new Measurement("mmap+munmap", vmas, rounds.perCpuSecond(), rounds.perWallSecond());
  }

  private static Measurement mprotectSplitMerge(Kernel k, int vmas, BenchSettings settings) {
    Task t = process(k, vmas - 1);
    Syscalls sys = new Syscalls(k);
    long v = check(sys.mmap(t, 0, 3 * PAGE, RW, ANON, null, 0), "mmap");
    long middle = v + PAGE;
    Rounds.Operation op = n -> {
      for (int i = 0; i < n; i++) {
        sys.mprotect(t, middle, PAGE, Mman.PROT_READ);
        sys.mprotect(t, middle, PAGE, RW);
      }
    };
    check(sys.mprotect(t, middle, PAGE, Mman.PROT_READ), "mprotect");
    expectCount(t, vmas + 2, "the split");
    check(sys.mprotect(t, middle, PAGE, RW), "mprotect");
    expectCount(t, vmas, "the merge");
    Rounds.Result rounds = Rounds.measure(op, settings);
    expectCount(t, vmas, "mprotect split+merge");
    return new Measurement("mprotect split+merge", vmas, rounds.perCpuSecond(), rounds.perWallSecond());
  }

  private static long check(long result, String what) {
    if (Errno.isError(result)) {
      throw new IllegalStateException(what + " failed: " + Errno.of(result));
    }
    return result;
  }

  private static void expectCount(Task t, int vmas, String what) {
    if (t.mm().mapCount() != vmas) {
      throw new IllegalStateException("after " + what + ": " + t.mm().mapCount() + " VMAs, expected " + vmas);
    }
  }

  /** The machine with another vm.max_map_count. */
  static MachineSpec withMaxMapCount(MachineSpec s, int maxMapCount) {
    MachineSpec.KernelSettings k = s.kernel();
    MachineSpec.KernelSettings n = new MachineSpec.KernelSettings(k.version(), k.mmapMinAddr(), k.overcommit(),
        k.overcommitRatio(), maxMapCount, k.thp(), k.vsyscall(), k.pti(), k.faultAroundBytes(),
        k.stackGuardGapPages(), k.randomizeVaSpace(), k.legacyVaLayout(), k.nx(), k.softDirty());
    return new MachineSpec(s.name(), s.arch(), s.paging(), s.split(), s.memoryBytes(), s.swapBytes(), n, s.tlb(),
        s.policies(), s.limits(), s.randomize(), s.seed());
  }
}
