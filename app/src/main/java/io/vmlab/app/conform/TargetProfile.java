package io.vmlab.app.conform;

import io.vmlab.api.KernelVersion;
import io.vmlab.kernel.config.MachineSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The machine a case was recorded on: from the case's target block (architecture, kernel
 * version, paging from the target name, sysctls, limits) and the recording environment's facts
 * in conformance/targets.yaml (memory, vsyscall mode, soft-dirty, PTI, NX).
 */
public final class TargetProfile {
  private final Map<String, Map<String, Object>> environments;
  private final Map<String, Map<String, Object>> targets;

  private TargetProfile(Map<String, Map<String, Object>> environments, Map<String, Map<String, Object>> targets) {
    this.environments = environments;
    this.targets = targets;
  }

  /** Reads targets.yaml. */
  @SuppressWarnings("unchecked")
  public static TargetProfile load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Map<String, Object> doc = (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(r);
      return new TargetProfile(
          (Map<String, Map<String, Object>>) doc.getOrDefault("environments", Map.of()),
          (Map<String, Map<String, Object>>) doc.getOrDefault("targets", Map.of()));
    } catch (IOException | RuntimeException e) {
      throw new CaseException(file + ": cannot read the recording environments: " + e.getMessage());
    }
  }

  /** What the runner needs to build the machine and the process of a case. */
  public record Resolved(MachineSpec spec, String processAbi, boolean noRandomize, long rlimitStack, int fileFolioMaxPages, long fileWriteBytes) {}

  /** The machine of a case. */
  public Resolved resolve(CaseFile c) {
    Map<String, Object> t = c.target();
    String name = c.targetName();
    String recordedBy = String.valueOf(t.getOrDefault("recorded_by", "host"));
    Map<String, Object> env = new HashMap<>(environments.getOrDefault(recordedBy.startsWith("qemu") ? "qemu" : "host", Map.of()));
    env.putAll(targets.getOrDefault(name, Map.of()));
    String kernelArch = String.valueOf(t.get("kernel_arch"));
    boolean x64 = kernelArch.equals("x86_64");
    String arch = x64 ? "x86_64" : "ia32";
    String paging = x64 ? (name.contains("-la57") ? "5level" : "4level") : (name.contains("-pae") ? "pae" : "2level");
    KernelVersion version = KernelVersion.parse(String.valueOf(t.get("kernel")));
    Map<String, Object> sysctl = t.get("sysctl") instanceof Map<?, ?> m ? cast(m) : Map.of();
    MachineSpec.Thp thp = switch (String.valueOf(t.getOrDefault("thp", "madvise"))) {
      case "always" -> MachineSpec.Thp.ALWAYS;
      case "never" -> MachineSpec.Thp.NEVER;
      default -> MachineSpec.Thp.MADVISE;
    };
    MachineSpec.Overcommit oc = switch ((int) num(sysctl.get("overcommit_memory"), 0)) {
      case 1 -> MachineSpec.Overcommit.ALWAYS;
      case 2 -> MachineSpec.Overcommit.NEVER;
      default -> MachineSpec.Overcommit.GUESS;
    };
    // The effective mmap_min_addr is the larger of the sysctl and the security module's minimum.
    long minAddr = Math.max(num(sysctl.get("mmap_min_addr"), 65536), num(env.get("lsm_mmap_min_addr"), 0));
    MachineSpec.KernelSettings ks = new MachineSpec.KernelSettings(version, minAddr, oc, 50, (int) num(sysctl.get("max_map_count"), 65530), thp,
        String.valueOf(env.getOrDefault("vsyscall", "xonly")), bool(env.get("pti"), true), 65536, 256,
        (int) num(sysctl.get("randomize_va_space"), 2), false, bool(env.get("nx"), true),
        bool(env.get("soft_dirty"), true));
    long rlimitStack = limit(t.get("rlimit_stack"), 8L << 20);
    long memlock = limit(sysctl.get("rlimit_memlock"), 8L << 20);
    MachineSpec.Limits limits = new MachineSpec.Limits(rlimitStack, -1, -1, memlock);
    long memory = size(env.get("memory"), 768L << 20);
    MachineSpec spec = new MachineSpec(name, arch, paging, null, memory, 0, ks,
        MachineSpec.TlbSpec.defaults(), MachineSpec.PolicyNames.defaults(), limits, false, 1);
    MachineSpec.CpuSpec cpu = spec.cpu();
    spec = spec.withCpu(new MachineSpec.CpuSpec(cpu.hwcap(), cpu.hwcap2(), cpu.minSigStackSize(),
        bool(env.get("gbpages"), false), bool(env.get("kvmclock"), false)));
    String processAbi = String.valueOf(t.get("arch"));
    boolean noRandomize = "off".equals(String.valueOf(t.get("randomization")));
    return new Resolved(spec, processAbi, noRandomize, rlimitStack, (int) num(env.get("file_folio_max_pages"), 1),
        num(env.get("file_write_bytes"), 16384));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static long num(Object o, long dflt) {
    if (o == null) {
      return dflt;
    }
    if (o instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.decode(o.toString().trim());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  private static long limit(Object o, long dflt) {
    if (o != null && "unlimited".equals(o.toString())) {
      return -1;
    }
    return num(o, dflt);
  }

  private static boolean bool(Object o, boolean dflt) {
    return o == null ? dflt : Boolean.parseBoolean(o.toString());
  }

  private static long size(Object o, long dflt) {
    if (o == null) {
      return dflt;
    }
    String s = o.toString().trim().toUpperCase();
    long mult = 1;
    if (s.endsWith("K")) {
      mult = 1L << 10;
    } else if (s.endsWith("M")) {
      mult = 1L << 20;
    } else if (s.endsWith("G")) {
      mult = 1L << 30;
    }
    if (mult != 1) {
      s = s.substring(0, s.length() - 1);
    }
    return Long.parseLong(s) * mult;
  }
}
