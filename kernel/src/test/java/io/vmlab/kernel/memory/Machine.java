package io.vmlab.kernel.memory;

import io.vmlab.api.KernelVersion;
import io.vmlab.arch.ia32.Ia32Architecture;
import io.vmlab.arch.x86_64.X8664Architecture;
import io.vmlab.kernel.Kernel;
import io.vmlab.kernel.KernelModule;
import io.vmlab.kernel.PolicySet;
import io.vmlab.kernel.TestKernels.Mode;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.config.MachineSpec.KernelSettings;
import io.vmlab.policy.linux.LinuxFaultAround;
import io.vmlab.policy.linux.LinuxLayoutPolicy;
import io.vmlab.policy.linux.LinuxOomPolicy;
import io.vmlab.policy.linux.Lru2qPolicy;
import java.util.Map;

/**
 * A test machine with the memory-side settings the default {@code TestKernels} does not reach:
 * swap, NX, PTI, fault_around_bytes, THP, the TLB and the kernel version. Everything else keeps
 * its default (6.1, 256 MiB, no swap, randomization off).
 */
final class Machine {
  private MachineSpec spec;
  private KernelVersion version;
  private Boolean nx;
  private Boolean pti;
  private Long faultAround;
  private MachineSpec.Thp thp;

  private Machine(Mode mode) {
    spec = MachineSpec.defaults(mode.arch, mode.paging);
  }

  /** A default machine of {@code mode}. */
  static Machine of(Mode mode) {
    return new Machine(mode);
  }

  Machine memory(long bytes) {
    spec = spec.withMemory(bytes);
    return this;
  }

  Machine swap(long bytes) {
    spec = spec.withSwap(bytes);
    return this;
  }

  Machine version(KernelVersion v) {
    version = v;
    return this;
  }

  Machine nx(boolean on) {
    nx = on;
    return this;
  }

  Machine pti(boolean on) {
    pti = on;
    return this;
  }

  Machine faultAroundBytes(long bytes) {
    faultAround = bytes;
    return this;
  }

  Machine thp(MachineSpec.Thp mode) {
    thp = mode;
    return this;
  }

  Machine tlb(int entries, int ways) {
    spec = new MachineSpec(spec.name(), spec.arch(), spec.paging(), spec.split(), spec.memoryBytes(),
        spec.swapBytes(), spec.kernel(), new MachineSpec.TlbSpec(entries, ways), spec.policies(), spec.limits(),
        spec.randomize(), spec.seed());
    return this;
  }

  /** The kernel, wired with the real architectures and the Linux policies. */
  Kernel build() {
    KernelSettings k = spec.kernel();
    KernelSettings s = new KernelSettings(version != null ? version : k.version(), k.mmapMinAddr(), k.overcommit(),
        k.overcommitRatio(), k.maxMapCount(), thp != null ? thp : k.thp(), k.vsyscall(),
        pti != null ? pti : k.pti(), faultAround != null ? faultAround : k.faultAroundBytes(),
        k.stackGuardGapPages(), k.randomizeVaSpace(), k.legacyVaLayout(), nx != null ? nx : k.nx(), k.softDirty());
    MachineSpec m = new MachineSpec(spec.name(), spec.arch(), spec.paging(), spec.split(), spec.memoryBytes(),
        spec.swapBytes(), s, spec.tlb(), spec.policies(), spec.limits(), spec.randomize(), spec.seed());
    return new Kernel(m,
        KernelModule.configureArch(m, Map.of("ia32", new Ia32Architecture(), "x86_64", new X8664Architecture())),
        new PolicySet(new Lru2qPolicy(), new LinuxLayoutPolicy(), new LinuxFaultAround(), new LinuxOomPolicy()));
  }
}
