package io.vmlab.app.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.config.ExperimentLoader;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.app.report.model.ExperimentResult;
import io.vmlab.app.report.model.Metric;
import io.vmlab.app.report.model.RunResult;
import io.vmlab.kernel.config.MachineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The experiments in configs/experiments: all load and every sweep point's machine binds; the
 * fast ones run and show what their comments promise. (policies-gzip takes tens of seconds: it is
 * only planned and bound here.)
 */
class ShippedExperimentsTest {
  private static PluginHost host;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  static Stream<Path> shipped() throws IOException {
    try (Stream<Path> s = Files.list(TestPaths.home().resolve("configs/experiments"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  private static Path experiment(String name) {
    return TestPaths.home().resolve("configs/experiments/" + name + ".yaml");
  }

  @Test
  void theFiveExperimentsOfTheIssueAreShipped() throws IOException {
    assertEquals(List.of("fork-cow.yaml", "pagetables-ia32-vs-x86_64.yaml", "policies-gzip.yaml", "quickstart.yaml",
        "rdma-dontfork.yaml"), shipped().map(p -> p.getFileName().toString()).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shipped")
  void loadsAndEverySweepPointBinds(Path file) {
    ExperimentSpec spec = ExperimentLoader.load(file);
    assertEquals(file.getFileName().toString().replace(".yaml", ""), spec.name());
    assertFalse(spec.description().isBlank(), "a description for the report");
    ExperimentRunner runner = new ExperimentRunner(spec, host);
    List<RunPoint> points = runner.plan();
    assertTrue(points.size() > 1, "a sweep");
    for (RunPoint p : points) {
      MachineSpec m = runner.bind(p).spec();
      for (Map.Entry<String, String> e : p.params().entrySet()) {
        switch (e.getKey()) {
          case "machine" -> assertEquals(e.getValue(), m.name());
          case "machine.policies.replacement" -> assertEquals(e.getValue(), m.policies().replacement());
          default -> { }
        }
      }
      for (var proc : spec.processes()) {
        Vars.apply(proc, p.vars(), spec.display()); // every ${var} resolves at every point
      }
    }
  }

  @Test
  void policiesGzipPlanIsSixPoliciesByFiveFrameCounts() {
    ExperimentSpec spec = ExperimentLoader.load(experiment("policies-gzip"));
    List<RunPoint> points = SweepPlan.expand(spec);
    assertEquals(30, points.size());
    assertEquals("{machine.policies.replacement=fifo, policy_study.frames=8}", points.get(0).params().toString());
    assertEquals("{machine.policies.replacement=opt, policy_study.frames=128}", points.get(29).params().toString());
    assertEquals(128, points.get(29).frames());
  }

  private static ExperimentResult run(String name) {
    return new ExperimentRunner(ExperimentLoader.load(experiment(name)), host).run(null, 4, true);
  }

  private static long faults(RunResult r) {
    return r.metrics().getOr(Metric.FAULTS, -1);
  }

  /**
   * The parent writes 16 MiB (4096 faults), a DONTFORK and a WIPEONFORK MiB (256 each); the child
   * reads the 16 MiB without faulting (fork copied the PTEs, write-protected) and reads the wiped
   * MiB (256 zero-page faults): 4864. Each page the child then writes is one COW fault: 4 MiB is
   * 1024 more, 16 MiB 4096 more; the parent's reads afterwards do not fault.
   */
  @Test
  void forkCowCountsOneFaultPerPageTheChildWrites() {
    ExperimentResult result = run("fork-cow");
    assertEquals(6, result.runs().size());
    Map<String, Long> byParams = new HashMap<>();
    for (RunResult r : result.runs()) {
      byParams.put(r.params().get("machine") + " " + r.params().get("vars.child_writes"), faults(r));
    }
    for (String m : new String[] {"x86_64-4level", "ia32-2level"}) {
      long base = byParams.get(m + " 0");
      assertEquals(4096 + 256 + 256 + 256, base, m);
      assertEquals(1024, byParams.get(m + " 4M") - base, m + ": 4 MiB of COW copies");
      assertEquals(4096, byParams.get(m + " 16M") - base, m + ": 16 MiB of COW copies");
    }
  }

  /**
   * 16 first-touch faults everywhere; the legacy COW rule shares the pinned buffer, so the
   * parent's write after fork takes 16 COW faults, unless MADV_DONTFORK kept it out of the child.
   */
  @Test
  void rdmaDontforkRemovesTheLegacyCowFaults() {
    ExperimentResult result = run("rdma-dontfork");
    Map<String, Long> f = new HashMap<>();
    for (RunResult r : result.runs()) {
      f.put(r.params().get("vars.legacy_cow") + " " + r.params().get("vars.advice"), faults(r));
    }
    assertEquals(Map.of("false normal", 16L, "false dontfork", 16L, "true normal", 32L, "true dontfork", 16L), f);
  }

  @Test
  void quickstartShowsReclaimPagingModesAndPolicies() {
    ExperimentResult result = run("quickstart");
    assertEquals(20, result.runs().size());
    // 6 MiB written, 1 MiB written by the child, 2 MiB read three times, and the 12 references of belady.pages.
    long refs = 1536 + 256 + 3 * 512 + 12;
    for (RunResult r : result.runs()) {
      String why = r.params().toString();
      assertEquals(refs, r.metrics().getOr(Metric.REFERENCES, -1), "the same workload everywhere: " + why);
      long swapOuts = r.metrics().getOr(Metric.SWAP_OUTS, -1);
      long major = r.metrics().getOr(Metric.MAJOR_FAULTS, -1);
      if (r.memoryBytes() == 8L << 20) {
        assertEquals(0, swapOuts, "8 MiB holds it all: " + why);
        assertEquals(0, major, why);
      } else {
        assertTrue(swapOuts > 0 && major > 0, "6 MiB written does not fit: " + why);
      }
      assertEquals(0, r.metrics().getOr(Metric.OOM_KILLS, -1), why);
    }
    // Same memory and policy: IA-32's 2-level tables take less memory than x86-64's 4 levels.
    for (int i = 0; i < 10; i++) {
      RunResult ia32 = result.runs().get(i);
      RunResult x86 = result.runs().get(i + 10);
      assertEquals("ia32-2level", ia32.machine());
      assertEquals("x86_64-4level", x86.machine());
      assertEquals(ia32.policy(), x86.policy());
      assertTrue(ia32.metrics().getOr(Metric.PAGE_TABLE_BYTES, 0) < x86.metrics().getOr(Metric.PAGE_TABLE_BYTES, 0),
          ia32.params() + " vs " + x86.params());
    }
    // Less memory, more faults (both machines, both policies).
    for (int m = 0; m < 2; m++) {
      for (int p = 0; p < 2; p++) {
        long small = faults(result.runs().get(m * 10 + p));
        long large = faults(result.runs().get(m * 10 + 8 + p));
        assertTrue(small > large, "3M " + small + " vs 8M " + large);
      }
    }
  }

  @Test
  void aBundledExperimentRunsByNameThroughTheCommandLine() {
    CliRun.Result r = CliRun.vmlab("run", "rdma-dontfork", "--no-files", "--jobs", "2");
    assertEquals(0, r.code(), r.toString());
    assertTrue(r.out().endsWith("rdma-dontfork: 4 runs\n"), r.out());
    assertTrue(r.out().contains("vars.legacy_cow") || r.out().contains("legacy_cow"), r.out());
  }
}
