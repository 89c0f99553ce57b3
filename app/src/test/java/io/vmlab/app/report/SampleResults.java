package io.vmlab.app.report;

import io.vmlab.app.report.model.AddressSpaceSnapshot;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.Metrics;
import io.vmlab.app.report.model.PluginVersion;
import io.vmlab.app.report.model.ProcessRow;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.app.report.model.Shard;
import io.vmlab.app.report.model.VmaRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Experiment results shaped like the engine's, from a seed: machines x policies x memory sizes. */
public final class SampleResults {
  /** The machines of the sample sweep. */
  public static final List<String> MACHINES = List.of("ia32-2level", "x86_64-4level");
  /** The policies of the sample sweep. */
  public static final List<String> POLICIES = List.of("fifo", "lru", "clock");
  /** The memory sizes of the sample sweep, MiB. */
  public static final List<Integer> MEMORY_MIB = List.of(4, 16, 64);

  private SampleResults() {}

  /** The whole sweep (18 runs) from {@code seed}. */
  public static ExperimentResult full(long seed) {
    return build(seed, null);
  }

  /** Only the runs of {@code shard}, as a shard run would write them. */
  public static ExperimentResult shard(long seed, Shard shard) {
    return build(seed, shard);
  }

  /** The config the sample experiment resolves to. */
  public static Map<String, Object> config(long seed) {
    Map<String, Object> sweep = new LinkedHashMap<>();
    sweep.put("machines", MACHINES);
    sweep.put("policies.replacement", POLICIES);
    sweep.put("machine.memory", MEMORY_MIB.stream().map(m -> m + "M").toList());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("seed", seed);
    config.put("processes", List.of(Map.of("name", "cat", "steps", List.of(Map.of("replay", "traces/ls.lackey")))));
    config.put("sweep", sweep);
    config.put("note", "quotes \" and, commas <b>");
    return config;
  }

  private static ExperimentResult build(long seed, Shard shard) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<RunResult> runs = new ArrayList<>();
    int index = 0;
    for (String machine : MACHINES) {
      for (String policy : POLICIES) {
        for (int mib : MEMORY_MIB) {
          long refs = 100_000 + rnd.nextInt(50_000);
          long faults = 40_000 / mib + rnd.nextInt(200);
          long major = faults / 4;
          long walks = refs / 10;
          Metrics m = Metrics.builder()
              .put(Metric.REFERENCES, refs).put(Metric.FAULTS, faults).put(Metric.MINOR_FAULTS, faults - major)
              .put(Metric.MAJOR_FAULTS, major).put(Metric.SWAP_INS, major).put(Metric.SWAP_OUTS, major + 3)
              .put(Metric.WRITEBACKS, rnd.nextInt(50)).put(Metric.RECLAIM_SCANS, 2 * major)
              .put(Metric.TLB_HITS, refs - walks).put(Metric.TLB_MISSES, walks)
              .put(Metric.WALK_LEVELS, walks * (machine.startsWith("ia32") ? 2 : 4))
              .put(Metric.PAGE_TABLE_BYTES, machine.startsWith("ia32") ? 8192 + 4096L * (mib / 16) : 20480)
              .put(Metric.RSS_BYTES, (long) mib << 19).build();
          m = CostModel.DEFAULT.withTimes(m);
          Map<String, String> params = new LinkedHashMap<>();
          params.put("machines", machine);
          params.put("policies.replacement", policy);
          params.put("machine.memory", mib + "M");
          if (shard == null || shard.contains(index)) {
            boolean detailed = index == 0 || index == MEMORY_MIB.size() * POLICIES.size();
            List<ProcessRow> procs = detailed ? processes(m) : List.of();
            List<AddressSpaceSnapshot> spaces = detailed
                ? List.of(machine.startsWith("ia32") ? ia32() : x8664()) : List.of();
            runs.add(new RunResult(index, params, machine, machine.startsWith("ia32") ? "ia32" : "x86_64",
                machine.substring(machine.indexOf('-') + 1), policy, (long) mib << 20, m, procs, spaces));
          }
          index++;
        }
      }
    }
    return new ExperimentResult("sample-sweep", "0.1.0", seed, config(seed),
        List.of(new PluginVersion("policy-linux", "0.1.0"), new PluginVersion("arch-x86_64", "0.1.0"),
            new PluginVersion("arch-ia32", "0.1.0")),
        CostModel.DEFAULT, index, shard, runs);
  }

  private static List<ProcessRow> processes(Metrics m) {
    long cpu = m.getOr(Metric.CPU_TIME_NS, 0);
    return List.of(
        new ProcessRow(1, "root", "cat", 5_828_608, 1_806_336, 1_687_552, cpu, 90, 2),
        new ProcessRow(2, "root", "cat, child \"2\"", 5_828_608, 917_504, 917_504, 1_515_200_000_000L, 12, 0));
  }

  /** A cat process on x86-64, layout as Linux 6.1 gives it without randomization. */
  public static AddressSpaceSnapshot x8664() {
    String cat = "/usr/bin/cat";
    String libc = "/usr/lib/x86_64-linux-gnu/libc.so.6";
    String ld = "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2";
    List<VmaRow> v = List.of(
        vma(0x555555554000L, 0x555555556000L, "r--p", cat), vma(0x555555556000L, 0x55555555b000L, "r-xp", cat),
        vma(0x55555555b000L, 0x55555555e000L, "r--p", cat), vma(0x55555555e000L, 0x55555555f000L, "r--p", cat),
        vma(0x55555555f000L, 0x555555560000L, "rw-p", cat), vma(0x555555560000L, 0x555555581000L, "rw-p", "[heap]"),
        vma(0x7ffff7d8a000L, 0x7ffff7dad000L, "rw-p", ""), vma(0x7ffff7dad000L, 0x7ffff7dd3000L, "r--p", libc),
        vma(0x7ffff7dd3000L, 0x7ffff7f28000L, "r-xp", libc), vma(0x7ffff7f28000L, 0x7ffff7f7b000L, "r--p", libc),
        vma(0x7ffff7f7b000L, 0x7ffff7f7f000L, "r--p", libc), vma(0x7ffff7f7f000L, 0x7ffff7f81000L, "rw-p", libc),
        vma(0x7ffff7f81000L, 0x7ffff7f8e000L, "rw-p", ""), vma(0x7ffff7fc1000L, 0x7ffff7fc5000L, "r--p", "[vvar]"),
        vma(0x7ffff7fc5000L, 0x7ffff7fc7000L, "r-xp", "[vdso]"), vma(0x7ffff7fc7000L, 0x7ffff7fc8000L, "r--p", ld),
        vma(0x7ffff7fc8000L, 0x7ffff7ff1000L, "r-xp", ld), vma(0x7ffff7ff1000L, 0x7ffff7ffb000L, "r--p", ld),
        vma(0x7ffff7ffb000L, 0x7ffff7ffd000L, "r--p", ld), vma(0x7ffff7ffd000L, 0x7ffff7fff000L, "rw-p", ld),
        vma(0x7ffffffde000L, 0x7ffffffff000L, "rw-p", "[stack]"));
    return new AddressSpaceSnapshot(1, "cat", "end", 0x7ffffffff000L, v);
  }

  /** A small process on IA-32 (3G/1G split): non-PIE text at 0x08048000. */
  public static AddressSpaceSnapshot ia32() {
    List<VmaRow> v = List.of(
        vma(0x08048000L, 0x08049000L, "r-xp", "/bin/demo"), vma(0x08049000L, 0x0804a000L, "rw-p", "/bin/demo"),
        vma(0x0804a000L, 0x0806b000L, "rw-p", "[heap]"), vma(0xb7e00000L, 0xb7f00000L, "rw-p", ""),
        vma(0xb7fff000L, 0xb8000000L, "r-xp", "[vdso]"), vma(0xbffdf000L, 0xc0000000L, "rw-p", "[stack]"));
    return new AddressSpaceSnapshot(1, "demo", "end", 0xc0000000L, v);
  }

  private static VmaRow vma(long start, long end, String perms, String name) {
    return new VmaRow(start, end, perms, name);
  }
}
