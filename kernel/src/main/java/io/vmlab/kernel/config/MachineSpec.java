package io.vmlab.kernel.config;

import io.vmlab.api.KernelVersion;
import java.util.Objects;

/**
 * A machine: its architecture, memory and the kernel's settings. Every field has the default
 * documented in {@code configs/reference.yaml}; {@link #defaults(String, String)} gives them.
 *
 * @param name a short name for reports (the file name without .yaml, unless given)
 * @param arch the architecture plugin's id ({@code ia32}, {@code x86_64})
 * @param paging the paging mode ({@code 2level}, {@code pae}, {@code 4level}, {@code 5level})
 * @param split the user/kernel split, or null for the architecture's default
 * @param memoryBytes physical memory
 * @param swapBytes swap space (0 = none)
 * @param kernel the kernel's settings
 * @param tlb the TLB model
 * @param policies the policy plugins by name
 * @param limits the process resource limits
 * @param randomize whether exec randomizes (false = personality ADDR_NO_RANDOMIZE)
 * @param seed the random seed for ASLR and random policies
 * @param cpu the CPU facts exec reports in the auxiliary vector
 */
public record MachineSpec(
    String name,
    String arch,
    String paging,
    String split,
    long memoryBytes,
    long swapBytes,
    KernelSettings kernel,
    TlbSpec tlb,
    PolicyNames policies,
    Limits limits,
    boolean randomize,
    long seed,
    CpuSpec cpu) {

  /** A machine with the default CPU ({@link CpuSpec#defaults()}). */
  public MachineSpec(String name, String arch, String paging, String split, long memoryBytes, long swapBytes,
      KernelSettings kernel, TlbSpec tlb, PolicyNames policies, Limits limits, boolean randomize, long seed) {
    this(name, arch, paging, split, memoryBytes, swapBytes, kernel, tlb, policies, limits, randomize, seed,
        CpuSpec.defaults());
  }

  public MachineSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arch, "arch");
    Objects.requireNonNull(paging, "paging");
    Objects.requireNonNull(kernel, "kernel");
    Objects.requireNonNull(tlb, "tlb");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(cpu, "cpu");
  }

  /** The same machine with another CPU. */
  public MachineSpec withCpu(CpuSpec c) {
    return new MachineSpec(name, arch, paging, split, memoryBytes, swapBytes, kernel, tlb, policies, limits,
        randomize, seed, c);
  }

  /** The same machine with another randomization switch and seed. */
  public MachineSpec withRandomization(boolean r, long s) {
    return new MachineSpec(name, arch, paging, split, memoryBytes, swapBytes, kernel, tlb, policies, limits,
        r, s, cpu);
  }

  /** This machine with {@code bytes} of physical memory. */
  public MachineSpec withMemory(long bytes) {
    return new MachineSpec(name, arch, paging, split, bytes, swapBytes, kernel, tlb, policies, limits, randomize, seed,
        cpu);
  }

  /** This machine with {@code bytes} of swap. */
  public MachineSpec withSwap(long bytes) {
    return new MachineSpec(name, arch, paging, split, memoryBytes, bytes, kernel, tlb, policies, limits, randomize, seed,
        cpu);
  }

  /** This machine with other policies. */
  public MachineSpec withPolicies(PolicyNames p) {
    return new MachineSpec(name, arch, paging, split, memoryBytes, swapBytes, kernel, tlb, p, limits, randomize, seed,
        cpu);
  }

  /** This machine with another seed. */
  public MachineSpec withSeed(long s) {
    return new MachineSpec(name, arch, paging, split, memoryBytes, swapBytes, kernel, tlb, policies, limits, randomize, s,
        cpu);
  }

  /** A machine with every setting at its default. */
  public static MachineSpec defaults(String arch, String paging) {
    return new MachineSpec(arch + "-" + paging, arch, paging, null, 256L << 20, 0,
        KernelSettings.defaults(), TlbSpec.defaults(), PolicyNames.defaults(), Limits.defaults(), false, 1);
  }

  /**
   * The kernel's settings (sysctls, boot parameters, Kconfig choices).
   *
   * @param nx whether user pages get the NX bit where the paging mode has one (a CPU without NX,
   *     or a PAE kernel that does not enable it, leaves every user page executable)
   * @param softDirty CONFIG_MEM_SOFT_DIRTY (x86-64 only): smaps shows the "sd" flag
   */
  public record KernelSettings(
      KernelVersion version,
      long mmapMinAddr,
      Overcommit overcommit,
      int overcommitRatio,
      int maxMapCount,
      Thp thp,
      String vsyscall,
      boolean pti,
      long faultAroundBytes,
      long stackGuardGapPages,
      int randomizeVaSpace,
      boolean legacyVaLayout,
      boolean nx,
      boolean softDirty) {
    /** The settings without the CPU/Kconfig flags, which take their defaults (NX on, soft-dirty on). */
    public KernelSettings(KernelVersion version, long mmapMinAddr, Overcommit overcommit, int overcommitRatio,
        int maxMapCount, Thp thp, String vsyscall, boolean pti, long faultAroundBytes, long stackGuardGapPages,
        int randomizeVaSpace, boolean legacyVaLayout) {
      this(version, mmapMinAddr, overcommit, overcommitRatio, maxMapCount, thp, vsyscall, pti,
          faultAroundBytes, stackGuardGapPages, randomizeVaSpace, legacyVaLayout, true, true);
    }

    /** Linux 6.1 defaults as Debian ships them (mmap_min_addr 65536, THP madvise). */
    public static KernelSettings defaults() {
      return new KernelSettings(KernelVersion.V6_1, 65536, Overcommit.GUESS, 50, 65530, Thp.MADVISE,
          "xonly", true, 65536, 256, 2, false, true, true);
    }
  }

  /**
   * What the CPU reports to programs through exec's auxiliary vector (arch/x86: ELF_HWCAP is
   * CPUID.1:EDX, ELF_HWCAP2 the kernel's HWCAP2 bits, AT_MINSIGSTKSZ the signal frame size for
   * the CPU's xsave area). The defaults are what Linux 6.1 x86-64 reports on QEMU's qemu64 CPU.
   *
   * @param hwcap AT_HWCAP
   * @param hwcap2 AT_HWCAP2
   * @param minSigStackSize AT_MINSIGSTKSZ in bytes
   * @param gbpages whether the CPU maps 1 GiB pages (X86_FEATURE_GBPAGES, "pdpe1gb"): only then
   *     does an x86-64 kernel offer 1 GiB huge pages
   * @param kvmclock whether the machine is a KVM guest with the kvm-clock clocksource: only then
   *     does the vDSO's pvclock page exist (a read of it is SIGBUS otherwise)
   */
  public record CpuSpec(long hwcap, long hwcap2, long minSigStackSize, boolean gbpages, boolean kvmclock) {
    public CpuSpec(long hwcap, long hwcap2, long minSigStackSize) {
      this(hwcap, hwcap2, minSigStackSize, false, false);
    }

    public static CpuSpec defaults() {
      return new CpuSpec(0x78bfbfdL, 0, 0x5a0, false, false);
    }
  }

  /** vm.overcommit_memory. */
  public enum Overcommit {
    /** 0: heuristic. */
    GUESS,
    /** 1: always. */
    ALWAYS,
    /** 2: never (strict accounting). */
    NEVER
  }

  /** /sys/kernel/mm/transparent_hugepage/enabled. */
  public enum Thp {
    ALWAYS,
    MADVISE,
    NEVER
  }

  /**
   * The TLB model.
   *
   * @param entries total entries (0 = no TLB)
   * @param ways associativity (entries / ways sets)
   */
  public record TlbSpec(int entries, int ways) {
    public static TlbSpec defaults() {
      return new TlbSpec(64, 4);
    }
  }

  /**
   * Policy plugins by name.
   *
   * @param replacement page replacement ({@code lru-2q})
   * @param layout address-space layout ({@code linux})
   * @param faultAround fault-around ({@code linux})
   * @param oom OOM victim choice ({@code linux})
   */
  public record PolicyNames(String replacement, String layout, String faultAround, String oom) {
    public static PolicyNames defaults() {
      return new PolicyNames("lru-2q", "linux", "linux", "linux");
    }

    /** These policies with another replacement policy. */
    public PolicyNames withReplacement(String name) {
      return new PolicyNames(name, layout, faultAround, oom);
    }
  }

  /**
   * Resource limits (soft limits, bytes; -1 = unlimited).
   *
   * @param stack RLIMIT_STACK
   * @param data RLIMIT_DATA
   * @param as RLIMIT_AS
   * @param memlock RLIMIT_MEMLOCK
   */
  public record Limits(long stack, long data, long as, long memlock) {
    public static Limits defaults() {
      return new Limits(8L << 20, -1, -1, 8L << 20);
    }
  }
}
