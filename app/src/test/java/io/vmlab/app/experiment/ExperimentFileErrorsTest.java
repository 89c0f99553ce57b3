package io.vmlab.app.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken experiment files through {@code vmlab run}: exit code 2, each problem one {@code
 * file:line:col:} line naming the experiment file, no stack trace, and nothing written to the
 * output directory.
 */
class ExperimentFileErrorsTest {
  /** A valid experiment; each test breaks one line of it. Line numbers are 1-based. */
  static final String BASE = String.join("\n",
      "experiment:",                                                       // 1
      "  name: small",                                                     // 2
      "  seed: 3",                                                         // 3
      "  machines: [x86_64-4level]",                                       // 4
      "  vars:",                                                           // 5
      "    size: 1M",                                                      // 6
      "  processes:",                                                      // 7
      "    - name: app",                                                   // 8
      "      steps:",                                                      // 9
      "        - mmap: {id: a, length: 1M, prot: rw-}",                    // 10
      "        - touch: {addr: a, length: \"${size}\", mode: write, value: 1}", // 11
      "        - fork:",                                                   // 12
      "            steps:",                                                // 13
      "              - touch: {addr: a, length: 64K, mode: write, value: 2}", // 14
      "  sweep:",                                                          // 15
      "    machine.memory: [4M, 8M]",                                      // 16
      "  measure: [faults, swap_outs]",                                    // 17
      "  outputs:",                                                        // 18
      "    dir: out",                                                      // 19
      "");

  @TempDir
  Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml);
    return f;
  }

  /** {@code BASE} with {@code from} (which must occur once) replaced by {@code to}. */
  private Path broken(String name, String from, String to) throws IOException {
    assertEquals(BASE.indexOf(from), BASE.lastIndexOf(from), from);
    assertTrue(BASE.contains(from), from);
    return write(name, BASE.replace(from, to));
  }

  /** Runs the experiment and returns its error lines, checking the common contract. */
  private List<String> errors(Path file) throws IOException {
    Path out = dir.resolve("out-" + file.getFileName());
    CliRun.Result r = CliRun.vmlab("run", file.toString(), "--quiet", "--jobs", "2", "--output", out.toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals("", r.out(), "no partial output: " + r);
    assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace: " + r);
    assertFalse(Files.exists(out), "nothing written to " + out);
    try (Stream<Path> left = Files.list(dir)) {
      assertTrue(left.allMatch(p -> p.toString().endsWith(".yaml")), "no other files in " + dir);
    }
    return r.errLines();
  }

  private static void assertLine(String line, Path file, int lineNo, int col, String... parts) {
    String prefix = file + ":" + lineNo + ":" + col + ": ";
    assertTrue(line.startsWith(prefix), "expected prefix '" + prefix + "' in: " + line);
    for (String part : parts) {
      assertTrue(line.contains(part), "expected '" + part + "' in: " + line);
    }
  }

  @Test
  void theBaseRuns() throws IOException {
    Path f = write("base.yaml", BASE);
    CliRun.Result r = CliRun.vmlab("run", f.toString(), "--quiet", "--no-files");
    assertEquals(0, r.code(), r.toString());
    assertEquals("small: 2 runs\n", r.out());
  }

  @Test
  void unknownKeySuggestsTheClosest() throws IOException {
    Path f = broken("unknown.yaml", "  seed: 3", "  sed: 3");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 3, "unknown key 'sed' in experiment", "did you mean 'seed'?");
  }

  @Test
  void unknownProcessKeySuggestsTheClosest() throws IOException {
    Path f = broken("stpes.yaml", "      steps:\n        - mmap", "      stpes:\n        - mmap");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), "no extra 'missing key steps' line: " + lines);
    assertLine(lines.get(0), f, 9, 7, "unknown key 'stpes'", "did you mean 'steps'?");
  }

  @Test
  void badSweepValuePointsAtTheExperimentFileNotTheMachine() throws IOException {
    Path f = broken("badvalue.yaml", "[4M, 8M]", "[4M, 4X]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 26, "machine.memory: '4X' is not a size");
  }

  @Test
  void sweptMachineKeyWithATypoSuggestsTheClosest() throws IOException {
    Path f = broken("memroy.yaml", "    machine.memory:", "    machine.memroy:");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 5, "unknown key 'memroy' in machine", "did you mean 'memory'?");
  }

  @Test
  void sweptPolicyThatDoesNotExist() throws IOException {
    Path f = broken("policy.yaml", "    machine.memory: [4M, 8M]", "    machine.policies.replacement: [fifo, lfu]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 42, "unknown replacement policy 'lfu'");
  }

  @Test
  void unknownSweepKey() throws IOException {
    Path f = broken("sweepkey.yaml", "    machine.memory:", "    policy.frames:");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 5, "experiment.sweep: cannot sweep 'policy.frames'", "policy_study.frames");
  }

  @Test
  void badSweptSeedAndFrames() throws IOException {
    Path f = broken("seed.yaml", "    machine.memory: [4M, 8M]", "    seed: [1, x]\n    policy_study.frames: [8, 0]");
    List<String> lines = errors(f);
    assertEquals(2, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 15, "experiment.sweep.seed: expected an integer", "got 'x'");
    assertLine(lines.get(1), f, 17, 30, "experiment.sweep.policy_study.frames: expected an integer from 1", "got '0'");
  }

  @Test
  void sweptKeyBelowAScalarOfTheMachine() throws IOException {
    Path f = broken("below.yaml", "    machine.memory: [4M, 8M]", "    machine.memory.low: [4M]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 5, "cannot set 'machine.memory.low'");
  }

  @Test
  void inlineMachineProblemsPointAtTheExperimentFile() throws IOException {
    Path f = broken("inline.yaml", "  machines: [x86_64-4level]",
        "  machines:\n    - machine: {name: tiny, arch: x86_64, paging: 3level}");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 5, 51, "machine.paging: unknown paging mode '3level' for x86_64");
  }

  @Test
  void unknownMetricSuggestsTheClosest() throws IOException {
    Path f = broken("metric.yaml", "[faults, swap_outs]", "[faults, swapouts]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 17, 21, "experiment.measure: unknown metric 'swapouts'", "did you mean 'swap_outs'?");
  }

  @Test
  void undeclaredVarIsFoundBeforeAnyRun() throws IOException {
    Path f = broken("var.yaml", "length: 64K, mode", "length: \"${child}\", mode");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 14, 1, "unknown var 'child'", "(declared: size)");
  }

  @Test
  void sweptVarThatIsNotDeclared() throws IOException {
    Path f = broken("sweptvar.yaml", "    machine.memory: [4M, 8M]", "    vars.sise: [1M, 2M]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 16, 5, "experiment.sweep.vars.sise: no such var");
  }

  @Test
  void unknownStepOpIsFoundBeforeAnyRunEvenInAFork() throws IOException {
    Path f = broken("op.yaml", "              - touch: {addr: a, length: 64K",
        "              - tuch: {addr: a, length: 64K");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 14, 17, "unknown step 'tuch'", "did you mean 'touch'?");
  }

  @Test
  void stepErrorAtRunTimeNamesTheStep() throws IOException {
    Path f = broken("step.yaml", "mode: write, value: 1}", "mode: sideways, value: 1}");
    List<String> lines = errors(f);
    assertEquals(List.of(f + ":11:1: touch: mode must be read, write or exec, not 'sideways'"), lines);
    f = broken("flag.yaml", "prot: rw-}", "prot: rw-, flags: [private, anonymous, bogus]}");
    lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 10, 1, "mmap: unknown flag 'bogus'");
  }

  @Test
  void replayOfAMissingTraceNamesTheStep() throws IOException {
    Path f = broken("trace.yaml", "        - touch: {addr: a, length: \"${size}\", mode: write, value: 1}",
        "        - replay: {trace: \"nope-${size}.pages\"}");
    List<String> lines = errors(f);
    assertEquals(List.of(f + ":11:1: replay: " + dir.resolve("nope-1M.pages") + ": no such file"), lines);
  }

  @Test
  void missingProcesses() throws IOException {
    String yaml = BASE.substring(0, BASE.indexOf("  processes:")) + BASE.substring(BASE.indexOf("  sweep:"));
    Path f = write("noproc.yaml", yaml);
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 1, 1, "experiment: missing key 'processes'");
  }

  @Test
  void machineThatDoesNotExistIsOneProblem() throws IOException {
    Path f = broken("nomachine.yaml", "[x86_64-4level]", "[x86_64-9level]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), "no extra 'no machines' line: " + lines);
    assertLine(lines.get(0), f, 4, 14, "unknown machine 'x86_64-9level'", "did you mean 'x86_64-4level'?");
  }

  @Test
  void machineFileThatDoesNotExist() throws IOException {
    Path f = broken("nofile.yaml", "[x86_64-4level]", "[machines/mine.yaml]");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 4, 14, "machines/mine.yaml");
  }

  @Test
  void noMachinesAtAll() throws IOException {
    Path f = broken("empty.yaml", "  machines: [x86_64-4level]\n", "");
    List<String> lines = errors(f);
    assertEquals(1, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 2, 3, "experiment: no machines");
  }

  @Test
  void severalProblemsAreReportedInOnePass() throws IOException {
    Path f = write("several.yaml", BASE.replace("  seed: 3", "  sed: 3").replace("[faults, swap_outs]",
        "[faults, swapouts]"));
    List<String> lines = errors(f);
    assertEquals(2, lines.size(), lines.toString());
    assertLine(lines.get(0), f, 3, 3, "unknown key 'sed'");
    assertLine(lines.get(1), f, 17, 21, "unknown metric 'swapouts'");
  }

  @Test
  void missingExperimentFileAndBadOptions() throws IOException {
    CliRun.Result r = CliRun.vmlab("run", dir.resolve("nope.yaml").toString());
    assertEquals(2, r.code());
    assertEquals(List.of(dir.resolve("nope.yaml") + ": no such experiment file (bundled ones are in "
        + "configs/experiments)"), r.errLines());
    Path f = write("base.yaml", BASE);
    r = CliRun.vmlab("run", f.toString(), "--shard", "4/3", "--output", dir.resolve("o").toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.errLines().get(0).startsWith("--shard 4/3: "), r.toString());
    r = CliRun.vmlab("run", f.toString(), "--jobs", "0", "--output", dir.resolve("o").toString());
    assertEquals(2, r.code(), r.toString());
    assertEquals(List.of("--jobs must be at least 1, not 0"), r.errLines());
    assertFalse(Files.exists(dir.resolve("o")));
  }
}
