package io.vmlab.app.config;

import java.util.List;
import java.util.Map;

/** The keys of a machine file, section by section: the schema {@link MachineBinder} reads. */
public final class MachineKeys {
  /** Top-level keys. */
  public static final List<String> ROOT = List.of("machine");
  /** Keys of {@code machine}. */
  public static final List<String> MACHINE = List.of("name", "arch", "paging", "split", "memory", "swap",
      "kernel", "tlb", "policies", "limits", "randomize", "seed", "cpu");
  /** Keys of {@code machine.kernel}. */
  public static final List<String> KERNEL = List.of("version", "mmap_min_addr", "overcommit",
      "overcommit_ratio", "max_map_count", "thp", "vsyscall", "pti", "fault_around_bytes", "stack_guard_gap",
      "randomize_va_space", "legacy_va_layout", "nx", "soft_dirty");
  /** Keys of {@code machine.tlb}. */
  public static final List<String> TLB = List.of("entries", "ways");
  /** Keys of {@code machine.policies}. */
  public static final List<String> POLICIES = List.of("replacement", "layout", "fault_around", "oom");
  /** Keys of {@code machine.cpu}. */
  public static final List<String> CPU = List.of("hwcap", "hwcap2", "minsigstksz", "gbpages", "kvmclock");
  /** Keys of {@code machine.limits}. */
  public static final List<String> LIMITS = List.of("stack", "data", "as", "memlock");

  /** Every mapping of the schema by dotted path, with its keys. */
  public static final Map<String, List<String>> SECTIONS = Map.of(
      "", ROOT, "machine", MACHINE, "machine.kernel", KERNEL, "machine.tlb", TLB,
      "machine.policies", POLICIES, "machine.limits", LIMITS, "machine.cpu", CPU);

  private MachineKeys() {}
}
