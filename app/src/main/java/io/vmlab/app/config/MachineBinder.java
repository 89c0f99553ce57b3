package io.vmlab.app.config;

import io.vmlab.api.KernelVersion;
import io.vmlab.api.arch.Architecture;
import io.vmlab.kernel.config.MachineSpec;
import io.vmlab.kernel.config.MachineSpec.CpuSpec;
import io.vmlab.kernel.config.MachineSpec.KernelSettings;
import io.vmlab.kernel.config.MachineSpec.Limits;
import io.vmlab.kernel.config.MachineSpec.Overcommit;
import io.vmlab.kernel.config.MachineSpec.PolicyNames;
import io.vmlab.kernel.config.MachineSpec.Thp;
import io.vmlab.kernel.config.MachineSpec.TlbSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a machine file's node tree to a {@link MachineSpec}: every key of {@link MachineKeys},
 * each parsed and range-checked from its raw text, missing keys at their defaults ({@code
 * MachineSpec.*.defaults()}, the values {@code configs/reference.yaml} documents).
 */
final class MachineBinder {
  private static final long PAGE = 4096;
  private static final long KIB = 1L << 10;
  private static final long MIB = 1L << 20;
  private static final long GIB = 1L << 30;

  /** What binding produced: the spec, and the keys whose values could not be used. */
  record Bound(MachineSpec spec, Set<String> failedKeys) {}

  private MachineBinder() {}

  /**
   * Binds {@code root}; returns null if the file has no {@code machine} section at all.
   *
   * @param defaultName the name when the file gives none (its base name)
   * @param archs the loaded architectures, for the default paging mode and the list in messages
   */
  static Bound bind(Node root, String defaultName, Map<String, Architecture> archs, Problems problems, KeyMarks marks) {
    Set<String> failed = new TreeSet<>();
    if (root == null) {
      problems.add(Position.START, "the file is empty: a machine file starts with 'machine:'");
      return null;
    }
    MappingReader top = MappingReader.of(root, "", MachineKeys.ROOT, problems, marks, failed);
    if (!top.has("machine")) {
      if (problems.isEmpty()) {
        problems.add(Position.of(root), "missing top-level key 'machine:'");
      }
      return null;
    }
    MappingReader m = top.mapping("machine", MachineKeys.MACHINE);
    if (failed.contains("machine")) {
      return null;
    }
    String arch = m.get("arch", Scalars.text(), null);
    if (arch == null && !failed.contains("machine.arch")) {
      problems.add(m.position("arch"), "machine: missing required key 'arch' (available: "
          + String.join(", ", archs.keySet()) + ")");
      failed.add("machine.arch");
    }
    Architecture known = arch == null ? null : archs.get(arch);
    String defaultPaging = known == null || known.pagingModes().isEmpty() ? "" : known.pagingModes().get(0);

    MachineSpec spec = new MachineSpec(
        m.get("name", Scalars.text(), defaultName),
        arch == null ? "" : arch,
        m.get("paging", Scalars.text(), defaultPaging),
        split(m),
        m.get("memory", Scalars.size(MIB, 64 * GIB, PAGE), 256 * MIB),
        m.get("swap", Scalars.size(0, 1024 * GIB, PAGE), 0L),
        kernel(m.mapping("kernel", MachineKeys.KERNEL)),
        tlb(m.mapping("tlb", MachineKeys.TLB), problems, failed),
        policies(m.mapping("policies", MachineKeys.POLICIES)),
        limits(m.mapping("limits", MachineKeys.LIMITS)),
        m.get("randomize", Scalars.bool(), false),
        m.get("seed", Scalars.unsigned64(), 1L),
        cpu(m.mapping("cpu", MachineKeys.CPU)));
    return new Bound(spec, failed);
  }

  /** {@code split}: absent, null or {@code default} mean the architecture's default. */
  private static String split(MappingReader m) {
    String split = m.getOrNull("split", Scalars.text(), null);
    return split == null || split.equalsIgnoreCase("default") ? null : split;
  }

  private static KernelSettings kernel(MappingReader k) {
    KernelSettings d = KernelSettings.defaults();
    return new KernelSettings(
        k.get("version", Scalars.kernelVersion(KernelVersion.V6_1, KernelVersion.V6_18), d.version()),
        k.get("mmap_min_addr", Scalars.size(0, GIB, 1), d.mmapMinAddr()),
        k.get("overcommit", Scalars.enumOf(Overcommit.class,
            Map.of("0", Overcommit.GUESS, "1", Overcommit.ALWAYS, "2", Overcommit.NEVER)), d.overcommit()),
        k.get("overcommit_ratio", Scalars.integer(0, 100_000), (long) d.overcommitRatio()).intValue(),
        k.get("max_map_count", Scalars.integer(0, Integer.MAX_VALUE), (long) d.maxMapCount()).intValue(),
        k.get("thp", Scalars.enumOf(Thp.class, Map.of()), d.thp()),
        k.get("vsyscall", Scalars.choice(List.of("xonly", "emulate", "none")), d.vsyscall()),
        k.get("pti", Scalars.bool(), d.pti()),
        k.get("fault_around_bytes", Scalars.size(0, 4 * MIB, 1), d.faultAroundBytes()),
        k.get("stack_guard_gap", Scalars.integer(0, 1L << 20), d.stackGuardGapPages()),
        k.get("randomize_va_space", Scalars.integer(0, 2), (long) d.randomizeVaSpace()).intValue(),
        k.get("legacy_va_layout", Scalars.bool(), d.legacyVaLayout()),
        k.get("nx", Scalars.bool(), d.nx()),
        k.get("soft_dirty", Scalars.bool(), d.softDirty()));
  }

  private static TlbSpec tlb(MappingReader t, Problems problems, Set<String> failed) {
    TlbSpec d = TlbSpec.defaults();
    int entries = t.get("entries", Scalars.integer(0, 1 << 16), (long) d.entries()).intValue();
    int ways = t.get("ways", Scalars.integer(1, 1 << 16), (long) d.ways()).intValue();
    if (entries > 0 && entries % ways != 0 && !failed.contains("machine.tlb.entries")
        && !failed.contains("machine.tlb.ways")) {
      problems.add(t.position(t.has("ways") ? "ways" : "entries"), "machine.tlb: entries (" + entries
          + ") must be a multiple of ways (" + ways + "): the TLB has entries / ways sets");
      failed.add("machine.tlb.ways");
    }
    return new TlbSpec(entries, ways);
  }

  private static PolicyNames policies(MappingReader p) {
    PolicyNames d = PolicyNames.defaults();
    return new PolicyNames(
        p.get("replacement", Scalars.text(), d.replacement()),
        p.get("layout", Scalars.text(), d.layout()),
        p.get("fault_around", Scalars.text(), d.faultAround()),
        p.get("oom", Scalars.text(), d.oom()));
  }

  private static CpuSpec cpu(MappingReader c) {
    CpuSpec d = CpuSpec.defaults();
    return new CpuSpec(
        c.get("hwcap", Scalars.unsigned64(), d.hwcap()),
        c.get("hwcap2", Scalars.unsigned64(), d.hwcap2()),
        c.get("minsigstksz", Scalars.integer(0, 1L << 20), d.minSigStackSize()),
        c.get("gbpages", Scalars.bool(), d.gbpages()),
        c.get("kvmclock", Scalars.bool(), d.kvmclock()));
  }

  private static Limits limits(MappingReader l) {
    Limits d = Limits.defaults();
    long max = 1L << 62;
    return new Limits(
        l.get("stack", Scalars.sizeOrUnlimited(KIB, max), d.stack()),
        l.get("data", Scalars.sizeOrUnlimited(0, max), d.data()),
        l.get("as", Scalars.sizeOrUnlimited(0, max), d.as()),
        l.get("memlock", Scalars.sizeOrUnlimited(0, max), d.memlock()));
  }
}
