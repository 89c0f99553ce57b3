package io.vmlab.kernel;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.ProcessAbi;
import io.vmlab.arch.ia32.Ia32Architecture;
import io.vmlab.arch.x86_64.X8664Architecture;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.exec.ProcessFactory;
import io.vmlab.policy.linux.LinuxFaultAround;
import io.vmlab.policy.linux.LinuxLayoutPolicy;
import io.vmlab.policy.linux.LinuxOomPolicy;
import io.vmlab.policy.linux.Lru2qPolicy;
import java.util.Map;

/**
 * Real kernels for tests: the IA-32 and x86-64 architectures and the Linux policies, wired as
 * the app wires them but without PF4J or Guice. {@code TestKernels.of(Mode.X86_64_4LEVEL)
 * .maxMapCount(100).build()}.
 */
public final class TestKernels {
  /** The four paging modes the conformance cases were recorded on. */
  public enum Mode {
    IA32_2LEVEL("ia32", "2level"),
    IA32_PAE("ia32", "pae"),
    X86_64_4LEVEL("x86_64", "4level"),
    X86_64_5LEVEL("x86_64", "5level");

    public final String arch;
    public final String paging;

    Mode(String arch, String paging) {
      this.arch = arch;
      this.paging = paging;
    }

    /** Whether the mode belongs to the 64-bit architecture. */
    public boolean is64() {
      return arch.equals("x86_64");
    }

    @Override
    public String toString() {
      return arch + "-" + paging;
    }
  }

  private MachineSpec spec;

  private TestKernels(MachineSpec spec) {
    this.spec = spec;
  }

  /** A machine of {@code mode} with every setting at its default (6.1, randomization off). */
  public static TestKernels of(Mode mode) {
    return new TestKernels(MachineSpec.defaults(mode.arch, mode.paging));
  }

  /** A default kernel of {@code mode}. */
  public static Kernel kernel(Mode mode) {
    return of(mode).build();
  }

  /** The kernel version (6.1 by default). */
  public TestKernels version(KernelVersion version) {
    return kernel(version, k().mmapMinAddr(), k().maxMapCount(), k().pti(), k().legacyVaLayout());
  }

  /** vm.max_map_count (65530 by default). */
  public TestKernels maxMapCount(int maxMapCount) {
    return kernel(k().version(), k().mmapMinAddr(), maxMapCount, k().pti(), k().legacyVaLayout());
  }

  /** vm.mmap_min_addr (65536 by default). */
  public TestKernels mmapMinAddr(long mmapMinAddr) {
    return kernel(k().version(), mmapMinAddr, k().maxMapCount(), k().pti(), k().legacyVaLayout());
  }

  /** Page-table isolation (on by default): PAE preallocates the kernel PMDs too. */
  public TestKernels pti(boolean pti) {
    return kernel(k().version(), k().mmapMinAddr(), k().maxMapCount(), pti, k().legacyVaLayout());
  }

  /** vm.legacy_va_layout: bottom-up mmap. */
  public TestKernels legacyLayout(boolean legacy) {
    return kernel(k().version(), k().mmapMinAddr(), k().maxMapCount(), k().pti(), legacy);
  }

  /** Physical memory in bytes (256 MiB by default). */
  public TestKernels memory(long bytes) {
    spec = new MachineSpec(spec.name(), spec.arch(), spec.paging(), spec.split(), bytes, spec.swapBytes(),
        spec.kernel(), spec.tlb(), spec.policies(), spec.limits(), spec.randomize(), spec.seed());
    return this;
  }

  /** The machine description built so far. */
  public MachineSpec spec() {
    return spec;
  }

  /** The kernel. */
  public Kernel build() {
    return new Kernel(spec,
        KernelModule.configureArch(spec, Map.of("ia32", new Ia32Architecture(), "x86_64", new X8664Architecture())),
        new PolicySet(new Lru2qPolicy(), new LinuxLayoutPolicy(), new LinuxFaultAround(), new LinuxOomPolicy()));
  }

  /** A minimal process (stack, [vvar], [vdso]) of the native ABI. */
  public static Task process(Kernel k) {
    return ProcessFactory.minimal(k, null, "test", 1);
  }

  /** A minimal process of the ABI named {@code abi} ({@code i386} on x86-64 is a compat task). */
  public static Task process(Kernel k, String abi) {
    ProcessAbi a = k.arch().abi(abi).orElseThrow(() -> new IllegalArgumentException("no ABI " + abi));
    return ProcessFactory.minimal(k, a, "test", 1);
  }

  private MachineSpec.KernelSettings k() {
    return spec.kernel();
  }

  private TestKernels kernel(KernelVersion version, long mmapMinAddr, int maxMapCount, boolean pti, boolean legacy) {
    MachineSpec.KernelSettings o = k();
    MachineSpec.KernelSettings n = new MachineSpec.KernelSettings(version, mmapMinAddr, o.overcommit(),
        o.overcommitRatio(), maxMapCount, o.thp(), o.vsyscall(), pti, o.faultAroundBytes(), o.stackGuardGapPages(),
        o.randomizeVaSpace(), legacy, o.nx(), o.softDirty());
    spec = new MachineSpec(spec.name(), spec.arch(), spec.paging(), spec.split(), spec.memoryBytes(), spec.swapBytes(),
        n, spec.tlb(), spec.policies(), spec.limits(), spec.randomize(), spec.seed());
    return this;
  }
}
