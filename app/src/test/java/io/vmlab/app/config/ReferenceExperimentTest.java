package io.vmlab.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vmlab.app.CliRun;
import io.vmlab.app.TestPaths;
import io.vmlab.app.UserError;
import io.vmlab.app.experiment.ExperimentSpec;
import io.vmlab.app.experiment.ExperimentSpec.ProcessSpec;
import io.vmlab.app.report.model.CostModel;
import io.vmlab.app.report.model.Metric;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The experiment reference at the end of configs/reference.yaml (a commented-out block) is a
 * valid experiment once uncommented, runs, and documents exactly the keys, sweepable keys, step
 * ops and metrics that vmlab accepts.
 */
class ReferenceExperimentTest {
  private static final String BEGIN = "# BEGIN experiment reference";
  private static final String END = "# END experiment reference";
  /** Where the README's recipe saves the block: its trace path is relative to that directory. */
  private static final String SAVED_AS = "configs/experiments/reference-example.yaml";

  @TempDir
  Path tmp;

  /** The block's lines, markers excluded, as they stand in reference.yaml. */
  static List<String> block() throws IOException {
    List<String> lines = Files.readAllLines(TestPaths.home().resolve("configs/reference.yaml"));
    int begin = lines.indexOf(BEGIN);
    int end = lines.indexOf(END);
    assertTrue(begin >= 0 && end > begin, "configs/reference.yaml has the lines '" + BEGIN + "' and '" + END + "'");
    return lines.subList(begin + 1, end);
  }

  /** The block with the first "# " of each line removed (what the sed recipe in the file does). */
  static String uncommented() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : block()) {
      assertTrue(line.equals("#") || line.startsWith("# "), "every line of the block is commented out: '" + line + "'");
      sb.append(line.length() <= 2 ? "" : line.substring(2)).append('\n');
    }
    return sb.toString();
  }

  /** The example with its commented-out policy_study section switched on. */
  static String withPolicyStudy(String example) {
    String on = example.replaceFirst("(?m)^  # policy_study:\\s*$", "  policy_study:")
        .replaceFirst("(?m)^  #   frames: (\\d+)\\s*$", "    frames: $1");
    assertFalse(on.equals(example), "the block shows a commented-out 'policy_study: frames: N' section");
    return on;
  }

  /** Writes {@code text} where the recipe saves it, with the trace it replays, under {@code root}. */
  private static Path save(Path root, String text) throws IOException {
    Path file = root.resolve(SAVED_AS);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    Files.createDirectories(root.resolve("traces"));
    Files.copy(TestPaths.home().resolve("traces/belady.pages"), root.resolve("traces/belady.pages"));
    return file;
  }

  @Test
  void theBlockIsAValidExperimentWithTheDocumentedDefaults() throws IOException {
    ExperimentSpec spec = ExperimentLoader.load(save(tmp, uncommented()));
    assertEquals("reference-example", spec.name());
    assertEquals(1L, spec.seed(), "seed: its default");
    assertEquals(0, spec.frames(), "policy study is off unless its section is given");
    assertEquals(List.of("ia32-pae", "x86_64-4level"), spec.machines().stream().map(m -> m.label()).toList());
    assertEquals(ExperimentLoader.DEFAULT_MEASURE, spec.measure(), "measure: its default");
    assertEquals(CostModel.DEFAULT, spec.cost(), "cost: every key at its default");
    ExperimentSpec.Outputs o = spec.outputs();
    assertEquals(List.of(true, true, true, true, false), List.of(o.table(), o.files(), o.png(), o.svg(), o.logY()),
        "outputs: table, files, png, svg, log_y at their defaults");
    assertEquals(Path.of("results/reference-example"), o.dir(), "outputs.dir: results/NAME");
    ProcessSpec app = spec.processes().get(0);
    ProcessSpec trace = spec.processes().get(1);
    assertEquals("minimal", app.start());
    assertEquals("i386", app.abi());
    assertEquals("empty", trace.start(), "a process whose first step is a replay starts empty");
    assertEquals(Map.of("child_writes", "1M"), spec.vars());
  }

  @Test
  void theBlockRuns() throws IOException {
    Path file = save(tmp, uncommented());
    CliRun.Result r = CliRun.vmlab("run", file.toString(), "--no-files", "-q");
    assertEquals(0, r.code(), r.toString());
    assertEquals("reference-example: 16 runs", r.out().strip(), "2 machines x 2 sizes x 2 policies x 2 values");
  }

  @Test
  void itsPolicyStudySectionIsValidToo() throws IOException {
    ExperimentSpec spec = ExperimentLoader.load(save(tmp, withPolicyStudy(uncommented())));
    assertEquals(32, spec.frames());
  }

  @Test
  void theBlockUsesEveryKeyTheLoaderAcceptsAndNoOther() throws IOException {
    Map<String, TreeSet<String>> used = new LinkedHashMap<>();
    String example = uncommented();
    for (String text : List.of(example, withPolicyStudy(example))) {
      Node root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
      collect(root, "", used);
    }
    Map<String, List<String>> accepted = new LinkedHashMap<>();
    accepted.put("", ExperimentLoader.ROOT);
    accepted.put("experiment", ExperimentLoader.EXPERIMENT);
    accepted.put("experiment.policy_study", ExperimentLoader.POLICY_STUDY);
    accepted.put("experiment.processes[]", ExperimentLoader.PROCESS);
    accepted.put("experiment.cost", ExperimentLoader.COST);
    accepted.put("experiment.outputs", ExperimentLoader.OUTPUTS);
    for (Map.Entry<String, List<String>> e : accepted.entrySet()) {
      assertEquals(new TreeSet<>(e.getValue()), used.getOrDefault(e.getKey(), new TreeSet<>()),
          "keys of '" + e.getKey() + "' in the block vs. ExperimentLoader's list");
    }
  }

  /** The keys of every mapping the loader checks, by path (list items as NAME[]). */
  private static void collect(Node node, String path, Map<String, TreeSet<String>> out) {
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        String key = ((ScalarNode) t.getKeyNode()).getValue();
        out.computeIfAbsent(path, k -> new TreeSet<>()).add(key);
        String child = path.isEmpty() ? key : path + "." + key;
        // Free-form mappings: vars and sweep are names, steps and files are arguments.
        if (!List.of("experiment.vars", "experiment.sweep", "experiment.processes[].steps",
            "experiment.processes[].files").contains(child)) {
          collect(t.getValueNode(), child, out);
        }
      }
    } else if (node instanceof SequenceNode s && path.equals("experiment.processes")) {
      s.getValue().forEach(item -> collect(item, path + "[]", out));
    }
  }

  @Test
  void theSweepableKeysItListsAreExactlyTheOnesTheLoaderTakes() throws IOException {
    List<String> documented = new ArrayList<>();
    boolean in = false;
    for (String line : block()) {
      if (line.contains("Sweepable keys:")) {
        in = true;
      } else if (in) {
        Matcher m = Pattern.compile("^#   #   ([a-z_.A-Z]+)\\s{2,}").matcher(line);
        if (m.find()) {
          documented.add(m.group(1));
        } else if (!line.matches("^#   #\\s{10,}\\S.*")) {
          break; // not a continuation line: the list ended
        }
      }
    }
    assertEquals(List.of("machine", "machine.KEY", "policy_study.frames", "seed", "vars.NAME"), documented);
    Map<String, String> sample = Map.of("machine", "[ia32-2level, x86_64-4level]", "machine.KEY",
        "machine.memory: [8M, 16M]", "policy_study.frames", "[3, 4]", "seed", "[1, 2]", "vars.NAME", "vars.n: [1, 2]");
    for (String key : documented) {
      String entry = sample.get(key).contains(":") ? sample.get(key) : key + ": " + sample.get(key);
      String machines = key.equals("machine") ? "" : "  machines: [x86_64-4level]\n";
      Path f = tmp.resolve("sweep-" + key + ".yaml");
      Files.writeString(f, "experiment:\n" + machines + "  vars: {n: 1}\n  processes:\n    - steps:\n"
          + "        - mmap: {length: 4K}\n  sweep:\n    " + entry + "\n");
      assertEquals(2, ExperimentLoader.load(f).sweep().get(0).values().size(), key + " is sweepable");
    }
    Path other = tmp.resolve("sweep-other.yaml");
    Files.writeString(other, "experiment:\n  machines: [x86_64-4level]\n  processes:\n    - steps:\n"
        + "        - mmap: {length: 4K}\n  sweep:\n    outputs.png: [true, false]\n");
    UserError e = assertThrows(UserError.class, () -> ExperimentLoader.load(other));
    assertTrue(e.getMessage().contains("cannot sweep 'outputs.png'"), e.getMessage());
  }

  @Test
  void theStepVocabularyDocumentsEveryOpAndNoOther() throws IOException {
    // The ops: StepRunner's top-level switch, plus the two an experiment adds (RunExecutor).
    String runner = Files.readString(TestPaths.home().resolve("app/src/main/java/io/vmlab/app/script/StepRunner.java"));
    TreeSet<String> ops = new TreeSet<>(List.of("exit", "replay"));
    Matcher m = Pattern.compile("(?m)^ {6}case \"([a-z_]+)\" ->").matcher(runner);
    while (m.find()) {
      ops.add(m.group(1));
    }
    assertTrue(ops.containsAll(List.of("mmap", "touch", "fork", "maps", "pin")), "parsed StepRunner's ops: " + ops);
    String vocabulary = vocabulary();
    for (String op : ops) {
      assertTrue(Pattern.compile("(?<![a-z_])" + op + "[:,]").matcher(vocabulary).find(),
          "the step vocabulary in configs/reference.yaml documents '" + op + "'");
    }
    TreeSet<String> documented = new TreeSet<>();
    Matcher d = Pattern.compile("(?m)^#\\s+#   ([a-z_]+):").matcher(vocabulary);
    while (d.find()) {
      documented.add(d.group(1));
    }
    documented.removeAll(ops);
    assertEquals(new TreeSet<>(), documented, "documented ops that vmlab does not have");
  }

  /** The block's step vocabulary: from "Arguments and their defaults" to the first step. */
  private static String vocabulary() throws IOException {
    String text = String.join("\n", block());
    int from = text.indexOf("Arguments and their defaults:");
    int to = text.indexOf("steps:\n", from);
    assertTrue(from >= 0 && to > from, "the block has a step vocabulary before the first steps");
    return text.substring(from, to);
  }

  @Test
  void itNamesEveryMetric() throws IOException {
    String text = String.join("\n", block());
    for (Metric metric : Metric.values()) {
      assertTrue(Pattern.compile("(?<![a-z_])" + metric.key() + "(?![a-z_])").matcher(text).find(),
          "the measure documentation names '" + metric.key() + "'");
    }
  }
}
