package io.vmlab.app.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.TestPaths;
import io.vmlab.app.UserError;
import io.vmlab.app.config.ExperimentLoader;
import io.vmlab.app.plugin.PluginHost;
import io.vmlab.kernel.config.MachineSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs of a sweep: the product in order (first key slowest), their params, machines and values. */
class SweepPlanTest {
  private static PluginHost host;

  @TempDir
  Path dir;

  @BeforeAll
  static void loadPlugins() {
    host = PluginHost.load(TestPaths.plugins());
  }

  @AfterAll
  static void unloadPlugins() {
    host.close();
  }

  /** An experiment with {@code head} after 'experiment:' and {@code sweep} as its sweep's lines. */
  private ExperimentSpec spec(String head, String... sweep) throws IOException {
    StringBuilder y = new StringBuilder("experiment:\n  seed: 11\n").append(head);
    y.append("  processes:\n    - steps:\n        - mmap: {id: a, length: \"${len}\", prot: rw-}\n");
    y.append("  vars:\n    len: 64K\n    other: keep\n");
    if (sweep.length > 0) {
      y.append("  sweep:\n");
      for (String s : sweep) {
        y.append("    ").append(s).append('\n');
      }
    }
    Path f = dir.resolve("plan.yaml");
    Files.writeString(f, y.toString());
    return ExperimentLoader.load(f);
  }

  private static List<String> params(List<RunPoint> points) {
    List<String> out = new ArrayList<>();
    for (RunPoint p : points) {
      out.add(p.params().toString());
    }
    return out;
  }

  @Test
  void productOrderHasTheFirstKeyVaryingSlowest() throws IOException {
    ExperimentSpec s = spec("  machines: [x86_64-4level]\n", "machine.memory: [4M, 16M]",
        "machine.policies.replacement: [fifo, lru, clock]");
    List<RunPoint> points = SweepPlan.expand(s);
    assertEquals(List.of(
        "{machine.memory=4M, machine.policies.replacement=fifo}",
        "{machine.memory=4M, machine.policies.replacement=lru}",
        "{machine.memory=4M, machine.policies.replacement=clock}",
        "{machine.memory=16M, machine.policies.replacement=fifo}",
        "{machine.memory=16M, machine.policies.replacement=lru}",
        "{machine.memory=16M, machine.policies.replacement=clock}"), params(points));
    for (int i = 0; i < points.size(); i++) {
      RunPoint p = points.get(i);
      assertEquals(i, p.index());
      assertEquals("x86_64-4level", p.machine().label());
      assertEquals(11, p.seed(), "the experiment's seed when the sweep does not set one");
      assertEquals(0, p.frames());
      assertEquals(2, p.overrides().size());
      assertEquals(List.of("memory"), p.overrides().get(0).path());
      assertEquals(List.of("policies", "replacement"), p.overrides().get(1).path());
      MachineSpec m = new ExperimentRunner(s, host).bind(p).spec();
      assertEquals(i < 3 ? 4L << 20 : 16L << 20, m.memoryBytes(), p.params().toString());
      assertEquals(List.of("fifo", "lru", "clock").get(i % 3), m.policies().replacement());
    }
  }

  @Test
  void severalMachinesAreAnImplicitFirstAxis() throws IOException {
    ExperimentSpec s = spec("  machines: [ia32-2level, x86_64-4level]\n", "machine.memory: [4M, 8M]");
    List<RunPoint> points = SweepPlan.expand(s);
    assertEquals(List.of(
        "{machine=ia32-2level, machine.memory=4M}",
        "{machine=ia32-2level, machine.memory=8M}",
        "{machine=x86_64-4level, machine.memory=4M}",
        "{machine=x86_64-4level, machine.memory=8M}"), params(points));
    ExperimentRunner runner = new ExperimentRunner(s, host);
    assertEquals("ia32", runner.bind(points.get(1)).spec().arch());
    assertEquals(8L << 20, runner.bind(points.get(1)).spec().memoryBytes());
    assertEquals("x86_64", runner.bind(points.get(2)).spec().arch());
    assertEquals(4L << 20, runner.bind(points.get(2)).spec().memoryBytes());
  }

  @Test
  void oneMachineAndNoSweepIsOneRunWithNoParams() throws IOException {
    List<RunPoint> points = SweepPlan.expand(spec("  machines: [x86_64-4level]\n"));
    assertEquals(1, points.size());
    assertEquals(Map.of(), points.get(0).params());
    assertEquals(Map.of("len", "64K", "other", "keep"), points.get(0).vars());
  }

  @Test
  void severalMachinesWithoutASweepAreOneRunEach() throws IOException {
    List<RunPoint> points = SweepPlan.expand(spec("  machines: [ia32-2level, ia32-pae, x86_64-5level]\n"));
    assertEquals(List.of("{machine=ia32-2level}", "{machine=ia32-pae}", "{machine=x86_64-5level}"), params(points));
  }

  @Test
  void sweptMachinesIncludingAnInlineOne() throws IOException {
    ExperimentSpec s = spec("",
        "machine: [x86_64-4level, {machine: {name: tiny, arch: ia32, paging: pae, memory: 8M}}]",
        "seed: [1, 0x10]");
    List<RunPoint> points = SweepPlan.expand(s);
    assertEquals(List.of("{machine=x86_64-4level, seed=1}", "{machine=x86_64-4level, seed=16}",
        "{machine=tiny, seed=1}", "{machine=tiny, seed=16}"), params(points));
    assertEquals(16, points.get(3).seed());
    assertNull(points.get(3).machine().file());
    MachineSpec tiny = new ExperimentRunner(s, host).bind(points.get(3)).spec();
    assertEquals("tiny", tiny.name());
    assertEquals("pae", tiny.paging());
    assertEquals(8L << 20, tiny.memoryBytes());
  }

  @Test
  void varsSweepsReplaceTheDefaultAndKeepTheOthers() throws IOException {
    ExperimentSpec s = spec("  machines: [x86_64-4level]\n", "vars.len: [4K, 1M]", "policy_study.frames: [8, 64]");
    List<RunPoint> points = SweepPlan.expand(s);
    assertEquals(List.of("{vars.len=4K, policy_study.frames=8}", "{vars.len=4K, policy_study.frames=64}",
        "{vars.len=1M, policy_study.frames=8}", "{vars.len=1M, policy_study.frames=64}"), params(points));
    assertEquals(Map.of("len", "1M", "other", "keep"), points.get(2).vars());
    assertEquals(8, points.get(2).frames());
    assertEquals(List.of(), points.get(2).overrides(), "vars and frames are not machine keys");
    var steps = Vars.apply(s.processes().get(0), points.get(2).vars(), s.display()).steps();
    assertEquals("1M", ((Map<?, ?>) steps.get(0).get("args")).get("length"));
  }

  @Test
  void sweepValuesKeepTheirTextInParams() throws IOException {
    ExperimentSpec s = spec("  machines: [x86_64-4level]\n", "machine.memory: [0x400000, 64M, 1G]",
        "machine.kernel.thp: [never, always]");
    List<RunPoint> points = SweepPlan.expand(s);
    assertEquals("{machine.memory=0x400000, machine.kernel.thp=never}", points.get(0).params().toString());
    assertEquals("{machine.memory=1G, machine.kernel.thp=always}", points.get(5).params().toString());
    assertEquals(1L << 30, new ExperimentRunner(s, host).bind(points.get(5)).spec().memoryBytes());
  }

  @Test
  void tooManyRunsIsAnError() throws IOException {
    StringBuilder v = new StringBuilder("[");
    for (int i = 1; i <= 101; i++) {
      v.append(i == 1 ? "" : ", ").append(i);
    }
    v.append(']');
    ExperimentSpec s = spec("  machines: [x86_64-4level]\n", "seed: " + v, "vars.len: " + v, "vars.other: " + v);
    UserError e = assertThrows(UserError.class, () -> SweepPlan.expand(s));
    assertTrue(e.getMessage().endsWith("plan.yaml: the sweep has more than 1000000 runs"), e.getMessage());
  }
}
